import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RecoveryPlan,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import request from 'supertest';
import { drsPlugin } from './plugin';
import { startLocalAws, LocalAws } from './__testUtils__/localAws';
import { testEntities } from './__testUtils__/entities';
import { planOfCheckout } from './__testUtils__/apiHarness';

const alice = mockCredentials.user('user:default/alice');
const checkoutPath = '/api/drs/entities/component/default/checkout';

describe('drs backend plugin', () => {
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws();
  });
  afterAll(async () => {
    await aws.stop();
  });

  async function startBackend(
    permissionResult:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    const { server } = await startTestBackend({
      features: [
        drsPlugin,
        mockServices.rootConfig.factory({ data: aws.config }),
        catalogServiceMock.factory({ entities: testEntities }),
        mockServices.permissions.factory({ result: permissionResult }),
      ],
    });
    return server;
  }

  it('answers health without credentials', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/drs/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it("lists an entity's source servers from DRS with replication state and lag", async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(`${checkoutPath}/source-servers`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(res.status).toBe(200);
    expect(res.body.region).toBe('us-east-1');
    const hostnames = res.body.items.map((s: SourceServer) => s.hostname);
    expect(hostnames).toEqual([
      'checkout-app-1',
      'checkout-app-2',
      'checkout-db-1',
      'checkout-db-2',
      'checkout-web-1',
      'checkout-web-2',
    ]);
    expect(res.body.items[0]).toMatchObject({
      replicationState: 'CONTINUOUS',
      lagSeconds: 5,
      tags: { Application: 'checkout', Tier: 'app' },
    });
    expect(res.body.items[0].sourceServerId).toMatch(/^s-[0-9a-zA-Z]{17}$/);
  });

  it('selects servers by ID when the entity lists them', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/drs/entities/component/default/payments/source-servers')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((s: SourceServer) => [s.hostname, s.replicationState]),
    ).toEqual([
      ['payments-api-1', 'CONTINUOUS'],
      ['payments-batch-1', 'STALLED'],
    ]);
  });

  it('stores plans in DynamoDB so that a restarted backend still lists them', async () => {
    let server = await startBackend();
    const servers = (
      await request(server)
        .get(`${checkoutPath}/source-servers`)
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
    ).body.items as SourceServer[];

    const created = await request(server)
      .post(`${checkoutPath}/plans`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send(planOfCheckout(servers, 'Checkout full stack'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Checkout full stack',
      entityRef: 'component:default/checkout',
      createdBy: alice.principal.userEntityRef,
      defaultMode: 'DRILL',
      version: 1,
    });
    expect(created.body.waves.map((w: { name: string }) => w.name)).toEqual([
      'db',
      'app',
      'web',
    ]);

    server = await startBackend();
    const listed = await request(server)
      .get(`${checkoutPath}/plans`)
      .set('Authorization', mockCredentials.user.header());
    expect(listed.status).toBe(200);
    const plan = listed.body.items.find(
      (p: RecoveryPlan) => p.planId === created.body.planId,
    );
    expect(plan).toEqual(created.body);
  });

  it('refuses requests without credentials', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(`${checkoutPath}/plans`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('refuses a caller without the permission and writes nothing', async () => {
    const denied = await startBackend(AuthorizeResult.DENY);
    const res = await request(denied)
      .post(`${checkoutPath}/plans`)
      .set('Authorization', mockCredentials.user.header())
      .send({
        name: 'Not allowed',
        waves: [{ name: 'w', sourceServerIds: ['s-00000000000000p01'] }],
      });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('drs.plan.manage');

    const allowed = await startBackend();
    const listed = await request(allowed)
      .get(`${checkoutPath}/plans`)
      .set('Authorization', mockCredentials.user.header());
    expect(listed.body.items.map((p: RecoveryPlan) => p.name)).not.toContain(
      'Not allowed',
    );
  });

  it('answers 404 for an entity that is not in the catalog and 400 for one without DRS annotations', async () => {
    const server = await startBackend();
    const missing = await request(server)
      .get('/api/drs/entities/component/default/nope/plans')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('component:default/nope');

    const plain = await request(server)
      .get('/api/drs/entities/component/default/docs/source-servers')
      .set('Authorization', mockCredentials.user.header());
    expect(plain.status).toBe(400);
    expect(plain.body.error.message).toContain(
      'aws.amazon.com/drs-source-server-tags',
    );
  });
});
