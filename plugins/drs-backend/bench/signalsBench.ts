/* eslint-disable no-console */
/**
 * Signals benchmark: what signalling changes costs the engine, through the plugin's own
 * listener and Backstage's real signals and events services, in a test backend with the events
 * and signals backends installed. Once with `events.useEventBus: never` (one replica: events
 * stay in the process) and once with `always` (replicas: every event is also posted to the
 * events backend, which stores it in its database; SQLite in memory here, PostgreSQL in
 * production). Changes are signalled as many at once as the engine drives executions. Prints
 * medians; asserts nothing.
 *
 *   npm run bench:signals            1000 changes, 5 rounds per mode
 *   BENCH_CHANGES=100 npm run bench:signals
 */
import { randomUUID } from 'crypto';
import os from 'os';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { DRIVE_CONCURRENCY } from '../src/services/Engine/createEngine';
import { createExecutionListener } from '../src/services/Engine/createExecutionListener';
import { median } from './stats';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

type Round = { ms: number; cpuMs: number };

/** The fields of an execution that a change's signal carries. */
function changedExecution(i: number): Execution {
  return {
    executionId: randomUUID(),
    entityRef: `component:default/service-${i}`,
    status: 'POLLING',
    version: 3,
  } as Execution;
}

async function measure(useEventBus: 'never' | 'always'): Promise<Round[]> {
  let signalChanges: (() => Promise<Round>) | undefined;
  const probe = createBackendPlugin({
    pluginId: 'signals-bench',
    register(reg) {
      reg.registerInit({
        deps: { signals: signalsServiceRef, logger: coreServices.logger },
        async init({ signals, logger }) {
          const listener = createExecutionListener({ signals, logger });
          signalChanges = async () => {
            const queue = Array.from({ length: CHANGES }, (_, i) =>
              changedExecution(i),
            );
            const started = performance.now();
            const cpuBefore = process.cpuUsage();
            const worker = async () => {
              for (let next = queue.pop(); next; next = queue.pop()) {
                await listener.executionChanged(next);
              }
            };
            await Promise.all(
              Array.from({ length: DRIVE_CONCURRENCY }, worker),
            );
            const cpu = process.cpuUsage(cpuBefore);
            return {
              ms: performance.now() - started,
              cpuMs: (cpu.user + cpu.system) / 1000,
            };
          };
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-events-backend'),
      import('@backstage/plugin-signals-backend'),
      probe,
      // the test backend's default is an in-memory mock without the bus
      eventsServiceFactory,
      mockServices.rootConfig.factory({
        data: { events: { useEventBus, notifyTimeoutMs: 10_000 } },
      }),
    ],
  });
  const rounds: Round[] = [];
  try {
    await signalChanges!(); // warm-up
    for (let r = 0; r < ROUNDS; r++) rounds.push(await signalChanges!());
  } finally {
    await backend.stop();
  }
  return rounds;
}

async function main() {
  console.log(
    `Signals benchmark on ${os.cpus().length} cores (${
      os.cpus()[0]?.model
    }), Node ${
      process.version
    }: ${CHANGES} changes signalled, ${DRIVE_CONCURRENCY} at once, medians of ${ROUNDS}`,
  );
  const results: Record<string, Round> = {};
  for (const mode of ['never', 'always'] as const) {
    const rounds = await measure(mode);
    results[mode] = {
      ms: median(rounds.map(r => r.ms)),
      cpuMs: median(rounds.map(r => r.cpuMs)),
    };
    console.log(
      `  events.useEventBus: ${mode.padEnd(6)} ${results[mode].ms
        .toFixed(0)
        .padStart(6)} ms (${results[mode].cpuMs
        .toFixed(0)
        .padStart(5)} ms CPU), ${(
        (results[mode].cpuMs * 1000) /
        CHANGES
      ).toFixed(0)} µs CPU per change`,
    );
  }
  console.log(
    `  the bus costs ${(results.always.ms / results.never.ms).toFixed(
      0,
    )}x the wall time of signals kept in the process`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
