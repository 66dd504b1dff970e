/*
 * What an active execution does next once this cycle's observations are applied:
 * finish, fail, cancel, time out, move its started waves on, or start the waves that may
 * start. Works on decide's draft.
 */
import { ExecutionStatus } from '../statuses';
import { Execution, ExecutionWave } from '../executionTypes';
import {
  approvalAwaited,
  endStep,
  interruptStep,
  skipPendingSteps,
  stepsOf,
  WindDown,
} from './stepState';
import { toIsoTime } from './time';
import { EngineCommand, EngineSettings } from './types';
import { advanceStartedWave, beginWave, WaveFlow } from './waveFlow';
import {
  hasReachedWaitFor,
  needsApproval,
  quotedNames,
  readyWaves,
  wavesAwaitingApproval,
} from './waves';

function cancelPendingWaves(
  execution: Execution,
  reason: string,
  stepStatus: 'CANCELLED' | 'SKIPPED',
  now: string,
) {
  for (const wave of execution.waves) {
    if (wave.status !== 'PENDING') continue;
    wave.status = 'CANCELLED';
    wave.failureReason = reason;
    wave.endedAt = now;
    for (const step of stepsOf(wave)) endStep(step, stepStatus, reason, now);
  }
}

function setStatus(
  execution: Execution,
  status: ExecutionStatus,
  reason: string | undefined,
) {
  execution.status = status;
  if (reason === undefined) delete execution.statusReason;
  else execution.statusReason = reason;
}

function end(
  execution: Execution,
  status: ExecutionStatus,
  reason: string | undefined,
  now: string,
) {
  setStatus(execution, status, reason);
  execution.endedAt = now;
}

/** Running waves fail at once; their running steps time out (stopping their automations), the rest never runs. */
function timeOut(execution: Execution, running: ExecutionWave[], now: string) {
  const reason = `Timed out: still running when the execution's timeout (${execution.timeoutAt}) passed`;
  for (const wave of running) {
    for (const step of stepsOf(wave)) {
      if (step.status === 'RUNNING')
        interruptStep(step, 'TIMED_OUT', reason, now);
    }
    skipPendingSteps(wave, 'Not run: the execution timed out', now);
    wave.status = 'FAILED';
    wave.failureReason = reason;
    wave.endedAt = now;
  }
  cancelPendingWaves(
    execution,
    'Not started: the execution timed out',
    'SKIPPED',
    now,
  );
  const during =
    running.length > 0 ? ` while wave ${quotedNames(running)} ran` : '';
  end(
    execution,
    'TIMED_OUT',
    `Timed out at ${execution.timeoutAt}${during}`,
    now,
  );
}

function isPastTimeout(execution: Execution, now: Date): boolean {
  const timeoutAt = Date.parse(execution.timeoutAt);
  if (Number.isNaN(timeoutAt)) {
    throw new RangeError(
      `Execution ${execution.executionId} has an invalid timeoutAt "${execution.timeoutAt}"`,
    );
  }
  return now.getTime() > timeoutAt;
}

const isFailed = (wave: ExecutionWave) => wave.status === 'FAILED';
const isRunning = (wave: ExecutionWave) => wave.status === 'STARTED';

/** Why the execution's started waves must stop short now: a cancel, or a wave that failed. */
function windDownOf(execution: Execution): WindDown | undefined {
  const cancel = execution.requests.cancel;
  if (cancel) {
    return {
      reason: `Cancelled by ${cancel.by}`,
      pendingStatus: 'CANCELLED',
      stopAutomations: true,
    };
  }
  const failed = execution.waves.find(isFailed);
  return failed
    ? {
        reason: `Not continued: wave "${failed.name}" failed`,
        pendingStatus: 'SKIPPED',
        stopAutomations: false,
      }
    : undefined;
}

/** Ends the execution when no wave runs and nothing more will start; true when it ended. */
function endIfDone(execution: Execution, now: string): boolean {
  if (execution.waves.some(isRunning)) return false;
  const cancel = execution.requests.cancel;
  const failed = execution.waves.filter(isFailed);
  if (cancel) {
    end(
      execution,
      'CANCELLED',
      `Cancelled by ${cancel.by} at ${cancel.at}`,
      now,
    );
  } else if (failed.length > 0) {
    const reasons = failed.map(
      wave => `Wave "${wave.name}" failed: ${wave.failureReason}`,
    );
    end(execution, 'FAILED', reasons.join('; '), now);
  } else if (execution.waves.every(hasReachedWaitFor)) {
    end(execution, 'COMPLETED', undefined, now);
  } else {
    return false;
  }
  return true;
}

/** What a PAUSED execution waits for: waves to start, and approval steps of running waves. */
function approvalsAwaited(awaiting: ExecutionWave[]): string {
  const starts = awaiting.filter(wave => wave.status === 'PENDING');
  const steps = awaiting.flatMap(wave => {
    const step = approvalAwaited(wave);
    return step ? [`step "${step.name}" of wave "${wave.name}"`] : [];
  });
  return `Waiting for approval ${[
    ...(starts.length > 0 ? [`to start wave ${quotedNames(starts)}`] : []),
    ...(steps.length > 0 ? [`of ${steps.join(', ')}`] : []),
  ].join('; ')}`;
}

/** Moves an active execution on; returns the START_WAVE commands to issue. */
export function advanceExecution(
  execution: Execution,
  now: Date,
  settings: EngineSettings,
): EngineCommand[] {
  const nowIso = toIsoTime(now);
  const pastTimeout = isPastTimeout(execution, now);
  const flow = (): WaveFlow => ({
    execution,
    now,
    settings,
    windDown: windDownOf(execution),
    mayStart: !pastTimeout,
  });
  // Work that finished this cycle wins over the timeout; nothing new starts after it.
  const commands = execution.waves
    .filter(isRunning)
    .flatMap(wave => advanceStartedWave(flow(), wave));
  const windDown = windDownOf(execution);
  if (windDown) {
    const reason = execution.requests.cancel
      ? windDown.reason
      : `Not started: wave "${execution.waves.find(isFailed)!.name}" failed`;
    cancelPendingWaves(execution, reason, windDown.pendingStatus, nowIso);
  }
  if (endIfDone(execution, nowIso)) return [];
  const running = execution.waves.filter(isRunning);
  if (pastTimeout) {
    timeOut(execution, running, nowIso);
    return [];
  }
  const waiting = `waiting for wave ${quotedNames(running)} to finish`;
  if (execution.requests.cancel) {
    const { by } = execution.requests.cancel;
    setStatus(execution, 'CANCELLING', `Cancel requested by ${by}; ${waiting}`);
    return commands;
  }
  const failed = execution.waves.filter(isFailed);
  if (failed.length > 0) {
    setStatus(
      execution,
      'POLLING',
      `Wave ${quotedNames(failed)} failed; ${waiting}`,
    );
    return commands;
  }
  for (const wave of readyWaves(execution)) {
    if (!needsApproval(wave)) commands.push(...beginWave(flow(), wave));
  }
  const awaiting = wavesAwaitingApproval(execution);
  if (awaiting.length > 0) {
    setStatus(execution, 'PAUSED', approvalsAwaited(awaiting));
  } else {
    setStatus(execution, 'POLLING', undefined);
  }
  return commands;
}
