import { conflict, invalidFields } from '../errors';
import { REPLICATING_STATES } from '../replicationStates';
import {
  latestCompletedSnapshot,
  listRecoverySnapshots,
  RecoverySnapshotRecord,
} from '../snapshots';
import { SourceServerRecord } from '../state';
import { OperationContext } from './context';

/** One entry of StartRecovery's `sourceServers`. */
export interface LaunchRequestEntry {
  sourceServerID: string;
  recoverySnapshotID?: string;
}

/** A `recoverySnapshotID` must name one of the server's completed snapshots. */
function requestedSnapshot(
  { sim, now }: OperationContext,
  server: SourceServerRecord,
  recoverySnapshotID: string,
  index: number,
): RecoverySnapshotRecord {
  const snapshot = listRecoverySnapshots(
    server,
    now,
    sim.snapshotTiming(),
  ).find(s => s.snapshotID === recoverySnapshotID);
  if (!snapshot?.completedAt) {
    throw invalidFields([
      {
        path: `sourceServers[${index}].recoverySnapshotID`,
        message: snapshot
          ? 'is still in progress'
          : `is not a snapshot of ${server.sourceServerID}`,
      },
    ]);
  }
  return snapshot;
}

/**
 * The point in time each server launches from: the snapshot asked for; else, for a server that
 * does not replicate, its newest completed one (DRS logs USING_PREVIOUS_SNAPSHOT); undefined
 * when the job takes an on-demand snapshot of a replicating server. A server that does not
 * replicate and has no completed point in time cannot be launched: the whole call is refused,
 * with the ConflictException StartRecovery models for a resource in the wrong state.
 */
export function pointsInTimeToLaunch(
  context: OperationContext,
  entries: LaunchRequestEntry[],
  servers: SourceServerRecord[],
): (RecoverySnapshotRecord | undefined)[] {
  return entries.map((entry, index) => {
    const server = servers[index];
    if (entry.recoverySnapshotID) {
      return requestedSnapshot(
        context,
        server,
        entry.recoverySnapshotID,
        index,
      );
    }
    if (REPLICATING_STATES.has(server.replicationState)) return undefined;
    const latest = latestCompletedSnapshot(
      server,
      context.now,
      context.sim.snapshotTiming(),
    );
    if (!latest) {
      throw conflict(
        `Source server ${server.sourceServerID} has no completed point-in-time snapshot to launch from (data replication state ${server.replicationState})`,
        server.sourceServerID,
        'SOURCE_SERVER',
      );
    }
    return latest;
  });
}
