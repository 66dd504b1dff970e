import { asUuid, stableHex } from '../ids';

/*
 * What the simulator knows of each resource type of the DRS orchestration stack (and a few
 * near it): the property that names it, what Ref and Fn::GetAtt give, which property changes
 * replace it, and how long CloudFormation takes over it. Any other type is recorded with a
 * generated name and answers any attribute, so templates beyond this stack still deploy.
 */

/** Where a stack lives, as the names and ARNs of its resources show it. */
export interface ResourceEnvironment {
  region: string;
  accountId: string;
  stackName: string;
  stackId: string;
}

/** A resource's identity once named: Ref's value, and its GetAtt attributes. */
export interface PhysicalIdentity {
  physicalId: string;
  attributes: Record<string, string>;
}

interface NamedResource {
  name: string;
  env: ResourceEnvironment;
  properties: Record<string, unknown>;
  /** Stable hex characters of this resource, for IDs AWS draws. */
  hex: string;
}

interface ResourceKind {
  /** The property the template may name the resource with; without it, CloudFormation names it. */
  nameProperty?: string;
  maxNameLength: number;
  /** Ref gives the resource's name, unless this gives something else (an ARN). */
  ref?(resource: NamedResource): string;
  /** Fn::GetAtt attributes; absent for types the simulator does not know, which answer any. */
  attributes?: Record<string, (resource: NamedResource) => string>;
  /** Properties whose change replaces the resource (a new one, then the old one deleted). */
  replacedBy: string[];
  /** How long creating, updating and deleting one takes at speed 1. */
  seconds: { create: number; update: number; delete: number };
}

const arnOf = (service: string, resource: NamedResource, path: string) =>
  `arn:aws:${service}:${resource.env.region}:${resource.env.accountId}:${path}`;
const iamArnOf = (kind: string, resource: NamedResource) => {
  const path = (resource.properties.Path as string | undefined) ?? '/';
  return `arn:aws:iam::${resource.env.accountId}:${kind}${path}${resource.name}`;
};
/** IAM's unique IDs: a prefix naming the kind, then 17 upper-case characters. */
const iamId = (prefix: string, resource: NamedResource) =>
  prefix + resource.hex.slice(0, 17).toUpperCase();

/** How IAM names a kind of resource: the name property, ARN attribute, ID attribute and prefix. */
type IamNaming = [
  nameProperty: string,
  maxNameLength: number,
  arnAttribute: string,
  idAttribute: string,
  idPrefix: string,
];

const IAM_NAMING: Record<'role' | 'policy', IamNaming> = {
  role: ['RoleName', 64, 'Arn', 'RoleId', 'AROA'],
  policy: ['ManagedPolicyName', 128, 'PolicyArn', 'PolicyId', 'ANPA'],
};

/** IAM's named resources: an ARN with the resource's path, and a unique ID of IAM's format. */
function iamKind(
  kind: 'role' | 'policy',
  seconds: ResourceKind['seconds'],
): ResourceKind {
  const [nameProperty, maxNameLength, arnAttribute, idAttribute, idPrefix] =
    IAM_NAMING[kind];
  const arn = (resource: NamedResource) => iamArnOf(kind, resource);
  return {
    nameProperty,
    maxNameLength,
    // A managed policy is known by its ARN; a role by its name.
    ...(kind === 'policy' ? { ref: arn } : {}),
    attributes: {
      [arnAttribute]: arn,
      [idAttribute]: resource => iamId(idPrefix, resource),
    },
    replacedBy: [nameProperty, 'Path'],
    seconds,
  };
}

const KINDS: Record<string, ResourceKind> = {
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    maxNameLength: 255,
    attributes: {
      Arn: r => arnOf('dynamodb', r, `table/${r.name}`),
      StreamArn: r =>
        arnOf('dynamodb', r, `table/${r.name}/stream/2024-01-01T00:00:00.000`),
    },
    replacedBy: ['TableName', 'KeySchema', 'LocalSecondaryIndexes'],
    seconds: { create: 20, update: 10, delete: 10 },
  },
  'AWS::IAM::Role': iamKind('role', { create: 12, update: 5, delete: 5 }),
  'AWS::IAM::ManagedPolicy': iamKind('policy', {
    create: 8,
    update: 5,
    delete: 5,
  }),
  'AWS::IAM::Policy': {
    maxNameLength: 128,
    attributes: { Id: r => r.name },
    replacedBy: [],
    seconds: { create: 8, update: 5, delete: 5 },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    maxNameLength: 256,
    ref: r => arnOf('sns', r, r.name),
    attributes: {
      TopicArn: r => arnOf('sns', r, r.name),
      TopicName: r => r.name,
    },
    replacedBy: ['TopicName', 'FifoTopic'],
    seconds: { create: 3, update: 2, delete: 2 },
  },
  'AWS::SNS::Subscription': {
    maxNameLength: 256,
    ref: r => `${String(r.properties.TopicArn)}:${asUuid(r.hex)}`,
    attributes: {},
    replacedBy: ['Endpoint', 'Protocol', 'TopicArn'],
    seconds: { create: 2, update: 2, delete: 2 },
  },
  'AWS::CloudWatch::Alarm': {
    nameProperty: 'AlarmName',
    maxNameLength: 255,
    attributes: { Arn: r => arnOf('cloudwatch', r, `alarm:${r.name}`) },
    replacedBy: ['AlarmName'],
    seconds: { create: 2, update: 2, delete: 2 },
  },
  'AWS::CloudWatch::Dashboard': {
    nameProperty: 'DashboardName',
    maxNameLength: 255,
    attributes: {},
    replacedBy: ['DashboardName'],
    seconds: { create: 2, update: 2, delete: 2 },
  },
};

const UNKNOWN_KIND: ResourceKind = {
  maxNameLength: 128,
  replacedBy: [],
  seconds: { create: 5, update: 5, delete: 5 },
};

function kindOf(type: string): ResourceKind {
  return Object.hasOwn(KINDS, type) ? KINDS[type] : UNKNOWN_KIND;
}

/** Whether Fn::GetAtt may ask this type for this attribute. */
export function supportsAttribute(type: string, attribute: string): boolean {
  const { attributes } = kindOf(type);
  return !attributes || Object.hasOwn(attributes, attribute);
}

export function replacementProperties(type: string): string[] {
  return kindOf(type).replacedBy;
}

export function baseSeconds(
  type: string,
  verb: 'create' | 'update' | 'delete',
): number {
  return kindOf(type).seconds[verb];
}

/** Names CloudFormation gives resources the template does not name: stack-logicalId-SUFFIX. */
function generatedName(
  kind: ResourceKind,
  env: ResourceEnvironment,
  logicalId: string,
  hex: string,
): string {
  const suffix = hex.slice(0, 12).toUpperCase();
  const room = Math.max(2, kind.maxNameLength - suffix.length - 2);
  const stackPart = env.stackName.slice(0, Math.ceil(room / 2));
  const logicalPart = logicalId.slice(0, room - stackPart.length);
  return `${stackPart}-${logicalPart}-${suffix}`;
}

/**
 * The resource's physical ID and attributes. A resource the template names is called so; one it
 * does not gets a generated name, new with each replacement (`generation`).
 */
export function physicalIdentity(
  type: string,
  logicalId: string,
  properties: Record<string, unknown>,
  env: ResourceEnvironment,
  generation: number,
): PhysicalIdentity {
  const kind = kindOf(type);
  const hex = stableHex(40, env.stackId, logicalId, String(generation));
  const given = kind.nameProperty ? properties[kind.nameProperty] : undefined;
  const name =
    typeof given === 'string' && given
      ? given
      : generatedName(kind, env, logicalId, hex);
  const resource: NamedResource = { name, env, properties, hex };
  const [service, thing] = type.split('::').slice(1);
  const attributes = kind.attributes
    ? Object.fromEntries(
        Object.entries(kind.attributes).map(([key, value]) => [
          key,
          value(resource),
        ]),
      )
    : {
        Arn: arnOf(
          (service ?? 'unknown').toLowerCase(),
          resource,
          `${(thing ?? 'resource').toLowerCase()}/${name}`,
        ),
      };
  return { physicalId: kind.ref ? kind.ref(resource) : name, attributes };
}

/**
 * A Fn::GetAtt value: the attribute the type defines, or for a type the simulator does not know,
 * one made up from the physical ID.
 */
export function attributeValue(
  identity: PhysicalIdentity,
  attribute: string,
): string {
  return Object.hasOwn(identity.attributes, attribute)
    ? identity.attributes[attribute]
    : `${identity.physicalId}/${attribute}`;
}

/** IAM resources need CAPABILITY_IAM; those the template names, CAPABILITY_NAMED_IAM. */
const IAM_NAME_PROPERTIES = [
  'RoleName',
  'UserName',
  'GroupName',
  'ManagedPolicyName',
  'InstanceProfileName',
];

export function iamCapability(
  type: string,
  properties: Record<string, unknown>,
): 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | undefined {
  if (!type.startsWith('AWS::IAM::')) return undefined;
  return IAM_NAME_PROPERTIES.some(name => properties[name] !== undefined)
    ? 'CAPABILITY_NAMED_IAM'
    : 'CAPABILITY_IAM';
}
