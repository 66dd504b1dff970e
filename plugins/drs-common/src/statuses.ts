/**
 * How an execution runs: a drill launches isolated copies, a recovery is a real failover, a
 * failback launches a recovery's reversed source servers back in the original region.
 *
 * @public
 */
export const EXECUTION_MODES = ['DRILL', 'RECOVERY', 'FAILBACK'] as const;
/**
 * DRILL, RECOVERY or FAILBACK; see {@link EXECUTION_MODES}.
 *
 * @public
 */
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

/**
 * The modes a plan starts in; a FAILBACK starts from a completed recovery, not from a plan.
 *
 * @public
 */
export const PLAN_MODES = ['DRILL', 'RECOVERY'] as const;
/**
 * DRILL or RECOVERY; see {@link PLAN_MODES}.
 *
 * @public
 */
export type PlanMode = (typeof PLAN_MODES)[number];

/**
 * Where an execution's reverse replication stands: REQUESTED until DRS has reversed every
 * recovery instance, REPLICATING until every reversed source server replicates CONTINUOUS.
 * FAILED: DRS refused to reverse a recovery instance (the others keep what they got).
 *
 * @public
 */
export const REVERSE_REPLICATION_STATUSES = [
  'REQUESTED',
  'REPLICATING',
  'CONTINUOUS',
  'FAILED',
] as const;
/**
 * See {@link REVERSE_REPLICATION_STATUSES}.
 *
 * @public
 */
export type ReverseReplicationStatus =
  (typeof REVERSE_REPLICATION_STATUSES)[number];

/**
 * Execution statuses; the names are the ones the seed system's UI and runbook use.
 *
 * @public
 */
export const EXECUTION_STATUSES = [
  'PENDING',
  'POLLING',
  'PAUSED',
  'CANCELLING',
  'COMPLETED',
  'FAILED',
  'TIMED_OUT',
  'CANCELLED',
] as const;
/**
 * Where an execution stands; see {@link EXECUTION_STATUSES}.
 *
 * @public
 */
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/**
 * Statuses the engine still has to drive; the finder queries StatusIndex for each of them.
 *
 * @public
 */
export const ACTIVE_EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'PENDING',
  'POLLING',
  'PAUSED',
  'CANCELLING',
];

/**
 * Statuses of an execution that has ended: the engine no longer drives it.
 *
 * @public
 */
export const TERMINAL_EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'COMPLETED',
  'FAILED',
  'TIMED_OUT',
  'CANCELLED',
];

/**
 * Statuses of a wave in an execution.
 *
 * @public
 */
export const WAVE_STATUSES = [
  'PENDING',
  'STARTED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
] as const;
/**
 * Where a wave of an execution stands; see {@link WAVE_STATUSES}.
 *
 * @public
 */
export type WaveStatus = (typeof WAVE_STATUSES)[number];

/**
 * Statuses of a source server in an execution: HEALTHY once both EC2 status checks of its
 * recovery instance (instance and system) are ok.
 *
 * @public
 */
export const SERVER_STATUSES = [
  'NOT_STARTED',
  'LAUNCHING',
  'LAUNCHED',
  'HEALTHY',
  'FAILED',
] as const;
/**
 * Where a source server of an execution stands; see {@link SERVER_STATUSES}.
 *
 * @public
 */
export type ServerStatus = (typeof SERVER_STATUSES)[number];

/**
 * What a wave must reach before the next one may start: its servers LAUNCHED by DRS, or HEALTHY
 * (both EC2 status checks of their instances ok, within the wave's health timeout).
 *
 * @public
 */
export const WAIT_FOR_VALUES = ['LAUNCHED', 'HEALTHY'] as const;
/**
 * What a wave waits for; see {@link WAIT_FOR_VALUES}.
 *
 * @public
 */
export type WaitFor = (typeof WAIT_FOR_VALUES)[number];

/**
 * Statuses of a step before or after a wave.
 *
 * @public
 */
export const STEP_STATUSES = [
  'PENDING', // not started yet
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT', // passed its timeout (an automation is then stopped)
  'CANCELLED', // the execution was cancelled, or its wave wound down while it ran
  'SKIPPED', // never ran: its wave failed, or the execution ended first
] as const;
/** Where a step of a wave stands; see {@link STEP_STATUSES}. @public */
export type StepStatus = (typeof STEP_STATUSES)[number];

/**
 * Statuses of a drill's automatic cleanup.
 *
 * @public
 */
export const DRILL_CLEANUP_STATUSES = [
  'WAITING', // for the drill to end
  'SCHEDULED', // the drill ended with recovery instances: terminated at `dueAt`
  'REQUESTED', // the engine raised the terminate request, which carries the rest
  'NOT_NEEDED', // nothing was launched, or a person's terminate removed the instances
] as const;
/** Where a drill's automatic cleanup stands; see {@link DRILL_CLEANUP_STATUSES}. @public */
export type DrillCleanupStatus = (typeof DRILL_CLEANUP_STATUSES)[number];

/**
 * DRS's own launch status of a server in a job, kept beside ours.
 *
 * @public
 */
export const DRS_LAUNCH_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'LAUNCHED',
  'FAILED',
  'TERMINATED',
] as const;
/**
 * A server's launch status as DRS reports it; see {@link DRS_LAUNCH_STATUSES}.
 *
 * @public
 */
export type DrsLaunchStatus = (typeof DRS_LAUNCH_STATUSES)[number];

/**
 * Whether the engine still drives an execution in this status.
 *
 * @public
 */
export function isActiveExecutionStatus(status: ExecutionStatus): boolean {
  return ACTIVE_EXECUTION_STATUSES.includes(status);
}

/**
 * Whether an execution in this status has ended.
 *
 * @public
 */
export function isTerminalExecutionStatus(status: ExecutionStatus): boolean {
  return TERMINAL_EXECUTION_STATUSES.includes(status);
}

/**
 * Whether a step in this status has ended: it will not run (again).
 *
 * @public
 */
export function isStepEnded(status: StepStatus): boolean {
  return status !== 'PENDING' && status !== 'RUNNING';
}
