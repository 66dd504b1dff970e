/**
 * Drill schedules: when a plan's next drill is due, whether it is due now, and whether the plan
 * is overdue. Pure: every function takes the instant it judges at.
 */
import { slotAfter } from './drillScheduleSchema';
import type {
  DrillSchedule,
  DrillScheduleInput,
  DrillScheduleStatus,
  SchedulablePlan,
} from './drillScheduleTypes';

const latest = (...times: (string | undefined)[]): Date | undefined => {
  const ms = times
    .filter((t): t is string => t !== undefined)
    .map(t => Date.parse(t))
    .filter(t => !Number.isNaN(t));
  return ms.length > 0 ? new Date(Math.max(...ms)) : undefined;
};

/**
 * When the plan's next scheduled drill is due; undefined when the schedule is disabled.
 *
 * A cron schedule is due at its first time after the scheduler last started one; an interval
 * after the last drill, scheduled or successful. Slots missed while the backend was down are
 * one due drill, not one per slot: once it starts, the next is counted from then.
 *
 * @public
 */
export function nextDrillDue(input: DrillScheduleInput): Date | undefined {
  const { schedule, state } = input;
  if (!schedule.enabled) return undefined;
  const since =
    schedule.cron !== undefined
      ? latest(state?.lastScheduledAt) ?? latest(input.anchor)
      : latest(state?.lastScheduledAt, input.lastSuccessfulDrillAt) ??
        latest(input.anchor);
  return since && slotAfter(schedule, since);
}

/**
 * Whether a drill is due at `now`: its due time has come and the scheduler has not started it.
 *
 * @public
 */
export function isDrillDue(input: DrillScheduleInput, now: Date): boolean {
  const due = nextDrillDue(input);
  return due !== undefined && due.getTime() <= now.getTime();
}

/**
 * Since when the plan is overdue: the drill that should have followed its last successful one
 * (or the schedule's start, when never drilled) was due and has had `graceSeconds` (the plan's
 * timeout) to succeed. Undefined when not overdue or disabled.
 *
 * @public
 */
export function drillOverdueSince(
  input: DrillScheduleInput,
  now: Date,
  graceSeconds: number,
): Date | undefined {
  if (!input.schedule.enabled) return undefined;
  const since = latest(input.lastSuccessfulDrillAt) ?? latest(input.anchor);
  const due = since && slotAfter(input.schedule, since);
  if (!due) return undefined;
  const overdueAt = new Date(due.getTime() + graceSeconds * 1000);
  return overdueAt.getTime() < now.getTime() ? overdueAt : undefined;
}

/**
 * The schedule in words: `0 3 * * 1 (Europe/Berlin)` or `every P30D (UTC)`.
 *
 * @public
 */
export function describeDrillSchedule(schedule: DrillSchedule): string {
  const what =
    schedule.cron !== undefined ? schedule.cron : `every ${schedule.every}`;
  return `${what} (${schedule.timeZone})`;
}

/**
 * A plan's schedule judged at `now`, for the health card and the ops page.
 *
 * @public
 */
export function drillScheduleStatus(
  plan: SchedulablePlan & { drillSchedule: DrillSchedule },
  lastSuccessfulDrillAt: string | undefined,
  now: Date,
): DrillScheduleStatus {
  const input: DrillScheduleInput = {
    schedule: plan.drillSchedule,
    state: plan.drillScheduleState,
    lastSuccessfulDrillAt,
    anchor: plan.updatedAt,
  };
  const overdueSince = drillOverdueSince(input, now, plan.timeoutMinutes * 60);
  return {
    planId: plan.planId,
    planName: plan.name,
    description: describeDrillSchedule(plan.drillSchedule),
    enabled: plan.drillSchedule.enabled,
    nextDueAt: nextDrillDue(input)?.toISOString(),
    lastSuccessfulDrillAt,
    overdue: overdueSince !== undefined,
    overdueSince: overdueSince?.toISOString(),
  };
}

/**
 * The schedules of an entity's plans judged at `now`, from its newest executions (newest first):
 * a plan's last successful drill is its newest COMPLETED drill.
 *
 * @public
 */
export function assessDrillSchedules(
  plans: ReadonlyArray<SchedulablePlan>,
  executions: ReadonlyArray<{
    planId: string;
    mode: string;
    status: string;
    startedAt?: string;
    createdAt: string;
  }>,
  now: Date,
): DrillScheduleStatus[] {
  const statuses: DrillScheduleStatus[] = [];
  for (const plan of plans) {
    if (!plan.drillSchedule) continue;
    const drill = executions.find(
      e =>
        e.planId === plan.planId &&
        e.mode === 'DRILL' &&
        e.status === 'COMPLETED',
    );
    statuses.push(
      drillScheduleStatus(
        { ...plan, drillSchedule: plan.drillSchedule },
        drill && (drill.startedAt ?? drill.createdAt),
        now,
      ),
    );
  }
  return statuses;
}

/**
 * Who starts scheduled drills: the `initiatedBy` of their executions and the actor of their
 * audit events.
 *
 * @public
 */
export const DRS_SCHEDULER_PRINCIPAL = 'plugin:drs/scheduler';
