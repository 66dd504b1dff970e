/*
 * What a DRS data replication state means for a server's points in time. The README's "How
 * replication states affect launches" gives AWS's word for each state and where it says so.
 */

/**
 * The server replicates: it gets new points in time, and a launch without a
 * `recoverySnapshotID` takes an on-demand snapshot. In any other state a launch uses the
 * server's newest completed point in time, and is refused when it has none.
 */
export const REPLICATING_STATES: ReadonlySet<string> = new Set([
  'CONTINUOUS',
  'BACKLOG',
  'CREATING_SNAPSHOT',
  'RESCAN',
]);

/**
 * An inventory server in these states has no point in time: DRS takes the first one after the
 * initial sync, and StopReplication deletes them all.
 */
const STARTS_WITHOUT_POINTS_IN_TIME: ReadonlySet<string> = new Set([
  'INITIATING',
  'INITIAL_SYNC',
  'STOPPED',
]);

/** A stretch of time a server replicated: its scheduled points in time fall inside one. */
export interface ReplicationSpan {
  from: number;
  /** When replication stopped; unset while the server replicates. */
  to?: number;
}

/**
 * How an inventory server has replicated until the simulator starts. Servers were added to
 * DRS long before any retention reaches back, so their first span has no start.
 */
export function initialReplicationSpans(
  replicationState: string,
  stoppedAt: number,
): ReplicationSpan[] {
  if (REPLICATING_STATES.has(replicationState)) return [{ from: -Infinity }];
  if (STARTS_WITHOUT_POINTS_IN_TIME.has(replicationState)) return [];
  return [{ from: -Infinity, to: stoppedAt }];
}
