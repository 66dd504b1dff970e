/*
 * What an active execution does next once this cycle's observations are applied:
 * finish, fail, cancel, time out, or start the waves that may start. Works on decide's draft.
 */
import { ExecutionStatus } from '../statuses';
import { Execution, ExecutionWave } from '../executionTypes';
import { toIsoTime } from './time';
import {
  DEFAULT_LAUNCH_LEASE_SECONDS,
  EngineCommand,
  EngineSettings,
} from './types';
import {
  hasReachedWaitFor,
  needsApproval,
  quotedNames,
  readyWaves,
  wavesAwaitingApproval,
} from './waves';

/**
 * Tag the engine puts on a wave's DRS job: the execution it belongs to. Lets a job that was started but not recorded be found and adopted.
 *
 * @public
 */
export const START_WAVE_TAG_EXECUTION_ID = 'drs-orchestration:execution-id';
/**
 * Tag the engine puts on a wave's DRS job: the wave's name. With the execution tag, it identifies the job to adopt.
 *
 * @public
 */
export const START_WAVE_TAG_WAVE = 'drs-orchestration:wave';

/** The snapshots the start chose for the wave's servers, as recorded: never chosen again here. */
function chosenSnapshots(
  wave: ExecutionWave,
): Record<string, string> | undefined {
  const chosen = wave.servers.flatMap(server =>
    server.recoverySnapshotId
      ? [[server.sourceServerId, server.recoverySnapshotId] as const]
      : [],
  );
  return chosen.length > 0 ? Object.fromEntries(chosen) : undefined;
}

function startWaveCommand(
  execution: Execution,
  wave: ExecutionWave,
  adoptExisting: boolean,
  mayLaunch: boolean,
): EngineCommand {
  const recoverySnapshotIds = chosenSnapshots(wave);
  return {
    type: 'START_WAVE',
    waveIndex: execution.waves.indexOf(wave),
    sourceServerIds: wave.servers.map(server => server.sourceServerId),
    isDrill: execution.mode === 'DRILL',
    tags: {
      [START_WAVE_TAG_EXECUTION_ID]: execution.executionId,
      [START_WAVE_TAG_WAVE]: wave.name,
    },
    ...(recoverySnapshotIds ? { recoverySnapshotIds } : {}),
    adoptExisting,
    mayLaunch,
  };
}

/** Writes the launch intent with the start, so a crash before the job ID is recorded leads to adoption, not a second launch. */
function startWave(execution: Execution, wave: ExecutionWave, now: string) {
  wave.status = 'STARTED';
  wave.launchIntentAt = now;
  wave.startedAt = now;
  for (const server of wave.servers) {
    if (server.status === 'NOT_STARTED') server.status = 'LAUNCHING';
  }
  return startWaveCommand(execution, wave, false, true);
}

function cancelPendingWaves(execution: Execution, reason: string, now: string) {
  for (const wave of execution.waves) {
    if (wave.status !== 'PENDING') continue;
    wave.status = 'CANCELLED';
    wave.failureReason = reason;
    wave.endedAt = now;
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

function timeOut(execution: Execution, running: ExecutionWave[], now: string) {
  for (const wave of running) {
    wave.status = 'FAILED';
    wave.failureReason = `Timed out: still running when the execution's timeout (${execution.timeoutAt}) passed`;
    wave.endedAt = now;
  }
  cancelPendingWaves(execution, 'Not started: the execution timed out', now);
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

/** Moves an active execution on; returns the START_WAVE commands to issue. */
export function advanceExecution(
  execution: Execution,
  now: Date,
  settings: EngineSettings,
): EngineCommand[] {
  const nowIso = toIsoTime(now);
  const failed = execution.waves.filter(wave => wave.status === 'FAILED');
  const cancel = execution.requests.cancel;
  if (failed.length > 0) {
    cancelPendingWaves(
      execution,
      `Not started: wave "${failed[0].name}" failed`,
      nowIso,
    );
  } else if (cancel) {
    cancelPendingWaves(execution, `Cancelled by ${cancel.by}`, nowIso);
  }

  const running = execution.waves.filter(wave => wave.status === 'STARTED');
  if (running.length === 0) {
    if (cancel) {
      end(
        execution,
        'CANCELLED',
        `Cancelled by ${cancel.by} at ${cancel.at}`,
        nowIso,
      );
      return [];
    }
    if (failed.length > 0) {
      const reasons = failed.map(
        wave => `Wave "${wave.name}" failed: ${wave.failureReason}`,
      );
      end(execution, 'FAILED', reasons.join('; '), nowIso);
      return [];
    }
    if (execution.waves.every(hasReachedWaitFor)) {
      end(execution, 'COMPLETED', undefined, nowIso);
      return [];
    }
  }
  if (isPastTimeout(execution, now)) {
    timeOut(execution, running, nowIso);
    return [];
  }

  // A STARTED wave without a job ID may have been launched by a cycle that crashed
  // before recording it: adopt DRS's job rather than launch again, and launch only once
  // that cycle's lease is over (its StartRecovery can no longer arrive).
  const leaseMs =
    (settings.launchLeaseSeconds ?? DEFAULT_LAUNCH_LEASE_SECONDS) * 1000;
  const commands = running
    .filter(wave => wave.jobId === undefined)
    .map(wave =>
      startWaveCommand(
        execution,
        wave,
        true,
        now.getTime() - Date.parse(wave.launchIntentAt ?? nowIso) >= leaseMs,
      ),
    );
  const waiting = `waiting for wave ${quotedNames(running)} to finish`;
  if (cancel) {
    setStatus(
      execution,
      'CANCELLING',
      `Cancel requested by ${cancel.by}; ${waiting}`,
    );
    return commands;
  }
  if (failed.length > 0) {
    setStatus(
      execution,
      'POLLING',
      `Wave ${quotedNames(failed)} failed; ${waiting}`,
    );
    return commands;
  }

  for (const wave of readyWaves(execution)) {
    if (!needsApproval(wave)) commands.push(startWave(execution, wave, nowIso));
  }
  const awaiting = wavesAwaitingApproval(execution);
  if (awaiting.length > 0) {
    setStatus(
      execution,
      'PAUSED',
      `Waiting for approval to start wave ${quotedNames(awaiting)}`,
    );
  } else {
    setStatus(execution, 'POLLING', undefined);
  }
  return commands;
}
