import {
  assessWayBack,
  Execution,
  WayBackHealth,
} from '@drs-orchestration/plugin-drs-common';
import { TEST_REGION } from '@drs-orchestration/drs-testkit';
import {
  EngineHarness,
  isDone,
  startEngineHarness,
} from '../../__testUtils__/engineHarness';
import {
  crashingOnceEach,
  ORIGIN_REGION,
  runTheWayBack,
  SRE,
  wayBackInventory,
} from '../../__testUtils__/wayBackHarness';

jest.setTimeout(120_000);

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness({ inventory: wayBackInventory });
});
afterEach(() => h.stop());

const ids = (execution: {
  waves: { servers: { sourceServerId: string }[] }[];
}) => execution.waves.flatMap(w => w.servers.map(s => s.sourceServerId));

/** Each DRS call of the way back was made exactly once per server, as the simulator counts them. */
function expectEachCallOnce(run: Awaited<ReturnType<typeof runTheWayBack>>) {
  const calls = h.simulator.calls();
  const reversedIds = ids(run.failedBack);
  for (const id of [...ids(run.recovered), ...reversedIds]) {
    expect([id, calls.startRecoveryBySourceServer[id]]).toEqual([id, 1]);
  }
  const instances = [
    ...run.recovered.waves.flatMap(w => w.servers),
    ...run.failedBack.waves.flatMap(w => w.servers),
  ].map(s => s.recoveryInstanceId!);
  expect(instances).toHaveLength(6);
  expect(
    Object.fromEntries(
      instances.map(id => [id, calls.reverseReplicationByRecoveryInstance[id]]),
    ),
  ).toEqual(Object.fromEntries(instances.map(id => [id, 1])));
  expect(calls.byOperation.TerminateRecoveryInstances).toBe(1);
}

describe('the way back from a recovery', () => {
  it('reverses, fails back in reverse wave order in the original region, re-protects and cleans up', async () => {
    const health: Record<string, WayBackHealth | undefined> = {};
    const run = await runTheWayBack(h, [h.engine], (step, history) => {
      health[step] = assessWayBack(history);
    });
    expect(health.recovered).toMatchObject({
      state: 'RUNNING_IN_RECOVERY_REGION',
      message: expect.stringMatching(
        `^Running in the recovery region \\(${TEST_REGION}\\) since .*, unprotected: start reverse replication to fail back$`,
      ),
    });
    expect(health.reversed?.state).toBe('READY_TO_FAIL_BACK');
    expect(health['failed back']).toMatchObject({
      state: 'FAILED_BACK',
      failbackExecutionId: run.failedBack.executionId,
    });
    expect(health['re-protected']).toMatchObject({
      state: 'PROTECTED',
      message: expect.stringMatching(
        `^Protected: Failed back to ${ORIGIN_REGION} at .*, replicating to ${TEST_REGION} again$`,
      ),
    });
    expect(health.cleaned?.state).toBe('PROTECTED');
    const { recovered, reversed, failedBack, reprotected, cleaned } = run;
    expect(recovered).toMatchObject({ mode: 'RECOVERY', status: 'COMPLETED' });

    const reverse = reversed.requests.reverseReplication!;
    expect(reverse).toMatchObject({ by: SRE, status: 'CONTINUOUS' });
    expect(reverse.servers.map(s => s.hostname)).toEqual([
      'shop-db-1',
      'shop-db-2',
      'shop-app-1',
    ]);
    for (const server of reverse.servers) {
      expect(server).toMatchObject({
        reversedRegion: ORIGIN_REGION,
        replicationState: 'CONTINUOUS',
        reversedSourceServerArn: expect.stringMatching(
          `^arn:aws:drs:${ORIGIN_REGION}:`,
        ),
        continuousAt: expect.any(String),
      });
    }
    // The reversed servers live in the original region, replicating the recovery instances back.
    const origin = await h.gateway.describeSourceServers(
      { region: ORIGIN_REGION },
      { kind: 'ids', ids: reverse.servers.map(s => s.reversedSourceServerId!) },
    );
    expect(origin.map(s => s.replicationDirection)).toEqual([
      'FAILBACK',
      'FAILBACK',
      'FAILBACK',
    ]);

    expect(failedBack).toMatchObject({
      mode: 'FAILBACK',
      status: 'COMPLETED',
      region: ORIGIN_REGION,
      lineage: { fromExecutionId: recovered.executionId, fromMode: 'RECOVERY' },
    });
    expect(failedBack.waves.map(w => w.name)).toEqual(['app', 'db']);
    expect(ids(failedBack).sort()).toEqual(
      reverse.servers.map(s => s.reversedSourceServerId).sort(),
    );
    expect(
      failedBack.waves.every(w =>
        w.servers.every(s => ['LAUNCHED', 'HEALTHY'].includes(s.status)),
      ),
    ).toBe(true);
    expect(cleaned.requests.failback?.executionId).toBe(failedBack.executionId);

    // Re-protect: the failback instances replicate to the recovery region again.
    const reprotect = reprotected.requests.reverseReplication!;
    expect(reprotect.status).toBe('CONTINUOUS');
    expect(reprotect.servers.map(s => s.reversedRegion)).toEqual([
      TEST_REGION,
      TEST_REGION,
      TEST_REGION,
    ]);
    expect(reprotect.servers.map(s => s.reversedSourceServerId).sort()).toEqual(
      ids(recovered).sort(),
    );

    // Clean-up: the recovery's instances, and only those, are gone.
    expect(cleaned.requests.terminate?.status).toBe('COMPLETED');
    expect(
      await h.gateway.describeRecoveryInstances(
        { region: TEST_REGION },
        ids(recovered),
      ),
    ).toEqual([]);
    expect(
      await h.gateway.describeRecoveryInstances(
        { region: ORIGIN_REGION },
        ids(failedBack),
      ),
    ).toHaveLength(3);
    expectEachCallOnce(run);
    expect(await h.executions.listForEngine()).toEqual([]);
  });

  it.each(['after', 'before'] as const)(
    'makes each DRS call once per server when the engine dies %s every call',
    async when => {
      const crashed = new Set<string>();
      const crashing = h.newEngine({
        gateway: crashingOnceEach(h.gateway, when, crashed),
      });
      const run = await runTheWayBack(h, [crashing]);
      expect(run.failedBack.status).toBe('COMPLETED');
      expect(run.reprotected.requests.reverseReplication?.status).toBe(
        'CONTINUOUS',
      );
      expect(run.cleaned.requests.terminate?.status).toBe('COMPLETED');
      expectEachCallOnce(run);
      // It did die: once per wave's launch, per reversed instance, and at the terminate.
      const died = [...crashed].map(key => key.split(' ')[0]);
      expect(
        died.filter(op => op === 'startRecovery').length,
      ).toBeGreaterThanOrEqual(4);
      expect(died.filter(op => op === 'reverseReplication')).toHaveLength(6);
      expect(
        died.filter(op => op === 'terminateRecoveryInstances'),
      ).toHaveLength(1);
    },
  );
});

describe('refusals on the way back, through DRS', () => {
  /** A completed recovery of the shop, and its plan. */
  async function recovered() {
    const { owner, plan } = await h.tierPlan('shop', ['db', 'app']);
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'RECOVERY',
      by: SRE,
      acceptDataLossSeconds: 3600,
    });
    const done = await h.runUntil(execution.executionId, isDone);
    expect(done.status).toBe('COMPLETED');
    return { plan, recovery: done };
  }

  /** Asks reverse replication of the recovery and runs the engine until `done` says so. */
  async function reverse(
    recoveryId: string,
    done = (e: Execution) =>
      e.requests.reverseReplication?.status === 'CONTINUOUS',
  ) {
    await h.service.control(recoveryId, { action: 'reverse-replication' }, SRE);
    return h.runUntil(recoveryId, done, { cycles: 60 });
  }

  const failBack = (recoveryId: string, confirmation: string) =>
    h.service.failback(recoveryId, { by: SRE, confirmation });

  const reversals = () =>
    Object.keys(h.simulator.calls().reverseReplicationByRecoveryInstance)
      .length;
  const launched = () =>
    Object.keys(h.simulator.calls().startRecoveryBySourceServer).length;

  it('follows a reversed server that stalls, and refuses its failback, naming it', async () => {
    const { plan, recovery } = await recovered();
    h.simulator.setFaults({ stallReplicationShare: 1 });
    const stalled = await reverse(
      recovery.executionId,
      e =>
        e.requests.reverseReplication?.servers.every(
          s => s.replicationState === 'STALLED',
        ) ?? false,
    );
    expect(stalled.requests.reverseReplication!.status).toBe('REPLICATING');
    expect(reversals()).toBe(3);
    await expect(
      failBack(recovery.executionId, plan.name),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^Reverse replication is REPLICATING: .*waiting for shop-db-1 \(STALLED\), shop-db-2 \(STALLED\), shop-app-1 \(STALLED\)$/,
      ),
    });
    expect(launched()).toBe(3);
  });

  it('refuses a failback whose reversed server DRS no longer shows CONTINUOUS, naming it', async () => {
    const { plan, recovery } = await recovered();
    const reversed = await reverse(recovery.executionId);
    const db1 = reversed.requests.reverseReplication!.servers[0];
    h.simulator.setServersReplication({
      sourceServers: [db1.reversedSourceServerId!],
      region: ORIGIN_REGION,
      replicationState: 'STALLED',
    });
    await expect(
      failBack(recovery.executionId, plan.name),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: `A failback launches only reversed servers that replicate CONTINUOUS in ${ORIGIN_REGION}; not yet: shop-db-1 → ${db1.reversedSourceServerId} (STALLED). Wait for them (the recovery's reverse replication shows their progress), or fix their replication in DRS.`,
    });
    expect(launched()).toBe(3);
    expect(
      (await h.executions.get(recovery.executionId)).requests.failback,
    ).toBeUndefined();
  });

  it('refuses a second failback while the first runs, and re-protect before it completed', async () => {
    const { plan, recovery } = await recovered();
    await reverse(recovery.executionId);
    const { execution: failback } = await failBack(
      recovery.executionId,
      plan.name,
    );
    await expect(
      failBack(recovery.executionId, plan.name),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Failback ${failback.executionId} of this recovery is PENDING; a recovery fails back once`,
    });
    await expect(
      h.service.control(
        failback.executionId,
        { action: 'reverse-replication' },
        SRE,
      ),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/The failback is still PENDING/),
    });
    await expect(
      h.service.control(recovery.executionId, { action: 'terminate' }, SRE),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    expect(h.simulator.calls().byOperation.TerminateRecoveryInstances).toBe(
      undefined,
    );
  });
});
