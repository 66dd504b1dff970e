import {
  SimulatorHandle,
  SimulatorOptions,
  startSimulator,
} from '@drs-orchestration/drs-simulator';
import { JsonObject } from '@backstage/types';
import { testInventory } from './inventory';
import { startLocalDynamo } from './localDynamo';
import { TEST_ACCOUNT_ID, TEST_AWS_CONFIG, TEST_REGION } from './testAccount';

export interface LocalDrsConfigOptions {
  dynamodbEndpoint: string;
  /** The DRS endpoint (a simulator, which serves SSM and EC2 too); unset for none. */
  drsEndpoint?: string;
  tablePrefix: string;
  /** Default true: the plugin creates its tables on start. */
  createTables?: boolean;
  /** More keys of the `drs` section, e.g. `engine` or `requestTimeoutSeconds`. */
  drs?: JsonObject;
}

/**
 * Config for the drs plugin in the test account, its tables in the local DynamoDB and its DRS,
 * SSM and EC2 calls (if `drsEndpoint` is given) going to a simulator, with the `aws` section for
 * that account.
 */
export function localDrsConfig(options: LocalDrsConfigOptions): JsonObject {
  return {
    aws: TEST_AWS_CONFIG,
    drs: {
      defaultRegion: TEST_REGION,
      defaultAccountId: TEST_ACCOUNT_ID,
      ...(options.drsEndpoint
        ? {
            endpoint: options.drsEndpoint,
            ssm: { endpoint: options.drsEndpoint },
            ec2: { endpoint: options.drsEndpoint },
          }
        : {}),
      dynamodb: {
        region: TEST_REGION,
        endpoint: options.dynamodbEndpoint,
        tablePrefix: options.tablePrefix,
        createTables: options.createTables ?? true,
      },
      ...options.drs,
    },
  };
}

export interface LocalAwsOptions {
  /** Default `test-`. */
  tablePrefix?: string;
  /** Default: the test inventory on a manual clock. */
  simulator?: Partial<Omit<SimulatorOptions, 'port' | 'host'>>;
  /** More keys of the plugin's `drs` section; default: the engine off. */
  drs?: JsonObject;
}

export interface LocalAws {
  dynamodbEndpoint: string;
  tablePrefix: string;
  simulator: SimulatorHandle;
  /** Config for the drs plugin pointing at both, with tables created on start (`localDrsConfig`). */
  config: JsonObject;
  stop(): Promise<void>;
}

/** A real DynamoDB-protocol server and the DRS simulator on loopback ports of their own. */
export async function startLocalAws(
  options: LocalAwsOptions = {},
): Promise<LocalAws> {
  const dynamo = await startLocalDynamo();
  const tablePrefix = options.tablePrefix ?? 'test-';
  const simulator = await startSimulator({
    inventory: testInventory,
    clock: 'manual',
    ...options.simulator,
    port: 0,
  });
  return {
    dynamodbEndpoint: dynamo.endpoint,
    tablePrefix,
    simulator,
    config: localDrsConfig({
      dynamodbEndpoint: dynamo.endpoint,
      drsEndpoint: simulator.endpoint,
      tablePrefix,
      drs: options.drs ?? { engine: { enabled: false } },
    }),
    async stop() {
      await simulator.close();
      await dynamo.stop();
    },
  };
}
