import { parseEntityRef } from '@backstage/catalog-model';
import {
  describeDrillSchedule,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import { DrillSchedulerOptions } from './types';

/** The entity's DR plans tab, where the plan and its executions are. */
export function plansPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/dr-plans`;
}

type Notify = Pick<DrillSchedulerOptions, 'notifications' | 'logger'>;

async function notifyOwners(
  { notifications, logger }: Notify,
  plan: RecoveryPlan,
  payload: {
    title: string;
    description: string;
    severity: 'high' | 'normal';
  },
) {
  if (!notifications) return;
  try {
    await notifications.send({
      recipients: { type: 'entity', entityRef: plan.entityRef },
      payload: {
        ...payload,
        link: plansPath(plan.entityRef),
        topic: `drs:schedule:${plan.planId}`,
      },
    });
  } catch (error) {
    logger.warn(`Could not notify about plan ${plan.planId}: ${error}`);
  }
}

/** Tells the owners a scheduled drill starts soon, so nobody mistakes it for an incident. */
export function announceDrill(
  options: Notify,
  plan: RecoveryPlan,
  due: Date,
): Promise<void> {
  return notifyOwners(options, plan, {
    title: `Scheduled DR drill of ${plan.name} starts at ${due.toISOString()}`,
    description: `${plan.entityRef}: the drill schedule ${describeDrillSchedule(
      plan.drillSchedule!,
    )} launches the plan's servers as a drill${
      plan.drillCleanup
        ? `, terminated ${plan.drillCleanup.keepAliveSeconds}s after it ends`
        : ', terminated as soon as it ends'
    }.`,
    severity: 'normal',
  });
}

/** Tells the owners a due drill did not start, and why: the plan goes overdue otherwise. */
export function notifyRefusal(
  options: Notify,
  plan: RecoveryPlan,
  reason: string,
): Promise<void> {
  return notifyOwners(options, plan, {
    title: `Scheduled DR drill of ${plan.name} did not start`,
    description: `${plan.entityRef}: ${reason}`,
    severity: 'high',
  });
}
