import {
  RecoveryPlan,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import {
  ApiHarness,
  checkoutRef,
  entityPath,
  planOfCheckout,
  startApiHarness,
  users,
} from './__testUtils__/apiHarness';

const checkout = entityPath('checkout');
const payments = entityPath('payments');

describe('plan routes', () => {
  let h: ApiHarness;
  let servers: SourceServer[];
  const owner = () => h.api(users.owner);

  beforeAll(async () => {
    h = await startApiHarness();
    servers = await h.checkoutServers();
  });
  afterAll(() => h.stop());

  async function createPlan(name: string) {
    const res = await owner()
      .post(`${checkout}/plans`)
      .send(planOfCheckout(servers, name));
    expect(res.status).toBe(201);
    return res.body as RecoveryPlan;
  }

  it('creates, reads, lists, updates and deletes a plan', async () => {
    const created = await createPlan('Lifecycle');
    expect(created).toMatchObject({
      entityRef: checkoutRef,
      version: 1,
      defaultMode: 'DRILL',
      timeoutMinutes: 360,
      createdBy: users.owner,
    });
    expect(created.waves[0]).toEqual({
      name: 'db',
      sourceServerIds: expect.any(Array),
      waitFor: 'LAUNCHED',
      pauseBefore: false,
      dependsOn: [],
    });
    const planPath = `${checkout}/plans/${created.planId}`;

    const read = await owner().get(planPath);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created);

    const listed = await owner().get(`${checkout}/plans`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(created);

    const updated = await h
      .api(users.sre)
      .put(planPath)
      .send({
        ...planOfCheckout(servers, 'Lifecycle renamed'),
        timeoutMinutes: 90,
        version: 1,
      });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'Lifecycle renamed',
      timeoutMinutes: 90,
      version: 2,
      createdBy: users.owner,
      updatedBy: users.sre,
    });
    expect(await h.plans.get(checkoutRef, created.planId)).toEqual(
      updated.body,
    );

    const deleted = await owner().delete(`${planPath}?version=2`);
    expect(deleted.status).toBe(204);
    expect((await owner().get(planPath)).status).toBe(404);
  });

  describe('refuses a plan that breaks a rule, naming the rule, and stores nothing', () => {
    const id = (n: number) => `s-${String(n).padStart(17, '0')}`;
    const wave = (name: string, ids: string[], extra: object = {}) => ({
      name,
      sourceServerIds: ids,
      ...extra,
    });
    const rules: [string, object, RegExp][] = [
      [
        'empty waves',
        { name: 'p', waves: [] },
        /waves: A plan needs at least one wave/,
      ],
      [
        'a server in two waves',
        { name: 'p', waves: [wave('a', [id(1)]), wave('b', [id(1)])] },
        /waves\[1\]\.sourceServerIds: Server s-0+1 is already in wave "a"/,
      ],
      [
        'a wave over 100 servers',
        {
          name: 'p',
          waves: [
            wave(
              'big',
              Array.from({ length: 101 }, (_, n) => id(n)),
            ),
          ],
        },
        /Wave "big" has 101 servers; DRS launches at most 100/,
      ],
      [
        'duplicate wave names',
        { name: 'p', waves: [wave('a', [id(1)]), wave('a', [id(2)])] },
        /waves\[1\]\.name: Wave name "a" is already used by wave 1/,
      ],
      [
        'an unknown dependsOn',
        {
          name: 'p',
          waves: [wave('a', [id(1)], { dependsOn: ['nope'] })],
        },
        /depends on "nope", which is not a wave of this plan/,
      ],
      [
        'a dependency cycle',
        {
          name: 'p',
          waves: [
            wave('a', [id(1)], { dependsOn: ['b'] }),
            wave('b', [id(2)], { dependsOn: ['a'] }),
          ],
        },
        /Wave dependencies form a cycle: a → b → a/,
      ],
      [
        'a bad server ID format',
        { name: 'p', waves: [wave('a', ['i-123'])] },
        /waves\[0\]\.sourceServerIds\[0\]: Source server IDs look like s-/,
      ],
      [
        'an unknown field of the plan',
        { name: 'p', owner: 'me', waves: [wave('a', [id(1)])] },
        /Unrecognized key\(s\) in object: 'owner'/,
      ],
      [
        'an unknown field of a wave',
        { name: 'p', waves: [wave('a', [id(1)], { parallel: true })] },
        /waves\[0\]: Unrecognized key\(s\) in object: 'parallel'/,
      ],
      [
        'a name of the wrong type',
        { name: 42, waves: [wave('a', [id(1)])] },
        /name: Expected string, received number/,
      ],
      [
        'a timeout given as a string',
        { name: 'p', timeoutMinutes: '60', waves: [wave('a', [id(1)])] },
        /timeoutMinutes: Expected number, received string/,
      ],
      [
        'a flag given as a string',
        { name: 'p', waves: [wave('a', [id(1)], { pauseBefore: 'yes' })] },
        /waves\[0\]\.pauseBefore: Expected boolean, received string/,
      ],
      ...stepRules(),
    ];

    /** Steps around a wave the schema or the plan's rules refuse: each names its field. */
    function stepRules(): [string, object, RegExp][] {
      const withSteps = (steps: { before?: object[]; after?: object[] }) => ({
        name: 'p',
        waves: [wave('a', [id(1)], steps)],
      });
      const automation = (extra: object = {}) => ({
        type: 'automation',
        name: 'drain',
        documentName: 'Checkout-Drain',
        ...extra,
      });
      const waits = (count: number, prefix: string) =>
        Array.from({ length: count }, (_, n) => ({
          type: 'wait',
          name: `${prefix} ${n}`,
          seconds: 10,
        }));
      return [
        [
          'a step of an unknown type',
          withSteps({ before: [{ type: 'script', name: 'run it' }] }),
          /waves\[0\]\.before\[0\]\.type: A step is of type automation, approval or wait/,
        ],
        [
          'an automation step without a document name',
          withSteps({ before: [automation({ documentName: undefined })] }),
          /waves\[0\]\.before\[0\]\.documentName: An automation step names the SSM document to run/,
        ],
        [
          'a parameter value that is not a string',
          withSteps({ after: [automation({ parameters: { Port: 443 } })] }),
          /waves\[0\]\.after\[0\]\.parameters\.Port: Parameter values are strings or lists of strings/,
        ],
        [
          'a negative step timeout',
          withSteps({ before: [automation({ timeoutSeconds: -5 })] }),
          /waves\[0\]\.before\[0\]\.timeoutSeconds: A step timeout is at least 10 seconds/,
        ],
        [
          'an absurd step timeout',
          withSteps({ before: [automation({ timeoutSeconds: 1e12 })] }),
          /waves\[0\]\.before\[0\]\.timeoutSeconds: A step timeout is at most 604800 seconds/,
        ],
        [
          'an absurd wait',
          withSteps({ after: [{ type: 'wait', name: 'w', seconds: 1e9 }] }),
          /waves\[0\]\.after\[0\]\.seconds: A wait is at most 86400 seconds/,
        ],
        [
          'an unknown onFailure',
          withSteps({ before: [automation({ onFailure: 'retry' })] }),
          /waves\[0\]\.before\[0\]\.onFailure: onFailure is fail or continue/,
        ],
        [
          'too many steps in a wave',
          withSteps({ before: waits(6, 'before'), after: waits(5, 'after') }),
          /Wave "a" has 11 steps; a wave has at most 10/,
        ],
        [
          'two steps of one name in a wave',
          withSteps({ before: [automation()], after: [automation()] }),
          /waves\[0\]\.after\[0\]\.name: Step name "drain" is already used/,
        ],
      ];
    }

    it.each(rules)('%s', async (_rule, body, message) => {
      const { planId, version } = await createPlan('Rules target');
      const before = await h.snapshotTables();

      const created = await owner().post(`${checkout}/plans`).send(body);
      const updated = await owner()
        .put(`${checkout}/plans/${planId}`)
        .send({ ...body, version });

      for (const res of [created, updated]) {
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      expect(await h.snapshotTables()).toEqual(before);
    });

    it('locates each cross-field issue at its field, once', async () => {
      const duplicates = await owner()
        .post(`${checkout}/plans`)
        .send({ name: 'p', waves: [wave('a', [id(1)]), wave('a', [id(1)])] });
      expect(duplicates.status).toBe(400);
      expect(duplicates.body.issues).toEqual([
        {
          path: 'waves[1].name',
          message: 'Wave name "a" is already used by wave 1',
          severity: 'error',
        },
        {
          path: 'waves[1].sourceServerIds',
          message: expect.stringContaining('already in wave "a"'),
          severity: 'error',
        },
      ]);

      const selfDependent = await owner()
        .post(`${checkout}/plans`)
        .send({ name: 'p', waves: [wave('a', [id(1)], { dependsOn: ['a'] })] });
      expect(selfDependent.body.issues).toEqual([
        {
          path: 'waves[0].dependsOn',
          message: 'Wave "a" cannot depend on itself',
          severity: 'error',
        },
      ]);
    });
  });

  it('answers 409 to an update or delete naming a stale version, and keeps the newer plan', async () => {
    const plan = await createPlan('Stale');
    const planPath = `${checkout}/plans/${plan.planId}`;
    const first = await owner()
      .put(planPath)
      .send({ ...planOfCheckout(servers, 'Stale v2'), version: 1 });
    expect(first.status).toBe(200);

    const stalePut = await owner()
      .put(planPath)
      .send({ ...planOfCheckout(servers, 'Stale lost'), version: 1 });
    expect(stalePut.status).toBe(409);
    expect(stalePut.body.error.message).toMatch(
      /version 1 is no longer current\)\. Reload it/,
    );
    const staleDelete = await owner().delete(`${planPath}?version=1`);
    expect(staleDelete.status).toBe(409);
    expect(staleDelete.body.error.message).toMatch(/Reload it before deleting/);

    expect(await h.plans.get(checkoutRef, plan.planId)).toMatchObject({
      name: 'Stale v2',
      version: 2,
    });
  });

  it('lets exactly one of two racing updates of the same version win', async () => {
    const plan = await createPlan('Race');
    const planPath = `${checkout}/plans/${plan.planId}`;
    const [a, b] = await Promise.all(
      ['Race A', 'Race B'].map(name =>
        owner()
          .put(planPath)
          .send({ ...planOfCheckout(servers, name), version: 1 }),
      ),
    );
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    expect(await h.plans.get(checkoutRef, plan.planId)).toEqual(winner.body);
    expect(winner.body.version).toBe(2);
  });

  it('keeps the launch lock of an active execution when the plan is updated', async () => {
    const plan = await createPlan('Locked');
    const started = await owner()
      .post(`${checkout}/plans/${plan.planId}/executions`)
      .send({ mode: 'DRILL' });
    expect(started.status).toBe(202);

    const updated = await owner()
      .put(`${checkout}/plans/${plan.planId}`)
      .send({ ...planOfCheckout(servers, 'Locked v2'), version: 1 });
    expect(updated.status).toBe(200);

    const { activeExecutionId } = await h.plans.getWithLock(
      checkoutRef,
      plan.planId,
    );
    expect(activeExecutionId).toBe(started.body.executionId);
  });

  it('answers 404 for a plan that does not exist, on every plan route', async () => {
    const missing = `${checkout}/plans/7d0c8ab4-5b5e-4c57-9a51-111111111111`;
    const answers = await Promise.all([
      owner().get(missing),
      owner()
        .put(missing)
        .send({ ...planOfCheckout(servers), version: 1 }),
      owner().delete(`${missing}?version=1`),
      owner().post(`${missing}/validate`),
      owner().post(`${missing}/executions`).send({ mode: 'DRILL' }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain(
        'No recovery plan 7d0c8ab4-5b5e-4c57-9a51-111111111111',
      );
    }
  });

  it('pre-flights a draft against DRS without saving it: errors and warnings located by field', async () => {
    const before = await h.snapshotTables();
    const res = await h
      .api(users.sre)
      .post(`${payments}/plans/validate`)
      .send({
        name: 'Payments draft',
        waves: [
          { name: 'api', sourceServerIds: ['s-00000000000000p01'] },
          {
            name: 'batch',
            sourceServerIds: ['s-00000000000000p02', servers[0].sourceServerId],
          },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.issues).toEqual([
      {
        path: 'waves[1].sourceServerIds',
        message: expect.stringMatching(
          /payments-batch-1 \(s-00000000000000p02\) is STALLED; a drill needs CONTINUOUS replication/,
        ),
        severity: 'error',
      },
      {
        path: 'waves[1].sourceServerIds',
        message: expect.stringContaining(
          `Server ${servers[0].sourceServerId} is not one of this entity's DRS source servers`,
        ),
        severity: 'error',
      },
    ]);
    expect(await h.snapshotTables()).toEqual(before);
  });

  it('pre-flights a saved plan, and refuses a plan in the body there', async () => {
    const plan = await createPlan('Saved preflight');
    const path = `${checkout}/plans/${plan.planId}/validate`;
    const clean = await owner().post(path);
    expect(clean.status).toBe(200);
    expect(clean.body).toMatchObject({ issues: [] });
    expect(clean.body.servers).toHaveLength(6);

    h.aws.simulator.setReplication({
      sourceServer: 'checkout-web-2',
      replicationState: 'DISCONNECTED',
    });
    try {
      const stalled = await owner().post(path);
      expect(stalled.body.issues).toEqual([
        expect.objectContaining({
          path: 'waves[2].sourceServerIds',
          message: expect.stringContaining('checkout-web-2'),
          severity: 'error',
        }),
      ]);
    } finally {
      h.aws.simulator.setReplication({
        sourceServer: 'checkout-web-2',
        replicationState: 'CONTINUOUS',
      });
    }

    const withDraft = await owner().post(path).send(planOfCheckout(servers));
    expect(withDraft.status).toBe(400);
    expect(withDraft.body.error.message).toContain(
      'a draft plan goes to /plans/validate',
    );
  });
});
