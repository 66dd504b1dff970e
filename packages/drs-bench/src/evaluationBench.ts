/**
 * Continuous plan evaluation benchmark: one pass of the plugin's global evaluation task over
 * every plan, in a backend against dynalite and a DRS simulator (in a child process, every call
 * delayed) that serves several accounts and regions. The servers and entities stay the same for
 * every size; only the plans per entity grow, so the DRS calls of a pass must not. Prints each
 * pass's duration (as the task recorded it), its plans' standings and its DRS calls by operation,
 * and asserts the calls are those of the locations and servers alone.
 */
import { createDynamoDrsStores } from '@drs-orchestration/plugin-drs-backend';
import { localDynamoClients } from '@drs-orchestration/drs-testkit';
import os from 'os';
import { SimulatorClient, startAwsProcess } from './awsProcess';
import { startBenchBackend } from './benchBackend';
import {
  ACCOUNTS,
  BenchEntity,
  catalog,
  EvaluationWorldOptions,
  expectedPass,
  inventory,
  plan,
  world,
} from './evaluationSeed';
import { formatMs } from './stats';

export interface EvaluationBenchOptions extends EvaluationWorldOptions {
  /** Plans per pass, one pass each, over the same entities and servers. */
  plans: number[];
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
