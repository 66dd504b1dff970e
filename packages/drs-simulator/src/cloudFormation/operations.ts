import { OperationContext, OperationSpec } from '../operations/context';
import { createChangeSet } from './changeSets';
import {
  deleteChangeSet,
  deleteStack,
  executeChangeSet,
} from './stackOperations';
import {
  describeChangeSet,
  describeStackEvents,
  describeStacks,
  validateTemplate,
} from './views';

/**
 * An operation of a handler that takes its input as the model's request shape describes it
 * (the service has checked it against the model); `commits` when it changes the world.
 */
function served<T>(
  handle: (context: OperationContext, input: T) => unknown,
  commits = false,
): OperationSpec {
  return {
    handle: (context, input) => handle(context, input as T),
    commits,
  };
}

/** The CloudFormation operations the simulator serves, by name (= the `Action` parameter). */
export const CLOUDFORMATION_OPERATIONS: Record<string, OperationSpec> = {
  CreateChangeSet: served(createChangeSet, true),
  DescribeChangeSet: served(describeChangeSet),
  ExecuteChangeSet: served(executeChangeSet, true),
  DeleteChangeSet: served(deleteChangeSet, true),
  DescribeStacks: served(describeStacks),
  DescribeStackEvents: served(describeStackEvents),
  ValidateTemplate: served(validateTemplate),
  DeleteStack: served(deleteStack, true),
};
