import { SourceServer } from '@drs-orchestration/plugin-drs-common';
import {
  ApiHarness,
  entityPath,
  planOfCheckout,
  startApiHarness,
  users,
} from './__testUtils__/apiHarness';

/**
 * Malformed requests across every route. Each must be refused with a 4xx and a JSON message
 * that says what to fix, never a 5xx, and none may write anything.
 * Paths use `{plan}` and `{execution}` for a real plan and execution of checkout, so that the
 * malformed part is the only thing wrong with a request.
 */
interface BadRequest {
  name: string;
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
  /** A JSON value to send, or `raw` text with its own content type. */
  body?: unknown;
  raw?: { text: string; contentType: string; encoding?: string };
  headers?: Record<string, string>;
  /** Who asks; the SRE may do anything, so that only the input is at fault. */
  user?: string | null;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415;
  message: RegExp;
}

/** Where a request goes and what it carries, before its expected answer. */
type Target = Omit<BadRequest, 'name' | 'status' | 'message'>;

const checkout = entityPath('checkout');
const planPath = `${checkout}/plans/{plan}`;
const executionPath = '/executions/{execution}';
const unknownId = '0c0ffee0-0000-4000-8000-000000000000';
const id = (n: number) => `s-${String(n).padStart(17, '0')}`;
const validPlan = {
  name: 'Valid',
  waves: [{ name: 'db', sourceServerIds: [id(1)] }],
};
const wave = (extra: object) => ({
  name: 'db',
  sourceServerIds: [id(1)],
  ...extra,
});

/** Every route under an entity, each with otherwise valid input. */
const entityRoutes = (ref: string): Target[] => {
  const base = `/entities/${ref}`;
  return [
    { method: 'get', path: `${base}/source-servers` },
    { method: 'get', path: `${base}/plans` },
    { method: 'post', path: `${base}/plans`, body: validPlan },
    { method: 'get', path: `${base}/plans/{plan}` },
    {
      method: 'put',
      path: `${base}/plans/{plan}`,
      body: { ...validPlan, version: 1 },
    },
    { method: 'delete', path: `${base}/plans/{plan}?version=1` },
    { method: 'post', path: `${base}/plans/validate`, body: validPlan },
    { method: 'post', path: `${base}/plans/{plan}/validate` },
    {
      method: 'post',
      path: `${base}/plans/{plan}/executions`,
      body: { mode: 'DRILL' },
    },
    { method: 'get', path: `${base}/executions` },
    { method: 'get', path: `${base}/dr-health` },
  ];
};

const malformedEntityRefs: [string, BadRequest['status'], RegExp][] = [
  [
    'component/default/..%2F..',
    400,
    /Invalid entity reference: name: must be 1-63 letters/,
  ],
  ['component/default/%2E%2E', 400, /Invalid entity reference: name:/],
  ['component/default/a%20b', 400, /Invalid entity reference: name:/],
  [
    `component/default/${'a'.repeat(64)}`,
    400,
    /Invalid entity reference: name:/,
  ],
  ['component/default/%00', 400, /Invalid entity reference: name:/],
  ['component/default/-checkout', 400, /Invalid entity reference: name:/],
  ['component/default/check%3Aout', 400, /Invalid entity reference: name:/],
  ['component/default/%C3%A9t%C3%A9', 400, /Invalid entity reference: name:/],
  ['component/%2F/checkout', 400, /Invalid entity reference: namespace:/],
  [
    'comp%E0nent/default/checkout',
    400,
    /The URL is not validly percent-encoded/,
  ],
  [
    'component/default/nope',
    404,
    /Entity component:default\/nope is not in the catalog/,
  ],
  [
    'component/default/docs',
    400,
    /has no DRS annotation: add aws\.amazon\.com\/drs-source-server-tags/,
  ],
];

const badIds = [
  'abc',
  '1234',
  `${unknownId}0`,
  unknownId.replace(/-/g, ''),
  '%20',
  encodeURIComponent("' OR 1=1 --"),
  'x'.repeat(300),
  'null',
];

/** Plan bodies that break the schema, with what the message must name. */
const badPlans: [string, unknown, RegExp][] = [
  [
    'name is a number',
    { ...validPlan, name: 1 },
    /name: Expected string, received number/,
  ],
  [
    'name is null',
    { ...validPlan, name: null },
    /name: Expected string, received null/,
  ],
  ['name is an array', { ...validPlan, name: [] }, /name: Expected string/],
  ['name is empty', { ...validPlan, name: '' }, /name: Give the plan a name/],
  [
    'name is blank',
    { ...validPlan, name: '   ' },
    /name: Give the plan a name/,
  ],
  [
    'name is huge',
    { ...validPlan, name: 'x'.repeat(101) },
    /name: Plan names are at most 100 characters/,
  ],
  [
    'description is a number',
    { ...validPlan, description: 5 },
    /description: Expected string/,
  ],
  [
    'description is huge',
    { ...validPlan, description: 'x'.repeat(300_000) },
    /description: Descriptions are at most 2000 characters/,
  ],
  [
    'defaultMode in lower case',
    { ...validPlan, defaultMode: 'drill' },
    /defaultMode: Invalid enum value. Expected 'DRILL' \| 'RECOVERY'/,
  ],
  [
    'timeout is fractional',
    { ...validPlan, timeoutMinutes: 1.5 },
    /timeoutMinutes: The timeout is a whole number of minutes/,
  ],
  [
    'timeout is zero',
    { ...validPlan, timeoutMinutes: 0 },
    /timeoutMinutes: The timeout is at least 1 minute/,
  ],
  [
    'timeout is huge',
    { ...validPlan, timeoutMinutes: 1e12 },
    /timeoutMinutes: The timeout is at most 7 days/,
  ],
  ['waves missing', { name: 'x' }, /waves: Required/],
  [
    'waves is an object',
    { ...validPlan, waves: {} },
    /waves: Expected array, received object/,
  ],
  [
    'waves is a string',
    { ...validPlan, waves: 'db' },
    /waves: Expected array, received string/,
  ],
  [
    'a wave is a number',
    { ...validPlan, waves: [1] },
    /waves\[0\]: Expected object, received number/,
  ],
  [
    '21 waves',
    {
      ...validPlan,
      waves: Array.from({ length: 21 }, (_, i) => ({
        name: `w${i}`,
        sourceServerIds: [id(i)],
      })),
    },
    /waves: A plan has at most 20 waves/,
  ],
  [
    'wave name empty',
    { ...validPlan, waves: [wave({ name: '' })] },
    /waves\[0\]\.name: Give the wave a name/,
  ],
  [
    'wave name huge',
    { ...validPlan, waves: [wave({ name: 'w'.repeat(65) })] },
    /waves\[0\]\.name: Wave names are at most 64 characters/,
  ],
  [
    'server IDs not a list',
    { ...validPlan, waves: [wave({ sourceServerIds: id(1) })] },
    /waves\[0\]\.sourceServerIds: Expected array, received string/,
  ],
  [
    'no server in a wave',
    { ...validPlan, waves: [wave({ sourceServerIds: [] })] },
    /A wave needs at least one source server/,
  ],
  [
    'server ID malformed',
    { ...validPlan, waves: [wave({ sourceServerIds: ['s-1'] })] },
    /sourceServerIds\[0\]: Source server IDs look like s-/,
  ],
  [
    'server ID empty',
    { ...validPlan, waves: [wave({ sourceServerIds: [''] })] },
    /sourceServerIds\[0\]: Source server IDs look like s-/,
  ],
  [
    'waitFor unknown',
    { ...validPlan, waves: [wave({ waitFor: 'READY' })] },
    /waves\[0\]\.waitFor: Invalid enum value/,
  ],
  [
    'pauseBefore a number',
    { ...validPlan, waves: [wave({ pauseBefore: 1 })] },
    /waves\[0\]\.pauseBefore: Expected boolean, received number/,
  ],
  [
    'dependsOn a string',
    { ...validPlan, waves: [wave({ dependsOn: 'db' })] },
    /waves\[0\]\.dependsOn: Expected array, received string/,
  ],
  [
    'unknown field',
    { ...validPlan, owner: 'me' },
    /Unrecognized key\(s\) in object: 'owner'/,
  ],
  [
    'server-side field planId',
    { ...validPlan, planId: unknownId },
    /Unrecognized key\(s\) in object: 'planId'/,
  ],
  [
    'server-side field entityRef',
    { ...validPlan, entityRef: 'component:default/payments' },
    /Unrecognized key\(s\) in object: 'entityRef'/,
  ],
  [
    'unknown wave field',
    { ...validPlan, waves: [wave({ tags: {} })] },
    /waves\[0\]: Unrecognized key\(s\) in object: 'tags'/,
  ],
  [
    'prototype key',
    JSON.parse('{"__proto__":{"admin":true},"name":"x","waves":[]}'),
    /Unrecognized key\(s\) in object: '__proto__'/,
  ],
  ['body is an array', [validPlan], /Expected object, received array/],
];

/** Bodies that are not a JSON object at all, sent raw. */
const notJson: [string, string, RegExp][] = [
  [
    'truncated JSON',
    '{"name":',
    /not a valid JSON object \(Unexpected end of JSON input\)/,
  ],
  ['single quotes', "{'name':'x'}", /not a valid JSON object/],
  ['trailing comma', '{"name":"x",}', /not a valid JSON object/],
  ['NaN literal', '{"timeoutMinutes":NaN}', /not a valid JSON object/],
  ['JSON null', 'null', /not a valid JSON object/],
  ['JSON string', '"plan"', /not a valid JSON object/],
  ['JSON number', '42', /not a valid JSON object/],
  ['lone surrogate', '{"name":"\\ud800","waves":[]}', /lone UTF-16 surrogate/],
  ['lone surrogate in a key', '{"\\udc00":1}', /lone UTF-16 surrogate/],
];

const tooLarge = {
  name: 'x',
  description: 'x'.repeat(600 * 1024),
  waves: [],
};

function buildCases(): BadRequest[] {
  const cases: BadRequest[] = [];
  const add = (c: BadRequest) => cases.push(c);

  for (const [ref, status, message] of malformedEntityRefs) {
    for (const route of entityRoutes(ref)) {
      add({
        ...route,
        name: `entity ${ref}: ${route.method} ${route.path}`,
        status,
        message,
      });
    }
  }

  const planIdRoutes: Target[] = [
    { method: 'get', path: `${checkout}/plans/ID` },
    {
      method: 'put',
      path: `${checkout}/plans/ID`,
      body: { ...validPlan, version: 1 },
    },
    { method: 'delete', path: `${checkout}/plans/ID?version=1` },
    { method: 'post', path: `${checkout}/plans/ID/validate` },
    { method: 'post', path: `${checkout}/plans/ID/executions`, body: {} },
  ];
  const executionIdRoutes: Target[] = [
    { method: 'get', path: '/executions/ID' },
    { method: 'get', path: '/executions/ID/report' },
    { method: 'post', path: '/executions/ID/cancel' },
    { method: 'post', path: '/executions/ID/resume', body: { wave: 'db' } },
    { method: 'post', path: '/executions/ID/terminate' },
  ];
  for (const [routes, what, missing] of [
    [planIdRoutes, 'plan ID: planId', /No recovery plan 0c0ffee0-/],
    [executionIdRoutes, 'execution ID: executionId', /No execution 0c0ffee0-/],
  ] as const) {
    for (const route of routes) {
      for (const badId of badIds) {
        add({
          ...route,
          path: route.path.replace('ID', badId),
          name: `${what} ${badId.slice(0, 40)}: ${route.method} ${route.path}`,
          status: 400,
          message: new RegExp(
            `Invalid ${what.replace(
              '.',
              '\\.',
            )}: must be an ID this API returned`,
          ),
        });
      }
      add({
        ...route,
        path: route.path.replace('ID', unknownId),
        name: `unknown ID: ${route.method} ${route.path}`,
        status: 404,
        message: missing,
      });
    }
  }

  const planBodyRoutes: {
    method: 'post' | 'put';
    path: string;
    version?: boolean;
  }[] = [
    { method: 'post', path: `${checkout}/plans` },
    { method: 'put', path: planPath, version: true },
    { method: 'post', path: `${checkout}/plans/validate` },
  ];
  for (const route of planBodyRoutes) {
    for (const [what, body, message] of badPlans) {
      add({
        method: route.method,
        path: route.path,
        body:
          route.version && !Array.isArray(body)
            ? { ...(body as object), version: 1 }
            : body,
        name: `plan body, ${what}: ${route.method} ${route.path}`,
        status: 400,
        message,
      });
    }
    for (const [what, text, message] of notJson) {
      add({
        method: route.method,
        path: route.path,
        raw: { text, contentType: 'application/json' },
        name: `${what}: ${route.method} ${route.path}`,
        status: 400,
        message,
      });
    }
    add({
      method: route.method,
      path: route.path,
      body: tooLarge,
      name: `body over 512 KB: ${route.method} ${route.path}`,
      status: 413,
      message: /The request body is 601 KB; this API accepts at most 512 KB/,
    });
    add({
      method: route.method,
      path: route.path,
      raw: {
        text: JSON.stringify(validPlan),
        contentType: 'application/json; charset=latin1',
      },
      name: `latin1 charset: ${route.method} ${route.path}`,
      status: 415,
      message: /charset "latin1" is not supported; send JSON in UTF-8/,
    });
    add({
      method: route.method,
      path: route.path,
      raw: {
        text: JSON.stringify(validPlan),
        contentType: 'application/json',
        encoding: 'br',
      },
      name: `brotli body: ${route.method} ${route.path}`,
      status: 415,
      message: /Content-Encoding "br" is not supported/,
    });
    add({
      method: route.method,
      path: route.path,
      raw: { text: 'name=x', contentType: 'text/plain' },
      name: `not JSON at all: ${route.method} ${route.path}`,
      status: 400,
      message: /Invalid recovery plan: name: Required; waves: Required/,
    });
  }

  const badVersions: [string, unknown][] = [
    ['missing', undefined],
    ['a string', '1'],
    ['zero', 0],
    ['negative', -1],
    ['fractional', 1.5],
    ['beyond 2^53', 1e300],
    ['a boolean', true],
    ['null', null],
  ];
  for (const [what, version] of badVersions) {
    add({
      method: 'put',
      path: planPath,
      body: { ...validPlan, version },
      name: `PUT version ${what}`,
      status: 400,
      message: /version: must be the version number you read/,
    });
  }
  add({
    method: 'put',
    path: planPath,
    body: { ...validPlan, version: 99 },
    name: 'PUT a version that is not the current one',
    status: 409,
    message: /version 99 is no longer current\)\. Reload it/,
  });

  const badQueries: [string, string, RegExp, number?][] = [
    ...[
      'version=abc',
      'version=0',
      'version=-1',
      'version=1.5',
      'version=1e300',
      'version=1&version=2',
      'version[]=1',
      'version=',
      '',
    ].map((q): [string, string, RegExp] => [
      `${planPath}?${q}`,
      'delete',
      /Invalid query: version: must be the version number you read/,
    ]),
    [
      `${planPath}?version=1&force=true`,
      'delete',
      /Invalid query: Unrecognized key\(s\) in object: 'force'/,
    ],
    [`${planPath}?version=99`, 'delete', /Reload it before deleting/, 409],
    ...[
      ['limit=0', /limit: must be a whole number from 1 to 100/],
      ['limit=101', /limit: must be a whole number from 1 to 100/],
      ['limit=-1', /limit: must be a whole number from 1 to 100/],
      ['limit=abc', /limit: must be a whole number from 1 to 100/],
      ['limit=1.5', /limit: must be a whole number from 1 to 100/],
      ['limit=1e1', /limit: must be a whole number from 1 to 100/],
      ['limit=0x10', /limit: must be a whole number from 1 to 100/],
      ['limit=', /limit: must be a whole number from 1 to 100/],
      ['limit[]=5', /limit: must be a whole number from 1 to 100/],
      ['limit=5&limit=6', /limit: must be a whole number from 1 to 100/],
      ['status=DONE', /status: Invalid enum value/],
      ['status=completed', /status: Invalid enum value/],
      ['status[]=FAILED', /status: Expected 'PENDING'/],
      ['cursor=', /cursor: must be the nextCursor of the previous page/],
      [
        `cursor=${'c'.repeat(3000)}`,
        /cursor: must be the nextCursor of the previous page/,
      ],
      ['cursor=not-a-cursor', /The cursor is not one this list returned/],
      ['cursor[a]=b', /cursor: Expected string, received object/],
      ['sort=asc', /Unrecognized key\(s\) in object: 'sort'/],
    ].map(([q, message]): [string, string, RegExp] => [
      `${checkout}/executions?${q}`,
      'get',
      message as RegExp,
    ]),
    ...[
      [
        'format=pdf',
        /format: Invalid enum value. Expected 'json' \| 'markdown'/,
      ],
      ['format=MARKDOWN', /format: Invalid enum value/],
      ['format=', /format: Invalid enum value/],
      ['format[]=json', /format: Expected 'json' \| 'markdown'/],
      ['format=json&download=1', /Unrecognized key\(s\) in object: 'download'/],
    ].map(([q, message]): [string, string, RegExp] => [
      `${executionPath}/report?${q}`,
      'get',
      message as RegExp,
    ]),
    ...[
      `${checkout}/source-servers`,
      `${checkout}/plans`,
      planPath,
      `${checkout}/dr-health`,
      executionPath,
      '/dr-health',
    ].map((path): [string, string, RegExp] => [
      `${path}?filter=x`,
      'get',
      /Invalid query: Unrecognized key\(s\) in object: 'filter'/,
    ]),
    [
      `${executionPath}/cancel?force=1`,
      'post',
      /Invalid query: Unrecognized key\(s\) in object: 'force'/,
    ],
    [
      `${planPath}/executions?mode=RECOVERY`,
      'post',
      /Invalid query: Unrecognized key\(s\) in object: 'mode'/,
    ],
  ];
  for (const [path, method, message, status] of badQueries) {
    add({
      method: method as BadRequest['method'],
      path,
      name: `query: ${method} ${path.slice(0, 120)}`,
      status: (status ?? 400) as BadRequest['status'],
      message,
    });
  }

  const startPath = `${planPath}/executions`;
  const badStarts: [string, unknown, RegExp][] = [
    [
      'mode in lower case',
      { mode: 'drill' },
      /mode: Invalid enum value. Expected 'DRILL' \| 'RECOVERY'/,
    ],
    [
      'mode a number',
      { mode: 1 },
      /mode: Expected 'DRILL' \| 'RECOVERY', received number/,
    ],
    [
      'mode null',
      { mode: null },
      /mode: Expected 'DRILL' \| 'RECOVERY', received null/,
    ],
    [
      'an unknown field',
      { mode: 'DRILL', waves: ['db'] },
      /Unrecognized key\(s\) in object: 'waves'/,
    ],
    [
      'an array',
      ['DRILL'],
      /Invalid start request: Expected object, received array/,
    ],
  ];
  for (const [what, body, message] of badStarts) {
    add({
      method: 'post',
      path: startPath,
      body,
      name: `start, ${what}`,
      status: 400,
      message,
    });
  }
  const badKeys: [string, string][] = [
    ['empty', ''],
    ['a space', 'a b'],
    ['too long', 'k'.repeat(129)],
    ['a slash', 'key/1'],
    ['two keys', 'a,b'],
    ['non-ASCII', 'cl\u00e9'],
  ];
  for (const [what, key] of badKeys) {
    add({
      method: 'post',
      path: startPath,
      body: { mode: 'DRILL' },
      headers: { 'Idempotency-Key': key },
      name: `start, Idempotency-Key ${what}`,
      status: 400,
      message: /Invalid Idempotency-Key header: must be 1-128 letters, digits/,
    });
  }
  add({
    method: 'post',
    path: startPath,
    body: { mode: 'DRILL' },
    name: 'start while the plan has an active execution',
    status: 409,
    message: /already has an active execution/,
  });

  const badControls: [string, string, unknown, RegExp][] = [
    ['resume', 'without a wave', {}, /Invalid resume request: wave: Required/],
    [
      'resume',
      'an empty wave',
      { wave: '' },
      /wave: String must contain at least 1 character/,
    ],
    [
      'resume',
      'a wave number',
      { wave: 1 },
      /wave: Expected string, received number/,
    ],
    [
      'resume',
      'a huge wave name',
      { wave: 'w'.repeat(65) },
      /wave: String must contain at most 64 character/,
    ],
    [
      'resume',
      'an empty step',
      { wave: 'db', step: '' },
      /step: String must contain at least 1 character/,
    ],
    [
      'resume',
      'a step number',
      { wave: 'db', step: 0 },
      /step: Expected string, received number/,
    ],
    [
      'resume',
      'an unknown field',
      { wave: 'db', force: true },
      /Unrecognized key\(s\) in object: 'force'/,
    ],
    [
      'resume',
      'an unknown wave',
      { wave: 'nope' },
      /The execution has no wave "nope"; its waves are "db", "app", "web"/,
    ],
    [
      'cancel',
      'a reason',
      { reason: 'x' },
      /Invalid cancel request: Unrecognized key\(s\) in object: 'reason'/,
    ],
    [
      'cancel',
      'an array',
      [],
      /Invalid cancel request: Expected object, received array/,
    ],
    [
      'terminate',
      'a field',
      { now: true },
      /Invalid terminate request: Unrecognized key\(s\) in object: 'now'/,
    ],
  ];
  for (const [action, what, body, message] of badControls) {
    add({
      method: 'post',
      path: `${executionPath}/${action}`,
      body,
      name: `${action}, ${what}`,
      status: 400,
      message,
    });
  }
  add({
    method: 'post',
    path: `${executionPath}/resume`,
    body: { wave: 'db' },
    name: 'resume an execution that is not paused',
    status: 409,
    message: /only a PAUSED execution can be resumed/,
  });
  add({
    method: 'post',
    path: `${planPath}/validate`,
    body: validPlan,
    name: 'a draft sent to the saved-plan pre-flight',
    status: 400,
    message: /a draft plan goes to \/plans\/validate\): Unrecognized key/,
  });

  const noSuchRoute: [BadRequest['method'], string][] = [
    ['patch', planPath],
    ['put', executionPath],
    ['get', '/entities'],
    ['get', '/entities/component/default'],
    ['get', '/executions'],
    ['post', `${executionPath}/pause`],
    ['delete', '/dr-health'],
    ['get', `${checkout}/plans/{plan}/waves`],
  ];
  for (const [method, path] of noSuchRoute) {
    add({
      method,
      path,
      name: `no route ${method} ${path}`,
      status: 404,
      message: new RegExp(`The DRS API has no route ${method.toUpperCase()} /`),
    });
  }

  // Well-formed requests without credentials or without the permission.
  for (const route of entityRoutes('component/default/checkout').slice(0, 6)) {
    add({
      ...route,
      user: null,
      name: `no credentials: ${route.method} ${route.path}`,
      status: 401,
      message: /credentials|authenticat/i,
    });
    add({
      ...route,
      user: users.stranger,
      name: `no permission: ${route.method} ${route.path}`,
      status: 403,
      message:
        /You do not have the drs\.[a-z.]+ permission for component:default\/checkout/,
    });
  }
  return cases;
}

const cases = buildCases();

describe('malformed requests', () => {
  let h: ApiHarness;
  let ids: { plan: string; execution: string };
  let before: Awaited<ReturnType<ApiHarness['snapshotTables']>>;

  beforeAll(async () => {
    h = await startApiHarness();
    const servers: SourceServer[] = await h.checkoutServers();
    const plan = await h
      .api(users.sre)
      .post(`${checkout}/plans`)
      .send(planOfCheckout(servers));
    const execution = await h
      .api(users.sre)
      .post(`${checkout}/plans/${plan.body.planId}/executions`)
      .send({ mode: 'DRILL' });
    ids = { plan: plan.body.planId, execution: execution.body.executionId };
    before = await h.snapshotTables();
  });
  afterAll(() => h.stop());

  it('has at least 200 of them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(cases.map(c => [c.name, c] as const))('%s', async (_name, c) => {
    const path = c.path
      .replace('{plan}', ids.plan)
      .replace('{execution}', ids.execution);
    let req = h
      .api(c.user === undefined ? users.sre : c.user ?? undefined)
      [c.method](path);
    for (const [header, value] of Object.entries(c.headers ?? {})) {
      req = req.set(header, value);
    }
    if (c.raw) {
      req = req.set('Content-Type', c.raw.contentType);
      if (c.raw.encoding) req = req.set('Content-Encoding', c.raw.encoding);
      req = req.send(c.raw.text);
    } else if (c.body !== undefined) {
      req = req.send(c.body as object);
    }
    const res = await req;

    expect({ status: res.status, message: res.body?.error?.message }).toEqual({
      status: c.status,
      message: expect.stringMatching(c.message),
    });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // Nothing the client sent is echoed back, and no internals leak.
    expect(Object.keys(res.body.error).sort()).toEqual(['message', 'name']);
  });

  it('wrote nothing to either table', async () => {
    expect(await h.snapshotTables()).toEqual(before);
  });
});
