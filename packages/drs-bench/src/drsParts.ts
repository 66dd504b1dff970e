import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  TEST_ACCOUNT_ID,
  testCredentialsManager,
} from '@drs-orchestration/drs-testkit';
import {
  createDefaultDrsGateway,
  DrsGateway,
  drsGatewayServiceRef,
  DrsStores,
  drsStoresServiceRef,
} from '@drs-orchestration/plugin-drs-backend';

/** The plugin's own DRS gateway against a simulator, as the test account. */
export function localGateway(endpoint: string): DrsGateway {
  return createDefaultDrsGateway({
    credentialsManager: testCredentialsManager(),
    endpoint,
    defaultAccountId: TEST_ACCOUNT_ID,
  });
}

/** DynamoDB requests a client has sent so far. */
export interface RequestCounts {
  reads: number;
  writes: number;
}

/**
 * Counts the client's requests in its middleware, which every request passes through, also
 * those the plugin's stores send with a stack resolved once (added before the stores are built).
 */
export function countRequests(client: DynamoDBClient): RequestCounts {
  const counts = { reads: 0, writes: 0 };
  client.middlewareStack.add(
    (next, context) => args => {
      if (
        /^(Get|Query|Scan|BatchGet|Describe)/.test(context.commandName ?? '')
      ) {
        counts.reads++;
      } else {
        counts.writes++;
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchCounter' },
  );
  return counts;
}

/** Service factories giving the plugin these stores and this gateway instead of its defaults. */
export function givenDrsParts(parts: {
  stores: DrsStores;
  gateway: DrsGateway;
}) {
  return [
    createServiceFactory({
      service: drsStoresServiceRef,
      deps: {},
      factory: () => parts.stores,
    }),
    createServiceFactory({
      service: drsGatewayServiceRef,
      deps: {},
      factory: () => parts.gateway,
    }),
  ];
}
