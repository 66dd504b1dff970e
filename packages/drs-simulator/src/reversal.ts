import { applyReplicationUpdate } from './replication';
import { SnapshotTiming } from './snapshots';
import { RecoveryInstanceRecord, Tenant } from './state';

/**
 * A reversed recovery instance is gone (terminated, or replaced by a newer launch of its
 * server): the source server that replicated it back no longer sees its source and is
 * DISCONNECTED (its points in time go as a disconnected server's do).
 */
export function reversedSourceGone(
  tenants: Tenant[],
  timing: SnapshotTiming,
  instance: RecoveryInstanceRecord,
  at: number,
): void {
  const ref = instance.reversedTo;
  const reversed = ref
    ? tenants
        .find(t => t.accountId === ref.accountId && t.region === ref.region)
        ?.servers.get(ref.sourceServerID)
    : undefined;
  if (
    !reversed ||
    reversed.replicatesInstanceID !== instance.recoveryInstanceID ||
    reversed.replicationState === 'STOPPED'
  ) {
    return;
  }
  applyReplicationUpdate(
    reversed,
    { sourceServer: reversed.sourceServerID, replicationState: 'DISCONNECTED' },
    at,
    timing,
  );
}
