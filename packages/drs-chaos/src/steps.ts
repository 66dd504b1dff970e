/*
 * The steps around the chaos run's waves: SSM automations before and after a wave (which
 * succeed, fail or hang by the simulator's faults), and waits. Each automation step carries its
 * own identity as a parameter (`Step`), so that SSM's record of the automations it started is a
 * witness of exactly-once that owes nothing to the engine's ClientTokens.
 */
import type {
  AutomationOutcome,
  InventoryAutomationDocument,
} from '@drs-orchestration/drs-simulator';
import { Dice } from '@drs-orchestration/drs-simulator';
import { PlanStep, StepPhase } from '@drs-orchestration/plugin-drs-common';

/** The runbooks of the run, by what they do. */
export const DOCUMENTS = {
  /** Succeeds (e.g. promote the database replica). */
  prepare: 'Chaos-Prepare',
  /** Succeeds, given the wave's instance IDs (e.g. a smoke test of the instances). */
  verify: 'Chaos-Verify',
  /** Fails, by the simulator's `automationFaults`. */
  flaky: 'Chaos-Flaky',
  /** Runs until it is stopped, by the simulator's `automationFaults`. */
  hang: 'Chaos-Hang',
} as const;
export type ChaosDocument = (typeof DOCUMENTS)[keyof typeof DOCUMENTS];

/** The parameter that names the step an automation was started for. */
export const STEP_PARAMETER = 'Step';
const INSTANCE_IDS_PARAMETER = 'InstanceIds';

/** Runs of 60–120 simulated seconds: a fraction of a second at the run's DRS speed. */
export function automationDocuments(): InventoryAutomationDocument[] {
  return [
    { name: DOCUMENTS.prepare, durationSeconds: 60 },
    {
      name: DOCUMENTS.verify,
      durationSeconds: 120,
      outputs: { 'Verify.Checked': `{{ ${INSTANCE_IDS_PARAMETER} }}` },
    },
    // Both succeed by their documents: the faults make one fail and the other hang.
    { name: DOCUMENTS.flaky, durationSeconds: 60 },
    { name: DOCUMENTS.hang, durationSeconds: 60 },
  ];
}

export const AUTOMATION_FAULTS: Record<string, AutomationOutcome> = {
  [DOCUMENTS.flaky]: 'fail',
  [DOCUMENTS.hang]: 'hang',
};

/** A step as the run plans it. */
export type StepPlan =
  | {
      kind: 'automation';
      name: string;
      document: ChaosDocument;
      onFailure: 'fail' | 'continue';
      timeoutSeconds?: number;
      /** The step receives the wave's EC2 instance IDs (after steps only). */
      instanceIds?: boolean;
    }
  | { kind: 'wait'; name: string; seconds: number };

export interface WaveSteps {
  before: StepPlan[];
  after: StepPlan[];
}

/** What the dice put around one wave. */
export interface StepDraw {
  /** This wave's failing step (onFailure `fail`), last of its phase: the execution fails there. */
  failingPhase?: StepPhase;
  /** A step that hangs until the execution is cancelled, first before the launch. */
  holdForCancel?: boolean;
}

const automation = (
  name: string,
  document: ChaosDocument,
  onFailure: 'fail' | 'continue' = 'fail',
  extra: { timeoutSeconds?: number; instanceIds?: boolean } = {},
): StepPlan => ({ kind: 'automation', name, document, onFailure, ...extra });

/** Long enough for any cancel to land while it runs; short of the run's deadline. */
const HOLD_TIMEOUT_SECONDS = 120;
/** A hung automation is stopped at its step's timeout (the shortest a plan allows). */
const HANG_TIMEOUT_SECONDS = 10;

/** The steps of one wave: a third get a before automation, most an after step of some kind. */
export function drawWaveSteps(dice: Dice, draw: StepDraw): WaveSteps {
  const before: StepPlan[] = [];
  const after: StepPlan[] = [];
  if (draw.holdForCancel) {
    before.push(
      automation('hold', DOCUMENTS.hang, 'fail', {
        timeoutSeconds: HOLD_TIMEOUT_SECONDS,
      }),
    );
  }
  if (dice.next() < 0.35) before.push(automation('prepare', DOCUMENTS.prepare));
  const roll = dice.next();
  if (roll < 0.3) {
    after.push(
      automation('verify', DOCUMENTS.verify, 'fail', { instanceIds: true }),
    );
  } else if (roll < 0.45) {
    after.push(automation('flaky', DOCUMENTS.flaky, 'continue'));
  } else if (roll < 0.55) {
    after.push({ kind: 'wait', name: 'settle', seconds: 1 });
  } else if (roll < 0.6) {
    after.push(
      automation('stuck', DOCUMENTS.hang, 'continue', {
        timeoutSeconds: HANG_TIMEOUT_SECONDS,
      }),
    );
  }
  if (draw.failingPhase) {
    (draw.failingPhase === 'before' ? before : after).push(
      automation('gate', DOCUMENTS.flaky, 'fail'),
    );
  }
  return { before, after };
}

/** The `Step` parameter of a step's automation: plan, wave, phase and step, as SSM records it. */
export function stepKey(
  plan: string,
  wave: string,
  phase: StepPhase,
  step: string,
): string {
  return `${plan}/${wave}/${phase}/${step}`;
}

/** The steps of a phase as the plan API takes them. */
export function planStepsOf(
  plan: string,
  wave: string,
  phase: StepPhase,
  steps: StepPlan[],
): PlanStep[] {
  return steps.map(step =>
    step.kind === 'wait'
      ? { type: 'wait', name: step.name, seconds: step.seconds }
      : {
          type: 'automation',
          name: step.name,
          documentName: step.document,
          parameters: {
            [STEP_PARAMETER]: [stepKey(plan, wave, phase, step.name)],
          },
          onFailure: step.onFailure,
          ...(step.timeoutSeconds === undefined
            ? {}
            : { timeoutSeconds: step.timeoutSeconds }),
          ...(step.instanceIds
            ? { instanceIdsParameter: INSTANCE_IDS_PARAMETER }
            : {}),
        },
  );
}
