import { EVENT_OF, resourceEvent, RunnerContext, startReady } from './actions';
import { setStackStatus } from './events';
import { actionKey, cleanupActions, rollbackActions } from './operation';
import {
  ProvisioningOutcome,
  ResourceAction,
  Stage,
  StackDefinition,
  StackOperation,
  StackRecord,
} from './records';

function enterStage(
  stack: StackRecord,
  op: StackOperation,
  stage: Stage,
  actions: ResourceAction[],
  at: number,
  ctx: RunnerContext,
) {
  op.stage = stage;
  op.stageStartedAt = at;
  op.actions = actions;
  if (stage === 'forward') op.forward = actions;
  startReady(stack, op, at, ctx);
}

/** The stack as a partly applied operation leaves it: the previous one, with what completed. */
function partlyApplied(op: StackOperation): StackDefinition | undefined {
  const base = op.previous ?? op.target;
  if (!base) return undefined;
  const resources = new Map(op.previous?.resources ?? []);
  for (const action of op.forward) {
    if (action.state !== 'complete') continue;
    if (action.verb === 'delete') resources.delete(action.logicalId);
    else resources.set(action.logicalId, action.resource);
  }
  return { ...base, resources, outputs: op.previous?.outputs ?? [] };
}

function end(
  stack: StackRecord,
  op: StackOperation,
  at: number,
  status: string,
  deployed: StackDefinition | undefined,
  ctx: RunnerContext,
  reason?: string,
) {
  op.ended = true;
  stack.deployed = deployed;
  if (status === 'DELETE_COMPLETE') stack.deletedAt = at;
  setStackStatus(stack, status, at, reason);
  const changeSet = op.changeSetId ? ctx.changeSet(op.changeSetId) : undefined;
  if (changeSet) {
    changeSet.execution =
      status.endsWith('_COMPLETE') && !status.includes('ROLLBACK')
        ? 'EXECUTE_COMPLETE'
        : 'EXECUTE_FAILED';
  }
}

const failedList = (op: StackOperation) => `[${op.failed.join(', ')}]`;

/** A failure that stops the stage: cancel what runs, then roll back, or stop there. */
function stopStage(
  stack: StackRecord,
  op: StackOperation,
  at: number,
  ctx: RunnerContext,
) {
  for (const action of op.actions) {
    if (action.state === 'running') {
      action.state = 'cancelled';
      op.failed.push(action.logicalId);
      const { prefix, noun } = EVENT_OF[action.verb];
      resourceEvent(stack, action, at, `${prefix}_FAILED`, {
        physicalId: action.resource.physicalId,
        reason: `Resource ${noun} cancelled`,
      });
    } else if (action.state === 'waiting') {
      action.state = 'abandoned';
    }
  }
  const failedTo = { CREATE: 'create', UPDATE: 'update', DELETE: 'delete' }[
    op.kind
  ];
  const reason = `The following resource(s) failed to ${failedTo}: ${failedList(
    op,
  )}.`;
  if (op.stage === 'rollback') {
    const status =
      op.kind === 'CREATE' ? 'ROLLBACK_FAILED' : 'UPDATE_ROLLBACK_FAILED';
    end(stack, op, at, status, partlyApplied(op), ctx, reason);
  } else if (op.kind === 'DELETE' || op.disableRollback) {
    end(stack, op, at, `${op.kind}_FAILED`, partlyApplied(op), ctx, reason);
  } else {
    setStackStatus(
      stack,
      op.kind === 'CREATE'
        ? 'ROLLBACK_IN_PROGRESS'
        : 'UPDATE_ROLLBACK_IN_PROGRESS',
      at,
      op.kind === 'CREATE' ? `${reason} Rollback requested by user.` : reason,
    );
    enterStage(
      stack,
      op,
      'rollback',
      rollbackActions(op.kind, op.forward, ctx).rollback,
      at,
      ctx,
    );
  }
}

/** Every action of the stage has ended, none with a failure that stops it: on to what follows. */
function finishStage(
  stack: StackRecord,
  op: StackOperation,
  at: number,
  ctx: RunnerContext,
) {
  if (op.stage === 'forward' && op.kind === 'UPDATE') {
    setStackStatus(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', at);
    enterStage(
      stack,
      op,
      'cleanup',
      cleanupActions(op.previous!, op.target!, ctx),
      at,
      ctx,
    );
  } else if (op.stage === 'forward' || op.stage === 'cleanup') {
    const status =
      op.kind === 'DELETE' ? 'DELETE_COMPLETE' : `${op.kind}_COMPLETE`;
    end(stack, op, at, status, op.target, ctx);
  } else if (op.stage === 'rollback' && op.kind === 'UPDATE') {
    setStackStatus(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', at);
    const { rollbackCleanup } = rollbackActions(op.kind, op.forward, ctx);
    enterStage(stack, op, 'rollbackCleanup', rollbackCleanup, at, ctx);
  } else {
    const status =
      op.kind === 'CREATE' ? 'ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_COMPLETE';
    end(stack, op, at, status, op.previous, ctx);
  }
}

function endAction(
  stack: StackRecord,
  op: StackOperation,
  action: ResourceAction,
  failure: string | undefined,
  ctx: RunnerContext,
) {
  const at = action.endsAt!;
  const { prefix } = EVENT_OF[action.verb];
  const physicalId = action.resource.physicalId;
  if (failure === undefined) {
    action.state = 'complete';
    resourceEvent(stack, action, at, `${prefix}_COMPLETE`, { physicalId });
  } else {
    action.state = 'failed';
    op.failed.push(action.logicalId);
    resourceEvent(stack, action, at, `${prefix}_FAILED`, {
      physicalId,
      reason: failure,
    });
    // A cleanup carries on past a resource it could not delete; any other stage stops.
    if (op.stage === 'forward' || op.stage === 'rollback') {
      stopStage(stack, op, at, ctx);
      return;
    }
  }
  startReady(stack, op, at, ctx);
}

/** How an action ended: as a fault says, as DynamoDB answered (unknown yet: undefined), or well. */
function outcomeOf(
  op: StackOperation,
  action: ResourceAction,
): ProvisioningOutcome | undefined {
  if (action.injectedFailure) return { failure: action.injectedFailure };
  if (!action.external) return {};
  return op.outcomes.get(actionKey(op.stage, action));
}

/** Starts an operation: the stack goes *_IN_PROGRESS and the first actions start. */
export function startOperation(
  stack: StackRecord,
  op: StackOperation,
  forward: ResourceAction[],
  at: number,
  ctx: RunnerContext,
) {
  stack.operation = op;
  stack.operationCount++;
  if (op.token) stack.tokens.add(op.token);
  setStackStatus(stack, `${op.kind}_IN_PROGRESS`, at, 'User Initiated');
  enterStage(stack, op, 'forward', forward, at, ctx);
}

/**
 * Applies everything of the stack's operation that is due by `now`, in time order. Returns the
 * external action due whose outcome is not known yet: the operation waits there.
 */
export function advanceStack(
  stack: StackRecord,
  now: number,
  ctx: RunnerContext,
): ResourceAction | undefined {
  const op = stack.operation;
  while (op && !op.ended) {
    const due = op.actions
      .filter(a => a.state === 'running' && a.endsAt! <= now)
      .sort((a, b) => a.endsAt! - b.endsAt!)[0];
    if (due) {
      const outcome = outcomeOf(op, due);
      if (!outcome) return due;
      endAction(stack, op, due, outcome.failure, ctx);
    } else if (
      op.actions.some(a => a.state === 'running' || a.state === 'waiting')
    ) {
      return undefined;
    } else {
      const ends = op.actions.map(a => a.endsAt ?? op.stageStartedAt);
      finishStage(stack, op, Math.max(op.stageStartedAt, ...ends), ctx);
    }
  }
  return undefined;
}
