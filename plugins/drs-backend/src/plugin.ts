import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { drsPermissions } from '@internal/plugin-drs-common';
import { readDrsBackendConfig } from './config';
import { createRouter } from './router';
import { DrsClientCache } from './services/DrsGateway/clients';
import { createDrsGateway } from './services/DrsGateway/createDrsGateway';
import { PlanStore } from './services/DynamoStore/PlanStore';
import { ensureTables, tableNames } from './services/DynamoStore/tables';
import { createEntityResolver } from './services/EntityResolver/createEntityResolver';
import { createPlanService } from './services/PlanService/createPlanService';

/**
 * The DRS orchestration backend plugin: recovery plans and executions in DynamoDB,
 * and the engine that drives executions through AWS Elastic Disaster Recovery.
 */
export const drsPlugin = createBackendPlugin({
  pluginId: 'drs',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
      }) {
        const settings = readDrsBackendConfig(config);
        const credentials = DefaultAwsCredentialsManager.fromConfig(config);

        const { sdkCredentialProvider } =
          await credentials.getCredentialProvider(
            settings.dynamodb.accountId
              ? { accountId: settings.dynamodb.accountId }
              : {},
          );
        const dynamo = new DynamoDBClient({
          region: settings.dynamodb.region,
          endpoint: settings.dynamodb.endpoint,
          credentials: sdkCredentialProvider,
        });
        const names = tableNames(settings.dynamodb.tablePrefix);
        await ensureTables(dynamo, names, {
          create: settings.dynamodb.createTables,
        });
        const documents = DynamoDBDocumentClient.from(dynamo, {
          marshallOptions: { removeUndefinedValues: true },
        });
        const planStore = new PlanStore(documents, names.plans);

        const gateway = createDrsGateway(
          new DrsClientCache(credentials, {
            endpoint: settings.endpoint,
            defaultAccountId: settings.defaultAccountId,
          }),
        );
        permissionsRegistry.addPermissions(drsPermissions);

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            gateway,
            entities: createEntityResolver({
              catalog,
              defaultRegion: settings.defaultRegion,
            }),
            plans: createPlanService({
              store: planStore,
              gateway,
              quotas: settings.quotas,
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info(
          `DRS orchestration: tables ${names.plans}, ${names.executions}; DRS ${
            settings.endpoint ?? 'AWS'
          }`,
        );
      },
    });
  },
});
