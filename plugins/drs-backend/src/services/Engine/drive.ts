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

/** Whether the execution's heartbeat is due: it is decided (and written) however settled. */
export function isHeartbeatDue(execution: Execution, now: Date): boolean {
  return (
    Date.parse(execution.polling.lastPolledAt ?? '1970-01-01T00:00:00Z') +
      HEARTBEAT_MS <=
    now.getTime()
  );
}

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

/**
 * The observations without the EC2 status checks the execution already records as they are:
 * recorded again, they would only move their `seenAt`, and an execution whose instances are
 * still initializing (EC2 takes minutes) would be rewritten every cycle. The heartbeat records
 * them again, so `seenAt` stays within a minute of the last look.
 */
function withoutUnchangedStatuses(
  execution: Execution,
  observations: DrsObservations,
): DrsObservations {
  const { instanceStatuses } = observations;
  if (!instanceStatuses) return observations;
  const recorded = new Map<string, { instance: string; system: string }>();
  for (const wave of execution.waves) {
    for (const server of wave.servers) {
      if (server.ec2InstanceId && server.statusChecks) {
        recorded.set(server.ec2InstanceId, server.statusChecks);
      }
    }
  }
  const changed: NonNullable<DrsObservations['instanceStatuses']> = {};
  for (const [id, observed] of Object.entries(instanceStatuses)) {
    const checks = recorded.get(id);
    if (
      checks?.instance !== observed.instanceStatus ||
      checks.system !== observed.systemStatus
    ) {
      changed[id] = observed;
    }
  }
  return { ...observations, instanceStatuses: changed };
}

/** Decides what the execution needs now, acts on it and records it. */
export async function drive(
  engine: EngineContext,
  execution: Execution,
  observed: DrsObservations,
): Promise<DriveOutcome> {
  const heartbeatDue = isHeartbeatDue(execution, engine.now());
  const observations = heartbeatDue
    ? observed
    : withoutUnchangedStatuses(execution, observed);
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
