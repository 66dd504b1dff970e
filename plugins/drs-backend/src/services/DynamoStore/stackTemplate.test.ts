import { readFileSync } from 'fs';
import { Server } from 'http';
import { AddressInfo } from 'net';
import { resolve } from 'path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Execution, RecoveryPlan } from '@drs-orchestration/plugin-drs-common';
import dynalite from 'dynalite';
import { parse } from 'yaml';
import { ExecutionStore } from './ExecutionStore';
import { PlanStore } from './PlanStore';
import { ensureTables, tableDefinitions, tableNames } from './tables';

/** The CloudFormation stack that creates these tables in AWS (scaffolder module, drs:stack:deploy). */
const STACK_TEMPLATE = resolve(
  __dirname,
  '../../../../scaffolder-backend-module-drs/templates/drs-orchestration-stack.yaml',
);
const PREFIX = 'stack-';

type KeySchema = Array<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>;

interface TableDefinition {
  TableName: string;
  BillingMode: 'PAY_PER_REQUEST';
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: 'S' }>;
  KeySchema: KeySchema;
  GlobalSecondaryIndexes?: Array<{
    IndexName: string;
    KeySchema: KeySchema;
    Projection: { ProjectionType: 'INCLUDE'; NonKeyAttributes: string[] };
  }>;
}

/** The two tables as the template declares them, with `${TablePrefix}` resolved to `prefix`. */
function templateTables(prefix: string): TableDefinition[] {
  const template = parse(readFileSync(STACK_TEMPLATE, 'utf8'));
  return ['PlansTable', 'ExecutionsTable'].map(id => {
    const {
      TableName,
      BillingMode,
      AttributeDefinitions,
      KeySchema,
      GlobalSecondaryIndexes,
    } = template.Resources[id].Properties;
    return {
      TableName: TableName['Fn::Sub'].replace('${TablePrefix}', prefix),
      BillingMode,
      AttributeDefinitions,
      KeySchema,
      GlobalSecondaryIndexes,
    };
  });
}

/** Declaration order carries no meaning for attributes and indexes. */
function normalized(tables: TableDefinition[]) {
  return tables.map(table => ({
    ...table,
    AttributeDefinitions: [...table.AttributeDefinitions].sort((a, b) =>
      a.AttributeName.localeCompare(b.AttributeName),
    ),
    GlobalSecondaryIndexes: table.GlobalSecondaryIndexes?.slice().sort((a, b) =>
      a.IndexName.localeCompare(b.IndexName),
    ),
  }));
}

const checkoutRef = 'component:default/checkout';

const FULL_STACK_PLAN_ID = '00000000-0000-4000-8000-000000000001';
const DATABASE_PLAN_ID = '00000000-0000-4000-8000-000000000002';

function plan(planId: string, name: string): RecoveryPlan {
  return {
    planId,
    entityRef: checkoutRef,
    name,
    description: '',
    defaultMode: 'DRILL',
    timeoutMinutes: 60,
    waves: [
      {
        name: 'db',
        sourceServerIds: ['s-1234567890abcdef0'],
        waitFor: 'LAUNCHED',
        pauseBefore: false,
        dependsOn: [],
      },
    ],
    createdAt: '2024-05-01T10:00:00.000Z',
    createdBy: 'user:default/alice',
    updatedAt: '2024-05-01T10:00:00.000Z',
    updatedBy: 'user:default/alice',
    version: 1,
  };
}

function execution(
  executionId: string,
  createdAt: string,
  entityRef = checkoutRef,
): Execution {
  return {
    executionId,
    planId: FULL_STACK_PLAN_ID,
    planName: 'Checkout full stack',
    entityRef,
    mode: 'DRILL',
    status: 'PENDING',
    region: 'us-east-1',
    initiatedBy: 'user:default/alice',
    createdAt,
    timeoutAt: '2024-05-01T16:00:00.000Z',
    waves: [
      {
        name: 'db',
        status: 'PENDING',
        waitFor: 'LAUNCHED',
        pauseBefore: false,
        dependsOn: [],
        servers: [
          { sourceServerId: 's-1234567890abcdef0', status: 'NOT_STARTED' },
        ],
        jobLog: [],
      },
    ],
    polling: { pollCount: 0 },
    requests: {},
    version: 1,
  };
}

describe('the CloudFormation stack template and the DynamoDB stores', () => {
  let server: Server;
  let client: DynamoDBClient;
  const names = tableNames(PREFIX);

  beforeAll(async () => {
    server = dynalite({ createTableMs: 0 });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    for (const table of templateTables(PREFIX)) {
      await client.send(new CreateTableCommand(table));
    }
  });
  afterAll(async () => {
    client.destroy();
    await new Promise(done => server.close(done));
  });

  it('declares the tables exactly as the backend defines them', () => {
    expect(normalized(templateTables(PREFIX))).toEqual(
      normalized(tableDefinitions(names)),
    );
  });

  it("passes the backend's start-up check without creating anything", async () => {
    await expect(
      ensureTables(client, names, { create: false }),
    ).resolves.toBeUndefined();
    await expect(
      ensureTables(client, tableNames('absent-'), { create: false }),
    ).rejects.toThrow('DynamoDB table absent-plans does not exist');
  });

  it('stores, lists and updates plans', async () => {
    const documents = DynamoDBDocumentClient.from(client);
    const plans = new PlanStore(documents, names.plans);
    await plans.create(plan(FULL_STACK_PLAN_ID, 'Checkout full stack'));
    await plans.create(plan(DATABASE_PLAN_ID, 'Database only'));

    const saved = await plans.get(checkoutRef, DATABASE_PLAN_ID);
    await plans.update(
      { ...saved, description: 'Just the data', version: 2 },
      1,
    );

    expect(
      (await plans.listForEntity(checkoutRef)).map(p => [p.name, p.version]),
    ).toEqual([
      ['Checkout full stack', 1],
      ['Database only', 2],
    ]);
    expect((await plans.get(checkoutRef, saved.planId)).description).toBe(
      'Just the data',
    );
  });

  it('finds executions by status (StatusIndex), by entity (EntityIndex) and for the engine', async () => {
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const executions = new ExecutionStore(documents, names.executions);
    await executions.create(execution('exec-1', '2024-05-01T10:00:00.000Z'));
    await executions.create(execution('exec-2', '2024-05-01T11:00:00.000Z'));
    await executions.create(
      execution(
        'exec-3',
        '2024-05-01T12:00:00.000Z',
        'component:default/payments',
      ),
    );
    const polling = await executions.update({
      ...(await executions.get('exec-1')),
      status: 'POLLING',
    });

    expect(
      (await executions.queryStatus('PENDING')).map(e => e.executionId).sort(),
    ).toEqual(['exec-2', 'exec-3']);
    expect(
      (await executions.queryStatus('POLLING')).map(e => e.executionId),
    ).toEqual(['exec-1']);
    const history = await executions.listForEntity(checkoutRef, { limit: 10 });
    expect(history.items.map(e => [e.executionId, e.status])).toEqual([
      ['exec-2', 'PENDING'],
      ['exec-1', 'POLLING'],
    ]);

    // exec-1 has ended, so only AttentionIndex can find it: its drill instances are being terminated.
    await executions.update({
      ...polling,
      status: 'COMPLETED',
      requests: {
        terminate: {
          by: 'user:default/alice',
          at: '2024-05-01T13:00:00.000Z',
          status: 'REQUESTED',
        },
      },
    });
    expect(
      (await executions.listForEngine()).map(e => e.executionId).sort(),
    ).toEqual(['exec-1', 'exec-2', 'exec-3']);
  });
});
