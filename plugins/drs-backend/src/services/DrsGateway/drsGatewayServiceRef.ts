import { createDrsAwsServiceRef } from '../drsAwsServiceRef';
import { createDefaultDrsGateway } from './createDrsGateway';
import { DrsGateway } from './types';

/**
 * Every DRS call of the plugin, its API's and its engine's. By default the AWS SDK's DRS client,
 * configured by `drs.endpoint`, `drs.defaultAccountId` and `drs.requestTimeoutSeconds`, with the
 * credentials of `drsAwsCredentialsServiceRef`.
 *
 * @public
 */
export const drsGatewayServiceRef = createDrsAwsServiceRef<DrsGateway>({
  id: 'drs.gateway',
  createDefault: ({ settings, credentialsManager }) =>
    createDefaultDrsGateway({
      credentialsManager,
      endpoint: settings.endpoint,
      defaultAccountId: settings.defaultAccountId,
      requestTimeoutSeconds: settings.requestTimeoutSeconds,
    }),
});
