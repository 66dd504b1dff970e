import {
  DrsLaunchStatus,
  ExecutionMode,
  ExecutionStatus,
  ServerStatus,
  WaitFor,
  WaveStatus,
} from './statuses';

/** A DRS source server as the plugin shows it: identity, replication health and tags. */
export interface SourceServer {
  sourceServerId: string;
  arn?: string;
  hostname: string;
  /** DRS `dataReplicationInfo.dataReplicationState`, e.g. CONTINUOUS, STALLED, DISCONNECTED. */
  replicationState: string;
  /** Replication lag in seconds (DRS reports an ISO-8601 duration); undefined when unknown. */
  lagSeconds?: number;
  /** When DRS last heard from the server's replication agent, ISO-8601. */
  lastSeenAt?: string;
  tags: Record<string, string>;
  /** DRS lifeCycle.lastLaunch.initiated.type, if the server was ever launched. */
  lastLaunchType?: string;
}

/** Replication states from which DRS can launch a recovery instance. */
export const LAUNCHABLE_REPLICATION_STATES: readonly string[] = ['CONTINUOUS'];

export interface PlanWave {
  name: string;
  sourceServerIds: string[];
  waitFor: WaitFor;
  /** When true, the execution pauses before this wave until someone resumes it. */
  pauseBefore: boolean;
  /** Names of waves that must complete before this one starts. */
  dependsOn: string[];
}

/** The fields of a plan that a person writes; the rest is bookkeeping. */
export interface RecoveryPlanInput {
  name: string;
  description: string;
  defaultMode: ExecutionMode;
  timeoutMinutes: number;
  waves: PlanWave[];
}

export interface RecoveryPlan extends RecoveryPlanInput {
  planId: string;
  entityRef: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Optimistic-locking version; every update must name the version it read. */
  version: number;
}

export interface ExecutionServer {
  sourceServerId: string;
  hostname?: string;
  status: ServerStatus;
  /** DRS's raw launch status from the job's participating server. */
  launchStatus?: DrsLaunchStatus;
  recoveryInstanceId?: string;
  ec2InstanceId?: string;
  /** EC2 state of the recovery instance, e.g. running. */
  ec2InstanceState?: string;
  launchedAt?: string;
  healthyAt?: string;
  failureReason?: string;
}

export interface JobLogEvent {
  event: string;
  at: string;
  sourceServerId?: string;
  detail?: string;
}

export interface ExecutionWave {
  name: string;
  status: WaveStatus;
  waitFor: WaitFor;
  pauseBefore: boolean;
  dependsOn: string[];
  /** Who approved starting a `pauseBefore` wave (a resume naming it), and when. */
  approvedBy?: string;
  approvedAt?: string;
  /** Written before StartRecovery so a crash never launches the wave twice. */
  launchIntentAt?: string;
  /** Since when DRS has had no room for the wave's job (a quota of active jobs or servers); cleared at launch. */
  awaitingCapacitySince?: string;
  jobId?: string;
  startedAt?: string;
  endedAt?: string;
  failureReason?: string;
  servers: ExecutionServer[];
  jobLog: JobLogEvent[];
}

export interface PollingMetadata {
  lastPolledAt?: string;
  pollCount: number;
  nextPollAt?: string;
  lastError?: string;
  lastErrorAt?: string;
}

/** Requests a person made that the engine applies on its next cycle. */
export interface ExecutionRequests {
  cancel?: { by: string; at: string };
  resume?: { by: string; at: string; wave: string };
  terminate?: {
    by: string;
    at: string;
    /** Set once the engine has started the TERMINATE job. */
    jobId?: string;
    status?: 'REQUESTED' | 'STARTED' | 'COMPLETED' | 'FAILED';
    failureReason?: string;
    /** When the TERMINATE job was started, and when it ended (COMPLETED or FAILED). */
    startedAt?: string;
    endedAt?: string;
  };
}

export interface Execution {
  executionId: string;
  planId: string;
  planName: string;
  entityRef: string;
  mode: ExecutionMode;
  status: ExecutionStatus;
  statusReason?: string;
  accountId?: string;
  region: string;
  initiatedBy: string;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  /** After this instant the engine marks the execution TIMED_OUT. */
  timeoutAt: string;
  waves: ExecutionWave[];
  polling: PollingMetadata;
  requests: ExecutionRequests;
  version: number;
}

/** An execution without its waves: what history lists show. */
export type ExecutionSummary = Omit<Execution, 'waves'> & {
  waveCount: number;
  serverCount: number;
  completedWaveCount: number;
  failedServerCount: number;
};

export interface Page<T> {
  items: T[];
  /** Opaque cursor of the next page; absent on the last one. */
  nextCursor?: string;
}
