import { completed, NOW, snapshotId } from './__testUtils__/points';
import { APP_1, DB_1, DB_2, sourceServer } from './__testUtils__/servers';
import { planWave, savedPlan } from './__testUtils__/plans';
import { PreflightInput, preflightPlan } from './preflight';

const plan = savedPlan([
  planWave('db', [DB_1, DB_2]),
  planWave('app', [APP_1]),
]);
const entityServers = [
  sourceServer({ lagSeconds: 1800 }),
  sourceServer({ sourceServerId: DB_2, replicationState: 'STALLED' }),
  sourceServer({ sourceServerId: APP_1 }),
];
const pointsInTime = {
  [DB_1]: { snapshots: completed(DB_1, 600) },
  [DB_2]: { snapshots: completed(DB_2, 5400) },
  [APP_1]: { snapshots: completed(APP_1, 600) },
};

/** Pre-flight of the plan, or a variant, for a start of this mode. */
const check = (
  mode: 'DRILL' | 'RECOVERY',
  input: Partial<PreflightInput> = {},
) =>
  preflightPlan({
    plan,
    entityServers,
    pointsInTime,
    mode,
    now: NOW,
    ...input,
  });

describe('preflightPlan', () => {
  it('a drill: the stalled server is an error, the lagging one a warning, each at its wave', () => {
    const result = check('DRILL');
    expect(result.issues).toEqual([
      {
        path: 'waves[0].sourceServerIds',
        message: `Server host-db01 (${DB_1}) lags 30 minutes behind; a recovery now would lose that much data`,
        severity: 'warning',
      },
      {
        path: 'waves[0].sourceServerIds',
        message: expect.stringMatching(
          new RegExp(
            `^Server host-db02 \\(${DB_2}\\) is STALLED; a drill needs CONTINUOUS replication`,
          ),
        ),
        severity: 'error',
      },
    ]);
    expect(result.servers.map(s => s.launchable)).toEqual([true, false, true]);
    expect(result.worstDataLossSeconds).toBe(5400);
  });

  it('a recovery: the stalled server launches from its point in time, with a warning', () => {
    const result = check('RECOVERY');
    expect(result.issues.map(i => [i.severity, i.message])).toEqual([
      ['warning', expect.stringContaining('lags 30 minutes behind')],
      [
        'warning',
        expect.stringContaining(
          'is STALLED, not replicating: it launches from its point in time',
        ),
      ],
    ]);
    expect(result.servers.every(s => s.launchable)).toBe(true);
  });

  it('keeps the structure issues and the servers that are not the entity’s', () => {
    const result = check('RECOVERY', {
      plan: { ...plan, waves: [...plan.waves, planWave('app', [APP_1])] },
      entityServers: entityServers.slice(0, 2),
    });
    expect(result.issues.filter(i => i.severity === 'error')).toEqual([
      expect.objectContaining({ path: 'waves[2].name' }),
      expect.objectContaining({ path: 'waves[2].sourceServerIds' }),
      {
        path: 'waves[1].sourceServerIds',
        message: `Server ${APP_1} is not one of this entity's DRS source servers (check its tags or the entity's annotations)`,
        severity: 'error',
      },
      {
        path: 'waves[2].sourceServerIds',
        message: `Server ${APP_1} is not one of this entity's DRS source servers (check its tags or the entity's annotations)`,
        severity: 'error',
      },
    ]);
  });

  it('refuses snapshot IDs for servers the plan does not have', () => {
    const result = check('RECOVERY', {
      pointInTime: {
        type: 'snapshots',
        snapshotIds: {
          [DB_1]: snapshotId(DB_1, 600),
          [DB_2]: snapshotId(DB_2, 5400),
          [APP_1]: snapshotId(APP_1, 600),
          's-0000000000000zz99': snapshotId(APP_1, 600),
        },
      },
    });
    expect(result.issues.filter(i => i.severity === 'error')).toEqual([
      {
        path: 'pointInTime.snapshotIds',
        message: 'Names server s-0000000000000zz99, which is not in this plan',
        severity: 'error',
      },
    ]);
  });
});
