/**
 * Points in time: which replicated state of a server a launch uses, and how much data that
 * loses. The contract between the API, the engine and the pages for real recoveries.
 */

/**
 * Which point in time a start asks for: DRS's latest (the default), the latest at or before a
 * cut-off for the whole plan (after ransomware or corruption), or one snapshot per server.
 *
 * @public
 */
export type PointInTimeChoice =
  | { type: 'latest' }
  | {
      type: 'before';
      /** ISO 8601 instant; each server uses its latest completed snapshot at or before it. */
      at: string;
    }
  | {
      type: 'snapshots';
      /** Recovery snapshot ID per source server ID, as DescribeRecoverySnapshots lists them. */
      snapshotIds: Record<string, string>;
    };

/**
 * One completed point in time of a source server (DRS recovery snapshot with a timestamp).
 *
 * @public
 */
export interface RecoveryPoint {
  /** DRS `snapshotID`. */
  snapshotId: string;
  /** When the point in time was taken (DRS `timestamp`), ISO 8601. */
  at: string;
}

/**
 * What pre-flight says of one server of a plan for a given mode and point in time.
 *
 * @public
 */
export interface ServerReadiness {
  /** The DRS ID of the source server. */
  sourceServerId: string;
  /** Its hostname, when DRS knows it. */
  hostname?: string;
  /** The plan's wave the server is in. */
  waveName: string;
  /** DRS `dataReplicationState`; absent when the server is not one of the entity's. */
  replicationState?: string;
  /** How far replication is behind, in seconds; grows while replication has stopped. */
  lagSeconds?: number;
  /**
   * The point in time a launch would use: the chosen snapshot, or for `latest` the newest
   * completed one (a replicating server may get a fresher one, taken at launch).
   */
  pointInTime?: RecoveryPoint;
  /** Data-loss window if launched now: now − the point in time (or the lag when replicating). */
  dataLossSeconds?: number;
  /** False when this server stops the start; `blockingReason` says why. */
  launchable: boolean;
  /** Why the server cannot be launched, in words a person can act on. */
  blockingReason?: string;
  /** Launchable, but the operator must know (lag, stalled, disconnected, old point in time). */
  warning?: string;
}

/**
 * Pre-flight of a saved plan for one mode and point in time: the plan's issues and every
 * server's readiness, with the worst data-loss window a start now would accept.
 *
 * @public
 */
export interface PlanReadiness {
  /** Every server of the plan, wave by wave. */
  servers: ServerReadiness[];
  /** The largest `dataLossSeconds` among the servers; what a RECOVERY must acknowledge. */
  worstDataLossSeconds?: number;
}

/**
 * A recovery snapshot as DRS lists it (DescribeRecoverySnapshots): one still being taken has
 * no `at` yet and cannot be launched from.
 *
 * @public
 */
export interface RecoverySnapshot {
  /** DRS `snapshotID`. */
  snapshotId: string;
  /** The source server it belongs to (DRS `sourceServerID`). */
  sourceServerId: string;
  /** When DRS expects to take it (DRS `expectedTimestamp`), ISO 8601. */
  expectedAt: string;
  /** When it was taken (DRS `timestamp`), ISO 8601; absent while it is in progress. */
  at?: string;
}

/**
 * What reading a server's recovery snapshots gave: the snapshots, or why DRS could not be read
 * (then the server is not launchable: a check never fails open).
 *
 * @public
 */
export type PointsInTimeRead =
  | { snapshots: RecoverySnapshot[] }
  | { error: string };
