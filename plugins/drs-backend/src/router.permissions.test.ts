import { mockCredentials } from '@backstage/backend-test-utils';
import { SourceServer } from '@drs-orchestration/plugin-drs-common';
import {
  ApiHarness,
  entityPath,
  planOfCheckout,
  startApiHarness,
  users,
} from './__testUtils__/apiHarness';

const checkout = entityPath('checkout');

interface RouteCase {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: object;
  /** The permission a caller needs; every route checks one on the entity. */
  permission: string;
}

describe('authentication and permissions', () => {
  let h: ApiHarness;
  let servers: SourceServer[];
  let routes: RouteCase[];

  beforeAll(async () => {
    h = await startApiHarness();
    servers = await h.checkoutServers();
    const plan = await h
      .api(users.sre)
      .post(`${checkout}/plans`)
      .send(planOfCheckout(servers));
    const execution = await h
      .api(users.sre)
      .post(`${checkout}/plans/${plan.body.planId}/executions`)
      .send({ mode: 'DRILL' });
    // Ended, so that its servers are free for the drills below.
    await h.finish(execution.body.executionId);
    const planPath = `${checkout}/plans/${plan.body.planId}`;
    const executionPath = `/executions/${execution.body.executionId}`;
    routes = [
      {
        method: 'get',
        path: `${checkout}/source-servers`,
        permission: 'drs.read',
      },
      { method: 'get', path: `${checkout}/plans`, permission: 'drs.read' },
      {
        method: 'post',
        path: `${checkout}/plans`,
        body: planOfCheckout(servers, 'Forbidden'),
        permission: 'drs.plan.manage',
      },
      { method: 'get', path: planPath, permission: 'drs.read' },
      {
        method: 'put',
        path: planPath,
        body: { ...planOfCheckout(servers, 'Forbidden'), version: 1 },
        permission: 'drs.plan.manage',
      },
      {
        method: 'delete',
        path: `${planPath}?version=1`,
        permission: 'drs.plan.manage',
      },
      {
        method: 'post',
        path: `${checkout}/plans/validate`,
        body: planOfCheckout(servers),
        permission: 'drs.read',
      },
      { method: 'post', path: `${planPath}/validate`, permission: 'drs.read' },
      {
        method: 'post',
        path: `${planPath}/executions`,
        body: { mode: 'DRILL' },
        permission: 'drs.drill.start',
      },
      {
        method: 'post',
        path: `${planPath}/executions`,
        body: { mode: 'RECOVERY' },
        permission: 'drs.recovery.start',
      },
      { method: 'get', path: `${checkout}/executions`, permission: 'drs.read' },
      { method: 'get', path: executionPath, permission: 'drs.read' },
      {
        method: 'get',
        path: `${executionPath}/report`,
        permission: 'drs.read',
      },
      {
        method: 'post',
        path: `${executionPath}/cancel`,
        permission: 'drs.execution.control',
      },
      {
        method: 'post',
        path: `${executionPath}/resume`,
        body: { wave: 'web' },
        permission: 'drs.execution.control',
      },
      {
        method: 'post',
        path: `${executionPath}/terminate`,
        permission: 'drs.execution.control',
      },
      { method: 'get', path: `${checkout}/dr-health`, permission: 'drs.read' },
    ];
  });
  afterAll(() => h.stop());

  const send = (route: RouteCase, user?: string) =>
    h.api(user)[route.method](route.path).send(route.body);

  it('answers 401 to every route but /health without credentials, or with invalid ones', async () => {
    const before = await h.snapshotTables();
    for (const route of [
      ...routes,
      { method: 'get', path: '/dr-health' } as RouteCase,
    ]) {
      const none = await send(route);
      const invalid = await send(route).set(
        'Authorization',
        mockCredentials.user.invalidHeader(),
      );
      for (const res of [none, invalid]) {
        expect([route.path, res.status]).toEqual([route.path, 401]);
        expect(res.body.error.message).toEqual(expect.any(String));
      }
    }
    expect((await h.api().get('/health')).status).toBe(200);
    expect(await h.snapshotTables()).toEqual(before);
  });

  it('answers 403 naming the missing permission on every route, and writes nothing', async () => {
    const before = await h.snapshotTables();
    for (const route of routes) {
      const res = await send(route, users.stranger);
      expect([route.method, route.path, res.status]).toEqual([
        route.method,
        route.path,
        403,
      ]);
      expect(res.body.error.message).toBe(
        `You do not have the ${route.permission} permission for component:default/checkout`,
      );
    }
    expect(await h.snapshotTables()).toEqual(before);
  });

  it('lets a non-owner read a service but not change it, start a drill or control a run', async () => {
    const before = await h.snapshotTables();
    const answers = [];
    for (const route of routes) {
      const res = await send(route, users.viewer);
      answers.push([
        route.method,
        route.path,
        res.status,
        res.body.error?.message,
      ]);
    }
    expect(answers).toEqual(
      routes.map(route =>
        route.permission === 'drs.read'
          ? [route.method, route.path, 200, undefined]
          : [
              route.method,
              route.path,
              403,
              `You do not have the ${route.permission} permission for component:default/checkout`,
            ],
      ),
    );
    expect(await h.snapshotTables()).toEqual(before);
  });

  it('lets an owner drill (202) but not recover (403), which takes drs.recovery.start', async () => {
    const plan = await h
      .api(users.owner)
      .post(`${checkout}/plans`)
      .send({
        name: 'Web only',
        waves: [
          {
            name: 'web',
            sourceServerIds: servers
              .filter(s => s.tags.Tier === 'web')
              .map(s => s.sourceServerId),
          },
        ],
      });
    expect(plan.status).toBe(201);
    const startPath = `${checkout}/plans/${plan.body.planId}/executions`;

    const recovery = await h
      .api(users.owner)
      .post(startPath)
      .send({ mode: 'RECOVERY' });
    expect(recovery.status).toBe(403);
    expect(recovery.body.error.message).toBe(
      'You do not have the drs.recovery.start permission for component:default/checkout',
    );

    const drill = await h
      .api(users.owner)
      .post(startPath)
      .send({ mode: 'DRILL' });
    expect(drill.status).toBe(202);
    expect(drill.body.mode).toBe('DRILL');
    await h.finish(drill.body.executionId);

    const sreRecovery = await h
      .api(users.sre)
      .post(startPath)
      .send({ mode: 'RECOVERY', acceptDataLossSeconds: 3600 });
    expect(sreRecovery.status).toBe(202);
    expect(sreRecovery.body).toMatchObject({
      mode: 'RECOVERY',
      initiatedBy: users.sre,
    });
    await h.finish(sreRecovery.body.executionId);
  });

  it("finds a plan only through its own entity's routes", async () => {
    const payments = await h
      .api(users.sre)
      .post(`${entityPath('payments')}/plans`)
      .send({
        name: 'Payments API',
        waves: [{ name: 'api', sourceServerIds: ['s-00000000000000p01'] }],
      });
    const elsewhere = `${entityPath('checkout')}/plans/${payments.body.planId}`;
    const before = await h.snapshotTables();
    const read = await h.api(users.sre).get(elsewhere);
    expect(read.status).toBe(404);
    const launch = await h
      .api(users.sre)
      .post(`${elsewhere}/executions`)
      .send({ mode: 'DRILL' });
    expect(launch.status).toBe(404);
    expect(await h.snapshotTables()).toEqual(before);
  });

  it("checks the permission on the execution's own entity", async () => {
    const payments = await h
      .api(users.sre)
      .post(`${entityPath('payments')}/plans`)
      .send({
        name: 'Payments API',
        waves: [{ name: 'api', sourceServerIds: ['s-00000000000000p01'] }],
      });
    const execution = await h
      .api(users.sre)
      .post(
        `${entityPath('payments')}/plans/${payments.body.planId}/executions`,
      )
      .send({ mode: 'DRILL' });
    expect(execution.status).toBe(202);

    // The checkout owner may control checkout's runs, not those of payments.
    const res = await h
      .api(users.owner)
      .post(`/executions/${execution.body.executionId}/cancel`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You do not have the drs.execution.control permission for component:default/payments',
    );
    const read = await h
      .api(users.owner)
      .get(`/executions/${execution.body.executionId}`);
    expect(read.status).toBe(403);
  });
});
