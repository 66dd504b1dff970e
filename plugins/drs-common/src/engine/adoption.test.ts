import { decide } from './decide';
import { Execution } from '../executionTypes';
import {
  recordObservationError,
  recordWaveAwaitingCapacity,
  recordWaveLaunchRejected,
  recordWaveLaunched,
} from './records';
import { recordAutomationStart } from './stepRecords';
import {} from './stepRecords';
import { requestCancel } from './requests';
import { assertLegalTransitions } from './transitions';
import {
  at,
  deepFreeze,
  makeExecution,
  noObservations,
  notifications,
  server,
  SETTINGS,
  startWaveCommands,
  step,
  stepOf,
  wave,
  automationStarted,
} from './__testUtils__/fixtures';
import { Decision, DEFAULT_LAUNCH_LEASE_SECONDS } from './types';

const plan = () =>
  makeExecution([
    { name: 'db', servers: ['s-db1', 's-db2'] },
    { name: 'web', servers: ['s-web1'] },
  ]);

/** The state a crash between the launch intent and the job record leaves behind. */
function intentWithoutJob() {
  return step(plan(), noObservations(), at(0)).execution;
}

describe('never launch a wave twice', () => {
  it("asks to adopt DRS's job when an earlier cycle wrote the intent but no job ID", () => {
    const decision = step(intentWithoutJob(), noObservations(), at(30));
    expect(startWaveCommands(decision)).toEqual([
      expect.objectContaining({
        waveIndex: 0,
        sourceServerIds: ['s-db1', 's-db2'],
        adoptExisting: true,
      }),
    ]);
    expect(wave(decision.execution, 'db').launchIntentAt).toBe(
      at(0).toISOString(),
    );
    expect(decision.changed).toBe(false);
  });

  it('issues one START_WAVE per wave and cycle, and keeps asking to adopt until a job is recorded', () => {
    const first = step(plan(), noObservations(), at(0));
    expect(startWaveCommands(first)).toHaveLength(1);
    expect(startWaveCommands(first)[0].adoptExisting).toBe(false);

    const second = step(first.execution, noObservations(), at(30));
    expect(startWaveCommands(second)).toHaveLength(1);
    expect(startWaveCommands(second)[0].adoptExisting).toBe(true);

    const recorded = recordWaveLaunched(second.execution, 0, 'job-1', at(31));
    expect(wave(recorded, 'db').jobId).toBe('job-1');
    expect(startWaveCommands(step(recorded, noObservations(), at(60)))).toEqual(
      [],
    );
  });

  it('launches again only when the lease of the cycle that wrote the intent is over', () => {
    const lease = DEFAULT_LAUNCH_LEASE_SECONDS;
    const within = step(intentWithoutJob(), noObservations(), at(lease - 1));
    expect(startWaveCommands(within)).toEqual([
      expect.objectContaining({ adoptExisting: true, mayLaunch: false }),
    ]);
    const after = step(intentWithoutJob(), noObservations(), at(lease));
    expect(startWaveCommands(after)).toEqual([
      expect.objectContaining({ adoptExisting: true, mayLaunch: true }),
    ]);
    const shortLease = decide(intentWithoutJob(), noObservations(), at(10), {
      ...SETTINGS,
      launchLeaseSeconds: 10,
    });
    expect(startWaveCommands(shortLease)).toEqual([
      expect.objectContaining({ mayLaunch: true }),
    ]);
  });

  it('keeps adopting while a cancel drains the wave', () => {
    const cancelling = step(
      requestCancel(intentWithoutJob(), 'user:default/bo', at(10)),
      noObservations(),
      at(30),
    );
    expect(cancelling.execution.status).toBe('CANCELLING');
    expect(startWaveCommands(cancelling)).toEqual([
      expect.objectContaining({ waveIndex: 0, adoptExisting: true }),
    ]);
  });
});

describe('recordWaveLaunched', () => {
  it('records the job ID without touching the input', () => {
    const before = deepFreeze(intentWithoutJob());
    const after = recordWaveLaunched(before, 0, 'job-1', at(1));
    expect(wave(after, 'db').jobId).toBe('job-1');
    expect(wave(before, 'db').jobId).toBeUndefined();
    expect(assertLegalTransitions(before, after)).toEqual([]);
  });

  it('accepts the same job twice but refuses a second job for a wave', () => {
    const recorded = recordWaveLaunched(intentWithoutJob(), 0, 'job-1', at(1));
    expect(recordWaveLaunched(recorded, 0, 'job-1', at(2))).toEqual(recorded);
    expect(() => recordWaveLaunched(recorded, 0, 'job-2', at(2))).toThrow(
      'Wave "db" already runs as DRS job job-1; refusing to record a second job job-2',
    );
  });

  it('refuses a wave index the execution does not have', () => {
    expect(() =>
      recordWaveLaunched(intentWithoutJob(), 5, 'job-1', at(1)),
    ).toThrow(RangeError);
  });
});

describe('recordWaveLaunchRejected', () => {
  it('fails the wave and its servers, then the next decide fails the execution and starts nothing', () => {
    const rejected = recordWaveLaunchRejected(
      deepFreeze(intentWithoutJob()),
      0,
      'ValidationException: source server s-db2 is not replicating',
      at(1),
    );
    const reason =
      'DRS refused to start the wave: ValidationException: source server s-db2 is not replicating';
    expect(wave(rejected, 'db')).toMatchObject({
      status: 'FAILED',
      failureReason: reason,
      endedAt: at(1).toISOString(),
    });
    expect(server(rejected, 's-db1')).toMatchObject({
      status: 'FAILED',
      failureReason: reason,
    });

    const decision = step(rejected, noObservations(), at(30));
    expect(decision.execution.status).toBe('FAILED');
    expect(decision.execution.statusReason).toBe(`Wave "db" failed: ${reason}`);
    expect(wave(decision.execution, 'web').status).toBe('CANCELLED');
    expect(startWaveCommands(decision)).toEqual([]);
    expect(notifications(decision)).toEqual(['FAILED']);
  });

  it('refuses to reject a wave DRS already runs', () => {
    const recorded = recordWaveLaunched(intentWithoutJob(), 0, 'job-1', at(1));
    expect(() => recordWaveLaunchRejected(recorded, 0, 'quota', at(2))).toThrow(
      /with DRS job job-1/,
    );
  });
});

describe('recordWaveAwaitingCapacity', () => {
  const reason = 'Waiting for DRS capacity: ServiceQuotaExceededException';

  it('keeps the intent, notes since when the wave waits, and clears it at launch', () => {
    const waiting = recordWaveAwaitingCapacity(
      intentWithoutJob(),
      0,
      reason,
      at(30),
    );
    const again = recordWaveAwaitingCapacity(waiting, 0, reason, at(400));
    expect(wave(again, 'db')).toMatchObject({
      status: 'STARTED',
      launchIntentAt: at(0).toISOString(),
      awaitingCapacitySince: at(30).toISOString(),
    });
    expect(again.polling).toMatchObject({
      lastError: reason,
      lastErrorAt: at(400).toISOString(),
    });
    // a later cycle asks DRS again once the lease is over
    const decision = step(
      again,
      noObservations(),
      at(DEFAULT_LAUNCH_LEASE_SECONDS + 1),
    );
    expect(startWaveCommands(decision)).toEqual([
      expect.objectContaining({ waveIndex: 0, mayLaunch: true }),
    ]);
    const launched = recordWaveLaunched(again, 0, 'job-1', at(401));
    expect(wave(launched, 'db').awaitingCapacitySince).toBeUndefined();
    expect(wave(launched, 'db').jobId).toBe('job-1');
  });
});

describe('never start an automation twice', () => {
  const FIRST_STEP = { waveIndex: 0, stepIndex: 0 };
  /** A drill whose wave "db" first runs the automation "freeze", started at 0 s. */
  const withAutomation = () =>
    makeExecution([
      {
        name: 'db',
        servers: ['s-db1'],
        before: [
          {
            type: 'automation',
            name: 'freeze',
            documentName: 'Checkout-Freeze',
            timeoutSeconds: 600,
          },
        ],
      },
    ]);
  /** What a crash right after the intent was written leaves: RUNNING, intent, token, no automation ID. */
  const crashedAfterIntent = () =>
    step(withAutomation(), noObservations(), at(0)).execution;
  const freeze = (execution: Execution) => stepOf(execution, 'db', 'freeze');
  const starts = (decision: Decision) =>
    decision.commands.filter(c => c.type === 'START_AUTOMATION');

  it('calls again with the same ClientToken after a crash between the intent and the call', () => {
    const intent = crashedAfterIntent();
    const again = step(intent, noObservations(), at(30));
    expect(starts(again)).toEqual([
      expect.objectContaining({
        clientToken: (freeze(intent) as { clientToken: string }).clientToken,
        adoptExisting: true,
      }),
    ]);
    expect(freeze(again.execution)).toEqual(freeze(intent));
    expect(again.changed).toBe(false);
  });

  it('adopts the automation of a lost answer: the repeated call returns the same ID, a different one is refused', () => {
    const intent = crashedAfterIntent();
    const adopted = automationStarted(intent, 0, 0, 'auto-1', at(30));
    expect(automationStarted(adopted, 0, 0, 'auto-1', at(31))).toEqual(adopted);
    expect(() => automationStarted(adopted, 0, 0, 'auto-2', at(31))).toThrow(
      'Step db/before/freeze already runs as automation auto-1; refusing to record a second automation auto-2',
    );
    expect(starts(step(adopted, noObservations(), at(60)))).toEqual([]);
  });

  it('gives two engines deciding on the same version the same token', () => {
    const execution = deepFreeze(withAutomation());
    const first = decide(execution, noObservations(), at(0), SETTINGS);
    const second = decide(execution, noObservations(), at(7), {
      ...SETTINGS,
      launchLeaseSeconds: 10,
    });
    expect(starts(second)).toEqual(starts(first));
    expect(starts(first)).toHaveLength(1);
  });

  it('keeps calling after a transient error until SSM answers', () => {
    const throttled = recordObservationError(
      crashedAfterIntent(),
      'AutomationExecutionLimitExceededException',
      at(1),
    );
    expect(starts(step(throttled, noObservations(), at(30)))).toHaveLength(1);
  });

  it('fails the step SSM refused for good, and lets the next decision apply onFailure', () => {
    const refused = recordAutomationStart(
      deepFreeze(crashedAfterIntent()),
      FIRST_STEP,
      {
        refusedBecause:
          'AutomationDefinitionNotFoundException: Checkout-Freeze',
      },
      at(2),
    );
    expect(freeze(refused)).toMatchObject({
      status: 'FAILED',
      failureReason:
        'SSM refused to start the automation: AutomationDefinitionNotFoundException: Checkout-Freeze',
    });
    const decided = step(refused, noObservations(), at(30));
    expect(wave(decided.execution, 'db').status).toBe('FAILED');
    expect(starts(decided)).toEqual([]);
    // An answer that comes after the step ended changes nothing.
    const timedOut = step(crashedAfterIntent(), noObservations(), at(600));
    expect(
      recordAutomationStart(
        timedOut.execution,
        FIRST_STEP,
        { refusedBecause: 'late' },
        at(601),
      ),
    ).toEqual(timedOut.execution);
  });

  it('stops an automation whose answer came after its step timed out', () => {
    const timedOut = step(crashedAfterIntent(), noObservations(), at(600));
    expect(freeze(timedOut.execution)).toMatchObject({
      status: 'TIMED_OUT',
      failureReason: expect.stringContaining(
        'SSM never confirmed the start of its automation',
      ),
    });
    expect(starts(timedOut)).toEqual([]);
    const late = automationStarted(timedOut.execution, 0, 0, 'auto-1', at(601));
    expect(freeze(late)).toMatchObject({
      stopRequestedAt: at(601).toISOString(),
    });
    expect(
      step(late, noObservations(), at(630)).commands.filter(
        c => c.type === 'STOP_AUTOMATION',
      ),
    ).toEqual([
      {
        type: 'STOP_AUTOMATION',
        waveIndex: 0,
        stepIndex: 0,
        automationExecutionId: 'auto-1',
      },
    ]);
  });

  it('refuses to record an automation for a step that never started', () => {
    expect(() =>
      automationStarted(withAutomation(), 0, 0, 'auto-1', at(1)),
    ).toThrow(RangeError);
    const recorded = automationStarted(
      crashedAfterIntent(),
      0,
      0,
      'auto-1',
      at(1),
    );
    expect(() =>
      recordAutomationStart(
        recorded,
        FIRST_STEP,
        { refusedBecause: 'late' },
        at(2),
      ),
    ).toThrow('runs as automation auto-1');
  });
});
