import {
  ExecutionMode,
  ExecutionStatus,
} from '@drs-orchestration/plugin-drs-common';
import {
  ApiHarness,
  startApiHarness,
  storedExecution,
  users,
} from './__testUtils__/apiHarness';

/** Servers no plan uses, so that stored executions contend with nothing. */
const spare = (n: number) => `s-${String(n).padStart(17, '0')}`;

describe('controlling a real recovery', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.stop());

  /** A running execution, paused before its second wave, its first wave launched. */
  async function running(mode: ExecutionMode, status: ExecutionStatus) {
    const execution = storedExecution({
      mode,
      status,
      createdAt: new Date(),
      waves: [
        {
          name: 'db',
          sourceServerIds: [spare(10)],
          status: 'COMPLETED',
          launched: true,
        },
        { name: 'app', sourceServerIds: [spare(11)], pauseBefore: true },
      ],
    });
    await h.executions.create(execution);
    return execution;
  }

  const control = (
    user: string,
    executionId: string,
    action: string,
    body?: object,
  ) => h.api(user).post(`/executions/${executionId}/${action}`).send(body);

  const actions: [string, ExecutionStatus, object | undefined][] = [
    ['cancel', 'POLLING', undefined],
    ['resume', 'PAUSED', { wave: 'app' }],
    ['terminate', 'COMPLETED', undefined],
  ];

  it.each(actions)(
    'an owner allowed to control drills cannot %s a RECOVERY (403), and nothing changes',
    async (action, status, body) => {
      const recovery = await running('RECOVERY', status);
      const res = await control(
        users.owner,
        recovery.executionId,
        action,
        body,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'You do not have the drs.recovery.start permission for component:default/checkout: controlling a RECOVERY needs it as well as drs.execution.control',
      );
      expect(await h.executions.get(recovery.executionId)).toEqual(recovery);
    },
  );

  it.each(actions)(
    'the same owner can still %s a DRILL',
    async (action, status, body) => {
      const drill = await running('DRILL', status);
      const res = await control(users.owner, drill.executionId, action, body);
      expect(res.status).toBe(202);
      expect(res.body.requests).not.toEqual({});
    },
  );

  it('someone who may start recoveries controls one', async () => {
    const recovery = await running('RECOVERY', 'PAUSED');
    const res = await control(users.sre, recovery.executionId, 'resume', {
      wave: 'app',
    });
    expect(res.status).toBe(202);
    expect(res.body.requests.resume).toMatchObject({
      by: users.sre,
      wave: 'app',
    });
    const cancel = await control(users.sre, recovery.executionId, 'cancel');
    expect(cancel.status).toBe(202);
  });

  it('a viewer is refused the control permission first', async () => {
    const recovery = await running('RECOVERY', 'POLLING');
    const res = await control(users.viewer, recovery.executionId, 'cancel');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You do not have the drs.execution.control permission for component:default/checkout',
    );
  });
});
