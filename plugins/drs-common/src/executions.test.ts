import { at, makeExecution, T0 } from './engine/__testUtils__/fixtures';
import {
  newExecution,
  sharedSourceServers,
  worstDataLossSeconds,
} from './executions';
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
