/*
 * A drill's automatic cleanup: once the drill ends with recovery instances, the engine asks to
 * terminate them at the drill's end plus the plan's keep-alive, through the very terminate
 * request a person makes (by DRS_ENGINE_PRINCIPAL). Never a RECOVERY's: its instances run the
 * service now. Runs on finished executions, which the store keeps in the engine's view while
 * needsEngineAfterEnd says so. Works on decide's draft.
 */
import { isTerminalExecutionStatus } from '../statuses';
import { Execution } from '../executionTypes';
import { DrillCleanup } from '../stepTypes';
import { isStopping, stepsOf } from './stepState';
import { isReverseReplicationInFlight } from './reverseReplication';
import { isTerminateInFlight } from './terminate';
import { recordedTimeMillis, toIsoTime } from './time';
import { allServers, wasLaunched } from './waves';

/**
 * Who the engine's own requests are by: the `by` of a terminate request raised by a drill's cleanup.
 *
 * @public
 */
export const DRS_ENGINE_PRINCIPAL = 'plugin:drs/engine';

function schedule(execution: Execution, cleanup: DrillCleanup, now: Date) {
  const launched = allServers(execution).some(
    server => wasLaunched(server) || server.recoveryInstanceId,
  );
  if (!launched) {
    cleanup.status = 'NOT_NEEDED';
    cleanup.reason = 'The drill launched no server';
    return;
  }
  const endedAt = recordedTimeMillis(execution.endedAt) ?? now.getTime();
  cleanup.status = 'SCHEDULED';
  cleanup.dueAt = toIsoTime(
    new Date(endedAt + cleanup.keepAliveSeconds * 1000),
  );
}

/**
 * Raises the terminate request, unless a person's terminate since the drill ended removed the
 * instances; true when it raised it.
 */
function raise(
  execution: Execution,
  cleanup: DrillCleanup,
  now: string,
): boolean {
  const terminate = execution.requests.terminate;
  // A terminate under way (a person's) is waited for: its end says whether one more is needed.
  if (isTerminateInFlight(terminate)) return false;
  const endedAt = recordedTimeMillis(execution.endedAt) ?? 0;
  if (
    terminate?.status === 'COMPLETED' &&
    Date.parse(terminate.at) >= endedAt
  ) {
    cleanup.status = 'NOT_NEEDED';
    cleanup.reason = `${terminate.by} had the instances terminated at ${terminate.endedAt}`;
    return false;
  }
  execution.requests.terminate = {
    by: DRS_ENGINE_PRINCIPAL,
    at: now,
    status: 'REQUESTED',
  };
  cleanup.status = 'REQUESTED';
  cleanup.requestedAt = now;
  return true;
}

/**
 * Schedules a finished drill's cleanup, and raises its terminate request once it is due; true
 * when it raised it.
 */
export function advanceDrillCleanup(execution: Execution, now: Date): boolean {
  const cleanup = execution.drillCleanup;
  if (
    !cleanup ||
    execution.mode !== 'DRILL' ||
    !isTerminalExecutionStatus(execution.status)
  ) {
    return false;
  }
  if (cleanup.status === 'WAITING') schedule(execution, cleanup, now);
  return (
    cleanup.status === 'SCHEDULED' &&
    now.getTime() >= Date.parse(cleanup.dueAt!) &&
    raise(execution, cleanup, toIsoTime(now))
  );
}

/**
 * Whether the engine must still visit the execution although it has ended (the store's
 * AttentionIndex): a terminate request under way, a drill cleanup scheduled, an automation it
 * asked SSM to stop and has not yet seen end, or a reverse replication not yet CONTINUOUS.
 *
 * @public
 */
export function needsEngineAfterEnd(execution: Execution): boolean {
  return (
    isTerminateInFlight(execution.requests.terminate) ||
    execution.drillCleanup?.status === 'SCHEDULED' ||
    isReverseReplicationInFlight(execution.requests.reverseReplication) ||
    execution.waves.some(wave => stepsOf(wave).some(isStopping))
  );
}
