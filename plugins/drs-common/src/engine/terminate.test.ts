import { observationNeeds } from './needs';
import { recordTerminateRefused, recordTerminateStarted } from './records';
import { requestTerminate } from './requests';
import {
  at,
  deepFreeze,
  instance,
  job,
  makeExecution,
  noObservations,
  observe,
  requestError,
  server,
  step,
  stepAndLaunch,
  waveJob,
  NO_NEEDS,
} from './__testUtils__/fixtures';
import { Execution } from '../executionTypes';

const BO = 'user:default/bo';

/** A finished drill: "db" launched both servers, one of which failed in cleanup; "web" then was cancelled. */
function finishedDrill(mode: Execution['mode'] = 'DRILL'): Execution {
  const plan = makeExecution(
    [
      { name: 'db', servers: ['s-db1', 's-db2'] },
      { name: 'web', servers: ['s-web1'] },
    ],
    { mode },
  );
  const { execution } = stepAndLaunch(plan, noObservations(), at(0));
  const launched = step(
    execution,
    observe([waveJob(execution, 'db', 'STARTED', 'LAUNCHED')]),
    at(30),
  ).execution;
  return step(
    launched,
    observe([
      job('job-db', 'COMPLETED', { 's-db1': 'LAUNCHED', 's-db2': 'FAILED' }),
    ]),
    at(60),
  ).execution;
}

function terminateCommands(
  execution: Execution,
  observations = noObservations(),
) {
  return step(execution, observations, at(200)).commands.filter(
    c => c.type === 'TERMINATE_RECOVERY_INSTANCES',
  );
}

describe('requestTerminate', () => {
  it('records the request on a finished drill', () => {
    const drill = finishedDrill();
    expect(drill.status).toBe('FAILED');
    const requested = requestTerminate(deepFreeze(drill), BO, at(100));
    expect(requested.requests.terminate).toEqual({
      by: BO,
      at: at(100).toISOString(),
      status: 'REQUESTED',
    });
  });

  it('refuses a recovery before its failback completed: its instances are production then', () => {
    expect(
      requestError(() =>
        requestTerminate(finishedDrill('RECOVERY'), BO, at(100)),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Only a drill.*Fail back first/),
    });
  });

  it('refuses a drill that launched nothing', () => {
    const cancelled = step(
      makeExecution([{ name: 'db', servers: ['s-db1'] }], {
        requests: { cancel: { by: BO, at: at(0).toISOString() } },
      }),
    ).execution;
    expect(
      requestError(() => requestTerminate(cancelled, BO, at(100))),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/no recovery instances to terminate/),
    });
  });

  it('refuses a second request while one runs, and allows one after it ended', () => {
    const requested = requestTerminate(finishedDrill(), BO, at(100));
    expect(
      requestError(() => requestTerminate(requested, BO, at(101))).code,
    ).toBe('CONFLICT');
    const started = recordTerminateStarted(requested, 'job-term', at(102));
    expect(
      requestError(() => requestTerminate(started, BO, at(103))).message,
    ).toMatch(/already asked/);
    const failed = step(
      started,
      observe([job('job-term', 'COMPLETED', { 's-db1': 'LAUNCHED' })]),
      at(200),
    ).execution;
    expect(failed.requests.terminate?.status).toBe('FAILED');
    expect(
      requestTerminate(failed, BO, at(300)).requests.terminate?.status,
    ).toBe('REQUESTED');
  });
});

describe('terminate lifecycle', () => {
  it('asks DRS to terminate every recovery instance the drill created, including one that failed in cleanup', () => {
    const requested = requestTerminate(finishedDrill(), BO, at(100));
    const decision = step(requested, noObservations(), at(200));
    expect(decision.commands).toEqual([
      {
        type: 'TERMINATE_RECOVERY_INSTANCES',
        recoveryInstanceIds: ['ri-s-db1', 'ri-s-db2'],
      },
    ]);
    expect(decision.execution.status).toBe('FAILED');
    expect(decision.execution.requests.terminate?.status).toBe('REQUESTED');
    expect(decision.changed).toBe(false);
    // Until the plumbing records the job, every cycle asks again rather than forget the request.
    expect(terminateCommands(decision.execution)).toHaveLength(1);
  });

  it('records the TERMINATE job, observes it on a finished execution, and completes', () => {
    const started = recordTerminateStarted(
      requestTerminate(finishedDrill(), BO, at(100)),
      'job-term',
      at(110),
    );
    expect(started.requests.terminate).toMatchObject({
      status: 'STARTED',
      jobId: 'job-term',
      startedAt: at(110).toISOString(),
    });
    expect(observationNeeds(started)).toEqual({
      ...NO_NEEDS,
      jobIds: ['job-term'],
      sourceServerIdsNeedingInstances: [],
    });
    expect(terminateCommands(started)).toEqual([]);

    const running = step(
      started,
      observe([job('job-term', 'STARTED', { 's-db1': 'IN_PROGRESS' })]),
      at(150),
    );
    expect(running.changed).toBe(false);

    const done = step(
      started,
      observe([
        job('job-term', 'COMPLETED', {
          's-db1': 'TERMINATED',
          's-db2': 'TERMINATED',
        }),
      ]),
      at(200),
    );
    expect(done.execution.requests.terminate).toMatchObject({
      status: 'COMPLETED',
      endedAt: at(200).toISOString(),
    });
    const states = (execution: Execution) =>
      execution.waves.flatMap(w =>
        w.servers.map(s => [s.sourceServerId, s.ec2InstanceState]),
      );
    expect(states(started).every(([, state]) => state !== 'TERMINATED')).toBe(
      true,
    );
    // s-web1 was never launched: it had no instance to terminate.
    expect(states(done.execution)).toEqual([
      ['s-db1', 'TERMINATED'],
      ['s-db2', 'TERMINATED'],
      ['s-web1', undefined],
    ]);
    expect(done.changed).toBe(true);
    expect(done.transitions).toEqual([]);
    expect(done.commands).toEqual([]);
    expect(observationNeeds(done.execution)).toEqual({
      ...NO_NEEDS,
      jobIds: [],
      sourceServerIdsNeedingInstances: [],
    });
  });

  it('fails when DRS leaves an instance not TERMINATED', () => {
    const started = recordTerminateStarted(
      requestTerminate(finishedDrill(), BO, at(100)),
      'job-term',
      at(110),
    );
    const done = step(
      started,
      observe([
        job('job-term', 'COMPLETED', {
          's-db1': 'TERMINATED',
          's-db2': 'FAILED',
        }),
      ]),
      at(200),
    );
    expect(done.execution.requests.terminate).toMatchObject({
      status: 'FAILED',
      failureReason:
        'DRS job job-term did not terminate the instances of s-db2 (FAILED)',
      endedAt: at(200).toISOString(),
    });
  });

  it('looks up recovery instances the launch job did not report before terminating', () => {
    const plan = makeExecution([{ name: 'db', servers: ['s-db1'] }]);
    const { execution } = stepAndLaunch(plan, noObservations(), at(0));
    const completed = step(
      execution,
      observe([
        job(
          'job-db',
          'COMPLETED',
          { 's-db1': 'LAUNCHED' },
          { withRecoveryInstanceIds: false },
        ),
      ]),
      at(30),
    ).execution;
    expect(completed.status).toBe('COMPLETED');
    const requested = requestTerminate(completed, BO, at(100));
    expect(observationNeeds(requested)).toEqual({
      ...NO_NEEDS,
      jobIds: [],
      sourceServerIdsNeedingInstances: ['s-db1'],
    });

    const found = step(
      requested,
      observe([], [instance('s-db1', 'RUNNING', 'ri-late')]),
      at(200),
    );
    expect(server(found.execution, 's-db1').recoveryInstanceId).toBe('ri-late');
    // Health is the engine's business only while the execution runs.
    expect(server(found.execution, 's-db1').status).toBe('LAUNCHED');
    expect(found.commands).toEqual([
      {
        type: 'TERMINATE_RECOVERY_INSTANCES',
        recoveryInstanceIds: ['ri-late'],
      },
    ]);

    const missing = step(requested, noObservations(), at(200));
    expect(missing.execution.requests.terminate).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringMatching(/no recovery instance/),
    });
    expect(missing.commands).toEqual([]);
  });

  it("fails a request DRS refused for good, which takes it off the engine's list", () => {
    const requested = requestTerminate(finishedDrill(), BO, at(100));
    const refused = recordTerminateRefused(
      requested,
      'ResourceNotFoundException: recovery instance i-1 not found',
      at(105),
    );
    expect(refused.requests.terminate).toMatchObject({
      status: 'FAILED',
      failureReason:
        'DRS refused to terminate the instances: ResourceNotFoundException: recovery instance i-1 not found',
      endedAt: at(105).toISOString(),
    });
    expect(step(refused, noObservations(), at(120)).commands).toEqual([]);
    expect(() =>
      recordTerminateRefused(
        recordTerminateStarted(requested, 'job-term', at(101)),
        'late',
        at(106),
      ),
    ).toThrow(/no terminate request waiting to start/);
  });

  it('refuses to record a TERMINATE job without a request, or a second job', () => {
    expect(() =>
      recordTerminateStarted(finishedDrill(), 'job-term', at(1)),
    ).toThrow(/no terminate request/);
    const started = recordTerminateStarted(
      requestTerminate(finishedDrill(), BO, at(100)),
      'job-term',
      at(110),
    );
    expect(recordTerminateStarted(started, 'job-term', at(120))).toEqual(
      started,
    );
    expect(() => recordTerminateStarted(started, 'job-other', at(120))).toThrow(
      /second job/,
    );
  });
});
