import {
  DrillCleanupStatus,
  ExecutionStatus,
  ReverseReplicationStatus,
  ServerStatus,
  StepStatus,
  WaveStatus,
} from '../statuses';
import { Execution, ExecutionWave } from '../executionTypes';
import { stepPath, stepsOf } from './stepState';
import { StatusTransition } from './types';

/** The statuses each status may change to in one step. */
type TransitionTable<Status extends string> = Readonly<
  Record<Status, readonly Status[]>
>;

/**
 * The status changes one engine step (a decide, a record or a request) may make.
 * A single decide can take several steps of the design's chain at once, e.g. a PENDING
 * execution whose first wave awaits approval becomes PAUSED in its first cycle, so the
 * tables list what one step may do, not only neighbours in the chain.
 */
export const LEGAL_EXECUTION_TRANSITIONS: TransitionTable<ExecutionStatus> = {
  PENDING: ['POLLING', 'PAUSED', 'CANCELLED', 'TIMED_OUT'],
  POLLING: [
    'PAUSED',
    'CANCELLING',
    'COMPLETED',
    'FAILED',
    'TIMED_OUT',
    'CANCELLED',
  ],
  // A paused execution may still have a parallel wave running that fails or drains, and an
  // approved last step of the last wave completes it at once.
  PAUSED: [
    'POLLING',
    'CANCELLING',
    'COMPLETED',
    'FAILED',
    'TIMED_OUT',
    'CANCELLED',
  ],
  CANCELLING: ['CANCELLED', 'TIMED_OUT'],
  COMPLETED: [],
  FAILED: [],
  TIMED_OUT: [],
  CANCELLED: [],
};

export const LEGAL_WAVE_TRANSITIONS: TransitionTable<WaveStatus> = {
  PENDING: ['STARTED', 'CANCELLED'],
  // A started wave is cancelled before its launch or after it, never during: a DRS job cannot
  // be stopped, so it drains.
  STARTED: ['COMPLETED', 'FAILED', 'CANCELLED'],
  COMPLETED: [],
  FAILED: [],
  CANCELLED: [],
};

export const LEGAL_SERVER_TRANSITIONS: TransitionTable<ServerStatus> = {
  NOT_STARTED: ['LAUNCHING'],
  // One observation can show a job COMPLETED with its instance already RUNNING.
  LAUNCHING: ['LAUNCHED', 'HEALTHY', 'FAILED'],
  LAUNCHED: ['HEALTHY', 'FAILED'],
  HEALTHY: [],
  FAILED: [],
};

export const LEGAL_STEP_TRANSITIONS: TransitionTable<StepStatus> = {
  PENDING: ['RUNNING', 'SKIPPED', 'CANCELLED'],
  RUNNING: ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED'],
  SUCCEEDED: [],
  FAILED: [],
  TIMED_OUT: [],
  CANCELLED: [],
  SKIPPED: [],
};

export const LEGAL_DRILL_CLEANUP_TRANSITIONS: TransitionTable<DrillCleanupStatus> =
  {
    // A keep-alive of 0 schedules and raises the terminate in the decision that ends the drill.
    WAITING: ['SCHEDULED', 'REQUESTED', 'NOT_NEEDED'],
    SCHEDULED: ['REQUESTED', 'NOT_NEEDED'],
    REQUESTED: [],
    NOT_NEEDED: [],
  };

export const LEGAL_REVERSE_REPLICATION_TRANSITIONS: TransitionTable<ReverseReplicationStatus> =
  {
    REQUESTED: ['REPLICATING', 'CONTINUOUS', 'FAILED'],
    REPLICATING: ['CONTINUOUS', 'FAILED'],
    CONTINUOUS: [],
    FAILED: [],
  };

type Add = (
  scope: StatusTransition['scope'],
  id: string,
  from: string,
  to: string,
) => void;

/** The wave's step changes; throws when its steps are not the same ones. */
function addStepTransitions(
  wave: ExecutionWave,
  next: ExecutionWave,
  add: Add,
  executionId: string,
) {
  const steps = stepsOf(wave);
  const nextSteps = stepsOf(next);
  const sameSteps =
    nextSteps.length === steps.length &&
    nextSteps.every(
      (step, i) => step.name === steps[i].name && step.phase === steps[i].phase,
    );
  if (!sameSteps) {
    throw new Error(
      `Wave "${wave.name}" of execution ${executionId} changed its steps`,
    );
  }
  steps.forEach((step, i) =>
    add('step', stepPath(wave, step), step.status, nextSteps[i].status),
  );
}

/**
 * The status changes between two versions of one execution.
 * Throws when `after` does not have the same waves, servers, steps and cleanup as `before`:
 * the engine never adds or removes them.
 */
export function statusTransitions(
  before: Execution,
  after: Execution,
): StatusTransition[] {
  const transitions: StatusTransition[] = [];
  const add: Add = (scope, id, from, to) => {
    if (from !== to) transitions.push({ scope, id, from, to });
  };
  add('execution', before.executionId, before.status, after.status);
  if (before.drillCleanup && after.drillCleanup) {
    add(
      'cleanup',
      before.executionId,
      before.drillCleanup.status,
      after.drillCleanup.status,
    );
  } else if (before.drillCleanup || after.drillCleanup) {
    throw new Error(
      `Execution ${before.executionId} gained or lost its drill cleanup`,
    );
  }
  const reverse = before.requests.reverseReplication;
  const nextReverse = after.requests.reverseReplication;
  if (reverse && nextReverse) {
    add(
      'reverse-replication',
      before.executionId,
      reverse.status,
      nextReverse.status,
    );
  } else if (reverse) {
    throw new Error(
      `Execution ${before.executionId} lost its reverse replication request`,
    );
  }
  if (after.waves.length !== before.waves.length) {
    throw new Error(
      `Execution ${before.executionId} changed from ${before.waves.length} to ${after.waves.length} waves`,
    );
  }
  before.waves.forEach((wave, i) => {
    const next = after.waves[i];
    const sameServers =
      next.name === wave.name &&
      next.servers.length === wave.servers.length &&
      next.servers.every(
        (server, j) => server.sourceServerId === wave.servers[j].sourceServerId,
      );
    if (!sameServers) {
      throw new Error(
        `Wave ${i + 1} ("${wave.name}") of execution ${
          before.executionId
        } changed its name or servers`,
      );
    }
    add('wave', wave.name, wave.status, next.status);
    addStepTransitions(wave, next, add, before.executionId);
    wave.servers.forEach((server, j) =>
      add(
        'server',
        server.sourceServerId,
        server.status,
        next.servers[j].status,
      ),
    );
  });
  return transitions;
}

const LEGAL_TRANSITIONS_BY_SCOPE: Record<
  StatusTransition['scope'],
  Readonly<Record<string, readonly string[]>>
> = {
  execution: LEGAL_EXECUTION_TRANSITIONS,
  wave: LEGAL_WAVE_TRANSITIONS,
  server: LEGAL_SERVER_TRANSITIONS,
  step: LEGAL_STEP_TRANSITIONS,
  cleanup: LEGAL_DRILL_CLEANUP_TRANSITIONS,
  'reverse-replication': LEGAL_REVERSE_REPLICATION_TRANSITIONS,
};

export function isLegalTransition(transition: StatusTransition): boolean {
  const legal = LEGAL_TRANSITIONS_BY_SCOPE[transition.scope][transition.from];
  return legal?.includes(transition.to) ?? false;
}

/** Throws, naming every offending change, when `after` is not one legal step from `before`. */
export function assertLegalTransitions(
  before: Execution,
  after: Execution,
): StatusTransition[] {
  const transitions = statusTransitions(before, after);
  const illegal = transitions.filter(t => !isLegalTransition(t));
  if (illegal.length > 0) {
    throw new Error(
      `Illegal status transitions in execution ${before.executionId}: ${illegal
        .map(t => `${t.scope} ${t.id} ${t.from} → ${t.to}`)
        .join('; ')}`,
    );
  }
  return transitions;
}
