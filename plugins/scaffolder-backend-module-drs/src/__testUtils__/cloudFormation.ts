import { Stack, StackStatus } from '@aws-sdk/client-cloudformation';
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { deployStackAction } from '../actions/deployStack/deployStackAction';
import { DeployStackInput } from '../actions/deployStack/deployStackInput';
import { jsonCheckpoints } from './checkpoints';

/**
 * For the few tests that mock CloudFormation (aws-sdk-client-mock): answers the stand-in
 * cannot give, such as expired credentials or AWS's DNS failing.
 */
const STACK_NAME = 'drs-orchestration-prod';
export const STACK_ID = `arn:aws:cloudformation:us-east-1:123456789012:stack/${STACK_NAME}/1a2b`;
export const CHANGE_SET_ID = `arn:aws:cloudformation:us-east-1:123456789012:changeSet/backstage-task-1/3c4d`;

const deployInput: DeployStackInput = {
  region: 'us-east-1',
  environmentName: 'prod',
  tablePrefix: 'drs-orchestration-prod-',
  backstagePrincipalArn: 'arn:aws:iam::123456789012:role/backstage-backend',
};

export function stack(status: StackStatus): Stack {
  return {
    StackId: STACK_ID,
    StackName: STACK_NAME,
    StackStatus: status,
    CreationTime: new Date('2024-05-01T10:00:00Z'),
  };
}

/** The error CloudFormation answers DescribeStacks with for an unknown stack. */
export function missingStackError(): Error {
  return Object.assign(
    new Error(`Stack with id ${STACK_NAME} does not exist`),
    { name: 'ValidationError', $metadata: { httpStatusCode: 400 } },
  );
}

/** An error as the SDK raises it for a service's answer `name`. */
export function serviceError(name: string, message: string): Error {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: 400 },
  });
}

/** drs:stack:deploy for real AWS (no endpoint), credentials of the main and one more account. */
export function createDeployAction() {
  const config = mockServices.rootConfig({
    data: {
      aws: {
        mainAccount: {
          accessKeyId: 'AKIDMAIN',
          secretAccessKey: 'main-secret',
        },
        accounts: [
          {
            accountId: '210987654321',
            accessKeyId: 'AKIDOTHER',
            secretAccessKey: 'other-secret',
          },
        ],
      },
    },
  });
  return deployStackAction({
    credentialsManager: DefaultAwsCredentialsManager.fromConfig(config),
    pollIntervalMs: 1,
    timeoutMs: 5_000,
  });
}

/** A task context for drs:stack:deploy. */
export function deployContext(input: Partial<DeployStackInput> = {}) {
  return {
    ...createMockActionContext({
      input: { ...deployInput, ...input },
      logger: mockServices.logger.mock(),
      task: { id: 'task-1' },
    }),
    checkpoint: jsonCheckpoints(),
  };
}
