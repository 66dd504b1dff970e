import { TenantStacks } from './records';

/**
 * A stack as `GET /_sim/state` shows it.
 *
 * @public
 */
export interface SimulatorStackState {
  /** The stack's ARN. */
  stackId: string;
  /** The name it was created with. */
  stackName: string;
  /** CloudFormation's StackStatus, e.g. CREATE_COMPLETE. */
  status: string;
  /** Why it is in that status, as DescribeStacks tells it (a failed resource's reason). */
  statusReason?: string;
  /** What is deployed: each resource's type and physical ID (a table's name, a role's name). */
  resources: { logicalId: string; type: string; physicalId: string }[];
  /** Its outputs, by key. */
  outputs: Record<string, string>;
}

/** Every stack that is not deleted, oldest first. */
export function stacksState({ stacks }: TenantStacks): SimulatorStackState[] {
  return stacks
    .filter(stack => stack.deletedAt === undefined)
    .map(stack => ({
      stackId: stack.stackId,
      stackName: stack.stackName,
      status: stack.status,
      ...(stack.statusReason ? { statusReason: stack.statusReason } : {}),
      resources: [...(stack.deployed?.resources.values() ?? [])].map(
        resource => ({
          logicalId: resource.logicalId,
          type: resource.type,
          physicalId: resource.physicalId,
        }),
      ),
      outputs: Object.fromEntries(
        (stack.deployed?.outputs ?? []).map(output => [
          output.key,
          output.value,
        ]),
      ),
    }));
}
