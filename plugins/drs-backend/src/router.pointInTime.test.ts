import {
  RecoveryPlan,
  RecoverySnapshot,
  ServerReadiness,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { TEST_ACCOUNT_ID, TEST_REGION } from '@drs-orchestration/drs-testkit';
import { Response } from 'supertest';
import {
  startApiHarness,
  ApiHarness,
  users,
  entityPath,
  planOfCheckout,
  checkoutRef,
} from './__testUtils__/apiHarness';
import { localDrsGateway } from './__testUtils__/localAws';

const checkout = entityPath('checkout');
const location = { accountId: TEST_ACCOUNT_ID, region: TEST_REGION };

describe('points in time: pre-flight and start', () => {
  let h: ApiHarness;
  let servers: SourceServer[];
  let plan: RecoveryPlan;
  const hostOf = (id: string) =>
    servers.find(s => s.sourceServerId === id)!.hostname;
  const idOf = (hostname: string) =>
    servers.find(s => s.hostname === hostname)!.sourceServerId;

  /** Checkout's plan by tier, saved through the API as the SRE. */
  async function savePlan(): Promise<RecoveryPlan> {
    const res = await h
      .api(users.sre)
      .post(`${checkout}/plans`)
      .send(planOfCheckout(servers, 'Points in time'));
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body;
  }

  beforeAll(async () => {
    h = await startApiHarness();
    servers = await h.checkoutServers();
    plan = await savePlan();
  });
  afterEach(() => h.aws.simulator.reset());
  afterAll(() => h.stop());

  const preflight = (body?: object, user = users.owner) =>
    h.api(user).post(`${checkout}/plans/${plan.planId}/validate`).send(body);
  const start = (body: object) =>
    h
      .api(users.sre)
      .post(`${checkout}/plans/${plan.planId}/executions`)
      .send(body);
  const stopReplicating = (hostname: string, state: string, lagSeconds = 0) =>
    h.aws.simulator.setReplication({
      sourceServer: hostname,
      replicationState: state,
      lagSeconds,
    });
  const startRecoveryCalls = () =>
    h.aws.simulator.calls().byOperation.StartRecovery ?? 0;
  /** A server's completed points in time as DRS lists them, newest first. */
  async function completedSnapshots(hostname: string) {
    const snapshots = await localDrsGateway(
      h.aws.simulator.endpoint,
    ).describeRecoverySnapshots(location, idOf(hostname), { order: 'DESC' });
    return snapshots.filter(
      (s): s is RecoverySnapshot & { at: string } => s.at !== undefined,
    );
  }
  /**
   * Sends a request that must be refused with this status and message (a part of it, or a
   * pattern), proves that it wrote nothing and launched nothing, and answers the refusal's body.
   */
  async function expectRefused(
    send: () => Promise<Response>,
    status: number,
    message: string | RegExp,
  ) {
    const before = await h.snapshotTables();
    const launchesBefore = startRecoveryCalls();
    const res = await send();
    expect({ status: res.status, message: res.body.error?.message }).toEqual({
      status,
      message:
        typeof message === 'string'
          ? expect.stringContaining(message)
          : expect.stringMatching(message),
    });
    expect(await h.snapshotTables()).toEqual(before);
    expect(startRecoveryCalls()).toBe(launchesBefore);
    return res.body;
  }

  describe('pre-flight of a saved plan', () => {
    it("answers every server on DRS's latest: replicating, so its lag is the window", async () => {
      const res = await preflight();
      expect(res.status).toBe(200);
      expect(res.body.issues).toEqual([]);
      expect(res.body.servers).toHaveLength(6);
      const db1 = res.body.servers.find(
        (s: ServerReadiness) => s.hostname === 'checkout-db-1',
      );
      expect(db1).toEqual({
        sourceServerId: idOf('checkout-db-1'),
        hostname: 'checkout-db-1',
        waveName: 'db',
        replicationState: 'CONTINUOUS',
        lagSeconds: 5,
        pointInTime: (await completedSnapshots('checkout-db-1')).map(s => ({
          snapshotId: s.snapshotId,
          at: s.at,
        }))[0],
        dataLossSeconds: 5,
        launchable: true,
      });
      expect(res.body.worstDataLossSeconds).toBe(10);
    });

    it('a cut-off: each server its newest completed point in time at or before it', async () => {
      const [, second] = await completedSnapshots('checkout-web-1');
      const res = await preflight({
        mode: 'RECOVERY',
        pointInTime: { type: 'before', at: second.at },
      });
      expect(res.status).toBe(200);
      expect(res.body.issues).toEqual([]);
      for (const server of res.body.servers as ServerReadiness[]) {
        expect(server.launchable).toBe(true);
        expect(Date.parse(server.pointInTime!.at)).toBeLessThanOrEqual(
          Date.parse(second.at),
        );
        expect(server.dataLossSeconds).toBeGreaterThanOrEqual(
          Math.floor((Date.now() - Date.parse(second.at)) / 1000) - 1,
        );
      }
      const web1 = res.body.servers.find(
        (s: ServerReadiness) => s.hostname === 'checkout-web-1',
      );
      expect(web1.pointInTime).toEqual({
        snapshotId: second.snapshotId,
        at: second.at,
      });
    });

    it('explicit snapshots: the ones named, and an error for one of another server', async () => {
      const chosen: Record<string, string> = {};
      for (const server of servers) {
        const [, , third] = await completedSnapshots(server.hostname);
        chosen[server.sourceServerId] = third.snapshotId;
      }
      const res = await preflight({
        mode: 'RECOVERY',
        pointInTime: { type: 'snapshots', snapshotIds: chosen },
      });
      expect(res.status).toBe(200);
      expect(
        (res.body.servers as ServerReadiness[]).map(s => [
          s.sourceServerId,
          s.pointInTime?.snapshotId,
        ]),
      ).toEqual(
        (res.body.servers as ServerReadiness[]).map(s => [
          s.sourceServerId,
          chosen[s.sourceServerId],
        ]),
      );

      const db1 = idOf('checkout-db-1');
      const db2 = idOf('checkout-db-2');
      const swapped = await preflight({
        mode: 'RECOVERY',
        pointInTime: {
          type: 'snapshots',
          snapshotIds: { ...chosen, [db1]: chosen[db2] },
        },
      });
      expect(swapped.status).toBe(200);
      expect(swapped.body.issues).toEqual([
        {
          path: 'waves[0].sourceServerIds',
          message: `Server checkout-db-1 (${db1}) was given snapshot ${chosen[db2]}, which is a point in time of server ${db2}, not of this one`,
          severity: 'error',
        },
      ]);
    });

    it('a RECOVERY launches a stalled server from its last point in time; a drill refuses it unless allowed', async () => {
      stopReplicating('checkout-app-2', 'STALLED', 3600);
      const recovery = await preflight({ mode: 'RECOVERY' });
      const app2 = recovery.body.servers.find(
        (s: ServerReadiness) => s.hostname === 'checkout-app-2',
      );
      expect(app2).toMatchObject({
        replicationState: 'STALLED',
        launchable: true,
        warning: expect.stringContaining(
          'is STALLED, not replicating: it launches from its point in time of',
        ),
      });
      expect(app2.dataLossSeconds).toBeGreaterThanOrEqual(3600);
      expect(recovery.body.worstDataLossSeconds).toBe(app2.dataLossSeconds);
      expect(recovery.body.issues).toEqual([
        expect.objectContaining({
          severity: 'warning',
          path: 'waves[1].sourceServerIds',
        }),
      ]);

      const drill = await preflight({ mode: 'DRILL' });
      expect(drill.body.issues).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: expect.stringContaining(
            'is STALLED; a drill needs CONTINUOUS replication',
          ),
        }),
      ]);
      const allowed = await preflight({
        mode: 'DRILL',
        allowDegradedReplication: true,
      });
      expect(allowed.body.issues).toEqual([
        expect.objectContaining({ severity: 'warning' }),
      ]);
    });

    it('a server whose snapshots were deleted cannot be launched, and says so', async () => {
      stopReplicating('checkout-web-2', 'STOPPED');
      const res = await preflight({ mode: 'RECOVERY' });
      expect(res.body.issues).toEqual([
        {
          path: 'waves[2].sourceServerIds',
          message: `Server checkout-web-2 (${idOf(
            'checkout-web-2',
          )}) has no completed point in time (replication is STOPPED): DRS has nothing to launch it from`,
          severity: 'error',
        },
      ]);
    });

    it('uses the plan’s default mode when the body names none', async () => {
      stopReplicating('checkout-app-2', 'STALLED', 3600);
      const res = await preflight({});
      expect(res.body.issues).toEqual([
        expect.objectContaining({ severity: 'error' }),
      ]);
    });
  });

  describe('choices refused at the edge, naming the field', () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    it.each([
      [
        { pointInTime: { type: 'newest' } },
        "pointInTime.type: type must be 'latest', 'before' or 'snapshots'",
      ],
      [
        { pointInTime: { type: 'before', at: 'yesterday' } },
        'pointInTime.at: must be an ISO 8601 instant, e.g. 2025-03-01T09:30:00Z',
      ],
      [
        { pointInTime: { type: 'before', at: future } },
        'pointInTime.at: must not be in the future: for the newest point in time, use { "type": "latest" }',
      ],
      [
        { pointInTime: { type: 'before' } },
        'pointInTime.at: give the cut-off as an ISO 8601 instant',
      ],
      [
        { pointInTime: { type: 'snapshots', snapshotIds: {} } },
        'pointInTime.snapshotIds: name a recovery snapshot ID for every server of the plan',
      ],
      [
        {
          pointInTime: {
            type: 'snapshots',
            snapshotIds: { 'web-1': 'pit-00000000000000001' },
          },
        },
        'pointInTime.snapshotIds.web-1: keys must be source server IDs, s- and 17 letters or digits',
      ],
      [
        {
          pointInTime: {
            type: 'snapshots',
            snapshotIds: { 's-00000000000000001': 'snap-1' },
          },
        },
        'pointInTime.snapshotIds.s-00000000000000001: must be a recovery snapshot ID, pit- and 17 letters or digits',
      ],
      [
        { mode: 'RECOVERY', acceptDataLossSeconds: -1 },
        'acceptDataLossSeconds: must be a whole number of seconds, 0 or more: the largest data-loss window you accept',
      ],
      [
        { mode: 'RECOVERY', acceptDataLossSeconds: '600' },
        'acceptDataLossSeconds: must be a whole number of seconds, 0 or more: the largest data-loss window you accept',
      ],
    ])('start %j: 400', async (body, message) => {
      const refused = await expectRefused(
        () => start(body),
        400,
        `Invalid start request: ${message}`,
      );
      expect(refused.error.name).toBe('InputError');
    });

    it('pre-flight takes no acceptDataLossSeconds, and no degraded drill for a RECOVERY', async () => {
      const ack = await expectRefused(
        () => preflight({ mode: 'RECOVERY', acceptDataLossSeconds: 60 }),
        400,
        "Unrecognized key(s) in object: 'acceptDataLossSeconds'",
      );
      const degraded = await expectRefused(
        () => preflight({ mode: 'RECOVERY', allowDegradedReplication: true }),
        400,
        'allowDegradedReplication: applies to drills only',
      );
      expect([ack.servers, degraded.servers]).toEqual([undefined, undefined]);
    });
  });

  describe('starting a RECOVERY', () => {
    it('without acceptDataLossSeconds: 400 saying what to send and the worst window now', async () => {
      const body = await expectRefused(
        () => start({ mode: 'RECOVERY' }),
        400,
        /^A RECOVERY must accept the data it loses: send acceptDataLossSeconds, the largest data-loss window you accept, in seconds \(the worst window now is 10 s \(10s\), server checkout-\w+-2 \(s-\w+\): its replication lags 10s\)$/,
      );
      expect(body.worstDataLossSeconds).toBe(10);
      expect(body.servers).toHaveLength(6);
    });

    it('accepting less than the worst window: 409 with the current figures', async () => {
      stopReplicating('checkout-db-2', 'STALLED', 7200);
      const body = await expectRefused(
        () => start({ mode: 'RECOVERY', acceptDataLossSeconds: 60 }),
        409,
        'The data-loss window is larger than the 60 s you accepted',
      );
      expect(body.acceptedDataLossSeconds).toBe(60);
      expect(body.worstDataLossSeconds).toBeGreaterThanOrEqual(7200);
    });

    it('a window that grew since pre-flight: 409, nothing written, nothing launched', async () => {
      const checked = await preflight({ mode: 'RECOVERY' });
      expect(checked.body.worstDataLossSeconds).toBe(10);
      // The site fails between pre-flight and the click.
      stopReplicating('checkout-web-1', 'DISCONNECTED', 1800);
      const body = await expectRefused(
        () => start({ mode: 'RECOVERY', acceptDataLossSeconds: 60 }),
        409,
        `server checkout-web-1 (${idOf('checkout-web-1')})`,
      );
      expect(body.worstDataLossSeconds).toBeGreaterThanOrEqual(1800);
    });

    it('a server without any point in time: refused with the reason', async () => {
      stopReplicating('checkout-web-2', 'STOPPED');
      const body = await expectRefused(
        () => start({ mode: 'RECOVERY', acceptDataLossSeconds: 86400 }),
        400,
        'has no completed point in time (replication is STOPPED)',
      );
      expect(body.issues).toEqual([
        expect.objectContaining({ path: 'waves[2].sourceServerIds' }),
      ]);
      expect(body.servers).toHaveLength(6);
    });

    it('allowDegradedReplication is refused for a RECOVERY, naming the field', async () => {
      const refused = await expectRefused(
        () =>
          start({
            mode: 'RECOVERY',
            acceptDataLossSeconds: 600,
            allowDegradedReplication: true,
          }),
        400,
        'Invalid start request: allowDegradedReplication: applies to drills only; a RECOVERY launches every server from its point in time whatever its replication. Remove it.',
      );
      // Refused at the edge: DRS was not asked.
      expect(refused.servers).toBeUndefined();
    });

    it('recovers servers that stopped replicating once their data loss is accepted, from a chosen cut-off', async () => {
      stopReplicating('checkout-db-1', 'STALLED', 1800);
      stopReplicating('checkout-db-2', 'DISCONNECTED', 1800);
      const [newest] = await completedSnapshots('checkout-web-1');
      const pointInTime = { type: 'before', at: newest.at };
      const checked = await preflight({ mode: 'RECOVERY', pointInTime });
      expect(
        checked.body.issues.filter(
          (i: { severity: string }) => i.severity === 'error',
        ),
      ).toEqual([]);

      const res = await start({
        mode: 'RECOVERY',
        pointInTime,
        acceptDataLossSeconds: checked.body.worstDataLossSeconds,
      });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        mode: 'RECOVERY',
        status: 'PENDING',
        pointInTime,
        acceptedDataLossSeconds: checked.body.worstDataLossSeconds,
      });
      const stored = await h.executions.get(res.body.executionId);
      expect(stored).toEqual(res.body);
      const chosen = new Map(
        (checked.body.servers as ServerReadiness[]).map(s => [
          s.sourceServerId,
          s.pointInTime,
        ]),
      );
      for (const server of stored.waves.flatMap(w => w.servers)) {
        expect({
          host: hostOf(server.sourceServerId),
          recoverySnapshotId: server.recoverySnapshotId,
          pointInTimeAt: server.pointInTimeAt,
        }).toEqual({
          host: hostOf(server.sourceServerId),
          recoverySnapshotId: chosen.get(server.sourceServerId)!.snapshotId,
          pointInTimeAt: chosen.get(server.sourceServerId)!.at,
        });
      }
      expect(startRecoveryCalls()).toBe(0);
      await h.finish(res.body.executionId);
    });

    it("recovers on DRS's latest without pinning a snapshot", async () => {
      stopReplicating('checkout-app-1', 'STALLED', 600);
      const res = await start({
        mode: 'RECOVERY',
        acceptDataLossSeconds: 3600,
      });
      expect(res.status).toBe(202);
      expect(res.body.pointInTime).toBeUndefined();
      expect(res.body.acceptedDataLossSeconds).toBe(3600);
      for (const server of res.body.waves.flatMap(
        (w: { servers: object[] }) => w.servers,
      )) {
        expect(server).not.toHaveProperty('recoverySnapshotId');
      }
      await h.finish(res.body.executionId);
    });
  });

  describe('after the start', () => {
    it('an Idempotency-Key replays its start, and refuses another point in time', async () => {
      const keyed = (body: object) =>
        h
          .api(users.sre)
          .post(`${checkout}/plans/${plan.planId}/executions`)
          .set('Idempotency-Key', 'pit-replay')
          .send(body);
      const first = await keyed({ mode: 'DRILL' });
      expect(first.status).toBe(202);
      const again = await keyed({
        mode: 'DRILL',
        pointInTime: { type: 'latest' },
      });
      expect(again.body.executionId).toBe(first.body.executionId);
      const [newest] = await completedSnapshots('checkout-web-1');
      const other = await keyed({
        mode: 'DRILL',
        pointInTime: { type: 'before', at: newest.at },
      });
      expect(other.status).toBe(409);
      expect(other.body.error.message).toBe(
        `Idempotency-Key pit-replay already started this plan (${first.body.executionId}) from another point in time; use a new key for another choice.`,
      );
      await h.finish(first.body.executionId);
    });

    it('DR health counts a stopped server with a point in time as launchable, one without as not', async () => {
      stopReplicating('checkout-app-1', 'STALLED', 600);
      stopReplicating('checkout-web-2', 'STOPPED');
      const res = await h.api(users.viewer).get(`${checkout}/dr-health`);
      expect(res.body.servers).toEqual({
        total: 6,
        launchable: 5,
        replicating: 4,
        byState: { CONTINUOUS: 4, STALLED: 1, STOPPED: 1 },
      });
      expect(res.body.canRecoverNow).toBe(false);
      expect(res.body.problems).toContain(
        `checkout-web-2 (${idOf(
          'checkout-web-2',
        )}) cannot be launched: it has no completed point in time (replication is STOPPED): DRS has nothing to launch it from`,
      );
      const catalog = await h.api(users.viewer).get('/dr-health');
      const fromCatalog = catalog.body.items.find(
        (i: { entityRef: string }) => i.entityRef === checkoutRef,
      );
      expect(fromCatalog.servers).toEqual(res.body.servers);
      expect(fromCatalog.problems).toEqual(res.body.problems);
    });
  });

  describe('starting a DRILL', () => {
    it('refuses degraded replication unless allowed, and records the allowance', async () => {
      stopReplicating('checkout-app-2', 'STALLED', 600);
      await expectRefused(
        () => start({ mode: 'DRILL' }),
        400,
        'is STALLED; a drill needs CONTINUOUS replication',
      );
      await expectRefused(
        () => start({ mode: 'DRILL', acceptDataLossSeconds: 60 }),
        400,
        'acceptDataLossSeconds: applies to a RECOVERY only',
      );

      const allowed = await start({
        mode: 'DRILL',
        allowDegradedReplication: true,
      });
      expect(allowed.status).toBe(202);
      expect(allowed.body).toMatchObject({
        mode: 'DRILL',
        allowDegradedReplication: true,
        entityRef: checkoutRef,
      });
      await h.finish(allowed.body.executionId);
    });
  });
});
