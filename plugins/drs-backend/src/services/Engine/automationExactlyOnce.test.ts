import { ExecutionAutomationStep } from '@drs-orchestration/plugin-drs-common';
import {
  EngineHarness,
  isDone,
  startEngineHarness,
  tieredInventory,
} from '../../__testUtils__/engineHarness';
import { SsmGateway } from '../SsmGateway/types';

jest.setTimeout(60_000);

const DOCUMENT = 'Shop-Prepare';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness({
    inventory: tieredInventory(['shop'], ['db', 'app']),
  });
  h.simulator.defineAutomationDocuments([
    { name: DOCUMENT, durationSeconds: 60 },
  ]);
});
afterEach(() => h.stop());

/** A drill of two waves, db then app, each with an automation before and after it. */
async function startDrill() {
  const { owner, tier } = await h.tierPlan('shop', ['db', 'app']);
  const step = (name: string) => ({
    type: 'automation' as const,
    name,
    documentName: DOCUMENT,
    parameters: { Step: [name] },
  });
  const plan = await h.createPlan(
    owner,
    ['db', 'app'].map(name => ({
      name,
      servers: tier(name),
      before: [step(`${name} before`)],
      after: [step(`${name} after`)],
    })),
  );
  const { execution } = await h.service.start(owner, {
    planId: plan.planId,
    mode: 'DRILL',
    by: 'user:default/test',
  });
  return execution;
}

/** The automation steps of the execution now. */
async function automationSteps(executionId: string) {
  const execution = await h.executions.get(executionId);
  return execution.waves.flatMap(w => w.steps as ExecutionAutomationStep[]);
}

/**
 * Every step ran exactly one automation, the one recorded on it: SSM started one run per
 * ClientToken (its log), and no run without the token of a step.
 */
async function expectOneAutomationPerStep(executionId: string) {
  const steps = await automationSteps(executionId);
  expect(steps.map(s => s.status)).toEqual(steps.map(() => 'SUCCEEDED'));
  const calls = h.simulator.calls();
  const tokens = steps.map(s => s.clientToken!.toLowerCase());
  expect(Object.keys(calls.automationsByClientToken).sort()).toEqual(
    [...tokens].sort(),
  );
  expect(Object.values(calls.automationsByClientToken)).toEqual(
    tokens.map(() => 1),
  );
  expect(calls.automationsByDocument).toEqual({ [DOCUMENT]: steps.length });
  const runs = h.simulator.state().accounts[0].automations;
  for (const step of steps) {
    expect(
      runs.find(r => r.automationExecutionId === step.automationExecutionId)
        ?.clientToken,
    ).toBe(step.clientToken!.toLowerCase());
  }
}

/** The harness's SSM gateway with its start replaced. */
function ssmWithStart(
  start: SsmGateway['startAutomationExecution'],
): SsmGateway {
  return { ...h.ssm, startAutomationExecution: start };
}

describe('automation steps start exactly once', () => {
  it('starts the automation of a step whose engine died after the intent, before the call', async () => {
    const execution = await startDrill();
    const dying = h.newEngine({
      ssm: ssmWithStart(async () => {
        throw new Error('process killed before StartAutomationExecution');
      }),
    });
    await dying.runCycle();
    const [intended] = await automationSteps(execution.executionId);
    expect(intended).toMatchObject({ status: 'RUNNING' });
    expect(intended.intentAt).toBeDefined();
    expect(intended.automationExecutionId).toBeUndefined();
    expect(h.simulator.calls().automationsByDocument).toEqual({});

    const finished = await h.runUntil(execution.executionId, isDone);
    expect(finished.status).toBe('COMPLETED');
    await expectOneAutomationPerStep(execution.executionId);
  });

  it('adopts the automation SSM started when its answer was lost (a 500 after the start)', async () => {
    const execution = await startDrill();
    h.simulator.setFaults({ internalErrorAfterCommitShare: 1 });
    await h.engine.runCycle();
    h.simulator.setFaults({ internalErrorAfterCommitShare: 0 });
    const lost = await h.executions.get(execution.executionId);
    expect(lost.polling.lastError).toMatch(/^InternalServerError/);
    expect(lost.waves[0].steps![0]).not.toHaveProperty('automationExecutionId');
    // SSM ran the step once, however often the SDK retried the call.
    expect(h.simulator.calls().automationsByDocument).toEqual({
      [DOCUMENT]: 1,
    });

    const finished = await h.runUntil(execution.executionId, isDone);
    expect(finished.status).toBe('COMPLETED');
    await expectOneAutomationPerStep(execution.executionId);
  });

  it('adopts the automation when the engine died between the call and recording its answer', async () => {
    const execution = await startDrill();
    const started: string[] = [];
    const crashing = h.newEngine({
      ssm: ssmWithStart(async (location, request) => {
        started.push(
          (await h.ssm.startAutomationExecution(location, request))
            .automationExecutionId,
        );
        throw new Error('process killed after StartAutomationExecution');
      }),
    });
    await crashing.runCycle();
    expect(started).toHaveLength(1);

    const finished = await h.runUntil(execution.executionId, isDone);
    expect(finished.status).toBe('COMPLETED');
    expect(
      (await automationSteps(execution.executionId))[0].automationExecutionId,
    ).toBe(started[0]);
    await expectOneAutomationPerStep(execution.executionId);
  });

  it('starts each step once when two engines race on the same versions', async () => {
    const execution = await startDrill();
    const second = h.newEngine();
    for (let i = 0; i < 80; i++) {
      await Promise.all([h.engine.runCycle(), second.runCycle()]);
      if (isDone(await h.executions.get(execution.executionId))) break;
      h.advance(30);
    }
    expect((await h.executions.get(execution.executionId)).status).toBe(
      'COMPLETED',
    );
    await expectOneAutomationPerStep(execution.executionId);
  });

  it('fails the step SSM refuses for good, having started nothing', async () => {
    const execution = await startDrill();
    h.simulator.defineAutomationDocuments([
      {
        name: DOCUMENT,
        parameters: { Environment: { required: true } },
      },
    ]);
    const finished = await h.runUntil(execution.executionId, isDone);

    expect(finished.status).toBe('FAILED');
    const [step] = await automationSteps(execution.executionId);
    expect(step.status).toBe('FAILED');
    expect(step.failureReason).toMatch(
      /^SSM refused to start the automation: InvalidAutomationExecutionParametersException: .*Environment/,
    );
    expect(step.automationExecutionId).toBeUndefined();
    expect(h.simulator.calls().automationsByDocument).toEqual({});
    expect(finished.waves[0].jobId).toBeUndefined();
  });
});
