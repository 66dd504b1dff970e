/*
 * A drill's automatic cleanup: scheduled when the drill ends with recovery instances, raised as
 * the terminate request a person would make once the keep-alive has passed, never for a recovery.
 */
import { Execution } from '../executionTypes';
import { DRS_ENGINE_PRINCIPAL, needsEngineAfterEnd } from './cleanup';
import { observationNeeds } from './needs';
import { recordTerminateStarted } from './records';
import { requestCancel, requestTerminate } from './requests';
import * as fixtures from './__testUtils__/fixtures';

const { at, observe, step } = fixtures;
const iso = (seconds: number) => at(seconds).toISOString();
const BO = 'user:default/bo';

/** A drill of one wave whose job completed at 60 s, with a cleanup after `keepAliveSeconds`. */
function finishedDrill(
  keepAliveSeconds: number,
  overrides: Partial<Execution> = {},
) {
  const execution = fixtures.makeExecution(
    [{ name: 'db', servers: ['s-db1'] }],
    {
      drillCleanup: { keepAliveSeconds, status: 'WAITING' },
      ...overrides,
    },
  );
  const { execution: launched } = fixtures.stepAndLaunch(
    execution,
    undefined,
    at(0),
  );
  return step(
    launched,
    observe([fixtures.waveJob(launched, 'db', 'COMPLETED', 'LAUNCHED')]),
    at(60),
  );
}

const terminates = (decision: ReturnType<typeof step>) =>
  decision.commands.filter(c => c.type === 'TERMINATE_RECOVERY_INSTANCES');

describe('drill cleanup', () => {
  it('is scheduled when the drill ends, and wakes the engine when it falls due', () => {
    const ended = finishedDrill(7200);
    expect(ended.execution.status).toBe('COMPLETED');
    expect(ended.execution.drillCleanup).toEqual({
      keepAliveSeconds: 7200,
      status: 'SCHEDULED',
      dueAt: iso(60 + 7200),
    });
    expect(ended.transitions).toContainEqual({
      scope: 'cleanup',
      id: 'exec-1',
      from: 'WAITING',
      to: 'SCHEDULED',
    });
    expect(ended.wakeAt).toBe(iso(7260));
    expect(needsEngineAfterEnd(ended.execution)).toBe(true);
    expect(terminates(step(ended.execution, undefined, at(7259)))).toEqual([]);
  });

  it('raises the terminate request by the engine once due, and terminates in the same decision', () => {
    const due = step(finishedDrill(7200).execution, undefined, at(7260));
    expect(due.execution.requests.terminate).toEqual({
      by: DRS_ENGINE_PRINCIPAL,
      at: iso(7260),
      status: 'REQUESTED',
    });
    expect(due.execution.drillCleanup).toMatchObject({
      status: 'REQUESTED',
      requestedAt: iso(7260),
    });
    expect(terminates(due)).toEqual([
      {
        type: 'TERMINATE_RECOVERY_INSTANCES',
        recoveryInstanceIds: ['ri-s-db1'],
      },
    ]);
    // From here on the terminate request is the one a person's would be.
    const started = recordTerminateStarted(due.execution, 'job-t', at(7261));
    expect(needsEngineAfterEnd(started)).toBe(true);
    expect(started.drillCleanup?.status).toBe('REQUESTED');
  });

  it('terminates at once with no keep-alive', () => {
    const ended = finishedDrill(0);
    expect(ended.execution.drillCleanup?.status).toBe('REQUESTED');
    expect(terminates(ended)).toHaveLength(1);
    expect(ended.transitions).toContainEqual({
      scope: 'cleanup',
      id: 'exec-1',
      from: 'WAITING',
      to: 'REQUESTED',
    });
  });

  it('is not needed when the drill launched nothing', () => {
    const cancelled = step(
      requestCancel(
        fixtures.makeExecution([{ name: 'db', servers: ['s-db1'] }], {
          drillCleanup: { keepAliveSeconds: 0, status: 'WAITING' },
        }),
        BO,
        at(0),
      ),
      undefined,
      at(5),
    );
    expect(cancelled.execution.drillCleanup).toEqual({
      keepAliveSeconds: 0,
      status: 'NOT_NEEDED',
      reason: 'The drill launched no server',
    });
    expect(needsEngineAfterEnd(cancelled.execution)).toBe(false);
  });

  it("waits for a person's terminate under way, and is not needed once it removed the instances", () => {
    const ended = finishedDrill(600).execution;
    const requested = requestTerminate(ended, BO, at(100));
    const started = recordTerminateStarted(requested, 'job-t', at(101));
    const waiting = step(started, undefined, at(700));
    expect(waiting.execution.drillCleanup?.status).toBe('SCHEDULED');
    expect(terminates(waiting)).toEqual([]);
    const done = step(
      waiting.execution,
      observe([fixtures.job('job-t', 'COMPLETED', { 's-db1': 'TERMINATED' })]),
      at(730),
    );
    expect(done.execution.drillCleanup).toMatchObject({
      status: 'NOT_NEEDED',
      reason: `${BO} had the instances terminated at ${iso(730)}`,
    });
    expect(needsEngineAfterEnd(done.execution)).toBe(false);
  });

  it('terminates again after a terminate that ran before the drill ended', () => {
    const { execution } = fixtures.stepAndLaunch(
      fixtures.makeExecution(
        [
          { name: 'db', servers: ['s-db1'] },
          { name: 'web', servers: ['s-web1'] },
        ],
        { drillCleanup: { keepAliveSeconds: 60, status: 'WAITING' } },
      ),
      undefined,
      at(0),
    );
    const dbDone = fixtures.stepAndLaunch(
      execution,
      observe([fixtures.waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    ).execution;
    const early = {
      ...dbDone,
      requests: {
        terminate: {
          by: BO,
          at: iso(40),
          status: 'COMPLETED' as const,
          endedAt: iso(50),
        },
      },
    };
    const ended = step(
      early,
      observe([fixtures.waveJob(early, 'web', 'COMPLETED', 'LAUNCHED')]),
      at(90),
    ).execution;
    const due = step(ended, undefined, at(150));
    expect(due.execution.requests.terminate?.by).toBe(DRS_ENGINE_PRINCIPAL);
    expect(terminates(due)).toEqual([
      {
        type: 'TERMINATE_RECOVERY_INSTANCES',
        recoveryInstanceIds: ['ri-s-db1', 'ri-s-web1'],
      },
    ]);
  });

  it('looks up the recovery instances a job did not report while it is scheduled', () => {
    const { execution } = fixtures.stepAndLaunch(
      fixtures.makeExecution([{ name: 'db', servers: ['s-db1'] }], {
        drillCleanup: { keepAliveSeconds: 600, status: 'WAITING' },
      }),
      undefined,
      at(0),
    );
    const ended = step(
      execution,
      observe([
        fixtures.job(
          'job-db',
          'COMPLETED',
          { 's-db1': 'LAUNCHED' },
          { withRecoveryInstanceIds: false },
        ),
      ]),
      at(60),
    ).execution;
    expect(observationNeeds(ended).sourceServerIdsNeedingInstances).toEqual([
      's-db1',
    ]);
  });

  it('never touches a recovery, whatever it carries', () => {
    const recovery = finishedDrill(0, { mode: 'RECOVERY' });
    expect(recovery.execution.drillCleanup?.status).toBe('WAITING');
    expect(recovery.execution.requests.terminate).toBeUndefined();
    expect(terminates(recovery)).toEqual([]);
    expect(needsEngineAfterEnd(recovery.execution)).toBe(false);
  });
});
