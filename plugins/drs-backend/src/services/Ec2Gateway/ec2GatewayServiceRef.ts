import { createDrsAwsServiceRef } from '../drsAwsServiceRef';
import { createDefaultEc2Gateway } from './createEc2Gateway';
import { Ec2Gateway } from './types';

/**
 * Every EC2 call of the plugin's engine (status checks of the health gate). By default the AWS
 * SDK's EC2 client, configured by `drs.ec2.endpoint`, `drs.defaultAccountId` and
 * `drs.requestTimeoutSeconds`, with the credentials of `drsAwsCredentialsServiceRef`.
 *
 * @public
 */
export const ec2GatewayServiceRef = createDrsAwsServiceRef<Ec2Gateway>({
  id: 'drs.ec2-gateway',
  createDefault: ({ settings, credentialsManager }) =>
    createDefaultEc2Gateway({
      credentialsManager,
      endpoint: settings.ec2.endpoint,
      defaultAccountId: settings.defaultAccountId,
      requestTimeoutSeconds: settings.requestTimeoutSeconds,
    }),
});
