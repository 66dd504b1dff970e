import { Execution } from '../executionTypes';
import { ExecutionAutomationStep } from '../stepTypes';
import {
  at,
  automation,
  automationStarted,
  checks,
  instance,
  job,
  jobIdOf,
  makeExecution,
  noObservations,
  notifications,
  observe,
  server,
  startWaveCommands,
  step,
  stepAndLaunch,
  stepOf,
  wave,
} from './__testUtils__/fixtures';

/** An execution whose first wave ("app", two servers) runs as job-app; "web" waits for it. */
function runningApp() {
  return stepAndLaunch(
    makeExecution([
      { name: 'app', servers: ['s-app1', 's-app2'] },
      { name: 'web', servers: ['s-web1'] },
    ]),
    noObservations(),
    at(0),
  ).execution;
}

describe('DRS trap: a COMPLETED job is not a successful one', () => {
  const log = [
    { event: 'JOB_START', at: at(1).toISOString() },
    {
      event: 'LAUNCH_START',
      at: at(2).toISOString(),
      sourceServerId: 's-app2',
    },
    {
      event: 'LAUNCH_FAILED',
      at: at(20).toISOString(),
      sourceServerId: 's-app2',
      detail: 'InsufficientInstanceCapacity in eu-west-1a',
    },
    { event: 'JOB_END', at: at(25).toISOString() },
  ];

  it('fails the server, the wave and the execution, naming the server and the job log reason', () => {
    const execution = runningApp();
    const decision = step(
      execution,
      observe([
        job(
          jobIdOf('app'),
          'COMPLETED',
          { 's-app1': 'LAUNCHED', 's-app2': 'FAILED' },
          { log },
        ),
      ]),
      at(30),
    );
    const next = decision.execution;

    expect(server(next, 's-app1').status).toBe('LAUNCHED');
    expect(server(next, 's-app2')).toMatchObject({
      status: 'FAILED',
      launchStatus: 'FAILED',
      failureReason:
        'LAUNCH_FAILED: InsufficientInstanceCapacity in eu-west-1a',
    });
    expect(wave(next, 'app').status).toBe('FAILED');
    expect(wave(next, 'app').failureReason).toBe(
      '1 of 2 servers did not launch: s-app2.example (s-app2): LAUNCH_FAILED: InsufficientInstanceCapacity in eu-west-1a',
    );
    expect(wave(next, 'app').jobLog).toEqual(log);
    expect(next.status).toBe('FAILED');
    expect(next.statusReason).toContain('Wave "app" failed');
    expect(next.statusReason).toContain('s-app2');
    expect(next.endedAt).toBe(at(30).toISOString());
    expect(wave(next, 'web')).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'Not started: wave "app" failed',
    });
    expect(startWaveCommands(decision)).toEqual([]);
    expect(notifications(decision)).toEqual(['FAILED']);
  });

  it('falls back to the launch status when the job log was not observed', () => {
    const decision = step(
      runningApp(),
      observe([
        job(jobIdOf('app'), 'COMPLETED', {
          's-app1': 'LAUNCHED',
          's-app2': 'FAILED',
        }),
      ]),
      at(30),
    );
    expect(server(decision.execution, 's-app2').failureReason).toBe(
      `DRS launch status FAILED in job ${jobIdOf('app')}`,
    );
  });

  it('uses another failure event of the server when the log has no LAUNCH_FAILED', () => {
    const conversionLog = [
      {
        event: 'CONVERSION_FAIL',
        at: at(9).toISOString(),
        sourceServerId: 's-app1',
        detail: 'Unsupported kernel',
      },
    ];
    const decision = step(
      runningApp(),
      observe([
        job(
          jobIdOf('app'),
          'COMPLETED',
          { 's-app1': 'FAILED', 's-app2': 'LAUNCHED' },
          { log: conversionLog },
        ),
      ]),
      at(30),
    );
    expect(server(decision.execution, 's-app1').failureReason).toBe(
      'CONVERSION_FAIL: Unsupported kernel',
    );
  });

  it.each(['PENDING', 'IN_PROGRESS', 'TERMINATED'] as const)(
    'fails a server still %s when the job completed',
    launchStatus => {
      const decision = step(
        runningApp(),
        observe([
          job(jobIdOf('app'), 'COMPLETED', {
            's-app1': 'LAUNCHED',
            's-app2': launchStatus,
          }),
        ]),
        at(30),
      );
      expect(server(decision.execution, 's-app2').status).toBe('FAILED');
      expect(wave(decision.execution, 'app').status).toBe('FAILED');
    },
  );

  it('fails a server missing from the participating servers of a completed job', () => {
    const decision = step(
      runningApp(),
      observe([job(jobIdOf('app'), 'COMPLETED', { 's-app1': 'LAUNCHED' })]),
      at(30),
    );
    expect(server(decision.execution, 's-app2')).toMatchObject({
      status: 'FAILED',
      failureReason: `Not among the participating servers of DRS job ${jobIdOf(
        'app',
      )}`,
    });
    expect(wave(decision.execution, 'app').status).toBe('FAILED');
  });

  it('keeps a server missing from a running job LAUNCHING', () => {
    const decision = step(
      runningApp(),
      observe([job(jobIdOf('app'), 'STARTED', { 's-app1': 'IN_PROGRESS' })]),
      at(30),
    );
    expect(server(decision.execution, 's-app2').status).toBe('LAUNCHING');
  });
});

describe('DRS trap: LAUNCHED is not done', () => {
  it('fails a server that went LAUNCHED → FAILED during the job cleanup, and its wave with it', () => {
    const launched = step(
      runningApp(),
      observe([
        job(jobIdOf('app'), 'STARTED', {
          's-app1': 'LAUNCHED',
          's-app2': 'LAUNCHED',
        }),
      ]),
      at(30),
    );
    expect(server(launched.execution, 's-app2').status).toBe('LAUNCHED');
    expect(wave(launched.execution, 'app').status).toBe('STARTED');

    const cleanup = step(
      launched.execution,
      observe([
        job(jobIdOf('app'), 'COMPLETED', {
          's-app1': 'LAUNCHED',
          's-app2': 'FAILED',
        }),
      ]),
      at(60),
    );
    expect(cleanup.transitions).toContainEqual({
      scope: 'server',
      id: 's-app2',
      from: 'LAUNCHED',
      to: 'FAILED',
    });
    expect(server(cleanup.execution, 's-app2')).toMatchObject({
      status: 'FAILED',
      launchedAt: at(30).toISOString(),
    });
    expect(wave(cleanup.execution, 'app').status).toBe('FAILED');
    expect(cleanup.execution.status).toBe('FAILED');
  });

  it('marks a server FAILED as soon as DRS does, but ends the wave only with the job', () => {
    const running = step(
      runningApp(),
      observe([
        job(jobIdOf('app'), 'STARTED', {
          's-app1': 'IN_PROGRESS',
          's-app2': 'FAILED',
        }),
      ]),
      at(30),
    );
    expect(server(running.execution, 's-app2').status).toBe('FAILED');
    expect(wave(running.execution, 'app').status).toBe('STARTED');
    expect(running.execution.status).toBe('POLLING');

    // A later LAUNCHED report cannot revive a failed server.
    const finished = step(
      running.execution,
      observe([
        job(jobIdOf('app'), 'COMPLETED', {
          's-app1': 'LAUNCHED',
          's-app2': 'LAUNCHED',
        }),
      ]),
      at(60),
    );
    expect(server(finished.execution, 's-app2').status).toBe('FAILED');
    expect(wave(finished.execution, 'app').status).toBe('FAILED');
  });
});

describe('DRS trap: recoveryInstanceID missing from the job', () => {
  it('takes the recovery instance from DescribeRecoveryInstances once the server launched', () => {
    const decision = step(
      runningApp(),
      observe(
        [
          job(
            jobIdOf('app'),
            'STARTED',
            { 's-app1': 'LAUNCHED', 's-app2': 'IN_PROGRESS' },
            { withRecoveryInstanceIds: false },
          ),
        ],
        [
          instance('s-app1', 'PENDING', 'ri-new'),
          instance('s-app2', 'RUNNING', 'ri-previous-drill'),
        ],
      ),
      at(30),
    );
    expect(server(decision.execution, 's-app1')).toMatchObject({
      recoveryInstanceId: 'ri-new',
      ec2InstanceId: 'i-s-app1',
      ec2InstanceState: 'PENDING',
    });
    // Not launched yet: the instance DRS lists can only be an older one.
    expect(
      server(decision.execution, 's-app2').recoveryInstanceId,
    ).toBeUndefined();
    expect(
      server(decision.execution, 's-app2').ec2InstanceState,
    ).toBeUndefined();
  });

  it('ignores an instance other than the one the job named', () => {
    const decision = step(
      runningApp(),
      observe(
        [
          job(jobIdOf('app'), 'STARTED', {
            's-app1': 'LAUNCHED',
            's-app2': 'LAUNCHED',
          }),
        ],
        [instance('s-app1', 'STOPPED', 'ri-someone-else')],
      ),
      at(30),
    );
    expect(server(decision.execution, 's-app1')).toMatchObject({
      recoveryInstanceId: 'ri-s-app1',
    });
    expect(
      server(decision.execution, 's-app1').ec2InstanceState,
    ).toBeUndefined();
  });

  it('keeps a recovery instance ID it learned when a later job report omits it', () => {
    const first = step(
      runningApp(),
      observe([job(jobIdOf('app'), 'STARTED', { 's-app1': 'LAUNCHED' })]),
      at(30),
    );
    const second = step(
      first.execution,
      observe([
        job(
          jobIdOf('app'),
          'STARTED',
          { 's-app1': 'LAUNCHED' },
          { withRecoveryInstanceIds: false },
        ),
      ]),
      at(60),
    );
    expect(server(second.execution, 's-app1').recoveryInstanceId).toBe(
      'ri-s-app1',
    );
  });
});

describe('SSM and EC2 traps', () => {
  const smoke = {
    type: 'automation' as const,
    name: 'smoke',
    documentName: 'Checkout-Smoke',
    onFailure: 'continue' as const,
  };
  /** "app" launched (no servers to wait for) and its after step "smoke" running as auto-1 since 30 s. */
  function smokeRunning() {
    const { execution } = stepAndLaunch(
      makeExecution([{ name: 'app', servers: ['s-app1'], after: [smoke] }]),
      noObservations(),
      at(0),
    );
    const launched = step(
      execution,
      observe([job(jobIdOf('app'), 'COMPLETED', { 's-app1': 'LAUNCHED' })]),
      at(30),
    ).execution;
    return automationStarted(launched, 0, 0, 'auto-1', at(31));
  }
  const smokeStep = (execution: Execution) =>
    stepOf(execution, 'app', 'smoke') as ExecutionAutomationStep;

  it('an automation someone cancelled in SSM is a failure, not a success', () => {
    const decision = step(
      smokeRunning(),
      observe([], [], { automations: [automation('auto-1', 'Cancelled')] }),
      at(60),
    );
    expect(smokeStep(decision.execution)).toMatchObject({
      status: 'FAILED',
      failureReason: 'SSM automation auto-1 ended Cancelled',
    });
  });

  it('an end time of 1970 or in the future is not the end of the step', () => {
    for (const endedAt of ['1970-01-01T00:00:00.000Z', at(999).toISOString()]) {
      const decision = step(
        smokeRunning(),
        observe([], [], {
          automations: [automation('auto-1', 'Success', { endedAt })],
        }),
        at(60),
      );
      expect(smokeStep(decision.execution).endedAt).toBe(at(60).toISOString());
    }
  });

  it('outputs and failure messages are cut to what an execution can store', () => {
    const decision = step(
      smokeRunning(),
      observe([], [], {
        automations: [
          automation('auto-1', 'Failed', {
            outputs: {
              Log: ['x'.repeat(1500), 'y'.repeat(1500)],
              Empty: [],
              Later: ['z'],
            },
            failureMessage: 'm'.repeat(5000),
          }),
        ],
      }),
      at(60),
    );
    const recorded = smokeStep(decision.execution);
    expect(recorded.outputs).toEqual({
      Log: ['x'.repeat(1500), 'y'.repeat(500)],
      Empty: [],
    });
    expect(recorded.outputsTruncated).toBe(true);
    expect(recorded.failureReason).toBe(
      `SSM automation auto-1 ended Failed: ${'m'.repeat(1000)}`,
    );
  });

  it('an automation SSM stops reporting ends at its timeout', () => {
    const decision = step(smokeRunning(), noObservations(), at(30 + 3600));
    expect(smokeStep(decision.execution).status).toBe('TIMED_OUT');
    expect(decision.execution.status).toBe('COMPLETED');
  });

  it("a status check of an instance that is not the server's changes nothing", () => {
    const decision = step(
      smokeRunning(),
      observe([], [], { statuses: [checks('s-other')] }),
      at(60),
    );
    expect(server(decision.execution, 's-app1').statusChecks).toBeUndefined();
  });
});
