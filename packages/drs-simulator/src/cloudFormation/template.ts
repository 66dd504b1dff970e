import { TemplateError } from './errors';
import { dependencyOrder, referencesIn } from './references';
import { iamCapability, supportsAttribute } from './resourceTypes';
import { readTemplateDocument } from './templateDocument';

/** A template parameter as declared. */
export interface TemplateParameter {
  name: string;
  type: string;
  default?: string;
  description?: string;
  noEcho: boolean;
  allowedPattern?: string;
  allowedValues?: string[];
  minLength?: number;
  maxLength?: number;
  constraintDescription?: string;
}

export interface TemplateResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  condition?: string;
  /** Resources it needs first: its DependsOn, and every one its properties refer to. */
  dependsOn: string[];
  /** What happens to it when the stack deletes it: Delete, Retain or Snapshot. */
  deletionPolicy: string;
  /** What happens to the old one when an update replaces it. */
  updateReplacePolicy: string;
}

export interface TemplateOutput {
  key: string;
  value: unknown;
  description?: string;
  condition?: string;
}

/** A template read and checked: what CloudFormation would accept before any parameter is known. */
export interface StackTemplate {
  body: string;
  description?: string;
  parameters: TemplateParameter[];
  mappings: Record<string, unknown>;
  conditions: Record<string, unknown>;
  /** Each after those it depends on. */
  resources: TemplateResource[];
  outputs: TemplateOutput[];
}

const SECTIONS = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
];

/** The pseudo parameters every template may refer to. */
export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

const ALPHANUMERIC = /^[A-Za-z0-9]+$/;

function mapping(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TemplateError(`Template format error: ${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

const text = (value: unknown) =>
  value === undefined || value === null ? undefined : String(value);

function readParameters(section: Record<string, unknown>): TemplateParameter[] {
  return Object.entries(section).map(([name, value]) => {
    const declared = mapping(value, `Parameter ${name}`);
    if (!ALPHANUMERIC.test(name)) {
      throw new TemplateError(
        `Template format error: Parameter name ${name} is non alphanumeric.`,
      );
    }
    if (typeof declared.Type !== 'string') {
      throw new TemplateError(
        'Template format error: Every Parameters object must contain a Type member.',
      );
    }
    const number = (key: string) =>
      declared[key] === undefined ? undefined : Number(declared[key]);
    return {
      name,
      type: declared.Type,
      default: text(declared.Default),
      description: text(declared.Description),
      noEcho: String(declared.NoEcho) === 'true',
      allowedPattern: text(declared.AllowedPattern),
      allowedValues: Array.isArray(declared.AllowedValues)
        ? declared.AllowedValues.map(String)
        : undefined,
      minLength: number('MinLength'),
      maxLength: number('MaxLength'),
      constraintDescription: text(declared.ConstraintDescription),
    };
  });
}

function readResource(logicalId: string, value: unknown): TemplateResource {
  const declared = mapping(value, `Resource ${logicalId}`);
  if (!ALPHANUMERIC.test(logicalId)) {
    throw new TemplateError(
      `Template format error: Resource name ${logicalId} is non alphanumeric.`,
    );
  }
  if (
    typeof declared.Type !== 'string' ||
    !/^(AWS|Custom)::/.test(declared.Type)
  ) {
    throw new TemplateError(
      `Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member of the form AWS::Service::Resource.`,
    );
  }
  const properties = mapping(declared.Properties, `${logicalId}.Properties`);
  const dependsOn = declared.DependsOn ?? [];
  const references = referencesIn(properties);
  return {
    logicalId,
    type: declared.Type,
    properties,
    condition: text(declared.Condition),
    dependsOn: [
      ...new Set([
        ...(Array.isArray(dependsOn) ? dependsOn : [dependsOn]).map(String),
        ...references.names,
        ...references.attributes.map(([resource]) => resource),
      ]),
    ],
    deletionPolicy: text(declared.DeletionPolicy) ?? 'Delete',
    updateReplacePolicy: text(declared.UpdateReplacePolicy) ?? 'Delete',
  };
}

function readOutputs(section: Record<string, unknown>): TemplateOutput[] {
  return Object.entries(section).map(([key, value]) => {
    const declared = mapping(value, `Output ${key}`);
    if (declared.Value === undefined) {
      throw new TemplateError(
        'Template format error: Every Outputs member must contain a Value object',
      );
    }
    return {
      key,
      value: declared.Value,
      description: text(declared.Description),
      condition: text(declared.Condition),
    };
  });
}

/** Refs to nothing, attributes a type lacks, and unknown conditions, as CloudFormation words them. */
function checkReferences(template: StackTemplate) {
  const byId = new Map(template.resources.map(r => [r.logicalId, r]));
  const known = new Set([
    ...PSEUDO_PARAMETERS,
    ...template.parameters.map(p => p.name),
    ...byId.keys(),
  ]);
  const check = (value: unknown, block: string) => {
    const { names, attributes } = referencesIn(value);
    const unresolved = [
      ...[...names].filter(name => !known.has(name)),
      ...attributes.map(([r]) => r).filter(r => !byId.has(r)),
    ];
    if (unresolved.length) {
      throw new TemplateError(
        `Template format error: Unresolved resource dependencies [${[
          ...new Set(unresolved),
        ].join(', ')}] in the ${block} block of the template`,
      );
    }
    for (const [resource, attribute] of attributes) {
      if (!supportsAttribute(byId.get(resource)!.type, attribute)) {
        throw new TemplateError(
          `Template error: resource ${resource} does not support attribute type ${attribute} in Fn::GetAtt`,
        );
      }
    }
  };
  for (const resource of template.resources) {
    check(resource.properties, 'Resources');
    const unknown = resource.dependsOn.filter(id => !known.has(id));
    if (unknown.length) check({ Ref: unknown[0] }, 'Resources');
  }
  template.outputs.forEach(output => check(output.value, 'Outputs'));
  for (const { condition, logicalId, key } of [
    ...template.resources,
    ...template.outputs,
  ] as { condition?: string; logicalId?: string; key?: string }[]) {
    if (
      condition !== undefined &&
      !Object.hasOwn(template.conditions, condition)
    ) {
      throw new TemplateError(
        `Template format error: Unresolved dependencies [${condition}]: ${
          logicalId ?? key
        } names a condition the Conditions block does not define`,
      );
    }
  }
}

/**
 * Reads a template body (JSON or YAML) and checks it as CloudFormation's ValidateTemplate does:
 * its sections, every parameter, resource and output, and what they refer to.
 */
export function parseTemplate(body: string): StackTemplate {
  const document = readTemplateDocument(body);
  const unknown = Object.keys(document).filter(key => !SECTIONS.includes(key));
  if (unknown.length) {
    throw new TemplateError(
      `Template format error: Invalid template property or properties [${unknown.join(
        ', ',
      )}]`,
    );
  }
  if (document.Transform !== undefined) {
    throw new TemplateError(
      `Template format error: the simulator does not run transforms (Transform: ${JSON.stringify(
        document.Transform,
      )})`,
    );
  }
  const resources = Object.entries(mapping(document.Resources, 'Resources'));
  if (!resources.length) {
    throw new TemplateError(
      'Template format error: At least one Resources member must be defined.',
    );
  }
  const template: StackTemplate = {
    body,
    description: text(document.Description),
    parameters: readParameters(mapping(document.Parameters, 'Parameters')),
    mappings: mapping(document.Mappings, 'Mappings'),
    conditions: mapping(document.Conditions, 'Conditions'),
    resources: resources.map(([id, value]) => readResource(id, value)),
    outputs: readOutputs(mapping(document.Outputs, 'Outputs')),
  };
  checkReferences(template);
  const resourceIds = new Set(template.resources.map(r => r.logicalId));
  template.resources = dependencyOrder(
    template.resources.map(resource => ({
      ...resource,
      dependsOn: resource.dependsOn.filter(id => resourceIds.has(id)),
    })),
  );
  return template;
}

/**
 * The capability a template's IAM resources need: CAPABILITY_NAMED_IAM when it names one,
 * CAPABILITY_IAM otherwise; and the types that need it.
 */
export function requiredCapability(template: StackTemplate): {
  capability?: 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM';
  types: string[];
} {
  const needs = template.resources
    .map(resource => ({
      type: resource.type,
      capability: iamCapability(resource.type, resource.properties),
    }))
    .filter(need => need.capability);
  return {
    capability: needs.some(need => need.capability === 'CAPABILITY_NAMED_IAM')
      ? 'CAPABILITY_NAMED_IAM'
      : needs[0]?.capability,
    types: [...new Set(needs.map(need => need.type))],
  };
}
