import { canonicalJson } from '../canonicalJson';
import { TemplateError } from './errors';
import { condition, resolveValue, Resolver } from './intrinsics';
import { parameterValue } from './parameters';
import {
  DeployedResource,
  ResourceChangeRecord,
  StackDefinition,
  StackOutputRecord,
} from './records';
import {
  physicalIdentity,
  replacementProperties,
  ResourceEnvironment,
} from './resourceTypes';
import { StackTemplate } from './template';

/** What a change set turns a stack into, and from what. */
export interface PlanRequest {
  template: StackTemplate;
  parameters: Record<string, string>;
  env: ResourceEnvironment;
  capabilities: string[];
  tags: { Key: string; Value: string }[];
  notificationArns: string[];
  /** What is deployed now; none for a new stack. */
  previous?: StackDefinition;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function pseudoParameter(
  name: string,
  { env, notificationArns }: PlanRequest,
): string | string[] | undefined {
  const values: Record<string, string | string[]> = {
    'AWS::AccountId': env.accountId,
    'AWS::NotificationARNs': notificationArns,
    'AWS::Partition': 'aws',
    'AWS::Region': env.region,
    'AWS::StackId': env.stackId,
    'AWS::StackName': env.stackName,
    'AWS::URLSuffix': 'amazonaws.com',
  };
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

/** Resolves the template's functions against the request and the resources resolved so far. */
function resolverFor(
  request: PlanRequest,
  resources: Map<string, DeployedResource>,
): Resolver {
  const { template } = request;
  const conditions = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const resolver: Resolver = {
    parameter: name =>
      pseudoParameter(name, request) ??
      parameterValue(template, request.parameters, name),
    resource: logicalId => resources.get(logicalId),
    condition: name => {
      const known = conditions.get(name);
      if (known !== undefined) return known;
      if (!Object.hasOwn(template.conditions, name) || evaluating.has(name)) {
        throw new TemplateError(
          `Template error: unresolved or circular condition dependency ${name}`,
        );
      }
      evaluating.add(name);
      const holds = condition(template.conditions[name], resolver);
      evaluating.delete(name);
      conditions.set(name, holds);
      return holds;
    },
    mappings: template.mappings,
    region: request.env.region,
  };
  return resolver;
}

/** A resource as the template now wants it, named as before unless a change replaces it. */
function desiredResource(
  request: PlanRequest,
  resolver: Resolver,
  declared: StackTemplate['resources'][number],
  resources: Map<string, DeployedResource>,
): DeployedResource {
  const { logicalId, type } = declared;
  const properties = resolveValue(declared.properties, resolver) as Record<
    string,
    unknown
  >;
  const before = request.previous?.resources.get(logicalId);
  if (before && before.type !== type) {
    throw new TemplateError(
      `Update of resource type is not permitted. The new template modifies resource type of the following resources: [${logicalId}]`,
    );
  }
  const replaced =
    before !== undefined &&
    replacementProperties(type).some(
      name => !same(before.properties[name], properties[name]),
    );
  const generation = (before?.generation ?? 0) + (replaced ? 1 : 0);
  return {
    logicalId,
    type,
    properties,
    ...physicalIdentity(type, logicalId, properties, request.env, generation),
    // Those its conditions keep: the others are not in the stack.
    dependsOn: declared.dependsOn.filter(id => resources.has(id)),
    deletionPolicy: declared.deletionPolicy,
    updateReplacePolicy: declared.updateReplacePolicy,
    generation,
  };
}

function modification(
  before: DeployedResource,
  after: DeployedResource,
): ResourceChangeRecord | undefined {
  const names = [
    ...new Set([
      ...Object.keys(before.properties),
      ...Object.keys(after.properties),
    ]),
  ].filter(name => !same(before.properties[name], after.properties[name]));
  if (!names.length) return undefined;
  const replacing = replacementProperties(after.type);
  const attribute = (name: string) => (name === 'Tags' ? 'Tags' : 'Properties');
  return {
    Action: 'Modify',
    LogicalResourceId: after.logicalId,
    PhysicalResourceId: before.physicalId,
    ResourceType: after.type,
    Replacement: after.generation > before.generation ? 'True' : 'False',
    Scope: [...new Set(names.map(attribute))],
    Details: names.map(name => ({
      Target: {
        Attribute: attribute(name),
        Name: name,
        RequiresRecreation: replacing.includes(name) ? 'Always' : 'Never',
      },
      Evaluation: 'Static',
      ChangeSource: 'DirectModification',
    })),
  };
}

/** What the change set does, resource by resource: added and modified ones first, then removed. */
function changesBetween(
  previous: Map<string, DeployedResource>,
  target: Map<string, DeployedResource>,
): ResourceChangeRecord[] {
  const changes: ResourceChangeRecord[] = [];
  for (const resource of target.values()) {
    const before = previous.get(resource.logicalId);
    const change = before
      ? modification(before, resource)
      : {
          Action: 'Add' as const,
          LogicalResourceId: resource.logicalId,
          ResourceType: resource.type,
          Scope: [],
          Details: [],
        };
    if (change) changes.push(change);
  }
  for (const resource of previous.values()) {
    if (!target.has(resource.logicalId)) {
      changes.push({
        Action: 'Remove',
        LogicalResourceId: resource.logicalId,
        PhysicalResourceId: resource.physicalId,
        ResourceType: resource.type,
        Scope: [],
        Details: [],
      });
    }
  }
  return changes;
}

/**
 * The stack a change set would make: every resource the template's conditions keep, resolved
 * and named, its outputs, and the changes from what is deployed.
 */
export function planStack(request: PlanRequest): {
  target: StackDefinition;
  changes: ResourceChangeRecord[];
} {
  const { template } = request;
  const resources = new Map<string, DeployedResource>();
  const resolver = resolverFor(request, resources);
  for (const declared of template.resources) {
    if (declared.condition && !resolver.condition(declared.condition)) continue;
    resources.set(
      declared.logicalId,
      desiredResource(request, resolver, declared, resources),
    );
  }
  const outputs: StackOutputRecord[] = template.outputs
    .filter(output => !output.condition || resolver.condition(output.condition))
    .map(output => ({
      key: output.key,
      value: String(resolveValue(output.value, resolver)),
      ...(output.description ? { description: output.description } : {}),
    }));
  return {
    target: {
      template,
      parameters: request.parameters,
      resources,
      outputs,
      capabilities: request.capabilities,
      tags: request.tags,
      notificationArns: request.notificationArns,
    },
    changes: changesBetween(
      request.previous?.resources ?? new Map(),
      resources,
    ),
  };
}
