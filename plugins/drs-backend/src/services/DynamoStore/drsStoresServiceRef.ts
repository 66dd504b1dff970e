import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDrsAwsServiceRef } from '../drsAwsServiceRef';
import { createDynamoDrsStores } from './createDynamoDrsStores';
import { tableNames } from './tables';
import { DrsStores } from './types';

/**
 * Where the plugin keeps plans and executions. By default two DynamoDB tables configured by
 * `drs.dynamodb.*`, reached with the credentials of `drsAwsCredentialsServiceRef`.
 *
 * @public
 */
export const drsStoresServiceRef = createDrsAwsServiceRef<DrsStores>({
  id: 'drs.stores',
  async createDefault({ settings: { dynamodb }, credentialsManager, logger }) {
    const { sdkCredentialProvider } =
      await credentialsManager.getCredentialProvider(
        dynamodb.accountId ? { accountId: dynamodb.accountId } : {},
      );
    const stores = await createDynamoDrsStores({
      client: new DynamoDBClient({
        region: dynamodb.region,
        endpoint: dynamodb.endpoint,
        credentials: sdkCredentialProvider,
      }),
      tablePrefix: dynamodb.tablePrefix,
      createTables: dynamodb.createTables,
    });
    const names = tableNames(dynamodb.tablePrefix);
    logger.info(
      `DRS orchestration: tables ${names.plans}, ${names.executions}`,
    );
    return stores;
  },
});
