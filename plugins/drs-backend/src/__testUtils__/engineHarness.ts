import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_DRS_QUOTAS,
  Execution,
  isTerminalExecutionStatus,
  PlanWave,
  RecoveryPlan,
  RecoveryPlanInput,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import {
  startSimulator,
  SimulatorHandle,
  SimulatorQuotas,
} from '@drs-orchestration/drs-simulator';
import { AddressInfo } from 'net';
import { Server } from 'http';
import dynalite from 'dynalite';
import { DynamoExecutionStore } from '../services/DynamoStore/DynamoExecutionStore';
import { DynamoPlanStore } from '../services/DynamoStore/DynamoPlanStore';
import { ensureTables, tableNames } from '../services/DynamoStore/tables';
import { createEngine } from '../services/Engine/createEngine';
import { ExecutionListener } from '../services/ExecutionListener/types';
import { createExecutionService } from '../services/ExecutionService/createExecutionService';
import { ResolvedEntity } from '../services/EntityResolver/types';
import {
  localDynamoClients,
  TEST_ACCOUNT_ID,
  TEST_REGION,
  testInventory,
} from '@drs-orchestration/drs-testkit';
import { EngineGateways, localEngineGateways } from './localAws';

/** A wave of a test plan: its servers, and what else a plan wave may say. */
export type TestWave = { name: string; servers: SourceServer[] } & Partial<
  Pick<
    PlanWave,
    'pauseBefore' | 'waitFor' | 'before' | 'after' | 'healthTimeoutSeconds'
  >
>;

/**
 * A simulator inventory of replicating servers in the test account: for each application and
 * tier, two servers `<app>-<tier>-<n>` tagged Application=<app>, Tier=<tier>.
 */
export function tieredInventory(applications: string[], tiers: string[]) {
  return {
    accounts: [
      {
        accountId: TEST_ACCOUNT_ID,
        region: TEST_REGION,
        sourceServers: applications.flatMap(app =>
          tiers.flatMap(tier =>
            [1, 2].map(n => ({
              hostname: `${app}-${tier}-${n}`,
              tags: { Application: app, Tier: tier },
              lagSeconds: 5,
            })),
          ),
        ),
      },
    ],
  };
}

/** Whether the execution has ended: what runUntil waits for in most tests. */
export const isDone = (execution: Execution) =>
  isTerminalExecutionStatus(execution.status);

/** Wires stores, gateway, engine and execution service against dynalite and the simulator. */
export async function startEngineHarness(
  options: { inventory?: object; quotas?: Partial<SimulatorQuotas> } = {},
) {
  let clock = Date.parse('2026-11-25T10:00:00.000Z');
  const now = () => new Date(clock);

  const dynamo: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>(resolve => dynamo.listen(0, '127.0.0.1', resolve));
  const simulator: SimulatorHandle = await startSimulator({
    port: 0,
    inventory: (options.inventory ?? testInventory) as never,
    clock: 'manual',
    startTime: clock,
    quotas: options.quotas,
  });
  const { dynamo: dynamoClient, documents } = localDynamoClients(
    `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
  );
  const names = tableNames('engine-');
  await ensureTables(dynamoClient, names, { create: true });
  const plans = new DynamoPlanStore(documents, names.plans);
  const executions = new DynamoExecutionStore(documents, names.executions);
  const gateways = localEngineGateways(simulator.endpoint);
  const { gateway } = gateways;
  const events: { executionId: string; event: string }[] = [];
  const changes: { executionId: string; status: string }[] = [];
  const listener: ExecutionListener = {
    async executionChanged(e) {
      changes.push({ executionId: e.executionId, status: e.status });
    },
    async executionReached(e, event) {
      events.push({ executionId: e.executionId, event });
    },
  };
  /** An engine of its own on the same tables and simulator; `overrides` replace its gateways. */
  const newEngine = (overrides: Partial<EngineGateways> = {}) =>
    createEngine({
      store: executions,
      ...gateways,
      ...overrides,
      logger: mockServices.logger.mock(),
      pollIntervalSeconds: 15,
      defaultAccountId: TEST_ACCOUNT_ID,
      listener,
      now,
    });
  const engine = newEngine();
  const service = createExecutionService({
    plans,
    executions,
    gateway,
    quotas: DEFAULT_DRS_QUOTAS,
    triggerEngine: async () => {},
    now,
  });

  const entity = (
    name: string,
    tags: Record<string, string>,
  ): ResolvedEntity => ({
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name },
    },
    entityRef: `component:default/${name}`,
    location: { accountId: TEST_ACCOUNT_ID, region: TEST_REGION },
    selector: { kind: 'tags', tags },
  });

  async function createPlan(
    owner: ResolvedEntity,
    waves: TestWave[],
    overrides: Partial<RecoveryPlanInput> = {},
  ): Promise<RecoveryPlan> {
    const plan: RecoveryPlan = {
      planId: `00000000-0000-4000-8000-${String(
        Math.floor(Math.random() * 1e12),
      ).padStart(12, '0')}`,
      entityRef: owner.entityRef,
      name: overrides.name ?? `plan of ${owner.entityRef}`,
      description: '',
      defaultMode: 'DRILL',
      timeoutMinutes: overrides.timeoutMinutes ?? 360,
      waves: waves.map(({ servers, ...wave }) => ({
        sourceServerIds: servers.map(s => s.sourceServerId),
        waitFor: 'LAUNCHED',
        pauseBefore: false,
        dependsOn: [],
        ...wave,
      })),
      ...(overrides.drillCleanup && { drillCleanup: overrides.drillCleanup }),
      createdAt: now().toISOString(),
      createdBy: 'user:default/test',
      updatedAt: now().toISOString(),
      updatedBy: 'user:default/test',
      version: 1,
    };
    await plans.create(plan);
    return plan;
  }

  /**
   * The application's entity (servers tagged Application=<app>) and a plan of one wave per
   * tier, in the order given, each with the tier's servers; `tier` lists a tier's servers.
   */
  async function tierPlan(
    app: string,
    tiers: string[],
    pauseBefore: string[] = [],
  ) {
    const owner = entity(app, { Application: app });
    const servers = await gateway.describeSourceServers(
      owner.location,
      owner.selector,
    );
    const tier = (name: string) => servers.filter(s => s.tags.Tier === name);
    const plan = await createPlan(
      owner,
      tiers.map(name => ({
        name,
        servers: tier(name),
        pauseBefore: pauseBefore.includes(name),
      })),
    );
    return { owner, plan, servers, tier };
  }

  /** The server's newest completed recovery snapshot at or before `cutOff`, as DRS lists it. */
  async function snapshotAtOrBefore(
    sourceServerId: string,
    cutOff: Date,
  ): Promise<{ snapshotId: string; at: string }> {
    const snapshots = await gateway.describeRecoverySnapshots(
      { accountId: TEST_ACCOUNT_ID, region: TEST_REGION },
      sourceServerId,
      { to: cutOff.toISOString(), order: 'DESC' },
    );
    const snapshot = snapshots.find(s => s.at && Date.parse(s.at) <= +cutOff);
    if (!snapshot) {
      throw new Error(`${sourceServerId} has no snapshot before ${cutOff}`);
    }
    return { snapshotId: snapshot.snapshotId, at: snapshot.at! };
  }

  /** Advances DRS time and runs engine cycles until the predicate holds or the cycles run out. */
  async function runUntil(
    executionId: string,
    done: (execution: Execution) => boolean,
    { cycles = 80, secondsPerCycle = 30, engines = [engine] } = {},
  ): Promise<Execution> {
    for (let i = 0; i < cycles; i++) {
      for (const e of engines) await e.runCycle();
      const execution = await executions.get(executionId);
      if (done(execution)) return execution;
      clock += secondsPerCycle * 1000;
      simulator.advance(secondsPerCycle);
    }
    return executions.get(executionId);
  }

  return {
    simulator,
    gateway,
    ssm: gateways.ssm,
    ec2: gateways.ec2,
    plans,
    executions,
    engine,
    newEngine,
    service,
    entity,
    createPlan,
    tierPlan,
    snapshotAtOrBefore,
    runUntil,
    events,
    changes,
    now,
    advance(seconds: number) {
      clock += seconds * 1000;
      simulator.advance(seconds);
    },
    async stop() {
      await simulator.close();
      await new Promise(resolve => dynamo.close(resolve));
    },
  };
}

export type EngineHarness = Awaited<ReturnType<typeof startEngineHarness>>;
