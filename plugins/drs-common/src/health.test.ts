import { ago, completed, NOW } from './__testUtils__/points';
import { APP_1, DB_1, DB_2, sourceServer } from './__testUtils__/servers';
import { assessDrHealth } from './health';
import { makeExecution } from './engine/__testUtils__/fixtures';
import { SourceServer } from './types';
import { ExecutionSummary } from './executionTypes';

/** A finished drill of one wave, as history lists it: by default it completed 50 minutes ago. */
function summary(overrides: Partial<ExecutionSummary>): ExecutionSummary {
  const { waves, ...execution } = makeExecution(
    [{ name: 'db', servers: [DB_1] }],
    { status: 'COMPLETED', startedAt: ago(3600), endedAt: ago(3000) },
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

const base = {
  entityRef: 'component:default/checkout',
  region: 'eu-west-1',
  planCount: 1,
  now: NOW,
};

/** The health of a service with these servers, one plan and a recent successful drill. */
const healthOf = (
  servers: SourceServer[],
  input: Partial<Parameters<typeof assessDrHealth>[0]> = {},
) => assessDrHealth({ ...base, servers, executions: [summary({})], ...input });

describe('assessDrHealth', () => {
  it('a healthy service: every server replicating, a plan, a recent successful drill', () => {
    const health = healthOf([
      sourceServer(),
      sourceServer({ sourceServerId: DB_2 }),
    ]);
    expect(health).toEqual({
      entityRef: base.entityRef,
      region: 'eu-west-1',
      accountId: undefined,
      servers: {
        total: 2,
        launchable: 2,
        replicating: 2,
        byState: { CONTINUOUS: 2 },
      },
      worstLagSeconds: 30,
      planCount: 1,
      lastDrill: {
        executionId: 'exec-1',
        status: 'COMPLETED',
        startedAt: ago(3600),
        endedAt: ago(3000),
        recoverySeconds: 600,
        statusReason: undefined,
        waveCount: 1,
        serverCount: 1,
        completedWaveCount: 1,
        progress: undefined,
      },
      proven: true,
      activeExecutions: [],
      canRecoverNow: true,
      problems: [],
    });
  });

  it('a stopped server with a point in time can still be recovered, and is reported', () => {
    const health = healthOf(
      [
        sourceServer(),
        sourceServer({
          sourceServerId: DB_2,
          replicationState: 'STALLED',
          lagSeconds: 5400,
        }),
      ],
      { pointsInTime: { [DB_2]: { snapshots: completed(DB_2, 5400) } } },
    );
    expect(health.servers).toEqual({
      total: 2,
      launchable: 2,
      replicating: 1,
      byState: { CONTINUOUS: 1, STALLED: 1 },
    });
    expect(health.canRecoverNow).toBe(true);
    expect(health.worstLagSeconds).toBe(5400);
    expect(health.problems).toEqual([
      '1 server is STALLED, not replicating: drills refuse it, and a recovery launches it from the last point in time',
    ]);
  });

  it('a server without any point in time cannot be recovered; one whose snapshots were not readable neither', () => {
    const health = healthOf(
      [
        sourceServer({ replicationState: 'INITIAL_SYNC' }),
        sourceServer({ sourceServerId: DB_2, replicationState: 'STOPPED' }),
        sourceServer({ sourceServerId: APP_1, replicationState: 'BACKLOG' }),
      ],
      {
        pointsInTime: {
          [DB_1]: { snapshots: [] },
          [DB_2]: { error: 'ThrottlingException: Rate exceeded' },
        },
      },
    );
    expect(health.servers).toMatchObject({ launchable: 1, replicating: 0 });
    expect(health.canRecoverNow).toBe(false);
    expect(health.problems).toEqual([
      '1 server is INITIAL_SYNC, not replicating: drills refuse it, and a recovery launches it from the last point in time',
      '1 server is STOPPED, not replicating: drills refuse it, and a recovery launches it from the last point in time',
      '1 server is BACKLOG: replication is behind, and drills refuse it',
      `host-db01 (${DB_1}) cannot be launched: it has no completed point in time yet: DRS is still in its initial sync (INITIAL_SYNC)`,
      `host-db02 (${DB_2}) cannot be launched: it has points in time that could not be read from DRS (ThrottlingException: Rate exceeded); try again shortly`,
    ]);
  });

  it('counts several servers of a state in one problem', () => {
    const health = healthOf([
      sourceServer({ replicationState: 'RESCAN' }),
      sourceServer({ sourceServerId: DB_2, replicationState: 'RESCAN' }),
    ]);
    expect(health.problems).toEqual([
      '2 servers are RESCAN: replication is behind, and drills refuse them',
    ]);
    expect(health.canRecoverNow).toBe(true);
  });

  it('says when DRS could not be asked, or reports no servers', () => {
    const unreachable = healthOf([], {
      serversError: 'DRS in default/eu-west-1 could not be reached',
      executions: [],
    });
    expect(unreachable.problems).toEqual([
      'DRS could not be asked: DRS in default/eu-west-1 could not be reached',
      'Never drilled',
    ]);
    expect(unreachable.canRecoverNow).toBe(false);
    expect(unreachable.worstLagSeconds).toBeUndefined();
    const empty = healthOf([], { planCount: 0, executions: [] });
    expect(empty.problems).toEqual([
      'DRS reports no source servers for this service',
      'No recovery plan',
      'Never drilled',
    ]);
  });

  it('judges the newest finished drill: failed, cancelled, older than 90 days', () => {
    const servers = [sourceServer()];
    const lastDrill = (drill: Partial<ExecutionSummary>) =>
      healthOf(servers, {
        executions: [
          summary({
            executionId: 'running',
            status: 'POLLING',
            endedAt: undefined,
          }),
          summary({ executionId: 'recovery', mode: 'RECOVERY' }),
          summary(drill),
        ],
      });
    // How far it got, from the summary's counts; older summaries only know completed waves
    const failed = lastDrill({
      status: 'FAILED',
      statusReason: 'Wave "app" failed: LAUNCH_FAILED',
      waveCount: 3,
      serverCount: 6,
      completedWaveCount: 1,
      progress: { wavesStarted: 2, serversLaunched: 4 },
    });
    expect(failed.problems).toEqual([
      'The last drill failed in wave 2 of 3: 4 of 6 servers launched',
    ]);
    expect(failed.lastDrill).toMatchObject({
      statusReason: 'Wave "app" failed: LAUNCH_FAILED',
      progress: { wavesStarted: 2, serversLaunched: 4 },
    });
    expect(failed.proven).toBe(false);
    expect(
      lastDrill({ status: 'FAILED', completedWaveCount: 0 }).problems,
    ).toEqual(['The last drill failed after 0 of 1 wave completed']);
    expect(
      lastDrill({
        status: 'CANCELLED',
        progress: { wavesStarted: 0, serversLaunched: 0 },
      }).problems,
    ).toEqual([
      'The last drill was cancelled before any wave started: 0 of 1 server launched',
    ]);
    // A drill that did not complete recovered nothing: no recovery time to show.
    for (const status of ['FAILED', 'CANCELLED', 'TIMED_OUT'] as const) {
      expect(lastDrill({ status }).lastDrill).toMatchObject({ status });
      expect(lastDrill({ status }).lastDrill?.recoverySeconds).toBeUndefined();
    }
    expect(
      lastDrill({ status: 'COMPLETED' }).lastDrill?.recoverySeconds,
    ).toBeGreaterThan(0);
    const stale = lastDrill({ endedAt: ago(91 * 86400), startedAt: undefined });
    expect(stale.problems).toEqual([
      'The last successful drill is older than 90 days',
    ]);
    expect(stale.lastDrill?.recoverySeconds).toBeUndefined();
    expect(stale.proven).toBe(false);
    expect(healthOf(servers, { executions: [] }).proven).toBe(false);
    expect(stale.activeExecutions).toEqual([
      {
        executionId: 'running',
        status: 'POLLING',
        mode: 'DRILL',
        planName: 'Checkout',
      },
    ]);
  });
});
