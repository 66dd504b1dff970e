import { createDrsAwsServiceRef } from '../drsAwsServiceRef';
import { createDefaultSsmGateway } from './createSsmGateway';
import { SsmGateway } from './types';

/**
 * Every SSM Automation call of the plugin's engine (the runbooks of steps). By default the AWS
 * SDK's SSM client, configured by `drs.ssm.endpoint`, `drs.defaultAccountId` and
 * `drs.requestTimeoutSeconds`, with the credentials of `drsAwsCredentialsServiceRef`.
 *
 * @public
 */
export const ssmGatewayServiceRef = createDrsAwsServiceRef<SsmGateway>({
  id: 'drs.ssm-gateway',
  createDefault: ({ settings, credentialsManager }) =>
    createDefaultSsmGateway({
      credentialsManager,
      endpoint: settings.ssm.endpoint,
      defaultAccountId: settings.defaultAccountId,
      requestTimeoutSeconds: settings.requestTimeoutSeconds,
    }),
});
