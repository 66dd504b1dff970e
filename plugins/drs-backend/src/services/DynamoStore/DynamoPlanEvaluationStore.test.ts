import {
  LocalDynamo,
  localDynamoClients,
  startLocalDynamo,
} from '@drs-orchestration/drs-testkit';
import {
  RecoveryPlan,
  StoredPlanEvaluation,
} from '@drs-orchestration/plugin-drs-common';
import { DynamoExecutionStore } from './DynamoExecutionStore';
import { DynamoPlanEvaluationStore } from './DynamoPlanEvaluationStore';
import { DynamoPlanStore } from './DynamoPlanStore';
import { ensureTables, tableNames } from './tables';

const at = '2026-12-01T00:00:00.000Z';

function plan(entityRef: string, planId: string, name: string): RecoveryPlan {
  return {
    planId,
    entityRef,
    name,
    description: '',
    defaultMode: 'DRILL',
    timeoutMinutes: 60,
    waves: [
      {
        name: 'db',
        sourceServerIds: ['s-00000000000000001'],
        waitFor: 'LAUNCHED',
        pauseBefore: false,
        dependsOn: [],
      },
    ],
    createdAt: at,
    createdBy: 'user:default/ana',
    updatedAt: at,
    updatedBy: 'user:default/ana',
    version: 1,
  };
}

const evaluation = (
  status: StoredPlanEvaluation['status'],
  evaluatedAt: string,
): StoredPlanEvaluation => ({
  status,
  evaluatedAt,
  planVersion: 1,
  serverCount: 1,
  reasons: [],
  ...(status === 'fail' ? { failingSince: evaluatedAt } : {}),
});

describe('DynamoPlanEvaluationStore', () => {
  let dynamo: LocalDynamo;
  let plans: DynamoPlanStore;
  let store: DynamoPlanEvaluationStore;
  let executions: DynamoExecutionStore;

  beforeEach(async () => {
    dynamo = await startLocalDynamo();
    const { documents } = localDynamoClients(dynamo.endpoint);
    const names = tableNames('evaluation-');
    await ensureTables(dynamo.client, names, { create: true });
    plans = new DynamoPlanStore(documents, names.plans);
    executions = new DynamoExecutionStore(documents, names.executions);
    store = new DynamoPlanEvaluationStore(
      documents,
      names.plans,
      names.executions,
    );
  });
  afterEach(() => dynamo.stop());

  it('stores an evaluation beside the plan: of two writers after one read, one wins', async () => {
    const checkout = plan('component:default/checkout', 'p1', 'Checkout');
    await plans.create(checkout);
    await plans.create(plan('component:default/payments', 'p2', 'Payments'));
    expect((await store.listPlans()).map(p => p.evaluation)).toEqual([
      undefined,
      undefined,
    ]);

    const first = evaluation('pass', at);
    expect(await store.writeEvaluation(checkout, undefined, first)).toBe(true);
    // A second writer that read no evaluation either loses.
    expect(
      await store.writeEvaluation(checkout, undefined, evaluation('fail', at)),
    ).toBe(false);

    const failing = evaluation('fail', '2026-12-01T00:30:00.000Z');
    const [a, b] = await Promise.all([
      store.writeEvaluation(checkout, first, failing),
      store.writeEvaluation(checkout, first, {
        ...failing,
        evaluatedAt: '2026-12-01T00:30:01.000Z',
      }),
    ]);
    expect([a, b].sort()).toEqual([false, true]);

    const listed = await store.listPlans();
    const stored = listed.find(p => p.plan.planId === 'p1')!;
    expect(stored.plan).toEqual(checkout);
    expect(stored.evaluation?.status).toBe('fail');
    expect(await store.listEvaluations()).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/checkout',
        planId: 'p1',
        planName: 'Checkout',
        status: 'fail',
      }),
    ]);
    expect(await store.listEvaluations('component:default/payments')).toEqual(
      [],
    );
  });

  it('keeps the evaluation when the plan is edited, and never brings back a deleted plan', async () => {
    const checkout = plan('component:default/checkout', 'p1', 'Checkout');
    await plans.create(checkout);
    const first = evaluation('pass', at);
    await store.writeEvaluation(checkout, undefined, first);

    await plans.update({ ...checkout, name: 'Checkout v2', version: 2 }, 1);
    const [edited] = await store.listEvaluations(checkout.entityRef);
    expect(edited).toMatchObject({ planName: 'Checkout v2', status: 'pass' });
    expect((await plans.get(checkout.entityRef, 'p1')).version).toBe(2);

    await plans.delete(checkout.entityRef, 'p1', 2);
    expect(
      await store.writeEvaluation(checkout, first, evaluation('fail', at)),
    ).toBe(false);
    expect(await store.listPlans()).toEqual([]);
  });

  it('keeps the last pass in one item that no execution query returns', async () => {
    expect(await store.lastRun()).toBeUndefined();
    const run = {
      completedAt: at,
      durationMs: 1200,
      plans: 3,
      failing: 1,
      degraded: 1,
      unknown: 0,
      locations: 2,
    };
    await store.recordRun(run);
    await store.recordRun({ ...run, plans: 4 });
    expect(await store.lastRun()).toEqual({ ...run, plans: 4 });
    expect(await executions.listActive()).toEqual([]);
    expect(await executions.listForEngine()).toEqual([]);
  });
});
