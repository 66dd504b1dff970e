import { at, makeExecution, T0 } from './engine/__testUtils__/fixtures';
import {
  newExecution,
  sharedSourceServers,
  worstDataLossSeconds,
} from './executions';
import { DEFAULT_HEALTH_TIMEOUT_SECONDS } from './steps';
import { RecoveryPlan, SourceServer } from './types';

const plan: RecoveryPlan = {
  planId: 'plan-1',
  entityRef: 'component:default/checkout',
  name: 'Checkout',
  description: '',
  defaultMode: 'DRILL',
  timeoutMinutes: 90,
  waves: [
    {
      name: 'db',
      sourceServerIds: ['s-db1'],
      waitFor: 'HEALTHY',
      pauseBefore: false,
      dependsOn: [],
    },
    {
      name: 'app',
      sourceServerIds: ['s-app1', 's-gone'],
      waitFor: 'LAUNCHED',
      pauseBefore: true,
      dependsOn: ['db'],
    },
  ],
  createdAt: T0.toISOString(),
  createdBy: 'user:default/ana',
  updatedAt: T0.toISOString(),
  updatedBy: 'user:default/ana',
  version: 3,
};

const servers = ['s-db1', 's-app1'].map(
  (id): SourceServer => ({
    sourceServerId: id,
    hostname: `${id}.example`,
    replicationState: 'CONTINUOUS',
    tags: {},
  }),
);

describe('newExecution', () => {
  it('copies the plan: every wave PENDING, every server NOT_STARTED, with its hostname if known', () => {
    const execution = newExecution({
      executionId: 'exec-1',
      plan,
      mode: 'RECOVERY',
      initiatedBy: 'user:default/bo',
      accountId: '111122223333',
      region: 'eu-west-1',
      servers,
      now: T0,
    });
    expect(execution).toEqual({
      executionId: 'exec-1',
      planId: 'plan-1',
      planName: 'Checkout',
      entityRef: 'component:default/checkout',
      mode: 'RECOVERY',
      status: 'PENDING',
      accountId: '111122223333',
      region: 'eu-west-1',
      initiatedBy: 'user:default/bo',
      createdAt: T0.toISOString(),
      timeoutAt: at(90 * 60).toISOString(),
      waves: [
        {
          name: 'db',
          status: 'PENDING',
          waitFor: 'HEALTHY',
          pauseBefore: false,
          dependsOn: [],
          healthTimeoutSeconds: DEFAULT_HEALTH_TIMEOUT_SECONDS,
          servers: [
            {
              sourceServerId: 's-db1',
              hostname: 's-db1.example',
              status: 'NOT_STARTED',
            },
          ],
          jobLog: [],
        },
        {
          name: 'app',
          status: 'PENDING',
          waitFor: 'LAUNCHED',
          pauseBefore: true,
          dependsOn: ['db'],
          servers: [
            {
              sourceServerId: 's-app1',
              hostname: 's-app1.example',
              status: 'NOT_STARTED',
            },
            {
              sourceServerId: 's-gone',
              hostname: undefined,
              status: 'NOT_STARTED',
            },
          ],
          jobLog: [],
        },
      ],
      polling: { pollCount: 0 },
      requests: {},
      version: 1,
    });
  });
});

describe('newExecution with steps and a drill cleanup', () => {
  const withSteps: RecoveryPlan = {
    ...plan,
    drillCleanup: { keepAliveSeconds: 7200 },
    waves: [
      {
        ...plan.waves[0],
        healthTimeoutSeconds: 900,
        before: [
          {
            type: 'automation',
            name: 'stop replication',
            documentName: 'Checkout-StopReplication',
            documentVersion: '3',
          },
          { type: 'approval', name: 'go', onFailure: 'continue' },
        ],
        after: [
          { type: 'wait', name: 'settle', seconds: 120 },
          {
            type: 'automation',
            name: 'smoke',
            documentName: 'Checkout-Smoke',
            parameters: { Url: ['https://checkout.example'] },
            instanceIdsParameter: 'InstanceIds',
            timeoutSeconds: 600,
          },
        ],
      },
    ],
  };
  const start = (mode: 'DRILL' | 'RECOVERY') =>
    newExecution({
      executionId: 'exec-1',
      plan: withSteps,
      mode,
      initiatedBy: 'user:default/bo',
      region: 'eu-west-1',
      servers,
      now: T0,
    });

  it("copies each wave's steps, before then after, PENDING, with their defaults filled in", () => {
    const [wave] = start('DRILL').waves;
    expect(wave.healthTimeoutSeconds).toBe(900);
    expect(wave.steps).toEqual([
      {
        type: 'automation',
        name: 'stop replication',
        phase: 'before',
        status: 'PENDING',
        timeoutSeconds: 3600,
        onFailure: 'fail',
        documentName: 'Checkout-StopReplication',
        documentVersion: '3',
        parameters: {},
      },
      {
        type: 'approval',
        name: 'go',
        phase: 'before',
        status: 'PENDING',
        timeoutSeconds: 86400,
        onFailure: 'continue',
      },
      {
        type: 'wait',
        name: 'settle',
        phase: 'after',
        status: 'PENDING',
        timeoutSeconds: 120,
        onFailure: 'fail',
        seconds: 120,
      },
      {
        type: 'automation',
        name: 'smoke',
        phase: 'after',
        status: 'PENDING',
        timeoutSeconds: 600,
        onFailure: 'fail',
        documentName: 'Checkout-Smoke',
        parameters: { Url: ['https://checkout.example'] },
        instanceIdsParameter: 'InstanceIds',
      },
    ]);
  });

  it('tracks the cleanup of a drill, never of a recovery', () => {
    expect(start('DRILL').drillCleanup).toEqual({
      keepAliveSeconds: 7200,
      status: 'WAITING',
    });
    expect(start('RECOVERY').drillCleanup).toBeUndefined();
  });
});

describe('sharedSourceServers', () => {
  it('lists the servers both executions would launch, in the order of the first', () => {
    const a = makeExecution([
      { name: 'one', servers: ['s-1', 's-2'] },
      { name: 'two', servers: ['s-3'] },
    ]);
    const b = makeExecution([{ name: 'x', servers: ['s-3', 's-9', 's-1'] }]);
    expect(sharedSourceServers(a, b)).toEqual(['s-1', 's-3']);
    expect(
      sharedSourceServers(a, makeExecution([{ name: 'x', servers: ['s-9'] }])),
    ).toEqual([]);
  });
});

describe('worstDataLossSeconds', () => {
  it('is the largest achieved data loss among the servers of every wave', () => {
    const execution = makeExecution([
      { name: 'db', servers: ['s-1', 's-2'] },
      { name: 'app', servers: ['s-3'] },
    ]);
    execution.waves[0].servers[0].dataLossSeconds = 120;
    execution.waves[1].servers[0].dataLossSeconds = 3600;
    expect(worstDataLossSeconds(execution)).toBe(3600);
  });

  it('counts a measured loss of nothing', () => {
    const execution = makeExecution([{ name: 'db', servers: ['s-1', 's-2'] }]);
    execution.waves[0].servers[1].dataLossSeconds = 0;
    expect(worstDataLossSeconds(execution)).toBe(0);
  });

  it('is undefined until a loss is measured', () => {
    expect(
      worstDataLossSeconds(makeExecution([{ name: 'db', servers: ['s-1'] }])),
    ).toBeUndefined();
  });
});
