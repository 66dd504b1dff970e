import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  EngineCommand,
  recordObservationError,
  recordWaveAwaitingCapacity,
  recordWaveLaunched,
  recordWaveLaunchRejected,
  START_WAVE_TAG_EXECUTION_ID,
  START_WAVE_TAG_WAVE,
} from '@drs-orchestration/plugin-drs-common/engine';
import { describeAwsError, errorName } from '../awsFailures';
import {
  isCapacityRefusal,
  isConflict,
  isPermanentDrsError,
  transientReason,
} from '../DrsGateway/drsErrors';
import { EngineContext } from './engineContext';
import { jobsSince } from './recentJobs';

type StartWave = Extract<EngineCommand, { type: 'START_WAVE' }>;

/** Finds the job a previous attempt started for this wave, by the tags every launch carries. */
async function findLaunchedJob(
  engine: EngineContext,
  execution: Execution,
  waveIndex: number,
) {
  const wave = execution.waves[waveIndex];
  const jobs = await jobsSince(
    engine,
    execution,
    wave.launchIntentAt ?? execution.createdAt,
  );
  return jobs.find(
    job =>
      job.tags[START_WAVE_TAG_EXECUTION_ID] === execution.executionId &&
      job.tags[START_WAVE_TAG_WAVE] === wave.name,
  );
}

/** What a failed StartRecovery leaves recorded: a rejected wave, a wait, or a retry later. */
async function launchFailed(
  engine: EngineContext,
  execution: Execution,
  command: StartWave,
  error: unknown,
): Promise<Execution> {
  const { waveIndex } = command;
  engine.metrics?.drsErrors.add(1, { error: errorName(error) });
  if (isConflict(error)) {
    // A job already holds these servers (ours from a lost attempt, or someone else's), or a
    // server has lost its last point in time since the start: DRS's message says which.
    const adopted = await findLaunchedJob(engine, execution, waveIndex);
    if (adopted) {
      return recordWaveLaunched(
        execution,
        waveIndex,
        adopted.jobId,
        engine.now(),
      );
    }
    return recordWaveLaunchRejected(
      execution,
      waveIndex,
      describeAwsError(error),
      engine.now(),
    );
  }
  if (isPermanentDrsError(error)) {
    return recordWaveLaunchRejected(
      execution,
      waveIndex,
      describeAwsError(error),
      engine.now(),
    );
  }
  if (isCapacityRefusal(error)) {
    return recordWaveAwaitingCapacity(
      execution,
      waveIndex,
      transientReason(error),
      engine.now(),
    );
  }
  // Throttling, 5xx, network: the intent stays; a later cycle adopts or retries.
  return recordObservationError(
    execution,
    transientReason(error),
    engine.now(),
  );
}

/** The execution with the wave's job recorded, or undefined when there is nothing to record yet. */
export async function startWave(
  engine: EngineContext,
  execution: Execution,
  command: StartWave,
): Promise<Execution | undefined> {
  if (command.adoptExisting) {
    const adopted = await findLaunchedJob(engine, execution, command.waveIndex);
    if (adopted) {
      engine.logger.info(
        `Execution ${execution.executionId}: adopted job ${
          adopted.jobId
        } for wave ${execution.waves[command.waveIndex].name}`,
      );
      return recordWaveLaunched(
        execution,
        command.waveIndex,
        adopted.jobId,
        engine.now(),
      );
    }
    // The cycle that wrote the intent may still be calling StartRecovery: wait for its lease.
    if (!command.mayLaunch) return undefined;
  }
  try {
    engine.metrics?.drsCalls.add(1, { operation: 'StartRecovery' });
    const { jobId } = await engine.gateway.startRecovery(
      engine.locationOf(execution),
      command,
    );
    return recordWaveLaunched(
      execution,
      command.waveIndex,
      jobId,
      engine.now(),
    );
  } catch (error) {
    return launchFailed(engine, execution, command, error);
  }
}
