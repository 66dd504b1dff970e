/*
 * What a person may ask of an execution. The API validates and records a request with
 * these; the engine acts on it in its next cycle.
 */
import { isTerminalExecutionStatus } from '../statuses';
import { Execution } from '../executionTypes';
import { deepCopy } from './plainData';
import { approvalAwaited } from './stepState';
import { ExecutionRequestError } from './requestError';
import { isTerminateInFlight } from './terminate';
import { recoveryTerminateRefusal } from './wayBackRequests';

export { ExecutionRequestError } from './requestError';
export type { ExecutionRequestErrorCode } from './requestError';
import { toIsoTime } from './time';
import {
  allServers,
  quotedNames,
  wasLaunched,
  wavesAwaitingApproval,
} from './waves';

/**
 * Asks the engine to cancel the execution: no further wave starts, the running one finishes.
 *
 * @public
 */
export function requestCancel(
  execution: Execution,
  by: string,
  now: Date,
): Execution {
  if (isTerminalExecutionStatus(execution.status)) {
    throw new ExecutionRequestError(
      'CONFLICT',
      `The execution is already ${execution.status}; there is nothing left to cancel`,
    );
  }
  const { cancel } = execution.requests;
  if (cancel) {
    throw new ExecutionRequestError(
      'CONFLICT',
      `${cancel.by} already asked to cancel this execution at ${cancel.at}; it stops once its running wave finishes`,
    );
  }
  const next = deepCopy(execution);
  next.requests.cancel = { by, at: toIsoTime(now) };
  return next;
}

/**
 * Approves what a PAUSED execution waits for in the named wave: the start of a `pauseBefore`
 * wave, or the approval step the wave's steps wait on (before or after its launch; steps run
 * one at a time, so a wave waits on one approval at most). The engine goes on in its next cycle.
 *
 * @public
 */
export function requestResume(
  execution: Execution,
  waveName: string,
  by: string,
  now: Date,
): Execution {
  const waveIndex = execution.waves.findIndex(wave => wave.name === waveName);
  if (waveIndex < 0) {
    throw new ExecutionRequestError(
      'INVALID',
      `The execution has no wave "${waveName}"; its waves are ${quotedNames(
        execution.waves,
      )}`,
    );
  }
  if (execution.status !== 'PAUSED') {
    throw new ExecutionRequestError(
      'CONFLICT',
      `The execution is ${execution.status}; only a PAUSED execution can be resumed`,
    );
  }
  if (execution.requests.cancel) {
    throw new ExecutionRequestError(
      'CONFLICT',
      `${execution.requests.cancel.by} asked to cancel this execution; it will not start more waves`,
    );
  }
  const awaiting = wavesAwaitingApproval(execution);
  if (!awaiting.some(wave => wave.name === waveName)) {
    throw new ExecutionRequestError(
      'CONFLICT',
      `The execution waits for approval of wave ${quotedNames(
        awaiting,
      )}, not "${waveName}"`,
    );
  }
  const at = toIsoTime(now);
  const next = deepCopy(execution);
  const wave = next.waves[waveIndex];
  const step = approvalAwaited(wave);
  if (step) {
    step.approvedBy = by;
    step.approvedAt = at;
    next.requests.resume = { by, at, wave: waveName, step: step.name };
  } else {
    wave.approvedBy = by;
    wave.approvedAt = at;
    next.requests.resume = { by, at, wave: waveName };
  }
  return next;
}

/**
 * Asks the engine to terminate a drill's recovery instances, typically once the drill is over;
 * or a RECOVERY's, only once `failback` (its latest failback) completed: they served during the
 * outage and no longer run the service.
 *
 * @public
 */
export function requestTerminate(
  execution: Execution,
  by: string,
  now: Date,
  failback?: Pick<Execution, 'executionId' | 'status'>,
): Execution {
  if (execution.mode === 'FAILBACK') {
    throw new ExecutionRequestError(
      'INVALID',
      "A failback's recovery instances run your service again: they are not terminated here",
    );
  }
  const refusal =
    execution.mode === 'RECOVERY'
      ? recoveryTerminateRefusal(failback)
      : undefined;
  if (refusal) throw new ExecutionRequestError('CONFLICT', refusal);
  const what = execution.mode === 'DRILL' ? 'drill' : 'recovery';
  const current = execution.requests.terminate;
  if (current && isTerminateInFlight(current)) {
    throw new ExecutionRequestError(
      'CONFLICT',
      `${current.by} already asked at ${current.at} to terminate this ${what}'s instances; wait for that to finish`,
    );
  }
  const launched = allServers(execution).some(
    server => wasLaunched(server) || server.recoveryInstanceId,
  );
  if (!launched) {
    throw new ExecutionRequestError(
      'CONFLICT',
      `No server of this ${what} has been launched, so there are no recovery instances to terminate`,
    );
  }
  const next = deepCopy(execution);
  next.requests.terminate = { by, at: toIsoTime(now), status: 'REQUESTED' };
  return next;
}
