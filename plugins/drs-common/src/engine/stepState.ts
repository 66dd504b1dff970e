/*
 * A wave's steps as the engine reads and changes them: ending a step, asking SSM to stop its
 * automation, winding steps down when their wave cannot go on. Works on decide's draft.
 */
import { ExecutionWave } from '../executionTypes';
import { isStepEnded, StepStatus } from '../statuses';
import {
  ExecutionApprovalStep,
  ExecutionAutomationStep,
  ExecutionStep,
} from '../stepTypes';

/** The wave's steps; an execution stored before steps existed has none. */
export function stepsOf(wave: ExecutionWave): ExecutionStep[] {
  return wave.steps ?? [];
}

/** How transitions and messages name a step: `wave/phase/step`. */
export function stepPath(wave: ExecutionWave, step: ExecutionStep): string {
  return `${wave.name}/${step.phase}/${step.name}`;
}

/** The step's position among the wave's steps of its phase, from 0: part of its ClientToken. */
export function indexInPhase(wave: ExecutionWave, step: ExecutionStep): number {
  return stepsOf(wave)
    .filter(other => other.phase === step.phase)
    .indexOf(step);
}

const SUCCEEDED_AUTOMATION = ['Success', 'CompletedWithSuccess'];
const FAILED_AUTOMATION = [
  'Failed',
  'Cancelled',
  'Rejected',
  'CompletedWithFailure',
  'ChangeCalendarOverrideRejected',
  'Exited',
];

/** The status a step takes from SSM's AutomationExecutionStatus once it has ended; undefined while it runs. */
export function automationOutcome(
  status: string | undefined,
): 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | undefined {
  if (status === undefined) return undefined;
  if (SUCCEEDED_AUTOMATION.includes(status)) return 'SUCCEEDED';
  if (FAILED_AUTOMATION.includes(status)) return 'FAILED';
  return status === 'TimedOut' ? 'TIMED_OUT' : undefined;
}

/** An automation the engine asked SSM to stop and has not yet seen end (nor given up on). */
export function isStopping(
  step: ExecutionStep,
): step is ExecutionAutomationStep {
  return (
    step.type === 'automation' &&
    step.stopRequestedAt !== undefined &&
    step.stoppedAt === undefined
  );
}

/** Ends the step with an ended status, keeping the reason of its end when it has one. */
export function endStep(
  step: ExecutionStep,
  status: Exclude<StepStatus, 'PENDING' | 'RUNNING'>,
  reason: string | undefined,
  now: string,
) {
  step.status = status;
  step.endedAt = now;
  if (reason !== undefined) step.failureReason = reason;
}

/**
 * Ends a running step early (its timeout, a cancel); an automation SSM may still run is asked
 * to stop. One whose start SSM never confirmed has no ID to stop: it is not started again (that
 * could start it now), and the step says so.
 */
export function interruptStep(
  step: ExecutionStep,
  status: 'TIMED_OUT' | 'CANCELLED',
  reason: string,
  now: string,
) {
  endStep(step, status, reason, now);
  if (step.type !== 'automation' || step.intentAt === undefined) return;
  if (automationOutcome(step.automationStatus) !== undefined) return;
  if (step.automationExecutionId !== undefined) {
    step.stopRequestedAt ??= now;
    return;
  }
  step.failureReason = `${reason}; SSM never confirmed the start of its automation (ClientToken ${step.clientToken}), so there was none to stop`;
}

/** Skips the steps that have not run: their wave failed or ended first. */
export function skipPendingSteps(
  wave: ExecutionWave,
  reason: string,
  now: string,
) {
  for (const step of stepsOf(wave)) {
    if (step.status === 'PENDING') endStep(step, 'SKIPPED', reason, now);
  }
}

/**
 * Why a wave stops short of completing: a cancel (its pending steps are CANCELLED and its
 * running automations stopped) or another wave's failure (its pending steps are SKIPPED and a
 * running automation finishes, as a running DRS job does).
 */
export interface WindDown {
  reason: string;
  pendingStatus: 'CANCELLED' | 'SKIPPED';
  stopAutomations: boolean;
}

/** Winds the wave's steps down; an approval or wait that runs is cancelled either way. */
export function windDownSteps(
  wave: ExecutionWave,
  windDown: WindDown,
  now: string,
) {
  for (const step of stepsOf(wave)) {
    if (step.status === 'PENDING') {
      endStep(step, windDown.pendingStatus, windDown.reason, now);
    } else if (
      step.status === 'RUNNING' &&
      (step.type !== 'automation' || windDown.stopAutomations)
    ) {
      interruptStep(step, 'CANCELLED', windDown.reason, now);
    }
  }
}

/** The first step whose failure or timeout fails its wave. */
export function blockingFailure(
  wave: ExecutionWave,
): ExecutionStep | undefined {
  return stepsOf(wave).find(
    step =>
      (step.status === 'FAILED' || step.status === 'TIMED_OUT') &&
      step.onFailure === 'fail',
  );
}

/** The approval step the wave waits on: running, not yet approved. */
export function approvalAwaited(
  wave: ExecutionWave,
): ExecutionApprovalStep | undefined {
  return stepsOf(wave).find(
    (step): step is ExecutionApprovalStep =>
      step.type === 'approval' &&
      step.status === 'RUNNING' &&
      step.approvedAt === undefined,
  );
}

/** The first step of the phase that has not ended: the one that runs, or runs next. */
export function currentStep(
  wave: ExecutionWave,
  phase: ExecutionStep['phase'],
): ExecutionStep | undefined {
  return stepsOf(wave).find(
    step => step.phase === phase && !isStepEnded(step.status),
  );
}
