import { ExecutionStatus, isActiveExecutionStatus } from '../statuses';
import { Execution } from '../executionTypes';
import {
  applyJobObservation,
  applyLostJob,
  applyRecoveryInstances,
} from './observe';
import {
  advanceStops,
  applyAutomationObservations,
  automationCommands,
} from './automation';
import { advanceDrillCleanup } from './cleanup';
import { applyInstanceStatuses } from './health';
import { deepCopy, deepEqual } from './plainData';
import { advanceExecution } from './progress';
import { recordObservationError } from './records';
import { advanceReverseReplication } from './reverseReplication';
import { advanceTerminate } from './terminate';
import { isoTimeAfterSeconds, toIsoTime } from './time';
import { assertLegalTransitions } from './transitions';
import { nextWakeAt } from './wake';
import { isLaunching } from './waves';
import {
  Decision,
  DrsObservations,
  EngineCommand,
  EngineSettings,
  NOTIFIED_EXECUTION_STATUSES,
  NotifiedExecutionStatus,
} from './types';

function isNotified(
  status: ExecutionStatus,
): status is NotifiedExecutionStatus {
  return (NOTIFIED_EXECUTION_STATUSES as readonly ExecutionStatus[]).includes(
    status,
  );
}

function withoutPolling(execution: Execution) {
  return { ...execution, polling: undefined };
}

/**
 * Checks the step against the legal transition tables (a bug then stops here instead of
 * being written) and adds the notification of a new execution status.
 */
function conclude(
  before: Execution,
  after: Execution,
  commands: EngineCommand[],
  now: Date,
): Decision {
  const transitions = assertLegalTransitions(before, after);
  const executionChanged = transitions.some(t => t.scope === 'execution');
  if (executionChanged && isNotified(after.status)) {
    commands.push({ type: 'NOTIFY', event: after.status });
  }
  const wakeAt = nextWakeAt(after, now);
  return {
    execution: after,
    commands,
    changed: !deepEqual(withoutPolling(before), withoutPolling(after)),
    transitions,
    ...(wakeAt ? { wakeAt } : {}),
  };
}

/**
 * One engine cycle for one execution: folds in what DRS, SSM and EC2 reported, then decides
 * what happens next and which calls the plumbing must make. Pure: time comes in as `now`.
 *
 * @public
 */
export function decide(
  execution: Execution,
  observations: DrsObservations,
  now: Date,
  settings: EngineSettings,
): Decision {
  const nowIso = toIsoTime(now);
  const polled: Execution = {
    ...execution,
    polling: {
      ...execution.polling,
      lastPolledAt: nowIso,
      pollCount: execution.polling.pollCount + 1,
      nextPollAt: isoTimeAfterSeconds(now, settings.pollIntervalSeconds),
    },
  };
  if (observations.error) {
    return conclude(
      execution,
      recordObservationError(polled, observations.error, now),
      [],
      now,
    );
  }

  const next = deepCopy(polled);
  delete next.polling.lastError;
  delete next.polling.lastErrorAt;
  const commands: EngineCommand[] = [];
  const active = isActiveExecutionStatus(next.status);
  if (active) {
    if (next.status === 'PENDING') {
      next.status = 'POLLING';
      next.startedAt ??= nowIso;
    }
    for (const wave of next.waves) {
      if (!isLaunching(wave) || wave.jobId === undefined) continue;
      const job = observations.jobs[wave.jobId];
      if (job) applyJobObservation(wave, job, nowIso);
      else applyLostJob(wave, nowIso);
    }
  }
  applyRecoveryInstances(next, observations.recoveryInstancesBySourceServer);
  if (active)
    applyInstanceStatuses(next, observations.instanceStatuses, nowIso);
  applyAutomationObservations(next, observations.automationExecutions, nowIso);
  if (active) commands.push(...advanceExecution(next, now, settings));
  advanceStops(next, now);
  commands.push(...automationCommands(execution, next));
  commands.push(...advanceTerminate(next, observations, nowIso));
  // The cleanup sees how a terminate under way ended; the request it raises starts at once.
  if (advanceDrillCleanup(next, now)) {
    commands.push(...advanceTerminate(next, observations, nowIso));
  }
  commands.push(...advanceReverseReplication(next, observations, nowIso));
  return conclude(execution, next, commands, now);
}
