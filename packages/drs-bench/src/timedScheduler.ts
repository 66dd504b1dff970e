import {
  coreServices,
  createServiceFactory,
  DatabaseService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
// The production scheduler: its database-polled triggers are part of what "start → POLLING"
// costs in a real backend.
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { performance } from 'perf_hooks';

export interface TaskRun {
  startedAt: number;
  /** Absent while the task runs. */
  endedAt?: number;
}

/**
 * Backstage's production scheduler, with the runs of `pluginId`'s tasks timestamped into `runs`
 * (the drs plugin schedules one: its engine). A signal is then attributed to the engine cycle
 * that published it, which splits its latency into waiting for a cycle and the cycle's work.
 * The schedulers' databases are pushed to `databases`: stopping the backend leaves their
 * connection pools open.
 */
export function timedSchedulerFactory(
  pluginId: string,
  runs: TaskRun[],
  databases: DatabaseService[],
) {
  return createServiceFactory({
    service: coreServices.scheduler,
    deps: {
      database: coreServices.database,
      logger: coreServices.logger,
      rootLifecycle: coreServices.rootLifecycle,
      httpRouter: coreServices.httpRouter,
      pluginMetadata: coreServices.pluginMetadata,
      metrics: metricsServiceRef,
    },
    factory(deps): SchedulerService {
      databases.push(deps.database);
      const scheduler = DefaultSchedulerService.create(deps);
      const timed = deps.pluginMetadata.getId() === pluginId;
      const scheduleTask: SchedulerService['scheduleTask'] = task =>
        scheduler.scheduleTask(
          !timed
            ? task
            : {
                ...task,
                fn: async (signal: AbortSignal) => {
                  const run: TaskRun = { startedAt: performance.now() };
                  runs.push(run);
                  try {
                    await task.fn(signal);
                  } finally {
                    run.endedAt = performance.now();
                  }
                },
              },
        );
      return {
        scheduleTask,
        triggerTask: id => scheduler.triggerTask(id),
        cancelTask: id => scheduler.cancelTask(id),
        getScheduledTasks: () => scheduler.getScheduledTasks(),
        createScheduledTaskRunner: schedule => ({
          run: task => scheduleTask({ ...task, ...schedule }),
        }),
      };
    },
  });
}
