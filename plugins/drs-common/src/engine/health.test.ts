import { executionReport } from '../report';
import { observationNeeds } from './needs';
import {
  at,
  checks,
  instance,
  makeExecution,
  NO_NEEDS,
  observe,
  server,
  startWaveCommands,
  step,
  stepAndLaunch,
  wave,
  waveJob,
} from './__testUtils__/fixtures';
import { Execution } from '../executionTypes';

const gated = (waitFor: 'LAUNCHED' | 'HEALTHY', healthTimeoutSeconds = 600) =>
  makeExecution([
    { name: 'db', servers: ['s-db1', 's-db2'], waitFor, healthTimeoutSeconds },
    { name: 'web', servers: ['s-web1'] },
  ]);

/** The HEALTHY wave "db" once its job completed at 30 s, its instances seen but not yet checked. */
function launchedDb(): Execution {
  const { execution } = stepAndLaunch(gated('HEALTHY'), undefined, at(0));
  return step(
    execution,
    observe(
      [waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')],
      [instance('s-db1', 'PENDING'), instance('s-db2', 'PENDING')],
    ),
    at(30),
  ).execution;
}

describe('the health gate of a waitFor HEALTHY wave', () => {
  it('opens when the job completed: the wave stays STARTED and each server gets its deadline', () => {
    const launched = launchedDb();
    expect(wave(launched, 'db')).toMatchObject({
      status: 'STARTED',
      launchCompletedAt: at(30).toISOString(),
    });
    expect(wave(launched, 'db').recoveredAt).toBeUndefined();
    expect(server(launched, 's-db1')).toMatchObject({
      status: 'LAUNCHED',
      healthDeadlineAt: at(630).toISOString(),
    });
    expect(observationNeeds(launched)).toEqual({
      ...NO_NEEDS,
      sourceServerIdsNeedingInstances: ['s-db1', 's-db2'],
      ec2InstanceIdsNeedingStatus: ['i-s-db1', 'i-s-db2'],
    });
  });

  it('calls a server HEALTHY only when both status checks are ok, and records them', () => {
    const decision = step(
      launchedDb(),
      observe([], [], {
        statuses: [checks('s-db1'), checks('s-db2', 'initializing', 'ok')],
      }),
      at(60),
    );
    expect(server(decision.execution, 's-db1')).toMatchObject({
      status: 'HEALTHY',
      healthyAt: at(60).toISOString(),
      statusChecks: {
        instance: 'ok',
        system: 'ok',
        seenAt: at(60).toISOString(),
      },
    });
    expect(server(decision.execution, 's-db2')).toMatchObject({
      status: 'LAUNCHED',
      statusChecks: { instance: 'initializing', system: 'ok' },
    });
    expect(startWaveCommands(decision)).toEqual([]);
  });

  it('ignores the EC2 state: a running instance is not healthy until its checks say so', () => {
    const decision = step(
      launchedDb(),
      observe([], [instance('s-db1', 'RUNNING'), instance('s-db2', 'RUNNING')]),
      at(60),
    );
    expect(server(decision.execution, 's-db1').status).toBe('LAUNCHED');
  });

  it('passes once every server is healthy: the wave completes, its recovery time ends there, and the next wave starts', () => {
    const halfway = step(
      launchedDb(),
      observe([], [], { statuses: [checks('s-db1')] }),
      at(60),
    ).execution;
    const healthy = step(
      halfway,
      observe([], [], { statuses: [checks('s-db2')] }),
      at(90),
    );
    expect(wave(healthy.execution, 'db')).toMatchObject({
      status: 'COMPLETED',
      recoveredAt: at(90).toISOString(),
      endedAt: at(90).toISOString(),
    });
    expect(startWaveCommands(healthy).map(c => c.waveIndex)).toEqual([1]);
    expect(executionReport(healthy.execution).waves[0].seconds).toBe(90);
  });

  it('fails the wave at the deadline, naming the server and the check that was not ok', () => {
    const impaired = step(
      launchedDb(),
      observe([], [], {
        statuses: [checks('s-db1'), checks('s-db2', 'impaired', 'ok')],
      }),
      at(60),
    ).execution;
    expect(step(impaired, undefined, at(629)).execution.status).toBe('POLLING');
    const failed = step(impaired, undefined, at(630));
    expect(server(failed.execution, 's-db2')).toMatchObject({
      status: 'FAILED',
      failureReason:
        'Not healthy within the 600 s health timeout: instance status check impaired (i-s-db2)',
    });
    expect(server(failed.execution, 's-db1').status).toBe('HEALTHY');
    expect(wave(failed.execution, 'db')).toMatchObject({
      status: 'FAILED',
      failureReason:
        '1 of 2 servers did not become healthy: s-db2.example (s-db2): Not healthy within the 600 s health timeout: instance status check impaired (i-s-db2)',
    });
    expect(failed.execution.status).toBe('FAILED');
    expect(wave(failed.execution, 'web').status).toBe('CANCELLED');
  });

  it('says it timed out when EC2 reported no checks, or DRS no instance', () => {
    const { execution } = stepAndLaunch(gated('HEALTHY'), undefined, at(0));
    const launched = step(
      execution,
      observe(
        [waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')],
        [instance('s-db1', 'PENDING')],
      ),
      at(30),
    ).execution;
    const failed = step(launched, undefined, at(700)).execution;
    expect(server(failed, 's-db1').failureReason).toBe(
      'Not healthy within the 600 s health timeout: EC2 reported no status checks of i-s-db1',
    );
    expect(server(failed, 's-db2').failureReason).toBe(
      'Not healthy within the 600 s health timeout: DRS reported no EC2 instance for it',
    );
  });

  it('does not call a server HEALTHY while its job is still running', () => {
    const { execution } = stepAndLaunch(gated('HEALTHY'), undefined, at(0));
    const running = step(
      execution,
      observe(
        [waveJob(execution, 'db', 'STARTED', 'LAUNCHED')],
        [instance('s-db1', 'RUNNING')],
        { statuses: [checks('s-db1')] },
      ),
      at(30),
    );
    expect(server(running.execution, 's-db1')).toMatchObject({
      status: 'LAUNCHED',
      ec2InstanceState: 'RUNNING',
    });
    expect(server(running.execution, 's-db1').statusChecks).toBeUndefined();
  });

  it('goes from LAUNCHING to HEALTHY in one cycle when the job completed and the checks are ok', () => {
    const { execution } = stepAndLaunch(gated('HEALTHY'), undefined, at(0));
    const decision = step(
      execution,
      observe(
        [waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')],
        [instance('s-db1', 'running'), instance('s-db2', 'RUNNING')],
        { statuses: [checks('s-db1'), checks('s-db2')] },
      ),
      at(30),
    );
    expect(decision.transitions).toContainEqual({
      scope: 'server',
      id: 's-db1',
      from: 'LAUNCHING',
      to: 'HEALTHY',
    });
    expect(startWaveCommands(decision).map(c => c.waveIndex)).toEqual([1]);
  });

  it('asks to be woken at the earliest health deadline', () => {
    const decision = step(launchedDb(), undefined, at(60));
    expect(decision.wakeAt).toBe(at(630).toISOString());
  });

  it('cancels a wave waiting for health when the execution is cancelled', () => {
    const cancelled = step(
      {
        ...launchedDb(),
        requests: { cancel: { by: 'ana', at: at(40).toISOString() } },
      },
      undefined,
      at(60),
    );
    expect(wave(cancelled.execution, 'db')).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'Cancelled by ana',
    });
    expect(cancelled.execution.status).toBe('CANCELLED');
  });
});

describe('a waitFor LAUNCHED wave', () => {
  it('recovers at launch, starts the next wave without waiting for health, and still notes health', () => {
    const { execution } = stepAndLaunch(gated('LAUNCHED'), undefined, at(0));
    const decision = step(
      execution,
      observe(
        [waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')],
        [instance('s-db1', 'PENDING'), instance('s-db2', 'PENDING')],
      ),
      at(30),
    );
    expect(wave(decision.execution, 'db')).toMatchObject({
      status: 'COMPLETED',
      recoveredAt: at(30).toISOString(),
    });
    expect(
      server(decision.execution, 's-db1').healthDeadlineAt,
    ).toBeUndefined();
    expect(startWaveCommands(decision).map(c => c.waveIndex)).toEqual([1]);
    const later = step(
      decision.execution,
      observe([], [], { statuses: [checks('s-db1')] }),
      at(60),
    );
    expect(server(later.execution, 's-db1').status).toBe('HEALTHY');
  });
});

describe('completing with HEALTHY waves', () => {
  it('completes the execution only when its last HEALTHY wave is healthy', () => {
    const single = makeExecution([
      { name: 'db', servers: ['s-db1'], waitFor: 'HEALTHY' },
    ]);
    const { execution } = stepAndLaunch(single, undefined, at(0));
    const launched = step(
      execution,
      observe(
        [waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')],
        [instance('s-db1', 'RUNNING')],
      ),
      at(30),
    );
    expect(launched.execution.status).toBe('POLLING');
    expect(server(launched.execution, 's-db1').healthDeadlineAt).toBe(
      at(30 + 1800).toISOString(),
    );
    const healthy = step(
      launched.execution,
      observe([], [], { statuses: [checks('s-db1')] }),
      at(60),
    );
    expect(healthy.execution.status).toBe('COMPLETED');
  });
});
