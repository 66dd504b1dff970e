import { PlanReadiness, PointInTimeChoice } from './recoveryPoints';
import { Execution } from './executionTypes';

/**
 * What a person chose when starting an execution, beyond its mode.
 *
 * @public
 */
export interface StartChoice {
  /** Absent or `latest`: DRS's latest point in time. */
  pointInTime?: PointInTimeChoice;
  /** For a RECOVERY: the largest data-loss window accepted, in seconds. */
  acceptedDataLossSeconds?: number;
  /** For a DRILL: launch servers whose replication is not CONTINUOUS. */
  allowDegradedReplication?: boolean;
}

/**
 * The new execution with its start's choice recorded: the choice itself, and for a chosen point
 * in time (`before`, `snapshots`) each server's snapshot and its timestamp from pre-flight, which
 * the engine sends to DRS at launch. On DRS's latest nothing is pinned: DRS takes its latest
 * point in time when it launches.
 *
 * @public
 */
export function withStartChoice(
  execution: Execution,
  choice: StartChoice,
  readiness: PlanReadiness,
): Execution {
  const pinned = choice.pointInTime && choice.pointInTime.type !== 'latest';
  const points = new Map(
    readiness.servers.map(s => [s.sourceServerId, s.pointInTime]),
  );
  return {
    ...execution,
    ...(pinned ? { pointInTime: choice.pointInTime } : {}),
    ...(choice.acceptedDataLossSeconds !== undefined
      ? { acceptedDataLossSeconds: choice.acceptedDataLossSeconds }
      : {}),
    ...(choice.allowDegradedReplication
      ? { allowDegradedReplication: true }
      : {}),
    waves: execution.waves.map(wave => ({
      ...wave,
      servers: wave.servers.map(server => {
        const point = pinned ? points.get(server.sourceServerId) : undefined;
        return point
          ? {
              ...server,
              recoverySnapshotId: point.snapshotId,
              pointInTimeAt: point.at,
            }
          : server;
      }),
    })),
  };
}
