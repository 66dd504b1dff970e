import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  EngineCommand,
  recordWaveLaunched,
} from '@drs-orchestration/plugin-drs-common/engine';
import { Recorded, startAutomation, stopAutomation } from './automationCalls';
import { EngineContext } from './engineContext';
import { startWave } from './launchWave';
import { persist } from './persist';
import { reverseReplication } from './reverseCalls';
import { terminate } from './terminate';

/** Makes a command's call; what it leaves to record, if anything. */
async function perform(
  engine: EngineContext,
  execution: Execution,
  command: EngineCommand,
): Promise<Recorded | undefined> {
  switch (command.type) {
    case 'START_WAVE': {
      const acted = await startWave(engine, execution, command);
      if (!acted) return undefined;
      const jobId = acted.waves[command.waveIndex].jobId;
      return {
        execution: acted,
        reapply: fresh =>
          jobId
            ? recordWaveLaunched(fresh, command.waveIndex, jobId, engine.now())
            : fresh,
      };
    }
    case 'TERMINATE_RECOVERY_INSTANCES':
      return {
        execution: await terminate(
          engine,
          execution,
          command.recoveryInstanceIds,
        ),
        reapply: fresh => fresh,
      };
    case 'REVERSE_REPLICATION':
      return reverseReplication(engine, execution, command);
    case 'START_AUTOMATION':
      return startAutomation(engine, execution, command);
    case 'STOP_AUTOMATION':
      await stopAutomation(engine, execution, command);
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Carries out the decision's DRS and SSM calls in order, recording each result; undefined if
 * one could not be recorded. The decision, intents included, is written before this runs.
 */
export async function act(
  engine: EngineContext,
  execution: Execution,
  actions: EngineCommand[],
): Promise<Execution | undefined> {
  let current = execution;
  for (const command of actions) {
    const recorded = await perform(engine, current, command);
    if (!recorded) continue;
    const written = await persist(
      engine.store,
      recorded.execution,
      recorded.reapply,
    );
    if (!written) {
      engine.logger.warn(
        `Execution ${execution.executionId}: could not record the result of ${command.type}; the next cycle adopts it`,
      );
      return undefined;
    }
    current = written;
  }
  return current;
}
