import {
  at,
  makeExecution,
  noObservations,
  observe,
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
