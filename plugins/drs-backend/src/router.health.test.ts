import {
  ApiHarness,
  checkoutRef,
  entityPath,
  paymentsRef,
  planOfCheckout,
  startApiHarness,
  storedExecution,
  users,
} from './__testUtils__/apiHarness';

const checkout = entityPath('checkout');
const payments = entityPath('payments');

describe('DR health routes', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.stop());

  it("judges one service from DRS's servers, its plans and its last drill", async () => {
    const untested = await h.api(users.viewer).get(`${checkout}/dr-health`);
    expect(untested.status).toBe(200);
    expect(untested.body).toMatchObject({
      entityRef: checkoutRef,
      servers: { total: 6, launchable: 6, byState: { CONTINUOUS: 6 } },
      worstLagSeconds: 10,
      planCount: 0,
      canRecoverNow: false,
      problems: ['No recovery plan', 'Never drilled'],
    });

    const servers = await h.checkoutServers();
    const plan = await h
      .api(users.owner)
      .post(`${checkout}/plans`)
      .send(planOfCheckout(servers));
    expect(plan.status).toBe(201);
    const drill = storedExecution({
      planId: plan.body.planId,
      status: 'COMPLETED',
      createdAt: new Date(Date.now() - 3_600_000),
      endedAfter: 754,
      waves: [
        {
          name: 'db',
          sourceServerIds: servers.map(s => s.sourceServerId),
          status: 'COMPLETED',
        },
      ],
    });
    await h.executions.create(drill);

    const healthy = await h.api(users.viewer).get(`${checkout}/dr-health`);
    expect(healthy.body).toMatchObject({
      planCount: 1,
      canRecoverNow: true,
      problems: [],
      activeExecutions: [],
      lastDrill: {
        executionId: drill.executionId,
        status: 'COMPLETED',
        recoverySeconds: 754,
      },
    });
  });

  it('reports a STALLED server, which a recovery launches from its last point in time', async () => {
    const res = await h.api(users.sre).get(`${payments}/dr-health`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: paymentsRef,
      servers: {
        total: 2,
        launchable: 2,
        replicating: 1,
        byState: { CONTINUOUS: 1, STALLED: 1 },
      },
    });
    expect(res.body.worstLagSeconds).toBeGreaterThanOrEqual(5400);
    expect(res.body.problems).toContain(
      '1 server is STALLED, not replicating: drills refuse it, and a recovery launches it from the last point in time',
    );
  });

  it('summarises every annotated service of the catalog, only those the caller may read', async () => {
    const all = await h.api(users.viewer).get('/dr-health');
    expect(all.status).toBe(200);
    const byRef = Object.fromEntries(
      all.body.items.map((i: { entityRef: string }) => [i.entityRef, i]),
    );
    expect(Object.keys(byRef).sort()).toEqual([checkoutRef, paymentsRef]);
    expect(byRef[paymentsRef]).toMatchObject({
      owner: 'group:default/team-payments',
      canRecoverNow: false,
      problems: expect.arrayContaining([
        '1 server is STALLED, not replicating: drills refuse it, and a recovery launches it from the last point in time',
      ]),
    });
    expect(byRef[checkoutRef].servers.total).toBe(6);

    const owner = await h.api(users.owner).get('/dr-health');
    expect(
      owner.body.items.map((i: { entityRef: string }) => i.entityRef),
    ).toEqual([checkoutRef]);
    const stranger = await h.api(users.stranger).get('/dr-health');
    expect(stranger.status).toBe(200);
    expect(stranger.body).toEqual({ items: [] });
  });

  it('reports DRS being unreachable: 503 where DRS is needed, a health problem otherwise', async () => {
    h.aws.simulator.setFaults({ internalErrorShare: 1 });
    try {
      const servers = await h
        .api(users.viewer)
        .get(`${checkout}/source-servers`);
      expect(servers.status).toBe(503);
      expect(servers.body.error.message).toMatch(
        /^DRS in 111122223333\/us-east-1 could not be reached \(InternalServerException/,
      );

      const health = await h.api(users.viewer).get(`${checkout}/dr-health`);
      expect(health.status).toBe(200);
      expect(health.body.canRecoverNow).toBe(false);
      expect(health.body.problems[0]).toMatch(
        /^DRS could not be asked: DRS in 111122223333\/us-east-1 could not be reached/,
      );
    } finally {
      h.aws.simulator.setFaults({ internalErrorShare: 0 });
    }
  });
});
