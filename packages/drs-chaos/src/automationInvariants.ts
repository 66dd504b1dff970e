/*
 * Automation steps exactly once: SSM's record of the automations it started (the simulator's
 * state, read after the engines stopped) is the witness. Each automation carries its step's
 * identity as its `Step` parameter, so two automations for one step show however they came
 * about (a lost intent, a new ClientToken on a retry). A repeated call that SSM answered with
 * the automation its ClientToken had already started is not a second start.
 */
import type {
  AutomationStatus,
  SimulatorCallLog,
  SimulatorState,
} from '@drs-orchestration/drs-simulator';
import {
  Execution,
  ExecutionStep,
  StepPhase,
} from '@drs-orchestration/plugin-drs-common';
import { ExecutionPlan, Expectation, isStepFailure } from './scenario';
import { DOCUMENTS, STEP_PARAMETER, StepPlan, stepKey } from './steps';

/** One automation SSM started, as its state shows it after the run. */
export interface AutomationWitness {
  automationExecutionId: string;
  documentName: string;
  status: AutomationStatus;
  clientToken?: string;
}

/** The automations SSM started, by the step named in their `Step` parameter. */
export function automationsByStep(
  accounts: SimulatorState['accounts'],
): Map<string, AutomationWitness[]> {
  const byStep = new Map<string, AutomationWitness[]>();
  for (const automation of accounts.flatMap(a => a.automations)) {
    const key = automation.parameters[STEP_PARAMETER]?.[0] ?? '(no Step)';
    byStep.set(key, [
      ...(byStep.get(key) ?? []),
      {
        automationExecutionId: automation.automationExecutionId,
        documentName: automation.documentName,
        status: automation.status,
        clientToken: automation.clientToken,
      },
    ]);
  }
  return byStep;
}

const ENDED: AutomationStatus[] = [
  'Success',
  'Failed',
  'TimedOut',
  'Cancelled',
];

/**
 * Whether the step's automation must have been started (true) or never (false); undefined
 * after a cancel, which may come before or after any step. Without a cancel, every step of the
 * waves before the failing one runs, and of the failing wave those of its phases up to the
 * failure (a failing step is the last of its phase; a failing server fails the launch).
 */
function mustRun(
  plan: ExecutionPlan,
  expectation: Expectation,
  waveIndex: number,
  phase: StepPhase,
): boolean | undefined {
  if (expectation.cancelled) return undefined;
  const { failure } = plan;
  if (!failure || waveIndex < failure.wave) return true;
  if (waveIndex > failure.wave) return false;
  return (
    phase === 'before' || (isStepFailure(failure) && failure.step === 'after')
  );
}

/** The status a step whose automation SSM ran may end in, by its runbook. */
function outcomesOf(step: StepPlan): ExecutionStep['status'][] {
  if (step.kind !== 'automation') return [];
  const interrupted: ExecutionStep['status'][] = ['CANCELLED', 'SKIPPED'];
  if (step.document === DOCUMENTS.flaky) return ['FAILED', ...interrupted];
  if (step.document === DOCUMENTS.hang) return ['TIMED_OUT', ...interrupted];
  return ['SUCCEEDED', ...interrupted];
}

/**
 * A step interrupted (timed out, cancelled) before any engine recorded SSM's answer to its
 * start: the engine has no ID to stop, and says so (interruptStep in the engine's decisions).
 */
export function isUnconfirmed(step: ExecutionStep | undefined): boolean {
  return (
    step?.type === 'automation' &&
    step.automationExecutionId === undefined &&
    /SSM never confirmed the start/.test(step.failureReason ?? '')
  );
}

const describe = (automations: AutomationWitness[]) =>
  automations
    .map(
      a =>
        `${a.automationExecutionId} (${a.status}, ClientToken ${
          a.clientToken ?? 'none'
        })`,
    )
    .join(', ') || 'none';

function checkStep(
  recorded: ExecutionStep | undefined,
  started: AutomationWitness[],
  mustHaveRun: boolean | undefined,
): string[] {
  const found: string[] = [];
  if (started.length > 1) {
    found.push(
      `started ${
        started.length
      } automations in SSM, one step must start one: ${describe(started)}`,
    );
  }
  if (mustHaveRun === true && started.length === 0) {
    found.push('must have run, but SSM started no automation for it');
  }
  if (mustHaveRun === false && started.length > 0) {
    found.push(`must never have run; SSM started ${describe(started)}`);
  }
  const recordedId =
    recorded?.type === 'automation'
      ? recorded.automationExecutionId
      : undefined;
  if (
    recordedId &&
    !started.some(a => a.automationExecutionId === recordedId)
  ) {
    found.push(
      `records automation ${recordedId}, but SSM started ${describe(
        started,
      )} for it`,
    );
  }
  if (
    started.length > 0 &&
    (recorded?.type !== 'automation' || recorded.intentAt === undefined)
  ) {
    found.push(
      `has no intent recorded, yet SSM started ${describe(started)} for it`,
    );
  }
  return found.map(text => `[exactly once] ${text}`);
}

function checkOutcome(
  step: StepPlan,
  recorded: ExecutionStep | undefined,
  started: AutomationWitness[],
): string[] {
  const found: string[] = [];
  if (
    started.length > 0 &&
    recorded &&
    recorded.status !== 'PENDING' &&
    !outcomesOf(step).includes(recorded.status)
  ) {
    found.push(
      `[step outcome] ended ${recorded.status}: a ${
        step.kind === 'automation' ? step.document : step.kind
      } step may end ${outcomesOf(step).join(' or ')}`,
    );
  }
  const running = started.filter(a => !ENDED.includes(a.status));
  if (running.length > 0 && !isUnconfirmed(recorded)) {
    found.push(
      `[stopped] SSM still runs ${describe(
        running,
      )} after the run: an interrupted step's automation must be stopped`,
    );
  }
  return found;
}

/** Every broken promise of the plan's automation steps, each naming its step. */
export function checkAutomationSteps(
  plan: ExecutionPlan,
  final: Execution,
  expectation: Expectation,
  automations: Map<string, AutomationWitness[]>,
): string[] {
  return plan.waves.flatMap((wave, waveIndex) =>
    (['before', 'after'] as const).flatMap(phase =>
      wave[phase]
        .filter(step => step.kind === 'automation')
        .flatMap(step => {
          const key = stepKey(plan.name, wave.name, phase, step.name);
          const started = automations.get(key) ?? [];
          const recorded = final.waves[waveIndex].steps?.find(
            s => s.name === step.name && s.phase === phase,
          );
          return [
            ...checkStep(
              recorded,
              started,
              mustRun(plan, expectation, waveIndex, phase),
            ),
            ...checkOutcome(step, recorded, started),
          ].map(violation =>
            violation.replace(
              '] ',
              `] step "${wave.name}/${phase}/${step.name}" ${
                recorded ? `(${recorded.status}) ` : ''
              }`,
            ),
          );
        }),
    ),
  );
}

/** Automations that carry no step of the run's plans: nothing else may start any. */
export function strayAutomations(
  plans: ExecutionPlan[],
  automations: Map<string, AutomationWitness[]>,
): string[] {
  const planned = new Set(
    plans.flatMap(plan =>
      plan.waves.flatMap(wave =>
        (['before', 'after'] as const).flatMap(phase =>
          wave[phase].map(step =>
            stepKey(plan.name, wave.name, phase, step.name),
          ),
        ),
      ),
    ),
  );
  return [...automations.entries()]
    .filter(([key]) => !planned.has(key))
    .map(
      ([key, started]) =>
        `[exactly once] SSM started ${describe(
          started,
        )} for "${key}", which no plan has`,
    );
}

/** The run's automation steps in one line: how many, how they ended, what SSM was asked. */
export function automationSummary(
  plans: ExecutionPlan[],
  finals: Execution[],
  automations: Map<string, AutomationWitness[]>,
  calls: SimulatorCallLog,
): string {
  const planned = plans.flatMap(plan =>
    plan.waves.flatMap(wave =>
      [...wave.before, ...wave.after].filter(s => s.kind === 'automation'),
    ),
  ).length;
  const byStatus: Record<string, number> = {};
  for (const step of finals.flatMap(f => f.waves.flatMap(w => w.steps ?? []))) {
    if (step.type === 'automation') {
      byStatus[step.status] = (byStatus[step.status] ?? 0) + 1;
    }
  }
  const started = [...automations.values()].flat();
  const reached = Object.values(calls.startAutomationByClientToken).reduce(
    (sum, n) => sum + n,
    0,
  );
  const steps = finals.flatMap(f => f.waves.flatMap(w => w.steps ?? []));
  const unconfirmed = steps.filter(isUnconfirmed).length;
  return `  SSM: ${planned} automation steps planned (${Object.entries(byStatus)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ')}); StartAutomationExecution ${
    calls.byOperation.StartAutomationExecution ?? 0
  } calls, ${reached} reached SSM and started ${started.length} automations (${
    reached - started.length
  } repeats answered with the automation their ClientToken had started); ${
    started.filter(a => a.status === 'Cancelled').length
  } stopped by StopAutomationExecution (${
    calls.byOperation.StopAutomationExecution ?? 0
  } calls); ${unconfirmed} steps interrupted before any engine recorded SSM's answer to their start (nothing to stop)`;
}
