import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { Server } from 'http';
import { AddressInfo } from 'net';
import { TEST_CREDENTIALS, TEST_REGION } from './testAccount';

/** Clients of a local DynamoDB server, configured as the plugin configures its own. */
export function localDynamoClients(endpoint: string) {
  const dynamo = new DynamoDBClient({
    region: TEST_REGION,
    endpoint,
    credentials: TEST_CREDENTIALS,
  });
  const documents = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { dynamo, documents };
}

export interface LocalDynamo {
  /** e.g. http://127.0.0.1:40123 */
  endpoint: string;
  /** A client of it, destroyed by `stop`. */
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** A DynamoDB-protocol server (dynalite, tables in memory) on a loopback port of its own. */
export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { dynamo: client } = localDynamoClients(endpoint);
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      // Other clients (a backend's, say) may keep their connections open.
      server.closeAllConnections();
      await new Promise(done => server.close(done));
    },
  };
}
