import {
  DRS_SCHEDULER_PRINCIPAL,
  DrillScheduleState,
  nextDrillDue,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import {
  DrillScheduler,
  DrillSchedulerOptions,
  DrillSchedulerPass,
} from './types';
import { announceDrill, notifyRefusal } from './notices';

/** Executions read to find a plan's last successful drill, as the health view reads them. */
const HISTORY_FOR_SCHEDULE = 50;

/** Scheduled drills clean up at once unless the plan says how long to keep their instances. */
const IMMEDIATE_CLEANUP = { keepAliveSeconds: 0 };

/**
 * The idempotency key of a scheduled drill: one per plan and due time, so a start that is
 * retried, or raced by another replica, replays the same execution.
 */
export const scheduledDrillKey = (due: Date) =>
  `drs-scheduler:${due.toISOString()}`;

/** The scheduler's options with its clock settled. */
type Context = DrillSchedulerOptions & { now: () => Date };

async function lastSuccessfulDrillAt(ctx: Context, plan: RecoveryPlan) {
  if (plan.drillSchedule?.every === undefined) return undefined;
  const page = await ctx.history.listForEntity(plan.entityRef, {
    limit: HISTORY_FOR_SCHEDULE,
  });
  const drill = page.items.find(
    e =>
      e.planId === plan.planId &&
      e.mode === 'DRILL' &&
      e.status === 'COMPLETED',
  );
  return drill && (drill.startedAt ?? drill.createdAt);
}

/** Starts the claimed drill, audited; the outcome goes into the schedule record. */
async function start(
  ctx: Context,
  plan: RecoveryPlan,
  due: Date,
  claimed: RecoveryPlan,
) {
  const event = await ctx.auditor.createEvent({
    eventId: 'drill-start',
    severityLevel: 'medium',
    meta: {
      entityRef: plan.entityRef,
      planId: plan.planId,
      mode: 'DRILL',
      initiatedBy: DRS_SCHEDULER_PRINCIPAL,
      scheduledFor: due.toISOString(),
    },
  });
  let outcome: Pick<DrillScheduleState, 'lastExecutionId' | 'lastError'>;
  try {
    const credentials = await ctx.auth.getOwnServiceCredentials();
    const entity = await ctx.entities.resolve(plan.entityRef, credentials);
    const { execution } = await ctx.executions.start(entity, {
      planId: plan.planId,
      mode: 'DRILL',
      by: DRS_SCHEDULER_PRINCIPAL,
      idempotencyKey: scheduledDrillKey(due),
      defaultDrillCleanup: IMMEDIATE_CLEANUP,
    });
    await event.success({ meta: { executionId: execution.executionId } });
    outcome = { lastExecutionId: execution.executionId };
  } catch (error) {
    await event.fail({ error: error as Error });
    outcome = { lastError: (error as Error).message };
  }
  await ctx.plans
    .writeScheduleState(claimed, {
      ...claimed.drillScheduleState,
      ...outcome,
    })
    .catch(error =>
      ctx.logger.warn(`Schedule record of plan ${plan.planId}: ${error}`),
    );
  return outcome;
}

/** Announces a drill coming up within the lead time, once per due time. */
async function announceIfNear(
  ctx: Context,
  plan: RecoveryPlan,
  due: Date,
  now: Date,
) {
  const state = plan.drillScheduleState ?? {};
  const leadMs = ctx.notifyLeadMinutes * 60_000;
  if (due.getTime() - now.getTime() > leadMs) return false;
  if (state.notifiedDueAt === due.toISOString()) return false;
  const claimed = await ctx.plans.writeScheduleState(plan, {
    ...state,
    notifiedDueAt: due.toISOString(),
  });
  if (claimed) await announceDrill(ctx, plan, due);
  return claimed;
}

/** Claims the due drill and starts it; false when another replica claimed it first. */
async function claimAndStart(
  ctx: Context,
  plan: RecoveryPlan,
  due: Date,
  now: Date,
) {
  const next: DrillScheduleState = {
    ...plan.drillScheduleState,
    lastScheduledAt: now.toISOString(),
    lastDueAt: due.toISOString(),
    lastExecutionId: undefined,
    lastError: undefined,
  };
  if (!(await ctx.plans.writeScheduleState(plan, next))) return undefined;
  return start(ctx, plan, due, {
    ...plan,
    // As stored: the record's JSON drops the fields cleared above.
    drillScheduleState: JSON.parse(JSON.stringify(next)),
  });
}

async function visit(
  ctx: Context,
  plan: RecoveryPlan,
  pass: DrillSchedulerPass,
) {
  const due = nextDrillDue({
    schedule: plan.drillSchedule!,
    state: plan.drillScheduleState,
    lastSuccessfulDrillAt: await lastSuccessfulDrillAt(ctx, plan),
    anchor: plan.updatedAt,
  });
  if (!due) return;
  const now = ctx.now();
  if (due.getTime() > now.getTime()) {
    if (await announceIfNear(ctx, plan, due, now))
      pass.announced.push(plan.planId);
    return;
  }
  const outcome = await claimAndStart(ctx, plan, due, now);
  if (!outcome) return;
  if (outcome.lastExecutionId) {
    pass.started.push(outcome.lastExecutionId);
    return;
  }
  const reason = outcome.lastError ?? 'unknown';
  pass.refused.push({ planId: plan.planId, reason });
  ctx.logger.warn(
    `Scheduled drill of plan ${plan.planId} (${plan.entityRef}) not started: ${reason}`,
  );
  await notifyRefusal(ctx, plan, reason);
}

/**
 * The drill scheduler. Each pass reads every plan with a schedule; a drill due now is claimed by
 * a conditional write of the plan's schedule record (of two replicas, one wins) and started as
 * {@link DRS_SCHEDULER_PRINCIPAL} through the API's own start path; owners hear of a drill
 * `notifyLeadMinutes` before it, once (the notice is claimed the same way).
 */
export function createDrillScheduler(
  options: DrillSchedulerOptions,
): DrillScheduler {
  const ctx: Context = { ...options, now: options.now ?? (() => new Date()) };
  return {
    async runOnce() {
      const pass: DrillSchedulerPass = {
        started: [],
        announced: [],
        refused: [],
      };
      for (const plan of await ctx.plans.listScheduled()) {
        // One plan's trouble (its entity left the catalog, a store error) never stops the others.
        await visit(ctx, plan, pass).catch(error =>
          ctx.logger.warn(`Drill schedule of plan ${plan.planId}: ${error}`),
        );
      }
      return pass;
    },
  };
}
