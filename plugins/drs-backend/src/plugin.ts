import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { drsPermissions } from '@drs-orchestration/plugin-drs-common';
import { readDrsBackendConfig } from './config';
import { createRouter } from './router';
import { DrsClientCache } from './services/DrsGateway/clients';
import { createDrsGateway } from './services/DrsGateway/createDrsGateway';
import { unavailableWhenFailing } from './services/DrsGateway/unavailableWhenFailing';
import { ExecutionStore } from './services/DynamoStore/ExecutionStore';
import { PlanStore } from './services/DynamoStore/PlanStore';
import { ensureTables, tableNames } from './services/DynamoStore/tables';
import { createEngine } from './services/Engine/createEngine';
import { createExecutionListener } from './services/Engine/createExecutionListener';
import { createEngineMetrics } from './services/Engine/metrics';
import { createEntityResolver } from './services/EntityResolver/createEntityResolver';
import { createExecutionService } from './services/ExecutionService/createExecutionService';
import { createHealthService } from './services/HealthService/createHealthService';
import { createPlanService } from './services/PlanService/createPlanService';

/** The scheduler task that drives executions; `scope: 'global'` runs it on one replica at a time. */
export const ENGINE_TASK_ID = 'drs-execution-engine';

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
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, httpRouter, scheduler } = deps;
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
        const executionStore = new ExecutionStore(documents, names.executions);

        const gateway = createDrsGateway(
          new DrsClientCache(credentials, {
            endpoint: settings.endpoint,
            defaultAccountId: settings.defaultAccountId,
          }),
        );
        deps.permissionsRegistry.addPermissions(drsPermissions);

        const engine = createEngine({
          store: executionStore,
          gateway,
          logger: logger.child({ task: ENGINE_TASK_ID }),
          pollIntervalSeconds: settings.engine.pollIntervalSeconds,
          defaultAccountId: settings.defaultAccountId,
          listener: createExecutionListener({
            signals: deps.signals,
            notifications: deps.notifications,
            logger,
          }),
          metrics: createEngineMetrics(),
        });
        if (settings.engine.enabled) {
          await scheduler.scheduleTask({
            id: ENGINE_TASK_ID,
            scope: 'global',
            frequency: { seconds: settings.engine.pollIntervalSeconds },
            timeout: { seconds: settings.engine.cycleTimeoutSeconds },
            initialDelay: { seconds: settings.engine.initialDelaySeconds },
            fn: async abortSignal => {
              await engine.runCycle(abortSignal);
            },
          });
        }
        const triggerCycle = () =>
          scheduler.triggerTask(ENGINE_TASK_ID).catch(error => {
            logger.debug(`Engine not triggered now: ${error}`);
          });
        const triggerEngine = async (executionId: string) => {
          if (!settings.engine.enabled) {
            // The global task runs elsewhere; the trigger reaches it through the database.
            await triggerCycle();
            return;
          }
          // Not awaited: the request is answered while the engine launches.
          engine.driveNow(executionId).catch(async error => {
            logger.warn(
              `Execution ${executionId} is left to an engine cycle: ${error}`,
            );
            await triggerCycle();
          });
        };

        const apiGateway = unavailableWhenFailing(gateway);
        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            gateway: apiGateway,
            entities: createEntityResolver({
              catalog: deps.catalog,
              defaultRegion: settings.defaultRegion,
            }),
            plans: createPlanService({
              store: planStore,
              gateway: apiGateway,
              quotas: settings.quotas,
            }),
            executions: createExecutionService({
              plans: planStore,
              executions: executionStore,
              gateway: apiGateway,
              quotas: settings.quotas,
              triggerEngine,
            }),
            health: createHealthService({
              catalog: deps.catalog,
              gateway: apiGateway,
              plans: planStore,
              executions: executionStore,
              defaultRegion: settings.defaultRegion,
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info(
          `DRS orchestration: tables ${names.plans}, ${names.executions}; DRS ${
            settings.endpoint ?? 'AWS'
          }; engine ${settings.engine.enabled ? 'on' : 'off'}`,
        );
      },
    });
  },
});
