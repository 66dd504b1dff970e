/*
 * Points in time: the snapshots the start chose go to StartRecovery as recorded, and the
 * point in time each launch used becomes the server's achieved recovery point.
 */
import { Execution } from '../types';
import {
  at,
  instance,
  job,
  jobIdOf,
  makeExecution,
  noObservations,
  observe,
  server,
  startWaveCommands,
  step,
  stepAndLaunch,
  T0,
  wave,
} from './__testUtils__/fixtures';
import { RecoveryInstanceObservation } from './types';

const CUT_OFF_SNAPSHOT_AT = new Date(T0.getTime() - 3_600_000).toISOString();

/** A recovery whose start chose snapshots for s-db1 and s-app1, not for s-db2. */
function recoveryWithChosenSnapshots(): Execution {
  const execution = makeExecution(
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

/** One server's recovery instance, launched from `pointInTimeAt`. */
function launchedFrom(
  sourceServerId: string,
  pointInTimeAt: string | undefined,
): RecoveryInstanceObservation {
  return { ...instance(sourceServerId, 'PENDING'), pointInTimeAt };
}

/** The db wave of a two-server drill running as job-db. */
function runningDb(): Execution {
  return stepAndLaunch(
    makeExecution([{ name: 'db', servers: ['s-db1', 's-db2'] }]),
    noObservations(),
    at(0),
  ).execution;
}

/** Both db servers reported LAUNCHED at `when`, with their instances as given. */
function launchDb(
  execution: Execution,
  when: Date,
  instances: RecoveryInstanceObservation[],
  launchStatuses: Parameters<typeof job>[2] = {
    's-db1': 'LAUNCHED',
    's-db2': 'LAUNCHED',
  },
  jobStatus: Parameters<typeof job>[1] = 'STARTED',
): Execution {
  return step(
    execution,
    observe([job(jobIdOf('db'), jobStatus, launchStatuses)], instances),
    when,
  ).execution;
}

describe('launching with the chosen points in time', () => {
  it('sends the snapshot recorded for each server of the wave, and none for the others', () => {
    const [command] = startWaveCommands(step(recoveryWithChosenSnapshots()));
    expect(command.sourceServerIds).toEqual(['s-db1', 's-db2']);
    expect(command.recoverySnapshotIds).toEqual({ 's-db1': 'pit-db1' });
    expect(command.isDrill).toBe(false);
  });

  it('names no snapshot when the start chose DRS latest point in time', () => {
    const [command] = startWaveCommands(
      step(makeExecution([{ name: 'db', servers: ['s-db1'] }])),
    );
    expect(command).not.toHaveProperty('recoverySnapshotIds');
  });

  it('sends the same recorded snapshots when it adopts or relaunches after a lost record', () => {
    // The cycle that wrote the intent crashed before recording a job.
    const intended = step(
      recoveryWithChosenSnapshots(),
      noObservations(),
      at(0),
    ).execution;
    const [retry] = startWaveCommands(
      step(intended, noObservations(), at(600)),
    );
    expect(retry).toMatchObject({
      adoptExisting: true,
      mayLaunch: true,
      recoverySnapshotIds: { 's-db1': 'pit-db1' },
    });
  });

  it('sends a later wave the snapshots recorded for its own servers', () => {
    const running = stepAndLaunch(
      recoveryWithChosenSnapshots(),
      noObservations(),
      at(0),
    ).execution;
    const decision = step(
      running,
      observe([
        job(jobIdOf('db'), 'COMPLETED', {
          's-db1': 'LAUNCHED',
          's-db2': 'LAUNCHED',
        }),
      ]),
      at(60),
    );
    const [command] = startWaveCommands(decision);
    expect(command.sourceServerIds).toEqual(['s-app1']);
    expect(command.recoverySnapshotIds).toEqual({ 's-app1': 'pit-app1' });
  });

  it('never changes the recorded choice', () => {
    const running = stepAndLaunch(
      recoveryWithChosenSnapshots(),
      noObservations(),
      at(0),
    ).execution;
    const launched = step(
      running,
      observe(
        [job(jobIdOf('db'), 'COMPLETED', { 's-db1': 'LAUNCHED' })],
        [launchedFrom('s-db1', at(-120).toISOString())],
      ),
      at(60),
    ).execution;
    expect(server(launched, 's-db1').recoverySnapshotId).toBe('pit-db1');
    expect(server(launched, 's-db2').recoverySnapshotId).toBeUndefined();
    expect(server(launched, 's-app1').recoverySnapshotId).toBe('pit-app1');
  });
});

describe('the achieved recovery point of each server', () => {
  it('takes the point in time of the launched instance, and the data lost since it', () => {
    const launched = launchDb(runningDb(), at(300), [
      launchedFrom('s-db1', at(-90).toISOString()),
      launchedFrom('s-db2', at(250).toISOString()),
    ]);
    expect(server(launched, 's-db1')).toMatchObject({
      status: 'LAUNCHED',
      launchedAt: at(300).toISOString(),
      pointInTimeAt: at(-90).toISOString(),
      dataLossSeconds: 390,
    });
    expect(server(launched, 's-db2')).toMatchObject({
      pointInTimeAt: at(250).toISOString(),
      dataLossSeconds: 50,
    });
  });

  it('replaces the chosen snapshot time with the one DRS reports for the launch', () => {
    const running = stepAndLaunch(
      recoveryWithChosenSnapshots(),
      noObservations(),
      at(0),
    ).execution;
    const drsPointInTime = new Date(T0.getTime() - 3_500_000).toISOString();
    const launched = launchDb(running, at(120), [
      launchedFrom('s-db1', drsPointInTime),
    ]);
    expect(server(launched, 's-db1')).toMatchObject({
      pointInTimeAt: drsPointInTime,
      dataLossSeconds: 3500 + 120,
    });
  });

  it('measures nothing while DRS reports no point in time, and keeps the chosen one', () => {
    const running = stepAndLaunch(
      recoveryWithChosenSnapshots(),
      noObservations(),
      at(0),
    ).execution;
    const launched = launchDb(running, at(120), [
      launchedFrom('s-db1', undefined),
      launchedFrom('s-db2', undefined),
    ]);
    expect(server(launched, 's-db1').pointInTimeAt).toBe(CUT_OFF_SNAPSHOT_AT);
    expect(server(launched, 's-db1').dataLossSeconds).toBeUndefined();
    expect(server(launched, 's-db2').pointInTimeAt).toBeUndefined();
    expect(server(launched, 's-db2').dataLossSeconds).toBeUndefined();

    // Reported at a later cycle, it is measured then, from the launch time recorded.
    const measured = step(
      launched,
      observe(
        [job(jobIdOf('db'), 'STARTED', { 's-db2': 'LAUNCHED' })],
        [launchedFrom('s-db2', at(100).toISOString())],
      ),
      at(150),
    ).execution;
    expect(server(measured, 's-db2')).toMatchObject({
      pointInTimeAt: at(100).toISOString(),
      dataLossSeconds: 20,
    });
  });

  it.each([
    ['the epoch', '1970-01-01T00:00:00.000Z'],
    ['a time before the epoch', '0001-01-01T00:00:00Z'],
    ['an empty string', ''],
    ['something that is no time', 'yesterday'],
  ])('never measures from %s', (_, pointInTimeAt) => {
    const launched = launchDb(runningDb(), at(300), [
      launchedFrom('s-db1', pointInTimeAt),
    ]);
    expect(server(launched, 's-db1').pointInTimeAt).toBeUndefined();
    expect(server(launched, 's-db1').dataLossSeconds).toBeUndefined();
  });

  it('writes the point in time as a normalised ISO-8601 instant', () => {
    const launched = launchDb(runningDb(), at(300), [
      launchedFrom('s-db1', '2025-03-01T11:00:00+01:00'),
    ]);
    expect(server(launched, 's-db1')).toMatchObject({
      pointInTimeAt: T0.toISOString(),
      dataLossSeconds: 300,
    });
  });

  it('is never negative: a point in time after the recorded launch loses nothing', () => {
    const launched = launchDb(runningDb(), at(300), [
      launchedFrom('s-db1', at(305).toISOString()),
    ]);
    expect(server(launched, 's-db1').dataLossSeconds).toBe(0);
  });

  it('rounds a part of a second up: a loss is never understated', () => {
    const launched = launchDb(runningDb(), at(300), [
      launchedFrom('s-db1', new Date(at(300).getTime() - 400).toISOString()),
    ]);
    expect(server(launched, 's-db1').dataLossSeconds).toBe(1);
  });

  it('waits for the launch: an instance seen before it measures nothing', () => {
    const inProgress = launchDb(
      runningDb(),
      at(100),
      [launchedFrom('s-db1', at(50).toISOString())],
      { 's-db1': 'IN_PROGRESS', 's-db2': 'IN_PROGRESS' },
    );
    expect(server(inProgress, 's-db1')).toMatchObject({
      status: 'LAUNCHING',
      recoveryInstanceId: 'ri-s-db1',
    });
    expect(server(inProgress, 's-db1').pointInTimeAt).toBeUndefined();
    expect(server(inProgress, 's-db1').dataLossSeconds).toBeUndefined();

    const launched = launchDb(inProgress, at(200), [
      launchedFrom('s-db1', at(50).toISOString()),
    ]);
    expect(server(launched, 's-db1').dataLossSeconds).toBe(150);
  });

  it('keeps the recovery point once the server is HEALTHY', () => {
    const launched = launchDb(
      runningDb(),
      at(300),
      [
        {
          ...launchedFrom('s-db1', at(0).toISOString()),
          ec2InstanceState: 'RUNNING',
        },
      ],
      { 's-db1': 'LAUNCHED', 's-db2': 'LAUNCHED' },
      'COMPLETED',
    );
    expect(server(launched, 's-db1')).toMatchObject({
      status: 'HEALTHY',
      pointInTimeAt: T0.toISOString(),
      dataLossSeconds: 300,
    });
  });

  it('ignores an earlier instance of the server that this launch did not create', () => {
    const launched = launchDb(runningDb(), at(300), [
      {
        ...launchedFrom('s-db1', at(-9000).toISOString()),
        recoveryInstanceId: 'ri-previous-drill',
      },
    ]);
    expect(server(launched, 's-db1').pointInTimeAt).toBeUndefined();
    expect(server(launched, 's-db1').dataLossSeconds).toBeUndefined();
  });
});

describe('a server that failed has no achieved recovery point', () => {
  it('when DRS reports its failure in the cycle its instance is seen', () => {
    const failed = launchDb(
      runningDb(),
      at(300),
      [launchedFrom('s-db2', at(0).toISOString())],
      { 's-db1': 'LAUNCHED', 's-db2': 'FAILED' },
      'COMPLETED',
    );
    expect(server(failed, 's-db2').status).toBe('FAILED');
    expect(server(failed, 's-db2').dataLossSeconds).toBeUndefined();
  });

  it('when it fails in the cleanup phase after its launch was measured, keeping the point in time used', () => {
    const launched = launchDb(runningDb(), at(300), [
      launchedFrom('s-db2', at(0).toISOString()),
    ]);
    expect(server(launched, 's-db2').dataLossSeconds).toBe(300);

    const failed = launchDb(launched, at(400), [], {
      's-db1': 'LAUNCHED',
      's-db2': 'FAILED',
    });
    expect(server(failed, 's-db2')).toMatchObject({
      status: 'FAILED',
      pointInTimeAt: at(0).toISOString(),
    });
    expect(server(failed, 's-db2').dataLossSeconds).toBeUndefined();
  });

  it('when DRS loses the job of its wave', () => {
    const launched = launchDb(runningDb(), at(300), [
      launchedFrom('s-db1', at(0).toISOString()),
    ]);
    const lost = step(launched, noObservations(), at(3600)).execution;
    expect(wave(lost, 'db').status).toBe('FAILED');
    expect(server(lost, 's-db1')).toMatchObject({
      status: 'FAILED',
      pointInTimeAt: at(0).toISOString(),
    });
    expect(server(lost, 's-db1').dataLossSeconds).toBeUndefined();
  });

  it('when its instance is only seen after the failure', () => {
    const launched = launchDb(runningDb(), at(300), []);
    const failed = launchDb(
      launched,
      at(400),
      [],
      { 's-db1': 'LAUNCHED', 's-db2': 'FAILED' },
      'COMPLETED',
    );
    expect(failed.status).toBe('FAILED');
    const seen = step(
      failed,
      observe([], [launchedFrom('s-db2', at(0).toISOString())]),
      at(500),
    ).execution;
    expect(server(seen, 's-db2')).toMatchObject({
      status: 'FAILED',
      launchedAt: at(300).toISOString(),
      recoveryInstanceId: 'ri-s-db2',
    });
    expect(server(seen, 's-db2').dataLossSeconds).toBeUndefined();
  });
});
