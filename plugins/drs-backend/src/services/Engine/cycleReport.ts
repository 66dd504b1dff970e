import { LoggerService } from '@backstage/backend-plugin-api';
import { EngineHeartbeatStore } from '../DynamoStore/types';
import { CloudWatchPublisher, DrsErrorTally } from './cloudWatch';
import { CycleStats } from './types';

/** A cycle of the engine's task that ran to its end. */
export interface CompletedCycle {
  stats: CycleStats;
  startedAt: Date;
  completedAt: Date;
}

/**
 * What the engine's task does after each cycle it completed: one heartbeat write, which every
 * replica's readiness view reads, and, when configured, one CloudWatch PutMetricData with the
 * cycle's metrics. A failure is logged, never thrown: the next cycle tries again, and a heartbeat
 * that stays unwritten is what readiness and the heartbeat alarm report.
 */
export function createCycleReport(options: {
  heartbeat?: EngineHeartbeatStore;
  cloudWatch?: CloudWatchPublisher;
  /** DRS errors and throttles since the last report, and how to keep those not published. */
  drsErrors: { take(): DrsErrorTally; giveBack(tally: DrsErrorTally): void };
  pollIntervalSeconds: number;
  logger: LoggerService;
}): (cycle: CompletedCycle) => Promise<void> {
  const { heartbeat, cloudWatch, pollIntervalSeconds, logger } = options;
  return async ({ stats, startedAt, completedAt }) => {
    const durationMs = completedAt.getTime() - startedAt.getTime();
    const drs = options.drsErrors.take();
    await Promise.all([
      heartbeat
        ?.record({
          completedAt: completedAt.toISOString(),
          durationMs,
          executions: stats.executions,
          pollIntervalSeconds,
        })
        .catch(error => logger.warn(`Engine heartbeat not written: ${error}`)),
      cloudWatch?.({
        completedAt,
        durationSeconds: durationMs / 1000,
        activeExecutions: stats.executions,
        drs,
      }).catch(error => {
        // Counted in the next cycle's datums, so an error is never lost (a throttle storm
        // usually throttles this call too).
        options.drsErrors.giveBack(drs);
        logger.warn(`Engine metrics not sent to CloudWatch: ${error}`);
      }),
    ]);
  };
}
