import { asUuid, stableFraction, stableHex, stableId } from './ids';
import { iso, isoDuration, replicationInfoView } from './replicationInfoView';
import { ebsSnapshotIds, RecoverySnapshotRecord } from './snapshots';
import {
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
const DAY_MS = 24 * 3600 * 1000;

export { iso } from './replicationInfoView';

/** Made-up but stable hardware for a server, so the same inventory always looks the same. */
export function hardwareOf(server: SourceServerRecord) {
  // A reversed server shows the hardware of the server it reverses.
  const id = server.hardwareOf ?? server.sourceServerID;
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

/**
 * The EC2 instance an EC2 server replicates: the recovery instance a reversed server was
 * pointed at, else a made-up but stable ID for an inventory server's instance.
 */
export function awsInstanceIdOf(
  server: SourceServerRecord,
): string | undefined {
  if (server.replicatesInstanceID) return server.replicatesInstanceID;
  return server.origin
    ? stableId('ec2Instance', server.sourceServerID, 'origin')
    : undefined;
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
  const disconnected = server.replicationState === 'DISCONNECTED';
  const awsInstanceID = awsInstanceIdOf(server);
  return {
    sourceServerID: server.sourceServerID,
    arn: sourceServerArn(tenant, server.sourceServerID),
    tags: server.tags,
    ...(server.recoveryInstanceID
      ? { recoveryInstanceId: server.recoveryInstanceID }
      : {}),
    lastLaunchResult: server.lastLaunchResult,
    dataReplicationInfo: replicationInfoView(
      server,
      now,
      hardware.diskBytes,
      `${tenant.region}a`,
    ),
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
        ...(awsInstanceID ? { awsInstanceID } : {}),
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
    ...(server.origin
      ? {
          sourceCloudProperties: {
            originAccountID: server.origin.accountId,
            originRegion: server.origin.region,
            originAvailabilityZone: server.origin.availabilityZone,
          },
        }
      : {}),
    replicationDirection: server.replicationDirection,
    ...(server.reversedDirectionSourceServerArn
      ? {
          reversedDirectionSourceServerArn:
            server.reversedDirectionSourceServerArn,
        }
      : {}),
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
