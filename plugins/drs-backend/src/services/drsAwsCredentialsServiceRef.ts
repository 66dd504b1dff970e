import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';

/**
 * The AWS credentials of the plugin's DRS and DynamoDB calls, per account. By default from
 * the `aws` section of the config (`aws.mainAccount`, `aws.accounts[]`).
 *
 * @public
 */
export const drsAwsCredentialsServiceRef =
  createServiceRef<AwsCredentialsManager>({
    id: 'drs.aws-credentials',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { config: coreServices.rootConfig },
        factory: ({ config }) =>
          DefaultAwsCredentialsManager.fromConfig(config),
      }),
  });
