import {
  formatIssuePath,
  recoveryPlanInputSchema,
  validatePlanStructure,
} from '@drs-orchestration/plugin-drs-common';
import { aliceContext, ALICE, drsAction } from '../__testUtils__/drsActions';
import {
  DrsBackendAnswer,
  DrsBackendRequest,
  errorAnswer,
  startFakeDrsBackend,
} from '../__testUtils__/fakeDrsBackend';

const PLAN_ID = '7d1f0a52-3c1e-4d2a-9f1b-2b7a4f9e6c10';

/** Answers like the backend's POST /plans: the same shared validation, then 201 with the plan. */
function planRoute(request: DrsBackendRequest): DrsBackendAnswer {
  const parsed = recoveryPlanInputSchema.safeParse(request.body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      i => `${formatIssuePath(i.path)}: ${i.message}`,
    );
    return errorAnswer(
      400,
      'InputError',
      `Invalid recovery plan: ${problems.join('; ')}`,
    );
  }
  const issues = validatePlanStructure(parsed.data).filter(
    i => i.severity === 'error',
  );
  if (issues.length > 0) {
    const problems = issues.map(i => `${i.path}: ${i.message}`).join('; ');
    return errorAnswer(
      400,
      'PlanValidationError',
      `The plan is not valid: ${problems}`,
    );
  }
  return {
    status: 201,
    body: {
      ...parsed.data,
      planId: PLAN_ID,
      entityRef: 'component:default/checkout',
      version: 1,
    },
  };
}

const plan = {
  name: 'Checkout full stack',
  waves: [
    { name: 'db', sourceServerIds: ['s-1234567890abcdef0'] },
    {
      name: 'app',
      sourceServerIds: ['s-1234567890abcdef1'],
      waitFor: 'HEALTHY',
      pauseBefore: true,
    },
  ],
};

describe('drs:plan:create', () => {
  let backend: Awaited<ReturnType<typeof startFakeDrsBackend>>;
  let answer: (request: DrsBackendRequest) => DrsBackendAnswer;

  beforeAll(async () => {
    backend = await startFakeDrsBackend(request => answer(request));
  });
  afterAll(() => backend.close());
  beforeEach(() => {
    backend.requests.length = 0;
    answer = planRoute;
  });

  const action = () => drsAction('drs:plan:create', backend.discovery);

  it("creates the plan through the backend's API as the user who started the task", async () => {
    const ctx = aliceContext({
      entityRef: 'Component:default/checkout',
      ...plan,
    });

    await action().handler(ctx);

    expect(backend.requests).toHaveLength(1);
    const [request] = backend.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(
      '/api/drs/entities/component/default/checkout/plans',
    );
    expect(request.caller).toBe(ALICE);
    expect(request.headers['content-type']).toBe('application/json');
    // Sent as drs-common's schema reads it, defaults filled in.
    expect(request.body).toEqual({
      name: 'Checkout full stack',
      description: '',
      defaultMode: 'DRILL',
      timeoutMinutes: 360,
      waves: [
        {
          name: 'db',
          sourceServerIds: ['s-1234567890abcdef0'],
          waitFor: 'LAUNCHED',
          pauseBefore: false,
          dependsOn: [],
        },
        {
          name: 'app',
          sourceServerIds: ['s-1234567890abcdef1'],
          waitFor: 'HEALTHY',
          pauseBefore: true,
          dependsOn: [],
        },
      ],
    });
    expect(ctx.output).toHaveBeenCalledWith('planId', PLAN_ID);
  });

  it("surfaces the backend's message when it refuses the plan", async () => {
    const ctx = aliceContext({
      entityRef: 'component:default/checkout',
      name: 'Depends on nothing',
      waves: [
        { name: 'db', sourceServerIds: ['s-1234567890abcdef0'] },
        {
          name: 'app',
          sourceServerIds: ['s-1234567890abcdef1'],
          dependsOn: ['cache'],
        },
      ],
    });

    const error = await action()
      .handler(ctx)
      .catch(e => e);

    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'Creating recovery plan "Depends on nothing" for component:default/checkout failed: the DRS backend answered 400: The plan is not valid: waves[1].dependsOn: Wave "app" depends on "cache", which is not a wave of this plan',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('reports a permission refusal as such', async () => {
    answer = () =>
      errorAnswer(
        403,
        'NotAllowedError',
        'You do not have the drs.plan.manage permission for component:default/checkout',
      );

    const error = await action()
      .handler(
        aliceContext({ entityRef: 'component:default/checkout', ...plan }),
      )
      .catch(e => e);

    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toContain(
      'answered 403: You do not have the drs.plan.manage permission',
    );
  });

  it.each([
    [
      'a malformed entity reference',
      { entityRef: 'component:default/', ...plan },
      /entityRef "component:default\/" is not an entity reference/,
    ],
    [
      'a malformed source server ID',
      {
        entityRef: 'component:default/checkout',
        name: 'p',
        waves: [{ name: 'db', sourceServerIds: ['i-0abc'] }],
      },
      /waves\[0\]\.sourceServerIds\[0\]: Source server IDs look like s-1234567890abcdef0/,
    ],
    [
      'no waves',
      { entityRef: 'component:default/checkout', name: 'p', waves: [] },
      /waves: A plan needs at least one wave/,
    ],
    [
      'an unknown field',
      { entityRef: 'component:default/checkout', ...plan, owner: 'me' },
      /Unrecognized key\(s\) in object: 'owner'/,
    ],
  ])(
    'refuses %s with an InputError before calling the backend',
    async (_, input, message) => {
      const error = await action()
        .handler(aliceContext(input))
        .catch(e => e);

      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(message);
      expect(backend.requests).toHaveLength(0);
    },
  );
});
