import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { drsPermissions } from '@drs-orchestration/plugin-drs-common';
import { readDrsBackendConfig } from './config';
import { createRouter } from './router';
import { readinessOptions } from './router/readiness';
import { drsGatewayServiceRef } from './services/DrsGateway/drsGatewayServiceRef';
import { unavailableWhenFailing } from './services/DrsGateway/unavailableWhenFailing';
import { drsStoresServiceRef } from './services/DynamoStore/drsStoresServiceRef';
import { ec2GatewayServiceRef } from './services/Ec2Gateway/ec2GatewayServiceRef';
import { drsAwsCredentialsServiceRef } from './services/drsAwsCredentialsServiceRef';
import { configuredCloudWatchPublisher } from './services/Engine/cloudWatch';
import { startEngine } from './services/Engine/startEngine';
import { createEntityResolver } from './services/EntityResolver/createEntityResolver';
import { createExecutionListener } from './services/ExecutionListener/createExecutionListener';
import { createExecutionService } from './services/ExecutionService/createExecutionService';
import { startDrillScheduler } from './services/DrillScheduler/startDrillScheduler';
import { startPlanEvaluator } from './services/PlanEvaluator/startPlanEvaluator';
import { createHealthService } from './services/HealthService/createHealthService';
import { createPlanService } from './services/PlanService/createPlanService';
import { ssmGatewayServiceRef } from './services/SsmGateway/ssmGatewayServiceRef';

/**
 * The DRS orchestration backend plugin: recovery plans and executions in DynamoDB,
 * and the engine that drives executions through AWS Elastic Disaster Recovery.
 *
 * @public
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
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
        gateway: drsGatewayServiceRef,
        ssm: ssmGatewayServiceRef,
        ec2: ec2GatewayServiceRef,
        stores: drsStoresServiceRef,
        credentialsManager: drsAwsCredentialsServiceRef,
      },
      async init(deps) {
        const { logger, httpRouter, gateway, stores } = deps;
        const settings = readDrsBackendConfig(deps.config);
        deps.permissionsRegistry.addPermissions(drsPermissions);

        const triggerEngine = await startEngine({
          scheduler: deps.scheduler,
          logger,
          settings: settings.engine,
          store: stores.executions,
          heartbeat: stores.heartbeat,
          cloudWatch: configuredCloudWatchPublisher(deps),
          gateway,
          ssm: deps.ssm,
          ec2: deps.ec2,
          listener: createExecutionListener({
            signals: deps.signals,
            notifications: deps.notifications,
            logger,
          }),
          defaultAccountId: settings.defaultAccountId,
        });

        const apiGateway = unavailableWhenFailing(gateway);
        await startDrillScheduler({
          ...deps,
          gateway: apiGateway,
          settings,
          triggerEngine,
        });
        await startPlanEvaluator({ ...deps, gateway: apiGateway, settings });
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
              store: stores.plans,
              gateway: apiGateway,
              quotas: settings.quotas,
            }),
            executions: createExecutionService({
              plans: stores.plans,
              executions: stores.executions,
              gateway: apiGateway,
              quotas: settings.quotas,
              triggerEngine,
            }),
            health: createHealthService({
              catalog: deps.catalog,
              gateway: apiGateway,
              plans: stores.plans,
              executions: stores.executions,
              defaultRegion: settings.defaultRegion,
            }),
            readiness: readinessOptions(stores, settings),
            evaluations: stores.evaluations,
          }),
        );
        // Also covers /health/readiness: a policy's path matches the paths below it.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info(
          `DRS orchestration: DRS ${settings.endpoint ?? 'AWS'}, SSM ${
            settings.ssm.endpoint ?? 'AWS'
          }, EC2 ${settings.ec2.endpoint ?? 'AWS'}; engine ${
            settings.engine.enabled ? 'on' : 'off'
          }`,
        );
      },
    });
  },
});
