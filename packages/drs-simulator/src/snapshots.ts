import { stableId } from './ids';
import {
  LAUNCHABLE_REPLICATION_STATES,
  LaunchSnapshotRecord,
  SourceServerRecord,
} from './state';

/**
 * DRS keeps point-in-time snapshots on a schedule; these are the simulator's, in base seconds.
 *
 * @public
 */
export const SNAPSHOT_BASE_SECONDS = {
  /** A new point in time every 10 minutes... */
  interval: 600,
  /** ...which takes a minute to complete (no `timestamp` until then). */
  completion: 60,
};

/** How many scheduled snapshots are kept per server. */
export const SNAPSHOT_RETENTION = 12;

export interface SnapshotTiming {
  /** Where the schedule starts: the simulator's start time. */
  anchorMs: number;
  intervalMs: number;
  completionMs: number;
}

export interface RecoverySnapshotRecord extends LaunchSnapshotRecord {
  sourceServerID: string;
}

/**
 * The server's recovery snapshots at `now`, oldest first: the scheduled ones
 * (computed from time, so they need no state) plus those taken by launch jobs.
 * A server that stopped replicating has no snapshots after it stopped.
 */
export function listRecoverySnapshots(
  server: SourceServerRecord,
  now: number,
  timing: SnapshotTiming,
): RecoverySnapshotRecord[] {
  const replicating = LAUNCHABLE_REPLICATION_STATES.has(
    server.replicationState,
  );
  const newestStart = replicating
    ? now
    : Math.min(now, server.replicationStateSince - timing.completionMs);
  const newestIndex = Math.floor(
    (newestStart - timing.anchorMs) / timing.intervalMs,
  );
  const scheduled: RecoverySnapshotRecord[] = [];
  for (
    let index = newestIndex - SNAPSHOT_RETENTION + 1;
    index <= newestIndex;
    index++
  ) {
    const expectedAt = timing.anchorMs + index * timing.intervalMs;
    const completedAt = expectedAt + timing.completionMs;
    scheduled.push({
      snapshotID: stableId(
        'recoverySnapshot',
        server.sourceServerID,
        String(index),
      ),
      sourceServerID: server.sourceServerID,
      expectedAt,
      ...(completedAt <= now ? { completedAt } : {}),
    });
  }
  const taken = server.launchSnapshots.map(snapshot => ({
    ...snapshot,
    sourceServerID: server.sourceServerID,
  }));
  return [...scheduled, ...taken].sort((a, b) => a.expectedAt - b.expectedAt);
}

/** EBS snapshots behind a point in time, one per replicated disk. */
export function ebsSnapshotIds(snapshotID: string): string[] {
  return [stableId('ebsSnapshot', snapshotID, 'root')];
}
