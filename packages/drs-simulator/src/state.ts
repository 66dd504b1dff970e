import { FailurePhase, ResolvedAccount, ServerOrigin } from './inventory';
import type { ReplicationInitiation } from './replicationLifecycle';
import {
  initialReplicationSpans,
  REPLICATING_STATES,
  ReplicationSpan,
} from './replicationStates';

/** Enum values of the DRS model that the simulator sets itself. */
export type JobStatus = 'PENDING' | 'STARTED' | 'COMPLETED';
export type JobType = 'LAUNCH' | 'TERMINATE';
/**
 * A server's launch status in a job, as DRS reports it.
 *
 * @public
 */
export type LaunchStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'LAUNCHED'
  | 'FAILED'
  | 'TERMINATED';
/**
 * How a server's last launch went, as DRS's `lastLaunchResult` reports it.
 *
 * @public
 */
export type LastLaunchResult =
  | 'NOT_STARTED'
  | 'PENDING'
  | 'SUCCEEDED'
  | 'FAILED';
export type Ec2InstanceState = 'PENDING' | 'RUNNING' | 'SHUTTING-DOWN';
export type JobLogEvent =
  | 'JOB_START'
  | 'SNAPSHOT_START'
  | 'SNAPSHOT_END'
  | 'USING_PREVIOUS_SNAPSHOT'
  | 'CONVERSION_START'
  | 'CONVERSION_END'
  | 'LAUNCH_START'
  | 'LAUNCH_FAILED'
  | 'CLEANUP_START'
  | 'CLEANUP_FAIL'
  | 'CLEANUP_END'
  | 'JOB_END';

export interface LaunchSnapshotRecord {
  snapshotID: string;
  expectedAt: number;
  /** Unset while the snapshot is being taken: DRS then sends no `timestamp`. */
  completedAt?: number;
}

export interface SourceServerRecord {
  readonly accountId: string;
  readonly region: string;
  readonly sourceServerID: string;
  readonly hostname: string;
  readonly tags: Record<string, string>;
  readonly failAt?: FailurePhase;
  replicationState: string;
  /** The configured lag while replicating; a stopped server's lag grows from `replicationStateSince`. */
  lagSeconds: number;
  replicationStateSince: number;
  /** Oldest first; emptied when DRS deletes the server's points in time. */
  replicationSpans: ReplicationSpan[];
  lastLaunch?: {
    jobID: string;
    type: 'RECOVERY' | 'DRILL';
    apiCallAt: number;
    status: LaunchStatus;
  };
  lastLaunchResult: LastLaunchResult;
  recoveryInstanceID?: string;
  /** The on-demand snapshots launch jobs took. */
  launchSnapshots: LaunchSnapshotRecord[];
  /** Where the EC2 instance it replicates runs; unset for a server outside AWS. */
  origin?: ServerOrigin;
  /** FAILBACK for a server ReverseReplication created, FAILOVER for the others. */
  replicationDirection: 'FAILOVER' | 'FAILBACK';
  /** The server replicating in the other direction, once ReverseReplication linked them. */
  reversedDirectionSourceServerArn?: string;
  /** The recovery instance it replicates, once ReverseReplication pointed it at one. */
  replicatesInstanceID?: string;
  /** Whose made-up hardware it shows: a reversed server shows its original's. */
  hardwareOf?: string;
  /** The last (re)start of its replication, by ReverseReplication or StartReplication. */
  initiation?: ReplicationInitiation;
}

export interface ParticipantRecord {
  readonly sourceServerID: string;
  launchStatus: LaunchStatus;
  recoveryInstanceID?: string;
  /** False for the trap where DRS never reports the recovery instance in the job. */
  readonly reportsRecoveryInstanceId: boolean;
}

export interface JobLogRecord {
  at: number;
  event: JobLogEvent;
  data?: {
    sourceServerID?: string;
    conversionServerID?: string;
    targetInstanceID?: string;
    rawError?: string;
  };
}

export interface JobRecord {
  readonly jobID: string;
  readonly type: JobType;
  readonly initiatedBy:
    | 'START_RECOVERY'
    | 'START_DRILL'
    | 'TERMINATE_RECOVERY_INSTANCES';
  readonly isDrill: boolean;
  readonly createdAt: number;
  readonly tags: Record<string, string>;
  readonly hangs: boolean;
  status: JobStatus;
  endedAt?: number;
  participants: ParticipantRecord[];
  log: JobLogRecord[];
}

export interface RecoveryInstanceRecord {
  readonly recoveryInstanceID: string;
  readonly sourceServerID: string;
  readonly jobID: string;
  readonly isDrill: boolean;
  readonly launchedAt: number;
  readonly pointInTimeAt: number;
  readonly tags: Record<string, string>;
  ec2State: Ec2InstanceState;
  /** The source server replicating it back, once ReverseReplication was called for it. */
  reversedTo?: ServerReference;
  /** When ReverseReplication was called for it. */
  reversedAt?: number;
}

/** A source server anywhere in the world. */
export interface ServerReference {
  accountId: string;
  region: string;
  sourceServerID: string;
}

/** One DRS account in one region: what a signed request sees. */
export interface Tenant {
  readonly accountId: string;
  readonly region: string;
  /** In inventory order. */
  readonly servers: Map<string, SourceServerRecord>;
  /** In creation order. */
  readonly jobs: JobRecord[];
  /** Each server's newest job: the only one that can still hold it (see `addJob`). */
  readonly latestJobBySourceServer: Map<string, JobRecord>;
  readonly recoveryInstances: Map<string, RecoveryInstanceRecord>;
}

/** An inventory account as the world starts: no jobs, no recovery instances. */
export function tenantFromInventory(
  account: ResolvedAccount,
  now: number,
): Tenant {
  return {
    accountId: account.accountId,
    region: account.region,
    servers: new Map(
      account.sourceServers.map(server => {
        // A server that is not replicating stopped `lagSeconds` ago.
        const replicationStateSince = REPLICATING_STATES.has(
          server.replicationState,
        )
          ? now
          : now - server.lagSeconds * 1000;
        const record: SourceServerRecord = {
          accountId: account.accountId,
          region: account.region,
          sourceServerID: server.sourceServerID,
          hostname: server.hostname,
          tags: { ...server.tags },
          ...(server.failAt ? { failAt: server.failAt } : {}),
          replicationState: server.replicationState,
          lagSeconds: server.lagSeconds,
          replicationStateSince,
          replicationSpans: initialReplicationSpans(
            server.replicationState,
            replicationStateSince,
          ),
          lastLaunchResult: 'NOT_STARTED',
          launchSnapshots: [],
          replicationDirection: 'FAILOVER',
          ...(server.origin ? { origin: { ...server.origin } } : {}),
        };
        return [server.sourceServerID, record];
      }),
    ),
    jobs: [],
    latestJobBySourceServer: new Map(),
    recoveryInstances: new Map(),
  };
}

export function isActive(job: JobRecord): boolean {
  return job.status !== 'COMPLETED';
}

export function activeJobs(tenant: Tenant): JobRecord[] {
  return tenant.jobs.filter(isActive);
}

/**
 * Records a new job. A job is only created when none of its servers is held, so an older
 * job of a server has finished by then and the newest is the only one to check.
 */
export function addJob(tenant: Tenant, job: JobRecord): void {
  tenant.jobs.push(job);
  for (const participant of job.participants) {
    tenant.latestJobBySourceServer.set(participant.sourceServerID, job);
  }
}

/** The job currently holding a source server (DRS allows one at a time). */
export function activeJobHolding(
  tenant: Tenant,
  sourceServerID: string,
): JobRecord | undefined {
  const latest = tenant.latestJobBySourceServer.get(sourceServerID);
  return latest && isActive(latest) ? latest : undefined;
}

export function jobArn(tenant: Tenant, jobID: string): string {
  return `arn:aws:drs:${tenant.region}:${tenant.accountId}:job/${jobID}`;
}

export function sourceServerArn(
  tenant: Tenant,
  sourceServerID: string,
): string {
  return `arn:aws:drs:${tenant.region}:${tenant.accountId}:source-server/${sourceServerID}`;
}

export function recoveryInstanceArn(
  tenant: Tenant,
  recoveryInstanceID: string,
): string {
  return `arn:aws:drs:${tenant.region}:${tenant.accountId}:recovery-instance/${recoveryInstanceID}`;
}

/** Seconds of lag: fixed while replicating, growing since replication stopped otherwise. */
export function currentLagSeconds(
  server: SourceServerRecord,
  now: number,
): number {
  if (REPLICATING_STATES.has(server.replicationState)) {
    return server.lagSeconds;
  }
  return Math.max(
    server.lagSeconds,
    Math.round((now - server.replicationStateSince) / 1000),
  );
}
