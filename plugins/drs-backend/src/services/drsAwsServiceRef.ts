import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { DrsBackendConfig, readDrsBackendConfig } from '../config';
import { drsAwsCredentialsServiceRef } from './drsAwsCredentialsServiceRef';

/** What the default of a part that talks to AWS is built from. */
export interface DrsAwsServiceDeps {
  settings: DrsBackendConfig;
  credentialsManager: AwsCredentialsManager;
  logger: LoggerService;
}

/**
 * A plugin-scoped service ref for a part of the plugin that talks to AWS, whose default is
 * built from the plugin's configuration and the credentials of `drsAwsCredentialsServiceRef`.
 */
export function createDrsAwsServiceRef<TService>(options: {
  id: string;
  createDefault(deps: DrsAwsServiceDeps): TService | Promise<TService>;
}) {
  return createServiceRef<TService>({
    id: options.id,
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          credentialsManager: drsAwsCredentialsServiceRef,
        },
        factory: ({ config, logger, credentialsManager }) =>
          options.createDefault({
            settings: readDrsBackendConfig(config),
            credentialsManager,
            logger,
          }),
      }),
  });
}
