import { performance } from 'perf_hooks';
import v8 from 'v8';
import { runInNewContext } from 'vm';
import { AwsProcess } from './awsProcess';
import { startBenchBackend } from './benchBackend';
import { localGateway } from './drsParts';
import { seedActive, servicesInventory } from './seed';

/** A full GC before reading memory: the npm script has no --expose-gc, so the flag is set now. */
function exposedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
}

function memoryNow() {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

export interface MemoryOptions {
  /** Running drills seeded. */
  active: number;
  serversPerWave: number;
  pollIntervalSeconds: number;
}

/**
 * Backend memory with `active` running drills (3 waves × `serversPerWave` servers, wave 1
 * running in the simulator): after a full GC before seeding and after a few engine cycles over
 * all of them, and the peak sampled every 50 ms during those cycles; with the cycles' times
 * and those of `ExecutionStore.listActive` over them.
 */
export async function memoryWithActive(
  aws: AwsProcess,
  options: MemoryOptions,
) {
  const inventory = servicesInventory(options.active, options.serversPerWave);
  const simulator = await aws.startSimulator({
    inventory,
    quotas: {
      maxConcurrentJobs: options.active + 10,
      maxServersInActiveJobs: inventory.accounts[0].sourceServers.length,
    },
  });
  const backend = await startBenchBackend({
    dynamodbEndpoint: aws.dynamodbEndpoint,
    drsEndpoint: simulator.endpoint,
    tablePrefix: 'bench-memory-',
    pollIntervalSeconds: options.pollIntervalSeconds,
    entities: [],
  });
  try {
    const gc = exposedGc();
    await backend.cyclesEnded(2, 0, 30_000);
    gc();
    const before = memoryNow();

    const seedStarted = performance.now();
    await seedActive({
      store: backend.store,
      gateway: localGateway(simulator.endpoint),
      count: options.active,
      serversPerWave: options.serversPerWave,
    });
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
    if (describeJobs < 3 || active.length !== options.active) {
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

export type MemoryResult = Awaited<ReturnType<typeof memoryWithActive>>;
