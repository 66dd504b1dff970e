import { Entity } from '@backstage/catalog-model';
import { ago, completed, inProgress, NOW } from './__testUtils__/points';
import { planWave, savedPlan } from './__testUtils__/plans';
import { APP_1, DB_1, DB_2, sourceServer } from './__testUtils__/servers';
import { makeExecution } from './engine/__testUtils__/fixtures';
import { ExecutionSummary } from './executionTypes';
import {
  ANNOTATION_DRS_RPO,
  ANNOTATION_DRS_RTO,
  entityObjectives,
  objectiveDurationSchema,
  parseObjectiveDuration,
  planObjectives,
  StatedObjective,
} from './objectiveDurations';
import {
  assessObjectives,
  compareObjectiveStatus,
  evaluateRpo,
  evaluateRto,
} from './objectives';
import { recoveryPlanInputSchema } from './validation';

const HOUR: StatedObjective = { seconds: 3600, iso: 'PT1H', source: 'entity' };
const QUARTER: StatedObjective = {
  seconds: 900,
  iso: 'PT15M',
  source: 'entity',
};

/** A finished execution as history lists it: a drill of plan-1 that took `seconds`, ended `endedAgo` ago. */
function run(
  seconds: number,
  endedAgo: number,
  overrides: Partial<ExecutionSummary> = {},
): ExecutionSummary {
  const { waves, ...execution } = makeExecution(
    [{ name: 'db', servers: [DB_1] }],
    {
      status: 'COMPLETED',
      startedAt: ago(endedAgo + seconds),
      endedAt: ago(endedAgo),
    },
  );
  return {
    ...execution,
    waveCount: waves.length,
    serverCount: 1,
    completedWaveCount: 1,
    failedServerCount: 0,
    ...overrides,
  };
}

function entity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', annotations },
    spec: {},
  };
}

describe('parseObjectiveDuration', () => {
  it.each([
    ['PT1H', 3600],
    ['PT15M', 900],
    ['PT30S', 30],
    ['P1D', 86_400],
    ['P1DT2H', 93_600],
    ['P2W', 1_209_600],
    ['PT1H30M', 5400],
    ['PT0.5H', 1800],
    [' PT4H ', 14_400],
  ])('reads %j as %d seconds', (value, seconds) => {
    expect(parseObjectiveDuration(value)).toEqual({ seconds });
  });

  it.each([
    ['1h', 'is not an ISO 8601 duration'],
    ['60', 'is not an ISO 8601 duration'],
    ['', 'is not an ISO 8601 duration'],
    ['one hour', 'is not an ISO 8601 duration'],
    ['P1M', 'one minute is PT1M'],
    ['P1Y', 'years or months'],
    ['PT0S', 'not a positive duration'],
    ['P', 'not a positive duration'],
    ['PT-1H', 'not a positive duration'],
    ['-PT1H', 'not a positive duration'],
    ['PT0.1S', 'not a positive duration'],
  ])('refuses %j, saying it %s', (value, message) => {
    const parsed = parseObjectiveDuration(value);
    expect('error' in parsed && parsed.error).toContain(message);
  });

  it('is what the plan schema checks, naming the field', () => {
    const plan = { name: 'p', waves: [planWave('db', [DB_1])] };
    const ok = recoveryPlanInputSchema.safeParse({
      ...plan,
      rto: 'PT2H',
      rpo: ' PT5M ',
    });
    expect(ok.success && [ok.data.rto, ok.data.rpo]).toEqual(['PT2H', 'PT5M']);
    const bad = recoveryPlanInputSchema.safeParse({ ...plan, rpo: '15m' });
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.error.issues[0].path).toEqual(['rpo']);
    expect(objectiveDurationSchema.safeParse(3600).success).toBe(false);
  });
});

describe('stated objectives', () => {
  it('reads the annotations, and lists one that is not a duration as a problem', () => {
    expect(
      entityObjectives(
        entity({ [ANNOTATION_DRS_RTO]: 'PT1H', [ANNOTATION_DRS_RPO]: '15m' }),
      ),
    ).toEqual({
      rto: { seconds: 3600, iso: 'PT1H', source: 'entity' },
      rpo: undefined,
      problems: [
        {
          field: ANNOTATION_DRS_RPO,
          value: '15m',
          message: expect.stringContaining('not an ISO 8601 duration'),
        },
      ],
    });
    expect(entityObjectives(entity())).toEqual({ problems: [] });
    expect(
      entityObjectives(entity({ [ANNOTATION_DRS_RTO]: '  ' })).problems,
    ).toEqual([]);
  });

  it("takes the plan's fields over the entity's, and the entity's where the plan is silent or unreadable", () => {
    const stated = entityObjectives(
      entity({ [ANNOTATION_DRS_RTO]: 'PT1H', [ANNOTATION_DRS_RPO]: 'PT15M' }),
    );
    expect(planObjectives(stated, { name: 'p', rto: 'PT30M' })).toEqual({
      rto: { seconds: 1800, iso: 'PT30M', source: 'plan' },
      rpo: stated.rpo,
      problems: [],
    });
    const broken = planObjectives(stated, { name: 'p', rpo: 'soon' });
    expect(broken.rpo).toBe(stated.rpo);
    expect(broken.problems[0].field).toBe('plan "p" rpo');
  });
});

describe('evaluateRto', () => {
  it.each([
    [1800, 'met', 'recovered in 30m of 1h (50%)'],
    [2880, 'met', '(80%)'],
    [2881, 'at-risk', 'within 80% of the RTO'],
    [3600, 'at-risk', '(100%)'],
    [3601, 'breached', 'beyond the RTO'],
  ] as const)(
    'a drill that took %d s of a 1-hour RTO is %s',
    (seconds, status, reason) => {
      const rto = evaluateRto(HOUR, [run(seconds, 3600)], 7200, NOW);
      expect(rto).toMatchObject({
        status,
        objectiveSeconds: 3600,
        objective: 'PT1H',
        source: 'entity',
        measuredSeconds: seconds,
        drill: { executionId: 'exec-1', planName: 'Checkout' },
      });
      expect(rto.reason).toContain(reason);
      expect(rto.upperBoundSeconds).toBeUndefined();
    },
  );

  it('holds the newest successful drill, past failed, cancelled, running drills and recoveries', () => {
    const rto = evaluateRto(
      HOUR,
      [
        run(60, 0, { status: 'POLLING', endedAt: undefined }),
        run(7200, 60, { mode: 'RECOVERY' }),
        run(7200, 120, { status: 'CANCELLED' }),
        run(1200, 600, { executionId: 'good' }),
        run(7200, 9000, { executionId: 'older' }),
      ],
      undefined,
      NOW,
    );
    expect(rto).toMatchObject({ status: 'met', measuredSeconds: 1200 });
    expect(rto.drill?.executionId).toBe('good');
  });

  it('is at risk when a later drill failed or timed out', () => {
    for (const status of ['FAILED', 'TIMED_OUT'] as const) {
      const rto = evaluateRto(
        HOUR,
        [run(600, 60, { status }), run(1200, 600)],
        undefined,
        NOW,
      );
      expect(rto.status).toBe('at-risk');
      expect(rto.reason).toContain(`a later drill ended ${status}`);
    }
  });

  it('is at risk when the successful drill is older than 90 days, breached whatever its age', () => {
    const old = 91 * 86_400;
    expect(evaluateRto(HOUR, [run(600, old)], undefined, NOW)).toMatchObject({
      status: 'at-risk',
      reason: expect.stringContaining('91 days old'),
    });
    expect(
      evaluateRto(HOUR, [run(600, 89 * 86_400)], undefined, NOW).status,
    ).toBe('met');
    expect(evaluateRto(HOUR, [run(4000, old)], undefined, NOW).status).toBe(
      'breached',
    );
  });

  it('never drilled: the plan timeout is the upper bound, within or beyond the RTO', () => {
    expect(evaluateRto(HOUR, [], 3600, NOW)).toEqual({
      status: 'never-drilled',
      objectiveSeconds: 3600,
      objective: 'PT1H',
      source: 'entity',
      upperBoundSeconds: 3600,
      reason: "Never drilled: the plan's timeout of 1h is within the RTO",
    });
    expect(evaluateRto(HOUR, [], 6 * 3600, NOW).reason).toBe(
      "Never drilled: the plan's timeout of 6h exceeds the RTO",
    );
    expect(evaluateRto(HOUR, [], undefined, NOW).reason).toBe(
      'Never drilled, and there is no recovery plan',
    );
    const failedOnly = evaluateRto(
      HOUR,
      [run(600, 60, { status: 'FAILED' })],
      7200,
      NOW,
    );
    expect(failedOnly.status).toBe('never-drilled');
    expect(failedOnly.reason).toContain('No drill succeeded yet');
  });

  it('a completed drill without both times proves nothing', () => {
    expect(
      evaluateRto(HOUR, [run(600, 60, { startedAt: undefined })], 60, NOW)
        .status,
    ).toBe('never-drilled');
  });
});

describe('evaluateRpo', () => {
  const servers = [
    sourceServer({ sourceServerId: DB_1, lagSeconds: 30 }),
    sourceServer({ sourceServerId: DB_2, lagSeconds: 10 }),
  ];

  it('met: every latest point in time and lag well inside the RPO', () => {
    const rpo = evaluateRpo(
      QUARTER,
      servers,
      {
        [DB_1]: {
          snapshots: [...completed(DB_1, 600, 300), inProgress(DB_1, 0)],
        },
        [DB_2]: { snapshots: completed(DB_2, 120) },
      },
      NOW,
    );
    expect(rpo).toEqual({
      status: 'met',
      objectiveSeconds: 900,
      objective: 'PT15M',
      source: 'entity',
      serverCount: 2,
      worstExposureSeconds: 300,
      worstServer: {
        sourceServerId: DB_1,
        hostname: 'host-db01',
        lagSeconds: 30,
        pointInTimeAt: ago(300),
        pointInTimeAgeSeconds: 300,
        exposureSeconds: 300,
      },
      reason:
        'host-db01: latest point in time 5m old, lag 30s (and 1 more): within the RPO of 15m',
    });
  });

  it('the larger of lag and point-in-time age counts: a stopped server lagging breaches', () => {
    const stopped = sourceServer({
      sourceServerId: DB_1,
      replicationState: 'STALLED',
      lagSeconds: 2000,
    });
    const rpo = evaluateRpo(
      QUARTER,
      [stopped, servers[1]],
      {
        [DB_1]: { snapshots: completed(DB_1, 60) },
        [DB_2]: { snapshots: completed(DB_2, 60) },
      },
      NOW,
    );
    expect(rpo.status).toBe('breached');
    expect(rpo.worstServer?.exposureSeconds).toBe(2000);
    expect(rpo.reason).toContain('beyond the RPO of 15m');
  });

  it.each([
    [720, 'met'],
    [721, 'at-risk'],
    [900, 'at-risk'],
    [901, 'breached'],
  ] as const)(
    'a point in time %d s old against 15 minutes is %s',
    (age, status) => {
      expect(
        evaluateRpo(
          QUARTER,
          [sourceServer({ lagSeconds: 0 })],
          { [DB_1]: { snapshots: completed(DB_1, age) } },
          NOW,
        ).status,
      ).toBe(status);
    },
  );

  it('a server with no completed point in time breaches; one not readable is unknown, never met', () => {
    const none = evaluateRpo(
      QUARTER,
      servers,
      {
        [DB_1]: { snapshots: [inProgress(DB_1, 0)] },
        [DB_2]: { snapshots: completed(DB_2, 60) },
      },
      NOW,
    );
    expect(none.status).toBe('breached');
    expect(none.reason).toContain(
      'host-db01: it has no completed point in time',
    );
    const unreadable = evaluateRpo(
      QUARTER,
      servers,
      {
        [DB_1]: { error: 'Rate exceeded' },
        [DB_2]: { snapshots: completed(DB_2, 60) },
      },
      NOW,
    );
    expect(unreadable.status).toBe('unknown');
    expect(unreadable.reason).toContain('Rate exceeded');
    expect(
      evaluateRpo(QUARTER, servers, { [DB_2]: { snapshots: [] } }, NOW).status,
    ).toBe('breached');
    expect(evaluateRpo(QUARTER, [servers[0]], {}, NOW).status).toBe('unknown');
  });

  it('at risk beats unknown, breached beats both', () => {
    const rpo = evaluateRpo(
      QUARTER,
      servers,
      {
        [DB_1]: { error: 'x' },
        [DB_2]: { snapshots: completed(DB_2, 800) },
      },
      NOW,
    );
    expect(rpo.status).toBe('at-risk');
    expect(rpo.worstServer?.sourceServerId).toBe(DB_2);
  });

  it('unknown when DRS could not be asked or the service has no server', () => {
    expect(
      evaluateRpo(QUARTER, { error: 'AccessDenied' }, {}, NOW),
    ).toMatchObject({
      status: 'unknown',
      serverCount: 0,
      reason: 'DRS could not be asked: AccessDenied',
    });
    expect(evaluateRpo(QUARTER, [], {}, NOW).reason).toBe(
      'No source server to hold against the RPO',
    );
  });
});

describe('assessObjectives', () => {
  const annotated = entity({
    [ANNOTATION_DRS_RTO]: 'PT1H',
    [ANNOTATION_DRS_RPO]: 'PT15M',
  });
  const servers = [
    sourceServer({ sourceServerId: DB_1 }),
    sourceServer({ sourceServerId: APP_1 }),
  ];
  const fresh = {
    [DB_1]: { snapshots: completed(DB_1, 60) },
    [APP_1]: { snapshots: completed(APP_1, 60) },
  };
  const base = {
    entity: annotated,
    plans: [],
    executions: [],
    servers,
    pointsInTime: fresh,
    now: NOW,
  };

  it('nothing stated: status none, nothing evaluated', () => {
    expect(assessObjectives({ ...base, entity: entity() })).toEqual({
      rto: undefined,
      rpo: undefined,
      plans: [],
      problems: [],
      status: 'none',
    });
  });

  it('without a plan: the annotations against all servers, never drilled with no bound', () => {
    const result = assessObjectives(base);
    expect(result.rto).toMatchObject({
      status: 'never-drilled',
      upperBoundSeconds: undefined,
    });
    expect(result.rpo).toMatchObject({ status: 'met', serverCount: 2 });
    expect(result.status).toBe('never-drilled');
  });

  it("each plan on its own objectives, drills and servers; the entity's standing is the worst plan's", () => {
    const fast = {
      ...savedPlan([planWave('db', [DB_1])]),
      planId: 'fast',
      name: 'Fast',
    };
    const slow = {
      ...savedPlan([planWave('app', [APP_1])]),
      planId: 'slow',
      name: 'Slow',
      rto: 'PT10M',
      rpo: 'PT30S',
    };
    const result = assessObjectives({
      ...base,
      plans: [fast, slow],
      executions: [
        run(1200, 60, { planId: 'slow', planName: 'Slow' }),
        run(600, 600, { planId: 'fast', planName: 'Fast' }),
      ],
    });
    expect(result.plans).toEqual([
      expect.objectContaining({
        planId: 'fast',
        rto: expect.objectContaining({ status: 'met', measuredSeconds: 600 }),
        rpo: expect.objectContaining({ status: 'met', serverCount: 1 }),
      }),
      expect.objectContaining({
        planId: 'slow',
        rto: expect.objectContaining({
          status: 'breached',
          source: 'plan',
          measuredSeconds: 1200,
        }),
        rpo: expect.objectContaining({ status: 'breached', source: 'plan' }),
      }),
    ]);
    expect(result.rto?.drill?.planName).toBe('Slow');
    expect(result.status).toBe('breached');
  });

  it('a plan never drilled carries its timeout as the upper bound', () => {
    const result = assessObjectives({
      ...base,
      plans: [savedPlan([planWave('db', [DB_1])])],
    });
    expect(result.rto).toMatchObject({
      status: 'never-drilled',
      upperBoundSeconds: 3600,
    });
  });

  it('plans stating nothing when the entity states nothing are left out', () => {
    const result = assessObjectives({
      ...base,
      entity: entity(),
      plans: [savedPlan([planWave('db', [DB_1])])],
    });
    expect(result).toMatchObject({ plans: [], status: 'none' });
  });

  it('an annotation that is not a duration is a configuration problem: invalid unless breached', () => {
    const result = assessObjectives({
      ...base,
      entity: entity({
        [ANNOTATION_DRS_RTO]: '1 hour',
        [ANNOTATION_DRS_RPO]: 'PT15M',
      }),
    });
    expect(result.problems).toEqual([
      expect.objectContaining({ field: ANNOTATION_DRS_RTO, value: '1 hour' }),
    ]);
    expect(result.rto).toBeUndefined();
    expect(result.rpo?.status).toBe('met');
    expect(result.status).toBe('invalid');
    const breached = assessObjectives({
      ...base,
      entity: entity({
        [ANNOTATION_DRS_RTO]: 'x',
        [ANNOTATION_DRS_RPO]: 'PT30S',
      }),
    });
    expect(breached.status).toBe('breached');
  });

  it('RPO unknown when DRS could not be asked', () => {
    expect(
      assessObjectives({ ...base, servers: { error: 'timeout' } }).rpo?.status,
    ).toBe('unknown');
  });
});

describe('compareObjectiveStatus', () => {
  it('sorts worst first', () => {
    const statuses = [
      'met',
      'none',
      'unknown',
      'breached',
      'never-drilled',
      'invalid',
      'at-risk',
    ] as const;
    expect([...statuses].sort(compareObjectiveStatus)).toEqual([
      'breached',
      'invalid',
      'at-risk',
      'never-drilled',
      'unknown',
      'met',
      'none',
    ]);
  });
});
