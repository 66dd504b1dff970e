import fc from 'fast-check';
import {
  ApiHarness,
  entityPath,
  planOfCheckout,
  startApiHarness,
  users,
} from './__testUtils__/apiHarness';

/**
 * Property-based fuzzing of the API: random and mutated requests across every route.
 * Whatever comes in, the backend answers below 500 with a JSON error for refusals, and a
 * refused request changes nothing in either table. Bounded: a fixed number of runs, a seed.
 */
const RUNS = 5000;

jest.setTimeout(10 * 60 * 1000);

describe('API fuzzing', () => {
  let h: ApiHarness;
  let planId: string;
  let executionId: string;
  let validPlan: Record<string, unknown>;

  beforeAll(async () => {
    h = await startApiHarness();
    const servers = await h.checkoutServers();
    validPlan = planOfCheckout(servers, 'Fuzzed') as unknown as Record<
      string,
      unknown
    >;
    const created = await h
      .api(users.owner)
      .post(`${entityPath('checkout')}/plans`)
      .send(validPlan);
    if (created.status !== 201)
      throw new Error(`plan not created: ${created.text}`);
    planId = created.body.planId;
    const started = await h
      .api(users.owner)
      .post(`${entityPath('checkout')}/plans/${planId}/executions`)
      .send({ mode: 'DRILL' });
    if (started.status !== 202)
      throw new Error(`drill not started: ${started.text}`);
    executionId = started.body.executionId;
  });
  afterAll(() => h.stop());

  const segment = fc.oneof(
    fc.constantFrom(
      'component',
      'default',
      'checkout',
      'payments',
      'docs',
      'nope',
      '..',
      '%2e%2e',
      '%00',
      '',
    ),
    fc.string({ maxLength: 70 }).map(encodeURIComponent),
  );
  const id = () =>
    fc.oneof(
      fc.constant(planId),
      fc.constant(executionId),
      fc.uuid(),
      fc.string({ maxLength: 40 }).map(encodeURIComponent),
    );
  const path = fc.oneof(
    fc.constant('/health'),
    fc
      .tuple(
        segment,
        segment,
        segment,
        fc.constantFrom(
          'source-servers',
          'plans',
          'executions',
          'dr-health',
          'plans/validate',
        ),
      )
      .map(([k, n, m, tail]) => `/entities/${k}/${n}/${m}/${tail}`),
    fc
      .tuple(id(), fc.constantFrom('', '/validate', '/executions'))
      .map(([p, tail]) => `${entityPath('checkout')}/plans/${p}${tail}`),
    fc
      .tuple(
        id(),
        fc.constantFrom('', '/cancel', '/resume', '/terminate', '/report'),
      )
      .map(([e, tail]) => `/executions/${e}${tail}`),
    fc.constant('/dr-health'),
  );
  const query = fc.option(
    fc.dictionary(
      fc.constantFrom('limit', 'cursor', 'status', 'version', 'format', 'x'),
      fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String)),
      { maxKeys: 3 },
    ),
    { nil: undefined },
  );
  /** Bodies: anything JSON, or the valid plan with one field replaced by anything. */
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc
      .tuple(
        fc.constantFrom(
          'name',
          'description',
          'waves',
          'timeoutMinutes',
          'defaultMode',
          'version',
          'mode',
          'wave',
          'extra',
        ),
        fc.jsonValue({ maxDepth: 3 }),
      )
      .map(([key, value]) => ({ ...validPlan, [key]: value })),
    fc.jsonValue({ maxDepth: 2 }).map(value => ({
      ...validPlan,
      waves: [{ name: 'w', sourceServerIds: value }],
    })),
  );
  const requestArb = fc.record({
    method: fc.constantFrom(
      'get',
      'post',
      'put',
      'delete',
      'patch',
    ) as fc.Arbitrary<'get' | 'post' | 'put' | 'delete' | 'patch'>,
    path,
    query,
    body: fc.option(body, { nil: undefined }),
    user: fc.constantFrom(
      users.owner,
      users.viewer,
      users.sre,
      users.stranger,
      undefined,
    ),
    idempotencyKey: fc.option(fc.string({ maxLength: 140 }), {
      nil: undefined,
    }),
  });

  it(`answers ${RUNS} random requests without a 5xx, and refusals write nothing`, async () => {
    let before = await h.snapshotTables();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArb, async r => {
        const qs = r.query ? `?${new URLSearchParams(r.query)}` : '';
        let req = h.api(r.user)[r.method](`${r.path}${qs}`);
        if (r.idempotencyKey !== undefined) {
          req = req.set(
            'Idempotency-Key',
            r.idempotencyKey.replace(/[^\x20-\x7e]/g, ''),
          );
        }
        const res =
          r.body === undefined
            ? await req
            : await req
                .set('Content-Type', 'application/json')
                .send(JSON.stringify(r.body));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        // A property that throws is a counterexample; fast-check shrinks and reports it.
        if (res.status >= 500) {
          throw new Error(`${res.status}: ${res.text}`);
        }
        if (r.method === 'get') return;
        const after = await h.snapshotTables();
        const refused = res.status >= 400;
        if (refused && typeof res.body?.error?.message !== 'string') {
          throw new Error(
            `refusal without a message: ${res.status} ${res.text}`,
          );
        }
        if (refused && JSON.stringify(after) !== JSON.stringify(before)) {
          throw new Error(
            `a refused request (${res.status}) changed the tables`,
          );
        }
        before = after;
      }),
      { numRuns: RUNS, seed: 20261125, endOnFailure: true },
    );
    // The generator must reach past validation, or the property would prove little.
    const succeeded = [...statuses]
      .filter(([s]) => s < 300)
      .reduce((n, [, c]) => n + c, 0);
    expect(succeeded).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  });
});
