import { jsonCheckpoints } from '../__testUtils__/checkpoints';
import {
  aliceContext,
  ALICE,
  APP_BASE_URL,
  drsAction,
} from '../__testUtils__/drsActions';
import {
  DrsBackendAnswer,
  DrsBackendRequest,
  errorAnswer,
  startFakeDrsBackend,
} from '../__testUtils__/fakeDrsBackend';

const PLAN_ID = '7d1f0a52-3c1e-4d2a-9f1b-2b7a4f9e6c10';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Answers like the backend's POST .../executions: 202 and the new execution, once per key. */
function executionsRoute() {
  const executionsByKey = new Map<string, string>();
  return (request: DrsBackendRequest): DrsBackendAnswer => {
    const key = String(request.headers['idempotency-key']);
    const executionId =
      executionsByKey.get(key) ?? `exec-${executionsByKey.size + 1}`;
    executionsByKey.set(key, executionId);
    return {
      status: 202,
      body: {
        executionId,
        planId: PLAN_ID,
        planName: 'Checkout full stack',
        mode: 'DRILL',
        status: 'PENDING',
      },
    };
  };
}

describe('drs:drill:start', () => {
  let backend: Awaited<ReturnType<typeof startFakeDrsBackend>>;
  let answer: (request: DrsBackendRequest) => DrsBackendAnswer;

  beforeAll(async () => {
    backend = await startFakeDrsBackend(request => answer(request));
  });
  afterAll(() => backend.close());
  beforeEach(() => {
    backend.requests.length = 0;
    answer = executionsRoute();
  });

  const action = () => drsAction('drs:drill:start', backend.discovery);
  const input = { entityRef: 'Component:default/checkout', planId: PLAN_ID };

  it('starts a drill as the task initiator and links to the execution page', async () => {
    const ctx = aliceContext(input);

    await action().handler(ctx);

    const [request] = backend.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(
      `/api/drs/entities/component/default/checkout/plans/${PLAN_ID}/executions`,
    );
    expect(request.body).toEqual({ mode: 'DRILL' });
    expect(request.caller).toBe(ALICE);
    expect(request.headers['idempotency-key']).toMatch(UUID);
    expect(ctx.output).toHaveBeenCalledWith('executionId', 'exec-1');
    expect(ctx.output).toHaveBeenCalledWith('status', 'PENDING');
    expect(ctx.output).toHaveBeenCalledWith(
      'executionUrl',
      `${APP_BASE_URL}/catalog/default/component/checkout/dr-executions/exec-1`,
    );
  });

  it('sends the same Idempotency-Key when the task is retried, and a new one for a new task', async () => {
    const checkpoint = jsonCheckpoints();
    await action().handler(aliceContext(input, checkpoint));
    const retried = aliceContext(input, checkpoint);
    await action().handler(retried);
    await action().handler(aliceContext(input));

    const keys = backend.requests.map(r => r.headers['idempotency-key']);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(retried.output).toHaveBeenCalledWith('executionId', 'exec-1');
  });

  it("surfaces the backend's refusal with its message", async () => {
    answer = () =>
      errorAnswer(
        409,
        'ConflictError',
        'Plan Checkout full stack already has an active execution exec-0',
      );

    const error = await action()
      .handler(aliceContext(input))
      .catch(e => e);

    expect(error.name).toBe('ConflictError');
    expect(error.message).toContain(
      'answered 409: Plan Checkout full stack already has an active execution exec-0',
    );
  });

  it.each([
    [
      'a plan ID that is not one',
      { ...input, planId: 'latest' },
      /planId "latest" must be a plan ID/,
    ],
    [
      'a malformed entity reference',
      { ...input, entityRef: 'component:a:b/c d' },
      /entityRef "component:a:b\/c d"/,
    ],
  ])(
    'refuses %s with an InputError before calling the backend',
    async (_, badInput, message) => {
      const error = await action()
        .handler(aliceContext(badInput))
        .catch(e => e);

      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(message);
      expect(backend.requests).toHaveLength(0);
    },
  );
});
