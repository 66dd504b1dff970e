import { DRS_ENGINE_PRINCIPAL } from '@drs-orchestration/plugin-drs-common/engine';
import {
  EngineHarness,
  isDone,
  startEngineHarness,
  tieredInventory,
} from '../../__testUtils__/engineHarness';

jest.setTimeout(60_000);

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness({
    inventory: tieredInventory(['shop'], ['db', 'app']),
  });
});
afterEach(() => h.stop());

/** Shop's two tiers run to their end in `mode`, by a plan that cleans drills up after `keepAliveSeconds`. */
async function finishedRun(
  mode: 'DRILL' | 'RECOVERY',
  keepAliveSeconds: number,
) {
  const { owner, tier } = await h.tierPlan('shop', ['db', 'app']);
  const plan = await h.createPlan(
    owner,
    ['db', 'app'].map(name => ({ name, servers: tier(name) })),
    { drillCleanup: { keepAliveSeconds } },
  );
  const { execution } = await h.service.start(owner, {
    planId: plan.planId,
    mode,
    by: 'user:default/test',
    ...(mode === 'RECOVERY' && { acceptDataLossSeconds: 3600 }),
  });
  const finished = await h.runUntil(execution.executionId, isDone);
  expect(finished.status).toBe('COMPLETED');
  const sourceServerIds = finished.waves.flatMap(w =>
    w.servers.map(s => s.sourceServerId),
  );
  const instances = () =>
    h.gateway.describeRecoveryInstances(owner.location, sourceServerIds);
  const terminateJobs = async () =>
    (await h.gateway.describeJobsSince(owner.location, execution.createdAt))
      .filter(job => job.type === 'TERMINATE')
      .map(job => job.jobId);
  return { finished, instances, terminateJobs };
}

const visited = async () =>
  (await h.executions.listForEngine()).map(e => e.executionId);

describe("a drill's automatic cleanup", () => {
  it("terminates a drill's instances once its keep-alive has passed, with one TERMINATE job", async () => {
    const { finished, instances, terminateJobs } = await finishedRun(
      'DRILL',
      20,
    );
    const { executionId } = finished;
    expect(finished.drillCleanup).toMatchObject({
      status: 'SCHEDULED',
      dueAt: new Date(Date.parse(finished.endedAt!) + 20_000).toISOString(),
    });
    expect(await instances()).toHaveLength(4);
    expect(await visited()).toContain(executionId);

    // Settled until the cleanup is due, which is sooner than the heartbeat.
    await h.engine.runCycle();
    h.advance(10);
    expect(await h.engine.runCycle()).toMatchObject({ decided: 0 });
    expect((await h.executions.get(executionId)).requests.terminate).toBe(
      undefined,
    );
    h.advance(10);
    expect(await h.engine.runCycle()).toMatchObject({ written: 1 });
    expect(
      (await h.executions.get(executionId)).requests.terminate,
    ).toMatchObject({ by: DRS_ENGINE_PRINCIPAL });

    const cleaned = await h.runUntil(
      executionId,
      e => e.requests.terminate?.status === 'COMPLETED',
    );
    expect(cleaned.drillCleanup?.status).toBe('REQUESTED');
    expect(cleaned.requests.terminate?.status).toBe('COMPLETED');
    expect(await instances()).toEqual([]);
    expect(await terminateJobs()).toEqual([cleaned.requests.terminate?.jobId]);
    expect(await visited()).not.toContain(executionId);
  });

  it("never terminates a recovery's instances, whatever its plan says", async () => {
    const { finished, instances, terminateJobs } = await finishedRun(
      'RECOVERY',
      20,
    );
    expect(finished.drillCleanup).toBeUndefined();
    expect(await visited()).not.toContain(finished.executionId);

    await h.runUntil(finished.executionId, () => false, { cycles: 5 });
    expect(
      (await h.executions.get(finished.executionId)).requests.terminate,
    ).toBeUndefined();
    expect(await instances()).toHaveLength(4);
    expect(await terminateJobs()).toEqual([]);
  });
});
