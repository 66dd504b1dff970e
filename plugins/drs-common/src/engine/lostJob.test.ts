import {
  at,
  makeExecution,
  noObservations,
  notifications,
  step,
  stepAndLaunch,
  wave,
} from './__testUtils__/fixtures';
import { LOST_JOB_AFTER_SECONDS } from './observe';

/** Wave "app" launched at T0 as job-app; "web" waits for it. */
function launched() {
  return stepAndLaunch(
    makeExecution(
      [
        { name: 'app', servers: ['s-app1', 's-app2'] },
        { name: 'web', servers: ['s-web1'] },
      ],
      { timeoutAt: at(24 * 3600).toISOString() },
    ),
    noObservations(),
    at(0),
  ).execution;
}

describe('a job DRS no longer reports', () => {
  it('is waited for while it may still appear', () => {
    const decision = step(
      launched(),
      noObservations(),
      at(LOST_JOB_AFTER_SECONDS - 1),
    );
    expect(wave(decision.execution, 'app').status).toBe('STARTED');
    expect(decision.execution.status).toBe('POLLING');
  });

  it('fails its wave and the execution once it has been missing too long', () => {
    const decision = step(
      launched(),
      noObservations(),
      at(LOST_JOB_AFTER_SECONDS + 1),
    );
    const app = wave(decision.execution, 'app');
    expect(app.status).toBe('FAILED');
    expect(app.servers.every(s => s.status === 'FAILED')).toBe(true);
    expect(app.servers[0].failureReason).toMatch(/does not report job/);
    expect(wave(decision.execution, 'web').status).toBe('CANCELLED');
    expect(decision.execution.status).toBe('FAILED');
    expect(notifications(decision)).toEqual(['FAILED']);
  });

  it('is not judged in a cycle whose observation failed', () => {
    const decision = step(
      launched(),
      { ...noObservations(), error: 'ThrottlingException' },
      at(LOST_JOB_AFTER_SECONDS + 60),
    );
    expect(wave(decision.execution, 'app').status).toBe('STARTED');
  });
});
