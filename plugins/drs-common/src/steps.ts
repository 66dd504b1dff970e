/** A plan's steps as an execution runs them: the defaults a plan may leave out, filled in once at start. */
import { DrillCleanup, ExecutionStep, PlanStep, StepPhase } from './stepTypes';
import { ExecutionMode } from './statuses';
import { PlanWave, RecoveryPlanInput } from './types';

/**
 * Timeout of an automation step that sets none: 1 hour.
 *
 * @public
 */
export const DEFAULT_AUTOMATION_TIMEOUT_SECONDS = 60 * 60;
/**
 * Timeout of an approval step that sets none: 24 hours.
 *
 * @public
 */
export const DEFAULT_APPROVAL_TIMEOUT_SECONDS = 24 * 60 * 60;
/**
 * Health timeout of a waitFor HEALTHY wave that sets none: 30 minutes, enough for a launched
 * Windows server to boot and pass both EC2 status checks.
 *
 * @public
 */
export const DEFAULT_HEALTH_TIMEOUT_SECONDS = 30 * 60;

/**
 * The step's timeout in seconds, with its type's default: a wait times out at its own end.
 *
 * @public
 */
export function stepTimeoutSeconds(step: PlanStep): number {
  if (step.timeoutSeconds !== undefined) return step.timeoutSeconds;
  if (step.type === 'automation') return DEFAULT_AUTOMATION_TIMEOUT_SECONDS;
  if (step.type === 'approval') return DEFAULT_APPROVAL_TIMEOUT_SECONDS;
  return step.seconds;
}

function executionStep(step: PlanStep, phase: StepPhase): ExecutionStep {
  const base = {
    name: step.name,
    phase,
    status: 'PENDING' as const,
    timeoutSeconds: stepTimeoutSeconds(step),
    onFailure: step.onFailure ?? 'fail',
  };
  if (step.type === 'automation') {
    return {
      ...base,
      type: 'automation',
      documentName: step.documentName,
      ...(step.documentVersion === undefined
        ? {}
        : { documentVersion: step.documentVersion }),
      parameters: step.parameters ?? {},
      ...(step.instanceIdsParameter === undefined
        ? {}
        : { instanceIdsParameter: step.instanceIdsParameter }),
    };
  }
  if (step.type === 'approval') return { ...base, type: 'approval' };
  return { ...base, type: 'wait', seconds: step.seconds };
}

/** The wave's steps as an execution runs them: its before steps, then its after steps. */
export function executionSteps(wave: PlanWave): ExecutionStep[] {
  return [
    ...(wave.before ?? []).map(step => executionStep(step, 'before')),
    ...(wave.after ?? []).map(step => executionStep(step, 'after')),
  ];
}

/** The cleanup a new execution tracks: only a drill's, and only when its plan asks for one. */
export function drillCleanupOf(
  plan: RecoveryPlanInput,
  mode: ExecutionMode,
): DrillCleanup | undefined {
  if (mode !== 'DRILL' || !plan.drillCleanup) return undefined;
  return {
    keepAliveSeconds: plan.drillCleanup.keepAliveSeconds,
    status: 'WAITING',
  };
}
