/*
 * What a person may ask of an execution. The API validates and records a request with
 * these; the engine acts on it in its next cycle.
 */
import { isTerminalExecutionStatus } from '../statuses';
import { Execution } from '../executionTypes';
import { deepCopy } from './plainData';
import { approvalAwaited } from './stepState';
import { isTerminateInFlight } from './terminate';
import { toIsoTime } from './time';
import {
  allServers,
  quotedNames,
  wasLaunched,
  wavesAwaitingApproval,
} from './waves';

/**
 * Why a request was refused: CONFLICT, not in the execution's current state; INVALID, not for this execution at all.
 *
 * @public
 */
export type ExecutionRequestErrorCode = 'CONFLICT' | 'INVALID';

/**
 * A request the execution cannot take in its current state (CONFLICT) or that makes no sense for it (INVALID).
 *
 * @public
 */
export class ExecutionRequestError extends Error {
  /** Tells this error apart from others once serialised or logged. */
  readonly name = 'ExecutionRequestError';

  constructor(
    /** Why the request was refused; the API answers 409 for CONFLICT and 400 for INVALID. */
    readonly code: ExecutionRequestErrorCode,
    message: string,
  ) {
    super(message);
  }
}

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
 * Asks the engine to terminate a drill's recovery instances, typically once the drill is over.
 *
 * @public
 */
export function requestTerminate(
  execution: Execution,
  by: string,
  now: Date,
): Execution {
  if (execution.mode !== 'DRILL') {
    throw new ExecutionRequestError(
      'INVALID',
      "Only a drill's recovery instances can be terminated here: after a recovery they are the ones running your service",
    );
  }
  const current = execution.requests.terminate;
  if (current && isTerminateInFlight(current)) {
    throw new ExecutionRequestError(
      'CONFLICT',
      `${current.by} already asked at ${current.at} to terminate this drill's instances; wait for that to finish`,
    );
  }
  const launched = allServers(execution).some(
    server => wasLaunched(server) || server.recoveryInstanceId,
  );
  if (!launched) {
    throw new ExecutionRequestError(
      'CONFLICT',
      'No server of this drill has been launched, so there are no recovery instances to terminate',
    );
  }
  const next = deepCopy(execution);
  next.requests.terminate = { by, at: toIsoTime(now), status: 'REQUESTED' };
  return next;
}
