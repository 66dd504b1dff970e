import { stableId } from './ids';
import { ReplicationSpan } from './replicationStates';
import { LaunchSnapshotRecord, SourceServerRecord } from './state';

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
  /**
   * DRS deletes a disconnected server's replication resources within 90 minutes: its points in
   * time are gone after that.
   */
  deletionAfterDisconnect: 5400,
};

/**
 * DRS's default point-in-time policy in snapshot intervals: one every 10 minutes for an hour,
 * one an hour for 24 hours, one a day for 7 days. Counted back from the server's newest point
 * in time, so a server that stopped replicating keeps its last ones however long ago that was.
 */
const RETENTION_TIERS = [
  { every: 1, keep: 6 },
  { every: 6, keep: 24 },
  { every: 144, keep: 7 },
];

export interface SnapshotTiming {
  /** Where the schedule starts: the simulator's start time. */
  anchorMs: number;
  intervalMs: number;
  completionMs: number;
  deletionAfterDisconnectMs: number;
}

export interface RecoverySnapshotRecord extends LaunchSnapshotRecord {
  sourceServerID: string;
}

/**
 * Whether DRS has deleted the server's points in time by `now`: StopReplication deletes them at
 * once, disconnecting once the server's replication resources are gone.
 */
export function pointsInTimeDeleted(
  server: SourceServerRecord,
  now: number,
  timing: SnapshotTiming,
): boolean {
  if (server.replicationState === 'STOPPED') return true;
  return (
    server.replicationState === 'DISCONNECTED' &&
    now >= server.replicationStateSince + timing.deletionAfterDisconnectMs
  );
}

/** Slot k of the schedule is expected at anchor + k intervals. */
function slotTime(index: number, timing: SnapshotTiming): number {
  return timing.anchorMs + index * timing.intervalMs;
}

/** The newest slot a span holds: one taken by now, or one completed before replication stopped. */
function newestSlot(
  span: ReplicationSpan,
  now: number,
  timing: SnapshotTiming,
): number {
  const newestStart =
    span.to === undefined ? now : Math.min(now, span.to - timing.completionMs);
  return Math.floor((newestStart - timing.anchorMs) / timing.intervalMs);
}

/** The slots the retention policy keeps, oldest first. */
function retainedSlots(
  spans: ReplicationSpan[],
  now: number,
  timing: SnapshotTiming,
): number[] {
  const kept = new Set<number>();
  const newestFirst = [...spans].reverse();
  for (const { every, keep } of RETENTION_TIERS) {
    let count = 0;
    for (const span of newestFirst) {
      const oldest = Math.ceil(
        (span.from - timing.anchorMs) / timing.intervalMs,
      );
      let index = Math.floor(newestSlot(span, now, timing) / every) * every;
      for (; index >= oldest && count < keep; index -= every) {
        kept.add(index);
        count++;
      }
    }
  }
  return [...kept].sort((a, b) => a - b);
}

/**
 * The server's recovery snapshots at `now`, oldest first: the scheduled ones the retention
 * policy keeps (computed from time, so they need no state) plus those taken by launch jobs.
 * A server gets none while it does not replicate, and none at all once DRS deleted them.
 */
export function listRecoverySnapshots(
  server: SourceServerRecord,
  now: number,
  timing: SnapshotTiming,
): RecoverySnapshotRecord[] {
  if (pointsInTimeDeleted(server, now, timing)) return [];
  const sourceServerID = server.sourceServerID;
  const scheduled = retainedSlots(server.replicationSpans, now, timing).map(
    index => {
      const expectedAt = slotTime(index, timing);
      const completedAt = expectedAt + timing.completionMs;
      return {
        snapshotID: stableId('recoverySnapshot', sourceServerID, String(index)),
        sourceServerID,
        expectedAt,
        ...(completedAt <= now ? { completedAt } : {}),
      };
    },
  );
  const taken = server.launchSnapshots.map(snapshot => ({
    ...snapshot,
    sourceServerID,
  }));
  return [...scheduled, ...taken].sort((a, b) => a.expectedAt - b.expectedAt);
}

/** The server's newest completed point in time, if it has one. */
export function latestCompletedSnapshot(
  server: SourceServerRecord,
  now: number,
  timing: SnapshotTiming,
): RecoverySnapshotRecord | undefined {
  return listRecoverySnapshots(server, now, timing)
    .filter(snapshot => snapshot.completedAt !== undefined)
    .reduce<RecoverySnapshotRecord | undefined>(
      (latest, snapshot) =>
        latest && latest.completedAt! >= snapshot.completedAt!
          ? latest
          : snapshot,
      undefined,
    );
}

/** EBS snapshots behind a point in time, one per replicated disk. */
export function ebsSnapshotIds(snapshotID: string): string[] {
  return [stableId('ebsSnapshot', snapshotID, 'root')];
}
