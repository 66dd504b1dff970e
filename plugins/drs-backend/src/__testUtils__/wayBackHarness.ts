import {
  Execution,
  ExecutionSummary,
} from '@drs-orchestration/plugin-drs-common';
import { TEST_ACCOUNT_ID, TEST_REGION } from '@drs-orchestration/drs-testkit';
import { DrsGateway } from '../services/DrsGateway/types';
import { EngineHarness, isDone } from './engineHarness';

/** Where the shop's EC2 instances ran before the recovery, and where they fail back to. */
export const ORIGIN_REGION = 'us-west-2';
export const SRE = 'user:default/sam';

/**
 * The shop's EC2 instances of us-west-2, replicated to the test region (the recovery region):
 * two db servers and one app server; DRS is initialized in the origin region too.
 */
export const wayBackInventory = {
  accounts: [
    {
      accountId: TEST_ACCOUNT_ID,
      region: TEST_REGION,
      sourceServers: [
        ['shop-db-1', 'db'],
        ['shop-db-2', 'db'],
        ['shop-app-1', 'app'],
      ].map(([hostname, tier]) => ({
        hostname,
        tags: { Application: 'shop', Tier: tier },
        lagSeconds: 5,
        origin: { region: ORIGIN_REGION },
      })),
    },
    { accountId: TEST_ACCOUNT_ID, region: ORIGIN_REGION, sourceServers: [] },
  ],
};

type Mutation =
  | 'startRecovery'
  | 'terminateRecoveryInstances'
  | 'reverseReplication';
const MUTATIONS: Mutation[] = [
  'startRecovery',
  'terminateRecoveryInstances',
  'reverseReplication',
];

/**
 * A DRS gateway whose every mutating call dies once, the first time for each set of arguments:
 * `after` the call reached DRS (its answer is lost, as when the backend dies mid-call), or
 * `before` it left (the intent is written, the call never made).
 */
export function crashingOnceEach(
  gateway: DrsGateway,
  when: 'before' | 'after',
  crashed = new Set<string>(),
): DrsGateway {
  const wrapped: DrsGateway = { ...gateway };
  for (const name of MUTATIONS) {
    const call = gateway[name] as (...args: unknown[]) => Promise<unknown>;
    (wrapped as unknown as Record<string, unknown>)[name] = async (
      ...args: unknown[]
    ) => {
      const key = `${name} ${JSON.stringify(args.slice(1))}`;
      const first = !crashed.has(key);
      crashed.add(key);
      if (first && when === 'before') {
        throw new Error(`process killed before ${name}`);
      }
      const answer = await call(...args);
      if (first) throw new Error(`process killed after ${name}`);
      return answer;
    };
  }
  return wrapped;
}

/** Recovery → reverse replication → failback → re-protect → clean-up, each step run to its end. */
export async function runTheWayBack(
  h: EngineHarness,
  engines = [h.engine],
  /** Called after each step, with the entity's history newest first. */
  onStep: (step: string, history: ExecutionSummary[]) => void = () => {},
) {
  const { owner, plan, servers } = await h.tierPlan('shop', ['db', 'app']);
  const run = async (
    id: string,
    done: (e: Execution) => boolean,
    step: string,
  ) => {
    const reached = await h.runUntil(id, done, { engines, cycles: 120 });
    const history = await h.executions.listForEntity(owner.entityRef, {
      limit: 50,
    });
    onStep(step, history.items);
    return reached;
  };
  const { execution } = await h.service.start(owner, {
    planId: plan.planId,
    mode: 'RECOVERY',
    by: SRE,
    acceptDataLossSeconds: 3600,
  });
  /** Asks reverse replication of the execution and runs until it is CONTINUOUS. */
  const reverse = async (id: string, step: string) => {
    await h.service.control(id, { action: 'reverse-replication' }, SRE);
    return run(
      id,
      e => e.requests.reverseReplication?.status === 'CONTINUOUS',
      step,
    );
  };
  const recovered = await run(execution.executionId, isDone, 'recovered');
  const reversed = await reverse(execution.executionId, 'reversed');
  const { execution: started } = await h.service.failback(
    execution.executionId,
    { by: SRE, confirmation: plan.name },
  );
  const failedBack = await run(started.executionId, isDone, 'failed back');
  const reprotected = await reverse(started.executionId, 're-protected');
  await h.service.control(execution.executionId, { action: 'terminate' }, SRE);
  const cleaned = await run(
    execution.executionId,
    e => ['COMPLETED', 'FAILED'].includes(e.requests.terminate?.status ?? ''),
    'cleaned',
  );
  return {
    owner,
    plan,
    servers,
    recovered,
    reversed,
    failedBack,
    reprotected,
    cleaned,
  };
}
