import { Execution, ExecutionWave } from '@drs-orchestration/plugin-drs-common';
import { ExecutionPlan, isStepFailure } from './scenario';

/** A wave's steps: phase, name, status and the automation it records. */
function describeSteps(wave: ExecutionWave): string {
  const steps = (wave.steps ?? []).map(
    step =>
      `${step.phase}/${step.name}:${step.status}${
        step.type === 'automation' && step.automationExecutionId
          ? `(${step.automationExecutionId})`
          : ''
      }`,
  );
  return steps.length > 0 ? ` steps ${steps.join(' ')}` : '';
}

/** One line per wave: status, job, server and step statuses; enough to see what went wrong. */
export function describeExecution(execution: Execution): string {
  const waves = execution.waves.map(
    wave =>
      `${wave.name} ${wave.status}${wave.jobId ? ` ${wave.jobId}` : ''}${
        wave.launchIntentAt && !wave.jobId ? ' (intent, no job)' : ''
      } [${wave.servers
        .map(server => `${server.hostname}:${server.status}`)
        .join(' ')}]${describeSteps(wave)}`,
  );
  return `${execution.status} v${execution.version}${
    execution.statusReason ? ` (${execution.statusReason})` : ''
  }${execution.requests.cancel ? ' cancel requested' : ''}${
    execution.requests.terminate
      ? ` terminate ${execution.requests.terminate.status} ${
          execution.requests.terminate.jobId ?? ''
        }`
      : ''
  }\n    ${waves.join('\n    ')}`;
}

/** The plan's failure, in words. */
function describeFailure({ failure, waves }: ExecutionPlan): string {
  if (!failure) return 'no failure';
  if (isStepFailure(failure)) {
    return `${failure.step} step of wave "${waves[failure.wave].name}" fails`;
  }
  return `${failure.hostname} fails at ${failure.phase}`;
}

/** An execution's plan in a line: its failure, its request, its kind. */
export function describePlan(plan: ExecutionPlan, executionId: string) {
  return `${plan.name} (${executionId}; ${describeFailure(plan)}; ${
    plan.request
      ? `${plan.request.kind} at wave "${plan.waves[plan.request.wave].name}"`
      : 'no request'
  }${plan.terminateAfter ? '; terminate when ended' : ''}${
    plan.recoveryCutOffAgoMs === undefined
      ? ''
      : `; recovery from ${plan.recoveryCutOffAgoMs / 1000} s back`
  })`;
}
