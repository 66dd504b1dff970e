import {
  JobLogEvent,
  SourceServer,
  SourceServerSelector,
} from '@drs-orchestration/plugin-drs-common';
import {
  DrsJobObservation,
  RecoveryInstanceObservation,
} from '@drs-orchestration/plugin-drs-common/engine';

/** Where DRS calls go: one account and region. */
export interface DrsLocation {
  accountId?: string;
  region: string;
}

export function locationKey(location: DrsLocation): string {
  return `${location.accountId ?? 'default'}/${location.region}`;
}

/** A job as the engine needs it to adopt one that a crashed cycle started. */
export interface DrsJobSummary extends DrsJobObservation {
  type?: string;
  tags: Record<string, string>;
  creationDateTime?: string;
}

/** Every DRS call the plugin makes goes through this interface. */
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
    request: {
      sourceServerIds: string[];
      isDrill: boolean;
      tags: Record<string, string>;
    },
  ): Promise<{ jobId: string }>;
  terminateRecoveryInstances(
    location: DrsLocation,
    recoveryInstanceIds: string[],
  ): Promise<{ jobId: string }>;
}
