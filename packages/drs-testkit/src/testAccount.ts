import { ConfigReader } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';

export const TEST_ACCOUNT_ID = '111122223333';
export const TEST_REGION = 'us-east-1';

/** Static keys: nothing ever looks for real credentials or asks STS. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'test',
  secretAccessKey: 'test',
};

/** The `aws` config section for the test account. */
export const TEST_AWS_CONFIG = {
  mainAccount: TEST_CREDENTIALS,
  accounts: [{ accountId: TEST_ACCOUNT_ID, ...TEST_CREDENTIALS }],
};

/** Credentials of the test account, as the plugin reads them from `TEST_AWS_CONFIG`. */
export function testCredentialsManager(): AwsCredentialsManager {
  return DefaultAwsCredentialsManager.fromConfig(
    new ConfigReader({ aws: TEST_AWS_CONFIG }),
  );
}
