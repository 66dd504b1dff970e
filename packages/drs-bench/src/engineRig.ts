import drsPlugin, {
  createDynamoDrsStores,
} from '@drs-orchestration/plugin-drs-backend';
import {
  captureScheduledTasks,
  DRS_ENGINE_TASK_ID,
  localDrsConfig,
  localDynamoClients,
} from '@drs-orchestration/drs-testkit';
import { startLocalBackend } from '@drs-orchestration/drs-testkit/backend';
import { AwsProcess } from './awsProcess';
import { countRequests, givenDrsParts, localGateway } from './drsParts';
import { seedActive, servicesInventory } from './seed';

const TABLE_PREFIX = 'bench-';

/**
 * The drs plugin in a test backend whose scheduler keeps the engine's task instead of running
 * it, so that the benchmark runs one engine cycle when it chooses (`runCycle`); its stores send
 * through a DynamoDB client whose requests are counted, and `size` running drills are seeded
 * (3 waves × `serversPerWave` servers, wave 1 running in DRS; `withSteps`: each wave with a
 * before automation and an after wait).
 */
export async function startEngineRig(
  aws: AwsProcess,
  size: number,
  serversPerWave: number,
  withSteps = false,
) {
  const inventory = servicesInventory(size, serversPerWave);
  const serverCount = inventory.accounts[0].sourceServers.length;
  const simulator = await aws.startSimulator({
    inventory,
    quotas: {
      maxConcurrentJobs: size + 10,
      maxServersInActiveJobs: serverCount,
    },
  });
  const { dynamo } = localDynamoClients(aws.dynamodbEndpoint);
  const counts = countRequests(dynamo);
  const stores = await createDynamoDrsStores({
    client: dynamo,
    tablePrefix: TABLE_PREFIX,
    createTables: true,
  });
  const gateway = localGateway(simulator.endpoint);
  await seedActive({
    store: stores.executions,
    gateway,
    count: size,
    serversPerWave,
    withSteps,
  });

  const engine = captureScheduledTasks('drs');
  const backend = await startLocalBackend({
    features: [
      drsPlugin,
      engine.factory,
      ...givenDrsParts({ stores, gateway }),
    ],
    config: localDrsConfig({
      dynamodbEndpoint: aws.dynamodbEndpoint,
      drsEndpoint: simulator.endpoint,
      tablePrefix: TABLE_PREFIX,
    }),
  });
  const task = engine.task(DRS_ENGINE_TASK_ID);
  return {
    simulator,
    stores,
    gateway,
    counts,
    /** One engine cycle, as the scheduler would run it. */
    runCycle: async () => {
      await task.fn(new AbortController().signal);
    },
    stop: () => backend.stop(),
  };
}

export type EngineRig = Awaited<ReturnType<typeof startEngineRig>>;
