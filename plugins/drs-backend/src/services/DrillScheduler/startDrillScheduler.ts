import {
  AuditorService,
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DrsBackendConfig } from '../../config';
import { DrsGateway } from '../DrsGateway/types';
import { DrsStores } from '../DynamoStore/types';
import { createEntityResolver } from '../EntityResolver/createEntityResolver';
import { createExecutionService } from '../ExecutionService/createExecutionService';
import { createDrillScheduler } from './createDrillScheduler';

/** The scheduler task that starts due drills; `scope: 'global'` runs it on one replica at a time. */
export const DRILL_SCHEDULER_TASK_ID = 'drs-drill-scheduler';

/**
 * Schedules the drill scheduler's task, unless scheduled drills are off on this replica. Its
 * drills start through the same execution service as the API's, on the same stores.
 */
export async function startDrillScheduler(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  auditor: AuditorService;
  notifications?: NotificationService;
  catalog: CatalogService;
  stores: DrsStores;
  gateway: DrsGateway;
  triggerEngine: (executionId: string) => Promise<void>;
  settings: DrsBackendConfig;
}): Promise<void> {
  const { scheduler, settings, stores } = options;
  if (!settings.scheduledDrills.enabled) return;
  const logger = options.logger.child({ task: DRILL_SCHEDULER_TASK_ID });
  const drills = createDrillScheduler({
    ...options,
    logger,
    plans: stores.plans,
    history: stores.executions,
    executions: createExecutionService({
      plans: stores.plans,
      executions: stores.executions,
      gateway: options.gateway,
      quotas: settings.quotas,
      triggerEngine: options.triggerEngine,
    }),
    entities: createEntityResolver({
      catalog: options.catalog,
      defaultRegion: settings.defaultRegion,
    }),
    notifyLeadMinutes: settings.scheduledDrills.notifyLeadTimeMinutes,
  });
  const { checkIntervalSeconds, initialDelaySeconds } =
    settings.scheduledDrills;
  await scheduler.scheduleTask({
    id: DRILL_SCHEDULER_TASK_ID,
    scope: 'global',
    frequency: { seconds: checkIntervalSeconds },
    timeout: { seconds: Math.max(60, checkIntervalSeconds * 2) },
    initialDelay: { seconds: initialDelaySeconds },
    fn: async () => {
      const pass = await drills.runOnce();
      if (pass.started.length > 0 || pass.refused.length > 0) {
        logger.info(
          `Scheduled drills: started ${pass.started.length}, refused ${pass.refused.length}`,
        );
      }
    },
  });
}
