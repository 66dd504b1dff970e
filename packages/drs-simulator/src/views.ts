import { asUuid, stableFraction, stableHex, stableId } from './ids';
import { ebsSnapshotIds, RecoverySnapshotRecord } from './snapshots';
import {
  currentLagSeconds,
  JobLogRecord,
  JobRecord,
  jobArn,
  RecoveryInstanceRecord,
  recoveryInstanceArn,
  SourceServerRecord,
  sourceServerArn,
  Tenant,
} from './state';

/**
 * Records rendered as DRS answers them: the member names and formats of the model
 * (the contract test checks every view against it).
 */

const GIB = 1024 ** 3;
const INSTANCE_TYPE_BY_CORES: Record<number, string> = {
  2: 'm5.large',
  4: 'm5.xlarge',
  8: 'm5.2xlarge',
};
const REPLICATION_ERROR_BY_STATE: Record<string, string | undefined> = {
  STALLED: 'UNSTABLE_NETWORK',
  DISCONNECTED: 'AGENT_NOT_SEEN',
};
const DAY_MS = 24 * 3600 * 1000;

export const iso = (ms: number): string => new Date(ms).toISOString();
const isoDuration = (seconds: number): string =>
  `PT${Math.max(0, Math.round(seconds))}S`;

/** Made-up but stable hardware for a server, so the same inventory always looks the same. */
function hardwareOf(server: SourceServerRecord) {
  const id = server.sourceServerID;
  const cores = [2, 4, 8][Math.floor(stableFraction(id, 'cores') * 3)];
  const mac = stableHex(10, id, 'mac').match(/../g)!;
  const ip = stableHex(6, id, 'ip')
    .match(/../g)!
    .map(h => parseInt(h, 16));
  const uuid = stableHex(32, id, 'uuid');
  return {
    cores,
    ramBytes: cores * 4 * GIB,
    diskBytes: (40 + Math.floor(stableFraction(id, 'disk') * 16) * 10) * GIB,
    instanceType: INSTANCE_TYPE_BY_CORES[cores],
    macAddress: ['02', ...mac].join(':'),
    ip: `10.${ip[0]}.${ip[1]}.${ip[2] || 1}`,
    vmWareUuid: asUuid(uuid),
    os: 'Linux version 5.15.0-1051-aws (Ubuntu 22.04.4 LTS)',
  };
}

/** The hardware IDs DescribeSourceServers' `hardwareId` filter matches. */
export function hardwareIdsOf(server: SourceServerRecord): string[] {
  const hardware = hardwareOf(server);
  return [hardware.vmWareUuid, hardware.macAddress];
}

export interface ViewContext {
  now: number;
  /** When the simulated servers were added to DRS. */
  addedToServiceAt: number;
}

export function sourceServerView(
  tenant: Tenant,
  server: SourceServerRecord,
  context: ViewContext,
) {
  const { now, addedToServiceAt } = context;
  const hardware = hardwareOf(server);
  const lagSeconds = currentLagSeconds(server, now);
  const disconnected = server.replicationState === 'DISCONNECTED';
  const replicationError = REPLICATION_ERROR_BY_STATE[server.replicationState];
  const backlogged = server.replicationState === 'BACKLOG' ? 2 * GIB : 0;
  return {
    sourceServerID: server.sourceServerID,
    arn: sourceServerArn(tenant, server.sourceServerID),
    tags: server.tags,
    ...(server.recoveryInstanceID
      ? { recoveryInstanceId: server.recoveryInstanceID }
      : {}),
    lastLaunchResult: server.lastLaunchResult,
    dataReplicationInfo: {
      lagDuration: isoDuration(lagSeconds),
      dataReplicationState: server.replicationState,
      replicatedDisks: [
        {
          deviceName: '/dev/sda',
          totalStorageBytes: hardware.diskBytes,
          replicatedStorageBytes: hardware.diskBytes - backlogged,
          rescannedStorageBytes: 0,
          backloggedStorageBytes: backlogged,
        },
      ],
      stagingAvailabilityZone: `${tenant.region}a`,
      ...(replicationError
        ? {
            dataReplicationError: {
              error: replicationError,
              rawError: `Replication is ${server.replicationState} (simulated)`,
            },
          }
        : {}),
    },
    lifeCycle: {
      addedToServiceDateTime: iso(addedToServiceAt),
      firstByteDateTime: iso(addedToServiceAt + 60_000),
      elapsedReplicationDuration: isoDuration((now - addedToServiceAt) / 1000),
      lastSeenByServiceDateTime: iso(
        disconnected ? server.replicationStateSince : now,
      ),
      ...(server.lastLaunch
        ? {
            lastLaunch: {
              initiated: {
                apiCallDateTime: iso(server.lastLaunch.apiCallAt),
                jobID: server.lastLaunch.jobID,
                type: server.lastLaunch.type,
              },
              status: server.lastLaunch.status,
            },
          }
        : {}),
    },
    sourceProperties: {
      lastUpdatedDateTime: iso(addedToServiceAt + DAY_MS),
      recommendedInstanceType: hardware.instanceType,
      identificationHints: {
        hostname: server.hostname,
        fqdn: `${server.hostname}.corp.example.com`,
        vmWareUuid: hardware.vmWareUuid,
      },
      networkInterfaces: [
        {
          macAddress: hardware.macAddress,
          ips: [hardware.ip],
          isPrimary: true,
        },
      ],
      disks: [{ deviceName: '/dev/sda', bytes: hardware.diskBytes }],
      cpus: [
        {
          cores: hardware.cores,
          modelName: 'Intel(R) Xeon(R) Platinum 8259CL',
        },
      ],
      ramBytes: hardware.ramBytes,
      os: { fullString: hardware.os },
    },
    stagingArea: { status: 'NOT_EXTENDED' },
    replicationDirection: 'FAILOVER',
    agentVersion: '4.7.1',
  };
}

export function jobView(tenant: Tenant, job: JobRecord) {
  return {
    jobID: job.jobID,
    arn: jobArn(tenant, job.jobID),
    type: job.type,
    initiatedBy: job.initiatedBy,
    creationDateTime: iso(job.createdAt),
    ...(job.endedAt !== undefined ? { endDateTime: iso(job.endedAt) } : {}),
    status: job.status,
    participatingServers: job.participants.map(participant => ({
      sourceServerID: participant.sourceServerID,
      ...(participant.recoveryInstanceID &&
      participant.reportsRecoveryInstanceId
        ? { recoveryInstanceID: participant.recoveryInstanceID }
        : {}),
      launchStatus: participant.launchStatus,
    })),
    tags: job.tags,
  };
}

export function jobLogView(log: JobLogRecord) {
  return {
    logDateTime: iso(log.at),
    event: log.event,
    ...(log.data ? { eventData: log.data } : {}),
  };
}

export function recoveryInstanceView(
  tenant: Tenant,
  instance: RecoveryInstanceRecord,
) {
  const server = tenant.servers.get(instance.sourceServerID)!;
  const hardware = hardwareOf(server);
  const id = instance.recoveryInstanceID;
  return {
    ec2InstanceID: id,
    ec2InstanceState: instance.ec2State,
    jobID: instance.jobID,
    recoveryInstanceID: id,
    sourceServerID: instance.sourceServerID,
    arn: recoveryInstanceArn(tenant, id),
    tags: instance.tags,
    isDrill: instance.isDrill,
    pointInTimeSnapshotDateTime: iso(instance.pointInTimeAt),
    originEnvironment: 'ON_PREMISES',
    originAvailabilityZone: `${tenant.region}a`,
    recoveryInstanceProperties: {
      lastUpdatedDateTime: iso(instance.launchedAt),
      identificationHints: { hostname: server.hostname, awsInstanceID: id },
      cpus: [
        {
          cores: hardware.cores,
          modelName: 'Intel(R) Xeon(R) Platinum 8259CL',
        },
      ],
      ramBytes: hardware.ramBytes,
      os: { fullString: hardware.os },
      disks: [
        {
          internalDeviceName: '/dev/xvda',
          bytes: hardware.diskBytes,
          ebsVolumeID: stableId('ebsVolume', id, 'root'),
        },
      ],
    },
  };
}

export function recoverySnapshotView(snapshot: RecoverySnapshotRecord) {
  return {
    snapshotID: snapshot.snapshotID,
    sourceServerID: snapshot.sourceServerID,
    expectedTimestamp: iso(snapshot.expectedAt),
    // In-progress snapshots have no timestamp: callers must filter before sorting.
    ...(snapshot.completedAt !== undefined
      ? {
          timestamp: iso(snapshot.completedAt),
          ebsSnapshots: ebsSnapshotIds(snapshot.snapshotID),
        }
      : {}),
  };
}

export function launchConfigurationView(server: SourceServerRecord) {
  return {
    sourceServerID: server.sourceServerID,
    name: server.hostname,
    ec2LaunchTemplateID: stableId('launchTemplate', server.sourceServerID),
    launchDisposition: 'STARTED',
    targetInstanceTypeRightSizingMethod: 'BASIC',
    copyPrivateIp: false,
    copyTags: true,
    licensing: { osByol: true },
    postLaunchEnabled: false,
  };
}
