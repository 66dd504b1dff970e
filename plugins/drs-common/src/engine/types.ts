import { DrsLaunchStatus, ExecutionStatus } from '../statuses';
import { Execution, JobLogEvent } from '../types';

/** What DRS reported about one job (a recovery or a TERMINATE job) in one cycle. */
export interface DrsJobObservation {
  jobId: string;
  status: 'PENDING' | 'STARTED' | 'COMPLETED';
  participatingServers: {
    sourceServerId: string;
    launchStatus?: DrsLaunchStatus;
    recoveryInstanceId?: string;
  }[];
  /** Present when the plumbing fetched the job log (it does for jobs that completed with failures). */
  log?: JobLogEvent[];
}

export interface RecoveryInstanceObservation {
  recoveryInstanceId: string;
  sourceServerId: string;
  ec2InstanceId?: string;
  /** DRS `ec2InstanceState`, e.g. PENDING, RUNNING, STOPPED, TERMINATED. */
  ec2InstanceState?: string;
}

/** Observations the plumbing gathers from DRS for one execution in one cycle. */
export interface DrsObservations {
  /** By job ID; a job missing here was not observed this cycle. */
  jobs: Record<string, DrsJobObservation>;
  recoveryInstancesBySourceServer: Record<string, RecoveryInstanceObservation>;
  /** Set when DRS could not be observed this cycle (throttling, 5xx): statuses must not change, the error is recorded. */
  error?: string;
}

export interface EngineSettings {
  pollIntervalSeconds: number;
  /**
   * How long a written launch intent belongs to the cycle that wrote it. Until then a wave
   * without a job ID is only adopted, never launched again: the StartRecovery call of that
   * cycle may still be in flight. Must exceed the longest a StartRecovery call can take with
   * its retries. Default DEFAULT_LAUNCH_LEASE_SECONDS.
   */
  launchLeaseSeconds?: number;
}

export const DEFAULT_LAUNCH_LEASE_SECONDS = 300;

/** Execution statuses whose arrival the plumbing announces (NOTIFY), once, on the transition. */
export const NOTIFIED_EXECUTION_STATUSES = [
  'PAUSED',
  'COMPLETED',
  'FAILED',
  'TIMED_OUT',
  'CANCELLED',
] as const satisfies readonly ExecutionStatus[];
export type NotifiedExecutionStatus =
  (typeof NOTIFIED_EXECUTION_STATUSES)[number];

export type EngineCommand =
  | {
      type: 'START_WAVE';
      waveIndex: number;
      sourceServerIds: string[];
      isDrill: boolean;
      tags: Record<string, string>;
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

/** A status change of the execution, a wave (id: its name) or a server (id: its source server ID). */
export interface StatusTransition {
  scope: 'execution' | 'wave' | 'server';
  id: string;
  from: string;
  to: string;
}

export interface Decision {
  /** The next state: a new object, the input is never mutated. */
  execution: Execution;
  commands: EngineCommand[];
  /** True when anything other than the polling metadata changed (the plumbing writes only then, plus a heartbeat). */
  changed: boolean;
  transitions: StatusTransition[];
}
