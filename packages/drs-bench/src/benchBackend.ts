import { DatabaseService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { ANNOTATION_DRS_SOURCE_SERVER_TAGS } from '@drs-orchestration/plugin-drs-common';
import drsPlugin, {
  createDynamoDrsStores,
} from '@drs-orchestration/plugin-drs-backend';
import {
  localDrsConfig,
  localDynamoClients,
  serviceEntity,
} from '@drs-orchestration/drs-testkit';
import { startLocalBackend } from '@drs-orchestration/drs-testkit/backend';
import { performance } from 'perf_hooks';
import { BENCH_USER } from './seed';
import { SignalRecorder } from './signalRecorder';
import { TaskRun, timedSchedulerFactory } from './timedScheduler';

/** A service whose DRS servers are those tagged Application=<name>, in the default account. */
export const drsComponent = (name: string) =>
  serviceEntity(name, 'group:default/bench', {
    [ANNOTATION_DRS_SOURCE_SERVER_TAGS]: `Application=${name}`,
  });

export interface BenchBackendOptions {
  dynamodbEndpoint: string;
  drsEndpoint: string;
  tablePrefix: string;
  pollIntervalSeconds: number;
  entities: Entity[];
  /** More keys of the plugin's `drs` section, e.g. `planEvaluation`. */
  drs?: JsonObject;
  /** Replaces the `aws` section: accounts besides the test account. */
  aws?: JsonObject;
}

/**
 * The drs plugin in a test backend with the production scheduler (its engine task runs every
 * `pollIntervalSeconds` and on every trigger, each run timed), a permission service that allows
 * everything, the given catalog, and signals recorded instead of sent. Requests go over real
 * HTTP; `store` is the plugin's execution store of the same tables, in this process.
 */
export async function startBenchBackend(options: BenchBackendOptions) {
  const signals = new SignalRecorder();
  const cycles: TaskRun[] = [];
  const databases: DatabaseService[] = [];
  const backend = await startLocalBackend({
    features: [drsPlugin, timedSchedulerFactory('drs', cycles, databases)],
    config: {
      ...localDrsConfig({
        dynamodbEndpoint: options.dynamodbEndpoint,
        drsEndpoint: options.drsEndpoint,
        tablePrefix: options.tablePrefix,
        // The first cycle at once: start-up is not what is measured.
        drs: {
          engine: {
            pollIntervalSeconds: options.pollIntervalSeconds,
            initialDelaySeconds: 0,
          },
          ...options.drs,
        },
      }),
      ...(options.aws && { aws: options.aws }),
      backend: {
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
    },
    entities: options.entities,
    signals,
  });
  const { dynamo, documents } = localDynamoClients(options.dynamodbEndpoint);
  const stores = await createDynamoDrsStores({
    client: dynamo,
    tablePrefix: options.tablePrefix,
  });

  /** Resolves once `count` engine cycles that started at or after `since` have ended. */
  async function cyclesEnded(count: number, since: number, timeoutMs: number) {
    const deadline = performance.now() + timeoutMs;
    const ended = () =>
      cycles.filter(c => c.endedAt !== undefined && c.startedAt >= since)
        .length;
    while (ended() < count) {
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
    /** One API call as the bench user; fails loudly unless it succeeds. */
    api: backend.api('drs', BENCH_USER).json,
    signals,
    cycles,
    cyclesEnded,
    /** The cycle during which something happened at `at`, if the engine was running then. */
    cycleAt: (at: number) =>
      cycles.find(c => c.startedAt <= at && (c.endedAt ?? Infinity) >= at),
    dynamodbEndpoint: options.dynamodbEndpoint,
    tablePrefix: options.tablePrefix,
    documents,
    store: stores.executions,
    async stop() {
      await backend.stop();
      for (const database of databases) {
        await (await database.getClient()).destroy();
      }
    },
  };
}

export type BenchBackend = Awaited<ReturnType<typeof startBenchBackend>>;
