import { DrsLaunchStatus, ExecutionStatus } from '../statuses';
import { Execution, JobLogEvent } from '../executionTypes';
import type {
  ReversedServerObservation,
  ReverseReplicationCommand,
} from './reverseTypes';

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
 * What DRS reported about one recovery instance in one cycle: its EC2 instance, whose status
 * checks make the server HEALTHY, and its point in time.
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
  /** Its own `dataReplicationInfo.dataReplicationState`: set once ReverseReplication reversed it. */
  reverseReplicationState?: string;
}

/**
 * What SSM reported about one automation execution in one cycle (GetAutomationExecution).
 *
 * @public
 */
export interface AutomationExecutionObservation {
  /** SSM's ID of the automation execution. */
  automationExecutionId: string;
  /**
   * SSM's AutomationExecutionStatus, as SSM spells it: Success and CompletedWithSuccess end a
   * step SUCCEEDED; TimedOut ends it TIMED_OUT; Failed, Cancelled, Rejected,
   * CompletedWithFailure, ChangeCalendarOverrideRejected and Exited end it FAILED; any other
   * status (Pending, InProgress, Waiting, Cancelling, …) is still running.
   */
  status: string;
  /** The runbook's outputs (SSM's `Outputs`). */
  outputs?: Record<string, string[]>;
  /** SSM's `FailureMessage`. */
  failureMessage?: string;
  /** SSM's `ExecutionStartTime`, ISO-8601. */
  startedAt?: string;
  /** SSM's `ExecutionEndTime`, ISO-8601; the step's end when valid. */
  endedAt?: string;
}

/**
 * What EC2 reported about one instance's status checks in one cycle (DescribeInstanceStatus,
 * with IncludeAllInstances so a stopped instance is reported too).
 *
 * @public
 */
export interface InstanceStatusObservation {
  /** The EC2 instance ID. */
  ec2InstanceId: string;
  /** `InstanceStatus.Status`: ok, impaired, initializing, insufficient-data or not-applicable. */
  instanceStatus: string;
  /** `SystemStatus.Status`, with the same values. */
  systemStatus: string;
}

/**
 * Observations the plumbing gathers from DRS, SSM and EC2 for one execution in one cycle,
 * each asked once per account and region for all executions there ({@link observationNeeds}).
 *
 * @public
 */
export interface DrsObservations {
  /** By job ID; a job missing here was not observed this cycle. */
  jobs: Record<string, DrsJobObservation>;
  /** By source server ID: the recovery instances of the servers {@link observationNeeds} named. */
  recoveryInstancesBySourceServer: Record<string, RecoveryInstanceObservation>;
  /** By automation execution ID: the automations {@link observationNeeds} named; absent means none observed. */
  automationExecutions?: Record<string, AutomationExecutionObservation>;
  /** By EC2 instance ID: the status checks of the instances {@link observationNeeds} named; absent means none observed. */
  instanceStatuses?: Record<string, InstanceStatusObservation>;
  /** By reversed source server ID: the servers {@link observationNeeds} named; absent means none observed. */
  reversedServers?: Record<string, ReversedServerObservation>;
  /** Set when DRS, SSM or EC2 could not be observed this cycle (throttling, 5xx): statuses must not change, the error is recorded. */
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
 * A call or a notification that a decision asks the plumbing to make: start a wave's DRS job,
 * start or stop a step's SSM automation, terminate recovery instances, or announce a status.
 * The health gate needs no command, only observations (DescribeInstanceStatus).
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
  | StartAutomationCommand
  | StopAutomationCommand
  | { type: 'TERMINATE_RECOVERY_INSTANCES'; recoveryInstanceIds: string[] }
  | ReverseReplicationCommand
  | { type: 'NOTIFY'; event: NotifiedExecutionStatus };

/**
 * A step of an execution, as commands and records name it.
 *
 * @public
 */
export interface StepRef {
  /** The wave's index in the execution. */
  waveIndex: number;
  /** The step's index in the wave's `steps`. */
  stepIndex: number;
}

/**
 * Start a step's SSM automation: StartAutomationExecution with exactly these fields, then
 * {@link recordAutomationStart} with SSM's answer. The decision that issues it has
 * already written the step's intent (RUNNING, `intentAt`, `clientToken`); the plumbing persists
 * that decision before calling SSM. Every call for a step carries the same ClientToken and
 * parameters, so SSM answers a repeated call with the execution it already has: calling again
 * after a crash or a lost answer adopts it, never starts a second one.
 *
 * Errors: AutomationDefinitionNotFound, AutomationDefinitionVersionNotFound,
 * InvalidAutomationExecutionParameters, InvalidTarget and IdempotentParameterMismatch are
 * permanent (recordAutomationStart with `refusedBecause`); AutomationExecutionLimitExceeded,
 * throttling and 5xx are transient (recordObservationError): the next decision sends the same
 * call again, until the step's timeout.
 *
 * @public
 */
export interface StartAutomationCommand extends StepRef {
  /** Start a step's automation. */
  type: 'START_AUTOMATION';
  /** SSM `DocumentName`. */
  documentName: string;
  /** SSM `DocumentVersion`; absent: leave it out. */
  documentVersion?: string;
  /** SSM `Parameters`, the wave's instance IDs included when the step asked for them; leave it out when empty (SSM wants 1 to 200). */
  parameters: Record<string, string[]>;
  /** SSM `ClientToken`: a UUID derived from the execution, wave, phase and step. */
  clientToken: string;
  /** SSM `Tags`: the execution and the step, so a person finds the automation in SSM's console. */
  tags: Record<string, string>;
  /** True when an earlier decision wrote this intent: the call is repeated to adopt the automation SSM may already have. */
  adoptExisting: boolean;
}

/**
 * Stop a step's SSM automation: StopAutomationExecution with Type Cancel. Nothing is recorded:
 * the next observations show it Cancelling, then ended. AutomationExecutionNotFound and
 * InvalidAutomationStatusUpdate (it has already ended) need no action; on a transient error the
 * next decision issues it again while SSM reports the automation running.
 *
 * @public
 */
export interface StopAutomationCommand extends StepRef {
  /** Stop a step's automation. */
  type: 'STOP_AUTOMATION';
  /** SSM's ID of the automation execution to stop. */
  automationExecutionId: string;
}

/**
 * A status change of the execution, a wave (id: its name), a server (id: its source server
 * ID), a step (id: `wave/phase/step`) or a drill's cleanup (id: the execution ID).
 *
 * @public
 */
export interface StatusTransition {
  /** What changed status. */
  scope:
    | 'execution'
    | 'wave'
    | 'server'
    | 'step'
    | 'cleanup'
    | 'reverse-replication';
  /** Which one: the execution ID, the wave's name, the source server ID or the step's path. */
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
  /**
   * The earliest instant, ISO-8601 and after `now`, at which a rule of the clock alone changes
   * what decide does with the same execution and observations: a wait step's end, a step's
   * deadline, a server's health deadline, the give-up of a stop SSM has not confirmed, a drill
   * cleanup falling due. Absent when none is pending. The engine's cache of settled executions
   * must not settle one past this instant (nor past its heartbeat): decide it again then.
   */
  wakeAt?: string;
}
