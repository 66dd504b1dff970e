import { needsEngineAfterEnd } from './cleanup';
import { recordWaveLaunched } from './records';
import { requestCancel, requestResume } from './requests';
import {
  at,
  automation,
  automationStarted,
  jobCompleted,
  jobIdOf,
  deepFreeze,
  makeExecution,
  noObservations,
  notifications,
  observe,
  requestError,
  server,
  startWaveCommands,
  step,
  stepAndLaunch,
  stepOf,
  wave,
  waveJob,
} from './__testUtils__/fixtures';
import { Execution } from '../executionTypes';
import { PlanStep } from '../stepTypes';

const ANA = 'user:default/ana';

describe('pause and resume', () => {
  const gatedSecondWave = () =>
    makeExecution([
      { name: 'db', servers: ['s-db1'] },
      { name: 'web', servers: ['s-web1'], pauseBefore: true },
    ]);

  /** The execution paused before "web", after "db" completed. */
  function pausedBeforeWeb(): Execution {
    const { execution } = stepAndLaunch(
      gatedSecondWave(),
      noObservations(),
      at(0),
    );
    return step(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    ).execution;
  }

  it('pauses before a pauseBefore wave, notifies once and starts nothing', () => {
    const { execution } = stepAndLaunch(
      gatedSecondWave(),
      noObservations(),
      at(0),
    );
    const paused = step(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    );
    expect(paused.execution.status).toBe('PAUSED');
    expect(paused.execution.statusReason).toBe(
      'Waiting for approval to start wave "web"',
    );
    expect(wave(paused.execution, 'web').status).toBe('PENDING');
    expect(startWaveCommands(paused)).toEqual([]);
    expect(notifications(paused)).toEqual(['PAUSED']);

    const still = step(paused.execution, noObservations(), at(60));
    expect(still.execution.status).toBe('PAUSED');
    expect(still.commands).toEqual([]);
    expect(still.changed).toBe(false);
  });

  it('pauses a PENDING execution whose first wave awaits approval', () => {
    const execution = makeExecution([
      { name: 'db', servers: ['s-db1'], pauseBefore: true },
    ]);
    const decision = step(execution, noObservations(), at(0));
    expect(decision.execution.status).toBe('PAUSED');
    expect(decision.execution.startedAt).toBe(at(0).toISOString());
    expect(startWaveCommands(decision)).toEqual([]);
  });

  it('starts the approved wave on resume and records who approved it', () => {
    const resumed = requestResume(
      deepFreeze(pausedBeforeWeb()),
      'web',
      ANA,
      at(40),
    );
    expect(wave(resumed, 'web')).toMatchObject({
      approvedBy: ANA,
      approvedAt: at(40).toISOString(),
    });
    expect(resumed.requests.resume).toEqual({
      by: ANA,
      at: at(40).toISOString(),
      wave: 'web',
    });
    expect(resumed.status).toBe('PAUSED');

    const decision = step(resumed, noObservations(), at(60));
    expect(decision.execution.status).toBe('POLLING');
    expect(decision.execution.statusReason).toBeUndefined();
    expect(startWaveCommands(decision).map(c => c.waveIndex)).toEqual([1]);
    expect(notifications(decision)).toEqual([]);
  });

  it('refuses to resume a wave that is not the one awaited', () => {
    const paused = pausedBeforeWeb();
    expect(
      requestError(() => requestResume(paused, 'db', ANA, at(40))),
    ).toMatchObject({
      name: 'ExecutionRequestError',
      code: 'CONFLICT',
      message: expect.stringMatching(
        /waits for approval of wave "web", not "db"/,
      ),
    });
    expect(
      requestError(() => requestResume(paused, 'nope', ANA, at(40))),
    ).toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(
        /no wave "nope"; its waves are "db", "web"/,
      ),
    });
  });

  it('refuses to resume an execution that is not paused, or that is being cancelled', () => {
    const running = step(gatedSecondWave(), noObservations(), at(0)).execution;
    expect(
      requestError(() => requestResume(running, 'web', ANA, at(1))),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/POLLING; only a PAUSED execution/),
    });
    const cancelled = requestCancel(pausedBeforeWeb(), ANA, at(40));
    expect(
      requestError(() => requestResume(cancelled, 'web', ANA, at(41))),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/asked to cancel/),
    });
  });

  it('stays PAUSED for an unapproved wave while a parallel wave runs, and drains it on cancel', () => {
    const execution = makeExecution([
      { name: 'db', servers: ['s-db1'] },
      {
        name: 'app',
        servers: ['s-app1'],
        dependsOn: ['db'],
        pauseBefore: true,
      },
      { name: 'batch', servers: ['s-batch1'], dependsOn: ['db'] },
    ]);
    const first = stepAndLaunch(execution, noObservations(), at(0)).execution;
    const decision = step(
      first,
      observe([waveJob(first, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    );
    expect(decision.execution.status).toBe('PAUSED');
    expect(startWaveCommands(decision).map(c => c.waveIndex)).toEqual([2]);

    const cancelling = step(
      requestCancel(decision.execution, ANA, at(40)),
      noObservations(),
      at(60),
    );
    expect(cancelling.execution.status).toBe('CANCELLING');
    expect(wave(cancelling.execution, 'app').status).toBe('CANCELLED');
    expect(wave(cancelling.execution, 'batch').status).toBe('STARTED');
  });
});

describe('cancel', () => {
  const plan = () =>
    makeExecution([
      { name: 'db', servers: ['s-db1'] },
      { name: 'web', servers: ['s-web1'] },
    ]);

  it('cancels at once when no wave runs', () => {
    const cancelled = requestCancel(plan(), ANA, at(1));
    expect(cancelled.requests.cancel).toEqual({
      by: ANA,
      at: at(1).toISOString(),
    });
    expect(cancelled.status).toBe('PENDING');

    const decision = step(cancelled, noObservations(), at(5));
    expect(decision.execution).toMatchObject({
      status: 'CANCELLED',
      statusReason: `Cancelled by ${ANA} at ${at(1).toISOString()}`,
      endedAt: at(5).toISOString(),
    });
    expect(decision.execution.waves.map(w => w.status)).toEqual([
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(wave(decision.execution, 'db').failureReason).toBe(
      `Cancelled by ${ANA}`,
    );
    expect(startWaveCommands(decision)).toEqual([]);
    expect(notifications(decision)).toEqual(['CANCELLED']);
  });

  it('drains the running wave, cancels the rest, and ends CANCELLED when the wave ends', () => {
    const { execution } = stepAndLaunch(plan(), noObservations(), at(0));
    const cancelling = step(
      requestCancel(execution, ANA, at(10)),
      noObservations(),
      at(30),
    );
    expect(cancelling.execution.status).toBe('CANCELLING');
    expect(cancelling.execution.statusReason).toBe(
      `Cancel requested by ${ANA}; waiting for wave "db" to finish`,
    );
    expect(wave(cancelling.execution, 'db').status).toBe('STARTED');
    expect(wave(cancelling.execution, 'web').status).toBe('CANCELLED');
    expect(notifications(cancelling)).toEqual([]);

    const drained = jobCompleted(cancelling.execution, 'db', at(60));
    expect(wave(drained.execution, 'db').status).toBe('COMPLETED');
    expect(drained.execution).toMatchObject({
      status: 'CANCELLED',
      endedAt: at(60).toISOString(),
    });
    expect(startWaveCommands(drained)).toEqual([]);
    expect(notifications(drained)).toEqual(['CANCELLED']);
  });

  it('ends CANCELLED, not FAILED, when the draining wave fails', () => {
    const { execution } = stepAndLaunch(plan(), noObservations(), at(0));
    const cancelling = step(
      requestCancel(execution, ANA, at(10)),
      noObservations(),
      at(30),
    ).execution;
    const drained = step(
      cancelling,
      observe([waveJob(execution, 'db', 'COMPLETED', 'FAILED')]),
      at(60),
    );
    expect(wave(drained.execution, 'db').status).toBe('FAILED');
    expect(drained.execution.status).toBe('CANCELLED');
  });

  it('cancels a paused execution at once', () => {
    const paused = step(
      makeExecution([{ name: 'db', servers: ['s-db1'], pauseBefore: true }]),
      noObservations(),
      at(0),
    ).execution;
    const decision = step(
      requestCancel(paused, ANA, at(10)),
      noObservations(),
      at(30),
    );
    expect(decision.transitions[0]).toEqual({
      scope: 'execution',
      id: 'exec-1',
      from: 'PAUSED',
      to: 'CANCELLED',
    });
  });

  it('refuses to cancel twice or to cancel a finished execution', () => {
    const cancelled = requestCancel(plan(), ANA, at(1));
    expect(
      requestError(() => requestCancel(cancelled, 'user:default/bo', at(2))),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already asked to cancel/),
    });
    const finished = step(cancelled, noObservations(), at(5)).execution;
    expect(
      requestError(() => requestCancel(finished, ANA, at(6))),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already CANCELLED/),
    });
  });
});

describe('timeout', () => {
  const plan = () =>
    makeExecution(
      [
        { name: 'db', servers: ['s-db1', 's-db2'] },
        { name: 'web', servers: ['s-web1'] },
      ],
      { timeoutAt: at(600).toISOString() },
    );

  it('times out a running execution: the running wave fails, servers keep their observed status, the rest is cancelled', () => {
    const { execution } = stepAndLaunch(plan(), noObservations(), at(0));
    const launched = step(
      execution,
      observe([
        {
          ...waveJob(execution, 'db', 'STARTED', 'LAUNCHED'),
          participatingServers: [
            {
              sourceServerId: 's-db1',
              launchStatus: 'LAUNCHED',
              recoveryInstanceId: 'ri-1',
            },
          ],
        },
      ]),
      at(300),
    ).execution;

    expect(step(launched, noObservations(), at(600)).execution.status).toBe(
      'POLLING',
    );
    const decision = step(launched, noObservations(), at(601));
    const next = decision.execution;
    expect(next).toMatchObject({
      status: 'TIMED_OUT',
      statusReason: `Timed out at ${at(600).toISOString()} while wave "db" ran`,
      endedAt: at(601).toISOString(),
    });
    expect(wave(next, 'db').status).toBe('FAILED');
    expect(wave(next, 'db').failureReason).toMatch(/^Timed out/);
    expect(server(next, 's-db1').status).toBe('LAUNCHED');
    expect(server(next, 's-db2').status).toBe('LAUNCHING');
    expect(wave(next, 'web')).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'Not started: the execution timed out',
    });
    expect(decision.commands).toEqual([{ type: 'NOTIFY', event: 'TIMED_OUT' }]);
  });

  it('times out a paused execution', () => {
    const paused = step(
      makeExecution([{ name: 'db', servers: ['s-db1'], pauseBefore: true }], {
        timeoutAt: at(600).toISOString(),
      }),
      noObservations(),
      at(0),
    ).execution;
    const decision = step(paused, noObservations(), at(700));
    expect(decision.execution.status).toBe('TIMED_OUT');
    expect(decision.execution.statusReason).toBe(
      `Timed out at ${at(600).toISOString()}`,
    );
  });

  it('times out an execution that never left PENDING', () => {
    expect(step(plan(), noObservations(), at(900)).execution.status).toBe(
      'TIMED_OUT',
    );
  });

  it('times out while a cancel still drains', () => {
    const { execution } = stepAndLaunch(plan(), noObservations(), at(0));
    const cancelling = step(
      requestCancel(execution, ANA, at(10)),
      noObservations(),
      at(30),
    ).execution;
    expect(step(cancelling, noObservations(), at(601)).execution.status).toBe(
      'TIMED_OUT',
    );
  });

  it('lets work that finished in the cycle win over the timeout', () => {
    const single = makeExecution([{ name: 'db', servers: ['s-db1'] }], {
      timeoutAt: at(600).toISOString(),
    });
    const { execution } = stepAndLaunch(single, noObservations(), at(0));
    const decision = step(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(700),
    );
    expect(decision.execution.status).toBe('COMPLETED');
  });

  it('refuses an execution whose timeoutAt is not a time', () => {
    expect(() =>
      step(
        makeExecution([{ name: 'db', servers: ['s-db1'] }], {
          timeoutAt: 'soon',
        }),
      ),
    ).toThrow(/invalid timeoutAt "soon"/);
  });
});

describe('cancel and time out with steps', () => {
  const freeze = {
    type: 'automation' as const,
    name: 'freeze',
    documentName: 'Checkout-Freeze',
    timeoutSeconds: 900,
  };
  const notify = { type: 'wait' as const, name: 'notify', seconds: 30 };
  /** "db" runs its automation "freeze" (auto-1) since 0 s; "notify" waits behind it. */
  const freezing = () =>
    automationStarted(
      step(
        makeExecution([
          { name: 'db', servers: ['s-db1'], before: [freeze, notify] },
          { name: 'web', servers: ['s-web1'], after: [notify] },
        ]),
        noObservations(),
        at(0),
      ).execution,
      0,
      0,
      'auto-1',
      at(1),
    );

  it('stops a running automation, cancels the steps that did not run, and ends without launching', () => {
    const cancelled = step(
      requestCancel(freezing(), ANA, at(10)),
      noObservations(),
      at(20),
    );
    expect(stepOf(cancelled.execution, 'db', 'freeze')).toMatchObject({
      status: 'CANCELLED',
      failureReason: `Cancelled by ${ANA}`,
      stopRequestedAt: at(20).toISOString(),
    });
    expect(stepOf(cancelled.execution, 'db', 'notify').status).toBe(
      'CANCELLED',
    );
    expect(stepOf(cancelled.execution, 'web', 'notify').status).toBe(
      'CANCELLED',
    );
    expect(cancelled.commands).toContainEqual({
      type: 'STOP_AUTOMATION',
      waveIndex: 0,
      stepIndex: 0,
      automationExecutionId: 'auto-1',
    });
    expect(startWaveCommands(cancelled)).toEqual([]);
    expect(wave(cancelled.execution, 'db').status).toBe('CANCELLED');
    expect(cancelled.execution.status).toBe('CANCELLED');
    // The stop goes on after the end, until SSM shows the automation ended.
    expect(needsEngineAfterEnd(cancelled.execution)).toBe(true);
    const stopped = step(
      cancelled.execution,
      observe([], [], { automations: [automation('auto-1', 'Cancelled')] }),
      at(40),
    );
    expect(stepOf(stopped.execution, 'db', 'freeze')).toMatchObject({
      stoppedAt: at(40).toISOString(),
    });
    expect(needsEngineAfterEnd(stopped.execution)).toBe(false);
  });

  it('never starts an automation once a cancel is requested', () => {
    const pending = makeExecution([
      { name: 'db', servers: ['s-db1'], before: [freeze] },
    ]);
    const cancelled = step(
      requestCancel(pending, ANA, at(0)),
      noObservations(),
      at(5),
    );
    expect(cancelled.commands).toEqual([
      { type: 'NOTIFY', event: 'CANCELLED' },
    ]);
    expect(stepOf(cancelled.execution, 'db', 'freeze').status).toBe(
      'CANCELLED',
    );
  });

  it('cancels an approval the execution was paused for', () => {
    const paused = step(
      makeExecution([
        {
          name: 'db',
          servers: ['s-db1'],
          before: [{ type: 'approval', name: 'go' }],
        },
      ]),
      noObservations(),
      at(0),
    ).execution;
    expect(paused.status).toBe('PAUSED');
    const cancelled = step(
      requestCancel(paused, ANA, at(10)),
      noObservations(),
      at(20),
    );
    expect(stepOf(cancelled.execution, 'db', 'go').status).toBe('CANCELLED');
    expect(cancelled.execution.status).toBe('CANCELLED');
  });

  it('drains a launching wave, then cancels its after steps instead of running them', () => {
    const execution = makeExecution([
      { name: 'db', servers: ['s-db1'], after: [notify] },
    ]);
    const launched = stepAndLaunch(execution, noObservations(), at(0));
    const cancelling = step(
      requestCancel(launched.execution, ANA, at(10)),
      noObservations(),
      at(20),
    );
    expect(cancelling.execution.status).toBe('CANCELLING');
    expect(stepOf(cancelling.execution, 'db', 'notify').status).toBe(
      'CANCELLED',
    );
    const drained = jobCompleted(cancelling.execution, 'db', at(60));
    expect(wave(drained.execution, 'db')).toMatchObject({
      status: 'CANCELLED',
      recoveredAt: at(60).toISOString(),
    });
    expect(drained.execution.status).toBe('CANCELLED');
  });

  /** "net" done at 10 s; "db" and "cache" depend on it: db launched, cache runs these steps. */
  const parallel = (cacheSteps: PlanStep[], dbSteps: PlanStep[] = []) => {
    const execution = makeExecution([
      { name: 'net', servers: ['s-net1'] },
      { name: 'db', servers: ['s-db1'], dependsOn: ['net'], before: dbSteps },
      {
        name: 'cache',
        servers: ['s-cache1'],
        dependsOn: ['net'],
        before: cacheSteps,
      },
    ]);
    const net = stepAndLaunch(execution, noObservations(), at(0)).execution;
    const netDone = jobCompleted(net, 'net', at(10)).execution;
    return recordWaveLaunched(netDone, 1, jobIdOf('db'), at(10));
  };

  it("lets a parallel wave's running automation finish when another wave fails, and skips the rest", () => {
    const running = automationStarted(
      parallel([freeze, notify]),
      2,
      0,
      'auto-1',
      at(11),
    );
    const failed = step(
      running,
      observe([waveJob(running, 'db', 'COMPLETED', 'FAILED')], [], {
        automations: [automation('auto-1', 'InProgress')],
      }),
      at(30),
    );
    expect(wave(failed.execution, 'db').status).toBe('FAILED');
    expect(stepOf(failed.execution, 'cache', 'freeze').status).toBe('RUNNING');
    expect(stepOf(failed.execution, 'cache', 'notify').status).toBe('SKIPPED');
    expect(failed.commands).toEqual([]);
    expect(failed.execution.status).toBe('POLLING');

    const finished = step(
      failed.execution,
      observe([], [], { automations: [automation('auto-1', 'Success')] }),
      at(60),
    );
    expect(wave(finished.execution, 'cache')).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'Not continued: wave "db" failed',
    });
    expect(finished.execution.status).toBe('FAILED');
  });

  it('times out running steps with the execution, stopping their automations', () => {
    const timedOut = step(
      { ...freezing(), timeoutAt: at(300).toISOString() },
      noObservations(),
      at(301),
    );
    expect(timedOut.execution.status).toBe('TIMED_OUT');
    expect(stepOf(timedOut.execution, 'db', 'freeze')).toMatchObject({
      status: 'TIMED_OUT',
      stopRequestedAt: at(301).toISOString(),
    });
    expect(stepOf(timedOut.execution, 'db', 'notify').status).toBe('SKIPPED');
    expect(stepOf(timedOut.execution, 'web', 'notify').status).toBe('SKIPPED');
    expect(timedOut.commands.map(c => c.type)).toEqual([
      'STOP_AUTOMATION',
      'NOTIFY',
    ]);
  });

  it('refuses to resume a wave whose steps wait for no approval', () => {
    const paused = parallel([notify], [{ type: 'approval', name: 'go' }]);
    expect(paused.status).toBe('PAUSED');
    expect(
      requestError(() => requestResume(paused, 'cache', ANA, at(11))).message,
    ).toBe('The execution waits for approval of wave "db", not "cache"');
  });
});
