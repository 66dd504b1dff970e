import { addEvent } from './events';
import { ActionSettings } from './operation';
import {
  ActionVerb,
  ChangeSetRecord,
  ResourceAction,
  StackOperation,
  StackRecord,
} from './records';
import { baseSeconds } from './resourceTypes';

/** What running an operation needs of the world. */
export interface RunnerContext extends ActionSettings {
  durationMs(baseSeconds: number): number;
  changeSet(id: string): ChangeSetRecord | undefined;
}

/** The ResourceStatus prefix of each verb's events, and the noun of its cancellation. */
export const EVENT_OF: Record<ActionVerb, { prefix: string; noun: string }> = {
  create: { prefix: 'CREATE', noun: 'creation' },
  update: { prefix: 'UPDATE', noun: 'update' },
  replace: { prefix: 'UPDATE', noun: 'update' },
  revert: { prefix: 'UPDATE', noun: 'update' },
  delete: { prefix: 'DELETE', noun: 'deletion' },
};

/** A replacement makes a new resource; a revert updates one. */
const TAKES_AS_LONG_AS: Record<ActionVerb, 'create' | 'update' | 'delete'> = {
  create: 'create',
  replace: 'create',
  update: 'update',
  revert: 'update',
  delete: 'delete',
};

const TERMINAL = ['complete', 'failed', 'cancelled', 'skipped', 'abandoned'];

export function resourceEvent(
  stack: StackRecord,
  action: ResourceAction,
  at: number,
  status: string,
  extra: { physicalId?: string; reason?: string; properties?: boolean } = {},
) {
  const { resource } = action;
  addEvent(stack, {
    at,
    logicalId: action.logicalId,
    type: resource.type,
    status,
    ...(extra.physicalId !== undefined ? { physicalId: extra.physicalId } : {}),
    ...(extra.reason ? { reason: extra.reason } : {}),
    ...(extra.properties
      ? { properties: JSON.stringify(resource.properties) }
      : {}),
    ...(stack.operation?.token ? { token: stack.operation.token } : {}),
  });
}

function startAction(
  stack: StackRecord,
  action: ResourceAction,
  at: number,
  ctx: RunnerContext,
) {
  action.startedAt = at;
  const { resource, before } = action;
  if (action.retained) {
    action.state = 'skipped';
    action.endsAt = at;
    resourceEvent(stack, action, at, 'DELETE_SKIPPED', {
      physicalId: resource.physicalId,
    });
    return;
  }
  action.state = 'running';
  const seconds = baseSeconds(resource.type, TAKES_AS_LONG_AS[action.verb]);
  action.endsAt = at + ctx.durationMs(seconds);
  const { prefix } = EVENT_OF[action.verb];
  if (action.verb === 'create') {
    resourceEvent(stack, action, at, 'CREATE_IN_PROGRESS', {
      physicalId: '',
      properties: true,
    });
  } else if (action.verb === 'replace') {
    resourceEvent(stack, action, at, 'UPDATE_IN_PROGRESS', {
      physicalId: before!.physicalId,
      reason:
        'Requested update requires the creation of a new physical resource; hence creating one.',
      properties: true,
    });
  }
  resourceEvent(stack, action, at, `${prefix}_IN_PROGRESS`, {
    physicalId: resource.physicalId,
    properties: action.verb !== 'delete',
    ...(action.verb === 'create' || action.verb === 'replace'
      ? { reason: 'Resource creation Initiated' }
      : {}),
  });
}

/** Starts every waiting action whose predecessors have ended (retained deletes end at once). */
export function startReady(
  stack: StackRecord,
  op: StackOperation,
  at: number,
  ctx: RunnerContext,
) {
  for (let started = true; started; ) {
    started = false;
    for (const action of op.actions) {
      const ready =
        action.state === 'waiting' &&
        action.after.every(id =>
          op.actions.some(
            a => a.logicalId === id && TERMINAL.includes(a.state),
          ),
        );
      if (ready) {
        startAction(stack, action, at, ctx);
        started = true;
      }
    }
  }
}
