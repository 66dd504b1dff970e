import {
  coreServices,
  createServiceFactory,
  DatabaseService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The production scheduler (a hoisted dependency of backend-test-utils, not declared by this
// package): its DB-polled triggers are part of what "start → POLLING" costs in a real backend.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SignalPayload,
  SignalsService,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import {
  ANNOTATION_DRS_ACCOUNT_ID,
  ANNOTATION_DRS_REGION,
  ANNOTATION_DRS_SOURCE_SERVER_TAGS,
} from '@drs-orchestration/plugin-drs-common';
import { performance } from 'perf_hooks';
import { ENGINE_TASK_ID, drsPlugin } from '../src/plugin';
import { ExecutionStore } from '../src/services/DynamoStore/ExecutionStore';
import { tableNames } from '../src/services/DynamoStore/tables';
import {
  localDynamoClients,
  TEST_ACCOUNT_ID,
  TEST_AWS_CONFIG,
  TEST_REGION,
} from '../src/__testUtils__/localAws';

export const BENCH_USER = 'user:default/bench';

/** A catalog component whose DRS servers are those tagged Application=<name>. */
export function drsComponent(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [ANNOTATION_DRS_ACCOUNT_ID]: TEST_ACCOUNT_ID,
        [ANNOTATION_DRS_REGION]: TEST_REGION,
        [ANNOTATION_DRS_SOURCE_SERVER_TAGS]: `Application=${name}`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:bench' },
  };
}

export interface RecordedSignal {
  channel: string;
  message: JsonObject;
  /** performance.now() when the plugin called publish. */
  at: number;
}

/** The signals service, replaced by one that records when each signal was published. */
export class SignalRecorder implements SignalsService {
  readonly published: RecordedSignal[] = [];
  private readonly waiters = new Set<() => void>();

  async publish<TMessage extends JsonObject = JsonObject>(
    signal: SignalPayload<TMessage>,
  ) {
    const at = performance.now();
    this.published.push({
      channel: signal.channel,
      message: signal.message,
      at,
    });
    this.waiters.forEach(wake => wake());
  }

  /** The last signal published about the execution, if any. */
  last(executionId: string): RecordedSignal | undefined {
    return this.published.findLast(s => s.message.executionId === executionId);
  }

  /** The first signal about the execution published at or after `since` that `matches`; fails after `timeoutMs`. */
  async next(
    executionId: string,
    since: number,
    matches: (message: JsonObject) => boolean,
    timeoutMs: number,
  ): Promise<RecordedSignal> {
    const find = () =>
      this.published.find(
        s =>
          s.message.executionId === executionId &&
          s.at >= since &&
          matches(s.message),
      );
    const found = new Promise<RecordedSignal>(resolve => {
      const wake = () => {
        const signal = find();
        if (!signal) return;
        this.waiters.delete(wake);
        resolve(signal);
      };
      this.waiters.add(wake);
      wake();
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `No signal about ${executionId} within ${timeoutMs / 1000} s`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([found, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface EngineCycle {
  startedAt: number;
  /** Absent while the cycle runs. */
  endedAt?: number;
}

/**
 * The production scheduler, with the engine task's runs timestamped: a signal is attributed
 * to the cycle that published it, which splits its latency into waiting for a cycle and the
 * cycle's own work.
 */
function timedSchedulerFactory(
  cycles: EngineCycle[],
  databases: DatabaseService[],
) {
  return createServiceFactory({
    service: coreServices.scheduler,
    deps: {
      database: coreServices.database,
      logger: coreServices.logger,
      rootLifecycle: coreServices.rootLifecycle,
      httpRouter: coreServices.httpRouter,
      pluginMetadata: coreServices.pluginMetadata,
      metrics: metricsServiceRef,
    },
    factory(deps): SchedulerService {
      databases.push(deps.database);
      const scheduler = DefaultSchedulerService.create(deps);
      const scheduleTask: SchedulerService['scheduleTask'] = task =>
        scheduler.scheduleTask(
          task.id !== ENGINE_TASK_ID
            ? task
            : {
                ...task,
                fn: async (signal: AbortSignal) => {
                  const cycle: EngineCycle = { startedAt: performance.now() };
                  cycles.push(cycle);
                  try {
                    await task.fn(signal);
                  } finally {
                    cycle.endedAt = performance.now();
                  }
                },
              },
        );
      return {
        scheduleTask,
        triggerTask: id => scheduler.triggerTask(id),
        cancelTask: id => scheduler.cancelTask(id),
        getScheduledTasks: () => scheduler.getScheduledTasks(),
        createScheduledTaskRunner: schedule => ({
          run: task => scheduleTask({ ...task, ...schedule }),
        }),
      };
    },
  });
}

export interface BenchBackendOptions {
  dynamodbEndpoint: string;
  drsEndpoint: string;
  tablePrefix: string;
  pollIntervalSeconds: number;
  entities: Entity[];
}

/**
 * The drs plugin in a test backend with the production scheduler (its engine task runs every
 * `pollIntervalSeconds` and on every trigger), a permission service that allows everything,
 * the given catalog, and signals recorded instead of sent. Requests go over real HTTP.
 */
export async function startBenchBackend(options: BenchBackendOptions) {
  const signals = new SignalRecorder();
  const cycles: EngineCycle[] = [];
  /** The scheduler's databases: stopping the backend leaves their connection pools open. */
  const databases: DatabaseService[] = [];
  const backend = await startTestBackend({
    features: [
      drsPlugin,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          aws: TEST_AWS_CONFIG,
          drs: {
            defaultRegion: TEST_REGION,
            defaultAccountId: TEST_ACCOUNT_ID,
            endpoint: options.drsEndpoint,
            dynamodb: {
              region: TEST_REGION,
              endpoint: options.dynamodbEndpoint,
              tablePrefix: options.tablePrefix,
              createTables: true,
            },
            // The first cycle at once: start-up is not what is measured.
            engine: {
              pollIntervalSeconds: options.pollIntervalSeconds,
              initialDelaySeconds: 0,
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      timedSchedulerFactory(cycles, databases),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => signals,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ async send() {} }),
      }),
    ],
  });
  const baseUrl = `http://127.0.0.1:${backend.server.port()}/api/drs`;
  const authorization = mockCredentials.user.header(BENCH_USER);
  const { documents } = localDynamoClients(options.dynamodbEndpoint);
  const names = tableNames(options.tablePrefix);

  /** One API call as the bench user; fails loudly unless it succeeds. */
  async function api<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body && JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return JSON.parse(text);
  }

  /** Resolves once `count` engine cycles that started at or after `since` have ended. */
  async function cyclesEnded(count: number, since: number, timeoutMs: number) {
    const deadline = performance.now() + timeoutMs;
    while (
      cycles.filter(c => c.endedAt !== undefined && c.startedAt >= since)
        .length < count
    ) {
      if (performance.now() > deadline) {
        throw new Error(
          `The engine did not complete ${count} cycles within ${
            timeoutMs / 1000
          } s`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  return {
    api,
    signals,
    cycles,
    cyclesEnded,
    /** The cycle during which something happened at `at`, if the engine was running then. */
    cycleAt: (at: number) =>
      cycles.find(c => c.startedAt <= at && (c.endedAt ?? Infinity) >= at),
    documents,
    tables: names,
    store: new ExecutionStore(documents, names.executions),
    async stop() {
      await backend.stop();
      for (const database of databases) {
        await (await database.getClient()).destroy();
      }
    },
  };
}

export type BenchBackend = Awaited<ReturnType<typeof startBenchBackend>>;
