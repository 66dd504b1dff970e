import { formatIssuePath, hasErrors } from './planIssues';
import { PlanWave, RecoveryPlanInput } from './types';
// In the order the tests use them.
import {
  recoveryPlanInputSchema,
  DEFAULT_TIMEOUT_MINUTES,
  effectiveDependencies,
  validatePlanStructure,
  DEFAULT_DRS_QUOTAS,
} from './validation';

const id = (n: number) => `s-${String(n).padStart(17, '0')}`;

function wave(name: string, ids: number[], extra: Partial<PlanWave> = {}) {
  return {
    name,
    sourceServerIds: ids.map(id),
    waitFor: 'LAUNCHED' as const,
    pauseBefore: false,
    dependsOn: [],
    ...extra,
  };
}

function plan(waves: PlanWave[]): RecoveryPlanInput {
  return {
    name: 'Checkout',
    description: '',
    defaultMode: 'DRILL',
    timeoutMinutes: 60,
    waves,
  };
}

describe('recoveryPlanInputSchema', () => {
  it('fills the defaults a person need not write', () => {
    expect(
      recoveryPlanInputSchema.parse({
        name: '  Checkout ',
        waves: [{ name: 'db', sourceServerIds: [id(1)] }],
      }),
    ).toEqual({
      name: 'Checkout',
      description: '',
      defaultMode: 'DRILL',
      timeoutMinutes: DEFAULT_TIMEOUT_MINUTES,
      waves: [wave('db', [1])],
    });
  });

  it('refuses unknown fields, bad IDs and sizes with messages located by field', () => {
    const result = recoveryPlanInputSchema.safeParse({
      name: '',
      timeoutMinutes: 1.5,
      colour: 'red',
      waves: [{ name: 'db', sourceServerIds: ['i-123'] }],
    });
    expect(result.success).toBe(false);
    const messages = result.success
      ? []
      : result.error.issues.map(
          issue => `${formatIssuePath(issue.path)}: ${issue.message}`,
        );
    expect(messages).toEqual(
      expect.arrayContaining([
        'name: Give the plan a name',
        'timeoutMinutes: The timeout is a whole number of minutes',
        'waves[0].sourceServerIds[0]: Source server IDs look like s-1234567890abcdef0 (s- and 17 letters or digits)',
        expect.stringMatching(/^: Unrecognized key\(s\) in object: 'colour'/),
      ]),
    );
    expect(
      recoveryPlanInputSchema.safeParse({ name: 'x', waves: [] }).success,
    ).toBe(false);
  });
});

describe('formatIssuePath', () => {
  it('addresses fields as the form does', () => {
    expect(formatIssuePath(['waves', 1, 'sourceServerIds', 0])).toBe(
      'waves[1].sourceServerIds[0]',
    );
    expect(formatIssuePath([])).toBe('');
    expect(formatIssuePath([0, 'name'])).toBe('[0].name');
  });
});

describe('effectiveDependencies', () => {
  it('waits for the wave before unless a wave names its own', () => {
    expect(
      effectiveDependencies([
        wave('db', [1]),
        wave('app', [2]),
        wave('web', [3], { dependsOn: ['db'] }),
      ]),
    ).toEqual([[], ['db'], ['db']]);
  });
});

describe('validatePlanStructure', () => {
  it('accepts a sound plan', () => {
    expect(
      validatePlanStructure(plan([wave('db', [1]), wave('app', [2, 3])])),
    ).toEqual([]);
  });

  it('refuses repeated wave names and servers, with the place of each', () => {
    const issues = validatePlanStructure(
      plan([wave('db', [1, 1]), wave('db', [2]), wave('app', [2])]),
    );
    expect(issues).toEqual([
      {
        path: 'waves[1].name',
        message: 'Wave name "db" is already used by wave 1',
        severity: 'error',
      },
      {
        path: 'waves[0].sourceServerIds',
        message: `Server ${id(1)} is listed twice in wave "db"`,
        severity: 'error',
      },
      {
        path: 'waves[2].sourceServerIds',
        message: `Server ${id(
          2,
        )} is already in wave "db"; a server can be in one wave only`,
        severity: 'error',
      },
    ]);
    expect(hasErrors(issues)).toBe(true);
  });

  it('refuses a wave larger than one DRS job, and warns of a plan larger than the active-jobs quota', () => {
    const quotas = {
      ...DEFAULT_DRS_QUOTAS,
      maxServersPerJob: 2,
      maxServersInActiveJobs: 3,
    };
    const issues = validatePlanStructure(
      plan([wave('db', [1, 2, 3]), wave('app', [4])]),
      quotas,
    );
    expect(issues).toEqual([
      {
        path: 'waves[0].sourceServerIds',
        message:
          'Wave "db" has 3 servers; DRS launches at most 2 in one job. Split it into several waves.',
        severity: 'error',
        kind: 'quota',
      },
      {
        path: 'waves',
        message:
          'The plan has 4 servers; DRS allows 3 across active jobs, so parallel waves may be refused',
        severity: 'warning',
        kind: 'quota',
      },
    ]);
  });

  it('refuses dependencies on itself, on unknown waves, and in a cycle', () => {
    const issues = validatePlanStructure(
      plan([
        wave('db', [1], { dependsOn: ['web'] }),
        wave('app', [2], { dependsOn: ['app', 'cache'] }),
        wave('web', [3], { dependsOn: ['db'] }),
      ]),
    );
    expect(issues.map(i => [i.path, i.message])).toEqual([
      ['waves[1].dependsOn', 'Wave "app" cannot depend on itself'],
      [
        'waves[1].dependsOn',
        'Wave "app" depends on "cache", which is not a wave of this plan',
      ],
      ['waves', 'Wave dependencies form a cycle: db → web → db'],
    ]);
  });

  it('looks for no cycle when wave names repeat', () => {
    const issues = validatePlanStructure(
      plan([wave('db', [1], { dependsOn: ['db2'] }), wave('db', [2])]),
    );
    expect(issues.map(i => i.path)).toEqual([
      'waves[1].name',
      'waves[0].dependsOn',
    ]);
  });
});

describe('hasErrors', () => {
  it('is false for warnings only', () => {
    expect(
      hasErrors([{ path: 'waves', message: 'large', severity: 'warning' }]),
    ).toBe(false);
    expect(hasErrors([])).toBe(false);
  });
});
