/*
 * Automation steps exactly once: the intent (RUNNING, intentAt, ClientToken) is written in the
 * decision that issues START_AUTOMATION; until SSM's answer is recorded, every decision repeats
 * the call with the same token and parameters, which SSM answers with the automation it already
 * has. A stopped automation is asked to stop until SSM shows it ending. Works on decide's draft.
 */
import { Execution, ExecutionWave } from '../executionTypes';
import { ExecutionAutomationStep } from '../stepTypes';
import { automationClientToken } from './clientToken';
import { START_WAVE_TAG_EXECUTION_ID } from './launch';
import {
  automationOutcome,
  endStep,
  indexInPhase,
  isStopping,
  stepsOf,
} from './stepState';
import { recordedTimeMillis, toIsoTime } from './time';
import {
  AutomationExecutionObservation,
  EngineCommand,
  StartAutomationCommand,
} from './types';

/**
 * Tag the engine puts on a step's automation: the step, as `waveIndex/phase/indexInPhase`.
 *
 * @public
 */
export const START_AUTOMATION_TAG_STEP = 'drs-orchestration:step';

/**
 * How long the engine waits for SSM to show a stopped automation ending before it gives up
 * (and the execution stops needing the engine for it).
 */
export const STOP_CONFIRM_SECONDS = 15 * 60;

/** An execution stores at most this many characters of a step's outputs, and of SSM's failure message. */
const MAX_OUTPUT_CHARACTERS = 2000;
const MAX_FAILURE_MESSAGE_CHARACTERS = 1000;

/**
 * Writes the intent of an automation step that starts now. A step that receives the wave's
 * instance IDs waits (returns false) until DRS has reported every server's EC2 instance; the IDs
 * are fixed here, since a repeated call must send the same parameters.
 */
export function writeAutomationIntent(
  execution: Execution,
  wave: ExecutionWave,
  step: ExecutionAutomationStep,
  now: string,
): boolean {
  if (step.instanceIdsParameter !== undefined) {
    const ids = wave.servers.map(server => server.ec2InstanceId);
    if (ids.some(id => id === undefined)) return false;
    step.instanceIds = ids as string[];
  }
  step.intentAt = now;
  step.clientToken = automationClientToken(
    execution.executionId,
    execution.waves.indexOf(wave),
    step.phase,
    indexInPhase(wave, step),
  );
  return true;
}

/** SSM's outputs, cut to what an execution stores: values in order until the budget is spent. */
function boundedOutputs(outputs: Record<string, string[]>) {
  let budget = MAX_OUTPUT_CHARACTERS;
  let truncated = false;
  const kept: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(outputs)) {
    const keptValues: string[] = [];
    for (const value of values) {
      const cut = value.slice(0, budget);
      truncated ||= cut.length < value.length;
      if (budget > 0) keptValues.push(cut);
      budget -= cut.length;
    }
    if (keptValues.length > 0 || values.length === 0) kept[name] = keptValues;
    else truncated = true;
  }
  return { kept, truncated };
}

/** When SSM says the automation ended, if that is a time within the step's run; else now. */
function endTime(
  step: ExecutionAutomationStep,
  observation: AutomationExecutionObservation,
  now: string,
): string {
  const ended = recordedTimeMillis(observation.endedAt);
  const started = recordedTimeMillis(step.startedAt) ?? 0;
  return ended !== undefined && ended >= started && ended <= Date.parse(now)
    ? toIsoTime(new Date(ended))
    : now;
}

function applyObservation(
  step: ExecutionAutomationStep,
  observation: AutomationExecutionObservation,
  now: string,
) {
  step.automationStatus = observation.status;
  if (observation.outputs) {
    const { kept, truncated } = boundedOutputs(observation.outputs);
    step.outputs = kept;
    if (truncated) step.outputsTruncated = true;
  }
  const outcome = automationOutcome(observation.status);
  if (step.status !== 'RUNNING' || outcome === undefined) return;
  const message = observation.failureMessage?.slice(
    0,
    MAX_FAILURE_MESSAGE_CHARACTERS,
  );
  const reason =
    outcome === 'SUCCEEDED'
      ? undefined
      : `SSM automation ${step.automationExecutionId} ended ${
          observation.status
        }${message ? `: ${message}` : ''}`;
  endStep(step, outcome, reason, endTime(step, observation, now));
}

/** Records what SSM reports of the steps' automations; a running step whose automation ended ends with it. */
export function applyAutomationObservations(
  execution: Execution,
  observations: Record<string, AutomationExecutionObservation> | undefined,
  now: string,
) {
  for (const wave of observations ? execution.waves : []) {
    for (const step of stepsOf(wave)) {
      const observation =
        step.type === 'automation' && step.automationExecutionId
          ? observations![step.automationExecutionId]
          : undefined;
      if (step.type === 'automation' && observation) {
        applyObservation(step, observation, now);
      }
    }
  }
}

/** Ends the stops SSM has seen through, and gives up on those it has not confirmed in time. */
export function advanceStops(execution: Execution, now: Date) {
  const nowIso = toIsoTime(now);
  for (const step of execution.waves.flatMap(stepsOf)) {
    if (!isStopping(step)) continue;
    if (automationOutcome(step.automationStatus) !== undefined) {
      step.stoppedAt = nowIso;
    } else if (
      now.getTime() - Date.parse(step.stopRequestedAt!) >=
      STOP_CONFIRM_SECONDS * 1000
    ) {
      step.stoppedAt = nowIso;
      step.failureReason = `${step.failureReason}; SSM did not confirm within ${
        STOP_CONFIRM_SECONDS / 60
      } minutes that automation ${step.automationExecutionId} stopped`;
    }
  }
}

function startCommand(
  execution: Execution,
  waveIndex: number,
  stepIndex: number,
  step: ExecutionAutomationStep,
  adoptExisting: boolean,
): StartAutomationCommand {
  const wave = execution.waves[waveIndex];
  return {
    type: 'START_AUTOMATION',
    waveIndex,
    stepIndex,
    documentName: step.documentName,
    ...(step.documentVersion === undefined
      ? {}
      : { documentVersion: step.documentVersion }),
    parameters: {
      ...step.parameters,
      ...(step.instanceIdsParameter === undefined
        ? {}
        : { [step.instanceIdsParameter]: step.instanceIds ?? [] }),
    },
    clientToken: step.clientToken!,
    tags: {
      [START_WAVE_TAG_EXECUTION_ID]: execution.executionId,
      [START_AUTOMATION_TAG_STEP]: `${waveIndex}/${step.phase}/${indexInPhase(
        wave,
        step,
      )}`,
    },
    adoptExisting,
  };
}

/**
 * The SSM calls the decided state needs: START_AUTOMATION for every running step with an
 * intent and no automation ID yet (a repeat, `adoptExisting`, when `before` had the intent
 * already), STOP_AUTOMATION for every stop SSM does not yet show under way.
 */
export function automationCommands(
  before: Execution,
  after: Execution,
): EngineCommand[] {
  const commands: EngineCommand[] = [];
  after.waves.forEach((wave, waveIndex) => {
    stepsOf(wave).forEach((step, stepIndex) => {
      if (step.type !== 'automation') return;
      if (
        step.status === 'RUNNING' &&
        step.intentAt !== undefined &&
        step.automationExecutionId === undefined
      ) {
        const earlier = stepsOf(before.waves[waveIndex])[stepIndex];
        const adoptExisting =
          earlier?.type === 'automation' && earlier.intentAt !== undefined;
        commands.push(
          startCommand(after, waveIndex, stepIndex, step, adoptExisting),
        );
      } else if (
        isStopping(step) &&
        step.automationExecutionId !== undefined &&
        step.automationStatus !== 'Cancelling'
      ) {
        commands.push({
          type: 'STOP_AUTOMATION',
          waveIndex,
          stepIndex,
          automationExecutionId: step.automationExecutionId,
        });
      }
    });
  });
  return commands;
}
