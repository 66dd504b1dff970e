/*
 * Plans with steps for the engine benchmark: each wave runs an SSM automation before its launch
 * and waits a second after it, as a runbook that promotes a database and lets DNS settle would.
 */
import type { InventoryAutomationDocument } from '@drs-orchestration/drs-simulator';
import {
  ExecutionWave,
  PlanStep,
  StepPhase,
} from '@drs-orchestration/plugin-drs-common';
import { randomUUID } from 'crypto';

export const BENCH_DOCUMENT = 'Bench-Prepare';
/** Simulated seconds an automation runs (Pending, then InProgress), well within one `advance`. */
export const BENCH_AUTOMATION_SECONDS = 60;
/** The after step's wait, in real seconds (the engine's clock is the real one). */
export const BENCH_WAIT_SECONDS = 1;

/** The runbook the steps run, in the simulator's inventory. */
export const benchAutomationDocuments = (): InventoryAutomationDocument[] => [
  { name: BENCH_DOCUMENT, durationSeconds: BENCH_AUTOMATION_SECONDS },
];

/** Each wave's steps: a before automation and an after wait. */
export function benchWaveSteps(
  entityRef: string,
  wave: string,
): Record<StepPhase, PlanStep[]> {
  return {
    before: [
      {
        type: 'automation',
        name: 'prepare',
        documentName: BENCH_DOCUMENT,
        parameters: { Service: [entityRef], Wave: [wave] },
      },
    ],
    after: [{ type: 'wait', name: 'settle', seconds: BENCH_WAIT_SECONDS }],
  };
}

/** The wave's before steps as the engine leaves them once their automations succeeded. */
export function beforeStepsSucceeded(wave: ExecutionWave, at: string) {
  for (const step of wave.steps ?? []) {
    if (step.phase !== 'before') continue;
    step.status = 'SUCCEEDED';
    step.startedAt = at;
    step.endedAt = at;
    step.deadlineAt = new Date(
      Date.parse(at) + step.timeoutSeconds * 1000,
    ).toISOString();
    if (step.type === 'automation') {
      step.intentAt = at;
      step.clientToken = randomUUID();
      step.automationExecutionId = randomUUID();
      step.automationStatus = 'Success';
    }
  }
}
