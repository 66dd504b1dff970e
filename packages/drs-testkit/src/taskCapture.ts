import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  ServiceFactory,
} from '@backstage/backend-plugin-api';

/** The tasks one plugin scheduled, kept instead of run. */
export interface TaskCapture {
  /** The `coreServices.scheduler` factory to give the backend. */
  factory: ServiceFactory<SchedulerService>;
  /** The plugin's one scheduled task; fails unless it scheduled exactly one. */
  task(): SchedulerServiceTaskInvocationDefinition;
}

/**
 * A scheduler that runs nothing by itself: it keeps the tasks `pluginId` schedules, for the caller
 * to run when it chooses (`task().fn(signal)`), and ignores triggers and other plugins' tasks.
 * A plugin schedules its tasks in its init, so they are here once the backend has started.
 */
export function captureScheduledTasks(pluginId: string): TaskCapture {
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const factory = createServiceFactory({
    service: coreServices.scheduler,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    factory({ pluginMetadata }): SchedulerService {
      const scheduleTask: SchedulerService['scheduleTask'] = async task => {
        if (pluginMetadata.getId() === pluginId) tasks.push(task);
      };
      return {
        scheduleTask,
        async triggerTask() {},
        async cancelTask() {},
        async getScheduledTasks() {
          return [];
        },
        createScheduledTaskRunner: schedule => ({
          run: task => scheduleTask({ ...task, ...schedule }),
        }),
      };
    },
  });
  return {
    factory,
    task() {
      if (tasks.length !== 1) {
        throw new Error(
          `Plugin ${pluginId} scheduled ${tasks.length} tasks; expected one`,
        );
      }
      return tasks[0];
    },
  };
}
