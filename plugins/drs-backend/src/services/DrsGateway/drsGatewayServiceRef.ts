import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { readDrsBackendConfig } from '../../config';
import { drsAwsCredentialsServiceRef } from '../drsAwsCredentialsServiceRef';
import { createDefaultDrsGateway } from './createDrsGateway';
import { DrsGateway } from './types';

/**
 * Every DRS call of the plugin, its API's and its engine's. By default the AWS SDK's DRS client,
 * configured by `drs.endpoint`, `drs.defaultAccountId` and `drs.requestTimeoutSeconds`, with the
 * credentials of `drsAwsCredentialsServiceRef`.
 *
 * @public
 */
export const drsGatewayServiceRef = createServiceRef<DrsGateway>({
  id: 'drs.gateway',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        credentialsManager: drsAwsCredentialsServiceRef,
      },
      factory({ config, credentialsManager }) {
        const settings = readDrsBackendConfig(config);
        return createDefaultDrsGateway({
          credentialsManager,
          endpoint: settings.endpoint,
          defaultAccountId: settings.defaultAccountId,
          requestTimeoutSeconds: settings.requestTimeoutSeconds,
        });
      },
    }),
});
