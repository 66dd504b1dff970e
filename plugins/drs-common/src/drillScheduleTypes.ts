/** Drill schedules as plans carry them and the health answer shows them. */

/**
 * When a plan's drills run by themselves: a cron expression or an interval, in a time zone.
 *
 * @public
 */
export interface DrillSchedule {
  /** Five-field cron expression (minute hour day-of-month month day-of-week), e.g. `0 3 * * 1`. */
  cron?: string;
  /** Or an ISO 8601 duration between drills, e.g. `P30D`; counted from the last drill. */
  every?: string;
  /** IANA time zone the cron expression (and an interval's days) are read in, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** A disabled schedule starts nothing and makes nothing overdue. */
  enabled: boolean;
}

/**
 * What the scheduler recorded of a plan's schedule; bookkeeping, never written by a person.
 *
 * @public
 */
export interface DrillScheduleState {
  /** When the scheduler last claimed a due drill of the plan, ISO-8601. */
  lastScheduledAt?: string;
  /** The due time that claim was for, ISO-8601. */
  lastDueAt?: string;
  /** The execution it started; absent when the start was refused. */
  lastExecutionId?: string;
  /** Why the last scheduled start was refused, in words a person can act on. */
  lastError?: string;
  /** The due time whose owners were told in advance, ISO-8601. */
  notifiedDueAt?: string;
}

/**
 * A plan's schedule judged at an instant, as the health card and the ops page show it.
 *
 * @public
 */
export interface DrillScheduleStatus {
  /** The plan judged. */
  planId: string;
  /** Its name. */
  planName: string;
  /** The schedule as stated, e.g. `0 3 * * 1 (Europe/Berlin)` or `every P30D`. */
  description: string;
  /** Whether the schedule is enabled. */
  enabled: boolean;
  /** When the next drill is due, ISO-8601; absent when disabled. */
  nextDueAt?: string;
  /** The last successful drill of the plan started then, ISO-8601; absent when never. */
  lastSuccessfulDrillAt?: string;
  /** The last successful drill is older than the schedule allows. */
  overdue: boolean;
  /** Since when it is overdue, ISO-8601. */
  overdueSince?: string;
}

/**
 * What a schedule is judged from: the schedule, the scheduler's record, the last successful
 * drill, and the instant the schedule counts from when there is nothing else (the plan's last
 * change).
 *
 * @public
 */
export interface DrillScheduleInput {
  /** The plan's schedule. */
  schedule: DrillSchedule;
  /** What the scheduler recorded of it. */
  state?: DrillScheduleState;
  /** When the plan's last successful drill started, ISO-8601. */
  lastSuccessfulDrillAt?: string;
  /** When the schedule was set: the plan's `updatedAt`. */
  anchor: string;
}

/**
 * The fields of a plan its schedule is judged by.
 *
 * @public
 */
export interface SchedulablePlan {
  /** The plan's ID. */
  planId: string;
  /** The plan's name. */
  name: string;
  /** When the plan was last changed: a schedule never run counts from then. */
  updatedAt: string;
  /** The plan's timeout: how long a due drill has to succeed before the plan is overdue. */
  timeoutMinutes: number;
  /** The plan's schedule; plans without one are not judged. */
  drillSchedule?: DrillSchedule;
  /** What the scheduler recorded of it. */
  drillScheduleState?: DrillScheduleState;
}
