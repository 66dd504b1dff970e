/**
 * Continuous plan evaluation benchmark: one pass of the plugin's global evaluation task over
 * every plan, in a backend against dynalite and a DRS simulator (in a child process, every call
 * delayed) that serves several accounts and regions. The servers and entities stay the same for
 * every size; only the plans per entity grow, so the DRS calls of a pass must not. Prints each
 * pass's duration (as the task recorded it), its plans' standings and its DRS calls by operation,
 * and asserts the calls are those of the locations and servers alone.
 */
import {
  ANNOTATION_DRS_ACCOUNT_ID,
  ANNOTATION_DRS_REGION,
  ANNOTATION_DRS_RPO,
  ANNOTATION_DRS_SOURCE_SERVER_TAGS,
} from '@drs-orchestration/plugin-drs-common';
import type {
  PlanWave,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import { createDynamoDrsStores } from '@drs-orchestration/plugin-drs-backend';
import {
  localDynamoClients,
  serviceEntity,
  TEST_ACCOUNT_ID,
} from '@drs-orchestration/drs-testkit';
import { randomUUID } from 'crypto';
import os from 'os';
import { SimulatorClient, startAwsProcess } from './awsProcess';
import { startBenchBackend } from './benchBackend';
import { formatMs } from './stats';

export interface EvaluationBenchOptions {
  /** Plans per pass, one pass each, over the same entities and servers. */
  plans: number[];
  /** Accounts × regions: 2 accounts, up to 5 regions each. */
  locations: number;
  entitiesPerLocation: number;
  serversPerEntity: number;
  /** Wall-clock delay the simulator adds to every DRS call. */
  latencyMs: number;
}

export const EVALUATION_BENCH_DEFAULTS: EvaluationBenchOptions = {
  plans: [100, 1000],
  locations: 10,
  entitiesPerLocation: 10,
  serversPerEntity: 5,
  latencyMs: 20,
};

const ACCOUNTS = [TEST_ACCOUNT_ID, '444455556666'];
const REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
];

interface BenchEntity {
  name: string;
  accountId: string;
  region: string;
  /** Even entities state an RPO: their servers' newest points in time are read. */
  rpo: boolean;
  /** Entity 1 of each location has a server whose replication stopped: its plans fail. */
  stopped: boolean;
  serverIds: string[];
}

/** The same entities and servers for every size: `locations` × `entitiesPerLocation`. */
function world(options: EvaluationBenchOptions): BenchEntity[] {
  if (options.locations > ACCOUNTS.length * REGIONS.length) {
    throw new Error(`At most ${ACCOUNTS.length * REGIONS.length} locations`);
  }
  let serial = 0;
  return Array.from({ length: options.locations }).flatMap((_, l) =>
    Array.from({ length: options.entitiesPerLocation }, (__, e) => ({
      name: `bench-eval-${l}-${e}`,
      accountId: ACCOUNTS[l % ACCOUNTS.length],
      region: REGIONS[Math.floor(l / ACCOUNTS.length)],
      rpo: e % 2 === 0,
      stopped: e === 1,
      serverIds: Array.from(
        { length: options.serversPerEntity },
        () => `s-${String(++serial).padStart(17, '0')}`,
      ),
    })),
  );
}

function inventory(entities: BenchEntity[]) {
  const byLocation = new Map<string, BenchEntity[]>();
  for (const entity of entities) {
    const key = `${entity.accountId}/${entity.region}`;
    byLocation.set(key, [...(byLocation.get(key) ?? []), entity]);
  }
  return {
    accounts: [...byLocation.values()].map(here => ({
      accountId: here[0].accountId,
      region: here[0].region,
      sourceServers: here.flatMap(entity =>
        entity.serverIds.map((sourceServerID, n) => ({
          sourceServerID,
          hostname: `${entity.name}-${n}`,
          tags: { Application: entity.name },
          lagSeconds: 5,
          ...(entity.stopped && n === 0 ? { replicationState: 'STOPPED' } : {}),
        })),
      ),
    })),
  };
}

function catalog(entities: BenchEntity[]) {
  return entities.map(entity =>
    serviceEntity(entity.name, 'group:default/bench', {
      [ANNOTATION_DRS_ACCOUNT_ID]: entity.accountId,
      [ANNOTATION_DRS_REGION]: entity.region,
      [ANNOTATION_DRS_SOURCE_SERVER_TAGS]: `Application=${entity.name}`,
      ...(entity.rpo ? { [ANNOTATION_DRS_RPO]: 'PT6H' } : {}),
    }),
  );
}

function plan(entity: BenchEntity, n: number): RecoveryPlan {
  const wave = (name: string, ids: string[]): PlanWave => ({
    name,
    sourceServerIds: ids,
    waitFor: 'LAUNCHED',
    pauseBefore: false,
    dependsOn: [],
  });
  const at = new Date().toISOString();
  return {
    planId: randomUUID(),
    entityRef: `component:default/${entity.name}`,
    name: `Plan ${n}`,
    description: '',
    defaultMode: 'DRILL',
    timeoutMinutes: 60,
    waves: [
      wave('db', entity.serverIds.slice(0, 2)),
      wave('app', entity.serverIds.slice(2)),
    ],
    createdAt: at,
    createdBy: 'user:default/bench',
    updatedAt: at,
    updatedBy: 'user:default/bench',
    version: 1,
  };
}

interface PassFigures {
  completedAt: string;
  durationMs: number;
  plansEvaluated: number;
  failing: number;
  degraded: number;
  unknown: number;
  locations: number;
}

/** One backend, fresh tables, `plans` plans: waits for the evaluator's first pass. */
async function onePass(
  entities: BenchEntity[],
  simulator: SimulatorClient,
  dynamodbEndpoint: string,
  plans: number,
) {
  const tablePrefix = `bench-eval-${plans}-`;
  const { dynamo } = localDynamoClients(dynamodbEndpoint);
  const stores = await createDynamoDrsStores({
    client: dynamo,
    tablePrefix,
    createTables: true,
  });
  const all = Array.from({ length: plans }, (_, n) =>
    plan(entities[n % entities.length], n),
  );
  for (let i = 0; i < all.length; i += 25) {
    await Promise.all(all.slice(i, i + 25).map(p => stores.plans.create(p)));
  }
  const before = await simulator.callsByOperation();
  const backend = await startBenchBackend({
    dynamodbEndpoint,
    drsEndpoint: simulator.endpoint,
    tablePrefix,
    pollIntervalSeconds: 3600,
    entities: catalog(entities),
    drs: {
      planEvaluation: { frequency: '1d', initialDelaySeconds: 0 },
      scheduledDrills: { enabled: false },
    },
    aws: {
      mainAccount: { accessKeyId: 'test', secretAccessKey: 'test' },
      // The simulator tells accounts apart by access key ID.
      accounts: ACCOUNTS.map(accountId => ({
        accountId,
        accessKeyId: accountId,
        secretAccessKey: 'test',
      })),
    },
  });
  try {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const readiness = await backend.api<{ lastEvaluation?: PassFigures }>(
        'GET',
        '/health/readiness',
      );
      const last = readiness.lastEvaluation;
      if (last?.completedAt) {
        const after = await simulator.callsByOperation();
        const calls: Record<string, number> = {};
        for (const [op, count] of Object.entries(after)) {
          if (count !== (before[op] ?? 0))
            calls[op] = count - (before[op] ?? 0);
        }
        return { plans, pass: last, calls };
      }
      if (Date.now() > deadline) {
        throw new Error(`No evaluation of ${plans} plans within 300 s`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  } finally {
    await backend.stop();
  }
}

/**
 * What a pass of `plans` plans (dealt round the entities) must find: the failing plans (those of
 * entities with a stopped server), and its DRS calls, one sweep per location with plans and one
 * snapshot read per server read, however many plans name it.
 */
function expectedPass(all: BenchEntity[], plans: number) {
  const owners = Array.from({ length: plans }, (_, n) => all[n % all.length]);
  const entities = [...new Set(owners)];
  return {
    failing: owners.filter(entity => entity.stopped).length,
    locations: new Set(entities.map(e => `${e.accountId}/${e.region}`)).size,
    calls: expectedCalls(entities),
  };
}

function expectedCalls(entities: BenchEntity[]) {
  const locations = new Set(entities.map(e => `${e.accountId}/${e.region}`))
    .size;
  // Every server of an entity with an RPO; of the others, only the stopped server.
  const read = (e: BenchEntity) => {
    if (e.rpo) return e.serverIds.length;
    return e.stopped ? 1 : 0;
  };
  const snapshotReads = entities.reduce((n, e) => n + read(e), 0);
  return {
    DescribeSourceServers: locations,
    DescribeRecoverySnapshots: snapshotReads,
  };
}

export async function runEvaluationBench(options: EvaluationBenchOptions) {
  const cpus = os.cpus();
  const entities = world(options);
  const servers = entities.length * options.serversPerEntity;
  console.log(
    `Plan evaluation benchmark on ${cpus.length} cores (${
      cpus[0]?.model
    }), Node ${process.version}, ${new Date().toISOString()}: ${
      entities.length
    } services with ${servers} servers over ${
      options.locations
    } accounts/regions (half state an RPO; one service per location has a stopped server); DRS ${
      options.latencyMs
    } ms a call`,
  );
  const aws = await startAwsProcess();
  try {
    const simulator = await aws.startSimulator({
      inventory: inventory(entities),
      faults: { latencyMs: options.latencyMs },
    });
    for (const plans of options.plans) {
      const { pass, calls } = await onePass(
        entities,
        simulator,
        aws.dynamodbEndpoint,
        plans,
      );
      const drsCalls = Object.values(calls).reduce((a, b) => a + b, 0);
      console.log(
        `${plans} plans: one pass in ${formatMs(pass.durationMs)}; ${
          pass.failing
        } failing, ${pass.degraded} degraded, ${pass.unknown} unknown over ${
          pass.locations
        } accounts/regions; ${drsCalls} DRS calls (${Object.entries(calls)
          .map(([op, n]) => `${op} ${n}`)
          .join(', ')}), ${(drsCalls / plans).toFixed(2)} per plan`,
      );
      const expected = expectedPass(entities, plans);
      if (
        pass.plansEvaluated !== plans ||
        pass.locations !== expected.locations ||
        pass.failing !== expected.failing ||
        drsCalls !==
          expected.calls.DescribeSourceServers +
            expected.calls.DescribeRecoverySnapshots ||
        calls.DescribeSourceServers !== expected.calls.DescribeSourceServers
      ) {
        throw new Error(
          `Expected ${JSON.stringify(
            expected,
          )} for ${plans} plans; got ${JSON.stringify({ pass, calls })}`,
        );
      }
    }
  } finally {
    await aws.stop();
  }
}
