import { TEST_REGION } from '@drs-orchestration/drs-testkit';
import {
  EngineHarness,
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
    const run = await runTheWayBack(h);
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
