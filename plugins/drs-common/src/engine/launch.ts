/*
 * A wave's DRS launch: the intent written with the START_WAVE that issues it, and the repeats
 * that adopt DRS's job after a crash. Works on decide's draft.
 */
import { Execution, ExecutionWave } from '../executionTypes';
import { EngineCommand } from './types';

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

export function startWaveCommand(
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

/** Writes the launch intent with the launch, so a crash before the job ID is recorded leads to adoption, not a second launch. */
export function launchWave(
  execution: Execution,
  wave: ExecutionWave,
  now: string,
): EngineCommand {
  wave.launchIntentAt = now;
  for (const server of wave.servers) {
    if (server.status === 'NOT_STARTED') server.status = 'LAUNCHING';
  }
  return startWaveCommand(execution, wave, false, true);
}
