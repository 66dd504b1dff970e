import { recordedTimeMillis } from './engine/time';
import { describeSeconds } from './durations';
import {
  PointInTimeChoice,
  RecoveryPoint,
  RecoverySnapshot,
} from './recoveryPoints';
import { noPointInTimeReason } from './replication';

/** The point in time a choice gives a server, or why it gives none. */
export type PointInTimeOutcome =
  | { point: RecoveryPoint; problem?: undefined }
  | { point?: undefined; problem: string };

/**
 * A server's completed points in time, newest first. Snapshots still being taken have no
 * timestamp and never qualify; those listed for another server are not this one's.
 */
export function completedPoints(
  snapshots: RecoverySnapshot[],
  sourceServerId: string,
): RecoveryPoint[] {
  const points: { snapshotId: string; at: string; millis: number }[] = [];
  for (const snapshot of snapshots) {
    const millis = recordedTimeMillis(snapshot.at);
    if (snapshot.sourceServerId !== sourceServerId || millis === undefined) {
      continue;
    }
    points.push({ snapshotId: snapshot.snapshotId, at: snapshot.at!, millis });
  }
  return points
    .sort((a, b) => b.millis - a.millis)
    .map(({ snapshotId, at }) => ({ snapshotId, at }));
}

/** Seconds of data a launch from `point` at `now` loses: now − the point in time, never negative. */
export function secondsSince(point: RecoveryPoint, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(point.at)) / 1000));
}

function chosenSnapshot(
  snapshots: RecoverySnapshot[],
  sourceServerId: string,
  snapshotId: string | undefined,
  ownerOf: (snapshotId: string) => string | undefined,
): PointInTimeOutcome {
  if (snapshotId === undefined) {
    return {
      problem:
        'has no point in time chosen: pointInTime.snapshotIds names none for it',
    };
  }
  const completed = completedPoints(snapshots, sourceServerId);
  const point = completed.find(p => p.snapshotId === snapshotId);
  if (point) return { point };
  const owner = ownerOf(snapshotId);
  if (owner !== undefined && owner !== sourceServerId) {
    return {
      problem: `was given snapshot ${snapshotId}, which is a point in time of server ${owner}, not of this one`,
    };
  }
  if (snapshots.some(s => s.snapshotId === snapshotId)) {
    return {
      problem: `was given snapshot ${snapshotId}, which DRS is still taking (it has no timestamp yet); choose a completed one`,
    };
  }
  const newest = completed[0]
    ? `; its newest is ${completed[0].snapshotId} of ${completed[0].at}`
    : '';
  return {
    problem: `was given snapshot ${snapshotId}, which is not one of its completed points in time${newest}`,
  };
}

/**
 * The point in time a choice gives a server: its newest completed one (`latest`), its newest
 * completed at or before the cut-off (`before`), or exactly the snapshot named for it
 * (`snapshots`, which must be its own). `ownerOf` names the server a snapshot ID belongs to,
 * where known, so that a snapshot given to the wrong server is told as such.
 */
export function choosePointInTime(options: {
  snapshots: RecoverySnapshot[];
  sourceServerId: string;
  replicationState: string;
  choice: PointInTimeChoice;
  ownerOf?: (snapshotId: string) => string | undefined;
}): PointInTimeOutcome {
  const { snapshots, sourceServerId, choice } = options;
  if (choice.type === 'snapshots') {
    return chosenSnapshot(
      snapshots,
      sourceServerId,
      choice.snapshotIds[sourceServerId],
      options.ownerOf ?? (() => undefined),
    );
  }
  const completed = completedPoints(snapshots, sourceServerId);
  if (completed.length === 0) {
    return { problem: noPointInTimeReason(options.replicationState) };
  }
  if (choice.type === 'latest') return { point: completed[0] };
  const cutOff = Date.parse(choice.at);
  const point = completed.find(p => Date.parse(p.at) <= cutOff);
  if (point) return { point };
  const oldest = completed[completed.length - 1];
  return {
    problem: `has no completed point in time at or before ${
      choice.at
    }: its oldest is ${oldest.at}, ${describeSeconds(
      (Date.parse(oldest.at) - cutOff) / 1000,
    )} later`,
  };
}
