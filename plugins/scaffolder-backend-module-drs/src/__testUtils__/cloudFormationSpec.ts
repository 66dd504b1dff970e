import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';

/** The parts of @aws-cdk/aws-service-spec's model these checks read. */
type SpecType =
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] }
  | {
      type:
        | 'string'
        | 'number'
        | 'integer'
        | 'boolean'
        | 'json'
        | 'date-time'
        | 'tag'
        | 'null';
    };

interface SpecShape {
  properties: Record<string, { required?: boolean; type: SpecType }>;
}

export interface SpecResource extends SpecShape {
  attributes: Record<string, unknown>;
}

export interface CloudFormationSpec {
  resource(cloudFormationType: string): SpecResource | undefined;
  typeDefinition(id: string): SpecShape;
}

/** The CloudFormation resource specification shipped in @aws-cdk/aws-service-spec (db.json.gz). */
export async function loadCloudFormationSpec(): Promise<CloudFormationSpec> {
  const db = await loadAwsServiceSpec();
  return {
    resource: type =>
      db.lookup(
        'resource',
        'cloudFormationType',
        'equals',
        type,
      )[0] as unknown as SpecResource | undefined,
    typeDefinition: id => db.get('typeDefinition', id) as unknown as SpecShape,
  };
}

/** `{ Ref: ... }`, `{ "Fn::Sub": ... }` and the like: resolved by CloudFormation, not checked here. */
function isIntrinsic(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueProblems(
  spec: CloudFormationSpec,
  path: string,
  value: unknown,
  type: SpecType,
): string[] {
  if (isIntrinsic(value)) return [];
  switch (type.type) {
    case 'ref':
      return isObject(value)
        ? shapeProblems(
            spec,
            path,
            value,
            spec.typeDefinition(type.reference.$ref),
          )
        : [`${path}: expected an object`];
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((item, i) =>
            valueProblems(spec, `${path}[${i}]`, item, type.element),
          )
        : [`${path}: expected a list`];
    case 'map':
      return isObject(value)
        ? Object.entries(value).flatMap(([k, v]) =>
            valueProblems(spec, `${path}.${k}`, v, type.element),
          )
        : [`${path}: expected a map`];
    case 'union': {
      // Valid if any alternative fits; otherwise report the closest one.
      const attempts = type.types.map(t => valueProblems(spec, path, value, t));
      return attempts.some(a => a.length === 0)
        ? []
        : attempts.sort((a, b) => a.length - b.length)[0];
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? []
        : [`${path}: expected true or false`];
    default:
      return [];
  }
}

/** Unknown property names, missing required ones, and the same for nested property types. */
function shapeProblems(
  spec: CloudFormationSpec,
  path: string,
  value: Record<string, unknown>,
  shape: SpecShape,
): string[] {
  const unknown = Object.keys(value)
    .filter(key => !shape.properties[key])
    .map(key => `${path}.${key}: no such property`);
  const missing = Object.entries(shape.properties)
    .filter(([key, property]) => property.required && !(key in value))
    .map(([key]) => `${path}: required property ${key} is missing`);
  const nested = Object.entries(value)
    .filter(([key]) => shape.properties[key])
    .flatMap(([key, v]) =>
      valueProblems(spec, `${path}.${key}`, v, shape.properties[key].type),
    );
  return [...unknown, ...missing, ...nested];
}

/** Every way the template's resources disagree with the CloudFormation resource specification. */
export function resourceSpecProblems(
  spec: CloudFormationSpec,
  resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown> }
  >,
): string[] {
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    const resourceSpec = spec.resource(resource.Type);
    if (!resourceSpec)
      return [`${logicalId}: unknown resource type ${resource.Type}`];
    return shapeProblems(
      spec,
      logicalId,
      resource.Properties ?? {},
      resourceSpec,
    );
  });
}
