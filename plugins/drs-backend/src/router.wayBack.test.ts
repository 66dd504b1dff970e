import {
  Execution,
  ExecutionMode,
  ExecutionStatus,
} from '@drs-orchestration/plugin-drs-common';
import {
  ApiHarness,
  entityPath,
  startApiHarness,
  storedExecution,
  users,
} from './__testUtils__/apiHarness';

/** Servers no plan uses, so that stored executions contend with nothing. */
const spare = (n: number) => `s-${String(n).padStart(17, '0')}`;
const ORIGIN = 'us-west-2';
const reversedId = (n: number) => `s-${String(n).padStart(17, '9')}`;

describe('the way back through the API', () => {
  let h: ApiHarness;
  let next = 100;

  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.stop());

  /** A stored execution of two launched waves (db, then app) in `mode` and `status`. */
  async function stored(
    mode: ExecutionMode,
    status: ExecutionStatus,
    change: (e: Execution) => void = () => {},
  ) {
    const base = next;
    next += 10;
    const execution = storedExecution({
      mode,
      status,
      planName: 'Checkout',
      createdAt: new Date(),
      endedAfter: status === 'COMPLETED' ? 600 : undefined,
      waves: [
        {
          name: 'db',
          sourceServerIds: [spare(base), spare(base + 1)],
          status: 'COMPLETED',
          launched: true,
        },
        {
          name: 'app',
          sourceServerIds: [spare(base + 2)],
          status: status === 'COMPLETED' ? 'COMPLETED' : 'STARTED',
          launched: true,
        },
      ],
    });
    change(execution);
    await h.executions.create(execution);
    return execution;
  }

  /** A completed recovery whose reverse replication reached `state` for every server. */
  const reversedRecovery = (state: 'CONTINUOUS' | 'INITIAL_SYNC') =>
    stored('RECOVERY', 'COMPLETED', recovery => {
      const servers = recovery.waves.flatMap(w => w.servers);
      recovery.requests.reverseReplication = {
        by: users.sre,
        at: new Date().toISOString(),
        status: state === 'CONTINUOUS' ? 'CONTINUOUS' : 'REPLICATING',
        servers: servers.map((server, i) => ({
          sourceServerId: server.sourceServerId,
          recoveryInstanceId: server.recoveryInstanceId!,
          reversedSourceServerArn: `arn:aws:drs:${ORIGIN}:123456789012:source-server/${reversedId(
            i,
          )}`,
          reversedSourceServerId: reversedId(i),
          reversedRegion: ORIGIN,
          replicationState: state,
          ...(state === 'CONTINUOUS'
            ? { continuousAt: new Date().toISOString() }
            : {}),
        })),
      };
    });

  const post = (
    user: string,
    execution: Execution,
    action: string,
    body?: object,
  ) =>
    h
      .api(user)
      .post(`/executions/${execution.executionId}/${action}`)
      .send(body);

  const drsCalls = () => {
    const calls = h.aws.simulator.calls();
    return {
      reverse: calls.byOperation.ReverseReplication ?? 0,
      start: calls.byOperation.StartRecovery ?? 0,
      terminate: calls.byOperation.TerminateRecoveryInstances ?? 0,
    };
  };

  /** The request is refused with `status` and `message`, and nothing is written nor called. */
  async function expectRefused(
    res: Promise<{ status: number; body: any }>,
    status: number,
    message: string | RegExp,
  ) {
    const before = await h.snapshotTables();
    const calls = drsCalls();
    const answer = await res;
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toMatch(message);
    expect(await h.snapshotTables()).toEqual(before);
    expect(drsCalls()).toEqual(calls);
  }

  it('records reverse replication of a completed recovery (202), once', async () => {
    const recovery = await stored('RECOVERY', 'COMPLETED');
    const res = await post(users.sre, recovery, 'reverse-replication');
    expect(res.status).toBe(202);
    expect(res.body.requests.reverseReplication).toMatchObject({
      by: users.sre,
      status: 'REQUESTED',
      servers: [
        { sourceServerId: recovery.waves[0].servers[0].sourceServerId },
        { sourceServerId: recovery.waves[0].servers[1].sourceServerId },
        { sourceServerId: recovery.waves[1].servers[0].sourceServerId },
      ],
    });
    await expectRefused(
      post(users.sre, recovery, 'reverse-replication'),
      409,
      /already asked .* to reverse this recovery's replication \(REQUESTED\); it is not asked twice/,
    );
  });

  it.each([
    [
      'of a drill',
      'DRILL',
      'COMPLETED',
      /drill's recovery instances are isolated copies/,
    ],
    [
      'of a recovery still running',
      'RECOVERY',
      'POLLING',
      /still POLLING: reverse replication starts once it is COMPLETED/,
    ],
    [
      're-protect before the failback completed',
      'FAILBACK',
      'POLLING',
      /The failback is still POLLING/,
    ],
  ] as const)(
    'refuses reverse replication %s with a 409, calling nothing',
    async (_name, mode, status, message) => {
      const execution = await stored(mode, status);
      await expectRefused(
        post(users.sre, execution, 'reverse-replication'),
        409,
        message,
      );
    },
  );

  it('refuses a failback before reverse replication, and while reversed servers sync, naming them', async () => {
    const plain = await stored('RECOVERY', 'COMPLETED');
    await expectRefused(
      post(users.sre, plain, 'failback', { confirmation: 'Checkout' }),
      409,
      `Reverse the recovery's replication first (POST /executions/${plain.executionId}/reverse-replication)`,
    );
    const syncing = await reversedRecovery('INITIAL_SYNC');
    await expectRefused(
      post(users.sre, syncing, 'failback', { confirmation: 'Checkout' }),
      409,
      /Reverse replication is REPLICATING: .* waiting for .*\(INITIAL_SYNC\)/,
    );
  });

  it('asks for the typed plan name (400), before anything else', async () => {
    const recovery = await reversedRecovery('CONTINUOUS');
    await expectRefused(
      post(users.sre, recovery, 'failback', {}),
      400,
      "Invalid failback request: confirmation: type the plan's name to confirm",
    );
    await expectRefused(
      post(users.sre, recovery, 'failback', { confirmation: 'checkout' }),
      400,
      'type the plan\'s name, "Checkout", to confirm a failback',
    );
  });

  it("refuses to terminate a recovery's instances before its failback completed (409)", async () => {
    const recovery = await reversedRecovery('CONTINUOUS');
    await expectRefused(
      post(users.sre, recovery, 'terminate'),
      409,
      /Only a drill's recovery instances can be terminated before a failback.*Fail back first/,
    );
    const failback = await stored('FAILBACK', 'POLLING');
    const linked = await reversedRecovery('CONTINUOUS');
    await h.executions.update({
      ...linked,
      requests: {
        ...linked.requests,
        failback: {
          by: users.sre,
          at: new Date().toISOString(),
          executionId: failback.executionId,
        },
      },
    });
    await expectRefused(
      post(users.sre, linked, 'terminate'),
      409,
      `failback ${failback.executionId} is POLLING`,
    );
    await h.finish(failback.executionId);
    const res = await post(users.sre, linked, 'terminate');
    expect(res.status).toBe(202);
    expect(res.body.requests.terminate).toMatchObject({
      by: users.sre,
      status: 'REQUESTED',
    });
  });

  it('refuses a FAILBACK started from a plan, saying where it starts', async () => {
    const res = await h
      .api(users.sre)
      .post(
        `${entityPath(
          'checkout',
        )}/plans/00000000-0000-4000-8000-000000000001/executions`,
      )
      .send({ mode: 'FAILBACK' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'a FAILBACK starts from its completed recovery: POST /executions/{recoveryId}/failback',
    );
  });

  describe('permissions', () => {
    it.each([
      ['reverse-replication', 'RECOVERY', undefined],
      ['reverse-replication', 'DRILL', undefined],
      ['reverse-replication', 'FAILBACK', undefined],
      ['failback', 'RECOVERY', { confirmation: 'Checkout' }],
      ['terminate', 'RECOVERY', undefined],
      ['cancel', 'FAILBACK', undefined],
    ] as const)(
      'a drill-only owner cannot ask %s of a %s (403), and nothing changes',
      async (action, mode, body) => {
        const execution =
          mode === 'RECOVERY'
            ? await reversedRecovery('CONTINUOUS')
            : await stored(mode, 'COMPLETED');
        await expectRefused(
          post(users.owner, execution, action, body),
          403,
          /You do not have the drs.recovery.start permission for component:default\/checkout: (the way back from a recovery|controlling a RECOVERY|controlling a FAILBACK) needs it as well as drs.execution.control/,
        );
      },
    );

    it('a viewer is refused the control permission first', async () => {
      const recovery = await stored('RECOVERY', 'COMPLETED');
      await expectRefused(
        post(users.viewer, recovery, 'reverse-replication'),
        403,
        'You do not have the drs.execution.control permission for component:default/checkout',
      );
    });
  });
});
