import {
  Execution,
  ExecutionStatus,
  newExecution,
  RecoveryPlan,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import {
  DrsGateway,
  ExecutionStore,
} from '@drs-orchestration/plugin-drs-backend';
import type { SimulatorInventory } from '@drs-orchestration/drs-simulator';
import { TEST_ACCOUNT_ID, TEST_REGION } from '@drs-orchestration/drs-testkit';
import { randomUUID } from 'crypto';
import { inPool } from './pool';
import {
  benchAutomationDocuments,
  beforeStepsSucceeded,
  benchWaveSteps,
} from './stepsSeed';

export const BENCH_USER = 'user:default/bench';

/**
 * `count` services of 3 waves × `serversPerWave` servers each, in the test account: the servers
 * of service i are tagged Application=app-<i>; and the runbook of the plans with steps.
 */
export function servicesInventory(
  count: number,
  serversPerWave: number,
): SimulatorInventory {
  const perService = 3 * serversPerWave;
  return {
    automationDocuments: benchAutomationDocuments(),
    accounts: [
      {
        accountId: TEST_ACCOUNT_ID,
        region: TEST_REGION,
        sourceServers: Array.from({ length: count * perService }, (_, i) => ({
          hostname: `host-${i}`,
          tags: { Application: `app-${Math.floor(i / perService)}` },
          lagSeconds: 5,
        })),
      },
    ],
  };
}

/** A plan of the servers' waves; `withSteps`: each wave has a before automation and an after wait. */
function plan(
  entityRef: string,
  waves: string[][],
  createdAt: Date,
  withSteps = false,
): RecoveryPlan {
  return {
    planId: randomUUID(),
    entityRef,
    name: 'Full stack',
    description: 'Database first, then app, then web',
    defaultMode: 'DRILL',
    timeoutMinutes: 360,
    waves: waves.map((sourceServerIds, i) => {
      const name = ['db', 'app', 'web'][i] ?? `wave-${i}`;
      return {
        name,
        sourceServerIds,
        waitFor: 'LAUNCHED',
        pauseBefore: false,
        dependsOn: [],
        ...(withSteps ? benchWaveSteps(entityRef, name) : {}),
      };
    }),
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
 * so no two share a creation time), created through the plugin's store as the engine leaves them.
 */
export async function seedHistory(
  store: ExecutionStore,
  entityRef: string,
  count: number,
) {
  const now = Date.now();
  const indexes = Array.from({ length: count }, (_, i) => i);
  // A few writes in flight: the local DynamoDB is one process, more would only queue.
  await inPool(indexes, 8, async i => {
    const createdAt = new Date(now - i * 3_000_000 - (i % 7) * 1000);
    await store.create(finishedExecution(entityRef, i, createdAt));
  });
}

/**
 * A running drill of the servers' 3 waves, with wave 1 launched in DRS and recorded (after its
 * before steps succeeded, if the plan has steps).
 */
async function activeDrill(
  gateway: DrsGateway,
  entityRef: string,
  waves: string[][],
  servers: SourceServer[],
  withSteps: boolean,
): Promise<Execution> {
  const now = new Date();
  const execution = newExecution({
    executionId: randomUUID(),
    plan: plan(entityRef, waves, now, withSteps),
    mode: 'DRILL',
    initiatedBy: BENCH_USER,
    accountId: TEST_ACCOUNT_ID,
    region: TEST_REGION,
    servers,
    now,
  });
  const firstWave = execution.waves[0];
  const { jobId } = await gateway.startRecovery(
    { accountId: TEST_ACCOUNT_ID, region: TEST_REGION },
    {
      sourceServerIds: firstWave.servers.map(s => s.sourceServerId),
      isDrill: true,
      tags: {},
    },
  );
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
  beforeStepsSucceeded(execution.waves[0], iso);
  execution.polling = { pollCount: 1, lastPolledAt: iso };
  return execution;
}

/**
 * `count` running drills of 3 waves × `serversPerWave` servers (of `servicesInventory`), with
 * wave 1 launched in DRS and recorded, as the engine leaves them: a busy afternoon. With
 * `withSteps`, each wave has a before automation and an after wait.
 */
export async function seedActive(options: {
  store: ExecutionStore;
  gateway: DrsGateway;
  count: number;
  serversPerWave: number;
  withSteps?: boolean;
}) {
  const { store, gateway, count, serversPerWave } = options;
  const servers = await gateway.describeSourceServers(
    { accountId: TEST_ACCOUNT_ID, region: TEST_REGION },
    { kind: 'tags', tags: {} },
  );
  const byApplication = new Map<string, SourceServer[]>();
  for (const server of servers) {
    const application = server.tags.Application;
    byApplication.set(application, [
      ...(byApplication.get(application) ?? []),
      server,
    ]);
  }
  const indexes = Array.from({ length: count }, (_, i) => i);
  await inPool(indexes, 8, async i => {
    const mine = byApplication.get(`app-${i}`) ?? [];
    if (mine.length !== 3 * serversPerWave) {
      throw new Error(`app-${i} has ${mine.length} servers in the simulator`);
    }
    const waves = [0, 1, 2].map(w =>
      mine
        .slice(w * serversPerWave, (w + 1) * serversPerWave)
        .map(s => s.sourceServerId),
    );
    await store.create(
      await activeDrill(
        gateway,
        `component:default/app-${i}`,
        waves,
        mine,
        options.withSteps ?? false,
      ),
    );
  });
}
