import { Execution } from '@drs-orchestration/plugin-drs-common';
import { DEFAULT_LAUNCH_LEASE_SECONDS } from '@drs-orchestration/plugin-drs-common/engine';
import {
  EngineHarness,
  isDone,
  startEngineHarness,
  tieredInventory,
} from '../../__testUtils__/engineHarness';

const services = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
const inventory = tieredInventory(services, ['db', 'app', 'web']);

// Each test drives whole drills through real servers; a loaded 2-core machine needs more than 5 s.
jest.setTimeout(60_000);

describe('execution engine against dynalite and the DRS simulator', () => {
  let h: EngineHarness;

  beforeEach(async () => {
    h = await startEngineHarness({ inventory });
  });
  afterEach(async () => {
    await h.stop();
  });

  const threeWavePlan = (app: string, pauseBeforeWeb = false) =>
    h.tierPlan(app, ['db', 'app', 'web'], pauseBeforeWeb ? ['web'] : []);

  const launches = () => h.simulator.calls().launchesBySourceServer;

  /** A one-wave drill of two servers, 5 minutes' timeout, whose DRS job will hang. */
  async function startHungDrill() {
    const owner = h.entity('alpha', { Application: 'alpha' });
    const servers = await h.gateway.describeSourceServers(
      owner.location,
      owner.selector,
    );
    h.simulator.setFaults({ hangJobShare: 1 });
    const plan = await h.createPlan(
      owner,
      [{ name: 'all', servers: servers.slice(0, 2) }],
      { timeoutMinutes: 5 },
    );
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    return execution;
  }

  /** A drill of `app` run to its end, with a request to terminate its instances. */
  async function finishedDrillToTerminate(app: string) {
    const { owner, plan } = await threeWavePlan(app);
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    const startedAt = new Date(h.now().getTime() - 60_000).toISOString();
    await h.runUntil(execution.executionId, isDone);
    await h.service.control(
      execution.executionId,
      { action: 'terminate' },
      'user:default/test',
    );
    return { owner, execution, startedAt };
  }

  /** How the terminate request ended, and the TERMINATE jobs DRS has had since `startedAt`. */
  async function terminateOutcome(
    owner: { location: Parameters<typeof h.gateway.describeJobsSince>[0] },
    execution: Execution,
    startedAt: string,
  ) {
    const terminated = await h.runUntil(execution.executionId, e =>
      ['COMPLETED', 'FAILED'].includes(e.requests.terminate?.status ?? ''),
    );
    const terminateJobs = (
      await h.gateway.describeJobsSince(owner.location, startedAt)
    ).filter(job => job.type === 'TERMINATE');
    return {
      status: terminated.requests.terminate?.status,
      recordedJobId: terminated.requests.terminate?.jobId,
      terminateJobIds: terminateJobs.map(job => job.jobId),
    };
  }

  it('drives a 3-wave drill to COMPLETED, wave by wave, each server launched once', async () => {
    const { owner, plan, servers } = await threeWavePlan('alpha');
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    expect(execution.status).toBe('PENDING');

    const seen: string[] = [];
    const finished = await h.runUntil(execution.executionId, e => {
      seen.push(e.waves.map(w => w.status[0]).join(''));
      return isDone(e);
    });

    expect(finished.status).toBe('COMPLETED');
    expect(finished.endedAt).toBeDefined();
    expect(Date.parse(finished.endedAt!)).toBeGreaterThan(
      Date.parse(finished.startedAt!),
    );
    // waves ran in order: never a later wave started before an earlier one completed
    expect(seen).toContain('SPP');
    expect(seen).toContain('CSP');
    expect(seen).toContain('CCS');
    expect(seen.some(s => /^[PS]S/.test(s) || /^.[PS]S/.test(s))).toBe(false);
    for (const wave of finished.waves) {
      expect(wave.jobId).toMatch(/^drsjob-/);
      expect(
        wave.servers.every(
          s => s.status === 'LAUNCHED' || s.status === 'HEALTHY',
        ),
      ).toBe(true);
      expect(wave.servers.every(s => s.ec2InstanceId?.startsWith('i-'))).toBe(
        true,
      );
    }
    for (const server of servers)
      expect(launches()[server.sourceServerId]).toBe(1);
    expect(h.events).toEqual([
      { executionId: execution.executionId, event: 'COMPLETED' },
    ]);
  });

  it('fails the execution when a wave-2 server fails and never starts wave 3', async () => {
    const { owner, plan, tier } = await threeWavePlan('bravo');
    h.simulator.setFaults({
      failServers: { [tier('app')[1].hostname]: 'launch' },
    });
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    const finished = await h.runUntil(execution.executionId, isDone);

    expect(finished.status).toBe('FAILED');
    expect(finished.waves.map(w => w.status)).toEqual([
      'COMPLETED',
      'FAILED',
      'CANCELLED',
    ]);
    const failed = finished.waves[1].servers.find(s => s.status === 'FAILED');
    expect(failed?.hostname).toBe(tier('app')[1].hostname);
    expect(finished.waves[1].failureReason).toContain(
      tier('app')[1].sourceServerId,
    );
    for (const server of tier('web'))
      expect(launches()[server.sourceServerId]).toBeUndefined();
    expect(h.events.map(e => e.event)).toEqual(['FAILED']);
  });

  it('fails a wave whose server launched but failed in the cleanup phase', async () => {
    const { owner, plan, tier } = await threeWavePlan('charlie');
    h.simulator.setFaults({
      failServers: { [tier('db')[0].hostname]: 'cleanup' },
    });
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    let sawLaunched = false;
    const finished = await h.runUntil(
      execution.executionId,
      e => {
        const server = e.waves[0].servers.find(
          s => s.hostname === tier('db')[0].hostname,
        );
        if (server?.status === 'LAUNCHED') sawLaunched = true;
        return isDone(e);
      },
      { secondsPerCycle: 10, cycles: 200 },
    );
    expect(sawLaunched).toBe(true);
    expect(finished.status).toBe('FAILED');
    expect(finished.waves[0].status).toBe('FAILED');
  });

  it('pauses before a marked wave and goes on when resumed', async () => {
    const { owner, plan, tier } = await threeWavePlan('delta', true);
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    const paused = await h.runUntil(
      execution.executionId,
      e => e.status === 'PAUSED' || isDone(e),
    );
    expect(paused.status).toBe('PAUSED');
    expect(paused.waves.map(w => w.status)).toEqual([
      'COMPLETED',
      'COMPLETED',
      'PENDING',
    ]);
    expect(h.events.map(e => e.event)).toEqual(['PAUSED']);

    // Still paused after more cycles: nothing starts without approval.
    const still = await h.runUntil(execution.executionId, () => false, {
      cycles: 3,
    });
    expect(still.status).toBe('PAUSED');
    for (const server of tier('web'))
      expect(launches()[server.sourceServerId]).toBeUndefined();

    await expect(
      h.service.control(
        execution.executionId,
        { action: 'resume', wave: 'db' },
        'user:default/ops',
      ),
    ).rejects.toThrow(/web/);
    await h.service.control(
      execution.executionId,
      { action: 'resume', wave: 'web' },
      'user:default/ops',
    );
    const finished = await h.runUntil(execution.executionId, isDone);
    expect(finished.status).toBe('COMPLETED');
    expect(finished.waves[2].approvedBy).toBe('user:default/ops');
  });

  it('cancels mid-wave: the running wave drains, later waves are cancelled', async () => {
    const { owner, plan, tier } = await threeWavePlan('echo');
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    await h.runUntil(
      execution.executionId,
      e => e.waves[0].status === 'STARTED',
    );
    await h.service.control(
      execution.executionId,
      { action: 'cancel' },
      'user:default/test',
    );
    const cancelling = await h.runUntil(
      execution.executionId,
      e => e.status !== 'POLLING',
      {
        cycles: 2,
      },
    );
    expect(cancelling.status).toBe('CANCELLING');
    const finished = await h.runUntil(execution.executionId, isDone);
    expect(finished.status).toBe('CANCELLED');
    expect(finished.waves.map(w => w.status)).toEqual([
      'COMPLETED',
      'CANCELLED',
      'CANCELLED',
    ]);
    for (const server of [...tier('app'), ...tier('web')]) {
      expect(launches()[server.sourceServerId]).toBeUndefined();
    }
  });

  it('times out an execution that outlives its plan timeout', async () => {
    const execution = await startHungDrill();
    const finished = await h.runUntil(execution.executionId, isDone, {
      secondsPerCycle: 60,
    });
    expect(finished.status).toBe('TIMED_OUT');
    expect(finished.statusReason).toMatch(/time/i);
    expect(h.events.map(e => e.event)).toEqual(['TIMED_OUT']);
  });

  it('terminates the instances of a finished drill through a polled TERMINATE job', async () => {
    const { owner, plan } = await threeWavePlan('bravo');
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    const completed = await h.runUntil(execution.executionId, isDone);
    expect(completed.status).toBe('COMPLETED');
    const instanceCount = (
      await h.gateway.describeRecoveryInstances(
        owner.location,
        completed.waves.flatMap(w => w.servers.map(s => s.sourceServerId)),
      )
    ).length;
    expect(instanceCount).toBe(6);

    await h.service.control(
      execution.executionId,
      { action: 'terminate' },
      'user:default/test',
    );
    const terminated = await h.runUntil(execution.executionId, e =>
      ['COMPLETED', 'FAILED'].includes(e.requests.terminate?.status ?? ''),
    );
    expect(terminated.requests.terminate?.status).toBe('COMPLETED');
    expect(terminated.requests.terminate?.jobId).toMatch(/^drsjob-/);
    expect(
      await h.gateway.describeRecoveryInstances(
        owner.location,
        completed.waves.flatMap(w => w.servers.map(s => s.sourceServerId)),
      ),
    ).toEqual([]);
    // Finished: the engine no longer visits it.
    expect(
      (await h.executions.listForEngine()).map(e => e.executionId),
    ).not.toContain(execution.executionId);
  });

  it('never launches a wave twice when two engines race on the same tables', async () => {
    const { owner, plan, servers } = await threeWavePlan('charlie');
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    const second = h.newEngine();
    const finished = await h.runUntil(execution.executionId, isDone, {
      engines: [h.engine, second],
    });
    // Also race them truly concurrently on a fresh execution.
    expect(finished.status).toBe('COMPLETED');
    for (const server of servers)
      expect(launches()[server.sourceServerId]).toBe(1);

    const again = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    for (let i = 0; i < 60; i++) {
      await Promise.all([h.engine.runCycle(), second.runCycle()]);
      if (isDone(await h.executions.get(again.execution.executionId))) break;
      h.advance(30);
    }
    expect((await h.executions.get(again.execution.executionId)).status).toBe(
      'COMPLETED',
    );
    for (const server of servers)
      expect(launches()[server.sourceServerId]).toBe(2);
  });

  it('adopts the job of a crash between launch intent and job record instead of launching again', async () => {
    const { owner, plan, servers } = await threeWavePlan('delta');
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    // DRS creates the job but the answer never arrives, as when the backend dies mid-call.
    const crashing = h.newEngine({
      gateway: {
        ...h.gateway,
        startRecovery: async (location, request) => {
          await h.gateway.startRecovery(location, request);
          throw new Error('process killed after StartRecovery');
        },
      },
    });
    await expect(crashing.runCycle()).resolves.toBeDefined();
    const afterCrash = await h.executions.get(execution.executionId);
    expect(afterCrash.waves[0].launchIntentAt).toBeDefined();
    expect(afterCrash.waves[0].jobId).toBeUndefined();

    const finished = await h.runUntil(execution.executionId, isDone);
    expect(finished.status).toBe('COMPLETED');
    for (const server of servers)
      expect(launches()[server.sourceServerId]).toBe(1);
  });

  it('waits out the launch lease before launching a wave whose StartRecovery never reached DRS', async () => {
    const { owner, plan, servers } = await threeWavePlan('echo');
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    const startRecoveryCalls = () =>
      h.simulator.calls().byOperation.StartRecovery ?? 0;
    // The process dies after writing the intent, before its call leaves: DRS has no job.
    const dying = h.newEngine({
      gateway: {
        ...h.gateway,
        startRecovery: async () => {
          throw new Error('process killed before StartRecovery');
        },
      },
    });
    await dying.runCycle();
    const callsBefore = startRecoveryCalls();

    // Within the lease the call might still arrive: adopt if DRS has a job, never launch.
    h.advance(DEFAULT_LAUNCH_LEASE_SECONDS - 60);
    await h.engine.runCycle();
    expect(startRecoveryCalls()).toBe(callsBefore);
    expect(
      (await h.executions.get(execution.executionId)).waves[0].jobId,
    ).toBeUndefined();

    h.advance(60);
    const finished = await h.runUntil(execution.executionId, isDone);
    expect(finished.status).toBe('COMPLETED');
    for (const server of servers)
      expect(launches()[server.sourceServerId]).toBe(1);
  });

  it('waits for DRS capacity instead of failing a launch DRS has no room for', async () => {
    await h.stop();
    h = await startEngineHarness({
      inventory,
      quotas: { maxConcurrentJobs: 1 },
    });
    const start = async (app: string) => {
      const owner = h.entity(app, { Application: app, Tier: 'db' });
      const servers = await h.gateway.describeSourceServers(
        owner.location,
        owner.selector,
      );
      const plan = await h.createPlan(owner, [{ name: 'db', servers }]);
      const { execution } = await h.service.start(owner, {
        planId: plan.planId,
        mode: 'DRILL',
        by: 'user:default/test',
      });
      return { execution, servers };
    };
    const drills = [await start('alpha'), await start('bravo')];

    // one job fits: whichever drill the cycle drives second finds DRS full
    await h.engine.runCycle();
    const read = await Promise.all(
      drills.map(d => h.executions.get(d.execution.executionId)),
    );
    const running = read.find(e => e.waves[0].jobId)!;
    const waiting = read.find(e => !e.waves[0].jobId)!;
    expect(running.waves[0].jobId).toMatch(/^drsjob-/);
    expect(waiting.status).toBe('POLLING');
    expect(waiting.polling.lastError).toMatch(
      /^Waiting for DRS capacity: ServiceQuotaExceededException/,
    );
    expect(waiting.waves[0].awaitingCapacitySince).toBe(h.now().toISOString());

    expect((await h.runUntil(running.executionId, isDone)).status).toBe(
      'COMPLETED',
    );
    const finished = await h.runUntil(waiting.executionId, isDone);
    expect(finished.status).toBe('COMPLETED');
    expect(finished.waves[0].awaitingCapacitySince).toBeUndefined();
    for (const server of drills.flatMap(d => d.servers))
      expect(launches()[server.sourceServerId]).toBe(1);
  });

  it('adopts a TERMINATE job whose answer was lost instead of asking DRS forever', async () => {
    const { owner, execution, startedAt } = await finishedDrillToTerminate(
      'charlie',
    );
    // DRS creates the TERMINATE job, then answers 500; the SDK's retry meets a ConflictException.
    h.simulator.setFaults({ internalErrorAfterCommitShare: 1 });
    await h.engine.runCycle();
    h.simulator.setFaults({ internalErrorAfterCommitShare: 0 });
    const afterLoss = await h.executions.get(execution.executionId);
    expect(afterLoss.requests.terminate?.status).toBe('REQUESTED');
    expect(afterLoss.polling.lastError).toBeDefined();

    const outcome = await terminateOutcome(owner, execution, startedAt);
    expect(outcome.status).toBe('COMPLETED');
    expect(outcome.terminateJobIds).toEqual([outcome.recordedJobId]);
  });

  it('adopts its TERMINATE job when the retry of a lost answer finds the instances already gone', async () => {
    const { owner, execution, startedAt } = await finishedDrillToTerminate(
      'delta',
    );
    // DRS creates the job, its answer is lost, and the job has finished when the call is retried.
    const retryingLate = h.newEngine({
      gateway: {
        ...h.gateway,
        terminateRecoveryInstances: async (location, ids) => {
          await h.gateway.terminateRecoveryInstances(location, ids);
          h.advance(600);
          return h.gateway.terminateRecoveryInstances(location, ids);
        },
      },
    });
    await retryingLate.runCycle();

    const outcome = await terminateOutcome(owner, execution, startedAt);
    expect(outcome.status).toBe('COMPLETED');
    expect(outcome.terminateJobIds).toEqual([outcome.recordedJobId]);
  });

  it('runs five executions of different plans concurrently without interference', async () => {
    const started = await Promise.all(
      services.map(async (app, i) => {
        const { owner, plan } = await threeWavePlan(app);
        if (i === 2) {
          const web = (
            await h.gateway.describeSourceServers(
              owner.location,
              owner.selector,
            )
          ).find(s => s.tags.Tier === 'web')!;
          h.simulator.setFaults({ failServers: { [web.hostname]: 'launch' } });
        }
        return (
          await h.service.start(owner, {
            planId: plan.planId,
            mode: 'DRILL',
            by: 'u',
          })
        ).execution;
      }),
    );
    const finished: Execution[] = [];
    for (const e of started)
      finished.push(await h.runUntil(e.executionId, isDone));
    expect(finished.map(e => e.status)).toEqual([
      'COMPLETED',
      'COMPLETED',
      'FAILED',
      'COMPLETED',
      'COMPLETED',
    ]);
    expect(new Set(finished.flatMap(e => e.waves.map(w => w.jobId))).size).toBe(
      15,
    );
    expect(Object.values(launches()).every(count => count === 1)).toBe(true);
  });

  it('drives a new execution at once, outside the cycle, and never twice beside a cycle', async () => {
    const { owner, plan, tier } = await threeWavePlan('alpha');
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    await Promise.all([
      h.engine.driveNow(execution.executionId),
      h.newEngine().runCycle(),
    ]);
    const polling = await h.executions.get(execution.executionId);
    expect(polling.status).toBe('POLLING');
    expect(polling.waves[0].jobId).toMatch(/^drsjob-/);
    for (const server of tier('db'))
      expect(launches()[server.sourceServerId]).toBe(1);
    await expect(h.engine.driveNow('no-such-execution')).resolves.toBe(
      undefined,
    );
  });

  it('decodes an active execution once per version, and shares it frozen', async () => {
    const { owner, plan } = await threeWavePlan('bravo');
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'user:default/test',
    });
    const visited = async () =>
      (await h.executions.listForEngine()).find(
        e => e.executionId === execution.executionId,
      )!;
    const first = await visited();
    expect((await visited()).waves).toBe(first.waves);
    expect(Object.isFrozen(first.waves[0].servers[0])).toBe(true);

    await h.engine.runCycle();
    const next = await visited();
    expect(next.version).toBeGreaterThan(first.version);
    expect(next.waves).not.toBe(first.waves);
    expect(next.waves[0].status).toBe('STARTED');
    expect(await h.executions.get(execution.executionId)).toEqual(next);
  });

  it('decides an execution again only when DRS, a request or the clock gives it something new', async () => {
    const execution = await startHungDrill();
    await h.engine.runCycle(); // launches the wave
    h.advance(30);
    await h.engine.runCycle(); // records the job STARTED, where it hangs
    expect(await h.engine.runCycle()).toEqual({
      executions: 1,
      decided: 1,
      written: 0,
    });
    h.advance(30);
    expect(await h.engine.runCycle()).toEqual({
      executions: 1,
      decided: 0,
      written: 0,
    });

    await h.service.control(
      execution.executionId,
      { action: 'cancel' },
      'user:default/test',
    );
    expect(await h.engine.runCycle()).toMatchObject({
      decided: 1,
      written: 1,
    });
    expect((await h.executions.get(execution.executionId)).status).toBe(
      'CANCELLING',
    );
    await h.engine.runCycle();
    expect(await h.engine.runCycle()).toMatchObject({ decided: 0 });

    // The timeout is a rule of the clock alone: the heartbeat brings it in.
    h.advance(5 * 60);
    await h.engine.runCycle();
    const timedOut = await h.executions.get(execution.executionId);
    expect(timedOut.status).toBe('TIMED_OUT');
  });

  it('refuses a second execution of a plan while one is active', async () => {
    const { owner, plan } = await threeWavePlan('alpha');
    await h.service.start(owner, {
      planId: plan.planId,
      mode: 'DRILL',
      by: 'u',
    });
    await expect(
      h.service.start(owner, { planId: plan.planId, mode: 'DRILL', by: 'u' }),
    ).rejects.toThrow(/already has an active execution/);
  });
});
