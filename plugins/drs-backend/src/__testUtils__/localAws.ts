import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { JsonObject } from '@backstage/types';
import { AddressInfo } from 'net';
import { Server } from 'http';
import {
  startSimulator,
  SimulatorHandle,
} from '@drs-orchestration/drs-simulator';
import dynalite from 'dynalite';
import { createDefaultDrsGateway } from '../services/DrsGateway/createDrsGateway';
import { TableNames, tableNames } from '../services/DynamoStore/tables';

export const TEST_ACCOUNT_ID = '111122223333';
export const TEST_REGION = 'us-east-1';

/** The `aws` config section for the test account: static keys, so nothing ever asks STS. */
export const TEST_AWS_CONFIG = {
  mainAccount: { accessKeyId: 'test', secretAccessKey: 'test' },
  accounts: [
    {
      accountId: TEST_ACCOUNT_ID,
      accessKeyId: 'test',
      secretAccessKey: 'test',
    },
  ],
};

/** The plugin's DRS gateway against a local simulator, as the test account. */
export function localDrsGateway(
  endpoint: string,
  options: { requestTimeoutSeconds?: number } = {},
) {
  return createDefaultDrsGateway({
    credentialsManager: DefaultAwsCredentialsManager.fromConfig(
      new ConfigReader({ aws: TEST_AWS_CONFIG }),
    ),
    endpoint,
    defaultAccountId: TEST_ACCOUNT_ID,
    ...options,
  });
}

/** Three services' servers: checkout by tags, payments by IDs (one stalled), and a spare. */
export const testInventory = {
  accounts: [
    {
      accountId: TEST_ACCOUNT_ID,
      region: TEST_REGION,
      sourceServers: [
        ...['web', 'app', 'db'].flatMap(tier =>
          [1, 2].map(n => ({
            hostname: `checkout-${tier}-${n}`,
            tags: { Application: 'checkout', Tier: tier },
            lagSeconds: 5 * n,
          })),
        ),
        {
          sourceServerID: 's-00000000000000p01',
          hostname: 'payments-api-1',
          tags: { Application: 'payments' },
          lagSeconds: 3,
        },
        {
          sourceServerID: 's-00000000000000p02',
          hostname: 'payments-batch-1',
          tags: { Application: 'payments' },
          replicationState: 'STALLED',
          lagSeconds: 5400,
        },
      ],
    },
  ],
};

/** Clients of the local DynamoDB server, configured as the plugin configures its own. */
export function localDynamoClients(endpoint: string) {
  const dynamo = new DynamoDBClient({
    region: TEST_REGION,
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const documents = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { dynamo, documents };
}

export interface LocalAws {
  dynamodbEndpoint: string;
  /** The tables the plugin creates on start with `config`. */
  tables: TableNames;
  simulator: SimulatorHandle;
  /** Config for the drs plugin pointing at both, with tables created on start. */
  config: JsonObject;
  stop(): Promise<void>;
}

/** A real DynamoDB-protocol server and the DRS simulator on loopback ports of their own. */
export async function startLocalAws(
  options: { tablePrefix?: string } = {},
): Promise<LocalAws> {
  const dynamo: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>(resolve => dynamo.listen(0, '127.0.0.1', resolve));
  const dynamodbEndpoint = `http://127.0.0.1:${
    (dynamo.address() as AddressInfo).port
  }`;
  const tablePrefix = options.tablePrefix ?? 'test-';
  const simulator = await startSimulator({
    port: 0,
    inventory: testInventory,
    clock: 'manual',
  });
  return {
    dynamodbEndpoint,
    tables: tableNames(tablePrefix),
    simulator,
    config: {
      aws: TEST_AWS_CONFIG,
      drs: {
        defaultRegion: TEST_REGION,
        defaultAccountId: TEST_ACCOUNT_ID,
        endpoint: simulator.endpoint,
        dynamodb: {
          region: TEST_REGION,
          endpoint: dynamodbEndpoint,
          tablePrefix,
          createTables: true,
        },
        engine: { enabled: false },
      },
    },
    async stop() {
      await simulator.close();
      await new Promise(resolve => dynamo.close(resolve));
    },
  };
}
