/** The way back after a recovery: reverse replication, failback and their lineage. */
import type { ExecutionMode, ReverseReplicationStatus } from './statuses';

/**
 * One recovery instance's reverse replication: DRS's `ReverseReplication` on it creates a source
 * server in the other region that replicates it back.
 *
 * @public
 */
export interface ReversedServer {
  /** The source server the execution launched (its plan's, or for a failback the reversed one). */
  sourceServerId: string;
  /** Its hostname, when the execution knew it. */
  hostname?: string;
  /** The recovery instance reversed. */
  recoveryInstanceId: string;
  /**
   * Written before the ReverseReplication call, ISO-8601: a cycle that finds it without an ARN
   * first adopts the reversed source server DRS may already have created, never calls twice.
   */
  intentAt?: string;
  /** DRS's `reversedDirectionSourceServerArn`: the source server replicating the instance back. */
  reversedSourceServerArn?: string;
  /** That source server's ID, from its ARN. */
  reversedSourceServerId?: string;
  /** The region the reversed source server lives in (the original region after a recovery). */
  reversedRegion?: string;
  /** The reversed source server's `dataReplicationState`, as last observed (INITIATING, INITIAL_SYNC, CONTINUOUS, …). */
  replicationState?: string;
  /** Percent of its disks' bytes replicated, 0–100, while it syncs; absent when DRS reports no disks. */
  progressPercent?: number;
  /** Its replication lag in seconds, when DRS reports one. */
  lagSeconds?: number;
  /** When it was first seen CONTINUOUS, ISO-8601. */
  continuousAt?: string;
  /** Why DRS refused to reverse this instance. */
  failureReason?: string;
}

/**
 * A person's request to reverse the replication of an execution's recovery instances: after a
 * completed RECOVERY (before its failback), or after a completed FAILBACK (re-protect).
 *
 * @public
 */
export interface ReverseReplicationRequest {
  /** Who asked. */
  by: string;
  /** When, ISO-8601. */
  at: string;
  /** Where it stands; see REVERSE_REPLICATION_STATUSES. */
  status: ReverseReplicationStatus;
  /** One entry per recovery instance, in wave order. */
  servers: ReversedServer[];
  /** When every reversed source server replicated CONTINUOUS, or the request failed, ISO-8601. */
  endedAt?: string;
  /** Why it failed. */
  failureReason?: string;
}

/**
 * A recovery's failback: the FAILBACK execution started from it, written on the recovery before
 * the failback execution is created (a lost answer adopts it instead of starting another).
 *
 * @public
 */
export interface FailbackRequest {
  /** Who started it. */
  by: string;
  /** When, ISO-8601. */
  at: string;
  /** The FAILBACK execution. */
  executionId: string;
}

/**
 * Where an execution came from: a FAILBACK names the RECOVERY it fails back.
 *
 * @public
 */
export interface ExecutionLineage {
  /** The execution this one came from. */
  fromExecutionId: string;
  /** Its mode. */
  fromMode: ExecutionMode;
}
