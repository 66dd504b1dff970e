import { Server } from 'http';
import { AddressInfo } from 'net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import drsPlugin from '@drs-orchestration/plugin-drs-backend';
import dynalite from 'dynalite';

const REGION = 'us-east-1';
/** Static keys: nothing ever looks for real credentials. */
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** A DynamoDB-protocol server (dynalite) on a loopback port of its own. */
export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
  });
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      // The backends' own clients keep their connections open.
      server.closeAllConnections();
      await new Promise(done => server.close(done));
    },
  };
}

/**
 * The DRS backend plugin in a test backend, its tables in the local DynamoDB. The engine is off
 * and catalog, signals and notifications are stubs: starting the plugin touches only its tables.
 */
export function startDrsBackend(options: {
  dynamodbEndpoint: string;
  tablePrefix: string;
  createTables: boolean;
}) {
  return startTestBackend({
    features: [
      drsPlugin,
      mockServices.rootConfig.factory({
        data: {
          aws: { mainAccount: CREDENTIALS },
          drs: {
            engine: { enabled: false },
            dynamodb: {
              region: REGION,
              endpoint: options.dynamodbEndpoint,
              tablePrefix: options.tablePrefix,
              createTables: options.createTables,
            },
          },
        },
      }),
      catalogServiceMock.factory(),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {} }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
}
