import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  Execution,
  ExecutionStatus,
  newExecution,
  RecoveryPlan,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { randomUUID } from 'crypto';
import { DrsGateway, DrsLocation } from '../src/services/DrsGateway/types';
import {
  ExecutionStore,
  ListExecutionsOptions,
  toItem,
} from '../src/services/DynamoStore/ExecutionStore';
import { TEST_ACCOUNT_ID, TEST_REGION } from '../src/__testUtils__/localAws';
import { BENCH_USER } from './benchBackend';

/**
 * What ExecutionStore would send, captured instead of sent: the bench replays the store's own
 * queries, so the raw reference query is exactly the plugin's.
 */
async function captureStoreCommand(
  use: (store: ExecutionStore) => Promise<unknown>,
): Promise<Record<string, any>> {
  let input: Record<string, any> | undefined;
  const capturing = {
    async send(command: { input: Record<string, any> }) {
      input = command.input;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  await use(new ExecutionStore(capturing, 'captured'));
  if (!input) throw new Error('The store sent no command');
  return input;
}

/** The DynamoDB Query that ExecutionStore.listForEntity sends for this page, for `table`. */
export async function listQueryOf(
  table: string,
  entityRef: string,
  page: ListExecutionsOptions,
): Promise<QueryCommandInput> {
  const input = await captureStoreCommand(store =>
    store.listForEntity(entityRef, page),
  );
  return { ...input, TableName: table } as QueryCommandInput;
}

function plan(
  entityRef: string,
  waves: string[][],
  createdAt: Date,
): RecoveryPlan {
  return {
    planId: randomUUID(),
    entityRef,
    name: 'Full stack',
    description: 'Database first, then app, then web',
    defaultMode: 'DRILL',
    timeoutMinutes: 360,
    waves: waves.map((sourceServerIds, i) => ({
      name: ['db', 'app', 'web'][i] ?? `wave-${i}`,
      sourceServerIds,
      waitFor: 'LAUNCHED',
      pauseBefore: false,
      dependsOn: [],
    })),
    createdAt: createdAt.toISOString(),
    createdBy: BENCH_USER,
    updatedAt: createdAt.toISOString(),
    updatedBy: BENCH_USER,
    version: 1,
  };
}

const hex17 = (n: number) => n.toString(16).padStart(17, '0');

/** How drills end, in turn: most complete, one in ten fails in its app wave, one is cancelled after its first. */
const OUTCOMES: { status: ExecutionStatus; lastWave: number }[] = [
  ...Array(8).fill({ status: 'COMPLETED', lastWave: 2 }),
  { status: 'FAILED', lastWave: 1 },
  { status: 'CANCELLED', lastWave: 0 },
];

/** A finished drill of 3 waves × 2 servers, as the engine leaves one; it ran for 20–30 minutes. */
function finishedExecution(
  entityRef: string,
  index: number,
  createdAt: Date,
): Execution {
  const waves = [0, 1, 2].map(w => [hex17(2 * w), hex17(2 * w + 1)]);
  const execution = newExecution({
    executionId: randomUUID(),
    plan: plan(
      entityRef,
      waves.map(ids => ids.map(id => `s-${id}`)),
      createdAt,
    ),
    mode: 'DRILL',
    initiatedBy: BENCH_USER,
    accountId: TEST_ACCOUNT_ID,
    region: TEST_REGION,
    servers: [],
    now: createdAt,
  });
  const { status, lastWave } = OUTCOMES[index % OUTCOMES.length];
  const at = (minutes: number) =>
    new Date(createdAt.getTime() + minutes * 60_000).toISOString();
  execution.status = status;
  execution.startedAt = at(0);
  execution.endedAt = at(20 + (index % 11));
  execution.polling = { pollCount: 80 + (index % 40), lastPolledAt: at(20) };
  execution.waves.forEach((wave, w) => {
    if (w > lastWave) {
      wave.status = status === 'CANCELLED' ? 'CANCELLED' : 'PENDING';
      return;
    }
    const failed = status === 'FAILED' && w === lastWave;
    wave.status = failed ? 'FAILED' : 'COMPLETED';
    wave.launchIntentAt = at(w * 9);
    wave.startedAt = at(w * 9);
    wave.endedAt = at(w * 9 + 9);
    wave.jobId = `drsjob-${hex17(index * 3 + w)}`;
    wave.servers = wave.servers.map((server, n) =>
      failed && n === 1
        ? {
            ...server,
            status: 'FAILED',
            launchStatus: 'FAILED',
            failureReason: 'LAUNCH_FAILED: instance did not start',
          }
        : {
            ...server,
            status: 'LAUNCHED',
            launchStatus: 'LAUNCHED',
            launchedAt: at(w * 9 + 7),
            recoveryInstanceId: `i-${hex17(index * 6 + w * 2 + n)}`,
            ec2InstanceId: `i-${hex17(index * 6 + w * 2 + n)}`,
          },
    );
    if (failed) {
      wave.failureReason =
        '1 of 2 servers did not launch: LAUNCH_FAILED: instance did not start';
    }
  });
  return execution;
}

/**
 * `count` finished executions of `entityRef`, one every ~50 minutes back from now (with jitter,
 * so no two share a creation time), written with BatchWriteItem as ExecutionStore would store them.
 */
export async function seedHistory(
  documents: DynamoDBDocumentClient,
  table: string,
  entityRef: string,
  count: number,
) {
  const now = Date.now();
  const items: Record<string, unknown>[] = Array.from(
    { length: count },
    (_, i) => {
      const createdAt = new Date(now - i * 3_000_000 - (i % 7) * 1000);
      return { ...toItem(finishedExecution(entityRef, i, createdAt)) };
    },
  );
  const batches = Array.from({ length: Math.ceil(count / 25) }, (_, b) =>
    items.slice(b * 25, b * 25 + 25),
  );
  const writeBatch = async (batch: Record<string, unknown>[]) => {
    let requests:
      | { PutRequest: { Item: Record<string, unknown> } }[]
      | undefined = batch.map(Item => ({ PutRequest: { Item } }));
    while (requests && requests.length > 0) {
      const { UnprocessedItems } = await documents.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests } }),
      );
      requests = UnprocessedItems?.[table] as typeof requests;
    }
  };
  // A few batches in flight: the local DynamoDB is one process, more would only queue.
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        await writeBatch(batch);
      }
    }),
  );
}

/**
 * `count` running drills of 3 waves × `serversPerWave` servers (the servers tagged
 * Application=app-<i>), with wave 1 launched in DRS and recorded, as the engine leaves them.
 */
export async function seedActive(options: {
  store: ExecutionStore;
  gateway: DrsGateway;
  servers: SourceServer[];
  count: number;
  serversPerWave: number;
}) {
  const { store, gateway, count, serversPerWave } = options;
  const location: DrsLocation = {
    accountId: TEST_ACCOUNT_ID,
    region: TEST_REGION,
  };
  const byApplication = new Map<string, SourceServer[]>();
  for (const server of options.servers) {
    const application = server.tags.Application;
    byApplication.set(application, [
      ...(byApplication.get(application) ?? []),
      server,
    ]);
  }
  const seedOne = async (i: number) => {
    const mine = byApplication.get(`app-${i}`) ?? [];
    if (mine.length !== 3 * serversPerWave) {
      throw new Error(`app-${i} has ${mine.length} servers in the simulator`);
    }
    const now = new Date();
    const execution = newExecution({
      executionId: randomUUID(),
      plan: plan(
        `component:default/app-${i}`,
        [0, 1, 2].map(w =>
          mine
            .slice(w * serversPerWave, (w + 1) * serversPerWave)
            .map(s => s.sourceServerId),
        ),
        now,
      ),
      mode: 'DRILL',
      initiatedBy: BENCH_USER,
      accountId: TEST_ACCOUNT_ID,
      region: TEST_REGION,
      servers: mine,
      now,
    });
    const firstWave = execution.waves[0];
    const { jobId } = await gateway.startRecovery(location, {
      sourceServerIds: firstWave.servers.map(s => s.sourceServerId),
      isDrill: true,
      tags: {},
    });
    const iso = now.toISOString();
    execution.status = 'POLLING';
    execution.startedAt = iso;
    execution.waves[0] = {
      ...firstWave,
      status: 'STARTED',
      launchIntentAt: iso,
      startedAt: iso,
      jobId,
      servers: firstWave.servers.map(s => ({ ...s, status: 'LAUNCHING' })),
    };
    execution.polling = { pollCount: 1, lastPolledAt: iso };
    await store.create(execution);
  };
  const queue = Array.from({ length: count }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        await seedOne(i);
      }
    }),
  );
}
