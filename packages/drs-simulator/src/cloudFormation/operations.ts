import { OperationSpec } from '../operations/context';
import { createChangeSet, CreateChangeSetInput } from './changeSets';
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

type Input<F> = F extends (context: never, input: infer T) => unknown
  ? T
  : never;

/** The CloudFormation operations the simulator serves, by name (= the `Action` parameter). */
export const CLOUDFORMATION_OPERATIONS: Record<string, OperationSpec> = {
  CreateChangeSet: {
    handle: (context, input) =>
      createChangeSet(context, input as CreateChangeSetInput),
    commits: true,
  },
  DescribeChangeSet: {
    handle: (context, input) =>
      describeChangeSet(context, input as Input<typeof describeChangeSet>),
  },
  ExecuteChangeSet: {
    handle: (context, input) =>
      executeChangeSet(context, input as Input<typeof executeChangeSet>),
    commits: true,
  },
  DeleteChangeSet: {
    handle: (context, input) =>
      deleteChangeSet(context, input as Input<typeof deleteChangeSet>),
    commits: true,
  },
  DescribeStacks: {
    handle: (context, input) =>
      describeStacks(context, input as Input<typeof describeStacks>),
  },
  DescribeStackEvents: {
    handle: (context, input) =>
      describeStackEvents(context, input as Input<typeof describeStackEvents>),
  },
  ValidateTemplate: {
    handle: (context, input) =>
      validateTemplate(context, input as Input<typeof validateTemplate>),
  },
  DeleteStack: {
    handle: (context, input) =>
      deleteStack(context, input as Input<typeof deleteStack>),
    commits: true,
  },
};
