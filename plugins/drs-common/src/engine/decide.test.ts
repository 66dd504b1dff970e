import { PlanStep } from '../stepTypes';
import { decide } from './decide';
import {
  SETTINGS,
  at,
  job,
  jobCompleted,
  jobIdOf,
  makeExecution,
  noObservations,
  notifications,
  observe,
  server,
  startWaveCommands,
  step,
  stepAndLaunch,
  wave,
  waveJob,
} from './__testUtils__/fixtures';

const twoWaves = () =>
  makeExecution([
    { name: 'db', servers: ['s-db1'] },
    { name: 'web', servers: ['s-web1', 's-web2'] },
  ]);

describe('decide: execution lifecycle', () => {
  it('takes a PENDING execution to POLLING, records startedAt and starts the first wave', () => {
    const decision = step(twoWaves(), noObservations(), at(5));
    const next = decision.execution;

    expect(next.status).toBe('POLLING');
    expect(next.startedAt).toBe(at(5).toISOString());
    expect(wave(next, 'db')).toMatchObject({
      status: 'STARTED',
      launchIntentAt: at(5).toISOString(),
      startedAt: at(5).toISOString(),
    });
    expect(server(next, 's-db1').status).toBe('LAUNCHING');
    expect(wave(next, 'web').status).toBe('PENDING');
    expect(server(next, 's-web1').status).toBe('NOT_STARTED');
    expect(decision.commands).toEqual([
      {
        type: 'START_WAVE',
        waveIndex: 0,
        sourceServerIds: ['s-db1'],
        isDrill: true,
        tags: {
          'drs-orchestration:execution-id': 'exec-1',
          'drs-orchestration:wave': 'db',
        },
        adoptExisting: false,
        mayLaunch: true,
      },
    ]);
    expect(decision.changed).toBe(true);
    expect(decision.transitions).toEqual([
      { scope: 'execution', id: 'exec-1', from: 'PENDING', to: 'POLLING' },
      { scope: 'wave', id: 'db', from: 'PENDING', to: 'STARTED' },
      { scope: 'server', id: 's-db1', from: 'NOT_STARTED', to: 'LAUNCHING' },
    ]);
  });

  it('launches a recovery (not a drill) with isDrill false', () => {
    const decision = step(
      makeExecution([{ name: 'db', servers: ['s-db1'] }], { mode: 'RECOVERY' }),
    );
    expect(startWaveCommands(decision)[0].isDrill).toBe(false);
  });

  it('waits for the previous wave when a wave names no dependency', () => {
    const { execution } = stepAndLaunch(twoWaves(), noObservations(), at(0));
    const running = step(
      execution,
      observe([waveJob(execution, 'db', 'STARTED', 'IN_PROGRESS')]),
      at(30),
    );
    expect(startWaveCommands(running)).toEqual([]);
    expect(wave(running.execution, 'web').status).toBe('PENDING');
  });

  it('completes a wave only when its job is COMPLETED, then starts the next one in the same cycle', () => {
    const { execution } = stepAndLaunch(twoWaves(), noObservations(), at(0));

    const launched = step(
      execution,
      observe([waveJob(execution, 'db', 'STARTED', 'LAUNCHED')]),
      at(30),
    );
    expect(server(launched.execution, 's-db1')).toMatchObject({
      status: 'LAUNCHED',
      launchStatus: 'LAUNCHED',
      recoveryInstanceId: 'ri-s-db1',
      launchedAt: at(30).toISOString(),
    });
    expect(wave(launched.execution, 'db').status).toBe('STARTED');
    expect(startWaveCommands(launched)).toEqual([]);

    const done = step(
      launched.execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(60),
    );
    expect(wave(done.execution, 'db')).toMatchObject({
      status: 'COMPLETED',
      endedAt: at(60).toISOString(),
    });
    expect(server(done.execution, 's-db1').launchedAt).toBe(
      at(30).toISOString(),
    );
    expect(startWaveCommands(done).map(c => c.waveIndex)).toEqual([1]);
    expect(wave(done.execution, 'web').status).toBe('STARTED');
  });

  it('completes the execution once every wave completed, and notifies once', () => {
    const single = makeExecution([{ name: 'db', servers: ['s-db1'] }]);
    const { execution } = stepAndLaunch(single, noObservations(), at(0));

    const done = step(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    );
    expect(done.execution).toMatchObject({
      status: 'COMPLETED',
      endedAt: at(30).toISOString(),
    });
    expect(done.execution.statusReason).toBeUndefined();
    expect(notifications(done)).toEqual(['COMPLETED']);
    expect(done.transitions).toContainEqual({
      scope: 'execution',
      id: 'exec-1',
      from: 'POLLING',
      to: 'COMPLETED',
    });

    const after = step(
      done.execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(60),
    );
    expect(after.commands).toEqual([]);
    expect(after.changed).toBe(false);
    expect(after.execution.endedAt).toBe(at(30).toISOString());
  });

  it('changes nothing but polling metadata when the job was not observed this cycle', () => {
    const { execution } = stepAndLaunch(twoWaves(), noObservations(), at(0));
    const decision = step(execution, noObservations(), at(30));
    expect(decision.changed).toBe(false);
    expect(decision.commands).toEqual([]);
    expect({ ...decision.execution, polling: undefined }).toEqual({
      ...execution,
      polling: undefined,
    });
  });

  it('never mutates its input', () => {
    const { execution } = stepAndLaunch(twoWaves(), noObservations(), at(0));
    const snapshot = JSON.stringify(execution);
    const decision = decide(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
      SETTINGS,
    );
    expect(JSON.stringify(execution)).toBe(snapshot);
    expect(decision.execution).not.toBe(execution);
    expect(decision.execution.waves[0]).not.toBe(execution.waves[0]);
  });

  it('refuses to record the epoch or an invalid date as the time', () => {
    expect(() =>
      decide(twoWaves(), noObservations(), new Date(0), SETTINGS),
    ).toThrow(/Refusing to record/);
    expect(() =>
      decide(twoWaves(), noObservations(), new Date('nonsense'), SETTINGS),
    ).toThrow(RangeError);
  });
});

describe('decide: polling metadata', () => {
  it('records the poll and schedules the next one without counting as a change', () => {
    const { execution } = stepAndLaunch(twoWaves(), noObservations(), at(0));
    const decision = step(execution, noObservations(), at(30));
    expect(decision.execution.polling).toEqual({
      lastPolledAt: at(30).toISOString(),
      pollCount: 2,
      nextPollAt: at(60).toISOString(),
    });
    expect(decision.changed).toBe(false);
  });

  it('keeps every status on an observation error, records it, and still counts the cycle', () => {
    const { execution } = stepAndLaunch(twoWaves(), noObservations(), at(0));
    const observations = {
      ...observe([waveJob(execution, 'db', 'COMPLETED', 'FAILED')]),
      error: 'ThrottlingException: Rate exceeded',
    };
    const decision = step(execution, observations, at(30));
    expect(decision.execution.polling).toEqual({
      lastPolledAt: at(30).toISOString(),
      pollCount: 2,
      nextPollAt: at(60).toISOString(),
      lastError: 'ThrottlingException: Rate exceeded',
      lastErrorAt: at(30).toISOString(),
    });
    expect(decision.execution.waves).toEqual(execution.waves);
    expect(decision.execution.status).toBe('POLLING');
    expect(decision.commands).toEqual([]);
    expect(decision.transitions).toEqual([]);
    expect(decision.changed).toBe(false);
  });

  it('does not even leave PENDING or time out while DRS cannot be observed', () => {
    const late = at(7200);
    const decision = step(
      twoWaves(),
      { ...noObservations(), error: 'HTTP 503' },
      late,
    );
    expect(decision.execution.status).toBe('PENDING');
    expect(decision.commands).toEqual([]);
  });

  it('clears the error on the next successful observation', () => {
    const { execution } = stepAndLaunch(twoWaves(), noObservations(), at(0));
    const failed = step(
      execution,
      { ...noObservations(), error: 'HTTP 500' },
      at(30),
    );
    const recovered = step(
      failed.execution,
      observe([job(jobIdOf('db'), 'STARTED', { 's-db1': 'IN_PROGRESS' })]),
      at(60),
    );
    expect(recovered.execution.polling.lastError).toBeUndefined();
    expect(recovered.execution.polling.lastErrorAt).toBeUndefined();
    expect('lastError' in recovered.execution.polling).toBe(false);
    expect(recovered.execution.polling.pollCount).toBe(3);
  });
});

describe('decide: when to look again', () => {
  it('names no instant while no rule of the clock is pending', () => {
    expect(step(twoWaves(), noObservations(), at(5)).wakeAt).toBeUndefined();
  });

  it('names the earliest rule of the clock still to come: an approval timing out before a wait ends', () => {
    const drain: PlanStep = { type: 'wait', name: 'drain', seconds: 300 };
    const go: PlanStep = { type: 'approval', name: 'go', timeoutSeconds: 120 };
    const launched = stepAndLaunch(
      makeExecution([
        { name: 'net', servers: ['s-net1'] },
        { name: 'db', servers: ['s-db1'], dependsOn: ['net'], before: [drain] },
        { name: 'cache', servers: ['s-c1'], dependsOn: ['net'], before: [go] },
      ]),
      noObservations(),
      at(0),
    ).execution;
    expect(jobCompleted(launched, 'net', at(10)).wakeAt).toBe(
      at(130).toISOString(),
    );
  });
});
