/**
 * API benchmark: the drs plugin in a test backend with the production scheduler driving its
 * engine task, called over HTTP as a user, against dynalite and the DRS simulator in a child
 * process on loopback. Measures, with their targets:
 * - DRS job status change → signal published, split at the start of the engine cycle;
 * - start request → POLLING signal, at a 1 s and at the default 15 s poll interval;
 * - a page of an entity's 10,000 executions through the API, beside the raw DynamoDB query;
 * - the backend's memory with 1000 active executions.
 * Permissions allow everything and the catalog is in memory (no HTTP to either); signals are
 * recorded instead of sent; notifications go nowhere. Prints percentiles; asserts nothing but
 * that what it measures happened.
 */
import { TEST_ACCOUNT_ID, TEST_REGION } from '@drs-orchestration/drs-testkit';
import os from 'os';
import { performance } from 'perf_hooks';
import { drillRounds, startsOnSeparatePlans } from './apiDrills';
import { listing } from './apiListing';
import { memoryWithActive } from './apiMemory';
import { ApiResults, printApiReport } from './apiReport';
import { AwsProcess, startAwsProcess } from './awsProcess';
import { BenchBackend, drsComponent, startBenchBackend } from './benchBackend';
import { formatMs } from './stats';

export interface ApiBenchOptions {
  /** Samples of start → POLLING per poll interval, and of change → signal. */
  samples: number;
  /** Times each page is read through each layer. */
  listRepeats: number;
  /** Running drills for the memory and engine-cycle figures. */
  active: number;
  /** Finished executions of the listed entity. */
  history: number;
  pageSize: number;
  listPages: number;
  serversPerWave: number;
  fastPollSeconds: number;
  /** The plugin's default drs.engine.pollIntervalSeconds. */
  defaultPollSeconds: number;
  /** The longest random pause before a start (the scheduler looks at its database every 5 s). */
  maxStartPauseSeconds: number;
}

export const API_BENCH_DEFAULTS: ApiBenchOptions = {
  samples: 20,
  listRepeats: 50,
  active: 1000,
  history: 10_000,
  pageSize: 25,
  listPages: 5,
  serversPerWave: 20,
  fastPollSeconds: 1,
  defaultPollSeconds: 15,
  maxStartPauseSeconds: 5,
};

const DRILL_ENTITY = 'bench-drill';
const HISTORY_ENTITY = 'bench-history';

const phases: string[] = [];
/** Runs a phase of the benchmark and notes how long it took. */
async function timed<T>(phase: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  phases.push(`${phase} ${formatMs(performance.now() - started)}`);
  return result;
}

/** Small inventory: one drilled service (2 waves × 2 servers), and one service per start sample. */
function drillInventory(startEntities: string[]) {
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
          ...startEntities.flatMap(entity => servers(entity, 2)),
        ],
      },
    ],
  };
}

const startEntities = (label: string, samples: number) =>
  Array.from({ length: samples }, (_, i) => `bench-start-${label}-${i}`);

/** What runs against the local AWS besides the memory figures: one backend per poll interval. */
async function onBackends(
  aws: AwsProcess,
  options: ApiBenchOptions,
): Promise<Omit<ApiResults, 'memory'> & { seedMs: number }> {
  const fastEntities = startEntities('fast', options.samples);
  const defaultEntities = startEntities('default', options.samples);
  const timing = (pollIntervalSeconds: number) => ({
    pollIntervalSeconds,
    maxStartPauseSeconds: options.maxStartPauseSeconds,
  });
  const simulator = await aws.startSimulator({
    inventory: drillInventory([...fastEntities, ...defaultEntities]),
    quotas: { maxConcurrentJobs: 2 * options.samples + 10 },
  });
  const backendOn = (tablePrefix: string, pollIntervalSeconds: number) =>
    startBenchBackend({
      dynamodbEndpoint: aws.dynamodbEndpoint,
      drsEndpoint: simulator.endpoint,
      tablePrefix,
      pollIntervalSeconds,
      entities: [
        DRILL_ENTITY,
        HISTORY_ENTITY,
        ...fastEntities,
        ...defaultEntities,
      ].map(drsComponent),
    });

  /** Runs `work` on a backend of its own, stopped after. */
  const onBackend = async <T>(
    tablePrefix: string,
    pollIntervalSeconds: number,
    work: (backend: BenchBackend) => Promise<T>,
  ) => {
    const backend = await backendOn(tablePrefix, pollIntervalSeconds);
    try {
      return await work(backend);
    } finally {
      await backend.stop();
    }
  };

  const fastPoll = options.fastPollSeconds;
  const fast = await onBackend('bench-fast-', fastPoll, async backend => ({
    changes: await timed('drill rounds', () =>
      drillRounds(backend, simulator, {
        entity: DRILL_ENTITY,
        rounds: Math.ceil(options.samples / 2),
        timing: timing(fastPoll),
      }),
    ),
    list: await timed('listing', () =>
      listing(backend, {
        entity: HISTORY_ENTITY,
        history: options.history,
        pageSize: options.pageSize,
        pages: options.listPages,
        repeats: options.listRepeats,
      }),
    ),
    // Last: these drills stay running, and the engine polls them from then on.
    fastStarts: await timed(`starts at ${fastPoll} s`, () =>
      startsOnSeparatePlans(backend, fastEntities, timing(fastPoll)),
    ),
  }));
  const defaultPoll = options.defaultPollSeconds;
  const defaultStarts = await onBackend(
    'bench-default-',
    defaultPoll,
    backend =>
      timed(`starts at ${defaultPoll} s`, () =>
        startsOnSeparatePlans(backend, defaultEntities, timing(defaultPoll)),
      ),
  );
  const { seedMs, ...list } = fast.list;
  return { ...fast, list, seedMs, defaultStarts };
}

export async function runApiBench(options: ApiBenchOptions) {
  phases.length = 0;
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
    const memory = await timed('memory', () =>
      memoryWithActive(aws, {
        active: options.active,
        serversPerWave: options.serversPerWave,
        pollIntervalSeconds: options.fastPollSeconds,
      }),
    );
    const { seedMs, ...results } = await onBackends(aws, options);
    printApiReport(options, { ...results, memory });
    console.log(
      `Seeding: ${options.history} finished executions in ${formatMs(
        seedMs,
      )}, ${options.active} active in ${formatMs(
        memory.seedMs,
      )}. Phases: ${phases.join(', ')}. Whole run ${formatMs(
        performance.now() - began,
      )}.`,
    );
  } finally {
    await aws.stop();
  }
}
