import { completed, NOW } from './__testUtils__/points';
import { APP_1, DB_1, DB_2, sourceServer } from './__testUtils__/servers';
import { planWave, savedPlan } from './__testUtils__/plans';
import {
  evaluatePlan,
  MAX_EVALUATION_REASONS,
  nextStoredEvaluation,
  PlanEvaluationInput,
  summarizeEvaluationRun,
} from './planEvaluation';
import { PlanEvaluation, StoredPlanEvaluation } from './planEvaluationTypes';
import { RecoveryPlan } from './types';

const plan = savedPlan([
  planWave('db', [DB_1, DB_2]),
  planWave('app', [APP_1]),
]);
const healthy = [
  sourceServer({ sourceServerId: DB_1 }),
  sourceServer({ sourceServerId: DB_2 }),
  sourceServer({ sourceServerId: APP_1 }),
];
const fresh = {
  [DB_1]: { snapshots: completed(DB_1, 120) },
  [DB_2]: { snapshots: completed(DB_2, 120) },
  [APP_1]: { snapshots: completed(APP_1, 120) },
};

const evaluate = (input: Partial<PlanEvaluationInput> = {}) =>
  evaluatePlan({
    plan,
    entity: { problems: [] },
    entityServers: healthy,
    pointsInTime: {},
    now: NOW,
    ...input,
  });

const withServer = (id: string, overrides: object) =>
  healthy.map(s => (s.sourceServerId === id ? { ...s, ...overrides } : s));

const kinds = (e: PlanEvaluation) =>
  e.reasons.map(r => [r.kind, r.severity, r.sourceServerId]);

describe('evaluatePlan', () => {
  it('passes a plan whose servers all replicate continuously, with nothing to say', () => {
    const result = evaluate();
    expect(result).toEqual({
      status: 'pass',
      evaluatedAt: NOW.toISOString(),
      planVersion: 1,
      serverCount: 3,
      reasons: [],
      worstDataLossSeconds: 30,
    });
  });

  it('fails a plan whose server stopped replicating and has no point in time left', () => {
    const result = evaluate({
      entityServers: withServer(DB_2, { replicationState: 'STOPPED' }),
      pointsInTime: { [DB_2]: { snapshots: [] } },
    });
    expect(result.status).toBe('fail');
    expect(kinds(result)).toEqual([['not-replicating', 'error', DB_2]]);
    expect(result.reasons[0].message).toMatch(
      /^Server host-db02 \(s-0000000000000db02\) has no completed point in time \(replication is STOPPED\)/,
    );
  });

  it('degrades a plan whose server stalled but launches from a recent point in time', () => {
    const result = evaluate({
      entityServers: withServer(DB_2, { replicationState: 'STALLED' }),
      pointsInTime: { [DB_2]: { snapshots: completed(DB_2, 600) } },
    });
    expect(result.status).toBe('degraded');
    expect(kinds(result)).toEqual([['not-replicating', 'warning', DB_2]]);
    expect(result.reasons[0].message).toContain('is STALLED, not replicating');
    expect(result.worstDataLossSeconds).toBe(600);
  });

  it('degrades a plan whose server lags far behind', () => {
    const result = evaluate({
      entityServers: withServer(APP_1, { lagSeconds: 3600 }),
    });
    expect(result.status).toBe('degraded');
    expect(kinds(result)).toEqual([['lag', 'warning', APP_1]]);
  });

  it('degrades a plan whose server replicates but is behind (BACKLOG)', () => {
    const result = evaluate({
      entityServers: withServer(APP_1, { replicationState: 'BACKLOG' }),
    });
    expect(kinds(result)).toEqual([['lag', 'warning', APP_1]]);
  });

  it('fails a plan whose server left the entity’s tags, and tells it from one DRS no longer has', () => {
    const moved = sourceServer({ sourceServerId: APP_1, tags: { App: 'x' } });
    const left = evaluate({
      entityServers: healthy.filter(s => s.sourceServerId !== APP_1),
      locationServers: [...healthy.slice(0, 2), moved],
    });
    expect(left.status).toBe('fail');
    expect(kinds(left)).toEqual([['left-entity', 'error', APP_1]]);
    expect(left.reasons[0].message).toContain(
      "is not one of this entity's DRS source servers",
    );

    const gone = evaluate({
      entityServers: healthy.filter(s => s.sourceServerId !== APP_1),
      locationServers: healthy.slice(0, 2),
    });
    expect(kinds(gone)).toEqual([['gone', 'error', APP_1]]);
    expect(gone.reasons[0].message).toBe(
      `Server ${APP_1} is no longer listed by DRS in the entity's account and region`,
    );

    const unknownLocation = evaluate({
      entityServers: healthy.filter(s => s.sourceServerId !== APP_1),
    });
    expect(kinds(unknownLocation)).toEqual([['left-entity', 'error', APP_1]]);
  });

  it('fails a plan beyond a DRS quota, and degrades one that may be refused parallel waves', () => {
    const quotas = {
      maxServersPerJob: 1,
      maxConcurrentJobs: 20,
      maxServersInActiveJobs: 2,
    };
    const result = evaluate({ quotas });
    expect(result.status).toBe('fail');
    expect(kinds(result)).toEqual([
      ['quota', 'error', undefined],
      ['quota', 'warning', undefined],
    ]);
    expect(result.reasons[0].message).toContain(
      'DRS launches at most 1 in one job',
    );
    const wide = evaluate({ quotas: { ...quotas, maxServersPerJob: 2 } });
    expect(wide.status).toBe('degraded');
    expect(kinds(wide)).toEqual([['quota', 'warning', undefined]]);
  });

  it('fails a plan with no point in time recent enough for its RPO, and degrades one near it', () => {
    const rpoPlan: RecoveryPlan = { ...plan, rpo: 'PT15M' };
    const stale = evaluate({
      plan: rpoPlan,
      pointsInTime: { ...fresh, [DB_1]: { snapshots: completed(DB_1, 1800) } },
    });
    expect(stale.status).toBe('fail');
    expect(kinds(stale)).toEqual([['rpo', 'error', DB_1]]);
    expect(stale.reasons[0].message).toMatch(
      /^No point in time recent enough for the RPO: host-db01.*beyond the RPO of 15m/,
    );

    const near = evaluate({
      plan: rpoPlan,
      pointsInTime: { ...fresh, [DB_1]: { snapshots: completed(DB_1, 800) } },
    });
    expect(near.status).toBe('degraded');
    expect(kinds(near)).toEqual([['rpo', 'warning', DB_1]]);

    const met = evaluate({ plan: rpoPlan, pointsInTime: fresh });
    expect(met.status).toBe('pass');
  });

  it('holds the entity’s RPO when the plan states none, and says when it cannot be known', () => {
    const entity = {
      rpo: { seconds: 900, iso: 'PT15M', source: 'entity' as const },
      problems: [],
    };
    expect(evaluate({ entity, pointsInTime: fresh }).status).toBe('pass');
    const unread = evaluate({
      entity,
      pointsInTime: { ...fresh, [APP_1]: { error: 'Throttled' } },
    });
    expect(unread.status).toBe('degraded');
    expect(kinds(unread)).toEqual([['unreadable', 'warning', APP_1]]);
    expect(unread.reasons[0].message).toContain('Throttled');
  });

  it('fails a plan whose stopped server’s points in time DRS would not give', () => {
    const result = evaluate({
      entityServers: withServer(DB_1, { replicationState: 'DISCONNECTED' }),
      pointsInTime: { [DB_1]: { error: 'Rate exceeded' } },
    });
    expect(result.status).toBe('fail');
    expect(kinds(result)).toEqual([['unreadable', 'error', DB_1]]);
  });

  it('shows a plan RPO that is not a duration as a warning, never ignores it', () => {
    const result = evaluate({ plan: { ...plan, rpo: 'fifteen minutes' } });
    expect(result.status).toBe('degraded');
    expect(result.reasons[0]).toMatchObject({
      kind: 'plan',
      severity: 'warning',
      message: expect.stringContaining('plan "Checkout" rpo'),
    });
  });

  it('fails a plan whose entity cannot be recovered, and is unknown when DRS cannot be read', () => {
    const orphan = evaluate({
      entity: {
        error: 'Entity component:default/checkout is not in the catalog',
      },
    });
    expect(orphan).toMatchObject({
      status: 'fail',
      reasons: [{ kind: 'entity', severity: 'error' }],
    });
    const dark = evaluate({ entityServers: { error: 'AccessDenied' } });
    expect(dark.status).toBe('unknown');
    expect(dark.reasons).toEqual([
      {
        kind: 'unreadable',
        severity: 'warning',
        message: 'DRS could not be read: AccessDenied',
      },
    ]);
  });

  it('lists errors before warnings and keeps at most MAX_EVALUATION_REASONS', () => {
    const ids = Array.from(
      { length: 60 },
      (_, n) => `s-${String(n).padStart(17, '0')}`,
    );
    const big = savedPlan([planWave('all', ids)]);
    const servers = ids.map((id, n) =>
      sourceServer({
        sourceServerId: id,
        replicationState: n === 59 ? 'STOPPED' : 'STALLED',
      }),
    );
    const result = evaluatePlan({
      plan: big,
      entity: { problems: [] },
      entityServers: servers,
      pointsInTime: Object.fromEntries(
        ids.map((id, n) => [
          id,
          { snapshots: n === 59 ? [] : completed(id, 600) },
        ]),
      ),
      now: NOW,
    });
    expect(result.status).toBe('fail');
    expect(result.reasons).toHaveLength(MAX_EVALUATION_REASONS);
    expect(result.reasons[0]).toMatchObject({
      severity: 'error',
      sourceServerId: ids[59],
    });
    expect(result.reasons[MAX_EVALUATION_REASONS - 1].message).toBe(
      'And 11 more reasons of this plan',
    );
  });
});

describe('nextStoredEvaluation', () => {
  const at = (minutes: number) =>
    new Date(NOW.getTime() + minutes * 60_000).toISOString();
  const evaluation = (
    status: PlanEvaluation['status'],
    minutes: number,
  ): PlanEvaluation => ({
    status,
    evaluatedAt: at(minutes),
    planVersion: 1,
    serverCount: 1,
    reasons: [],
  });

  /** Feeds evaluations in order; returns when the owners would be told. */
  function run(statuses: PlanEvaluation['status'][]) {
    let stored: StoredPlanEvaluation | undefined;
    const notified: number[] = [];
    const since: (string | undefined)[] = [];
    statuses.forEach((status, minutes) => {
      const next = nextStoredEvaluation(stored, evaluation(status, minutes));
      if (next.turnedFailing) notified.push(minutes);
      stored = next.stored;
      since.push(next.stored.failingSince);
    });
    return { notified, since };
  }

  it('tells the owners once when a plan turns from passing to failing', () => {
    const { notified, since } = run(['pass', 'fail', 'fail', 'fail']);
    expect(notified).toEqual([1]);
    expect(since).toEqual([undefined, at(1), at(1), at(1)]);
  });

  it('tells them again after the plan recovered (or only degraded) and failed again', () => {
    expect(run(['fail', 'pass', 'fail', 'degraded', 'fail']).notified).toEqual([
      0, 2, 4,
    ]);
  });

  it('neither starts nor ends a failure while DRS cannot be read', () => {
    const { notified, since } = run(['fail', 'unknown', 'fail', 'unknown']);
    expect(notified).toEqual([0]);
    expect(since).toEqual([at(0), at(0), at(0), at(0)]);
    expect(run(['pass', 'unknown', 'pass']).since).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('summarizeEvaluationRun', () => {
  it('counts the plans by standing, with the pass’s duration', () => {
    const statuses = ['pass', 'fail', 'fail', 'degraded', 'unknown'] as const;
    expect(
      summarizeEvaluationRun(
        statuses.map(status => ({ status })),
        {
          startedAt: NOW,
          completedAt: new Date(NOW.getTime() + 1500),
          locations: 2,
        },
      ),
    ).toEqual({
      completedAt: new Date(NOW.getTime() + 1500).toISOString(),
      durationMs: 1500,
      plans: 5,
      failing: 2,
      degraded: 1,
      unknown: 1,
      locations: 2,
    });
  });
});
