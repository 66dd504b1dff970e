import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DrsBackendConfig } from '../../config';
import { DrsGateway } from '../DrsGateway/types';
import { DrsStores } from '../DynamoStore/types';
import { createPlanEvaluator } from './createPlanEvaluator';

/** The scheduler task that evaluates every plan; `scope: 'global'` runs it on one replica at a time. */
export const PLAN_EVALUATION_TASK_ID = 'drs-plan-evaluation';

/**
 * Schedules the plan evaluator's task every `drs.planEvaluation.frequency`, unless evaluation is
 * off on this replica or the stores keep no evaluations.
 */
export async function startPlanEvaluator(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  notifications?: NotificationService;
  catalog: CatalogService;
  stores: DrsStores;
  gateway: DrsGateway;
  settings: DrsBackendConfig;
}): Promise<void> {
  const { scheduler, settings, stores } = options;
  const { enabled, frequencySeconds, initialDelaySeconds } =
    settings.planEvaluation;
  if (!enabled || !stores.evaluations) return;
  const logger = options.logger.child({ task: PLAN_EVALUATION_TASK_ID });
  const evaluator = createPlanEvaluator({
    ...options,
    logger,
    store: stores.evaluations,
    quotas: settings.quotas,
    defaultRegion: settings.defaultRegion,
  });
  await scheduler.scheduleTask({
    id: PLAN_EVALUATION_TASK_ID,
    scope: 'global',
    frequency: { seconds: frequencySeconds },
    timeout: { seconds: Math.max(300, frequencySeconds) },
    initialDelay: { seconds: initialDelaySeconds },
    fn: async () => {
      const pass = await evaluator.runOnce();
      logger.info(
        `Plan evaluation: ${pass.plans} plans over ${pass.locations} accounts/regions in ${pass.durationMs} ms; failing ${pass.failing}, degraded ${pass.degraded}, unknown ${pass.unknown}; owners notified of ${pass.notified.length}`,
      );
    },
  });
}
