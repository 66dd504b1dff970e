import { LoggerService } from '@backstage/backend-plugin-api';
import { EngineHeartbeatStore } from '../DynamoStore/types';
import { CycleStats } from './types';

/** A cycle of the engine's task that ran to its end. */
export interface CompletedCycle {
  stats: CycleStats;
  startedAt: Date;
  completedAt: Date;
}

/**
 * What the engine's task does after each cycle it completed: one heartbeat write, which every
 * replica's readiness view reads. A failure is logged, never thrown: the next cycle tries again,
 * and a heartbeat that stays unwritten is what readiness reports.
 */
export function createCycleReport(options: {
  heartbeat?: EngineHeartbeatStore;
  pollIntervalSeconds: number;
  logger: LoggerService;
}): (cycle: CompletedCycle) => Promise<void> {
  const { heartbeat, pollIntervalSeconds, logger } = options;
  return async ({ stats, startedAt, completedAt }) => {
    try {
      await heartbeat?.record({
        completedAt: completedAt.toISOString(),
        durationMs: completedAt.getTime() - startedAt.getTime(),
        executions: stats.executions,
        pollIntervalSeconds,
      });
    } catch (error) {
      logger.warn(`Engine heartbeat not written: ${error}`);
    }
  };
}
