import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoEngineHeartbeat } from './DynamoEngineHeartbeat';
import { DynamoExecutionStore } from './DynamoExecutionStore';
import { DynamoPlanEvaluationStore } from './DynamoPlanEvaluationStore';
import { DynamoPlanStore } from './DynamoPlanStore';
import { DEFAULT_TABLE_PREFIX, ensureTables, tableNames } from './tables';
import { DrsStores, DynamoDrsStoresOptions } from './types';

/**
 * The plugin's own stores in DynamoDB, through one client, once every table and index is known
 * to exist (or created, with `createTables`). An adopter who replaces `drsStoresServiceRef`
 * can build these and wrap them; they are class instances, so a wrapper delegates to them (or
 * replaces a method on the instance) rather than spreading them into a new object.
 *
 * @public
 */
export async function createDynamoDrsStores(
  options: DynamoDrsStoresOptions,
): Promise<DrsStores> {
  const names = tableNames(options.tablePrefix ?? DEFAULT_TABLE_PREFIX);
  await ensureTables(options.client, names, {
    create: options.createTables ?? false,
  });
  const documents = DynamoDBDocumentClient.from(options.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    plans: new DynamoPlanStore(documents, names.plans),
    executions: new DynamoExecutionStore(documents, names.executions),
    heartbeat: new DynamoEngineHeartbeat(documents, names.executions),
    evaluations: new DynamoPlanEvaluationStore(
      documents,
      names.plans,
      names.executions,
    ),
  };
}
