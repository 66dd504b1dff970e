import { QueryCommand, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ExecutionSummary, Page } from '@drs-orchestration/plugin-drs-common';
import {
  createDynamoDrsStores,
  ListExecutionsOptions,
} from '@drs-orchestration/plugin-drs-backend';
import { localDynamoClients } from '@drs-orchestration/drs-testkit';
import { performance } from 'perf_hooks';
import { entityPath } from './apiDrills';
import { BenchBackend } from './benchBackend';
import { seedHistory } from './seed';

export interface ListingOptions {
  entity: string;
  /** Finished executions of the entity. */
  history: number;
  pageSize: number;
  /** Pages read, from the first. */
  pages: number;
  /** Times each page is read through each layer. */
  repeats: number;
}

/**
 * The plugin's store of the backend's tables over a client that captures the DynamoDB Query it
 * would send instead of sending it: the benchmark replays the store's own query, so the raw
 * reference query is exactly the plugin's.
 */
async function storeQueryOf(backend: BenchBackend) {
  const { dynamo } = localDynamoClients(backend.dynamodbEndpoint);
  let captured: QueryCommandInput | undefined;
  dynamo.middlewareStack.add(
    (next, context) => async args => {
      if (context.commandName !== 'QueryCommand') return next(args);
      captured = args.input as QueryCommandInput;
      return { output: { Items: [], $metadata: {} }, response: {} } as never;
    },
    { step: 'initialize', name: 'captureQuery' },
  );
  const { executions } = await createDynamoDrsStores({
    client: dynamo,
    tablePrefix: backend.tablePrefix,
  });
  return async (entityRef: string, page: ListExecutionsOptions) => {
    captured = undefined;
    await executions.listForEntity(entityRef, page);
    if (!captured) throw new Error('The store sent no Query');
    return captured;
  };
}

/**
 * Pages of an entity's finished executions: the API over HTTP, the ExecutionStore call the
 * route makes (in this process, no HTTP, auth or catalog), and the raw DynamoDB Query the
 * store sends, interleaved in rotating order over the first pages.
 */
export async function listing(backend: BenchBackend, options: ListingOptions) {
  const { pageSize } = options;
  const entityRef = `component:default/${options.entity}`;
  const seedStarted = performance.now();
  await seedHistory(backend.store, entityRef, options.history);
  const seedMs = performance.now() - seedStarted;

  const listPath = (pageCursor?: string) =>
    `${entityPath(options.entity)}/executions?limit=${pageSize}${
      pageCursor ? `&cursor=${encodeURIComponent(pageCursor)}` : ''
    }`;
  const queryOf = await storeQueryOf(backend);
  const pages: { cursor?: string; query: QueryCommandInput }[] = [];
  let cursor: string | undefined;
  for (let p = 0; p < options.pages; p++) {
    pages.push({
      cursor,
      query: await queryOf(entityRef, { limit: pageSize, cursor }),
    });
    const page = await backend.api<Page<ExecutionSummary>>(
      'GET',
      listPath(cursor),
    );
    cursor = page.nextCursor;
    if (!cursor) throw new Error(`Page ${p + 1} has no next page`);
  }

  type ListedPage = (typeof pages)[number];
  const layers = {
    api: async (page: ListedPage) =>
      (
        await backend.api<Page<ExecutionSummary>>('GET', listPath(page.cursor))
      ).items.map(e => e.executionId),
    store: async (page: ListedPage) =>
      (
        await backend.store.listForEntity(entityRef, {
          limit: pageSize,
          cursor: page.cursor,
        })
      ).items.map(e => e.executionId),
    raw: async (page: ListedPage) =>
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
  for (let repeat = -1; repeat < options.repeats; repeat++) {
    for (const [p, page] of pages.entries()) {
      const ids: Record<string, string[]> = {};
      for (let k = 0; k < names.length; k++) {
        const name = names[(repeat + p + k + names.length) % names.length];
        const started = performance.now();
        ids[name] = await layers[name](page);
        if (repeat >= 0) times[name].push(performance.now() - started);
      }
      if (
        ids.api.length !== pageSize ||
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
