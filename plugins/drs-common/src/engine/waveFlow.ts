/*
 * A started wave's course: its before steps in order, its DRS launch, the health gate (waitFor
 * HEALTHY), its after steps in order, then COMPLETED. One decision takes it as far as it can go.
 * Works on decide's draft.
 */
import { ExecutionWave, Execution } from '../executionTypes';
import { isStepEnded } from '../statuses';
import { ExecutionStep } from '../stepTypes';
import { writeAutomationIntent } from './automation';
import { passHealthGate } from './health';
import { launchWave, startWaveCommand } from './launch';
import {
  blockingFailure,
  currentStep,
  endStep,
  interruptStep,
  skipPendingSteps,
  stepsOf,
  WindDown,
  windDownSteps,
} from './stepState';
import { isoTimeAfterSeconds, toIsoTime } from './time';
import {
  DEFAULT_LAUNCH_LEASE_SECONDS,
  EngineCommand,
  EngineSettings,
} from './types';

/** What a decision lets a wave do. */
export interface WaveFlow {
  execution: Execution;
  now: Date;
  settings: EngineSettings;
  /** Present when the wave must stop short of completing: nothing new starts. */
  windDown?: WindDown;
  /** False once the execution's timeout passed: what runs may end, nothing new starts. */
  mayStart: boolean;
}

type Stage =
  | { kind: 'step'; step: ExecutionStep }
  | { kind: 'launch' }
  | { kind: 'launching' }
  | { kind: 'health' }
  | { kind: 'done' };

function stageOf(wave: ExecutionWave): Stage {
  if (wave.launchIntentAt === undefined) {
    const step = currentStep(wave, 'before');
    return step ? { kind: 'step', step } : { kind: 'launch' };
  }
  if (wave.launchCompletedAt === undefined) return { kind: 'launching' };
  if (wave.recoveredAt === undefined) return { kind: 'health' };
  const step = currentStep(wave, 'after');
  return step ? { kind: 'step', step } : { kind: 'done' };
}

/** Starts a step; an automation that waits for the wave's instance IDs does not start yet. */
function startStep(
  flow: WaveFlow,
  wave: ExecutionWave,
  step: ExecutionStep,
): boolean {
  const now = toIsoTime(flow.now);
  if (
    step.type === 'automation' &&
    !writeAutomationIntent(flow.execution, wave, step, now)
  ) {
    return false;
  }
  step.status = 'RUNNING';
  step.startedAt = now;
  step.deadlineAt = isoTimeAfterSeconds(flow.now, step.timeoutSeconds);
  if (step.type === 'wait') {
    step.waitUntil = isoTimeAfterSeconds(flow.now, step.seconds);
  }
  return true;
}

/**
 * Ends a running step that is done by now: approved, waited out, or past its deadline. An
 * automation ends with what SSM reports (applyAutomationObservations), or at its deadline.
 */
function settleStep(flow: WaveFlow, step: ExecutionStep) {
  const now = toIsoTime(flow.now);
  const time = flow.now.getTime();
  if (step.type === 'approval' && step.approvedAt !== undefined) {
    endStep(step, 'SUCCEEDED', undefined, now);
  } else if (step.type === 'wait' && time >= Date.parse(step.waitUntil!)) {
    endStep(step, 'SUCCEEDED', undefined, now);
  } else if (time >= Date.parse(step.deadlineAt!)) {
    interruptStep(
      step,
      'TIMED_OUT',
      `Not done within its ${step.timeoutSeconds} s timeout`,
      now,
    );
  }
}

/** Runs the step the wave is at; true once it has ended, so the wave may go on. */
function driveStep(
  flow: WaveFlow,
  wave: ExecutionWave,
  step: ExecutionStep,
): boolean {
  if (step.status === 'PENDING') {
    if (flow.mayStart) startStep(flow, wave, step);
    return false;
  }
  settleStep(flow, step);
  return isStepEnded(step.status);
}

function endWave(
  wave: ExecutionWave,
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED',
  reason: string | undefined,
  now: string,
) {
  wave.status = status;
  wave.endedAt = now;
  if (reason !== undefined) wave.failureReason = reason;
}

function failWave(wave: ExecutionWave, reason: string, now: string) {
  skipPendingSteps(wave, `Not run: ${reason}`, now);
  endWave(wave, 'FAILED', reason, now);
}

function stepFailure(step: ExecutionStep): string {
  const how = step.status === 'TIMED_OUT' ? 'timed out' : 'failed';
  return `Step "${step.name}" (${step.phase}) ${how}: ${step.failureReason}`;
}

/** A launch without a recorded job: adopt DRS's job, and launch again only once the intent's lease is over. */
function relaunch(flow: WaveFlow, wave: ExecutionWave): EngineCommand[] {
  if (wave.jobId !== undefined) return [];
  const leaseMs =
    (flow.settings.launchLeaseSeconds ?? DEFAULT_LAUNCH_LEASE_SECONDS) * 1000;
  const sinceIntent = flow.now.getTime() - Date.parse(wave.launchIntentAt!);
  return [startWaveCommand(flow.execution, wave, true, sinceIntent >= leaseMs)];
}

/**
 * Moves a STARTED wave on as far as it can go now; returns its START_WAVE command, if any.
 * A wave that winds down ends once nothing of it runs: CANCELLED, or COMPLETED when nothing
 * was left to do.
 */
export function advanceStartedWave(
  flow: WaveFlow,
  wave: ExecutionWave,
): EngineCommand[] {
  const now = toIsoTime(flow.now);
  if (flow.windDown) windDownSteps(wave, flow.windDown, now);
  for (;;) {
    const failure = blockingFailure(wave);
    if (failure) {
      failWave(wave, stepFailure(failure), now);
      return [];
    }
    const stage = stageOf(wave);
    if (stage.kind === 'step') {
      if (!driveStep(flow, wave, stage.step)) return [];
    } else if (stage.kind === 'launching') {
      return relaunch(flow, wave);
    } else if (stage.kind === 'done') {
      const unrun = stepsOf(wave).some(
        step => step.status === 'CANCELLED' || step.status === 'SKIPPED',
      );
      if (unrun) endWave(wave, 'CANCELLED', flow.windDown?.reason, now);
      else endWave(wave, 'COMPLETED', undefined, now);
      return [];
    } else if (flow.windDown) {
      endWave(wave, 'CANCELLED', flow.windDown.reason, now);
      return [];
    } else if (stage.kind === 'launch') {
      return flow.mayStart ? [launchWave(flow.execution, wave, now)] : [];
    } else {
      const gate = passHealthGate(wave, flow.now);
      if (gate.outcome === 'failed') failWave(wave, gate.reason, now);
      if (gate.outcome !== 'passed') return [];
    }
  }
}

/** Starts a wave that may start: its before steps, or at once its launch. */
export function beginWave(
  flow: WaveFlow,
  wave: ExecutionWave,
): EngineCommand[] {
  wave.status = 'STARTED';
  wave.startedAt = toIsoTime(flow.now);
  return advanceStartedWave(flow, wave);
}
