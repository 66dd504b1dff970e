/** How an execution runs: a drill launches isolated copies, a recovery is a real failover. */
export const EXECUTION_MODES = ['DRILL', 'RECOVERY'] as const;
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

/** Execution statuses; the names are the ones the seed system's UI and runbook use. */
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
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** Statuses the engine still has to drive; the finder queries StatusIndex for each of them. */
export const ACTIVE_EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'PENDING',
  'POLLING',
  'PAUSED',
  'CANCELLING',
];

export const TERMINAL_EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'COMPLETED',
  'FAILED',
  'TIMED_OUT',
  'CANCELLED',
];

export const WAVE_STATUSES = [
  'PENDING',
  'STARTED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
] as const;
export type WaveStatus = (typeof WAVE_STATUSES)[number];

export const SERVER_STATUSES = [
  'NOT_STARTED',
  'LAUNCHING',
  'LAUNCHED',
  'HEALTHY',
  'FAILED',
] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];

/** What a wave must reach before the next one may start. */
export const WAIT_FOR_VALUES = ['LAUNCHED', 'HEALTHY'] as const;
export type WaitFor = (typeof WAIT_FOR_VALUES)[number];

/** DRS's own launch status of a server in a job, kept beside ours. */
export const DRS_LAUNCH_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'LAUNCHED',
  'FAILED',
  'TERMINATED',
] as const;
export type DrsLaunchStatus = (typeof DRS_LAUNCH_STATUSES)[number];

export function isActiveExecutionStatus(status: ExecutionStatus): boolean {
  return ACTIVE_EXECUTION_STATUSES.includes(status);
}

export function isTerminalExecutionStatus(status: ExecutionStatus): boolean {
  return TERMINAL_EXECUTION_STATUSES.includes(status);
}
