import { cloudFormationError, validationError } from './errors';
import { ChangeSetRecord, StackRecord, TenantStacks } from './records';

const isArn = (nameOrId: string) => nameOrId.startsWith('arn:');

/**
 * A stack by name (the live one: not deleted) or by ID (any, deleted ones too), as
 * CloudFormation finds them.
 */
export function findStack(
  { stacks }: TenantStacks,
  nameOrId: string,
): StackRecord | undefined {
  return isArn(nameOrId)
    ? stacks.find(stack => stack.stackId === nameOrId)
    : stacks.find(
        stack => stack.stackName === nameOrId && stack.deletedAt === undefined,
      );
}

export function stackOrError(
  stacks: TenantStacks,
  nameOrId: string,
): StackRecord {
  const stack = findStack(stacks, nameOrId);
  if (!stack) {
    throw validationError(`Stack with id ${nameOrId} does not exist`);
  }
  return stack;
}

/** A change set by ARN, or by name within the stack named. */
export function changeSetOrError(
  stacks: TenantStacks,
  changeSetName: string,
  stackName: string | undefined,
): ChangeSetRecord {
  if (isArn(changeSetName)) {
    const found = stacks.changeSets.get(changeSetName);
    if (!found) {
      throw cloudFormationError(
        'ChangeSetNotFoundException',
        `ChangeSet [${changeSetName}] does not exist`,
      );
    }
    return found;
  }
  if (!stackName) {
    throw validationError(
      'StackName must be specified if ChangeSetName is not specified as an ARN.',
    );
  }
  const stack = findStack(stacks, stackName);
  const found = [...stacks.changeSets.values()].find(
    changeSet =>
      changeSet.stackId === stack?.stackId &&
      changeSet.changeSetName === changeSetName,
  );
  if (!found) {
    throw cloudFormationError(
      'ChangeSetNotFoundException',
      `ChangeSet [${changeSetName}] does not exist`,
    );
  }
  return found;
}

/** Statuses from which a stack may be updated (with DisableRollback, the *_FAILED ones too). */
const UPDATABLE = [
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'CREATE_FAILED',
  'UPDATE_FAILED',
];

export function assertUpdatable(stack: StackRecord): void {
  if (!UPDATABLE.includes(stack.status)) {
    throw validationError(
      `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`,
    );
  }
}
