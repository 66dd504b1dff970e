import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';

export interface TableNames {
  plans: string;
  executions: string;
}

export const STATUS_INDEX = 'StatusIndex';
export const ENTITY_INDEX = 'EntityIndex';
/**
 * Sparse index of finished executions the engine must still visit (needsEngineAfterEnd of
 * drs-common: a drill's instances being terminated or due for cleanup, an automation being
 * stopped): only such items carry `engine_attention`.
 */
export const ATTENTION_INDEX = 'AttentionIndex';
/**
 * The value of `engine_attention`, whatever the reason: the index only needs one. It says
 * TERMINATE, its only reason once, so that items written then are still found.
 */
export const ENGINE_ATTENTION = 'TERMINATE';

/** The prefix of the stack's tables unless `drs.dynamodb.tablePrefix` says otherwise. */
export const DEFAULT_TABLE_PREFIX = 'drs-orchestration-';

export function tableNames(prefix: string): TableNames {
  return { plans: `${prefix}plans`, executions: `${prefix}executions` };
}

/**
 * What the indexes carry besides the keys: every item attribute but the compressed waves, the
 * bulk of an item, which index queries never need. Each write then copies little into the
 * indexes, and a query of every active execution reads a few kilobytes per execution.
 */
export const INDEX_ATTRIBUTES = [
  'version',
  'header',
  'wave_count',
  'server_count',
  'completed_wave_count',
  'failed_server_count',
];

function indexProjection(...alsoFilteredOn: string[]) {
  return {
    ProjectionType: 'INCLUDE' as const,
    NonKeyAttributes: [...INDEX_ATTRIBUTES, ...alsoFilteredOn],
  };
}

/** The key schema both `createTables` and the CloudFormation stack must produce. */
function tableDefinitions(names: TableNames) {
  return [
    {
      TableName: names.plans,
      BillingMode: 'PAY_PER_REQUEST' as const,
      AttributeDefinitions: [
        { AttributeName: 'entity_ref', AttributeType: 'S' as const },
        { AttributeName: 'plan_id', AttributeType: 'S' as const },
      ],
      KeySchema: [
        { AttributeName: 'entity_ref', KeyType: 'HASH' as const },
        { AttributeName: 'plan_id', KeyType: 'RANGE' as const },
      ],
    },
    {
      TableName: names.executions,
      BillingMode: 'PAY_PER_REQUEST' as const,
      AttributeDefinitions: [
        { AttributeName: 'execution_id', AttributeType: 'S' as const },
        { AttributeName: 'execution_status', AttributeType: 'S' as const },
        { AttributeName: 'entity_ref', AttributeType: 'S' as const },
        { AttributeName: 'created_at', AttributeType: 'S' as const },
        { AttributeName: 'engine_attention', AttributeType: 'S' as const },
      ],
      KeySchema: [{ AttributeName: 'execution_id', KeyType: 'HASH' as const }],
      GlobalSecondaryIndexes: [
        {
          IndexName: STATUS_INDEX,
          KeySchema: [
            { AttributeName: 'execution_status', KeyType: 'HASH' as const },
            { AttributeName: 'created_at', KeyType: 'RANGE' as const },
          ],
          Projection: indexProjection(),
        },
        {
          IndexName: ENTITY_INDEX,
          KeySchema: [
            { AttributeName: 'entity_ref', KeyType: 'HASH' as const },
            { AttributeName: 'created_at', KeyType: 'RANGE' as const },
          ],
          // An entity's history can be filtered by status.
          Projection: indexProjection('execution_status'),
        },
        {
          IndexName: ATTENTION_INDEX,
          KeySchema: [
            { AttributeName: 'engine_attention', KeyType: 'HASH' as const },
            { AttributeName: 'created_at', KeyType: 'RANGE' as const },
          ],
          Projection: indexProjection(),
        },
      ],
    },
  ];
}

async function describeIndexes(
  client: DynamoDBClient,
  tableName: string,
): Promise<string[] | undefined> {
  try {
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableName }),
    );
    return (Table?.GlobalSecondaryIndexes ?? []).map(i => i.IndexName ?? '');
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Checks that every table and index exists, creating missing tables when asked to (local use).
 * Fails fast with a message that names what is missing, so a misconfigured deployment
 * does not start and fail later on the first request.
 */
export async function ensureTables(
  client: DynamoDBClient,
  names: TableNames,
  options: { create: boolean },
): Promise<void> {
  for (const definition of tableDefinitions(names)) {
    let indexes = await describeIndexes(client, definition.TableName);
    if (indexes === undefined && options.create) {
      await client.send(new CreateTableCommand(definition));
      indexes = await describeIndexes(client, definition.TableName);
    }
    if (indexes === undefined) {
      throw new Error(
        `DynamoDB table ${definition.TableName} does not exist. Deploy the DRS orchestration stack (drs:stack:deploy) or set drs.dynamodb.createTables: true for local use.`,
      );
    }
    const missing = (definition.GlobalSecondaryIndexes ?? [])
      .map(i => i.IndexName)
      .filter(name => !indexes!.includes(name));
    if (missing.length > 0) {
      throw new Error(
        `DynamoDB table ${
          definition.TableName
        } lacks the index(es) ${missing.join(
          ', ',
        )}; update the DRS orchestration stack.`,
      );
    }
  }
}
