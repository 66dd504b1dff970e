import { DrsLaunchStatus, ExecutionStatus } from '../statuses';
import { Execution, JobLogEvent } from '../executionTypes';

/**
 * What DRS reported about one job (a recovery or a TERMINATE job) in one cycle.
 *
 * @public
 */
export interface DrsJobObservation {
  /** The DRS job ID. */
  jobId: string;
  /** DRS's job status; COMPLETED says nothing about success, the servers' launch statuses do. */
  status: 'PENDING' | 'STARTED' | 'COMPLETED';
  /** The job's servers, with DRS's launch status and recovery instance of each. */
  participatingServers: {
    sourceServerId: string;
    launchStatus?: DrsLaunchStatus;
    recoveryInstanceId?: string;
  }[];
  /** Present when the plumbing fetched the job log (it does for jobs that completed with failures). */
  log?: JobLogEvent[];
}

/**
 * What DRS reported about one recovery instance in one cycle: how servers become HEALTHY.
 *
 * @public
 */
export interface RecoveryInstanceObservation {
  /** The DRS recovery instance ID. */
  recoveryInstanceId: string;
  /** The source server it recovers. */
  sourceServerId: string;
  /** Its EC2 instance, once DRS has one. */
  ec2InstanceId?: string;
  /** DRS `ec2InstanceState`, e.g. PENDING, RUNNING, STOPPED, TERMINATED. */
  ec2InstanceState?: string;
  /**
   * The point in time the instance was launched from (DRS `pointInTimeSnapshotDateTime`),
   * ISO-8601; absent when DRS reports none.
   */
  pointInTimeAt?: string;
}

/**
 * Observations the plumbing gathers from DRS for one execution in one cycle.
 *
 * @public
 */
export interface DrsObservations {
  /** By job ID; a job missing here was not observed this cycle. */
  jobs: Record<string, DrsJobObservation>;
  /** By source server ID: the recovery instances of the servers {@link observationNeeds} named. */
  recoveryInstancesBySourceServer: Record<string, RecoveryInstanceObservation>;
  /** Set when DRS could not be observed this cycle (throttling, 5xx): statuses must not change, the error is recorded. */
  error?: string;
}

/**
 * How the engine runs; the backend reads it from its configuration.
 *
 * @public
 */
export interface EngineSettings {
  /** Seconds between two cycles of an execution; sets its `polling.nextPollAt`. */
  pollIntervalSeconds: number;
  /**
   * How long a written launch intent belongs to the cycle that wrote it. Until then a wave
   * without a job ID is only adopted, never launched again: the StartRecovery call of that
   * cycle may still be in flight. Must exceed the longest a StartRecovery call can take with
   * its retries. Default DEFAULT_LAUNCH_LEASE_SECONDS.
   */
  launchLeaseSeconds?: number;
}

/**
 * Launch lease when {@link EngineSettings} sets none: 5 minutes.
 *
 * @public
 */
export const DEFAULT_LAUNCH_LEASE_SECONDS = 300;

/**
 * Execution statuses whose arrival the plumbing announces (NOTIFY), once, on the transition.
 *
 * @public
 */
export const NOTIFIED_EXECUTION_STATUSES = [
  'PAUSED',
  'COMPLETED',
  'FAILED',
  'TIMED_OUT',
  'CANCELLED',
] as const satisfies readonly ExecutionStatus[];
/**
 * An execution status whose arrival the plumbing announces: PAUSED, or an end.
 *
 * @public
 */
export type NotifiedExecutionStatus =
  (typeof NOTIFIED_EXECUTION_STATUSES)[number];

/**
 * A DRS call or a notification that a decision asks the plumbing to make: start a wave's job, terminate recovery instances, or announce a status.
 *
 * @public
 */
export type EngineCommand =
  | {
      type: 'START_WAVE';
      waveIndex: number;
      sourceServerIds: string[];
      isDrill: boolean;
      tags: Record<string, string>;
      /**
       * The recovery snapshot to launch each server from, by source server ID, as the start
       * recorded it on the execution; servers it does not name launch from DRS's latest point
       * in time. Absent when it names none.
       */
      recoverySnapshotIds?: Record<string, string>;
      /**
       * True when an earlier cycle already wrote this wave's launch intent: the plumbing must
       * first look for a job DRS already has for these servers (adopt) before calling StartRecovery.
       */
      adoptExisting: boolean;
      /**
       * False while that earlier cycle's launch lease runs: the plumbing adopts a job if DRS
       * has one and otherwise waits, since the earlier StartRecovery may still arrive.
       */
      mayLaunch: boolean;
    }
  | { type: 'TERMINATE_RECOVERY_INSTANCES'; recoveryInstanceIds: string[] }
  | { type: 'NOTIFY'; event: NotifiedExecutionStatus };

/**
 * A status change of the execution, a wave (id: its name) or a server (id: its source server ID).
 *
 * @public
 */
export interface StatusTransition {
  /** What changed status. */
  scope: 'execution' | 'wave' | 'server';
  /** Which one: the execution ID, the wave's name or the source server ID. */
  id: string;
  /** The status before. */
  from: string;
  /** The status after. */
  to: string;
}

/**
 * The outcome of one {@link decide} cycle: the next state and what the plumbing must do.
 *
 * @public
 */
export interface Decision {
  /** The next state: a new object, the input is never mutated. */
  execution: Execution;
  /** DRS calls and notifications to make, in order. */
  commands: EngineCommand[];
  /** True when anything other than the polling metadata changed (the plumbing writes only then, plus a heartbeat). */
  changed: boolean;
  /** Status changes this cycle made, for logs and metrics. */
  transitions: StatusTransition[];
}
