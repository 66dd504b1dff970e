/**
 * Signals benchmark: what signalling changes costs, through Backstage's real signals and events
 * services in a test backend with the events and signals backends installed. Each change is
 * the signal the drs plugin publishes when an execution changes (an `ExecutionChangedMessage`
 * on the entity's channel, as drs-common defines them), as many at once as the engine drives
 * executions. Once with `events.useEventBus: never` (one replica: events stay in the process)
 * and once with `always` (replicas: every event is also posted to the events backend, which
 * stores it in its database; SQLite in memory here, PostgreSQL in production). Prints medians;
 * asserts nothing.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import {
  SignalsService,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import {
  entitySignalChannel,
  ExecutionChangedMessage,
} from '@drs-orchestration/plugin-drs-common';
import { randomUUID } from 'crypto';
import os from 'os';
import { inPool } from './pool';
import { median } from './stats';

export interface SignalsBenchOptions {
  /** Changes signalled per round. */
  changes: number;
  /** Rounds per mode (the median is printed), after one to warm up. */
  rounds: number;
  /** Changes signalled at once: as many as the engine drives executions at once. */
  concurrency: number;
}

export const SIGNALS_BENCH_DEFAULTS: SignalsBenchOptions = {
  changes: 1000,
  rounds: 5,
  concurrency: 16,
};

type Round = { ms: number; cpuMs: number };

/** One round: `changes` executions' signals, `concurrency` at once, each on its entity's channel. */
async function signalChanges(
  signals: SignalsService,
  options: SignalsBenchOptions,
): Promise<Round> {
  const changes: ExecutionChangedMessage[] = Array.from(
    { length: options.changes },
    (_, i) => ({
      executionId: randomUUID(),
      entityRef: `component:default/service-${i}`,
      status: 'POLLING',
      version: 3,
    }),
  );
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await inPool(changes, options.concurrency, message =>
    signals.publish<ExecutionChangedMessage>({
      recipients: { type: 'broadcast' },
      channel: entitySignalChannel(message.entityRef),
      message,
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ms: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

async function measure(
  useEventBus: 'never' | 'always',
  options: SignalsBenchOptions,
): Promise<Round[]> {
  let signals: SignalsService | undefined;
  const probe = createBackendPlugin({
    pluginId: 'signals-bench',
    register(reg) {
      reg.registerInit({
        deps: {
          signalsService: signalsServiceRef,
          logger: coreServices.logger,
        },
        async init({ signalsService }) {
          signals = signalsService;
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
    await signalChanges(signals!, options); // warm-up
    for (let r = 0; r < options.rounds; r++) {
      rounds.push(await signalChanges(signals!, options));
    }
  } finally {
    await backend.stop();
  }
  return rounds;
}

export async function runSignalsBench(options: SignalsBenchOptions) {
  console.log(
    `Signals benchmark on ${os.cpus().length} cores (${
      os.cpus()[0]?.model
    }), Node ${process.version}: ${options.changes} changes signalled, ${
      options.concurrency
    } at once, medians of ${options.rounds}`,
  );
  const results: Record<string, Round> = {};
  for (const mode of ['never', 'always'] as const) {
    const rounds = await measure(mode, options);
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
        options.changes
      ).toFixed(0)} µs CPU per change`,
    );
  }
  console.log(
    `  the bus costs ${(results.always.ms / results.never.ms).toFixed(
      0,
    )}x the wall time of signals kept in the process`,
  );
}
