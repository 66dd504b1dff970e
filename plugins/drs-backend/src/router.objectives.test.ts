import {
  ANNOTATION_DRS_RPO,
  ANNOTATION_DRS_RTO,
  DrObjectives,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { serviceEntity } from '@drs-orchestration/drs-testkit';
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
import {
  checkoutEntity,
  docsEntity,
  paymentsEntity,
} from './__testUtils__/entities';

const checkout = entityPath('checkout');
const payments = entityPath('payments');

/** Checkout states a 1-hour RTO and a 15-minute RPO; payments an RPO that is no duration. */
const entities = [
  serviceEntity('checkout', 'group:default/team-checkout', {
    ...checkoutEntity.metadata.annotations,
    [ANNOTATION_DRS_RTO]: 'PT1H',
    [ANNOTATION_DRS_RPO]: 'PT15M',
  }),
  serviceEntity('payments', 'group:default/team-payments', {
    ...paymentsEntity.metadata.annotations,
    [ANNOTATION_DRS_RTO]: 'PT4H',
    [ANNOTATION_DRS_RPO]: '15 minutes',
  }),
  docsEntity,
];

describe('recovery objectives in DR health, plans and reports', () => {
  let h: ApiHarness;
  let servers: SourceServer[];

  const objectivesOf = async (path: string): Promise<DrObjectives> => {
    const res = await h.api(users.viewer).get(`${path}/dr-health`);
    expect(res.status).toBe(200);
    return res.body.objectives;
  };
  const savePlan = (plan: object) =>
    h.api(users.owner).post(`${checkout}/plans`).send(plan);
  const snapshotReads = () =>
    h.aws.simulator.calls().byOperation.DescribeRecoverySnapshots ?? 0;

  beforeAll(async () => {
    h = await startApiHarness({ entities });
    servers = await h.checkoutServers();
  });
  afterAll(() => h.stop());

  it("holds checkout's annotations against its servers' points in time, reading a page per server", async () => {
    const before = snapshotReads();
    const objectives = await objectivesOf(checkout);
    expect(snapshotReads() - before).toBe(servers.length);
    expect(objectives).toMatchObject({
      problems: [],
      plans: [],
      rto: {
        status: 'never-drilled',
        objective: 'PT1H',
        objectiveSeconds: 3600,
        source: 'entity',
        reason: 'Never drilled, and there is no recovery plan',
      },
      rpo: {
        objective: 'PT15M',
        objectiveSeconds: 900,
        serverCount: servers.length,
      },
    });
    expect(objectives.rpo?.worstServer?.pointInTimeAt).toBeDefined();
    expect(['met', 'at-risk']).toContain(objectives.rpo?.status);
  });

  it('a plan overrides the entity; a bad duration is a 400 naming the field', async () => {
    const bad = await savePlan({
      ...planOfCheckout(servers, 'Bad'),
      rto: 'PT20M',
      rpo: '15m',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'rpo: "15m" is not an ISO 8601 duration',
    );
    const slip = await savePlan({ ...planOfCheckout(servers), rto: 'P1M' });
    expect(slip.status).toBe(400);
    expect(slip.body.error.message).toContain('one minute is PT1M');

    const plan = await savePlan({
      ...planOfCheckout(servers, 'Fast'),
      rto: 'PT20M',
    });
    expect(plan.status).toBe(201);
    expect(plan.body.rto).toBe('PT20M');
    const neverDrilled = await objectivesOf(checkout);
    expect(neverDrilled.rto).toMatchObject({
      status: 'never-drilled',
      source: 'plan',
      objectiveSeconds: 1200,
      upperBoundSeconds: 360 * 60,
    });

    await h.executions.create(
      storedExecution({
        planId: plan.body.planId,
        planName: 'Fast',
        status: 'COMPLETED',
        createdAt: new Date(Date.now() - 3_600_000),
        endedAfter: 1000,
        waves: [],
      }),
    );
    const drilled = await objectivesOf(checkout);
    expect(drilled.rto).toMatchObject({
      status: 'at-risk',
      measuredSeconds: 1000,
      objectiveSeconds: 1200,
      reason:
        'The last successful drill recovered in 16m 40s of 20m (83%): within 80% of the RTO',
    });
    expect(drilled.plans).toEqual([
      expect.objectContaining({
        planId: plan.body.planId,
        planName: 'Fast',
        rto: expect.objectContaining({ status: 'at-risk' }),
        rpo: expect.objectContaining({ source: 'entity' }),
      }),
    ]);
  });

  it('a start records the objectives in force; the reports state them beside the measurement', async () => {
    const [plan] = (await h.api(users.owner).get(`${checkout}/plans`)).body
      .items;
    const started = await h
      .api(users.sre)
      .post(`${checkout}/plans/${plan.planId}/executions`)
      .send({ mode: 'DRILL' });
    expect(started.status).toBe(202);
    expect(started.body.objectives).toEqual({
      rto: { seconds: 1200, iso: 'PT20M', source: 'plan' },
      rpo: { seconds: 900, iso: 'PT15M', source: 'entity' },
    });
    const { executionId } = started.body;
    // Ended as the engine would leave a drill that ran from its creation.
    const running = await h.executions.get(executionId);
    await h.executions.update({
      ...running,
      status: 'COMPLETED',
      startedAt: running.createdAt,
      endedAt: new Date().toISOString(),
    });
    const json = await h
      .api(users.viewer)
      .get(`/executions/${executionId}/report`);
    expect(json.body.objectives.rto).toMatchObject({
      objective: 'PT20M',
      objectiveSeconds: 1200,
      source: 'plan',
      status: 'met',
    });
    const markdown = await h
      .api(users.viewer)
      .get(`/executions/${executionId}/report?format=markdown`);
    expect(markdown.text).toMatch(
      /- Measured recovery time: \d+ s \(the plan's RTO PT20M = 1200 s: met\)/,
    );
  });

  it('an annotation that is not a duration is a configuration problem, never a 500', async () => {
    const objectives = await objectivesOf(payments);
    expect(objectives.problems).toEqual([
      {
        field: ANNOTATION_DRS_RPO,
        value: '15 minutes',
        message: expect.stringContaining('is not an ISO 8601 duration'),
      },
    ]);
    expect(objectives.rpo).toBeUndefined();
    expect(objectives.rto?.status).toBe('never-drilled');
    expect(objectives.status).toBe('invalid');
  });

  it('the ops page gets every service with its objectives; stopped replication breaches the RPO', async () => {
    const [web] = servers.filter(s => s.tags.Tier === 'web');
    h.aws.simulator.setReplication({
      sourceServer: web.hostname,
      replicationState: 'STALLED',
      lagSeconds: 3600,
    });
    try {
      const res = await h.api(users.viewer).get('/dr-health');
      expect(res.status).toBe(200);
      const byRef = Object.fromEntries(
        res.body.items.map((i: { entityRef: string }) => [i.entityRef, i]),
      );
      expect(byRef[paymentsRef].objectives.status).toBe('invalid');
      expect(byRef[checkoutRef].objectives).toMatchObject({
        status: 'breached',
        rpo: {
          status: 'breached',
          worstServer: {
            sourceServerId: web.sourceServerId,
            lagSeconds: 3600,
          },
        },
      });
      // The stall froze its points in time: the latest is older than the lag, and counts.
      const worst = byRef[checkoutRef].objectives.rpo.worstServer;
      expect(worst.pointInTimeAgeSeconds).toBeGreaterThan(3600);
      expect(worst.exposureSeconds).toBe(worst.pointInTimeAgeSeconds);
    } finally {
      h.aws.simulator.reset();
    }
  });

  it('DRS unreachable leaves the RPO unknown, never met', async () => {
    h.aws.simulator.setFaults({ internalErrorShare: 1 });
    try {
      const objectives = await objectivesOf(checkout);
      expect(objectives.rpo?.status).toBe('unknown');
      expect(objectives.rpo?.reason).toMatch(/^DRS could not be asked/);
    } finally {
      h.aws.simulator.setFaults({ internalErrorShare: 0 });
    }
  });
});
