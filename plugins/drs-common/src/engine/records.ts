/*
 * Results of the commands, applied by the plumbing after its DRS call. Each returns a new
 * execution and leaves its input untouched.
 */
import { Execution } from '../executionTypes';
import { deepCopy } from './plainData';
import { skipPendingSteps } from './stepState';
import { isTerminateInFlight } from './terminate';
import { toIsoTime } from './time';
import { waveAt } from './waves';

/**
 * Records the DRS job that runs (or, after adoption, already ran) a wave.
 * `_now` keeps the signature of its siblings: the wave's start was recorded with its intent.
 *
 * @public
 */
export function recordWaveLaunched(
  execution: Execution,
  waveIndex: number,
  jobId: string,
  _now: Date,
): Execution {
  const next = deepCopy(execution);
  const wave = waveAt(next, waveIndex);
  if (wave.jobId !== undefined && wave.jobId !== jobId) {
    throw new Error(
      `Wave "${wave.name}" already runs as DRS job ${wave.jobId}; refusing to record a second job ${jobId}`,
    );
  }
  wave.jobId = jobId;
  delete wave.awaitingCapacitySince;
  return next;
}

/**
 * DRS has no room for the wave's job now (its quotas of concurrent jobs and of servers in
 * active jobs): the launch intent stays, a later cycle asks again, and the wave says since when
 * it has been waiting.
 *
 * @public
 */
export function recordWaveAwaitingCapacity(
  execution: Execution,
  waveIndex: number,
  reason: string,
  now: Date,
): Execution {
  const next = recordObservationError(execution, reason, now);
  const wave = waveAt(next, waveIndex);
  wave.awaitingCapacitySince ??= toIsoTime(now);
  return next;
}

/**
 * DRS permanently refused to start a wave (ValidationException, a server not replicating):
 * the wave and its servers fail; the next decide starts no further wave and fails the execution.
 *
 * @public
 */
export function recordWaveLaunchRejected(
  execution: Execution,
  waveIndex: number,
  reason: string,
  now: Date,
): Execution {
  const next = deepCopy(execution);
  const wave = waveAt(next, waveIndex);
  if (wave.status !== 'STARTED' || wave.jobId !== undefined) {
    throw new Error(
      `Wave "${wave.name}" is ${wave.status}${
        wave.jobId ? ` with DRS job ${wave.jobId}` : ''
      }; only a wave waiting for its launch can be refused`,
    );
  }
  const failureReason = `DRS refused to start the wave: ${reason}`;
  wave.status = 'FAILED';
  wave.failureReason = failureReason;
  wave.endedAt = toIsoTime(now);
  skipPendingSteps(wave, `Not run: ${failureReason}`, wave.endedAt);
  for (const server of wave.servers) {
    if (server.status === 'LAUNCHING') {
      server.status = 'FAILED';
      server.failureReason = failureReason;
    }
  }
  return next;
}

/**
 * Records the TERMINATE job DRS started for the execution's terminate request; its outcome is observed like a wave's job.
 *
 * @public
 */
export function recordTerminateStarted(
  execution: Execution,
  jobId: string,
  now: Date,
): Execution {
  const next = deepCopy(execution);
  const terminate = next.requests.terminate;
  if (!terminate || !isTerminateInFlight(terminate)) {
    throw new Error(
      `Execution ${execution.executionId} has no terminate request waiting for its job`,
    );
  }
  if (terminate.jobId !== undefined && terminate.jobId !== jobId) {
    throw new Error(
      `The terminate request already runs as DRS job ${terminate.jobId}; refusing to record a second job ${jobId}`,
    );
  }
  terminate.status = 'STARTED';
  terminate.jobId = jobId;
  terminate.startedAt ??= toIsoTime(now);
  return next;
}

/**
 * DRS refused the TERMINATE call in a way retrying cannot fix (an instance it no longer has,
 * missing permissions): the request fails with DRS's reason and leaves the engine's work list.
 *
 * @public
 */
export function recordTerminateRefused(
  execution: Execution,
  reason: string,
  now: Date,
): Execution {
  const next = deepCopy(execution);
  const terminate = next.requests.terminate;
  if (
    !terminate ||
    terminate.status === 'STARTED' ||
    !isTerminateInFlight(terminate)
  ) {
    throw new Error(
      `Execution ${execution.executionId} has no terminate request waiting to start`,
    );
  }
  terminate.status = 'FAILED';
  terminate.failureReason = `DRS refused to terminate the instances: ${reason}`;
  terminate.endedAt = toIsoTime(now);
  return next;
}

/**
 * Notes that DRS could not be reached; statuses stay as they are.
 *
 * @public
 */
export function recordObservationError(
  execution: Execution,
  error: string,
  now: Date,
): Execution {
  return {
    ...deepCopy(execution),
    polling: {
      ...execution.polling,
      lastError: error,
      lastErrorAt: toIsoTime(now),
    },
  };
}
