import { OperationContext } from '../operations/context';
import { cloudFormationError, validationError } from './errors';
import { assertUpdatable, changeSetOrError, findStack } from './lookup';
import { deleteAllActions, forwardActions } from './operation';
import {
  ChangeSetRecord,
  OperationKind,
  ResourceAction,
  StackDefinition,
  StackRecord,
  TenantStacks,
} from './records';
import { startOperation } from './runner';
import { changeSetStatus } from './views';

function assertTokenUnused(stack: StackRecord, token: string | undefined) {
  if (token && stack.tokens.has(token)) {
    throw cloudFormationError(
      'TokenAlreadyExistsException',
      `Another Stack operation with the ClientRequestToken ${token} already exists`,
    );
  }
}

/** Executing a change set, or deleting, removes the stack's other change sets. */
function dropChangeSets(
  stacks: TenantStacks,
  stack: StackRecord,
  keep?: ChangeSetRecord,
) {
  for (const [id, changeSet] of stacks.changeSets) {
    if (changeSet.stackId === stack.stackId && changeSet !== keep) {
      stacks.changeSets.delete(id);
    }
  }
}

function begin(
  context: OperationContext,
  stack: StackRecord,
  operation: {
    kind: OperationKind;
    token?: string;
    changeSetId?: string;
    target?: StackDefinition;
    disableRollback?: boolean;
  },
  forward: ResourceAction[],
) {
  startOperation(
    stack,
    {
      index: stack.operationCount,
      previous: stack.deployed,
      disableRollback: false,
      ...operation,
      stage: 'forward',
      stageStartedAt: context.now,
      actions: [],
      forward: [],
      failed: [],
      ended: false,
      outcomes: new Map(),
    },
    forward,
    context.now,
    context.sim.stackRunner(),
  );
}

interface ExecuteChangeSetInput {
  ChangeSetName: string;
  StackName?: string;
  ClientRequestToken?: string;
  DisableRollback?: boolean;
  RetainExceptOnCreate?: boolean;
}

/**
 * ExecuteChangeSet: starts the stack operation the change set describes. A retry with the
 * ClientRequestToken that executed it succeeds without executing it again.
 */
export function executeChangeSet(
  context: OperationContext,
  input: ExecuteChangeSetInput,
) {
  const { sim, tenant, now } = context;
  const stacks = sim.cloudFormation.of(tenant);
  const changeSet = changeSetOrError(
    stacks,
    input.ChangeSetName,
    input.StackName,
  );
  const token = input.ClientRequestToken;
  if (changeSet.executedWith !== undefined) {
    if (token && changeSet.executedWith === token) return {};
    throw cloudFormationError(
      'InvalidChangeSetStatusException',
      `ChangeSet [${changeSet.changeSetId}] cannot be executed in its current execution status of [${changeSet.execution}]`,
    );
  }
  const { Status } = changeSetStatus(changeSet, now);
  if (Status !== 'CREATE_COMPLETE') {
    throw cloudFormationError(
      'InvalidChangeSetStatusException',
      `ChangeSet [${changeSet.changeSetId}] cannot be executed in its current status of [${Status}]`,
    );
  }
  if (input.RetainExceptOnCreate) {
    throw validationError(
      'The simulator does not simulate RetainExceptOnCreate',
    );
  }
  const stack = findStack(stacks, changeSet.stackId)!;
  assertTokenUnused(stack, token);
  if (changeSet.type === 'UPDATE') assertUpdatable(stack);
  const changed = new Set(
    changeSet.changes
      .filter(change => change.Action !== 'Remove')
      .map(change => change.LogicalResourceId),
  );
  const runner = sim.stackRunner();
  changeSet.execution = 'EXECUTE_IN_PROGRESS';
  changeSet.executedWith = token ?? '';
  stack.changeSetId = changeSet.changeSetId;
  stack.disableRollback = input.DisableRollback ?? false;
  if (changeSet.type === 'UPDATE') stack.updatedAt = now;
  dropChangeSets(stacks, stack, changeSet);
  begin(
    context,
    stack,
    {
      kind: changeSet.type,
      token,
      changeSetId: changeSet.changeSetId,
      target: changeSet.target,
      disableRollback: stack.disableRollback,
    },
    forwardActions(stack.deployed, changeSet.target, changed, runner),
  );
  return {};
}

/** DeleteChangeSet: any but one being worked out or executed. */
export function deleteChangeSet(
  { sim, tenant, now }: OperationContext,
  input: { ChangeSetName: string; StackName?: string },
) {
  const stacks = sim.cloudFormation.of(tenant);
  const changeSet = changeSetOrError(
    stacks,
    input.ChangeSetName,
    input.StackName,
  );
  const { Status } = changeSetStatus(changeSet, now);
  const busy =
    Status === 'CREATE_PENDING' || Status === 'CREATE_IN_PROGRESS'
      ? Status
      : changeSet.execution === 'EXECUTE_IN_PROGRESS' && changeSet.execution;
  if (busy) {
    throw cloudFormationError(
      'InvalidChangeSetStatusException',
      `ChangeSet [${changeSet.changeSetId}] cannot be deleted in its current status of [${busy}]`,
    );
  }
  stacks.changeSets.delete(changeSet.changeSetId);
  return {};
}

/**
 * DeleteStack: deletes every resource, those the template retains aside, dependents first. A
 * stack that does not exist, or is already being deleted, is no error.
 */
export function deleteStack(
  context: OperationContext,
  input: {
    StackName: string;
    ClientRequestToken?: string;
    RetainResources?: string[];
  },
) {
  const stacks = context.sim.cloudFormation.of(context.tenant);
  const stack = findStack(stacks, input.StackName);
  if (
    !stack ||
    stack.status === 'DELETE_COMPLETE' ||
    stack.status === 'DELETE_IN_PROGRESS'
  ) {
    return {};
  }
  if (input.RetainResources !== undefined) {
    throw validationError('The simulator does not simulate RetainResources');
  }
  if (
    stack.status.endsWith('_IN_PROGRESS') &&
    stack.status !== 'REVIEW_IN_PROGRESS'
  ) {
    throw validationError(
      `Stack [${stack.stackName}] cannot be deleted while in status ${stack.status}`,
    );
  }
  assertTokenUnused(stack, input.ClientRequestToken);
  dropChangeSets(stacks, stack);
  begin(
    context,
    stack,
    { kind: 'DELETE', token: input.ClientRequestToken },
    deleteAllActions(stack.deployed, context.sim.stackRunner()),
  );
  return {};
}
