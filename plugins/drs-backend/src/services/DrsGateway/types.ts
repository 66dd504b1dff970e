import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  JobLogEvent,
  SourceServer,
  SourceServerSelector,
} from '@drs-orchestration/plugin-drs-common';
import {
  DrsJobObservation,
  RecoveryInstanceObservation,
} from '@drs-orchestration/plugin-drs-common/engine';

/**
 * Where DRS calls go: one account and region.
 *
 * @public
 */
export interface DrsLocation {
  /** Unset means the gateway's default account. */
  accountId?: string;
  region: string;
}

/**
 * A job as the engine needs it to adopt one that a crashed cycle started.
 *
 * @public
 */
export interface DrsJobSummary extends DrsJobObservation {
  type?: string;
  tags: Record<string, string>;
  creationDateTime?: string;
}

/**
 * One StartRecovery call: one job for one wave.
 *
 * @public
 */
export interface StartRecoveryRequest {
  sourceServerIds: string[];
  isDrill: boolean;
  /** The tags a restarted engine finds the job by (see START_WAVE_TAG_EXECUTION_ID). */
  tags: Record<string, string>;
}

/**
 * Every DRS call the plugin makes goes through this interface.
 *
 * @public
 */
export interface DrsGateway {
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
  describeJobLog(location: DrsLocation, jobId: string): Promise<JobLogEvent[]>;
  describeRecoveryInstances(
    location: DrsLocation,
    sourceServerIds: string[],
  ): Promise<RecoveryInstanceObservation[]>;
  startRecovery(
    location: DrsLocation,
    request: StartRecoveryRequest,
  ): Promise<{ jobId: string }>;
  terminateRecoveryInstances(
    location: DrsLocation,
    recoveryInstanceIds: string[],
  ): Promise<{ jobId: string }>;
}

/**
 * How the plugin's own DRS gateway reaches DRS.
 *
 * @public
 */
export interface DefaultDrsGatewayOptions {
  /** Credentials per account, e.g. `DefaultAwsCredentialsManager.fromConfig(config)`. */
  credentialsManager: AwsCredentialsManager;
  /** The DRS endpoint; unset for AWS's own. */
  endpoint?: string;
  /** The account of locations that name none; unset means the main account. */
  defaultAccountId?: string;
  /**
   * Seconds after which one attempt of a DRS request is abandoned. The engine's launch lease
   * must outlast a StartRecovery call with the SDK's 3 attempts.
   * @defaultValue 30
   */
  requestTimeoutSeconds?: number;
}
