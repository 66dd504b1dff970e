import {
  CloudFormationClient,
  DescribeStacksCommand,
  Stack,
} from '@aws-sdk/client-cloudformation';
import { DeployStackError } from './deployStackErrors';

/** CloudFormation answers DescribeStacks for an unknown stack with a ValidationError. */
function isMissingStack(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationError' &&
    /does not exist/.test(error.message)
  );
}

export async function findStack(
  client: CloudFormationClient,
  stackName: string,
): Promise<Stack | undefined> {
  try {
    const { Stacks } = await client.send(
      new DescribeStacksCommand({ StackName: stackName }),
    );
    return Stacks?.[0];
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw error;
  }
}

export async function getStack(
  client: CloudFormationClient,
  stackName: string,
): Promise<Stack> {
  const stack = await findStack(client, stackName);
  if (!stack) {
    throw new DeployStackError(
      `Stack ${stackName} disappeared while it was being deployed`,
    );
  }
  return stack;
}

export function isInProgress(status: string | undefined): boolean {
  return status?.endsWith('_IN_PROGRESS') ?? false;
}

export function isDeployed(status: string | undefined): boolean {
  return status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE';
}

export function stackOutputs(stack: Stack): Record<string, string> {
  return Object.fromEntries(
    (stack.Outputs ?? []).map(output => [
      output.OutputKey ?? '',
      output.OutputValue ?? '',
    ]),
  );
}
