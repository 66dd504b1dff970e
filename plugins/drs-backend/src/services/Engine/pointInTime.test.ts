import { Execution, newExecution } from '@drs-orchestration/plugin-drs-common';
import { START_WAVE_TAG_WAVE } from '@drs-orchestration/plugin-drs-common/engine';
import { TEST_ACCOUNT_ID, TEST_REGION } from '@drs-orchestration/drs-testkit';
import {
  EngineHarness,
  isDone,
  startEngineHarness,
  tieredInventory,
} from '../../__testUtils__/engineHarness';
import { DrsGateway } from '../DrsGateway/types';

jest.setTimeout(60_000);

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness({
    inventory: tieredInventory(['shop'], ['db', 'app']),
  });
});
afterEach(() => h.stop());

describe('the engine launches from the points in time the start recorded', () => {
  /**
   * A recovery of two waves from a cut-off half an hour ago, recorded as a start records it:
   * each server's snapshot at or before the cut-off, except shop-app-2, left to DRS's latest.
   */
  async function recoveryFromCutOff() {
    const { owner, plan, servers } = await h.tierPlan('shop', ['db', 'app']);
    const cutOff = new Date(h.now().getTime() - 30 * 60_000);
    const execution: Execution = {
      ...newExecution({
        executionId: 'recovery-from-cut-off',
        plan,
        mode: 'RECOVERY',
        initiatedBy: 'user:default/test',
        accountId: TEST_ACCOUNT_ID,
        region: TEST_REGION,
        servers,
        now: h.now(),
      }),
      pointInTime: { type: 'before', at: cutOff.toISOString() },
      acceptedDataLossSeconds: 3600,
    };
    const chosen = new Map<string, { snapshotId: string; at: string }>();
    for (const server of execution.waves.flatMap(w => w.servers)) {
      if (server.hostname === 'shop-app-2') continue;
      const snapshot = await h.snapshotAtOrBefore(
        server.sourceServerId,
        cutOff,
      );
      server.recoverySnapshotId = snapshot.snapshotId;
      server.pointInTimeAt = snapshot.at;
      chosen.set(server.sourceServerId, snapshot);
    }
    await h.executions.create(execution);
    return { owner, execution, chosen };
  }

  it('launches each server exactly once, from its recorded snapshot, across crashes before and after StartRecovery', async () => {
    const { owner, execution, chosen } = await recoveryFromCutOff();
    const sent: { wave: string; snapshots?: Record<string, string> }[] = [];
    // The process dies before the db wave's call leaves, and after DRS created the app wave's job.
    const crashes = new Map([
      ['db', 'before StartRecovery'],
      ['app', 'after StartRecovery'],
    ]);
    const crashing: DrsGateway = {
      ...h.gateway,
      async startRecovery(location, request) {
        const wave = request.tags[START_WAVE_TAG_WAVE];
        const crash = crashes.get(wave);
        crashes.delete(wave);
        if (crash === 'before StartRecovery') {
          throw new Error(`process killed ${crash}`);
        }
        sent.push({ wave, snapshots: request.recoverySnapshotIds });
        const started = await h.gateway.startRecovery(location, request);
        if (crash) throw new Error(`process killed ${crash}`);
        return started;
      },
    };

    // Each cycle is a fresh engine process, as after a restart: all it knows is in the store.
    let cycles = 0;
    let current = execution;
    while (!isDone(current) && cycles++ < 80) {
      await h.newEngine({ gateway: crashing }).runCycle();
      current = await h.executions.get(execution.executionId);
      h.advance(30);
    }

    expect(current.status).toBe('COMPLETED');
    expect(crashes.size).toBe(0);
    const calls = h.simulator.calls();
    const servers = current.waves.flatMap(w => w.servers);
    for (const server of servers) {
      expect(calls.launchesBySourceServer[server.sourceServerId]).toBe(1);
      // The db wave's call never left; the app wave's job was adopted, not asked for again.
      expect(calls.startRecoveryBySourceServer[server.sourceServerId]).toBe(1);
    }
    // Sent as recorded, once per wave; shop-app-2 without a snapshot.
    const byId = (hostname: string) =>
      servers.find(s => s.hostname === hostname)!.sourceServerId;
    const snapshotOf = (hostname: string) =>
      chosen.get(byId(hostname))!.snapshotId;
    expect(sent).toEqual([
      {
        wave: 'db',
        snapshots: {
          [byId('shop-db-1')]: snapshotOf('shop-db-1'),
          [byId('shop-db-2')]: snapshotOf('shop-db-2'),
        },
      },
      {
        wave: 'app',
        snapshots: { [byId('shop-app-1')]: snapshotOf('shop-app-1') },
      },
    ]);

    // DRS's evidence: how each job took each server's point in time, and what the instance
    // says it launched from; beside it, what the execution recorded.
    const instances = await h.gateway.describeRecoveryInstances(
      owner.location,
      servers.map(s => s.sourceServerId),
    );
    const evidence = [];
    for (const wave of current.waves) {
      const log = await h.gateway.describeJobLog(owner.location, wave.jobId!);
      for (const server of wave.servers) {
        const events = log
          .filter(e => e.sourceServerId === server.sourceServerId)
          .map(e => e.event);
        const launchedFrom = instances.find(
          i => i.sourceServerId === server.sourceServerId,
        )!.pointInTimeAt!;
        evidence.push({
          hostname: server.hostname,
          snapshotTaken: events.includes('SNAPSHOT_START'),
          previousSnapshotUsed: events.includes('USING_PREVIOUS_SNAPSHOT'),
          launchedFrom: Date.parse(launchedFrom),
          recorded: {
            recoverySnapshotId: server.recoverySnapshotId,
            pointInTimeAt: Date.parse(server.pointInTimeAt!),
            dataLossSeconds: server.dataLossSeconds,
          },
          lostSinceLaunchedFrom: Math.ceil(
            (Date.parse(server.launchedAt!) - Date.parse(launchedFrom)) / 1000,
          ),
        });
      }
    }
    const someTime = expect.any(Number);
    expect(evidence).toEqual(
      servers.map(server => {
        const snapshot = chosen.get(server.sourceServerId);
        const launchedFrom = snapshot ? Date.parse(snapshot.at) : someTime;
        return {
          hostname: server.hostname,
          snapshotTaken: !snapshot,
          previousSnapshotUsed: !!snapshot,
          launchedFrom,
          recorded: {
            recoverySnapshotId: snapshot?.snapshotId,
            pointInTimeAt: launchedFrom,
            dataLossSeconds: expect.any(Number),
          },
          lostSinceLaunchedFrom: expect.any(Number),
        };
      }),
    );
    for (const e of evidence) {
      expect(e.recorded.pointInTimeAt).toBe(e.launchedFrom);
      expect(e.recorded.dataLossSeconds).toBe(e.lostSinceLaunchedFrom);
    }
    // DRS's latest point in time for shop-app-2 is one its job took after the start.
    expect(evidence[3].launchedFrom).toBeGreaterThan(
      Date.parse(execution.createdAt),
    );
    // Chosen half an hour back, the achieved loss is at least that; the latest one far less.
    expect(
      servers.find(s => s.hostname === 'shop-db-1')!.dataLossSeconds,
    ).toBeGreaterThanOrEqual(30 * 60);
    expect(
      servers.find(s => s.hostname === 'shop-app-2')!.dataLossSeconds,
    ).toBeLessThan(30 * 60);
  });

  it('launches a recovery started through the service from the snapshots its start recorded', async () => {
    const owner = h.entity('shop', { Application: 'shop' });
    const servers = await h.gateway.describeSourceServers(
      owner.location,
      owner.selector,
    );
    const plan = await h.createPlan(owner, [{ name: 'all', servers }]);
    const cutOff = new Date(h.now().getTime() - 45 * 60_000);
    const { execution } = await h.service.start(owner, {
      planId: plan.planId,
      mode: 'RECOVERY',
      by: 'user:default/test',
      pointInTime: { type: 'before', at: cutOff.toISOString() },
      acceptDataLossSeconds: 2 * 3600,
    });
    const recorded = execution.waves[0].servers.map(s => ({
      sourceServerId: s.sourceServerId,
      recoverySnapshotId: s.recoverySnapshotId,
      pointInTimeAt: s.pointInTimeAt,
    }));
    for (const server of recorded) {
      expect(server).toEqual({
        sourceServerId: server.sourceServerId,
        ...(await h
          .snapshotAtOrBefore(server.sourceServerId, cutOff)
          .then(snapshot => ({
            recoverySnapshotId: snapshot.snapshotId,
            pointInTimeAt: snapshot.at,
          }))),
      });
    }

    const finished = await h.runUntil(execution.executionId, isDone);
    expect(finished.status).toBe('COMPLETED');
    const instances = await h.gateway.describeRecoveryInstances(
      owner.location,
      recorded.map(s => s.sourceServerId),
    );
    expect(
      recorded.map(s => ({
        sourceServerId: s.sourceServerId,
        launchedFrom: Date.parse(
          instances.find(i => i.sourceServerId === s.sourceServerId)!
            .pointInTimeAt!,
        ),
      })),
    ).toEqual(
      recorded.map(s => ({
        sourceServerId: s.sourceServerId,
        launchedFrom: Date.parse(s.pointInTimeAt!),
      })),
    );
    for (const server of finished.waves[0].servers) {
      expect(server.dataLossSeconds).toBeGreaterThanOrEqual(45 * 60);
    }
  });

  it('fails the wave with DRS reason when DRS refuses a recorded snapshot, and launches nothing', async () => {
    const { execution } = await recoveryFromCutOff();
    const stored = await h.executions.get(execution.executionId);
    stored.waves[0].servers[0].recoverySnapshotId = 'pit-00000000000000000';
    await h.executions.update(stored);

    const failed = await h.runUntil(execution.executionId, isDone);
    expect(failed.status).toBe('FAILED');
    expect(failed.waves[0].failureReason).toMatch(
      /DRS refused.*recoverySnapshotID/,
    );
    expect(failed.waves[1].status).toBe('CANCELLED');
    expect(h.simulator.calls().launchesBySourceServer).toEqual({});
  });

  it("fails the wave with DRS's reason when a server lost its last point in time after the start", async () => {
    const { plan, servers } = await h.tierPlan('shop', ['db', 'app']);
    const execution = newExecution({
      executionId: 'recovery-of-a-stopped-server',
      plan,
      mode: 'RECOVERY',
      initiatedBy: 'user:default/test',
      accountId: TEST_ACCOUNT_ID,
      region: TEST_REGION,
      servers,
      now: h.now(),
    });
    await h.executions.create(execution);
    // StopReplication deletes a server's snapshots: DRS has nothing left to launch it from.
    h.simulator.setReplication({
      sourceServer: 'shop-db-1',
      replicationState: 'STOPPED',
    });

    const failed = await h.runUntil(execution.executionId, isDone);
    expect(failed.status).toBe('FAILED');
    expect(failed.waves[0].failureReason).toMatch(
      /^DRS refused to start the wave: ConflictException: Source server s-\w+ has no completed point-in-time snapshot/,
    );
    expect(h.simulator.calls().launchesBySourceServer).toEqual({});
  });
});
