import {
  JobLogEvent,
  RecoverySnapshot,
  SourceServer,
  SourceServerSelector,
} from '@drs-orchestration/plugin-drs-common';
import {
  DrsJobObservation,
  RecoveryInstanceObservation,
} from '@drs-orchestration/plugin-drs-common/engine';
import { DefaultAwsGatewayOptions } from '../awsClients';

/**
 * Where DRS calls go: one account and region.
 *
 * @public
 */
export interface DrsLocation {
  /** Unset means the gateway's default account. */
  accountId?: string;
  /** The AWS region whose DRS is called. */
  region: string;
}

/**
 * A job as the engine needs it to adopt one that a crashed cycle started.
 *
 * @public
 */
export interface DrsJobSummary extends DrsJobObservation {
  /** DRS's job type: LAUNCH for a recovery, TERMINATE, or CREATE_CONVERTED_SNAPSHOT. */
  type?: string;
  /** The job's tags; on the engine's jobs they name the execution and the wave. */
  tags: Record<string, string>;
  /** When DRS created the job, ISO-8601. */
  creationDateTime?: string;
}

/**
 * One StartRecovery call: one job for one wave.
 *
 * @public
 */
export interface StartRecoveryRequest {
  /** The wave's source servers, all launched by the one job. */
  sourceServerIds: string[];
  /** Launch drill instances (true) or recover for real (false). */
  isDrill: boolean;
  /** The tags a restarted engine finds the job by (see START_WAVE_TAG_EXECUTION_ID). */
  tags: Record<string, string>;
  /**
   * The recovery snapshot (`recoverySnapshotID`) to launch servers from, by source server ID.
   * A server it does not name launches from DRS's latest point in time; entries for servers
   * not in `sourceServerIds` are not sent.
   */
  recoverySnapshotIds?: Record<string, string>;
}

/**
 * Which recovery snapshots of a server to list; `from` and `to` filter on DRS's expected time.
 *
 * @public
 */
export interface RecoverySnapshotQuery {
  /** ISO 8601: snapshots expected at or after it. */
  from?: string;
  /** ISO 8601: snapshots expected at or before it. */
  to?: string;
  /** DRS's order by time; ASC unless given. */
  order?: 'ASC' | 'DESC';
  /** At most this many, the first in `order`: one page of that size. Unless given, all of them. */
  limit?: number;
}

/**
 * Every DRS call the plugin makes goes through this interface.
 *
 * @public
 */
export interface DrsGateway {
  /** The location's source servers that the selector names, with their replication state. */
  describeSourceServers(
    location: DrsLocation,
    selector: SourceServerSelector,
  ): Promise<SourceServer[]>;
  /** Jobs by ID, batched 1000 IDs per call, all pages. */
  describeJobs(
    location: DrsLocation,
    jobIds: string[],
  ): Promise<DrsJobObservation[]>;
  /** Jobs created since an instant, newest first: how a restarted engine finds a job to adopt. */
  describeJobsSince(
    location: DrsLocation,
    since: string,
  ): Promise<DrsJobSummary[]>;
  /** A job's log, all pages: what tells why a launch failed. */
  describeJobLog(location: DrsLocation, jobId: string): Promise<JobLogEvent[]>;
  /** The recovery instances of these source servers, batched 200 IDs per call. */
  describeRecoveryInstances(
    location: DrsLocation,
    sourceServerIds: string[],
  ): Promise<RecoveryInstanceObservation[]>;
  /** A source server's recovery snapshots (its points in time), all pages; in-progress ones have no `at`. */
  describeRecoverySnapshots(
    location: DrsLocation,
    sourceServerId: string,
    query?: RecoverySnapshotQuery,
  ): Promise<RecoverySnapshot[]>;
  /** Starts one DRS recovery job, drill or recovery, and returns its ID. */
  startRecovery(
    location: DrsLocation,
    request: StartRecoveryRequest,
  ): Promise<{ jobId: string }>;
  /** Starts a DRS job that terminates these recovery instances, and returns its ID. */
  terminateRecoveryInstances(
    location: DrsLocation,
    recoveryInstanceIds: string[],
  ): Promise<{ jobId: string }>;
  /**
   * ReverseReplication of one recovery instance (an EC2 source's): DRS's
   * `reversedDirectionSourceServerArn`, the source server that replicates it back.
   */
  reverseReplication(
    location: DrsLocation,
    recoveryInstanceId: string,
  ): Promise<{ reversedSourceServerArn: string }>;
}

/**
 * How the plugin's own DRS gateway reaches DRS.
 *
 * @public
 */
export type DefaultDrsGatewayOptions = DefaultAwsGatewayOptions;
