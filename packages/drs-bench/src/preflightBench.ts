/**
 * Pre-flight benchmark: a RECOVERY's pre-flight of a saved plan with a point in time (the latest
 * at or before a cut-off), over HTTP as a user, against dynalite and a DRS simulator in a child
 * process that adds latency to every call and throttles a share of them. Pre-flight asks DRS for
 * the entity's servers once, then for each server's recovery snapshots: a bounded number at a
 * time, a throttled call asked again after the SDK's and the gateway's backoff. Prints the median
 * and p95 over the runs, the DescribeRecoverySnapshots calls and throttles per run, and what one
 * call after another would take; asserts that every server got an answer.
 */
import { TEST_ACCOUNT_ID, TEST_REGION } from '@drs-orchestration/drs-testkit';
import type { ServerReadiness } from '@drs-orchestration/plugin-drs-common';
import os from 'os';
import { performance } from 'perf_hooks';
import { createPlan, entityPath } from './apiDrills';
import { SimulatorClient, startAwsProcess } from './awsProcess';
import { BenchBackend, drsComponent, startBenchBackend } from './benchBackend';
import { formatMs, median, percentile } from './stats';

export interface PreflightBenchOptions {
  /** Servers of the plan, in waves of 25: fewer than 25, or a multiple of 25. */
  servers: number;
  /** Timed pre-flights, after one to warm up. */
  runs: number;
  /** Wall-clock delay the simulator adds to every DRS call. */
  latencyMs: number;
  /** Share of DRS calls the simulator answers with ThrottlingException. */
  throttleShare: number;
}

export const PREFLIGHT_BENCH_DEFAULTS: PreflightBenchOptions = {
  servers: 100,
  runs: 7,
  latencyMs: 50,
  throttleShare: 0.1,
};

const ENTITY = 'bench-preflight';
const SERVERS_PER_WAVE = 25;

function inventory(servers: number) {
  return {
    accounts: [
      {
        accountId: TEST_ACCOUNT_ID,
        region: TEST_REGION,
        sourceServers: Array.from({ length: servers }, (_, n) => ({
          hostname: `${ENTITY}-${n}`,
          tags: { Application: ENTITY },
          lagSeconds: 5,
        })),
      },
    ],
  };
}

interface Run {
  ms: number;
  snapshotCalls: number;
  throttled: number;
}

/** One pre-flight, with the DRS calls it made and the throttles it met. */
async function timedPreflight(
  backend: BenchBackend,
  simulator: SimulatorClient,
  planId: string,
  servers: number,
): Promise<Run> {
  const before = await simulator.calls();
  const started = performance.now();
  const answer = await backend.api<{
    servers: ServerReadiness[];
    worstDataLossSeconds?: number;
  }>('POST', `${entityPath(ENTITY)}/plans/${planId}/validate`, {
    mode: 'RECOVERY',
    pointInTime: {
      type: 'before',
      at: new Date(Date.now() - 30 * 60_000).toISOString(),
    },
  });
  const ms = performance.now() - started;
  const after = await simulator.calls();
  const launchable = answer.servers.filter(s => s.launchable).length;
  if (answer.servers.length !== servers || launchable !== servers) {
    throw new Error(
      `Pre-flight answered ${
        answer.servers.length
      } servers, ${launchable} launchable; expected ${servers}: ${JSON.stringify(
        answer.servers.find(s => !s.launchable),
      )}`,
    );
  }
  const snapshotCalls = (byOperation: Record<string, number>) =>
    byOperation.DescribeRecoverySnapshots ?? 0;
  return {
    ms,
    snapshotCalls:
      snapshotCalls(after.byOperation) - snapshotCalls(before.byOperation),
    throttled: after.injected.throttled - before.injected.throttled,
  };
}

export async function runPreflightBench(options: PreflightBenchOptions) {
  const cpus = os.cpus();
  console.log(
    `Pre-flight benchmark on ${cpus.length} cores (${cpus[0]?.model}), Node ${
      process.version
    }, ${new Date().toISOString()}: a RECOVERY of ${
      options.servers
    } servers from the latest point in time before a cut-off, over HTTP; DRS ${
      options.latencyMs
    } ms a call, ${options.throttleShare * 100} % throttled`,
  );
  const aws = await startAwsProcess();
  try {
    const simulator = await aws.startSimulator({
      inventory: inventory(options.servers),
      faults: {
        latencyMs: options.latencyMs,
        throttleShare: options.throttleShare,
      },
    });
    const backend = await startBenchBackend({
      dynamodbEndpoint: aws.dynamodbEndpoint,
      drsEndpoint: simulator.endpoint,
      tablePrefix: 'bench-preflight-',
      pollIntervalSeconds: 60,
      entities: [drsComponent(ENTITY)],
    });
    try {
      const { planId } = await createPlan(
        backend,
        ENTITY,
        Math.min(SERVERS_PER_WAVE, options.servers),
      );
      await timedPreflight(backend, simulator, planId, options.servers);
      const runs: Run[] = [];
      for (let i = 0; i < options.runs; i++) {
        runs.push(
          await timedPreflight(backend, simulator, planId, options.servers),
        );
      }
      printPreflightReport(options, runs);
    } finally {
      await backend.stop();
    }
  } finally {
    await aws.stop();
  }
}

function printPreflightReport(options: PreflightBenchOptions, runs: Run[]) {
  const times = runs.map(r => r.ms);
  const calls = runs.map(r => r.snapshotCalls);
  const throttles = runs.map(r => r.throttled);
  // One DescribeSourceServers and one DescribeRecoverySnapshots per server, one after another.
  const sequentialMs = (options.servers + 1) * options.latencyMs;
  console.log(
    `Pre-flight of ${options.servers} servers over ${
      runs.length
    } runs: median ${formatMs(median(times))}, p95 ${formatMs(
      percentile(times, 95),
    )} (one call after another: at least ${formatMs(sequentialMs)})`,
  );
  console.log(
    `DescribeRecoverySnapshots calls per run: ${calls.join(
      ', ',
    )}; throttled DRS calls per run: ${throttles.join(', ')}`,
  );
}
