import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  decide,
  DrsObservations,
  EngineCommand,
  recordWaveLaunched,
} from '@drs-orchestration/plugin-drs-common/engine';
import { EngineContext } from './engineContext';
import { startWave } from './launchWave';
import { persist } from './persist';
import { terminate } from './terminate';

/**
 * Unchanged executions still record a poll now and then, so "last polled" stays honest. It
 * also bounds how late a rule of the clock alone (timeout, lost job, launch lease) is seen for
 * a settled execution, which is otherwise not decided again until it or DRS changes.
 */
const HEARTBEAT_MS = 60 * 1000;

/** Whether the state machine ran for the execution, and whether anything was written. */
export interface DriveOutcome {
  decided: boolean;
  written: boolean;
}

/** Carries out DRS commands in order, recording each result; undefined if one could not be recorded. */
async function act(
  engine: EngineContext,
  execution: Execution,
  actions: EngineCommand[],
): Promise<Execution | undefined> {
  let current = execution;
  for (const command of actions) {
    let acted: Execution | undefined;
    if (command.type === 'START_WAVE') {
      acted = await startWave(engine, current, command);
    } else if (command.type === 'TERMINATE_RECOVERY_INSTANCES') {
      acted = await terminate(engine, current, command.recoveryInstanceIds);
    }
    if (!acted) continue;
    const jobId =
      command.type === 'START_WAVE'
        ? acted.waves[command.waveIndex].jobId
        : undefined;
    const written = await persist(engine.store, acted, fresh =>
      jobId && command.type === 'START_WAVE'
        ? recordWaveLaunched(fresh, command.waveIndex, jobId, engine.now())
        : fresh,
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

/** Tells open pages about the change, and owners about the statuses they are notified of. */
async function announce(
  engine: EngineContext,
  execution: Execution,
  commands: EngineCommand[],
) {
  await engine.listener.executionChanged(execution);
  for (const command of commands) {
    if (command.type === 'NOTIFY') {
      if (command.event === 'FAILED' || command.event === 'TIMED_OUT') {
        engine.metrics?.failures.add(1, { status: command.event });
      }
      await engine.listener.executionReached(execution, command.event);
    }
  }
}

/** Decides what the execution needs now, acts on it and records it. */
export async function drive(
  engine: EngineContext,
  execution: Execution,
  observations: DrsObservations,
): Promise<DriveOutcome> {
  const heartbeatDue =
    Date.parse(execution.polling.lastPolledAt ?? '1970-01-01T00:00:00Z') +
      HEARTBEAT_MS <=
    engine.now().getTime();
  if (!heartbeatDue && engine.settled.has(execution, observations)) {
    return { decided: false, written: false };
  }
  const decision = decide(
    execution,
    observations,
    engine.now(),
    engine.settings,
  );
  for (const t of decision.transitions) {
    engine.metrics?.transitions.add(1, { scope: t.scope, to: t.to });
  }
  const actions = decision.commands.filter(c => c.type !== 'NOTIFY');
  if (!decision.changed && actions.length === 0 && !heartbeatDue) {
    engine.settled.remember(execution, observations);
    return { decided: true, written: false };
  }
  engine.settled.forget(execution.executionId);
  // The intent is recorded before any DRS call; losing this race means another engine acts.
  const intended = await persist(engine.store, decision.execution);
  if (!intended) return { decided: true, written: false };

  const current = await act(engine, intended, actions);
  if (current) await announce(engine, current, decision.commands);
  return { decided: true, written: true };
}
