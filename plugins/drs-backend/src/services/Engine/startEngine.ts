import { createEngine } from './createEngine';
import { tallyDrsErrors } from './cloudWatch';
import { createCycleReport } from './cycleReport';
import { createEngineMetrics } from './metrics';
import { EngineTaskOptions } from './types';

/** The scheduler task that drives executions; `scope: 'global'` runs it on one replica at a time. */
const ENGINE_TASK_ID = 'drs-execution-engine';

/**
 * Schedules the engine's task (when the engine runs on this replica) and returns how to have an
 * execution driven at once: a start or a request should not wait a whole interval.
 */
export async function startEngine(
  options: EngineTaskOptions,
): Promise<(executionId: string) => Promise<void>> {
  const { scheduler, logger, settings } = options;
  const drsErrors = tallyDrsErrors(createEngineMetrics());
  const engine = createEngine({
    store: options.store,
    gateway: options.gateway,
    ssm: options.ssm,
    ec2: options.ec2,
    logger: logger.child({ task: ENGINE_TASK_ID }),
    pollIntervalSeconds: settings.pollIntervalSeconds,
    launchLeaseSeconds: settings.launchLeaseSeconds,
    defaultAccountId: options.defaultAccountId,
    listener: options.listener,
    metrics: drsErrors.metrics,
  });
  const reportCycle = createCycleReport({
    heartbeat: options.heartbeat,
    cloudWatch: options.cloudWatch,
    drsErrors,
    pollIntervalSeconds: settings.pollIntervalSeconds,
    logger,
  });
  if (settings.enabled) {
    await scheduler.scheduleTask({
      id: ENGINE_TASK_ID,
      scope: 'global',
      frequency: { seconds: settings.pollIntervalSeconds },
      timeout: { seconds: settings.cycleTimeoutSeconds },
      initialDelay: { seconds: settings.initialDelaySeconds },
      fn: async abortSignal => {
        const startedAt = new Date();
        const stats = await engine.runCycle(abortSignal);
        // An abandoned cycle did not complete: readiness must not count it.
        if (!abortSignal.aborted) {
          await reportCycle({ stats, startedAt, completedAt: new Date() });
        }
      },
    });
  }
  const triggerCycle = () =>
    scheduler.triggerTask(ENGINE_TASK_ID).catch(error => {
      logger.debug(`Engine not triggered now: ${error}`);
    });
  return async executionId => {
    if (!settings.enabled) {
      // The global task runs elsewhere; the trigger reaches it through the database.
      await triggerCycle();
      return;
    }
    // Not awaited: the request is answered while the engine launches.
    engine.driveNow(executionId).catch(async error => {
      logger.warn(
        `Execution ${executionId} is left to an engine cycle: ${error}`,
      );
      await triggerCycle();
    });
  };
}
