import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mockServices } from '@backstage/backend-test-utils';
import {
  LocalAws,
  LocalDynamo,
  startLocalAws,
  startLocalDynamo,
  TEST_ACCOUNT_ID,
  testCredentialsManager,
} from '@drs-orchestration/drs-testkit';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { deployStackAction } from '../actions/deployStack/deployStackAction';
import { DeployStackInput } from '../actions/deployStack/deployStackInput';
import { jsonCheckpoints } from './checkpoints';

/** The backend principal of the test account, allowed to assume the stack's role. */
export const PRINCIPAL_ARN = `arn:aws:iam::${TEST_ACCOUNT_ID}:role/backstage-backend`;

/**
 * The simulator's CloudFormation stand-in, for a `describe` block: its stacks' tables made in a
 * local DynamoDB, its clock running 1000 times faster than AWS's (a whole stack in well under
 * a second). Started before the block's tests, stopped after them; tests keep apart by using
 * stack names (environment names) of their own.
 */
export function useCloudFormationStandIn(): {
  aws: LocalAws;
  dynamo: LocalDynamo;
  /** The names of the tables in the local DynamoDB. */
  tables(): Promise<string[]>;
} {
  const world = {} as ReturnType<typeof useCloudFormationStandIn>;
  beforeAll(async () => {
    world.dynamo = await startLocalDynamo();
    world.aws = await startLocalAws({
      simulator: {
        dynamodbEndpoint: world.dynamo.endpoint,
        clock: 'real',
        speed: 1000,
      },
    });
  });
  afterAll(async () => {
    await world.aws.stop();
    await world.dynamo.stop();
  });
  world.tables = async () =>
    (await world.dynamo.client.send(new ListTablesCommand({}))).TableNames ??
    [];
  return world;
}

/** drs:stack:deploy for CloudFormation at `endpoint`, polling every few milliseconds. */
export function standInDeployAction(
  endpoint: string,
  options: { timeoutMs?: number } = {},
) {
  return deployStackAction({
    credentialsManager: testCredentialsManager(),
    endpoint,
    pollIntervalMs: 5,
    timeoutMs: options.timeoutMs ?? 20_000,
  });
}

/** The input of a deployment of environment `environmentName`, its tables `<name>-plans` etc. */
export function stackInput(
  environmentName: string,
  input: Partial<DeployStackInput> = {},
): DeployStackInput {
  return {
    region: 'us-east-1',
    environmentName,
    tablePrefix: `${environmentName}-`,
    backstagePrincipalArn: PRINCIPAL_ARN,
    ...input,
  };
}

/**
 * A task running drs:stack:deploy with `input`. Pass `checkpoint` to share checkpoints between
 * runs of one task (a retry after a backend restart), `signal` to cancel it.
 */
export function standInContext(
  input: DeployStackInput,
  overrides: {
    isDryRun?: boolean;
    checkpoint?: ReturnType<typeof jsonCheckpoints>;
    signal?: AbortSignal;
    taskId?: string;
  } = {},
) {
  const logger = mockServices.logger.mock();
  const ctx = {
    ...createMockActionContext({
      // A copy: an object type, which the context's JSON input type accepts, unlike the interface.
      input: { ...input },
      logger,
      task: { id: overrides.taskId ?? `task-${input.environmentName}` },
    }),
    checkpoint: overrides.checkpoint ?? jsonCheckpoints(),
    isDryRun: overrides.isDryRun,
    signal: overrides.signal,
  };
  const logged = () =>
    logger.info.mock.calls.map(call => String(call[0])).join('\n');
  const outputs = () =>
    Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([key, value]) => [key, value]),
    );
  return { ctx, logged, outputs };
}

/** The error `promise` rejects with; fails the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the deployment to fail');
}
