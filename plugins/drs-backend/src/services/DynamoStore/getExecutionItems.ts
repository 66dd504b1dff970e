import { setTimeout } from 'timers/promises';
import {
  BatchGetCommand,
  BatchGetCommandOutput,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ExecutionItem } from './executionItem';

/** DynamoDB's limit of keys in one BatchGetItem. */
const MAX_KEYS_PER_BATCH = 100;

/** Whole execution items by ID, strongly consistent, in batches of DynamoDB's limit. */
export async function getExecutionItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  executionIds: string[],
): Promise<Map<string, ExecutionItem>> {
  const items = new Map<string, ExecutionItem>();
  for (let i = 0; i < executionIds.length; i += MAX_KEYS_PER_BATCH) {
    let keys: Record<string, unknown>[] | undefined = executionIds
      .slice(i, i + MAX_KEYS_PER_BATCH)
      .map(executionId => ({ execution_id: executionId }));
    for (let retry = 0; keys && keys.length > 0; retry++) {
      // Keys DynamoDB left unprocessed (throttled) are asked again after a growing pause.
      if (retry > 0) await setTimeout(Math.min(50 * 2 ** retry, 2000));
      const answer: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: { Keys: keys, ConsistentRead: true },
          },
        }),
      );
      for (const item of answer.Responses?.[tableName] ?? []) {
        items.set(item.execution_id, item as ExecutionItem);
      }
      keys = answer.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
}
