import { observationNeeds } from './needs';
import {
  at,
  instance,
  makeExecution,
  noObservations,
  observe,
  server,
  startWaveCommands,
  step,
  stepAndLaunch,
  wave,
  waveJob,
} from './__testUtils__/fixtures';

describe('parallel waves', () => {
  const diamond = () =>
    makeExecution([
      { name: 'db', servers: ['s-db1'] },
      { name: 'app', servers: ['s-app1'], dependsOn: ['db'] },
      { name: 'cache', servers: ['s-cache1'], dependsOn: ['db'] },
      { name: 'web', servers: ['s-web1'], dependsOn: ['app', 'cache'] },
      { name: 'smoke', servers: ['s-smoke1'] },
    ]);

  it('starts every wave whose dependencies completed in one cycle, and waits for all of them', () => {
    let { execution } = stepAndLaunch(diamond(), noObservations(), at(0));
    expect(startWaveCommands(step(execution, noObservations(), at(1)))).toEqual(
      [],
    );

    const afterDb = stepAndLaunch(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    );
    expect(startWaveCommands(afterDb.decision).map(c => c.waveIndex)).toEqual([
      1, 2,
    ]);
    execution = afterDb.execution;

    const afterApp = stepAndLaunch(
      execution,
      observe([waveJob(execution, 'app', 'COMPLETED', 'LAUNCHED')]),
      at(60),
    );
    expect(wave(afterApp.execution, 'web').status).toBe('PENDING');
    expect(startWaveCommands(afterApp.decision)).toEqual([]);
    execution = afterApp.execution;

    const afterCache = stepAndLaunch(
      execution,
      observe([waveJob(execution, 'cache', 'COMPLETED', 'LAUNCHED')]),
      at(90),
    );
    expect(
      startWaveCommands(afterCache.decision).map(c => c.waveIndex),
    ).toEqual([3]);
    execution = afterCache.execution;

    // "smoke" names no dependency, so it waits for the wave before it, "web".
    expect(wave(execution, 'smoke').status).toBe('PENDING');
    const afterWeb = stepAndLaunch(
      execution,
      observe([waveJob(execution, 'web', 'COMPLETED', 'LAUNCHED')]),
      at(120),
    );
    expect(startWaveCommands(afterWeb.decision).map(c => c.waveIndex)).toEqual([
      4,
    ]);
  });

  it('lets a running parallel wave drain after its sibling failed, then fails the execution', () => {
    let { execution } = stepAndLaunch(diamond(), noObservations(), at(0));
    execution = stepAndLaunch(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    ).execution;

    const appFailed = step(
      execution,
      observe([waveJob(execution, 'app', 'COMPLETED', 'FAILED')]),
      at(60),
    );
    expect(appFailed.execution.status).toBe('POLLING');
    expect(appFailed.execution.statusReason).toBe(
      'Wave "app" failed; waiting for wave "cache" to finish',
    );
    expect(wave(appFailed.execution, 'web').status).toBe('CANCELLED');
    expect(wave(appFailed.execution, 'smoke').status).toBe('CANCELLED');
    expect(wave(appFailed.execution, 'cache').status).toBe('STARTED');

    const cacheDone = step(
      appFailed.execution,
      observe([waveJob(execution, 'cache', 'COMPLETED', 'LAUNCHED')]),
      at(90),
    );
    expect(wave(cacheDone.execution, 'cache').status).toBe('COMPLETED');
    expect(cacheDone.execution.status).toBe('FAILED');
    expect(startWaveCommands(cacheDone)).toEqual([]);
  });
});

describe('waitFor HEALTHY', () => {
  const gated = (waitFor: 'LAUNCHED' | 'HEALTHY') =>
    makeExecution([
      { name: 'db', servers: ['s-db1', 's-db2'], waitFor },
      { name: 'web', servers: ['s-web1'] },
    ]);

  it('starts the next wave only once every server of the wave runs', () => {
    let { execution } = stepAndLaunch(
      gated('HEALTHY'),
      noObservations(),
      at(0),
    );
    const completed = step(
      execution,
      observe(
        [waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')],
        [instance('s-db1', 'PENDING'), instance('s-db2', 'PENDING')],
      ),
      at(30),
    );
    expect(wave(completed.execution, 'db').status).toBe('COMPLETED');
    expect(server(completed.execution, 's-db1')).toMatchObject({
      status: 'LAUNCHED',
      ec2InstanceState: 'PENDING',
    });
    expect(startWaveCommands(completed)).toEqual([]);
    execution = completed.execution;
    expect(observationNeeds(execution)).toEqual({
      jobIds: [],
      sourceServerIdsNeedingInstances: ['s-db1', 's-db2'],
    });

    const halfway = step(
      execution,
      observe([], [instance('s-db1', 'RUNNING'), instance('s-db2', 'PENDING')]),
      at(60),
    );
    expect(server(halfway.execution, 's-db1')).toMatchObject({
      status: 'HEALTHY',
      healthyAt: at(60).toISOString(),
    });
    expect(startWaveCommands(halfway)).toEqual([]);

    const healthy = step(
      halfway.execution,
      observe([], [instance('s-db2', 'RUNNING')]),
      at(90),
    );
    expect(server(healthy.execution, 's-db2').status).toBe('HEALTHY');
    expect(startWaveCommands(healthy).map(c => c.waveIndex)).toEqual([1]);
    expect(
      observationNeeds(healthy.execution).sourceServerIdsNeedingInstances,
    ).toEqual(['s-web1']);
  });

  it('does not call a server HEALTHY while its job is still running', () => {
    const { execution } = stepAndLaunch(
      gated('HEALTHY'),
      noObservations(),
      at(0),
    );
    const running = step(
      execution,
      observe(
        [waveJob(execution, 'db', 'STARTED', 'LAUNCHED')],
        [instance('s-db1', 'RUNNING')],
      ),
      at(30),
    );
    expect(server(running.execution, 's-db1')).toMatchObject({
      status: 'LAUNCHED',
      ec2InstanceState: 'RUNNING',
    });
  });

  it('goes from LAUNCHING to HEALTHY in one cycle when the job completed and the instance runs', () => {
    const { execution } = stepAndLaunch(
      gated('HEALTHY'),
      noObservations(),
      at(0),
    );
    const decision = step(
      execution,
      observe(
        [waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')],
        [instance('s-db1', 'running'), instance('s-db2', 'RUNNING')],
      ),
      at(30),
    );
    expect(decision.transitions).toContainEqual({
      scope: 'server',
      id: 's-db1',
      from: 'LAUNCHING',
      to: 'HEALTHY',
    });
    expect(server(decision.execution, 's-db1').launchedAt).toBe(
      at(30).toISOString(),
    );
    expect(startWaveCommands(decision).map(c => c.waveIndex)).toEqual([1]);
  });

  it('starts the next wave of a waitFor LAUNCHED wave without waiting for health', () => {
    const { execution } = stepAndLaunch(
      gated('LAUNCHED'),
      noObservations(),
      at(0),
    );
    const decision = step(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    );
    expect(startWaveCommands(decision).map(c => c.waveIndex)).toEqual([1]);
  });

  it('completes the execution only when its last HEALTHY wave is healthy', () => {
    const single = makeExecution([
      { name: 'db', servers: ['s-db1'], waitFor: 'HEALTHY' },
    ]);
    const { execution } = stepAndLaunch(single, noObservations(), at(0));
    const launched = step(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    );
    expect(launched.execution.status).toBe('POLLING');
    const healthy = step(
      launched.execution,
      observe([], [instance('s-db1', 'RUNNING')]),
      at(60),
    );
    expect(healthy.execution.status).toBe('COMPLETED');
  });
});
