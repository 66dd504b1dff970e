import {
  Execution,
  ExecutionAutomationStep,
  ExecutionWave,
  PlanStep,
} from '@drs-orchestration/plugin-drs-common';
import {
  EngineHarness,
  isDone,
  startEngineHarness,
  TestWave,
  tieredInventory,
} from '../../__testUtils__/engineHarness';

// Each test drives whole drills through real servers; a loaded 2-core machine needs more than 5 s.
jest.setTimeout(60_000);

const DRAIN = 'Shop-DrainTraffic';
const WARM_UP = 'Shop-WarmUp';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness({
    inventory: tieredInventory(['shop'], ['db', 'app']),
  });
  h.simulator.defineAutomationDocuments([
    {
      name: DRAIN,
      parameters: { Environment: { required: true } },
      outputs: { 'Drain.Summary': 'drained {{ Environment }}' },
      durationSeconds: 60,
      failureMessage: 'Target group still has 3 healthy targets',
    },
    { name: WARM_UP, durationSeconds: 60 },
  ]);
});
afterEach(() => h.stop());

const drain = (step: Partial<PlanStep> = {}): PlanStep =>
  ({
    type: 'automation',
    name: 'drain',
    documentName: DRAIN,
    parameters: { Environment: ['drill'] },
    ...step,
  } as PlanStep);

const warmUp: PlanStep = {
  type: 'automation',
  name: 'warm up',
  documentName: WARM_UP,
  instanceIdsParameter: 'InstanceIds',
};

/** A drill of shop's db tier in one wave, plus `wave`, started as a person starts it. */
async function startDrill(
  wave: Partial<TestWave>,
  plan: Parameters<EngineHarness['createPlan']>[2] = {},
) {
  const { owner, tier } = await h.tierPlan('shop', ['db']);
  const created = await h.createPlan(
    owner,
    [{ name: 'db', servers: tier('db'), ...wave }],
    plan,
  );
  const { execution } = await h.service.start(owner, {
    planId: created.planId,
    mode: 'DRILL',
    by: 'user:default/test',
  });
  return { owner, execution, servers: tier('db') };
}

const automationStep = (wave: ExecutionWave, name: string) =>
  wave.steps!.find(s => s.name === name) as ExecutionAutomationStep;
const automationsInSsm = () => h.simulator.state().accounts[0].automations;
const ms = (instant: string | undefined) => Date.parse(instant!);

describe('steps around a wave, through SSM and EC2 on the simulator', () => {
  it('runs the before automation, the launch, the health gate and the after automation in that order', async () => {
    const { owner, execution, servers } = await startDrill({
      waitFor: 'HEALTHY',
      before: [drain()],
      after: [warmUp],
    });
    const finished = await h.runUntil(execution.executionId, isDone);

    expect(finished.status).toBe('COMPLETED');
    const [wave] = finished.waves;
    const before = automationStep(wave, 'drain');
    const after = automationStep(wave, 'warm up');
    expect([before.status, after.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(before.outputs).toEqual({ 'Drain.Summary': ['drained drill'] });

    // The launch follows the before step, as DRS recorded it.
    const [job] = await h.gateway.describeJobsSince(
      owner.location,
      execution.createdAt,
    );
    expect(job.jobId).toBe(wave.jobId);
    expect(ms(before.endedAt)).toBeLessThanOrEqual(ms(wave.launchIntentAt));
    expect(ms(job.creationDateTime)).toBeGreaterThanOrEqual(ms(before.endedAt));
    // Both status checks ok on every server before the after step started.
    for (const server of wave.servers) {
      expect(server.status).toBe('HEALTHY');
      expect(server.statusChecks).toMatchObject({
        instance: 'ok',
        system: 'ok',
      });
      expect(ms(server.healthyAt)).toBeLessThanOrEqual(ms(after.startedAt));
    }
    expect(ms(wave.recoveredAt)).toBeLessThanOrEqual(ms(after.startedAt));
    expect(ms(after.endedAt)).toBeLessThanOrEqual(ms(wave.endedAt));

    // SSM's log: one run per step, in that order, the after step given the wave's instances.
    const runs = automationsInSsm();
    expect(runs.map(r => [r.documentName, r.status])).toEqual([
      [DRAIN, 'Success'],
      [WARM_UP, 'Success'],
    ]);
    expect(runs.map(r => r.automationExecutionId)).toEqual([
      before.automationExecutionId,
      after.automationExecutionId,
    ]);
    expect(ms(runs[0].endTime)).toBeLessThanOrEqual(ms(job.creationDateTime));
    expect(ms(runs[1].startTime)).toBeGreaterThanOrEqual(
      Math.max(...wave.servers.map(s => ms(s.healthyAt))),
    );
    expect(runs[1].parameters.InstanceIds.sort()).toEqual(
      wave.servers.map(s => s.ec2InstanceId!).sort(),
    );
    const calls = h.simulator.calls();
    expect(Object.values(calls.automationsByClientToken)).toEqual([1, 1]);
    expect(calls.byOperation.DescribeInstanceStatus).toBeGreaterThan(0);
    expect(calls.byOperation.GetAutomationExecution).toBeGreaterThan(0);
    for (const server of servers) {
      expect(calls.launchesBySourceServer[server.sourceServerId]).toBe(1);
    }
  });

  it("fails the wave with the runbook's message when a step fails, and launches nothing", async () => {
    h.simulator.setFaults({ automationFaults: { [DRAIN]: 'fail' } });
    const { execution, servers } = await startDrill({ before: [drain()] });
    const finished = await h.runUntil(execution.executionId, isDone);

    expect(finished.status).toBe('FAILED');
    const [wave] = finished.waves;
    expect(wave.status).toBe('FAILED');
    expect(automationStep(wave, 'drain').status).toBe('FAILED');
    expect(wave.failureReason).toContain(
      'Target group still has 3 healthy targets',
    );
    for (const server of servers) {
      expect(
        h.simulator.calls().launchesBySourceServer[server.sourceServerId],
      ).toBeUndefined();
    }
  });

  it('goes on past a failed step whose onFailure is continue', async () => {
    h.simulator.setFaults({ automationFaults: { [DRAIN]: 'fail' } });
    const { execution } = await startDrill({
      before: [drain({ onFailure: 'continue' })],
    });
    const finished = await h.runUntil(execution.executionId, isDone);

    expect(finished.status).toBe('COMPLETED');
    const step = automationStep(finished.waves[0], 'drain');
    expect(step.status).toBe('FAILED');
    expect(step.failureReason).toContain(
      'Target group still has 3 healthy targets',
    );
    expect(finished.waves[0].jobId).toMatch(/^drsjob-/);
  });

  it('times out a hanging automation and has SSM stop it', async () => {
    h.simulator.setFaults({ automationFaults: { [DRAIN]: 'hang' } });
    const { execution } = await startDrill({
      before: [drain({ timeoutSeconds: 120 })],
    });
    const finished = await h.runUntil(execution.executionId, isDone);

    expect(finished.status).toBe('FAILED');
    const step = automationStep(finished.waves[0], 'drain');
    expect(step.status).toBe('TIMED_OUT');
    expect(ms(step.endedAt) - ms(step.startedAt)).toBeGreaterThanOrEqual(
      120_000,
    );
    expect(step.stopRequestedAt).toBeDefined();
    const stopped = await h.runUntil(
      execution.executionId,
      e => automationStep(e.waves[0], 'drain').stoppedAt !== undefined,
    );
    expect(automationStep(stopped.waves[0], 'drain').stoppedAt).toBeDefined();
    expect(automationsInSsm().map(r => r.status)).toEqual(['Cancelled']);
    expect(h.simulator.calls().byOperation.StopAutomationExecution).toBe(1);
    // Stopped and seen ended: the engine no longer visits the execution.
    expect(
      (await h.executions.listForEngine()).map(e => e.executionId),
    ).not.toContain(execution.executionId);
  });

  it('stops a running automation when the execution is cancelled, even once it has ended', async () => {
    const { execution } = await startDrill({
      before: [drain({ timeoutSeconds: 3600 })],
    });
    h.simulator.setFaults({ automationFaults: { [DRAIN]: 'hang' } });
    await h.runUntil(
      execution.executionId,
      e =>
        automationStep(e.waves[0], 'drain').automationStatus === 'InProgress',
    );
    await h.service.control(
      execution.executionId,
      { action: 'cancel' },
      'user:default/test',
    );
    const cancelled = await h.runUntil(execution.executionId, isDone, {
      secondsPerCycle: 1,
      cycles: 2,
    });
    expect(cancelled.status).toBe('CANCELLED');
    expect(automationStep(cancelled.waves[0], 'drain').status).toBe(
      'CANCELLED',
    );

    const seenStopped = await h.runUntil(
      execution.executionId,
      e => automationStep(e.waves[0], 'drain').stoppedAt !== undefined,
    );
    expect(automationStep(seenStopped.waves[0], 'drain').automationStatus).toBe(
      'Cancelled',
    );
    expect(automationsInSsm().map(r => r.status)).toEqual(['Cancelled']);
    expect(seenStopped.waves[0].jobId).toBeUndefined();
  });

  it('decides a settled execution again when a wait step ends, without waiting for the heartbeat', async () => {
    const { execution } = await startDrill({
      before: [{ type: 'wait', name: 'settle DNS', seconds: 20 }],
    });
    await h.engine.runCycle(); // starts the wait
    expect(await h.engine.runCycle()).toMatchObject({
      decided: 1,
      written: 0,
    });
    h.advance(10);
    expect(await h.engine.runCycle()).toMatchObject({ decided: 0 });

    h.advance(10); // the wait's end, long before the 60 s heartbeat
    expect(await h.engine.runCycle()).toMatchObject({
      decided: 1,
      written: 1,
    });
    const after = await h.executions.get(execution.executionId);
    expect(after.waves[0].steps![0].status).toBe('SUCCEEDED');
    expect(after.waves[0].launchIntentAt).toBeDefined();
  });
});

describe('the health gate, by EC2 status checks', () => {
  it('fails the wave of a server whose instance status check stays impaired, naming the check', async () => {
    const { execution, servers } = await startDrill({
      waitFor: 'HEALTHY',
      healthTimeoutSeconds: 600,
      after: [warmUp],
    });
    h.simulator.setFaults({
      failStatusChecks: { [servers[0].hostname]: 'instance' },
    });
    const finished = await h.runUntil(execution.executionId, isDone);

    expect(finished.status).toBe('FAILED');
    const [wave] = finished.waves;
    const failed = wave.servers.find(s => s.hostname === servers[0].hostname)!;
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toBe(
      `Not healthy within the 600 s health timeout: instance status check impaired (${failed.ec2InstanceId})`,
    );
    expect(wave.failureReason).toContain('instance status check impaired');
    expect(
      wave.servers.find(s => s.hostname === servers[1].hostname)?.status,
    ).toBe('HEALTHY');
    // The after step never ran: the wave failed at its gate.
    expect(automationStep(wave, 'warm up').status).toBe('SKIPPED');
    expect(automationsInSsm()).toEqual([]);
  });

  it('does not rewrite an execution whose status checks EC2 reports unchanged', async () => {
    const { execution, servers } = await startDrill({
      waitFor: 'HEALTHY',
      healthTimeoutSeconds: 600,
    });
    h.simulator.setFaults({
      failStatusChecks: Object.fromEntries(
        servers.map(server => [server.hostname, 'system']),
      ),
    });
    await h.runUntil(execution.executionId, e =>
      e.waves[0].servers.every(s => s.statusChecks?.system === 'impaired'),
    );
    h.advance(61); // the heartbeat: written, so decided again next cycle
    expect(await h.engine.runCycle()).toMatchObject({ written: 1 });
    const seen = await h.executions.get(execution.executionId);

    // Still impaired: recording them again would only move the time they were seen, and each
    // such write would make the next cycle decide (and write) again.
    h.advance(5);
    expect(await h.engine.runCycle()).toMatchObject({ written: 0 });
    h.advance(5);
    expect(await h.engine.runCycle()).toMatchObject({ written: 0 });
    const after = await h.executions.get(execution.executionId);
    expect(after.version).toBe(seen.version);
    expect(after.waves[0].servers.map(s => s.status)).toEqual([
      'LAUNCHED',
      'LAUNCHED',
    ]);
  });

  it('leaves out an instance EC2 does not have instead of failing the whole batch', async () => {
    const { execution } = await startDrill({});
    const finished: Execution = await h.runUntil(execution.executionId, isDone);
    const instanceIds = finished.waves[0].servers.map(s => s.ec2InstanceId!);
    const statuses = await h.ec2.describeInstanceStatus(
      { region: finished.region },
      [...instanceIds, 'i-00000000000000000'],
    );
    expect(statuses.map(s => s.ec2InstanceId).sort()).toEqual(
      [...instanceIds].sort(),
    );
  });
});
