import { ConflictError } from '@backstage/errors';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  ExecutionRequestError,
  requestCancel,
  requestResume,
  requestReverseReplication,
  requestTerminate,
} from '@drs-orchestration/plugin-drs-common/engine';
import { ExecutionStore } from '../DynamoStore/types';
import { asRequestError } from './requestErrors';
import { ExecutionControl } from './types';

/**
 * A resume that names a step approves that approval step only: one the wave does not have is
 * refused as invalid, and one it does not wait on now as a conflict, naming what it waits on.
 */
function resumeNamingStep(
  current: Execution,
  { wave, step }: { wave: string; step: string },
  by: string,
  at: Date,
): Execution {
  const approvals = (current.waves.find(w => w.name === wave)?.steps ?? [])
    .filter(s => s.type === 'approval')
    .map(s => `"${s.name}"`);
  if (
    current.waves.some(w => w.name === wave) &&
    !approvals.includes(`"${step}"`)
  ) {
    throw new ExecutionRequestError(
      'INVALID',
      `Wave "${wave}" has no approval step "${step}"; ${
        approvals.length > 0
          ? `its approval steps are ${approvals.join(', ')}`
          : 'it has no approval steps'
      }`,
    );
  }
  const resumed = requestResume(current, wave, by, at);
  const approved = resumed.requests.resume?.step;
  if (approved !== step) {
    throw new ExecutionRequestError(
      'CONFLICT',
      approved
        ? `Wave "${wave}" waits for approval of step "${approved}", not "${step}"`
        : `Wave "${wave}" waits for approval of its start, not of step "${step}"; resume it without a step`,
    );
  }
  return resumed;
}

/** The execution with the request recorded; a request the execution cannot take is a 400 or 409. */
function withRequest(
  current: Execution,
  control: ExecutionControl,
  by: string,
  at: Date,
  failback?: Execution,
): Execution {
  return asRequestError(() => {
    if (control.action === 'cancel') return requestCancel(current, by, at);
    if (control.action === 'resume') {
      const { wave, step } = control;
      return step === undefined
        ? requestResume(current, wave, by, at)
        : resumeNamingStep(current, { wave, step }, by, at);
    }
    if (control.action === 'reverse-replication') {
      return requestReverseReplication(current, by, at);
    }
    return requestTerminate(current, by, at, failback);
  });
}

/** A RECOVERY's latest failback, which says whether its instances may be terminated. */
async function failbackOf(executions: ExecutionStore, current: Execution) {
  const id = current.requests.failback?.executionId;
  return current.mode === 'RECOVERY' && id ? executions.find(id) : undefined;
}

/**
 * Records a person's request on an execution, applied again to what the engine wrote if it
 * wrote in between; then has the engine look at it at once.
 */
export async function recordControl(
  options: {
    executions: ExecutionStore;
    now: () => Date;
    triggerEngine: (executionId: string) => Promise<void>;
  },
  executionId: string,
  control: ExecutionControl,
  by: string,
): Promise<Execution> {
  const { executions } = options;
  for (let attempt = 0; ; attempt++) {
    const current = await executions.get(executionId);
    const next = withRequest(
      current,
      control,
      by,
      options.now(),
      control.action === 'terminate'
        ? await failbackOf(executions, current)
        : undefined,
    );
    try {
      const written = await executions.update(next);
      await options.triggerEngine(executionId);
      return written;
    } catch (error) {
      // The engine wrote in between: apply the request again to what it wrote.
      if (!(error instanceof ConflictError) || attempt >= 4) throw error;
    }
  }
}
