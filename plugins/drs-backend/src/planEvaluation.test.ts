import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DEFAULT_DRS_QUOTAS,
  PlanEvaluationItem,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import {
  localDynamoClients,
  TEST_REGION,
} from '@drs-orchestration/drs-testkit';
import {
  ApiHarness,
  checkoutRef,
  entityPath,
  planOfCheckout,
  startApiHarness,
  users,
} from './__testUtils__/apiHarness';
import { testEntities } from './__testUtils__/entities';
import { localDrsGateway } from './__testUtils__/localAws';
import { DynamoPlanEvaluationStore } from './services/DynamoStore/DynamoPlanEvaluationStore';
import { createPlanEvaluator } from './services/PlanEvaluator/createPlanEvaluator';

const checkout = entityPath('checkout');

/** The DRS reads a pass made, by operation. */
function drsReads(
  before: Record<string, number>,
  after: Record<string, number>,
) {
  const diff = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
  return {
    DescribeSourceServers: diff('DescribeSourceServers'),
    DescribeRecoverySnapshots: diff('DescribeRecoverySnapshots'),
    total: Object.keys(after).reduce((n, op) => n + diff(op), 0),
  };
}

describe('continuous plan evaluation', () => {
  let h: ApiHarness;
  let servers: SourceServer[];
  let store: DynamoPlanEvaluationStore;
  const sent: Parameters<NotificationService['send']>[0][] = [];

  /** One replica's evaluator over the harness's tables, DRS simulator and catalog. */
  const replica = () =>
    createPlanEvaluator({
      store,
      gateway: localDrsGateway(h.aws.simulator.endpoint),
      catalog: catalogServiceMock({ entities: testEntities }),
      auth: mockServices.auth(),
      notifications: {
        send: async notification => {
          sent.push(notification);
        },
      },
      logger: mockServices.logger.mock(),
      quotas: DEFAULT_DRS_QUOTAS,
      defaultRegion: TEST_REGION,
    });

  const savePlan = async (name: string, fields: object = {}) => {
    const res = await h
      .api(users.sre)
      .post(`${checkout}/plans`)
      .send({ ...planOfCheckout(servers, name), ...fields });
    expect(res.status).toBe(201);
    return res.body.planId as string;
  };

  const listed = async (user = users.sre, query = '') => {
    const res = await h.api(user).get(`/plan-evaluations${query}`);
    expect(res.status).toBe(200);
    return res.body as {
      items: PlanEvaluationItem[];
      lastEvaluation?: { plans: number; failing: number };
    };
  };

  beforeAll(async () => {
    // The plugin's own evaluator stays off: the tests run theirs, pass by pass.
    h = await startApiHarness({
      drs: { engine: { enabled: false }, planEvaluation: { enabled: false } },
    });
    servers = await h.checkoutServers();
    const { documents } = localDynamoClients(h.aws.dynamodbEndpoint);
    store = new DynamoPlanEvaluationStore(
      documents,
      h.aws.tables.plans,
      h.aws.tables.executions,
    );
  });
  afterAll(() => h.stop());

  it('reads DRS per account and region: 1 plan or 25 cost the same calls', async () => {
    await savePlan('Plan 0', { rpo: 'PT6H' });
    let before = h.aws.simulator.calls().byOperation;
    const one = await replica().runOnce();
    const oneCost = drsReads(before, h.aws.simulator.calls().byOperation);
    expect(one).toMatchObject({ plans: 1, failing: 0, locations: 1 });
    // One sweep of the location; each of checkout's six servers' newest points in time, for the RPO.
    expect(oneCost).toEqual({
      DescribeSourceServers: 1,
      DescribeRecoverySnapshots: 6,
      total: 7,
    });

    for (let n = 1; n < 25; n++) {
      await savePlan(`Plan ${n}`, n % 2 ? { rpo: 'PT6H' } : {});
    }
    before = h.aws.simulator.calls().byOperation;
    const many = await replica().runOnce();
    expect(many).toMatchObject({
      plans: 25,
      failing: 0,
      degraded: 0,
      unknown: 0,
      locations: 1,
    });
    expect(drsReads(before, h.aws.simulator.calls().byOperation)).toEqual(
      oneCost,
    );
    expect(await store.listEvaluations()).toHaveLength(25);
    expect((await listed()).items).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('a plan whose server stopped replicating fails; its owners hear it once, again after it recovered', async () => {
    const db1 = servers.find(s => s.hostname === 'checkout-db-1')!;
    h.aws.simulator.setReplication({
      sourceServer: db1.sourceServerId,
      replicationState: 'STOPPED',
    });

    // Two replicas at once: one writes the turn to failing and notifies, the other lost the race.
    const passes = await Promise.all([
      replica().runOnce(),
      replica().runOnce(),
    ]);
    expect(passes.map(p => p.failing)).toEqual([25, 25]);
    expect(passes.flatMap(p => p.notified)).toHaveLength(25);
    expect(sent).toHaveLength(25);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: checkoutRef },
      payload: {
        severity: 'high',
        title: expect.stringMatching(
          /^DR plan Plan \d+ would not recover now$/,
        ),
        description: expect.stringContaining('checkout-db-1'),
      },
    });

    const body = await listed();
    expect(body.lastEvaluation).toMatchObject({ plans: 25, failing: 25 });
    expect(body.items).toHaveLength(25);
    const [first] = body.items;
    expect(first).toMatchObject({
      entityRef: checkoutRef,
      status: 'fail',
      failingSince: expect.any(String),
      reasons: expect.arrayContaining([
        expect.objectContaining({
          kind: 'not-replicating',
          severity: 'error',
          sourceServerId: db1.sourceServerId,
          message: expect.stringContaining('replication is STOPPED'),
        }),
      ]),
    });

    const readiness = await h.api().get('/health/readiness');
    expect(readiness.body.lastEvaluation).toMatchObject({
      plansEvaluated: 25,
      failing: 25,
      completedAt: expect.any(String),
    });

    // Still failing: nobody is told again.
    await replica().runOnce();
    expect(sent).toHaveLength(25);
    const stillFailing = await listed();
    expect(stillFailing.items[0].failingSince).toBe(first.failingSince);

    // Replicating again: the plans without an RPO pass at once, those with one wait for a new
    // point in time (stopping deleted them) and keep failing, so are not told again either.
    h.aws.simulator.setReplication({
      sourceServer: db1.sourceServerId,
      replicationState: 'CONTINUOUS',
    });
    const recovered = await replica().runOnce();
    expect(recovered.failing).toBe(13);
    expect(recovered.notified).toEqual([]);

    h.aws.simulator.setReplication({
      sourceServer: db1.sourceServerId,
      replicationState: 'STOPPED',
    });
    const again = await replica().runOnce();
    expect(again.failing).toBe(25);
    expect(again.notified).toHaveLength(12);
    expect(sent).toHaveLength(37);
  });

  it('lists only the plans of entities the caller may read, and filters by standing', async () => {
    expect((await listed(users.owner)).items).toHaveLength(25);
    expect((await listed(users.stranger)).items).toEqual([]);
    expect((await listed(users.sre, '?status=degraded')).items).toEqual([]);
    expect(
      (await listed(users.sre, '?status=fail,degraded')).items,
    ).toHaveLength(25);
    const own = await h.api(users.viewer).get(`${checkout}/plan-evaluations`);
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(25);
  });
});

describe('GET /plan-evaluations, bad input', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({
      drs: { engine: { enabled: false }, planEvaluation: { enabled: false } },
    });
  });
  afterAll(() => h.stop());

  it.each([
    [
      '/plan-evaluations?status=broken',
      'status: must be a comma-separated list of pass, fail, degraded, unknown',
    ],
    ['/plan-evaluations?status=fail,', 'status'],
    ['/plan-evaluations?page=2', 'Unrecognized key'],
    [`${checkout}/plan-evaluations?status=nope`, 'status'],
    ['/entities/comp%20onent/default/checkout/plan-evaluations', 'kind'],
  ])('%s is a 400 naming the problem', async (path, message) => {
    const res = await h.api(users.sre).get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('an entity the catalog does not have is a 404; one the caller may not read a 403', async () => {
    const missing = await h
      .api(users.sre)
      .get(`${entityPath('nowhere')}/plan-evaluations`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('component:default/nowhere');
    const denied = await h
      .api(users.stranger)
      .get(`${checkout}/plan-evaluations`);
    expect(denied.status).toBe(403);
  });

  it('asks for credentials', async () => {
    expect((await h.api().get('/plan-evaluations')).status).toBe(401);
  });
});
