import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  Stack,
  StackEvent,
} from '@aws-sdk/client-cloudformation';
import { LoggerService } from '@backstage/backend-plugin-api';
import { pollUntil, PollOptions } from './polling';
import { getStack, isInProgress } from './stacks';

/** The stack operation started by one ExecuteChangeSet call; JSON, stored as a task checkpoint. */
export type StackOperation = {
  stackId: string;
  /** The ClientRequestToken of ExecuteChangeSet; CloudFormation stamps it on the operation's events. */
  clientRequestToken: string;
  /** When ExecuteChangeSet was called; identifies events CloudFormation left unstamped. */
  startedAt: string;
};

function belongsTo(operation: StackOperation, event: StackEvent): boolean {
  if (event.ClientRequestToken) {
    return event.ClientRequestToken === operation.clientRequestToken;
  }
  return (event.Timestamp?.getTime() ?? 0) >= Date.parse(operation.startedAt);
}

/** The operation's events not seen before, oldest first; DescribeStackEvents lists newest first. */
async function readNewEvents(
  client: CloudFormationClient,
  operation: StackOperation,
  seen: Map<string, StackEvent>,
): Promise<StackEvent[]> {
  const fresh: StackEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new DescribeStackEventsCommand({
        StackName: operation.stackId,
        NextToken: nextToken,
      }),
    );
    for (const event of page.StackEvents ?? []) {
      if (!belongsTo(operation, event) || seen.has(event.EventId ?? '')) {
        return fresh.reverse();
      }
      seen.set(event.EventId ?? '', event);
      fresh.push(event);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return fresh.reverse();
}

function describeEvent(event: StackEvent): string {
  const reason = event.ResourceStatusReason
    ? `: ${event.ResourceStatusReason}`
    : '';
  return `${event.LogicalResourceId} (${event.ResourceType}) ${event.ResourceStatus}${reason}`;
}

/**
 * Waits until the stack operation ends, reporting each resource event in the task log.
 * Returns the final stack and every event of the operation.
 */
export async function followStackOperation(
  client: CloudFormationClient,
  operation: StackOperation,
  logger: LoggerService,
  poll: PollOptions,
): Promise<{ stack: Stack; events: StackEvent[] }> {
  const seen = new Map<string, StackEvent>();
  const stack = await pollUntil(
    `stack ${operation.stackId}`,
    poll,
    async () => {
      // Stack first, then events: when the stack has ended, its last events are in this read.
      const current = await getStack(client, operation.stackId);
      for (const event of await readNewEvents(client, operation, seen)) {
        logger.info(describeEvent(event));
      }
      return isInProgress(current.StackStatus) ? undefined : current;
    },
  );
  return { stack, events: [...seen.values()] };
}

/**
 * Why the operation failed: the reasons of the resources that failed. Resources CloudFormation
 * merely cancelled because another one failed are left out when a real cause is known.
 */
export function failureReasons(events: StackEvent[]): string[] {
  const failed = events
    .filter(
      e => e.ResourceStatus?.endsWith('_FAILED') && e.ResourceStatusReason,
    )
    .map(e => ({
      text: `${e.LogicalResourceId} (${e.ResourceType}): ${e.ResourceStatusReason}`,
      cancelled: /cancelled/i.test(e.ResourceStatusReason ?? ''),
    }));
  const causes = failed.filter(f => !f.cancelled);
  return (causes.length > 0 ? causes : failed).map(f => f.text);
}
