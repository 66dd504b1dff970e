/*
 * Steps around a wave: before steps in order, then the launch; after steps in order once the
 * servers reached the wave's waitFor, then COMPLETED. onFailure, timeouts and approvals.
 */
import { executionReport } from '../report';
import { PlanStep } from '../stepTypes';
import { automationClientToken } from './clientToken';
import { needsEngineAfterEnd } from './cleanup';
import { observationNeeds } from './needs';
import { requestResume } from './requests';
import { wavesAwaitingApproval } from './waves';
import * as fixtures from './__testUtils__/fixtures';

const { at, automation, observe, step, stepOf, wave } = fixtures;
const iso = (seconds: number) => at(seconds).toISOString();
const ANA = 'user:default/ana';

const stopReplication: PlanStep = {
  type: 'automation',
  name: 'stop replication',
  documentName: 'Checkout-StopReplication',
  documentVersion: '$LATEST',
  parameters: { Mode: ['drill'] },
  timeoutSeconds: 600,
};

/** One wave "db" of one server with these steps. */
const withSteps = (before: PlanStep[], after: PlanStep[] = []) =>
  fixtures.makeExecution([
    { name: 'db', servers: ['s-db1'], before, after },
    { name: 'web', servers: ['s-web1'] },
  ]);

/** The execution once its first decision started "stop replication" at 0 s and SSM answered auto-1. */
function automationRunning() {
  const started = step(withSteps([stopReplication]), undefined, at(0));
  return fixtures.automationStarted(started.execution, 0, 0, 'auto-1', at(1));
}

/** "db" launched at 0 s and its job completed at 30 s, its instance seen. */
function launchedAt30(before: PlanStep[], after: PlanStep[]) {
  const { execution } = fixtures.stepAndLaunch(
    withSteps(before, after),
    undefined,
    at(0),
  );
  return step(
    execution,
    observe(
      [fixtures.waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')],
      [fixtures.instance('s-db1', 'RUNNING')],
    ),
    at(30),
  );
}

describe('before steps', () => {
  it('run before the launch: a wait, then the launch in the cycle the wait ends', () => {
    const settle: PlanStep = { type: 'wait', name: 'drain', seconds: 120 };
    const started = step(withSteps([settle]), undefined, at(0));
    expect(wave(started.execution, 'db')).toMatchObject({
      status: 'STARTED',
      startedAt: iso(0),
    });
    expect(wave(started.execution, 'db').launchIntentAt).toBeUndefined();
    expect(stepOf(started.execution, 'db', 'drain')).toMatchObject({
      status: 'RUNNING',
      startedAt: iso(0),
      waitUntil: iso(120),
      deadlineAt: iso(120),
    });
    expect(fixtures.startWaveCommands(started)).toEqual([]);
    expect(started.wakeAt).toBe(iso(120));
    expect(started.transitions).toContainEqual({
      scope: 'step',
      id: 'db/before/drain',
      from: 'PENDING',
      to: 'RUNNING',
    });

    const waiting = step(started.execution, undefined, at(119));
    expect(waiting.changed).toBe(false);

    const launched = step(waiting.execution, undefined, at(120));
    expect(stepOf(launched.execution, 'db', 'drain')).toMatchObject({
      status: 'SUCCEEDED',
      endedAt: iso(120),
    });
    expect(wave(launched.execution, 'db').launchIntentAt).toBe(iso(120));
    expect(fixtures.startWaveCommands(launched)).toHaveLength(1);
    expect(fixtures.server(launched.execution, 's-db1').status).toBe(
      'LAUNCHING',
    );
  });

  it('start an automation with everything StartAutomationExecution needs, the intent written in the same decision', () => {
    const started = step(withSteps([stopReplication]), undefined, at(0));
    const clientToken = automationClientToken('exec-1', 0, 'before', 0);
    expect(fixtures.startAutomationCommands(started)).toEqual([
      {
        type: 'START_AUTOMATION',
        waveIndex: 0,
        stepIndex: 0,
        documentName: 'Checkout-StopReplication',
        documentVersion: '$LATEST',
        parameters: { Mode: ['drill'] },
        clientToken,
        tags: {
          'drs-orchestration:execution-id': 'exec-1',
          'drs-orchestration:step': '0/before/0',
        },
        adoptExisting: false,
      },
    ]);
    expect(stepOf(started.execution, 'db', 'stop replication')).toMatchObject({
      status: 'RUNNING',
      intentAt: iso(0),
      clientToken,
      deadlineAt: iso(600),
    });
  });

  it('observe the automation until SSM ends it, keep its outputs, and launch once it succeeded', () => {
    const recorded = automationRunning();
    expect(observationNeeds(recorded).automationExecutionIds).toEqual([
      'auto-1',
    ]);
    const running = step(
      recorded,
      observe([], [], { automations: [automation('auto-1', 'InProgress')] }),
      at(30),
    );
    expect(fixtures.startAutomationCommands(running)).toEqual([]);
    expect(stepOf(running.execution, 'db', 'stop replication')).toMatchObject({
      status: 'RUNNING',
      automationStatus: 'InProgress',
    });

    const done = step(
      running.execution,
      observe([], [], {
        automations: [
          automation('auto-1', 'Success', {
            outputs: { Lag: ['0'] },
            endedAt: iso(50),
          }),
        ],
      }),
      at(60),
    );
    expect(stepOf(done.execution, 'db', 'stop replication')).toMatchObject({
      status: 'SUCCEEDED',
      endedAt: iso(50),
      automationStatus: 'Success',
      outputs: { Lag: ['0'] },
    });
    expect(fixtures.startWaveCommands(done)).toHaveLength(1);
  });

  it('fail the wave when one with onFailure fail fails, naming it, and skip the rest', () => {
    const started = step(
      withSteps([stopReplication, { type: 'wait', name: 'w', seconds: 5 }]),
      undefined,
      at(0),
    );
    const recorded = fixtures.automationStarted(
      started.execution,
      0,
      0,
      'auto-1',
      at(1),
    );
    const failed = step(
      recorded,
      observe([], [], {
        automations: [
          automation('auto-1', 'Failed', { failureMessage: 'no such DB' }),
        ],
      }),
      at(60),
    );
    const reason = 'SSM automation auto-1 ended Failed: no such DB';
    expect(stepOf(failed.execution, 'db', 'stop replication')).toMatchObject({
      status: 'FAILED',
      failureReason: reason,
      endedAt: iso(60),
    });
    expect(wave(failed.execution, 'db')).toMatchObject({
      status: 'FAILED',
      failureReason: `Step "stop replication" (before) failed: ${reason}`,
    });
    expect(stepOf(failed.execution, 'db', 'w')).toMatchObject({
      status: 'SKIPPED',
      failureReason: `Not run: Step "stop replication" (before) failed: ${reason}`,
    });
    expect(fixtures.server(failed.execution, 's-db1').status).toBe(
      'NOT_STARTED',
    );
    expect(failed.execution.status).toBe('FAILED');
    expect(wave(failed.execution, 'web').status).toBe('CANCELLED');
  });

  it('let the wave go on past a failure with onFailure continue, keeping the failure on record', () => {
    const started = step(
      withSteps([{ ...stopReplication, onFailure: 'continue' }]),
      undefined,
      at(0),
    );
    const failed = step(
      fixtures.automationStarted(started.execution, 0, 0, 'auto-1', at(1)),
      observe([], [], { automations: [automation('auto-1', 'TimedOut')] }),
      at(60),
    );
    expect(stepOf(failed.execution, 'db', 'stop replication').status).toBe(
      'TIMED_OUT',
    );
    expect(fixtures.startWaveCommands(failed)).toHaveLength(1);
    expect(wave(failed.execution, 'db').status).toBe('STARTED');
  });
});

describe('step timeouts', () => {
  it('time out a running automation, stop it, and fail its wave', () => {
    const timedOut = step(automationRunning(), undefined, at(600));
    expect(stepOf(timedOut.execution, 'db', 'stop replication')).toMatchObject({
      status: 'TIMED_OUT',
      stopRequestedAt: iso(600),
      failureReason: 'Not done within its 600 s timeout',
    });
    expect(fixtures.stopAutomationCommands(timedOut)).toEqual([
      {
        type: 'STOP_AUTOMATION',
        waveIndex: 0,
        stepIndex: 0,
        automationExecutionId: 'auto-1',
      },
    ]);
    expect(timedOut.execution.status).toBe('FAILED');
    expect(needsEngineAfterEnd(timedOut.execution)).toBe(true);
    expect(observationNeeds(timedOut.execution).automationExecutionIds).toEqual(
      ['auto-1'],
    );

    const cancelling = step(
      timedOut.execution,
      observe([], [], { automations: [automation('auto-1', 'Cancelling')] }),
      at(630),
    );
    expect(fixtures.stopAutomationCommands(cancelling)).toEqual([]);
    const stopped = step(
      cancelling.execution,
      observe([], [], { automations: [automation('auto-1', 'Cancelled')] }),
      at(660),
    );
    expect(stepOf(stopped.execution, 'db', 'stop replication')).toMatchObject({
      status: 'TIMED_OUT',
      automationStatus: 'Cancelled',
      stoppedAt: iso(660),
    });
    expect(needsEngineAfterEnd(stopped.execution)).toBe(false);
  });

  it('ask SSM again to stop an automation it still reports running', () => {
    const timedOut = step(automationRunning(), undefined, at(600)).execution;
    const again = step(
      timedOut,
      observe([], [], { automations: [automation('auto-1', 'InProgress')] }),
      at(630),
    );
    expect(fixtures.stopAutomationCommands(again)).toHaveLength(1);
  });

  it('give up on a stop SSM never confirms, so the execution leaves the engine', () => {
    const timedOut = step(automationRunning(), undefined, at(600));
    expect(timedOut.wakeAt).toBe(iso(600 + 15 * 60));
    const givenUp = step(timedOut.execution, undefined, at(600 + 15 * 60));
    expect(stepOf(givenUp.execution, 'db', 'stop replication')).toMatchObject({
      stoppedAt: iso(1500),
      failureReason:
        'Not done within its 600 s timeout; SSM did not confirm within 15 minutes that automation auto-1 stopped',
    });
    expect(needsEngineAfterEnd(givenUp.execution)).toBe(false);
  });
});

describe('after steps', () => {
  const smoke: PlanStep = {
    type: 'automation',
    name: 'smoke',
    documentName: 'Checkout-Smoke',
    instanceIdsParameter: 'InstanceIds',
  };

  it('wait for the instance IDs they receive, fixed at the intent; the recovery time ends at the launch', () => {
    const { execution } = fixtures.stepAndLaunch(
      withSteps([], [smoke]),
      undefined,
      at(0),
    );
    const launched = step(
      execution,
      observe([fixtures.waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    );
    expect(wave(launched.execution, 'db')).toMatchObject({
      status: 'STARTED',
      recoveredAt: iso(30),
    });
    expect(stepOf(launched.execution, 'db', 'smoke').status).toBe('PENDING');
    expect(fixtures.startAutomationCommands(launched)).toEqual([]);

    const started = step(
      launched.execution,
      observe([], [fixtures.instance('s-db1', 'RUNNING')]),
      at(60),
    );
    expect(fixtures.startAutomationCommands(started)).toEqual([
      expect.objectContaining({
        parameters: { InstanceIds: ['i-s-db1'] },
        tags: expect.objectContaining({
          'drs-orchestration:step': '0/after/0',
        }),
      }),
    ]);
    expect(stepOf(started.execution, 'db', 'smoke')).toMatchObject({
      instanceIds: ['i-s-db1'],
    });
    const done = step(
      fixtures.automationStarted(started.execution, 0, 0, 'auto-9', at(61)),
      observe([], [], { automations: [automation('auto-9', 'Success')] }),
      at(200),
    );
    expect(wave(done.execution, 'db')).toMatchObject({
      status: 'COMPLETED',
      endedAt: iso(200),
    });
    expect(executionReport(done.execution).waves[0].seconds).toBe(30);
  });

  it('pause for an approval after the wave, resumed by naming the wave', () => {
    const goLive: PlanStep = { type: 'approval', name: 'go live' };
    const paused = launchedAt30([], [goLive]);
    expect(paused.execution).toMatchObject({
      status: 'PAUSED',
      statusReason: 'Waiting for approval of step "go live" of wave "db"',
    });
    expect(fixtures.notifications(paused)).toEqual(['PAUSED']);
    expect(wavesAwaitingApproval(paused.execution).map(w => w.name)).toEqual([
      'db',
    ]);

    const approved = requestResume(paused.execution, 'db', ANA, at(40));
    expect(approved.requests.resume).toEqual({
      by: ANA,
      at: iso(40),
      wave: 'db',
      step: 'go live',
    });
    expect(stepOf(approved, 'db', 'go live')).toMatchObject({
      approvedBy: ANA,
      approvedAt: iso(40),
    });
    expect(wave(approved, 'db').approvedBy).toBeUndefined();

    const resumed = step(approved, undefined, at(60));
    expect(stepOf(resumed.execution, 'db', 'go live').status).toBe('SUCCEEDED');
    expect(wave(resumed.execution, 'db').status).toBe('COMPLETED');
    expect(resumed.execution.status).toBe('POLLING');
    expect(fixtures.startWaveCommands(resumed).map(c => c.waveIndex)).toEqual([
      1,
    ]);
  });

  it('time out an approval nobody gave; with onFailure continue the wave goes on', () => {
    const goLive: PlanStep = {
      type: 'approval',
      name: 'go live',
      timeoutSeconds: 300,
      onFailure: 'continue',
    };
    const paused = launchedAt30([], [goLive]);
    expect(paused.wakeAt).toBe(iso(330));
    const timedOut = step(paused.execution, undefined, at(330));
    expect(stepOf(timedOut.execution, 'db', 'go live').status).toBe(
      'TIMED_OUT',
    );
    expect(wave(timedOut.execution, 'db').status).toBe('COMPLETED');
    expect(timedOut.execution.status).toBe('POLLING');
  });
});
