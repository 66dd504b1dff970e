/** An execution of a recovery plan: its waves, servers, DRS job log and requests. */
import {
  DrsLaunchStatus,
  ExecutionMode,
  ExecutionStatus,
  ServerStatus,
  WaitFor,
  WaveStatus,
} from './statuses';
import type { StatedObjective } from './objectiveDurations';
import type { PointInTimeChoice } from './recoveryPoints';
import type { DrillCleanup, ExecutionStep } from './stepTypes';
import type {
  ExecutionLineage,
  FailbackRequest,
  ReverseReplicationRequest,
} from './failbackTypes';

/**
 * The EC2 status checks of a recovery instance, as DescribeInstanceStatus last reported them.
 *
 * @public
 */
export interface Ec2StatusChecks {
  /** The instance status check: ok, impaired, initializing, insufficient-data or not-applicable. */
  instance: string;
  /** The system status check, with the same values. */
  system: string;
  /** When they were seen, ISO-8601. */
  seenAt: string;
}

/**
 * One source server's progress in a wave of an execution.
 *
 * @public
 */
export interface ExecutionServer {
  /** The DRS ID of the source server. */
  sourceServerId: string;
  /** Its hostname when the execution started, if DRS knew it. */
  hostname?: string;
  /** Where the server's launch stands. */
  status: ServerStatus;
  /** DRS's raw launch status from the job's participating server. */
  launchStatus?: DrsLaunchStatus;
  /** The DRS recovery instance launched for the server; what a drill's terminate removes. */
  recoveryInstanceId?: string;
  /** The EC2 instance of that recovery instance. */
  ec2InstanceId?: string;
  /** EC2 state of the recovery instance, e.g. running. */
  ec2InstanceState?: string;
  /** When DRS reported the server launched, ISO-8601. */
  launchedAt?: string;
  /** When both EC2 status checks of its recovery instance were first seen ok, ISO-8601. */
  healthyAt?: string;
  /** The EC2 status checks of its recovery instance, once seen. */
  statusChecks?: Ec2StatusChecks;
  /** In a wave that waits for HEALTHY: the server fails unless HEALTHY by then, ISO-8601. */
  healthDeadlineAt?: string;
  /** Why the server's launch failed, from DRS or the engine. */
  failureReason?: string;
  /**
   * The recovery snapshot the start chose for the server, sent as StartRecovery's
   * `recoverySnapshotID`; absent when DRS uses its latest point in time.
   */
  recoverySnapshotId?: string;
  /**
   * The point in time the launch used, ISO-8601: the chosen snapshot's, or once launched the
   * recovery instance's `pointInTimeSnapshotDateTime`.
   */
  pointInTimeAt?: string;
  /** Achieved recovery point: seconds of data lost, launchedAt − pointInTimeAt. */
  dataLossSeconds?: number;
}

/**
 * An event of a DRS job log, shown on the execution's timeline.
 *
 * @public
 */
export interface JobLogEvent {
  /** DRS's name of the event, e.g. LAUNCH_START or LAUNCH_FAILED. */
  event: string;
  /** When it happened, ISO-8601. */
  at: string;
  /** The server it concerns, when it concerns one. */
  sourceServerId?: string;
  /** What DRS added, e.g. the reason a launch failed. */
  detail?: string;
}

/**
 * A plan wave as it runs in an execution: its status, its DRS job and its servers.
 *
 * @public
 */
export interface ExecutionWave {
  /** The wave's name in the plan. */
  name: string;
  /** Where the wave stands. */
  status: WaveStatus;
  /** The plan wave's `waitFor` when the execution started. */
  waitFor: WaitFor;
  /** The plan wave's `pauseBefore` when the execution started. */
  pauseBefore: boolean;
  /** The plan wave's `dependsOn` when the execution started. */
  dependsOn: string[];
  /** Who approved starting a `pauseBefore` wave (a resume naming it); approval steps record their own. */
  approvedBy?: string;
  /** When the wave was approved, ISO-8601. */
  approvedAt?: string;
  /** Written before StartRecovery so a crash never launches the wave twice. */
  launchIntentAt?: string;
  /** Since when DRS has had no room for the wave's job (a quota of active jobs or servers); cleared at launch. */
  awaitingCapacitySince?: string;
  /** The DRS job launching the wave's servers. */
  jobId?: string;
  /** When the wave started, ISO-8601. */
  startedAt?: string;
  /** When it completed, failed or was cancelled, ISO-8601. */
  endedAt?: string;
  /** Why the wave failed or was cancelled. */
  failureReason?: string;
  /** The plan wave's before steps, then its after steps, each in plan order; absent means none. */
  steps?: ExecutionStep[];
  /** For waitFor HEALTHY: the plan wave's health timeout when the execution started, in seconds. */
  healthTimeoutSeconds?: number;
  /** When the wave's DRS job completed with every server LAUNCHED, ISO-8601. */
  launchCompletedAt?: string;
  /**
   * When the wave's servers reached its `waitFor`: the launch completed, or for HEALTHY every
   * server became healthy. Its measured recovery time ends here; after steps follow.
   */
  recoveredAt?: string;
  /** The wave's servers, in plan order. */
  servers: ExecutionServer[];
  /** The DRS job log, fetched when the job completed with failures. */
  jobLog: JobLogEvent[];
}

/**
 * How the engine has been polling DRS for an execution.
 *
 * @public
 */
export interface PollingMetadata {
  /** When the engine last ran a cycle for the execution, ISO-8601. */
  lastPolledAt?: string;
  /** How many cycles it has run for the execution. */
  pollCount: number;
  /** When it runs the next one, ISO-8601. */
  nextPollAt?: string;
  /** Why DRS could not be observed last time (throttling, 5xx); cleared by the next success. */
  lastError?: string;
  /** When that happened, ISO-8601. */
  lastErrorAt?: string;
}

/**
 * Requests a person made that the engine applies on its next cycle.
 *
 * @public
 */
export interface ExecutionRequests {
  /** Who asked to cancel, and when: no further wave starts, the running one finishes. */
  cancel?: { by: string; at: string };
  /**
   * The last resume: who approved which paused wave, and when; `step` names the approval step
   * it approved, absent when it approved a `pauseBefore` wave's start.
   */
  resume?: { by: string; at: string; wave: string; step?: string };
  /** Who asked to terminate a drill's recovery instances, and how far that has got. */
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
  /** Reverse replication of a completed RECOVERY's or FAILBACK's recovery instances. */
  reverseReplication?: ReverseReplicationRequest;
  /** On a RECOVERY: its latest failback. */
  failback?: FailbackRequest;
}

/**
 * One run of a recovery plan, drill or recovery: the record the engine drives and the pages show.
 *
 * @public
 */
export interface Execution {
  /** The execution's ID. */
  executionId: string;
  /** The plan it runs. */
  planId: string;
  /** The plan's name when the execution started. */
  planName: string;
  /** The entity it recovers. */
  entityRef: string;
  /** Drill or recovery. */
  mode: ExecutionMode;
  /** Where the execution stands. */
  status: ExecutionStatus;
  /** Why it is in that status, e.g. what failed or who cancelled. */
  statusReason?: string;
  /** The AWS account DRS launches in; absent for the backend's default account. */
  accountId?: string;
  /** The AWS region DRS launches in. */
  region: string;
  /** Who started it (a user entity ref). */
  initiatedBy: string;
  /** When it was requested, ISO-8601. */
  createdAt: string;
  /** When the engine first ran it, ISO-8601. */
  startedAt?: string;
  /** When it reached a terminal status, ISO-8601. */
  endedAt?: string;
  /** After this instant the engine marks the execution TIMED_OUT. */
  timeoutAt: string;
  /** The waves, in plan order. */
  waves: ExecutionWave[];
  /** The engine's polling of DRS for it. */
  polling: PollingMetadata;
  /** Cancel, resume and terminate requests waiting for or taken by the engine. */
  requests: ExecutionRequests;
  /** The point in time the start asked for; absent means DRS's latest. */
  pointInTime?: PointInTimeChoice;
  /** For a RECOVERY: the largest data-loss window the person who started it accepted. */
  acceptedDataLossSeconds?: number;
  /** For a DRILL: started although some servers' replication was not healthy. */
  allowDegradedReplication?: boolean;
  /** For a DRILL whose plan asks for it: terminating its recovery instances once it ends. */
  drillCleanup?: DrillCleanup;
  /**
   * The recovery objectives in force when it started (the plan's, else the entity's), which its
   * report holds the measured time and data loss against. Absent when none was stated.
   */
  objectives?: ExecutionObjectives;
  /** The execution this one came from: a FAILBACK's recovery. */
  lineage?: ExecutionLineage;
  /** Optimistic-locking version; every update must name the version it read. */
  version: number;
}

/**
 * The recovery objectives an execution started under.
 *
 * @public
 */
export interface ExecutionObjectives {
  /** The recovery time objective its measured recovery time is held against. */
  rto?: StatedObjective;
  /** The recovery point objective its worst data loss is held against. */
  rpo?: StatedObjective;
}

/**
 * How far an execution got: what a failed or cancelled one is judged by, since it measured no
 * recovery time.
 *
 * @public
 */
export interface ExecutionProgress {
  /** Waves that started (launched, or ran their before steps), whatever their status now. */
  wavesStarted: number;
  /** Servers DRS launched, including those that failed a health check after the launch. */
  serversLaunched: number;
}

/**
 * An execution without its waves: what history lists show.
 *
 * @public
 */
export type ExecutionSummary = Omit<Execution, 'waves'> & {
  waveCount: number;
  serverCount: number;
  completedWaveCount: number;
  failedServerCount: number;
  /** The largest achieved data loss among the servers, in seconds; absent until measured. */
  worstDataLossSeconds?: number;
  /** How far it got; absent for executions stored before it was recorded. */
  progress?: ExecutionProgress;
};
