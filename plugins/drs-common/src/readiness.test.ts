import {
  ago,
  completed,
  inProgress,
  NOW,
  snapshotId,
} from './__testUtils__/points';
import { APP_1, DB_1, DB_2, sourceServer } from './__testUtils__/servers';
import {
  needsPointsInTime,
  planReadiness,
  ReadinessOptions,
  serverReadiness,
  ServerToAssess,
  worstDataLoss,
} from './readiness';
import { PointInTimeChoice, RecoverySnapshot } from './recoveryPoints';
import { DATA_REPLICATION_STATES } from './replication';

const recovery: ReadinessOptions = { mode: 'RECOVERY', now: NOW };
const drill: ReadinessOptions = { mode: 'DRILL', now: NOW };
const degradedDrill: ReadinessOptions = {
  ...drill,
  allowDegradedReplication: true,
};

/** db-1 of wave db, replicating continuously 30 s behind unless `input` says otherwise. */
function assessDb1(
  input: Partial<ServerToAssess>,
  options: ReadinessOptions = recovery,
) {
  return serverReadiness(
    { sourceServerId: DB_1, waveName: 'db', server: sourceServer(), ...input },
    options,
  );
}

/** One server of state `state`, 30 s behind, with these snapshots (read), assessed for `options`. */
function assess(
  state: string,
  snapshots: RecoverySnapshot[],
  options: ReadinessOptions,
) {
  return assessDb1(
    {
      server: sourceServer({ replicationState: state }),
      pointsInTime: { snapshots },
    },
    options,
  );
}

/** What a readiness says, in short: launchable or not, why, the warning, the window. */
function outcome(
  state: string,
  snapshots: RecoverySnapshot[],
  options: ReadinessOptions,
) {
  const r = assess(state, snapshots, options);
  return {
    launchable: r.launchable,
    blockingReason: r.blockingReason ?? null,
    warning: r.warning ?? null,
    dataLossSeconds: r.dataLossSeconds ?? null,
  };
}

/** The outcomes of the table below, for a server 30 s behind whose newest point in time is 10 minutes old. */
type Outcome = ReturnType<typeof outcome>;
const launches = (
  dataLossSeconds: number,
  warning: string | null = null,
): Outcome => ({
  launchable: true,
  blockingReason: null,
  warning,
  dataLossSeconds,
});
const refused = (
  blockingReason: string,
  dataLossSeconds: number | null = null,
): Outcome => ({
  launchable: false,
  blockingReason,
  warning: null,
  dataLossSeconds,
});
const cells = {
  /** Replicating continuously: a fresh point in time at launch, lag behind. */
  ok: () => launches(30),
  /** Replicating but behind: launches, with a warning. */
  behind: (state: string) =>
    launches(
      30,
      `is ${state}: replication is behind the source, losing 30s of data`,
    ),
  /** Not replicating: launches from its newest point in time, losing everything since. */
  fromPoint: (state: string) =>
    launches(
      600,
      `is ${state}, not replicating: it launches from its point in time of ${ago(
        600,
      )}, losing 10m of data`,
    ),
  /** A drill refuses unhealthy replication (the figures still show). */
  drill: (state: string, dataLossSeconds: number) =>
    refused(
      `is ${state}; a drill needs CONTINUOUS replication, as a drill from a stale point in time proves little. Start the drill with allowDegradedReplication to launch it from its point in time anyway`,
      dataLossSeconds,
    ),
  noPoint: (state: string) =>
    refused(
      `has no completed point in time (replication is ${state}): DRS has nothing to launch it from`,
    ),
  initialSync: (state: string) =>
    refused(
      `has no completed point in time yet: DRS is still in its initial sync (${state})`,
    ),
};

/** A state, then its outcomes: RECOVERY with a point in time, RECOVERY without, DRILL with, DRILL without. */
type Row = [string, Outcome, Outcome, Outcome, Outcome];
const rows = (
  states: string[],
  outcomes: (state: string) => [Outcome, Outcome, Outcome, Outcome],
) => states.map((state): Row => [state, ...outcomes(state)]);

const TABLE: Row[] = [
  ...rows(['CONTINUOUS'], () => [
    cells.ok(),
    cells.ok(),
    cells.ok(),
    cells.ok(),
  ]),
  ...rows(['BACKLOG', 'CREATING_SNAPSHOT', 'RESCAN'], state => [
    cells.behind(state),
    cells.behind(state),
    cells.drill(state, 30),
    cells.drill(state, 30),
  ]),
  // Without a point in time, allowing degraded replication would not help: that comes first.
  ...rows(['STOPPED', 'PAUSED', 'STALLED', 'DISCONNECTED'], state => [
    cells.fromPoint(state),
    cells.noPoint(state),
    cells.drill(state, 600),
    cells.noPoint(state),
  ]),
  ...rows(['INITIATING', 'INITIAL_SYNC'], state => [
    cells.fromPoint(state),
    cells.initialSync(state),
    cells.drill(state, 600),
    cells.initialSync(state),
  ]),
];

describe('serverReadiness on DRS latest point in time', () => {
  const withPoints = () => [
    ...completed(DB_1, 600, 1200),
    inProgress(DB_1, 30),
  ];
  const withoutPoints = () => [inProgress(DB_1, 30)];

  it('covers every DataReplicationState of the DRS model', () => {
    expect(TABLE.map(([state]) => state).sort()).toEqual(
      [...DATA_REPLICATION_STATES].sort(),
    );
  });

  it.each(TABLE)(
    '%s',
    (state, recoveryWith, recoveryWithout, drillWith, drillWithout) => {
      expect(outcome(state, withPoints(), recovery)).toEqual(recoveryWith);
      expect(outcome(state, withoutPoints(), recovery)).toEqual(
        recoveryWithout,
      );
      expect(outcome(state, withPoints(), drill)).toEqual(drillWith);
      expect(outcome(state, withoutPoints(), drill)).toEqual(drillWithout);
      // A drill allowed to launch degraded servers follows the recovery's rules.
      expect(outcome(state, withPoints(), degradedDrill)).toEqual(recoveryWith);
      expect(outcome(state, withoutPoints(), degradedDrill)).toEqual(
        recoveryWithout,
      );
    },
  );

  it('shows the point in time a launch on latest would use', () => {
    expect(assess('STALLED', withPoints(), recovery).pointInTime).toEqual({
      snapshotId: snapshotId(DB_1, 600),
      at: ago(600),
    });
    expect(assess('CONTINUOUS', withPoints(), drill).pointInTime?.at).toBe(
      ago(600),
    );
    expect(
      assess('CONTINUOUS', withoutPoints(), drill).pointInTime,
    ).toBeUndefined();
  });

  it('warns of a lag over 15 minutes on a continuous server', () => {
    const readiness = assessDb1({
      server: sourceServer({ lagSeconds: 5400 }),
      pointsInTime: { snapshots: completed(DB_1, 6000) },
    });
    expect(readiness).toMatchObject({
      launchable: true,
      dataLossSeconds: 5400,
      warning:
        'lags 90 minutes behind; a recovery now would lose that much data',
    });
  });

  it('measures from the newest point in time when a replicating server reports no lag', () => {
    const readiness = assessDb1({
      server: sourceServer({ lagSeconds: undefined }),
      pointsInTime: { snapshots: completed(DB_1, 1200, 300) },
    });
    expect(readiness.dataLossSeconds).toBe(300);
  });

  it('needs no snapshots of a replicating server on latest, and says so', () => {
    const continuous = sourceServer();
    expect(needsPointsInTime(continuous)).toBe(false);
    expect(needsPointsInTime(continuous, { type: 'before', at: ago(60) })).toBe(
      true,
    );
    expect(
      needsPointsInTime(sourceServer({ replicationState: 'STALLED' })),
    ).toBe(true);
    expect(assessDb1({ server: continuous })).toMatchObject({
      launchable: true,
      dataLossSeconds: 30,
    });
    expect(
      assessDb1({ server: sourceServer({ replicationState: 'STALLED' }) }),
    ).toMatchObject({
      launchable: false,
      blockingReason:
        'has points in time that were not read from DRS; try again',
    });
  });

  it('fails closed when the snapshots could not be read, even where they would not matter', () => {
    const readiness = assessDb1({
      server: sourceServer(),
      pointsInTime: { error: 'ThrottlingException: Rate exceeded' },
    });
    expect(readiness).toMatchObject({
      launchable: false,
      blockingReason:
        'has points in time that could not be read from DRS (ThrottlingException: Rate exceeded); try again shortly',
    });
  });

  it("refuses a server that is not one of the entity's", () => {
    expect(
      serverReadiness({ sourceServerId: DB_2, waveName: 'db' }, recovery),
    ).toEqual({
      sourceServerId: DB_2,
      waveName: 'db',
      hostname: undefined,
      replicationState: undefined,
      lagSeconds: undefined,
      launchable: false,
      blockingReason:
        "is not one of this entity's DRS source servers (check its tags or the entity's annotations)",
    });
  });
});

describe('serverReadiness on a chosen point in time', () => {
  const snapshots = [...completed(DB_1, 7200, 3600, 600), inProgress(DB_1, 30)];
  const choose = (
    choice: PointInTimeChoice,
    options: Partial<ReadinessOptions> = {},
    state = 'CONTINUOUS',
  ) =>
    assessDb1(
      {
        server: sourceServer({ replicationState: state }),
        pointsInTime: { snapshots },
        ownerOf: id => (id.startsWith('pit-0000db02') ? DB_2 : undefined),
      },
      { ...recovery, pointInTime: choice, ...options },
    );

  it('a cut-off: the newest completed point at or before it, measured from now', () => {
    expect(choose({ type: 'before', at: ago(3000) })).toMatchObject({
      launchable: true,
      pointInTime: { snapshotId: snapshotId(DB_1, 3600), at: ago(3600) },
      dataLossSeconds: 3600,
    });
    expect(choose({ type: 'before', at: ago(3600) }).pointInTime?.at).toBe(
      ago(3600),
    );
    // A snapshot still being taken never qualifies, however recent.
    expect(choose({ type: 'before', at: ago(0) }).pointInTime?.at).toBe(
      ago(600),
    );
  });

  it('a cut-off far from any point in time: launchable, with a warning', () => {
    expect(choose({ type: 'before', at: ago(2400) }).warning).toBe(
      `has no point in time closer to the cut-off than ${ago(
        3600,
      )}, 20m before it`,
    );
  });

  it('a cut-off before every point in time: refused, naming the oldest', () => {
    expect(choose({ type: 'before', at: ago(9000) })).toMatchObject({
      launchable: false,
      blockingReason: `has no completed point in time at or before ${ago(
        9000,
      )}: its oldest is ${ago(7200)}, 30m later`,
    });
  });

  it('a cut-off applies to replicating servers too: no fresh point in time at launch', () => {
    expect(
      choose({ type: 'before', at: ago(3000) }, {}, 'BACKLOG'),
    ).toMatchObject({ launchable: true, dataLossSeconds: 3600 });
    expect(
      choose({ type: 'before', at: ago(3000) }, { mode: 'DRILL' }, 'STALLED')
        .launchable,
    ).toBe(false);
  });

  it('explicit snapshot IDs: exactly the one named for the server', () => {
    const id = snapshotId(DB_1, 7200);
    expect(
      choose({ type: 'snapshots', snapshotIds: { [DB_1]: id } }),
    ).toMatchObject({
      launchable: true,
      pointInTime: { snapshotId: id, at: ago(7200) },
      dataLossSeconds: 7200,
    });
  });

  it('explicit snapshot IDs: refuses one of another server, one in progress, an unknown one, none', () => {
    const reason = (snapshotIds: Record<string, string>) =>
      choose({ type: 'snapshots', snapshotIds }).blockingReason;
    const other = snapshotId(DB_2, 600);
    expect(reason({ [DB_1]: other })).toBe(
      `was given snapshot ${other}, which is a point in time of server ${DB_2}, not of this one`,
    );
    expect(reason({ [DB_1]: snapshotId(DB_1, 30) })).toBe(
      `was given snapshot ${snapshotId(
        DB_1,
        30,
      )}, which DRS is still taking (it has no timestamp yet); choose a completed one`,
    );
    expect(reason({ [DB_1]: 'pit-00000000000000000' })).toBe(
      `was given snapshot pit-00000000000000000, which is not one of its completed points in time; its newest is ${snapshotId(
        DB_1,
        600,
      )} of ${ago(600)}`,
    );
    expect(reason({ [APP_1]: snapshotId(DB_1, 600) })).toBe(
      'has no point in time chosen: pointInTime.snapshotIds names none for it',
    );
  });

  it("ignores snapshots listed under another server's ID", () => {
    const readiness = assessDb1({
      server: sourceServer({ replicationState: 'STALLED' }),
      pointsInTime: { snapshots: completed(DB_2, 60) },
    });
    expect(readiness.launchable).toBe(false);
  });
});

describe('planReadiness', () => {
  const plan = {
    waves: [
      { name: 'db', sourceServerIds: [DB_1, DB_2] },
      { name: 'app', sourceServerIds: [APP_1] },
    ],
  };
  const servers = [
    sourceServer(),
    sourceServer({
      sourceServerId: DB_2,
      replicationState: 'STOPPED',
      lagSeconds: 4000,
    }),
  ];

  it('assesses every server wave by wave, with the worst window', () => {
    const readiness = planReadiness(
      plan,
      servers,
      {
        [DB_1]: { snapshots: completed(DB_1, 600) },
        [DB_2]: { snapshots: completed(DB_2, 4200, 9000) },
      },
      recovery,
    );
    expect(
      readiness.servers.map(s => [s.waveName, s.sourceServerId, s.launchable]),
    ).toEqual([
      ['db', DB_1, true],
      ['db', DB_2, true],
      ['app', APP_1, false],
    ]);
    expect(readiness.worstDataLossSeconds).toBe(4200);
    expect(worstDataLoss(readiness.servers)?.sourceServerId).toBe(DB_2);
  });

  it('tells a snapshot given to the wrong server by what the other servers listed', () => {
    const readiness = planReadiness(
      plan,
      servers,
      {
        [DB_1]: { snapshots: completed(DB_1, 600) },
        [DB_2]: { error: 'TimeoutError' },
      },
      {
        ...recovery,
        pointInTime: {
          type: 'snapshots',
          snapshotIds: { [DB_1]: snapshotId(DB_1, 600) },
        },
      },
    );
    expect(readiness.servers[0].launchable).toBe(true);
    expect(readiness.servers[1].blockingReason).toContain('TimeoutError');

    const swapped = planReadiness(
      plan,
      servers,
      {
        [DB_1]: { snapshots: completed(DB_1, 600) },
        [DB_2]: { snapshots: completed(DB_2, 600) },
      },
      {
        ...recovery,
        pointInTime: {
          type: 'snapshots',
          snapshotIds: {
            [DB_1]: snapshotId(DB_2, 600),
            [DB_2]: snapshotId(DB_1, 600),
          },
        },
      },
    );
    expect(swapped.servers[0].blockingReason).toContain(
      `a point in time of server ${DB_2}`,
    );
    expect(swapped.servers[1].blockingReason).toContain(
      `a point in time of server ${DB_1}`,
    );
  });

  it('has no worst window when no server has a figure', () => {
    expect(worstDataLoss([])).toBeUndefined();
    expect(
      planReadiness({ waves: [] }, [], {}, recovery).worstDataLossSeconds,
    ).toBeUndefined();
  });
});
