import {
  DescribeJobsCommand,
  DrsClient,
  Job,
  paginateDescribeJobLogItems,
  paginateDescribeJobs,
  paginateDescribeRecoveryInstances,
  paginateDescribeSourceServers,
  RecoveryInstance,
  SourceServer as DrsSourceServer,
} from '@aws-sdk/client-drs';
import {
  DrsLaunchStatus,
  JobLogEvent,
  matchesSelector,
  SourceServer,
  SourceServerSelector,
} from '@drs-orchestration/plugin-drs-common';
import {
  DrsJobObservation,
  RecoveryInstanceObservation,
} from '@drs-orchestration/plugin-drs-common/engine';
import { Duration } from 'luxon';
import { chunks } from '../batches';
import { DrsJobSummary } from './types';

/** DescribeJobs takes at most 1000 job IDs in its filter. */
const MAX_JOB_IDS_PER_CALL = 1000;
/** DescribeRecoveryInstances takes at most 200 source server IDs in its filter. */
const MAX_SOURCE_SERVERS_PER_CALL = 200;

function lagSeconds(isoDuration: string | undefined): number | undefined {
  if (!isoDuration) return undefined;
  const duration = Duration.fromISO(isoDuration);
  return duration.isValid ? Math.round(duration.as('seconds')) : undefined;
}

function toSourceServer(server: DrsSourceServer): SourceServer {
  const replication = server.dataReplicationInfo;
  return {
    sourceServerId: server.sourceServerID ?? '',
    arn: server.arn,
    hostname:
      server.sourceProperties?.identificationHints?.hostname ??
      server.sourceServerID ??
      '',
    replicationState: replication?.dataReplicationState ?? 'UNKNOWN',
    lagSeconds: lagSeconds(replication?.lagDuration),
    lastSeenAt: server.lifeCycle?.lastSeenByServiceDateTime,
    tags: server.tags ?? {},
    lastLaunchType: server.lifeCycle?.lastLaunch?.initiated?.type,
    ...(server.replicationDirection
      ? { replicationDirection: server.replicationDirection }
      : {}),
    ...(server.reversedDirectionSourceServerArn
      ? {
          reversedDirectionSourceServerArn:
            server.reversedDirectionSourceServerArn,
        }
      : {}),
    ...progressOf(replication?.replicatedDisks),
  };
}

/** Percent of the disks' bytes replicated, when DRS reports disks with sizes. */
function progressOf(
  disks: { totalStorageBytes?: number; replicatedStorageBytes?: number }[] = [],
): { progressPercent?: number } {
  const total = disks.reduce((sum, d) => sum + (d.totalStorageBytes ?? 0), 0);
  if (total <= 0) return {};
  const replicated = disks.reduce(
    (sum, d) => sum + (d.replicatedStorageBytes ?? 0),
    0,
  );
  return {
    progressPercent: Math.min(100, Math.floor((replicated / total) * 100)),
  };
}

function toJobObservation(job: Job): DrsJobObservation {
  return {
    jobId: job.jobID ?? '',
    status: (job.status ?? 'PENDING') as DrsJobObservation['status'],
    participatingServers: (job.participatingServers ?? []).map(server => ({
      sourceServerId: server.sourceServerID ?? '',
      launchStatus: server.launchStatus as DrsLaunchStatus | undefined,
      recoveryInstanceId: server.recoveryInstanceID,
    })),
  };
}

export async function describeSourceServers(
  client: DrsClient,
  selector: SourceServerSelector,
): Promise<SourceServer[]> {
  const servers: SourceServer[] = [];
  // DRS filters by ID server-side; tags are matched here, as the API has no tag filter.
  const filters =
    selector.kind === 'ids' ? { sourceServerIDs: selector.ids } : {};
  for await (const page of paginateDescribeSourceServers(
    { client, pageSize: 200 },
    { filters },
  )) {
    servers.push(
      ...(page.items ?? [])
        .map(toSourceServer)
        .filter(s => matchesSelector(s, selector)),
    );
  }
  return servers.sort((a, b) => a.hostname.localeCompare(b.hostname));
}

export async function describeJobs(
  client: DrsClient,
  jobIds: string[],
): Promise<DrsJobObservation[]> {
  const jobs: DrsJobObservation[] = [];
  for (const batch of chunks([...new Set(jobIds)], MAX_JOB_IDS_PER_CALL)) {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeJobsCommand({
          filters: { jobIDs: batch },
          maxResults: 1000,
          nextToken,
        }),
      );
      jobs.push(...(page.items ?? []).map(toJobObservation));
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return jobs;
}

export async function describeJobsSince(
  client: DrsClient,
  since: string,
): Promise<DrsJobSummary[]> {
  const jobs: DrsJobSummary[] = [];
  for await (const page of paginateDescribeJobs(
    { client, pageSize: 1000 },
    { filters: { fromDate: since } },
  )) {
    jobs.push(
      ...(page.items ?? []).map(job => ({
        ...toJobObservation(job),
        type: job.type,
        tags: job.tags ?? {},
        creationDateTime: job.creationDateTime,
      })),
    );
  }
  return jobs;
}

export async function describeJobLog(
  client: DrsClient,
  jobId: string,
): Promise<JobLogEvent[]> {
  const events: JobLogEvent[] = [];
  for await (const page of paginateDescribeJobLogItems(
    { client, pageSize: 1000 },
    { jobID: jobId },
  )) {
    for (const item of page.items ?? []) {
      const data = item.eventData;
      events.push({
        event: item.event ?? 'UNKNOWN',
        at: item.logDateTime ?? '',
        sourceServerId: data?.sourceServerID,
        detail: data?.rawError,
      });
    }
  }
  return events;
}

/**
 * Whether ReverseReplication was called for the instance: DRS reports its replication back
 * (`dataReplicationInfo`) and when its failback started.
 */
function reversalOf(instance: RecoveryInstance) {
  const state = instance.dataReplicationInfo?.dataReplicationState;
  const reversed =
    instance.failback?.failbackInitiationTime !== undefined ||
    (state !== undefined && state !== 'NOT_STARTED');
  return reversed ? { reverseReplicationState: state ?? 'INITIATING' } : {};
}

export async function describeRecoveryInstances(
  client: DrsClient,
  sourceServerIds: string[],
): Promise<RecoveryInstanceObservation[]> {
  const instances: RecoveryInstanceObservation[] = [];
  for (const batch of chunks(
    [...new Set(sourceServerIds)],
    MAX_SOURCE_SERVERS_PER_CALL,
  )) {
    for await (const page of paginateDescribeRecoveryInstances(
      { client, pageSize: 200 },
      { filters: { sourceServerIDs: batch } },
    )) {
      for (const instance of page.items ?? []) {
        instances.push({
          recoveryInstanceId: instance.recoveryInstanceID ?? '',
          sourceServerId: instance.sourceServerID ?? '',
          ec2InstanceId: instance.ec2InstanceID,
          ec2InstanceState: instance.ec2InstanceState,
          // Passed on as DRS says it: the engine measures only from a real instant.
          pointInTimeAt: instance.pointInTimeSnapshotDateTime,
          ...reversalOf(instance),
        });
      }
    }
  }
  return instances;
}
