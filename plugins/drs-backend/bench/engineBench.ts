/* eslint-disable no-console */
/**
 * Engine benchmark: seeds N active executions (3 waves × 20 servers, wave 1 running in DRS)
 * in dynalite and the DRS simulator, then measures engine cycles (nothing changed; every
 * execution changed in DRS; every execution starts its next wave) against the original
 * system's strategy (one DescribeJobs per execution, a full rewrite of every active execution
 * per poll), run the same way. DynamoDB and DRS run in a second process. Prints medians and
 * ratios; asserts nothing.
 *
 *   npm run bench:engine            N = 10, 100, 1000
 *   BENCH_SIZES=10,100 npm run bench:engine
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  Execution,
  newExecution,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import os from 'os';
import { ExecutionStore } from '../src/services/DynamoStore/ExecutionStore';
import { ensureTables, tableNames } from '../src/services/DynamoStore/tables';
import {
  createEngine,
  DRIVE_CONCURRENCY,
} from '../src/services/Engine/createEngine';
import {
  localDrsGateway,
  localDynamoClients,
  TEST_ACCOUNT_ID,
  TEST_REGION,
} from '../src/__testUtils__/localAws';
import { startAwsProcess } from './awsProcess';
import { median } from './stats';

const SERVERS_PER_WAVE = 20;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);

/**
 * Counts DynamoDB reads and writes in the client's middleware, which every request passes
 * through, also those sent with a stack resolved once.
 */
function countingDocuments(client: DynamoDBDocumentClient) {
  const counts = { reads: 0, writes: 0 };
  client.middlewareStack.add(
    (next, context) => args => {
      if (/^(Get|Query|Scan|BatchGet)/.test(context.commandName ?? '')) {
        counts.reads++;
      } else {
        counts.writes++;
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchCounter' },
  );
  return counts;
}

async function measure(size: number) {
  // DynamoDB and DRS are remote services in production: their work must not count as the engine's.
  const aws = await startAwsProcess();
  const servers = Array.from(
    { length: size * 3 * SERVERS_PER_WAVE },
    (_, i) => ({
      hostname: `host-${i}`,
      tags: { Application: `app-${Math.floor(i / (3 * SERVERS_PER_WAVE))}` },
      lagSeconds: 5,
    }),
  );
  const simulator = await aws.startSimulator({
    inventory: {
      accounts: [
        {
          accountId: TEST_ACCOUNT_ID,
          region: TEST_REGION,
          sourceServers: servers,
        },
      ],
    },
    quotas: {
      maxConcurrentJobs: size + 10,
      maxServersInActiveJobs: servers.length,
    },
  });
  const { dynamo: dynamoClient, documents } = localDynamoClients(
    aws.dynamodbEndpoint,
  );
  const names = tableNames('bench-');
  await ensureTables(dynamoClient, names, { create: true });
  const counts = countingDocuments(documents);
  const store = new ExecutionStore(documents, names.executions);
  const gateway = localDrsGateway(simulator.endpoint);
  const location = { accountId: TEST_ACCOUNT_ID, region: TEST_REGION };
  const all = await gateway.describeSourceServers(location, {
    kind: 'tags',
    tags: {},
  });

  const serversByApplication = new Map<string, typeof all>();
  for (const server of all) {
    const application = server.tags.Application;
    serversByApplication.set(application, [
      ...(serversByApplication.get(application) ?? []),
      server,
    ]);
  }
  // Seed: every execution has wave 1 launched in DRS and recorded, like a busy afternoon.
  const executions: Execution[] = [];
  for (let i = 0; i < size; i++) {
    const mine = serversByApplication.get(`app-${i}`) ?? [];
    const plan: RecoveryPlan = {
      planId: `plan-${i}`,
      entityRef: `component:default/app-${i}`,
      name: `plan ${i}`,
      description: '',
      defaultMode: 'DRILL',
      timeoutMinutes: 24 * 60,
      waves: [0, 1, 2].map(w => ({
        name: `wave-${w}`,
        sourceServerIds: mine
          .slice(w * SERVERS_PER_WAVE, (w + 1) * SERVERS_PER_WAVE)
          .map(s => s.sourceServerId),
        waitFor: 'LAUNCHED' as const,
        pauseBefore: false,
        dependsOn: [],
      })),
      createdAt: new Date().toISOString(),
      createdBy: 'bench',
      updatedAt: new Date().toISOString(),
      updatedBy: 'bench',
      version: 1,
    };
    const execution = newExecution({
      executionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      plan,
      mode: 'DRILL',
      initiatedBy: 'bench',
      accountId: TEST_ACCOUNT_ID,
      region: TEST_REGION,
      servers: mine,
      now: new Date(),
    });
    const { jobId } = await gateway.startRecovery(location, {
      sourceServerIds: plan.waves[0].sourceServerIds,
      isDrill: true,
      tags: {},
    });
    const now = new Date().toISOString();
    execution.status = 'POLLING';
    execution.startedAt = now;
    execution.waves[0] = {
      ...execution.waves[0],
      status: 'STARTED',
      launchIntentAt: now,
      startedAt: now,
      jobId,
      servers: execution.waves[0].servers.map(s => ({
        ...s,
        status: 'LAUNCHING',
      })),
    };
    execution.polling = { pollCount: 1, lastPolledAt: now };
    await store.create(execution);
    executions.push(execution);
  }

  const engine = createEngine({
    store,
    gateway,
    logger: {
      info() {},
      warn() {},
      error() {},
      debug() {},
      child() {
        return this;
      },
    } as never,
    pollIntervalSeconds: 15,
    defaultAccountId: TEST_ACCOUNT_ID,
    listener: { async executionChanged() {}, async executionReached() {} },
  });

  const drsCallsSoFar = async () =>
    Object.values(await simulator.callsByOperation()).reduce(
      (sum, count) => sum + count,
      0,
    );

  /** One cycle's cost; `decided` counts executions the state machine ran for (ours only). */
  async function cycle(run: () => Promise<{ decided: number } | void>) {
    const drsBefore = await drsCallsSoFar();
    const reads = counts.reads;
    const writes = counts.writes;
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const stats = await run();
    const cpu = process.cpuUsage(cpuBefore);
    return {
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      cpuMs: (cpu.user + cpu.system) / 1000,
      drsCalls: (await drsCallsSoFar()) - drsBefore,
      reads: counts.reads - reads,
      writes: counts.writes - writes,
      decided: stats ? stats.decided : size,
    };
  }

  /** The seed system: one DescribeJobs per execution, and every active execution rewritten. */
  async function originalCycle() {
    const active = await store.listActive();
    for (const execution of active) {
      const jobIds = execution.waves.filter(w => w.jobId).map(w => w.jobId!);
      await gateway.describeJobs(location, jobIds);
      const fresh = await store.get(execution.executionId);
      await store.update({
        ...fresh,
        polling: { ...fresh.polling, lastPolledAt: new Date().toISOString() },
      });
    }
  }

  await engine.runCycle(); // settle: the first cycle records what DRS reports now
  const unchanged = [];
  for (let r = 0; r < REPEATS; r++) {
    unchanged.push(await cycle(() => engine.runCycle()));
  }
  const original = [];
  for (let r = 0; r < REPEATS; r++) {
    original.push(await cycle(originalCycle));
  }
  // The floor under a cycle that changes every execution: its conditional writes alone, as
  // many at once as the engine makes them.
  const writesAlone = [];
  for (let r = 0; r < REPEATS; r++) {
    writesAlone.push(
      await cycle(async () => {
        const queue = await store.listActive();
        const writer = async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            await store.update({
              ...next,
              polling: {
                ...next.polling,
                lastPolledAt: new Date().toISOString(),
              },
            });
          }
        };
        await Promise.all(Array.from({ length: DRIVE_CONCURRENCY }, writer));
        return { decided: 0 };
      }),
    );
  }
  await engine.runCycle(); // the original strategy rewrote every execution: read them again
  // Changed: every execution's job goes from PENDING to STARTED, each server to IN_PROGRESS.
  // Next wave: the running wave's job completes and the next wave starts (after wave 3, the
  // execution completes); launch jobs take at most ~560 simulated seconds.
  const changed = [];
  const nextWave = [];
  for (let wave = 0; wave < 3; wave++) {
    await simulator.advance(10);
    changed.push(await cycle(() => engine.runCycle()));
    await simulator.advance(600);
    nextWave.push(await cycle(() => engine.runCycle()));
  }
  const memoryMb = process.memoryUsage().rss / 1024 / 1024;
  await aws.stop();
  return {
    size,
    unchanged,
    changed,
    nextWave,
    writesAlone,
    original,
    memoryMb,
  };
}

type Sample = Awaited<ReturnType<typeof measure>>['unchanged'][number];

function summary(samples: Sample[]): Sample {
  const medianOf = (key: keyof Sample) => median(samples.map(s => s[key]));
  return {
    ms: medianOf('ms'),
    cpuMs: medianOf('cpuMs'),
    drsCalls: medianOf('drsCalls'),
    reads: medianOf('reads'),
    writes: medianOf('writes'),
    decided: medianOf('decided'),
  };
}

function row(label: string, s: Sample) {
  return `  ${label.padEnd(40)} ${s.ms.toFixed(0).padStart(6)} ms (${s.cpuMs
    .toFixed(0)
    .padStart(5)} ms CPU) ${String(s.drsCalls).padStart(5)} DRS ${String(
    s.reads,
  ).padStart(5)} R ${String(s.writes).padStart(5)} W ${String(
    s.decided,
  ).padStart(5)} decided`;
}

async function main() {
  console.log(
    `Engine benchmark on ${os.cpus().length} cores (${
      os.cpus()[0]?.model
    }), Node ${process.version}; ${REPEATS} repeats, medians; ${
      SERVERS_PER_WAVE * 3
    } servers per execution`,
  );
  console.log(
    'Per cycle: wall time (engine process CPU) with DynamoDB and DRS in another process; DRS calls, DynamoDB reads (R) and writes (W), executions decided',
  );
  for (const size of SIZES) {
    const result = await measure(size);
    const unchanged = summary(result.unchanged);
    const original = summary(result.original);
    console.log(
      `N = ${size} (engine process RSS ${result.memoryMb.toFixed(0)} MB)`,
    );
    console.log(row('nothing changed', unchanged));
    console.log(row('every execution changed', summary(result.changed)));
    console.log(
      row('every execution starts its next wave', summary(result.nextWave)),
    );
    console.log(
      row(
        'floor: one conditional write each, alone',
        summary(result.writesAlone),
      ),
    );
    console.log(row('original strategy (poll + rewrite each)', original));
    console.log(
      `  original / ours when nothing changed: ${(
        original.ms / unchanged.ms
      ).toFixed(1)}x time, ${(
        original.drsCalls / Math.max(unchanged.drsCalls, 1)
      ).toFixed(0)}x DRS calls, ${original.writes} writes vs ${
        unchanged.writes
      }`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
