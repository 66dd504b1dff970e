import {
  CreateTableCommand,
  CreateTableCommandInput,
  DescribeTableCommand,
} from '@aws-sdk/client-dynamodb';
import {
  LocalDynamo,
  startDrsBackend,
  startLocalDynamo,
} from '../__testUtils__/localDrsBackend';
import { parseStackTemplate } from '../__testUtils__/stackTemplateDocument';

type TableDefinition = Pick<
  CreateTableCommandInput,
  | 'TableName'
  | 'BillingMode'
  | 'AttributeDefinitions'
  | 'KeySchema'
  | 'GlobalSecondaryIndexes'
>;

/** The two tables as the template declares them, with `${TablePrefix}` resolved to `prefix`. */
function templateTables(prefix: string): TableDefinition[] {
  const template = parseStackTemplate();
  return ['PlansTable', 'ExecutionsTable'].map(id => {
    const {
      TableName,
      BillingMode,
      AttributeDefinitions,
      KeySchema,
      GlobalSecondaryIndexes,
    } = template.Resources[id].Properties as Omit<
      TableDefinition,
      'TableName'
    > & { TableName: { 'Fn::Sub': string } };
    return {
      TableName: TableName['Fn::Sub'].replace('${TablePrefix}', prefix),
      BillingMode,
      AttributeDefinitions,
      KeySchema,
      GlobalSecondaryIndexes,
    };
  });
}

/** A table as DynamoDB describes it, in the shape of its definition. */
async function describedTable(
  dynamo: LocalDynamo,
  tableName: string | undefined,
): Promise<TableDefinition> {
  const { Table } = await dynamo.client.send(
    new DescribeTableCommand({ TableName: tableName }),
  );
  return {
    TableName: Table?.TableName,
    BillingMode: Table?.BillingModeSummary?.BillingMode,
    AttributeDefinitions: Table?.AttributeDefinitions,
    KeySchema: Table?.KeySchema,
    GlobalSecondaryIndexes: Table?.GlobalSecondaryIndexes?.map(
      ({ IndexName, KeySchema, Projection }) => ({
        IndexName,
        KeySchema,
        Projection,
      }),
    ),
  };
}

/** Declaration order carries no meaning for attributes and indexes. */
function normalized(tables: TableDefinition[]) {
  return tables.map(table => ({
    ...table,
    AttributeDefinitions: table.AttributeDefinitions?.slice().sort((a, b) =>
      (a.AttributeName ?? '').localeCompare(b.AttributeName ?? ''),
    ),
    GlobalSecondaryIndexes: table.GlobalSecondaryIndexes?.slice().sort((a, b) =>
      (a.IndexName ?? '').localeCompare(b.IndexName ?? ''),
    ),
  }));
}

describe('the stack template and the tables of the DRS backend', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startLocalDynamo();
  });
  afterAll(() => dynamo.stop());

  it('declares the tables exactly as the backend creates them', async () => {
    await startDrsBackend({
      dynamodbEndpoint: dynamo.endpoint,
      tablePrefix: 'backend-',
      createTables: true,
    });
    const declared = templateTables('backend-');

    const created = await Promise.all(
      declared.map(table => describedTable(dynamo, table.TableName)),
    );

    expect(normalized(declared)).toEqual(normalized(created));
  });

  it("passes the backend's start-up check without creating anything", async () => {
    for (const table of templateTables('stack-')) {
      await dynamo.client.send(new CreateTableCommand(table));
    }

    await expect(
      startDrsBackend({
        dynamodbEndpoint: dynamo.endpoint,
        tablePrefix: 'stack-',
        createTables: false,
      }),
    ).resolves.toBeDefined();
    await expect(
      startDrsBackend({
        dynamodbEndpoint: dynamo.endpoint,
        tablePrefix: 'absent-',
        createTables: false,
      }),
    ).rejects.toThrow('DynamoDB table absent-plans does not exist');
  });
});
