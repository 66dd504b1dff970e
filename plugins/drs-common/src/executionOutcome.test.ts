import { makeExecution } from './engine/__testUtils__/fixtures';
import {
  describeExecutionOutcome,
  executionProgress,
} from './executionOutcome';
import { Execution, ExecutionServer } from './executionTypes';

/** Three waves of two servers: db launched, app failed mid-launch, web never started. */
function failedInWaveTwo(): Execution {
  const execution = makeExecution(
    [
      { name: 'db', servers: ['s-1', 's-2'] },
      { name: 'app', servers: ['s-3', 's-4'] },
      { name: 'web', servers: ['s-5', 's-6'] },
    ],
    { status: 'FAILED' },
  );
  const [db, app, web] = execution.waves;
  const set = (server: ExecutionServer, patch: Partial<ExecutionServer>) =>
    Object.assign(server, patch);
  Object.assign(db, { status: 'COMPLETED', startedAt: '2026-01-01T00:00:00Z' });
  db.servers.forEach(s => set(s, { status: 'LAUNCHED' }));
  Object.assign(app, { status: 'FAILED', startedAt: '2026-01-01T00:10:00Z' });
  set(app.servers[0], { status: 'HEALTHY' });
  // launched, then failed its health check: it was launched all the same
  set(app.servers[1], {
    status: 'FAILED',
    launchedAt: '2026-01-01T00:12:00Z',
  });
  // a cancel or a failure ends waves that never started without a start time
  Object.assign(web, { status: 'CANCELLED' });
  return execution;
}

describe('executionProgress', () => {
  it('counts the waves that started and the servers DRS launched', () => {
    expect(executionProgress(failedInWaveTwo())).toEqual({
      wavesStarted: 2,
      serversLaunched: 4,
    });
  });

  it('counts nothing for an execution that never launched', () => {
    expect(
      executionProgress(makeExecution([{ name: 'db', servers: ['s-1'] }])),
    ).toEqual({ wavesStarted: 0, serversLaunched: 0 });
  });
});

describe('describeExecutionOutcome', () => {
  const counts = { waveCount: 3, serverCount: 6, completedWaveCount: 1 };
  const progress = { wavesStarted: 2, serversLaunched: 4 };

  it('says how far a failed, cancelled or timed-out execution got', () => {
    expect(
      describeExecutionOutcome({ status: 'FAILED', ...counts, progress }),
    ).toBe('failed in wave 2 of 3: 4 of 6 servers launched');
    expect(
      describeExecutionOutcome({ status: 'CANCELLED', ...counts, progress }),
    ).toBe('was cancelled in wave 2 of 3: 4 of 6 servers launched');
    expect(
      describeExecutionOutcome({
        status: 'TIMED_OUT',
        waveCount: 1,
        serverCount: 1,
        progress: { wavesStarted: 1, serversLaunched: 1 },
      }),
    ).toBe('timed out in wave 1 of 1: 1 of 1 server launched');
    expect(
      describeExecutionOutcome({
        status: 'CANCELLED',
        ...counts,
        progress: { wavesStarted: 0, serversLaunched: 0 },
      }),
    ).toBe('was cancelled before any wave started: 0 of 6 servers launched');
  });

  it('falls back to completed waves for executions stored without progress', () => {
    expect(describeExecutionOutcome({ status: 'FAILED', ...counts })).toBe(
      'failed after 1 of 3 waves completed',
    );
    expect(
      describeExecutionOutcome({ status: 'FAILED', waveCount: 3 }),
    ).toBeUndefined();
  });

  it('says nothing of a completed or running execution', () => {
    for (const status of ['COMPLETED', 'POLLING', 'PAUSED']) {
      expect(
        describeExecutionOutcome({ status, ...counts, progress }),
      ).toBeUndefined();
    }
  });
});
