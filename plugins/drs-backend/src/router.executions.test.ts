import {
  Execution,
  ExecutionStatus,
  ExecutionSummary,
  RecoveryPlan,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
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
/** Servers no plan of the tests uses, for stored executions that must not contend with started ones. */
const spare = (n: number) => `s-${String(n).padStart(17, '0')}`;

describe('execution routes', () => {
  let h: ApiHarness;
  let servers: SourceServer[];
  const tier = (name: string) =>
    servers.filter(s => s.tags.Tier === name).map(s => s.sourceServerId);

  beforeAll(async () => {
    h = await startApiHarness();
    servers = await h.checkoutServers();
  });
  afterAll(() => h.stop());

  async function createPlan(
    name: string,
    waves = planOfCheckout(servers).waves,
  ): Promise<RecoveryPlan> {
    const res = await h
      .api(users.owner)
      .post(`${checkout}/plans`)
      .send({ name, waves });
    expect(res.status).toBe(201);
    return res.body;
  }

  function start(
    planId: string,
    options: { mode?: string; key?: string; user?: string } = {},
  ) {
    const req = h
      .api(options.user ?? users.owner)
      .post(`${checkout}/plans/${planId}/executions`);
    if (options.key) req.set('Idempotency-Key', options.key);
    return req.send(options.mode ? { mode: options.mode } : {});
  }

  async function executionsOfPlan(planId: string) {
    const { items } = await h.executions.listForEntity(checkoutRef, {
      limit: 100,
    });
    return items.filter(e => e.planId === planId);
  }

  it('starts a drill by default: 202 with the PENDING execution, stored and readable by ID', async () => {
    const plan = await createPlan('Start');
    const res = await start(plan.planId);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      planId: plan.planId,
      planName: 'Start',
      entityRef: checkoutRef,
      mode: 'DRILL',
      status: 'PENDING',
      initiatedBy: users.owner,
      region: 'us-east-1',
      accountId: '111122223333',
    });
    expect(
      res.body.waves.map((w: Execution['waves'][number]) => [
        w.name,
        w.status,
        w.servers.map(s => [s.hostname, s.status]),
      ]),
    ).toEqual(
      ['db', 'app', 'web'].map(t => [
        t,
        'PENDING',
        [1, 2].map(n => [`checkout-${t}-${n}`, 'NOT_STARTED']),
      ]),
    );

    const read = await h
      .api(users.viewer)
      .get(`/executions/${res.body.executionId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect(await h.executions.get(res.body.executionId)).toEqual(res.body);
    await h.finish(res.body.executionId);
  });

  it('answers 404 for an execution that does not exist', async () => {
    const res = await h
      .api(users.owner)
      .get('/executions/5d6e7f80-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'No execution 5d6e7f80-0000-4000-8000-000000000000',
    );
  });

  it('answers 409 while the plan has an active execution, and starts again once it ended', async () => {
    const plan = await createPlan('Busy');
    const first = await start(plan.planId);
    expect(first.status).toBe(202);

    const second = await start(plan.planId);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe(
      `Plan Busy already has an active execution (${first.body.executionId}, PENDING); wait for it to finish or cancel it.`,
    );
    expect(await executionsOfPlan(plan.planId)).toHaveLength(1);

    await h.finish(first.body.executionId);
    const third = await start(plan.planId);
    expect(third.status).toBe(202);
    await h.finish(third.body.executionId);
  });

  it("answers 409 when another plan's active execution holds the same servers", async () => {
    const dbOnly = await createPlan('Database only', [
      { name: 'db', sourceServerIds: tier('db') },
    ]);
    const everything = await createPlan('Everything');
    const holder = await start(dbOnly.planId);
    expect(holder.status).toBe(202);

    const refused = await start(everything.planId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      `Source servers ${tier('db').join(', ')} are held by active execution ${
        holder.body.executionId
      } of ${checkoutRef} (Database only); DRS runs one job per source server at a time.`,
    );
    expect(await executionsOfPlan(everything.planId)).toEqual([]);
    await h.finish(holder.body.executionId);
  });

  describe('with an Idempotency-Key', () => {
    it('answers a repeated start with the same execution and stores one', async () => {
      const plan = await createPlan('Idempotent');
      const first = await start(plan.planId, { key: 'retry-1' });
      const again = await start(plan.planId, { key: 'retry-1' });
      expect(first.status).toBe(202);
      expect(again.status).toBe(202);
      expect(again.body.executionId).toBe(first.body.executionId);
      expect(await executionsOfPlan(plan.planId)).toHaveLength(1);

      const otherKey = await start(plan.planId, { key: 'retry-2' });
      expect(otherKey.status).toBe(409);
      expect(otherKey.body.error.message).toContain(
        `already has an active execution (${first.body.executionId}`,
      );

      const otherMode = await start(plan.planId, {
        key: 'retry-1',
        mode: 'RECOVERY',
        user: users.sre,
      });
      expect(otherMode.status).toBe(409);
      expect(otherMode.body.error.message).toBe(
        `Idempotency-Key retry-1 already started a DRILL of this plan (${first.body.executionId}); use a new key for a RECOVERY.`,
      );
      expect(await executionsOfPlan(plan.planId)).toHaveLength(1);
      await h.finish(first.body.executionId);
    });

    it('answers two concurrent starts with the same key with one execution', async () => {
      const plan = await createPlan('Idempotent race');
      const answers = await Promise.all(
        [1, 2, 3].map(() => start(plan.planId, { key: 'double-click' })),
      );
      expect(answers.map(a => a.status)).toEqual([202, 202, 202]);
      const ids = new Set(answers.map(a => a.body.executionId));
      expect(ids.size).toBe(1);
      expect(await executionsOfPlan(plan.planId)).toHaveLength(1);
      await h.finish([...ids][0]);
    });
  });

  it('refuses to start a plan with a server DRS cannot launch, and stores nothing', async () => {
    const plan = await h
      .api(users.sre)
      .post(`${payments}/plans`)
      .send({
        name: 'Payments',
        waves: [
          {
            name: 'all',
            sourceServerIds: ['s-00000000000000p01', 's-00000000000000p02'],
          },
        ],
      });
    expect(plan.status).toBe(201);
    const before = await h.snapshotTables();

    const res = await h
      .api(users.sre)
      .post(`${payments}/plans/${plan.body.planId}/executions`)
      .send({ mode: 'DRILL' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'payments-batch-1 (s-00000000000000p02) is STALLED',
    );
    expect(res.body.issues).toEqual([
      expect.objectContaining({ path: 'waves[0].sourceServerIds' }),
    ]);
    expect(await h.snapshotTables()).toEqual(before);
  });

  describe('control', () => {
    const control = (executionId: string, action: string, body?: object) =>
      h
        .api(users.owner)
        .post(`/executions/${executionId}/${action}`)
        .send(body);

    async function store(
      status: ExecutionStatus,
      options: { mode?: 'DRILL' | 'RECOVERY'; launched?: boolean } = {},
    ) {
      const execution = storedExecution({
        status,
        mode: options.mode,
        createdAt: new Date('2026-01-10T10:00:00Z'),
        waves: [
          {
            name: 'db',
            sourceServerIds: [spare(1)],
            status: 'COMPLETED',
            launched: options.launched ?? true,
          },
          {
            name: 'app',
            sourceServerIds: [spare(2)],
            pauseBefore: true,
            status: status === 'COMPLETED' ? 'COMPLETED' : 'PENDING',
          },
        ],
      });
      await h.executions.create(execution);
      return execution;
    }

    it('records a cancel (202), and answers 409 to a second one and to a finished execution', async () => {
      const plan = await createPlan('Cancel');
      const { body: execution } = await start(plan.planId);

      const res = await control(execution.executionId, 'cancel');
      expect(res.status).toBe(202);
      expect(res.body.requests.cancel).toEqual({
        by: users.owner,
        at: expect.any(String),
      });
      expect(res.body.version).toBe(2);
      expect(
        (await h.executions.get(execution.executionId)).requests.cancel,
      ).toEqual(res.body.requests.cancel);

      const again = await control(execution.executionId, 'cancel');
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(
        `${users.owner} already asked to cancel this execution`,
      );

      const finished = await store('COMPLETED');
      const late = await control(finished.executionId, 'cancel');
      expect(late.status).toBe(409);
      expect(late.body.error.message).toBe(
        'The execution is already COMPLETED; there is nothing left to cancel',
      );
      await h.finish(execution.executionId, 'CANCELLED');
    });

    it('approves the wave a PAUSED execution waits for (202); 400 for an unknown wave, 409 when not paused', async () => {
      const paused = await store('PAUSED');
      const unknown = await control(paused.executionId, 'resume', {
        wave: 'nope',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        'The execution has no wave "nope"; its waves are "db", "app"',
      );

      const wrongWave = await control(paused.executionId, 'resume', {
        wave: 'db',
      });
      expect(wrongWave.status).toBe(409);
      expect(wrongWave.body.error.message).toContain(
        'waits for approval of wave "app", not "db"',
      );

      const res = await control(paused.executionId, 'resume', { wave: 'app' });
      expect(res.status).toBe(202);
      expect(res.body.waves[1]).toMatchObject({
        approvedBy: users.owner,
        approvedAt: expect.any(String),
      });
      expect(res.body.requests.resume).toMatchObject({
        by: users.owner,
        wave: 'app',
      });

      const running = await store('POLLING');
      const notPaused = await control(running.executionId, 'resume', {
        wave: 'app',
      });
      expect(notPaused.status).toBe(409);
      expect(notPaused.body.error.message).toBe(
        'The execution is POLLING; only a PAUSED execution can be resumed',
      );
    });

    it('approves the approval step a wave waits on, by wave alone or naming the step (202); 400 for a step it lacks, 409 for another', async () => {
      const approval = (name: string, phase: 'before' | 'after') => ({
        type: 'approval' as const,
        name,
        phase,
        status: 'PENDING' as const,
        timeoutSeconds: 3600,
        onFailure: 'fail' as const,
      });
      /** Paused on wave app's go/no-go, an approval before its launch; a sign-off after it. */
      async function pausedOnStep() {
        const execution = storedExecution({
          status: 'PAUSED',
          createdAt: new Date('2026-01-10T10:00:00Z'),
          waves: [
            { name: 'db', sourceServerIds: [spare(1)], status: 'COMPLETED' },
            { name: 'app', sourceServerIds: [spare(2)], status: 'STARTED' },
          ],
        });
        execution.waves[1].steps = [
          { ...approval('go/no-go', 'before'), status: 'RUNNING' },
          approval('sign-off', 'after'),
          {
            type: 'wait',
            name: 'settle',
            phase: 'after',
            status: 'PENDING',
            timeoutSeconds: 60,
            onFailure: 'fail',
            seconds: 60,
          },
        ];
        await h.executions.create(execution);
        return execution;
      }

      const paused = await pausedOnStep();
      const notAnApproval = await control(paused.executionId, 'resume', {
        wave: 'app',
        step: 'settle',
      });
      expect(notAnApproval.status).toBe(400);
      expect(notAnApproval.body.error.message).toBe(
        'Wave "app" has no approval step "settle"; its approval steps are "go/no-go", "sign-off"',
      );
      const notAwaited = await control(paused.executionId, 'resume', {
        wave: 'app',
        step: 'sign-off',
      });
      expect(notAwaited.status).toBe(409);
      expect(notAwaited.body.error.message).toBe(
        'Wave "app" waits for approval of step "go/no-go", not "sign-off"',
      );

      const res = await control(paused.executionId, 'resume', {
        wave: 'app',
        step: 'go/no-go',
      });
      expect(res.status).toBe(202);
      expect(res.body.requests.resume).toEqual({
        by: users.owner,
        at: expect.any(String),
        wave: 'app',
        step: 'go/no-go',
      });
      expect(res.body.waves[1].steps[0]).toMatchObject({
        approvedBy: users.owner,
        approvedAt: res.body.requests.resume.at,
      });

      // Naming the wave alone approves the step it waits on, as before steps existed.
      const byWave = await control(
        (
          await pausedOnStep()
        ).executionId,
        'resume',
        {
          wave: 'app',
        },
      );
      expect(byWave.status).toBe(202);
      expect(byWave.body.requests.resume.step).toBe('go/no-go');

      // A pauseBefore wave waits for its start to be approved, not for a step.
      const startAwaited = await store('PAUSED');
      startAwaited.waves[1].steps = [approval('go/no-go', 'before')];
      await h.executions.update(startAwaited);
      const early = await control(startAwaited.executionId, 'resume', {
        wave: 'app',
        step: 'go/no-go',
      });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toBe(
        'Wave "app" waits for approval of its start, not of step "go/no-go"; resume it without a step',
      );
    });

    it("asks to terminate a drill's instances (202); 409 twice, with nothing launched, or for a recovery not failed back", async () => {
      const drill = await store('COMPLETED');
      const res = await control(drill.executionId, 'terminate');
      expect(res.status).toBe(202);
      expect(res.body.requests.terminate).toMatchObject({
        by: users.owner,
        status: 'REQUESTED',
      });

      const again = await control(drill.executionId, 'terminate');
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('already asked at');

      const nothingLaunched = await store('FAILED', { launched: false });
      const none = await control(nothingLaunched.executionId, 'terminate');
      expect(none.status).toBe(409);
      expect(none.body.error.message).toBe(
        'No server of this drill has been launched, so there are no recovery instances to terminate',
      );

      const recovery = await store('COMPLETED', { mode: 'RECOVERY' });
      const refused = await h
        .api(users.sre)
        .post(`/executions/${recovery.executionId}/terminate`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain(
        "Only a drill's recovery instances can be terminated before a failback",
      );
      expect(await h.executions.get(recovery.executionId)).toEqual(recovery);
    });
  });

  it('reports per-wave and total recovery time as JSON and as a Markdown attachment', async () => {
    const execution = storedExecution({
      status: 'COMPLETED',
      planName: 'Checkout drill',
      createdAt: new Date('2026-02-01T08:00:00Z'),
      endedAfter: 420,
      waves: [
        {
          name: 'db | primary',
          sourceServerIds: [spare(11)],
          status: 'COMPLETED',
          startedAfter: 0,
          endedAfter: 120,
          launched: true,
        },
        {
          name: 'app',
          sourceServerIds: [spare(12), spare(13)],
          status: 'COMPLETED',
          startedAfter: 130,
          endedAfter: 400,
          launched: true,
        },
      ],
    });
    await h.executions.create(execution);
    const path = `/executions/${execution.executionId}/report`;

    const json = await h.api(users.viewer).get(path);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      executionId: execution.executionId,
      status: 'COMPLETED',
      totalSeconds: 420,
      serversLaunched: 3,
      serversFailed: 0,
    });
    expect(
      json.body.waves.map((w: { name: string; seconds: number }) => [
        w.name,
        w.seconds,
      ]),
    ).toEqual([
      ['db | primary', 120],
      ['app', 270],
    ]);

    const markdown = await h.api(users.viewer).get(`${path}?format=markdown`);
    expect(markdown.status).toBe(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.headers['content-disposition']).toBe(
      `attachment; filename="dr-report-${execution.executionId}.md"`,
    );
    expect(markdown.text).toContain('# DR drill report: Checkout drill');
    expect(markdown.text).toContain(
      '| Wave | Status | Started | Ended | Seconds |\n| --- | --- | --- | --- | --- |\n' +
        '| db \\| primary | COMPLETED | 2026-02-01T08:00:00.000Z | 2026-02-01T08:02:00.000Z | 120 |\n' +
        '| app | COMPLETED | 2026-02-01T08:02:10.000Z | 2026-02-01T08:06:40.000Z | 270 |',
    );
  });
});

describe('execution history pages', () => {
  let h: ApiHarness;
  const statuses: ExecutionStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];
  const stored: Execution[] = [];

  beforeAll(async () => {
    h = await startApiHarness();
    for (let i = 0; i < 31; i++) {
      const execution = storedExecution({
        entityRef: paymentsRef,
        status: statuses[i % 3],
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        endedAfter: 60,
        waves: [{ name: 'all', sourceServerIds: ['s-00000000000000p01'] }],
      });
      await h.executions.create(execution);
      stored.push(execution);
    }
  });
  afterAll(() => h.stop());

  /** Follows nextCursor to the end, checking every page's size. */
  async function walk(query: string, pageSize: number) {
    const seen: ExecutionSummary[] = [];
    let cursor: string | undefined;
    do {
      const res = await h
        .api(users.viewer)
        .get(`${payments}/executions`)
        .query(query + (cursor ? `&cursor=${cursor}` : ''));
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(pageSize);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return seen;
  }

  const newestFirst = (executions: Execution[]) =>
    [...executions]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(e => e.executionId);

  it('walks every execution newest first, without duplicates, 25 to a page by default', async () => {
    const first = await h.api(users.viewer).get(`${payments}/executions`);
    expect(first.body.items).toHaveLength(25);
    expect(first.body.items[0]).toMatchObject({
      waveCount: 1,
      serverCount: 1,
      completedWaveCount: 0,
      failedServerCount: 0,
    });
    expect(first.body.items[0].waves).toBeUndefined();

    const all = await walk('limit=25', 25);
    expect(all.map(e => e.executionId)).toEqual(newestFirst(stored));

    const small = await walk('limit=7', 7);
    expect(small.map(e => e.executionId)).toEqual(newestFirst(stored));
  });

  it('filters by status across pages', async () => {
    const failed = await walk('status=FAILED&limit=4', 4);
    expect(failed.map(e => e.executionId)).toEqual(
      newestFirst(stored.filter(e => e.status === 'FAILED')),
    );
    expect(failed.every(e => e.status === 'FAILED')).toBe(true);

    const none = await h
      .api(users.viewer)
      .get(`${payments}/executions?status=PAUSED`);
    expect(none.body).toEqual({ items: [] });
  });

  it('refuses a cursor it did not hand out, or one of another entity', async () => {
    const page = await h.api(users.sre).get(`${payments}/executions?limit=5`);
    const foreign = await h
      .api(users.sre)
      .get(`${checkout}/executions?cursor=${page.body.nextCursor}`);
    const garbage = await h
      .api(users.sre)
      .get(`${payments}/executions?cursor=bm90LWEtY3Vyc29y`);
    for (const res of [foreign, garbage]) {
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'The cursor is not one this list returned; start again from the first page.',
      );
    }
  });
});
