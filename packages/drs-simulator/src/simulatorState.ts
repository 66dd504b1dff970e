import { ClockMode } from './clock';
import { SimulatorStackState, stacksState } from './cloudFormation/state';
import { TenantStacks } from './cloudFormation/records';
import {
  instanceStatusView,
  StatusCheckContext,
  StatusCheckStatus,
} from './ec2/instanceStatus';
import { SimulatorFaults } from './faults';
import { AutomationOutcome, FailurePhase } from './inventory';
import { SimulatorQuotas } from './quotas';
import { latestCompletedSnapshot, SnapshotTiming } from './snapshots';
import { AutomationStatus, TenantAutomations } from './ssm/automations';
import {
  currentLagSeconds,
  LastLaunchResult,
  LaunchStatus,
  SourceServerRecord,
  Tenant,
} from './state';
import { iso } from './views';

/**
 * One source server as the simulator holds it now.
 *
 * @public
 */
export interface SimulatorServerState {
  /** The server's DRS ID. */
  sourceServerID: string;
  /** Its hostname from the inventory. */
  hostname: string;
  /** Its DRS `dataReplicationState` now. */
  replicationState: string;
  /** Its replication lag now; it grows while the server is not replicating. */
  lagSeconds: number;
  /**
   * The `timestamp` of its newest completed point in time, ISO-8601: what a launch of a server
   * that does not replicate uses. Absent when it has none.
   */
  latestPointInTime?: string;
  /** Where the server always fails, from the inventory. */
  failAt?: FailurePhase;
  /** How its last launch went, as DRS's `lastLaunchResult` says. */
  lastLaunchResult: LastLaunchResult;
  /** Its recovery instance, once a job has launched one. */
  recoveryInstanceID?: string;
  /** FAILBACK for a source server ReverseReplication created, FAILOVER otherwise. */
  replicationDirection: 'FAILOVER' | 'FAILBACK';
  /** The region its EC2 instance runs in (inventory `origin`); absent outside AWS. */
  originRegion?: string;
  /** The server replicating in the other direction, once ReverseReplication linked them. */
  reversedDirectionSourceServerArn?: string;
  /** The recovery instance it replicates back, for a server ReverseReplication pointed at one. */
  replicatesInstanceID?: string;
}

/**
 * The whole simulated world, as `GET /_sim/state` shows it.
 *
 * @public
 */
export interface SimulatorState {
  /** Whether simulated time follows the wall clock or moves only on `advance`. */
  clock: ClockMode;
  /** Simulated time now, ISO-8601. */
  now: string;
  /** How many times faster than real DRS jobs and snapshots run. */
  speed: number;
  /** The seed of every random choice. */
  seed: number;
  /** The faults active now. */
  faults: SimulatorFaults;
  /** The DRS quotas in force. */
  quotas: SimulatorQuotas;
  /** The names of the automation documents StartAutomationExecution may name. */
  automationDocuments: string[];
  /**
   * Each account and region: its servers, jobs, recovery instances (with their EC2 status
   * checks), automations and CloudFormation stacks.
   */
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
      /** The EC2 instance status check: ok, impaired, initializing or not-applicable. */
      instanceStatus: StatusCheckStatus;
      /** The EC2 system status check. */
      systemStatus: StatusCheckStatus;
      /** The source server replicating it back, once ReverseReplication was called for it. */
      reversedTo?: {
        accountId: string;
        region: string;
        sourceServerID: string;
      };
    }[];
    automations: {
      automationExecutionId: string;
      documentName: string;
      status: AutomationStatus;
      /** How the run ends (or would have): decided when it started. */
      outcome: AutomationOutcome;
      /** In lower case. */
      clientToken?: string;
      parameters: Record<string, string[]>;
      startTime: string;
      endTime?: string;
    }[];
    stacks: SimulatorStackState[];
  }[];
}

export function serverState(
  server: SourceServerRecord,
  now: number,
  timing: SnapshotTiming,
): SimulatorServerState {
  const latest = latestCompletedSnapshot(server, now, timing);
  return {
    sourceServerID: server.sourceServerID,
    hostname: server.hostname,
    replicationState: server.replicationState,
    lagSeconds: currentLagSeconds(server, now),
    ...(latest ? { latestPointInTime: iso(latest.completedAt!) } : {}),
    ...(server.failAt ? { failAt: server.failAt } : {}),
    lastLaunchResult: server.lastLaunchResult,
    ...(server.recoveryInstanceID
      ? { recoveryInstanceID: server.recoveryInstanceID }
      : {}),
    replicationDirection: server.replicationDirection,
    ...(server.origin ? { originRegion: server.origin.region } : {}),
    ...(server.reversedDirectionSourceServerArn
      ? {
          reversedDirectionSourceServerArn:
            server.reversedDirectionSourceServerArn,
        }
      : {}),
    ...(server.replicatesInstanceID
      ? { replicatesInstanceID: server.replicatesInstanceID }
      : {}),
  };
}

/** What an account's state is read with besides the account. */
export interface AccountStateContext {
  now: number;
  timing: SnapshotTiming;
  automations: TenantAutomations;
  statusChecks: StatusCheckContext;
  stacks: TenantStacks;
}

/** One account in one region: its servers, jobs, recovery instances, automations and stacks. */
export function accountState(
  tenant: Tenant,
  { now, timing, automations, statusChecks, stacks }: AccountStateContext,
): SimulatorState['accounts'][number] {
  return {
    accountId: tenant.accountId,
    region: tenant.region,
    sourceServers: [...tenant.servers.values()].map(server =>
      serverState(server, now, timing),
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
    recoveryInstances: [...tenant.recoveryInstances.values()].map(instance => {
      const checks = instanceStatusView(tenant, instance, statusChecks);
      return {
        recoveryInstanceID: instance.recoveryInstanceID,
        sourceServerID: instance.sourceServerID,
        jobID: instance.jobID,
        ec2InstanceState: instance.ec2State,
        isDrill: instance.isDrill,
        instanceStatus: checks.InstanceStatus.Status,
        systemStatus: checks.SystemStatus.Status,
        ...(instance.reversedTo
          ? { reversedTo: { ...instance.reversedTo } }
          : {}),
      };
    }),
    automations: [...automations.byId.values()].map(record => ({
      automationExecutionId: record.automationExecutionId,
      documentName: record.document.name,
      status: record.status,
      outcome: record.outcome,
      ...(record.clientToken ? { clientToken: record.clientToken } : {}),
      parameters: record.parameters,
      startTime: iso(record.createdAt),
      ...(record.endedAt === undefined ? {} : { endTime: iso(record.endedAt) }),
    })),
    stacks: stacksState(stacks),
  };
}
