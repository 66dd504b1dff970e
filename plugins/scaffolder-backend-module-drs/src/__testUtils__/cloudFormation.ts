import { Stack, StackEvent, StackStatus } from '@aws-sdk/client-cloudformation';
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { deployStackAction } from '../actions/deployStack/deployStackAction';
import { DeployStackInput } from '../actions/deployStack/deployStackInput';
import { jsonCheckpoints } from './checkpoints';

export const TASK_ID = 'task-1';
/** What drs:stack:deploy names its change set and stamps on ExecuteChangeSet for TASK_ID. */
export const TASK_TOKEN = 'backstage-task-1';
const STACK_NAME = 'drs-orchestration-prod';
export const STACK_ID = `arn:aws:cloudformation:us-east-1:123456789012:stack/${STACK_NAME}/1a2b`;
export const CHANGE_SET_ID = `arn:aws:cloudformation:us-east-1:123456789012:changeSet/${TASK_TOKEN}/3c4d`;

const deployInput: DeployStackInput = {
  region: 'us-east-1',
  environmentName: 'prod',
  tablePrefix: 'drs-orchestration-prod-',
  alarmEmail: 'sre@example.com',
  backstagePrincipalArn: 'arn:aws:iam::123456789012:role/backstage-backend',
};

export const stackOutputs = {
  PlansTableName: 'drs-orchestration-prod-plans',
  ExecutionsTableName: 'drs-orchestration-prod-executions',
  BackendRoleArn:
    'arn:aws:iam::123456789012:role/drs-orchestration-prod-backend',
  BackendRoleName: 'drs-orchestration-prod-backend',
  DashboardUrl:
    'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=drs-orchestration-prod',
};

export function stack(
  status: StackStatus,
  outputs: Record<string, string> = {},
): Stack {
  return {
    StackId: STACK_ID,
    StackName: STACK_NAME,
    StackStatus: status,
    CreationTime: new Date('2024-05-01T10:00:00Z'),
    Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({
      OutputKey,
      OutputValue,
    })),
  };
}

/** The error CloudFormation answers DescribeStacks with for an unknown stack. */
export function missingStackError(): Error {
  return Object.assign(
    new Error(`Stack with id ${STACK_NAME} does not exist`),
    {
      name: 'ValidationError',
    },
  );
}

let eventCounter = 0;

export function stackEvent(
  logicalId: string,
  resourceType: string,
  status: string,
  options: { reason?: string; token?: string; at?: string } = {},
): StackEvent {
  eventCounter += 1;
  return {
    EventId: `event-${eventCounter}`,
    StackId: STACK_ID,
    StackName: STACK_NAME,
    LogicalResourceId: logicalId,
    ResourceType: resourceType,
    ResourceStatus: status as StackEvent['ResourceStatus'],
    ResourceStatusReason: options.reason,
    ClientRequestToken: options.token ?? TASK_TOKEN,
    Timestamp: new Date(options.at ?? '2030-01-01T00:00:00Z'),
  };
}

/** drs:stack:deploy with fast polling and real credentials handling from app-config. */
export function createDeployAction(options: { timeoutMs?: number } = {}) {
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
    timeoutMs: options.timeoutMs ?? 5_000,
  });
}

/** A task context for drs:stack:deploy; pass `checkpoint` to share checkpoints between runs. */
export function deployContext(
  input: Partial<DeployStackInput> = {},
  overrides: {
    isDryRun?: boolean;
    checkpoint?: ReturnType<typeof jsonCheckpoints>;
  } = {},
) {
  const logger = mockServices.logger.mock();
  const ctx = {
    ...createMockActionContext({
      input: { ...deployInput, ...input },
      logger,
      task: { id: TASK_ID },
    }),
    checkpoint: overrides.checkpoint ?? jsonCheckpoints(),
    isDryRun: overrides.isDryRun,
  };
  const logged = () =>
    logger.info.mock.calls.map(call => String(call[0])).join('\n');
  return { ctx, logged };
}
