/** Steps around a wave and a drill's cleanup: as a plan defines them, and as an execution runs them. */
import { DrillCleanupStatus, StepStatus } from './statuses';

/**
 * Kinds of step: an SSM Automation runbook, a person's approval, or a fixed wait.
 *
 * @public
 */
export const STEP_TYPES = ['automation', 'approval', 'wait'] as const;
/**
 * A kind of step; see {@link STEP_TYPES}.
 *
 * @public
 */
export type StepType = (typeof STEP_TYPES)[number];

/**
 * When a step runs: `before` the wave launches, or `after` its servers reached its `waitFor`.
 *
 * @public
 */
export const STEP_PHASES = ['before', 'after'] as const;
/**
 * A step's phase; see {@link STEP_PHASES}.
 *
 * @public
 */
export type StepPhase = (typeof STEP_PHASES)[number];

/**
 * What a step that fails or times out does to its wave: `fail` it (the default), or `continue`.
 *
 * @public
 */
export const STEP_FAILURE_POLICIES = ['fail', 'continue'] as const;
/**
 * A step's failure policy; see {@link STEP_FAILURE_POLICIES}.
 *
 * @public
 */
export type StepFailurePolicy = (typeof STEP_FAILURE_POLICIES)[number];

/**
 * What every step of a plan has.
 *
 * @public
 */
export interface PlanStepBase {
  /** The step's name, unique in its wave (before and after steps together). */
  name: string;
  /**
   * Seconds the step may run before it is TIMED_OUT. Absent: 1 hour for an automation,
   * 24 hours for an approval, the wait's own length for a wait.
   */
  timeoutSeconds?: number;
  /** What a failure or a timeout of the step does to its wave; absent means `fail`. */
  onFailure?: StepFailurePolicy;
}

/**
 * Runs an SSM Automation runbook (StartAutomationExecution) and waits for it to end.
 *
 * @public
 */
export interface AutomationPlanStep extends PlanStepBase {
  /** Runs an SSM Automation runbook. */
  type: 'automation';
  /** The runbook: its name, or the ARN of a runbook shared from another account. */
  documentName: string;
  /** `$DEFAULT`, `$LATEST` or a version number; absent means the runbook's default version. */
  documentVersion?: string;
  /** The runbook's parameters, in SSM's shape: each name has a list of strings. */
  parameters?: Record<string, string[]>;
  /** The parameter that receives the EC2 instance IDs of the wave's recovery instances (after steps only). */
  instanceIdsParameter?: string;
}

/**
 * Pauses the execution until someone resumes it, naming the wave.
 *
 * @public
 */
export interface ApprovalPlanStep extends PlanStepBase {
  /** Waits for a person's approval. */
  type: 'approval';
}

/**
 * Waits a fixed time, e.g. for DNS or caches to settle.
 *
 * @public
 */
export interface WaitPlanStep extends PlanStepBase {
  /** Waits a fixed time. */
  type: 'wait';
  /** How long to wait, in seconds. */
  seconds: number;
}

/**
 * A step before or after a wave, as a plan defines it.
 *
 * @public
 */
export type PlanStep = AutomationPlanStep | ApprovalPlanStep | WaitPlanStep;

/**
 * A plan's request to terminate a drill's recovery instances once the drill ends (never a recovery's).
 *
 * @public
 */
export interface DrillCleanupPolicy {
  /** Seconds the instances are kept after the drill ends, for people to look at them; 0 terminates at once. */
  keepAliveSeconds: number;
}

/**
 * What every step of an execution records.
 *
 * @public
 */
export interface ExecutionStepBase {
  /** The step's name in the plan. */
  name: string;
  /** Before the wave's launch, or after its servers reached its `waitFor`. */
  phase: StepPhase;
  /** Where the step stands. */
  status: StepStatus;
  /** The step's timeout in seconds, with the plan's default applied. */
  timeoutSeconds: number;
  /** What a failure or timeout of the step does to its wave. */
  onFailure: StepFailurePolicy;
  /** When the step started running, ISO-8601. */
  startedAt?: string;
  /** When the step ended, ISO-8601. */
  endedAt?: string;
  /** startedAt + timeoutSeconds: a step still RUNNING then is TIMED_OUT. */
  deadlineAt?: string;
  /** Why the step failed, timed out, was cancelled or skipped. */
  failureReason?: string;
}

/**
 * An automation step's progress, from its intent to the end SSM reports.
 *
 * @public
 */
export interface ExecutionAutomationStep extends ExecutionStepBase {
  /** Runs an SSM Automation runbook. */
  type: 'automation';
  /** The runbook, as the plan named it. */
  documentName: string;
  /** The runbook's version, as the plan named it. */
  documentVersion?: string;
  /** The plan's parameters. */
  parameters: Record<string, string[]>;
  /** The parameter that receives the wave's EC2 instance IDs. */
  instanceIdsParameter?: string;
  /** Those instance IDs, fixed at the intent: a repeated call must send the very same parameters. */
  instanceIds?: string[];
  /** Written before StartAutomationExecution, in the decision that issues it: a crash then leads to adoption. */
  intentAt?: string;
  /** The call's ClientToken, derived from the execution, wave, phase and step: a repeated call returns the same automation. */
  clientToken?: string;
  /** SSM's ID of the automation execution, once a call answered. */
  automationExecutionId?: string;
  /** SSM's raw AutomationExecutionStatus, as last observed. */
  automationStatus?: string;
  /** The runbook's outputs as SSM reported them (each value cut to a size an execution can store). */
  outputs?: Record<string, string[]>;
  /** True when some outputs were left out or cut short. */
  outputsTruncated?: boolean;
  /** When the engine asked SSM to stop the automation (the step timed out or was cancelled). */
  stopRequestedAt?: string;
  /** When SSM was seen to have ended the stopped automation, or the engine stopped waiting for it to. */
  stoppedAt?: string;
}

/**
 * An approval step's progress.
 *
 * @public
 */
export interface ExecutionApprovalStep extends ExecutionStepBase {
  /** Waits for a person's approval. */
  type: 'approval';
  /** Who approved (resumed the wave while this step waited), a user entity ref. */
  approvedBy?: string;
  /** When, ISO-8601. */
  approvedAt?: string;
}

/**
 * A wait step's progress.
 *
 * @public
 */
export interface ExecutionWaitStep extends ExecutionStepBase {
  /** Waits a fixed time. */
  type: 'wait';
  /** How long it waits, in seconds. */
  seconds: number;
  /** When the wait ends (startedAt + seconds), ISO-8601. */
  waitUntil?: string;
}

/**
 * A step of a wave as it runs in an execution.
 *
 * @public
 */
export type ExecutionStep =
  | ExecutionAutomationStep
  | ExecutionApprovalStep
  | ExecutionWaitStep;

/**
 * A drill's automatic cleanup, as the execution tracks it. Never present on a RECOVERY.
 *
 * @public
 */
export interface DrillCleanup {
  /** The plan's keep-alive when the drill started. */
  keepAliveSeconds: number;
  /** Where the cleanup stands. */
  status: DrillCleanupStatus;
  /** When the instances are terminated: the drill's end plus the keep-alive, ISO-8601. */
  dueAt?: string;
  /** When the engine raised the terminate request; its progress is `requests.terminate`. */
  requestedAt?: string;
  /** Why no cleanup was needed. */
  reason?: string;
}
