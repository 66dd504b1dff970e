import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { readDrsBackendConfig } from '../../config';
import { drsAwsCredentialsServiceRef } from '../drsAwsCredentialsServiceRef';
import { createDynamoDrsStores } from './createDynamoDrsStores';
import { tableNames } from './tables';
import { DrsStores } from './types';

/**
 * Where the plugin keeps plans and executions. By default two DynamoDB tables configured by
 * `drs.dynamodb.*`, reached with the credentials of `drsAwsCredentialsServiceRef`.
 *
 * @public
 */
export const drsStoresServiceRef = createServiceRef<DrsStores>({
  id: 'drs.stores',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        credentialsManager: drsAwsCredentialsServiceRef,
      },
      async factory({ config, logger, credentialsManager }) {
        const { dynamodb } = readDrsBackendConfig(config);
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
    }),
});
