import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  decide,
  DrsObservations,
  EngineCommand,
} from '@drs-orchestration/plugin-drs-common/engine';
import { act } from './act';
import { EngineContext } from './engineContext';
import { persist } from './persist';

/**
 * Unchanged executions still record a poll now and then, so "last polled" stays honest. It
 * also bounds how late a rule of the clock alone that the decision does not announce in its
 * `wakeAt` (plan timeout, lost job, launch lease) is seen for a settled execution, which is
 * otherwise not decided again until it, DRS, SSM or EC2 changes, or its `wakeAt` comes.
 */
const HEARTBEAT_MS = 60 * 1000;

/** Whether the state machine ran for the execution, and whether anything was written. */
export interface DriveOutcome {
  decided: boolean;
  written: boolean;
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
  if (
    !heartbeatDue &&
    engine.settled.has(execution, observations, engine.now())
  ) {
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
    engine.settled.remember(execution, observations, decision.wakeAt);
    return { decided: true, written: false };
  }
  engine.settled.forget(execution.executionId);
  // Intents are recorded before any DRS or SSM call; losing this race means another engine acts.
  const intended = await persist(engine.store, decision.execution);
  if (!intended) return { decided: true, written: false };

  const current = await act(engine, intended, actions);
  if (current) await announce(engine, current, decision.commands);
  return { decided: true, written: true };
}
