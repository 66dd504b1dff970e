/*
 * Points in time: the snapshots the start chose go to StartRecovery as recorded, and the
 * point in time each launch used becomes the server's achieved recovery point.
 */
import { DrsLaunchStatus } from '../statuses';
import { Execution, ExecutionServer } from '../executionTypes';
import * as fixtures from './__testUtils__/fixtures';
import { DrsJobObservation, RecoveryInstanceObservation } from './types';

const { at, server } = fixtures;
const iso = (seconds: number) => at(seconds).toISOString();
const CUT_OFF_SNAPSHOT_AT = iso(-3600);

/** A recovery whose start chose snapshots for s-db1 and s-app1, not for s-db2. */
function recoveryWithChosenSnapshots(): Execution {
  const execution = fixtures.makeExecution(
    [
      { name: 'db', servers: ['s-db1', 's-db2'] },
      { name: 'app', servers: ['s-app1'] },
    ],
    {
      mode: 'RECOVERY',
      pointInTime: { type: 'before', at: CUT_OFF_SNAPSHOT_AT },
      acceptedDataLossSeconds: 7200,
    },
  );
  const chosen: Record<string, string> = {
    's-db1': 'pit-db1',
    's-app1': 'pit-app1',
  };
  for (const s of execution.waves.flatMap(w => w.servers)) {
    if (chosen[s.sourceServerId]) {
      s.recoverySnapshotId = chosen[s.sourceServerId];
      s.pointInTimeAt = CUT_OFF_SNAPSHOT_AT;
    }
  }
  return execution;
}

/** The recovery after the cycle that started its db wave (job-db), at T0. */
const runningRecovery = () =>
  fixtures.stepAndLaunch(
    recoveryWithChosenSnapshots(),
    fixtures.noObservations(),
    at(0),
  ).execution;

/** A two-server drill whose db wave runs as job-db since T0. */
const runningDrill = () =>
  fixtures.stepAndLaunch(
    fixtures.makeExecution([{ name: 'db', servers: ['s-db1', 's-db2'] }]),
    fixtures.noObservations(),
    at(0),
  ).execution;

/** One server's recovery instance, launched from `pointInTimeAt`. */
function launchedFrom(
  sourceServerId: string,
  pointInTimeAt: string | undefined,
): RecoveryInstanceObservation {
  return { ...fixtures.instance(sourceServerId, 'PENDING'), pointInTimeAt };
}

/** One cycle at `seconds` in which DRS reports job-db and these recovery instances. */
function observeDb(
  execution: Execution,
  seconds: number,
  instances: RecoveryInstanceObservation[],
  job: {
    status?: DrsJobObservation['status'];
    launchStatuses?: Record<string, DrsLaunchStatus>;
  } = {},
): Execution {
  const launchStatuses = job.launchStatuses ?? {
    's-db1': 'LAUNCHED',
    's-db2': 'LAUNCHED',
  };
  const observed = fixtures.job(
    fixtures.jobIdOf('db'),
    job.status ?? 'STARTED',
    launchStatuses,
  );
  return fixtures.step(
    execution,
    fixtures.observe([observed], instances),
    at(seconds),
  ).execution;
}

/** What s-db1 of the drill records once launched at 300 s from an instance of `pointInTimeAt`. */
function db1LaunchedFrom(pointInTimeAt: string | undefined): ExecutionServer {
  return server(
    observeDb(runningDrill(), 300, [launchedFrom('s-db1', pointInTimeAt)]),
    's-db1',
  );
}

/** The first START_WAVE command of one cycle. */
const firstStart = (execution: Execution, seconds = 60) =>
  fixtures.startWaveCommands(
    fixtures.step(execution, fixtures.noObservations(), at(seconds)),
  )[0];

/** What a server records of its recovery point; missing and undefined alike. */
const recoveryPointOf = (s: ExecutionServer) => ({
  pointInTimeAt: s.pointInTimeAt,
  dataLossSeconds: s.dataLossSeconds,
});
const NOTHING_MEASURED = {
  pointInTimeAt: undefined,
  dataLossSeconds: undefined,
};

describe('launching with the chosen points in time', () => {
  it('sends the snapshot recorded for each server of the wave, and none for the others', () => {
    const command = firstStart(recoveryWithChosenSnapshots());
    expect(command.sourceServerIds).toEqual(['s-db1', 's-db2']);
    expect(command.recoverySnapshotIds).toEqual({ 's-db1': 'pit-db1' });
    expect(command.isDrill).toBe(false);
  });

  it('names no snapshot when the start chose DRS latest point in time', () => {
    const drill = fixtures.makeExecution([{ name: 'db', servers: ['s-db1'] }]);
    expect(firstStart(drill)).not.toHaveProperty('recoverySnapshotIds');
  });

  it('sends the same recorded snapshots when it adopts or relaunches after a lost record', () => {
    // The cycle that wrote the intent crashed before recording a job.
    const intended = fixtures.step(
      recoveryWithChosenSnapshots(),
      fixtures.noObservations(),
      at(0),
    ).execution;
    expect(firstStart(intended, 600)).toMatchObject({
      adoptExisting: true,
      mayLaunch: true,
      recoverySnapshotIds: { 's-db1': 'pit-db1' },
    });
  });

  it('sends a later wave the snapshots recorded for its own servers, and never changes them', () => {
    const running = runningRecovery();
    const decision = fixtures.step(
      running,
      fixtures.observe(
        [fixtures.waveJob(running, 'db', 'COMPLETED', 'LAUNCHED')],
        [launchedFrom('s-db1', iso(-120))],
      ),
      at(60),
    );
    const [command] = fixtures.startWaveCommands(decision);
    expect(command.sourceServerIds).toEqual(['s-app1']);
    expect(command.recoverySnapshotIds).toEqual({ 's-app1': 'pit-app1' });
    expect(
      decision.execution.waves.flatMap(w =>
        w.servers.map(s => s.recoverySnapshotId),
      ),
    ).toEqual(['pit-db1', undefined, 'pit-app1']);
  });
});

describe('the achieved recovery point of each server', () => {
  it('takes the point in time of the launched instance, and the data lost since it', () => {
    const launched = observeDb(runningDrill(), 300, [
      launchedFrom('s-db1', iso(-90)),
      launchedFrom('s-db2', iso(250)),
    ]);
    expect(server(launched, 's-db1')).toMatchObject({
      status: 'LAUNCHED',
      launchedAt: iso(300),
      pointInTimeAt: iso(-90),
      dataLossSeconds: 390,
    });
    expect(server(launched, 's-db2')).toMatchObject({
      pointInTimeAt: iso(250),
      dataLossSeconds: 50,
    });
  });

  it('replaces the chosen snapshot time with the one DRS reports for the launch', () => {
    const launched = observeDb(runningRecovery(), 120, [
      launchedFrom('s-db1', iso(-3500)),
    ]);
    expect(server(launched, 's-db1')).toMatchObject({
      pointInTimeAt: iso(-3500),
      dataLossSeconds: 3500 + 120,
    });
  });

  it('measures nothing while DRS reports no point in time, and keeps the chosen one', () => {
    const launched = observeDb(runningRecovery(), 120, [
      launchedFrom('s-db1', undefined),
      launchedFrom('s-db2', undefined),
    ]);
    expect(recoveryPointOf(server(launched, 's-db1'))).toEqual({
      pointInTimeAt: CUT_OFF_SNAPSHOT_AT,
      dataLossSeconds: undefined,
    });
    expect(recoveryPointOf(server(launched, 's-db2'))).toEqual(
      NOTHING_MEASURED,
    );

    // Reported at a later cycle, it is measured then, from the launch time recorded.
    const measured = observeDb(launched, 150, [
      launchedFrom('s-db2', iso(100)),
    ]);
    expect(server(measured, 's-db2')).toMatchObject({
      pointInTimeAt: iso(100),
      dataLossSeconds: 20,
    });
  });

  it.each([
    ['the epoch', '1970-01-01T00:00:00.000Z'],
    ['a time before the epoch', '0001-01-01T00:00:00Z'],
    ['an empty string', ''],
    ['something that is no time', 'yesterday'],
  ])('never measures from %s', (_, pointInTimeAt) => {
    expect(recoveryPointOf(db1LaunchedFrom(pointInTimeAt))).toEqual(
      NOTHING_MEASURED,
    );
  });

  it('writes the point in time as a normalised ISO-8601 instant', () => {
    expect(db1LaunchedFrom('2025-03-01T11:00:00+01:00')).toMatchObject({
      pointInTimeAt: fixtures.T0.toISOString(),
      dataLossSeconds: 300,
    });
  });

  it('is never negative: a point in time after the recorded launch loses nothing', () => {
    expect(db1LaunchedFrom(iso(305)).dataLossSeconds).toBe(0);
  });

  it('rounds a part of a second up: a loss is never understated', () => {
    const justBefore = new Date(at(300).getTime() - 400).toISOString();
    expect(db1LaunchedFrom(justBefore).dataLossSeconds).toBe(1);
  });

  it('waits for the launch: an instance seen before it measures nothing', () => {
    const inProgress = observeDb(
      runningDrill(),
      100,
      [launchedFrom('s-db1', iso(50))],
      { launchStatuses: { 's-db1': 'IN_PROGRESS', 's-db2': 'IN_PROGRESS' } },
    );
    expect(server(inProgress, 's-db1')).toMatchObject({
      status: 'LAUNCHING',
      recoveryInstanceId: 'ri-s-db1',
    });
    expect(recoveryPointOf(server(inProgress, 's-db1'))).toEqual(
      NOTHING_MEASURED,
    );

    const launched = observeDb(inProgress, 200, [
      launchedFrom('s-db1', iso(50)),
    ]);
    expect(server(launched, 's-db1').dataLossSeconds).toBe(150);
  });

  it('keeps the recovery point once the server is HEALTHY', () => {
    const healthy = fixtures.step(
      runningDrill(),
      fixtures.observe(
        [fixtures.waveJob(runningDrill(), 'db', 'COMPLETED', 'LAUNCHED')],
        [launchedFrom('s-db1', iso(0))],
        { statuses: [fixtures.checks('s-db1')] },
      ),
      at(300),
    ).execution;
    expect(server(healthy, 's-db1')).toMatchObject({
      status: 'HEALTHY',
      pointInTimeAt: iso(0),
      dataLossSeconds: 300,
    });
  });

  it('ignores an earlier instance of the server that this launch did not create', () => {
    const earlier = { ...launchedFrom('s-db1', iso(-9000)) };
    earlier.recoveryInstanceId = 'ri-previous-drill';
    const launched = observeDb(runningDrill(), 300, [earlier]);
    expect(recoveryPointOf(server(launched, 's-db1'))).toEqual(
      NOTHING_MEASURED,
    );
  });
});

describe('a server that failed has no achieved recovery point', () => {
  const db2Failed = { 's-db1': 'LAUNCHED', 's-db2': 'FAILED' } as const;

  it('when DRS reports its failure in the cycle its instance is seen', () => {
    const failed = observeDb(
      runningDrill(),
      300,
      [launchedFrom('s-db2', iso(0))],
      { status: 'COMPLETED', launchStatuses: db2Failed },
    );
    expect(server(failed, 's-db2').status).toBe('FAILED');
    expect(server(failed, 's-db2').dataLossSeconds).toBeUndefined();
  });

  it('when it fails in the cleanup phase after its launch was measured, keeping the point in time used', () => {
    const launched = observeDb(runningDrill(), 300, [
      launchedFrom('s-db2', iso(0)),
    ]);
    expect(server(launched, 's-db2').dataLossSeconds).toBe(300);

    const failed = observeDb(launched, 400, [], { launchStatuses: db2Failed });
    expect(server(failed, 's-db2').status).toBe('FAILED');
    expect(recoveryPointOf(server(failed, 's-db2'))).toEqual({
      pointInTimeAt: iso(0),
      dataLossSeconds: undefined,
    });
  });

  it('when DRS loses the job of its wave', () => {
    const launched = observeDb(runningDrill(), 300, [
      launchedFrom('s-db1', iso(0)),
    ]);
    const lost = fixtures.step(
      launched,
      fixtures.noObservations(),
      at(3600),
    ).execution;
    expect(fixtures.wave(lost, 'db').status).toBe('FAILED');
    expect(server(lost, 's-db1').status).toBe('FAILED');
    expect(recoveryPointOf(server(lost, 's-db1'))).toEqual({
      pointInTimeAt: iso(0),
      dataLossSeconds: undefined,
    });
  });

  it('when its instance is only seen after the failure', () => {
    const launched = observeDb(runningDrill(), 300, []);
    const failed = observeDb(launched, 400, [], {
      status: 'COMPLETED',
      launchStatuses: db2Failed,
    });
    expect(failed.status).toBe('FAILED');
    const seen = observeDb(failed, 500, [launchedFrom('s-db2', iso(0))]);
    expect(server(seen, 's-db2')).toMatchObject({
      status: 'FAILED',
      launchedAt: iso(300),
      recoveryInstanceId: 'ri-s-db2',
    });
    expect(server(seen, 's-db2').dataLossSeconds).toBeUndefined();
  });
});
