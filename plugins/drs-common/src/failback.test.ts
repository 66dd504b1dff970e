import { Execution } from './executionTypes';
import { failbackNotReady, newFailbackExecution } from './failback';
import { failbackOrderIssues } from './failbackOrder';
import { RecoveryPlan } from './types';
import { requestFailback, requestTerminate } from './engine';
import {
  at,
  noObservations,
  recoveryInstanceIdOf,
  requestError,
  startWaveCommands,
  step,
} from './engine/__testUtils__/fixtures';
import {
  finished,
  ORIGINAL_REGION,
  replicating,
  replication,
  reversedAll,
  reversedIdOf,
  SERVERS,
} from './engine/__testUtils__/wayBack';

const SRE = 'user:default/sam';
const FAILBACK_ID = '00000000-0000-4000-8000-00000000fb01';

function reversed(states: Record<string, string>): Execution {
  return step(
    reversedAll(),
    replicating(
      ...Object.entries(states).map(([id, state]) => replication(id, state)),
    ),
    at(800),
  ).execution;
}

const continuous = () =>
  reversed(Object.fromEntries(SERVERS.map(id => [id, 'CONTINUOUS'])));

const plan = (overrides: Partial<RecoveryPlan> = {}): RecoveryPlan => ({
  planId: 'plan-1',
  entityRef: 'component:default/checkout',
  name: 'Checkout',
  description: '',
  defaultMode: 'RECOVERY',
  timeoutMinutes: 90,
  waves: [
    {
      name: 'db',
      sourceServerIds: ['s-db1', 's-db2'],
      waitFor: 'HEALTHY',
      pauseBefore: false,
      dependsOn: [],
      after: [{ type: 'approval', name: 'data checked' }],
    },
    {
      name: 'app',
      sourceServerIds: ['s-app1'],
      waitFor: 'LAUNCHED',
      pauseBefore: true,
      dependsOn: [],
    },
  ],
  createdAt: at(0).toISOString(),
  createdBy: SRE,
  updatedAt: at(0).toISOString(),
  updatedBy: SRE,
  version: 1,
  ...overrides,
});

describe('requestFailback', () => {
  it('records the failback on a recovery whose reversed servers all replicate CONTINUOUS', () => {
    const recovery = requestFailback(continuous(), FAILBACK_ID, SRE, at(900));
    expect(recovery.requests.failback).toEqual({
      by: SRE,
      at: at(900).toISOString(),
      executionId: FAILBACK_ID,
    });
  });

  it('refuses before reverse replication, saying how to start it', () => {
    expect(
      requestError(() =>
        requestFailback(finished(), FAILBACK_ID, SRE, at(900)),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      message:
        "Reverse the recovery's replication first (POST /executions/exec-1/reverse-replication) and wait until it is CONTINUOUS",
    });
  });

  it('refuses while reversed servers sync, naming each with its state', () => {
    const syncing = reversed({
      's-db1': 'CONTINUOUS',
      's-db2': 'INITIAL_SYNC',
    });
    expect(
      requestError(() => requestFailback(syncing, FAILBACK_ID, SRE, at(900))),
    ).toMatchObject({
      code: 'CONFLICT',
      message:
        'Reverse replication is REPLICATING: a failback launches only reversed servers that replicate CONTINUOUS; waiting for s-db2.example (INITIAL_SYNC), s-app1.example (not observed yet)',
    });
  });

  it.each([
    ['a drill', finished('DRILL'), /nothing to fail back/],
    ['a failback', finished('FAILBACK'), /re-protect it/],
    [
      'a running recovery',
      finished('RECOVERY', 'POLLING'),
      /The recovery is POLLING/,
    ],
  ])('refuses %s', (_name, execution, message) => {
    expect(
      requestError(() => requestFailback(execution, FAILBACK_ID, SRE, at(900))),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(message),
    });
  });

  it('refuses a second failback while the first runs or after it completed; retries one that failed', () => {
    const recovery = continuous();
    for (const status of [
      'PENDING',
      'POLLING',
      'PAUSED',
      'COMPLETED',
    ] as const) {
      expect(
        requestError(() =>
          requestFailback(recovery, 'fb-2', SRE, at(900), {
            executionId: FAILBACK_ID,
            status,
          }),
        ).message,
      ).toBe(
        `Failback ${FAILBACK_ID} of this recovery is ${status}; a recovery fails back once`,
      );
    }
    for (const status of ['FAILED', 'CANCELLED', 'TIMED_OUT'] as const) {
      expect(
        requestFailback(recovery, 'fb-2', SRE, at(900), {
          executionId: FAILBACK_ID,
          status,
        }).requests.failback?.executionId,
      ).toBe('fb-2');
    }
  });
});

describe("terminating a recovery's instances", () => {
  it('is refused before a failback, and while it runs; allowed once it completed', () => {
    const recovery = continuous();
    expect(
      requestError(() => requestTerminate(recovery, SRE, at(900))),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Fail back first/),
    });
    expect(
      requestError(() =>
        requestTerminate(recovery, SRE, at(900), {
          executionId: FAILBACK_ID,
          status: 'POLLING',
        }),
      ).message,
    ).toMatch(`failback ${FAILBACK_ID} is POLLING`);
    const terminating = requestTerminate(recovery, SRE, at(900), {
      executionId: FAILBACK_ID,
      status: 'COMPLETED',
    });
    expect(terminating.requests.terminate).toEqual({
      by: SRE,
      at: at(900).toISOString(),
      status: 'REQUESTED',
    });
    const command = step(terminating, noObservations(), at(910)).commands;
    expect(command).toContainEqual({
      type: 'TERMINATE_RECOVERY_INSTANCES',
      recoveryInstanceIds: SERVERS.map(recoveryInstanceIdOf),
    });
  });

  it("is never asked of a failback's instances: they run the service", () => {
    expect(
      requestError(() => requestTerminate(finished('FAILBACK'), SRE, at(900))),
    ).toMatchObject({ code: 'INVALID' });
  });
});

describe('newFailbackExecution', () => {
  it("runs the recovery's waves in reverse order on the reversed servers, in the original region", () => {
    const recovery = continuous();
    const failback = newFailbackExecution({
      executionId: FAILBACK_ID,
      recovery,
      plan: plan(),
      initiatedBy: SRE,
      now: at(1000),
    });
    expect(failback).toMatchObject({
      executionId: FAILBACK_ID,
      mode: 'FAILBACK',
      status: 'PENDING',
      region: ORIGINAL_REGION,
      entityRef: recovery.entityRef,
      planId: recovery.planId,
      initiatedBy: SRE,
      lineage: { fromExecutionId: 'exec-1', fromMode: 'RECOVERY' },
      timeoutAt: at(1000 + 90 * 60).toISOString(),
      requests: {},
    });
    expect(failback.waves.map(w => w.name)).toEqual(['app', 'db']);
    expect(failback.waves[0]).toMatchObject({
      pauseBefore: true,
      waitFor: 'LAUNCHED',
      dependsOn: [],
      servers: [
        {
          sourceServerId: reversedIdOf('s-app1'),
          hostname: 's-app1.example',
          status: 'NOT_STARTED',
        },
      ],
    });
    expect(failback.waves[1]).toMatchObject({
      waitFor: 'HEALTHY',
      healthTimeoutSeconds: expect.any(Number),
      steps: [
        expect.objectContaining({ type: 'approval', name: 'data checked' }),
      ],
    });
  });

  const inPlanOrder = () =>
    newFailbackExecution({
      executionId: FAILBACK_ID,
      recovery: continuous(),
      plan: plan({ failbackWaveOrder: ['db', 'app'] }),
      initiatedBy: SRE,
      now: at(1000),
    });

  it("follows the plan's failback order when it names every wave", () => {
    expect(inPlanOrder().waves.map(w => w.name)).toEqual(['db', 'app']);
  });

  it('is launched by the engine for real (not a drill), first wave first', () => {
    const failback = inPlanOrder();
    expect(
      startWaveCommands(step(failback, noObservations(), at(1010))),
    ).toEqual([
      expect.objectContaining({
        waveIndex: 0,
        isDrill: false,
        sourceServerIds: [reversedIdOf('s-db1'), reversedIdOf('s-db2')],
      }),
    ]);
  });

  it('refuses a recovery without reversed servers', () => {
    expect(() =>
      newFailbackExecution({
        executionId: FAILBACK_ID,
        recovery: finished(),
        initiatedBy: SRE,
        now: at(1000),
      }),
    ).toThrow(/no reversed source servers/);
  });
});

describe('failbackNotReady', () => {
  it('names the reversed servers DRS lists as not CONTINUOUS, or not at all', () => {
    const recovery = continuous();
    const listed = (id: string, replicationState: string) => ({
      sourceServerId: reversedIdOf(id),
      hostname: id,
      replicationState,
      tags: {},
    });
    expect(
      failbackNotReady(recovery, [
        listed('s-db1', 'CONTINUOUS'),
        listed('s-db2', 'STALLED'),
      ]),
    ).toEqual([
      `s-db2.example → ${reversedIdOf('s-db2')} (STALLED)`,
      `s-app1.example → ${reversedIdOf('s-app1')} (not found in DRS)`,
    ]);
    expect(
      failbackNotReady(
        recovery,
        SERVERS.map(id => listed(id, 'CONTINUOUS')),
      ),
    ).toEqual([]);
  });
});

describe('failbackOrderIssues', () => {
  const waves = plan().waves;
  it('accepts every wave once, or no order at all', () => {
    expect(failbackOrderIssues({ waves })).toEqual([]);
    expect(
      failbackOrderIssues({ waves, failbackWaveOrder: ['app', 'db'] }),
    ).toEqual([]);
  });
  it('names unknown, repeated and missing waves in one error', () => {
    expect(
      failbackOrderIssues({ waves, failbackWaveOrder: ['web', 'db', 'db'] }),
    ).toEqual([
      {
        path: 'failbackWaveOrder',
        severity: 'error',
        message:
          'The failback order names no wave "web"; names "db" twice; leaves out "app": name every wave once, in the order a failback runs them, or remove it to fail back in reverse order',
      },
    ]);
  });
});
