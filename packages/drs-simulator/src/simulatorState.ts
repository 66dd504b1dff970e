import { ClockMode } from './clock';
import { SimulatorFaults } from './faults';
import { FailurePhase } from './inventory';
import { SimulatorQuotas } from './quotas';
import {
  currentLagSeconds,
  LastLaunchResult,
  LaunchStatus,
  SourceServerRecord,
  Tenant,
} from './state';
import { iso } from './views';

export interface SimulatorServerState {
  sourceServerID: string;
  hostname: string;
  replicationState: string;
  lagSeconds: number;
  failAt?: FailurePhase;
  lastLaunchResult: LastLaunchResult;
  recoveryInstanceID?: string;
}

/** The whole simulated world, as `GET /_sim/state` shows it. */
export interface SimulatorState {
  clock: ClockMode;
  now: string;
  speed: number;
  seed: number;
  faults: SimulatorFaults;
  quotas: SimulatorQuotas;
  accounts: {
    accountId: string;
    region: string;
    sourceServers: SimulatorServerState[];
    jobs: {
      jobID: string;
      type: string;
      status: string;
      isDrill: boolean;
      hangs: boolean;
      creationDateTime: string;
      participatingServers: {
        sourceServerID: string;
        launchStatus: LaunchStatus;
        recoveryInstanceID?: string;
      }[];
    }[];
    recoveryInstances: {
      recoveryInstanceID: string;
      sourceServerID: string;
      jobID: string;
      ec2InstanceState: string;
      isDrill: boolean;
    }[];
  }[];
}

export function serverState(
  server: SourceServerRecord,
  now: number,
): SimulatorServerState {
  return {
    sourceServerID: server.sourceServerID,
    hostname: server.hostname,
    replicationState: server.replicationState,
    lagSeconds: currentLagSeconds(server, now),
    ...(server.failAt ? { failAt: server.failAt } : {}),
    lastLaunchResult: server.lastLaunchResult,
    ...(server.recoveryInstanceID
      ? { recoveryInstanceID: server.recoveryInstanceID }
      : {}),
  };
}

/** One account in one region: its servers, its jobs and its recovery instances. */
export function accountState(
  tenant: Tenant,
  now: number,
): SimulatorState['accounts'][number] {
  return {
    accountId: tenant.accountId,
    region: tenant.region,
    sourceServers: [...tenant.servers.values()].map(server =>
      serverState(server, now),
    ),
    jobs: tenant.jobs.map(job => ({
      jobID: job.jobID,
      type: job.type,
      status: job.status,
      isDrill: job.isDrill,
      hangs: job.hangs,
      creationDateTime: iso(job.createdAt),
      participatingServers: job.participants.map(participant => ({
        sourceServerID: participant.sourceServerID,
        launchStatus: participant.launchStatus,
        ...(participant.recoveryInstanceID
          ? { recoveryInstanceID: participant.recoveryInstanceID }
          : {}),
      })),
    })),
    recoveryInstances: [...tenant.recoveryInstances.values()].map(instance => ({
      recoveryInstanceID: instance.recoveryInstanceID,
      sourceServerID: instance.sourceServerID,
      jobID: instance.jobID,
      ec2InstanceState: instance.ec2State,
      isDrill: instance.isDrill,
    })),
  };
}
