/*
 * SSM's answer to a step's START_AUTOMATION, applied by the plumbing after the call. Returns a
 * new execution and leaves its input untouched.
 */
import { Execution } from '../executionTypes';
import { deepCopy } from './plainData';
import { endStep, stepPath, stepsOf } from './stepState';
import { toIsoTime } from './time';
import { StepRef } from './types';
import { waveAt } from './waves';

/**
 * SSM's answer to a step's StartAutomationExecution: the automation it started (or, for a
 * repeated ClientToken, the one it already had), or why it refused for good.
 *
 * @public
 */
export type AutomationStartAnswer =
  | { automationExecutionId: string }
  | { refusedBecause: string };

/** A copy of the execution, and in it the automation step a command named; one that never started is a programming error. */
function copyWithStartedAutomation(execution: Execution, ref: StepRef) {
  const next = deepCopy(execution);
  const wave = waveAt(next, ref.waveIndex);
  const step = stepsOf(wave)[ref.stepIndex];
  if (step?.type !== 'automation' || step.intentAt === undefined) {
    throw new RangeError(
      `Wave "${wave.name}" of execution ${execution.executionId} has no started automation step at index ${ref.stepIndex}`,
    );
  }
  return { next, step, path: stepPath(wave, step) };
}

/**
 * Records SSM's answer to a step's START_AUTOMATION. An automation ID is recorded once (a
 * second, different one is refused: it would be a second automation for the step); if the step
 * ended meanwhile (its timeout, a cancel), that automation is to be stopped. A refusal for good
 * (no such runbook or version, parameters SSM refuses, IdempotentParameterMismatch) fails a
 * running step, and the next decision applies its `onFailure`.
 *
 * @public
 */
export function recordAutomationStart(
  execution: Execution,
  ref: StepRef,
  answer: AutomationStartAnswer,
  now: Date,
): Execution {
  const { next, step, path } = copyWithStartedAutomation(execution, ref);
  const recorded = step.automationExecutionId;
  if ('refusedBecause' in answer) {
    if (recorded !== undefined) {
      throw new Error(
        `Step ${path} runs as automation ${recorded}; SSM cannot have refused to start it`,
      );
    }
    if (step.status === 'RUNNING') {
      const reason = `SSM refused to start the automation: ${answer.refusedBecause}`;
      endStep(step, 'FAILED', reason, toIsoTime(now));
    }
    return next;
  }
  const { automationExecutionId } = answer;
  if (recorded !== undefined && recorded !== automationExecutionId) {
    throw new Error(
      `Step ${path} already runs as automation ${recorded}; refusing to record a second automation ${automationExecutionId}`,
    );
  }
  step.automationExecutionId = automationExecutionId;
  if (step.status !== 'RUNNING' && step.stoppedAt === undefined) {
    step.stopRequestedAt ??= toIsoTime(now);
  }
  return next;
}
