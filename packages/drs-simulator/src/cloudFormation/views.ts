import { OperationContext } from '../operations/context';
import { paginate } from '../pagination';
import { iso } from '../views';
import { readingTemplate, validationError } from './errors';
import { NO_CHANGES } from './changeSets';
import { changeSetOrError, stackOrError } from './lookup';
import {
  ChangeSetRecord,
  StackDefinition,
  StackEventRecord,
  StackRecord,
} from './records';
import { parseTemplate, requiredCapability } from './template';

/** CloudFormation's pages of stacks, events and changes. */
const PAGE_SIZE = 100;

function page<T>(operation: string, items: T[], nextToken?: string) {
  return paginate(operation, items, { maxResults: PAGE_SIZE, nextToken }, () =>
    validationError(`Invalid NextToken for ${operation}`),
  );
}

function parametersView(definition: StackDefinition) {
  return definition.template.parameters
    .filter(parameter => Object.hasOwn(definition.parameters, parameter.name))
    .map(parameter => ({
      ParameterKey: parameter.name,
      ParameterValue: parameter.noEcho
        ? '****'
        : definition.parameters[parameter.name],
    }));
}

export function stackView(stack: StackRecord) {
  // While an operation is under way, the stack shows what it asked for; outputs wait for its end.
  const definition = stack.deployed ?? stack.operation?.target;
  const { deployed } = stack;
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    ...(stack.changeSetId ? { ChangeSetId: stack.changeSetId } : {}),
    ...(definition?.template.description
      ? { Description: definition.template.description }
      : {}),
    Parameters: definition ? parametersView(definition) : [],
    CreationTime: iso(stack.createdAt),
    ...(stack.deletedAt !== undefined
      ? { DeletionTime: iso(stack.deletedAt) }
      : {}),
    ...(stack.updatedAt !== undefined
      ? { LastUpdatedTime: iso(stack.updatedAt) }
      : {}),
    RollbackConfiguration: {},
    StackStatus: stack.status,
    ...(stack.statusReason ? { StackStatusReason: stack.statusReason } : {}),
    DisableRollback: stack.disableRollback,
    NotificationARNs: definition?.notificationArns ?? [],
    Capabilities: definition?.capabilities ?? [],
    ...(deployed?.outputs.length
      ? {
          Outputs: deployed.outputs.map(output => ({
            OutputKey: output.key,
            OutputValue: output.value,
            ...(output.description ? { Description: output.description } : {}),
          })),
        }
      : {}),
    Tags: definition?.tags ?? [],
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

/** DescribeStacks: one stack by name or ID, or every live one. */
export function describeStacks(
  { sim, tenant }: OperationContext,
  input: { StackName?: string; NextToken?: string },
) {
  const stacks = sim.cloudFormation.of(tenant);
  const chosen = input.StackName
    ? [stackOrError(stacks, input.StackName)]
    : stacks.stacks.filter(stack => stack.deletedAt === undefined);
  const { items, nextToken } = page('DescribeStacks', chosen, input.NextToken);
  return {
    Stacks: items.map(stackView),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

function eventView(stack: StackRecord, event: StackEventRecord) {
  return {
    StackId: stack.stackId,
    EventId: event.eventId,
    StackName: stack.stackName,
    LogicalResourceId: event.logicalId,
    ...(event.physicalId !== undefined
      ? { PhysicalResourceId: event.physicalId }
      : {}),
    ResourceType: event.type,
    Timestamp: iso(event.at),
    ResourceStatus: event.status,
    ...(event.reason ? { ResourceStatusReason: event.reason } : {}),
    ...(event.properties ? { ResourceProperties: event.properties } : {}),
    ...(event.token ? { ClientRequestToken: event.token } : {}),
  };
}

/** DescribeStackEvents: newest first. */
export function describeStackEvents(
  { sim, tenant }: OperationContext,
  input: { StackName?: string; NextToken?: string },
) {
  if (!input.StackName) {
    throw validationError('StackName is required');
  }
  const stack = stackOrError(sim.cloudFormation.of(tenant), input.StackName);
  const newestFirst = [...stack.events].reverse();
  const { items, nextToken } = page(
    'DescribeStackEvents',
    newestFirst,
    input.NextToken,
  );
  return {
    StackEvents: items.map(event => eventView(stack, event)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

/** Where a change set is in its making, and whether it may be executed. */
export function changeSetStatus(changeSet: ChangeSetRecord, now: number) {
  if (now < changeSet.readyAt) {
    return {
      Status:
        now < changeSet.computingAt ? 'CREATE_PENDING' : 'CREATE_IN_PROGRESS',
      ExecutionStatus: 'UNAVAILABLE',
    };
  }
  if (!changeSet.changes.length) {
    return {
      Status: 'FAILED',
      StatusReason: NO_CHANGES,
      ExecutionStatus: 'UNAVAILABLE',
    };
  }
  return {
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: changeSet.execution ?? 'AVAILABLE',
  };
}

/** DescribeChangeSet: its state, and once worked out, its changes (in pages). */
export function describeChangeSet(
  { sim, tenant, now }: OperationContext,
  input: { ChangeSetName: string; StackName?: string; NextToken?: string },
) {
  const changeSet = changeSetOrError(
    sim.cloudFormation.of(tenant),
    input.ChangeSetName,
    input.StackName,
  );
  const status = changeSetStatus(changeSet, now);
  const { target } = changeSet;
  const changes = page(
    'DescribeChangeSet',
    status.Status === 'CREATE_COMPLETE' ? changeSet.changes : [],
    input.NextToken,
  );
  return {
    ChangeSetName: changeSet.changeSetName,
    ChangeSetId: changeSet.changeSetId,
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    ...(changeSet.description ? { Description: changeSet.description } : {}),
    Parameters: parametersView(target),
    CreationTime: iso(changeSet.createdAt),
    ...status,
    NotificationARNs: target.notificationArns,
    RollbackConfiguration: {},
    Capabilities: target.capabilities,
    Tags: target.tags,
    Changes: changes.items.map(change => ({
      Type: 'Resource',
      ResourceChange: change,
    })),
    ...(changes.nextToken ? { NextToken: changes.nextToken } : {}),
    IncludeNestedStacks: false,
  };
}

/** ValidateTemplate: what CloudFormation reads from a template before any parameter is given. */
export function validateTemplate(
  _context: OperationContext,
  input: { TemplateBody?: string; TemplateURL?: string },
) {
  if (input.TemplateURL !== undefined) {
    throw validationError(
      'The simulator does not simulate TemplateURL; send TemplateBody',
    );
  }
  if (input.TemplateBody === undefined) {
    throw validationError(
      'Either Template URL or Template Body must be specified.',
    );
  }
  const body = input.TemplateBody;
  const template = readingTemplate(() => parseTemplate(body));
  const { capability, types } = requiredCapability(template);
  return {
    Parameters: template.parameters.map(parameter => ({
      ParameterKey: parameter.name,
      ...(parameter.default !== undefined
        ? { DefaultValue: parameter.default }
        : {}),
      NoEcho: parameter.noEcho,
      ...(parameter.description ? { Description: parameter.description } : {}),
    })),
    ...(template.description ? { Description: template.description } : {}),
    Capabilities: capability ? [capability] : [],
    ...(capability
      ? {
          CapabilitiesReason: `The following resource(s) require capabilities: [${types.join(
            ', ',
          )}]`,
        }
      : {}),
    DeclaredTransforms: [],
  };
}
