/* The engine's vocabulary for reverse replication: what it observes and what it asks. */

/**
 * What DRS reported about a reversed source server (in its own region) in one cycle.
 *
 * @public
 */
export interface ReversedServerObservation {
  /** The reversed source server's ID. */
  sourceServerId: string;
  /** Its `dataReplicationInfo.dataReplicationState`. */
  replicationState: string;
  /** Percent of its disks' bytes replicated, 0–100; absent when DRS reports no disks. */
  progressPercent?: number;
  /** Its replication lag in seconds, when DRS reports one. */
  lagSeconds?: number;
}

/**
 * Reverse one recovery instance's replication: ReverseReplication, then
 * recordReverseReplicationStarted with DRS's `reversedDirectionSourceServerArn`. The
 * decision that issues it has already written the server's intent. With `adoptExisting`, an
 * earlier cycle wrote it: the plumbing first looks for the reversed source server DRS may
 * already have (the instance replicating back, its source server's
 * `reversedDirectionSourceServerArn`) and records that one instead of calling again.
 *
 * @public
 */
export interface ReverseReplicationCommand {
  /** Reverse one recovery instance's replication. */
  type: 'REVERSE_REPLICATION';
  /** The source server the execution launched it from. */
  sourceServerId: string;
  /** DRS `recoveryInstanceID`. */
  recoveryInstanceId: string;
  /** True when an earlier decision wrote this intent: adopt before calling. */
  adoptExisting: boolean;
}
