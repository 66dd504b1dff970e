import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  ServiceFactory,
} from '@backstage/backend-plugin-api';

/** The DRS backend's engine task (its startEngine schedules it under this ID). */
export const DRS_ENGINE_TASK_ID = 'drs-execution-engine';

/** The tasks one plugin scheduled, kept instead of run. */
export interface TaskCapture {
  /** The `coreServices.scheduler` factory to give the backend. */
  factory: ServiceFactory<SchedulerService>;
  /** The plugin's scheduled task of that ID; fails, naming those it has, when there is none. */
  task(id: string): SchedulerServiceTaskInvocationDefinition;
}

/**
 * A scheduler that runs nothing by itself: it keeps the tasks `pluginId` schedules, for the caller
 * to run when it chooses (`task(id).fn(signal)`), and ignores triggers and other plugins' tasks.
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
    task(id) {
      const task = tasks.find(t => t.id === id);
      if (!task) {
        throw new Error(
          `Plugin ${pluginId} scheduled no task ${id}; it scheduled ${
            tasks.map(t => t.id).join(', ') || 'none'
          }`,
        );
      }
      return task;
    },
  };
}
