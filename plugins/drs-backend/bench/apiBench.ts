/* eslint-disable no-console */
/**
 * API benchmark: the drs plugin in a test backend (startTestBackend) with the production
 * scheduler driving its engine task, called over HTTP as a user, against dynalite and the DRS
 * simulator in a child process on loopback. Measures, with their targets:
 * - DRS job status change → signal published, split at the start of the engine cycle;
 * - start request → POLLING signal, at a 1 s and at the default 15 s poll interval;
 * - a page of an entity's 10,000 executions through the API, beside the raw DynamoDB query;
 * - the backend's memory with 1000 active executions.
 * Permissions allow everything and the catalog is in memory (no HTTP to either); signals are
 * recorded instead of sent; notifications go nowhere. Prints percentiles; asserts nothing but
 * that what it measures happened.
 *
 *   npm run bench:api                       about 4 minutes on 2 cores
 *   BENCH_SAMPLES=6 BENCH_LIST_REPEATS=10 BENCH_ACTIVE=100 npm run bench:api   (a quick look)
 */
import { QueryCommand, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  Execution,
  ExecutionSummary,
  Page,
} from '@drs-orchestration/plugin-drs-common';
import os from 'os';
import { performance } from 'perf_hooks';
import v8 from 'v8';
import { runInNewContext } from 'vm';
import { ExecutionStore } from '../src/services/DynamoStore/ExecutionStore';
import {
  localDrsGateway,
  TEST_ACCOUNT_ID,
  TEST_REGION,
} from '../src/__testUtils__/localAws';
import { AwsProcess, SimulatorClient, startAwsProcess } from './awsProcess';
import { BenchBackend, drsComponent, startBenchBackend } from './benchBackend';
import { listQueryOf, seedActive, seedHistory } from './seed';
import { percentile } from './stats';

/** Samples of start → POLLING (per poll interval) and of change → signal. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const LIST_REPEATS = Number(process.env.BENCH_LIST_REPEATS ?? 50);
const FAST_POLL_SECONDS = 1;
/** The plugin's default drs.engine.pollIntervalSeconds. */
const DEFAULT_POLL_SECONDS = 15;
const HISTORY_SIZE = 10_000;
const PAGE_SIZE = 25;
const LIST_PAGES = 5;
const ACTIVE_EXECUTIONS = Number(process.env.BENCH_ACTIVE ?? 1000);
const SERVERS_PER_WAVE = 20;
/** A launch job takes at most ~560 simulated seconds: advancing this far completes a wave's job. */
const WAVE_JOB_SECONDS = 600;
const DRILL_ENTITY = 'bench-drill';
const HISTORY_ENTITY = 'bench-history';
const startEntities = (label: string) =>
  Array.from({ length: SAMPLES }, (_, i) => `bench-start-${label}-${i}`);
const FAST_START_ENTITIES = startEntities('fast');
const DEFAULT_START_ENTITIES = startEntities('default');

const entityPath = (name: string) => `/entities/component/default/${name}`;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A full GC before reading memory: the npm script has no --expose-gc, so the flag is set now. */
function exposedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
}

const formatMs = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;

const phases: string[] = [];
/** Runs a phase of the benchmark and notes how long it took. */
async function timed<T>(phase: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  phases.push(`${phase} ${formatMs(performance.now() - started)}`);
  return result;
}

/** A table: figures right-aligned, the first column and any named in `leftAligned` left-aligned. */
function printTable(header: string[], rows: string[][], leftAligned = [0]) {
  const all = [header, ...rows];
  const widths = header.map((_, c) =>
    Math.max(...all.map(row => (row[c] ?? '').length)),
  );
  for (const row of all) {
    console.log(
      widths
        .map((width, c) =>
          leftAligned.includes(c)
            ? (row[c] ?? '').padEnd(width)
            : (row[c] ?? '').padStart(width),
        )
        .join(' | '),
    );
  }
}

/** Small inventory: one drilled service (2 waves × 2 servers), and one service per start sample. */
function drillInventory() {
  const servers = (application: string, count: number) =>
    Array.from({ length: count }, (_, n) => ({
      hostname: `${application}-${n}`,
      tags: { Application: application },
      lagSeconds: 5,
    }));
  return {
    accounts: [
      {
        accountId: TEST_ACCOUNT_ID,
        region: TEST_REGION,
        sourceServers: [
          ...servers(DRILL_ENTITY, 4),
          ...[...FAST_START_ENTITIES, ...DEFAULT_START_ENTITIES].flatMap(
            entity => servers(entity, 2),
          ),
        ],
      },
    ],
  };
}

/** A plan of the entity's servers in waves of `serversPerWave`, created through the API. */
async function createPlan(
  backend: BenchBackend,
  entity: string,
  serversPerWave: number,
) {
  const { items } = await backend.api<{ items: { sourceServerId: string }[] }>(
    'GET',
    `${entityPath(entity)}/source-servers`,
  );
  const ids = items.map(s => s.sourceServerId);
  return backend.api<{ planId: string }>(
    'POST',
    `${entityPath(entity)}/plans`,
    {
      name: `Drill of ${entity}`,
      description: 'bench',
      waves: Array.from({ length: ids.length / serversPerWave }, (_, w) => ({
        name: `wave-${w + 1}`,
        sourceServerIds: ids.slice(
          w * serversPerWave,
          (w + 1) * serversPerWave,
        ),
      })),
    },
  );
}

/**
 * The time a signal took, split at the start of the engine cycle that published it: waiting
 * for a cycle, then the cycle's own work. A cycle already running when it happened counts as
 * no wait, and so does a signal published outside any cycle: the API had the engine drive that
 * execution at once.
 */
function splitAtCycle(
  backend: BenchBackend,
  since: number,
  publishedAt: number,
) {
  const cycle = backend.cycleAt(publishedAt);
  const cycleStart = cycle ? Math.max(cycle.startedAt, since) : since;
  return {
    total: publishedAt - since,
    waiting: cycleStart - since,
    working: publishedAt - cycleStart,
  };
}

/**
 * POST a drill start at a random moment, as a person's click would come; resolves when its
 * POLLING signal is published, with the times. The API drives a new execution at once; were it
 * left to a triggered run, that would wait for the production scheduler's next look at its
 * database (every min(5 s, poll interval)), so the random pause puts starts anywhere in it.
 */
async function timedStart(
  backend: BenchBackend,
  entity: string,
  planId: string,
  pollIntervalSeconds: number,
) {
  await sleep(Math.random() * Math.min(5, pollIntervalSeconds) * 1000);
  const sent = performance.now();
  const execution = await backend.api<Execution>(
    'POST',
    `${entityPath(entity)}/plans/${planId}/executions`,
    { mode: 'DRILL' },
  );
  const answered = performance.now();
  const signal = await backend.signals.next(
    execution.executionId,
    sent,
    message => message.status === 'POLLING',
    60_000,
  );
  const stored = await backend.api<Execution>(
    'GET',
    `/executions/${execution.executionId}`,
  );
  if (stored.status !== 'POLLING' || !stored.waves[0].jobId) {
    throw new Error(
      `Execution ${execution.executionId} is ${stored.status} without wave 1's job after its POLLING signal`,
    );
  }
  return {
    executionId: execution.executionId,
    answered: answered - sent,
    ...splitAtCycle(backend, sent, signal.at),
  };
}

/**
 * Waits until a whole engine cycle has passed without a new signal for the execution: the
 * cycle after a launch records the new job's first observation and signals again, which must
 * not be taken for the answer to the next change. Returns the execution's last signalled version.
 */
async function quietAfter(backend: BenchBackend, executionId: string) {
  for (;;) {
    const last = backend.signals.last(executionId);
    await backend.cyclesEnded(1, performance.now(), 30_000);
    if (backend.signals.last(executionId) === last) {
      return last?.message.version as number;
    }
  }
}

/**
 * Rounds of one 2-wave drill at a time on the same plan, alone in the engine: twice complete
 * the running wave's job in the simulator at a random moment of the engine's cycle (change →
 * signal): wave 1 done and wave 2 launched, then the drill COMPLETED.
 */
async function drillRounds(backend: BenchBackend, simulator: SimulatorClient) {
  const plan = await createPlan(backend, DRILL_ENTITY, 2);
  const changes = [];
  for (let round = 0; round < Math.ceil(SAMPLES / 2); round++) {
    const start = await timedStart(
      backend,
      DRILL_ENTITY,
      plan.planId,
      FAST_POLL_SECONDS,
    );
    for (const expected of ['POLLING', 'COMPLETED']) {
      const version = await quietAfter(backend, start.executionId);
      // Cycles start every 1–2 intervals (the interval after the last ended, then the
      // scheduler's next look): a pause of up to 2 intervals puts the change anywhere in one.
      await sleep(Math.random() * 2 * FAST_POLL_SECONDS * 1000);
      const changedAt = performance.now();
      await simulator.advance(WAVE_JOB_SECONDS);
      const signal = await backend.signals.next(
        start.executionId,
        changedAt,
        message => (message.version as number) > version,
        30_000,
      );
      if (signal.message.status !== expected) {
        throw new Error(
          `Drill ${start.executionId} signalled ${signal.message.status}, expected ${expected}`,
        );
      }
      changes.push(splitAtCycle(backend, changedAt, signal.at));
    }
  }
  return changes;
}

/** One drill start on each service, each with its own plan and servers; they stay running. */
async function startsOnSeparatePlans(
  backend: BenchBackend,
  entities: string[],
  pollIntervalSeconds: number,
) {
  const starts = [];
  for (const entity of entities) {
    const plan = await createPlan(backend, entity, 2);
    starts.push(
      await timedStart(backend, entity, plan.planId, pollIntervalSeconds),
    );
  }
  return starts;
}

/**
 * Pages of an entity's 10,000 executions, 25 a page: the API over HTTP, the ExecutionStore
 * call the route makes (in this process, no HTTP, auth or catalog), and the raw DynamoDB Query
 * the store sends, interleaved in rotating order over the first pages.
 */
async function listing(backend: BenchBackend) {
  const entityRef = `component:default/${HISTORY_ENTITY}`;
  const seedStarted = performance.now();
  await seedHistory(
    backend.documents,
    backend.tables.executions,
    entityRef,
    HISTORY_SIZE,
  );
  const seedMs = performance.now() - seedStarted;

  const listPath = (pageCursor?: string) =>
    `${entityPath(HISTORY_ENTITY)}/executions?limit=${PAGE_SIZE}${
      pageCursor ? `&cursor=${encodeURIComponent(pageCursor)}` : ''
    }`;
  const pages: { cursor?: string; query: QueryCommandInput }[] = [];
  let cursor: string | undefined;
  for (let p = 0; p < LIST_PAGES; p++) {
    pages.push({
      cursor,
      query: await listQueryOf(backend.tables.executions, entityRef, {
        limit: PAGE_SIZE,
        cursor,
      }),
    });
    const page = await backend.api<Page<ExecutionSummary>>(
      'GET',
      listPath(cursor),
    );
    cursor = page.nextCursor;
    if (!cursor) throw new Error(`Page ${p + 1} has no next page`);
  }

  const layers = {
    api: async (page: (typeof pages)[number]) =>
      (
        await backend.api<Page<ExecutionSummary>>('GET', listPath(page.cursor))
      ).items.map(e => e.executionId),
    store: async (page: (typeof pages)[number]) =>
      (
        await backend.store.listForEntity(entityRef, {
          limit: PAGE_SIZE,
          cursor: page.cursor,
        })
      ).items.map(e => e.executionId),
    raw: async (page: (typeof pages)[number]) =>
      (
        (await backend.documents.send(new QueryCommand(page.query))).Items ?? []
      ).map(item => item.execution_id as string),
  };
  const names = Object.keys(layers) as (keyof typeof layers)[];
  const times: Record<keyof typeof layers, number[]> = {
    api: [],
    store: [],
    raw: [],
  };
  // The first repeat warms up (and checks that all three read the same page); it is not timed.
  for (let repeat = -1; repeat < LIST_REPEATS; repeat++) {
    for (const [p, page] of pages.entries()) {
      const ids: Record<string, string[]> = {};
      for (let k = 0; k < names.length; k++) {
        const name = names[(repeat + p + k + names.length) % names.length];
        const started = performance.now();
        ids[name] = await layers[name](page);
        if (repeat >= 0) times[name].push(performance.now() - started);
      }
      if (
        ids.api.length !== PAGE_SIZE ||
        ids.api.join() !== ids.raw.join() ||
        ids.store.join() !== ids.raw.join()
      ) {
        throw new Error(
          `Page ${p + 1}: the API, the store and DynamoDB differ`,
        );
      }
    }
  }
  return { seedMs, ...times };
}

function memoryNow() {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** ACTIVE_EXECUTIONS running drills, with their DRS client out of scope once seeded. */
async function seedActiveDrills(
  simulator: SimulatorClient,
  store: ExecutionStore,
) {
  const gateway = localDrsGateway(simulator.endpoint);
  await seedActive({
    store,
    gateway,
    servers: await gateway.describeSourceServers(
      { accountId: TEST_ACCOUNT_ID, region: TEST_REGION },
      { kind: 'tags', tags: {} },
    ),
    count: ACTIVE_EXECUTIONS,
    serversPerWave: SERVERS_PER_WAVE,
  });
}

/**
 * Backend memory with ACTIVE_EXECUTIONS running drills (3 waves × 20 servers, wave 1 running in
 * the simulator): after a full GC before seeding and after a few engine cycles over all of
 * them, and the peak sampled every 50 ms during those cycles.
 */
async function memoryWithActive(aws: AwsProcess) {
  const simulator = await aws.startSimulator({
    inventory: {
      accounts: [
        {
          accountId: TEST_ACCOUNT_ID,
          region: TEST_REGION,
          sourceServers: Array.from(
            { length: ACTIVE_EXECUTIONS * 3 * SERVERS_PER_WAVE },
            (_, i) => ({
              hostname: `host-${i}`,
              tags: {
                Application: `app-${Math.floor(i / (3 * SERVERS_PER_WAVE))}`,
              },
              lagSeconds: 5,
            }),
          ),
        },
      ],
    },
    quotas: {
      maxConcurrentJobs: ACTIVE_EXECUTIONS + 10,
      maxServersInActiveJobs: ACTIVE_EXECUTIONS * 3 * SERVERS_PER_WAVE,
    },
  });
  const backend = await startBenchBackend({
    dynamodbEndpoint: aws.dynamodbEndpoint,
    drsEndpoint: simulator.endpoint,
    tablePrefix: 'bench-memory-',
    pollIntervalSeconds: FAST_POLL_SECONDS,
    entities: [],
  });
  try {
    const gc = exposedGc();
    await backend.cyclesEnded(2, 0, 30_000);
    gc();
    const before = memoryNow();

    const seedStarted = performance.now();
    await seedActiveDrills(simulator, backend.store);
    const seeded = performance.now();
    const describeJobsBefore = (await simulator.callsByOperation())
      .DescribeJobs;

    const peak = { ...before };
    const sampler = setInterval(() => {
      const now = memoryNow();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    }, 50);
    await backend.cyclesEnded(3, seeded, 120_000);
    clearInterval(sampler);
    gc();
    const after = memoryNow();

    // Sanity: the engine did observe DRS on those cycles, and every execution is still active.
    const describeJobs =
      (await simulator.callsByOperation()).DescribeJobs - describeJobsBefore;
    const active = await backend.store.listActive();
    if (describeJobs < 3 || active.length !== ACTIVE_EXECUTIONS) {
      throw new Error(
        `After seeding: ${describeJobs} DescribeJobs calls, ${active.length} active executions`,
      );
    }
    const cycleMs = backend.cycles
      .filter(c => c.startedAt >= seeded && c.endedAt)
      .map(c => c.endedAt! - c.startedAt);
    const listActiveMs = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await backend.store.listActive();
      listActiveMs.push(performance.now() - started);
    }
    return {
      before,
      after,
      peak,
      seedMs: seeded - seedStarted,
      cycleMs,
      listActiveMs,
    };
  } finally {
    await backend.stop();
  }
}

async function main() {
  const began = performance.now();
  const cpus = os.cpus();
  console.log(
    `API benchmark on ${cpus.length} cores (${cpus[0]?.model}), Node ${
      process.version
    }, ${new Date().toISOString()}: test backend with the production scheduler, over HTTP on loopback; dynalite and the DRS simulator in a child process`,
  );
  const aws = await startAwsProcess();
  try {
    // First, while this process has allocated nothing else: its idle size is the baseline.
    const memory = await timed('memory', () => memoryWithActive(aws));
    const simulator = await aws.startSimulator({
      inventory: drillInventory(),
      quotas: { maxConcurrentJobs: 2 * SAMPLES + 10 },
    });
    const entities = [
      drsComponent(DRILL_ENTITY),
      drsComponent(HISTORY_ENTITY),
      ...[...FAST_START_ENTITIES, ...DEFAULT_START_ENTITIES].map(drsComponent),
    ];

    const fast = await startBenchBackend({
      dynamodbEndpoint: aws.dynamodbEndpoint,
      drsEndpoint: simulator.endpoint,
      tablePrefix: 'bench-fast-',
      pollIntervalSeconds: FAST_POLL_SECONDS,
      entities,
    });
    let changes;
    let list;
    let fastStarts;
    try {
      changes = await timed('drill rounds', () => drillRounds(fast, simulator));
      list = await timed('listing', () => listing(fast));
      // Last: these drills stay running, and the engine polls them from then on.
      fastStarts = await timed(`starts at ${FAST_POLL_SECONDS} s`, () =>
        startsOnSeparatePlans(fast, FAST_START_ENTITIES, FAST_POLL_SECONDS),
      );
    } finally {
      await fast.stop();
    }

    const slow = await startBenchBackend({
      dynamodbEndpoint: aws.dynamodbEndpoint,
      drsEndpoint: simulator.endpoint,
      tablePrefix: 'bench-default-',
      pollIntervalSeconds: DEFAULT_POLL_SECONDS,
      entities,
    });
    let defaultStarts;
    try {
      defaultStarts = await timed(`starts at ${DEFAULT_POLL_SECONDS} s`, () =>
        startsOnSeparatePlans(
          slow,
          DEFAULT_START_ENTITIES,
          DEFAULT_POLL_SECONDS,
        ),
      );
    } finally {
      await slow.stop();
    }

    const fastLabel = `poll interval ${FAST_POLL_SECONDS} s`;
    const latency = (samples: number[]) => [
      formatMs(percentile(samples, 50)),
      formatMs(percentile(samples, 95)),
    ];
    const startRows = (label: string, starts: typeof fastStarts) => [
      [
        `Start request → POLLING signal, ${label}`,
        ...latency(starts.map(s => s.total)),
        '< 2 s',
        `${starts.length}`,
      ],
      ['  202 answer', ...latency(starts.map(s => s.answered))],
      [
        '  waiting for the engine (0: driven at once by the API)',
        ...latency(starts.map(s => s.waiting)),
      ],
      ['  engine start → publish', ...latency(starts.map(s => s.working))],
    ];
    const apiToRaw = percentile(list.api, 95) / percentile(list.raw, 95);
    printTable(
      ['Figure', 'p50', 'p95', 'Target', 'Samples'],
      [
        [
          `DRS job status change → signal published, ${fastLabel}`,
          ...latency(changes.map(c => c.total)),
          `< interval + 1 s = ${FAST_POLL_SECONDS + 1} s`,
          `${changes.length}`,
        ],
        [
          '  waiting for the next engine cycle',
          ...latency(changes.map(c => c.waiting)),
        ],
        [
          '  cycle start → publish',
          ...latency(changes.map(c => c.working)),
          '< 1 s',
        ],
        ...startRows(fastLabel, fastStarts),
        ...startRows(
          `poll interval ${DEFAULT_POLL_SECONDS} s (default)`,
          defaultStarts,
        ),
        [
          `List ${PAGE_SIZE} of ${HISTORY_SIZE.toLocaleString(
            'en-US',
          )} executions (pages 1–${LIST_PAGES}), API over HTTP`,
          ...latency(list.api),
          `p95 ≤ 3 × raw p95 = ${formatMs(3 * percentile(list.raw, 95))}`,
          `${list.api.length}`,
        ],
        [
          '  ExecutionStore.listForEntity in process (no HTTP, auth, catalog)',
          ...latency(list.store),
          '',
          `${list.store.length}`,
        ],
        [
          '  raw DynamoDB Query on EntityIndex, same page',
          ...latency(list.raw),
          '',
          `${list.raw.length}`,
        ],
        ['  API p95 / raw p95', '', `${apiToRaw.toFixed(1)}×`, '≤ 3×'],
        [
          `Engine cycle over ${ACTIVE_EXECUTIONS} active executions, nothing changed`,
          ...latency(memory.cycleMs),
          '',
          `${memory.cycleMs.length}`,
        ],
        [
          `ExecutionStore.listActive, ${ACTIVE_EXECUTIONS} active (each start reads it)`,
          ...latency(memory.listActiveMs),
          '',
          `${memory.listActiveMs.length}`,
        ],
      ],
      [0, 3],
    );
    console.log(
      `Change samples alternate "wave 1 job done → wave 2 launched" and "last wave done → drill COMPLETED"; ${Math.ceil(
        SAMPLES / 2,
      )} drills in turn. Starts: one drill per plan, each on its own servers.`,
    );
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    const memoryRow = (label: string, key: 'rss' | 'heapUsed') => [
      label,
      mb(memory.before[key]),
      `${mb(memory.after[key])} (+${mb(
        memory.after[key] - memory.before[key],
      )})`,
      mb(memory.peak[key]),
    ];
    printTable(
      [
        `Backend process memory, ${ACTIVE_EXECUTIONS} active executions`,
        'idle, before seeding',
        'after 3+ cycles',
        'peak during cycles',
      ],
      [memoryRow('RSS', 'rss'), memoryRow('V8 heap used', 'heapUsed')],
    );
    console.log(
      `Memory: process.memoryUsage() of this process (the backend; dynalite and the simulator run in the other), after a full GC (V8's expose-gc flag set at run time); peak sampled every 50 ms. Seeding: ${HISTORY_SIZE} finished executions in ${formatMs(
        list.seedMs,
      )}, ${ACTIVE_EXECUTIONS} active in ${formatMs(
        memory.seedMs,
      )}. Phases: ${phases.join(', ')}. Whole run ${formatMs(
        performance.now() - began,
      )}.`,
    );
  } finally {
    await aws.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
