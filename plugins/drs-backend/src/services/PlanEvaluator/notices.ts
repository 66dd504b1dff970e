import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  RecoveryPlan,
  StoredPlanEvaluation,
} from '@drs-orchestration/plugin-drs-common';
import { plansPath } from '../DrillScheduler/notices';

/** Reasons named in a notice; the plan's page has them all. */
const REASONS_IN_NOTICE = 3;

/**
 * Tells the plan's owners, once, that a recovery of it started now would fail, and why. A
 * notice that cannot be sent is logged: the evaluation stays stored either way.
 */
export async function notifyFailing(
  options: { notifications?: NotificationService; logger: LoggerService },
  plan: Pick<RecoveryPlan, 'entityRef' | 'planId' | 'name'>,
  evaluation: StoredPlanEvaluation,
): Promise<void> {
  if (!options.notifications) return;
  const errors = evaluation.reasons.filter(r => r.severity === 'error');
  const named = errors.slice(0, REASONS_IN_NOTICE).map(r => r.message);
  const more =
    errors.length > named.length
      ? ` (and ${errors.length - named.length} more)`
      : '';
  try {
    await options.notifications.send({
      recipients: { type: 'entity', entityRef: plan.entityRef },
      payload: {
        title: `DR plan ${plan.name} would not recover now`,
        description: `${plan.entityRef}: ${named.join('; ')}${more}`,
        severity: 'high',
        link: plansPath(plan.entityRef),
        topic: `drs:evaluation:${plan.planId}`,
      },
    });
  } catch (error) {
    options.logger.warn(
      `Could not notify about the evaluation of plan ${plan.planId}: ${error}`,
    );
  }
}
