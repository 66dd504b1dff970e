import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkoutRef, storedExecution } from '../../__testUtils__/apiHarness';
import {
  localDynamoClients,
  LocalDynamo,
  startLocalDynamo,
} from '@drs-orchestration/drs-testkit';
import { DynamoEngineHeartbeat } from './DynamoEngineHeartbeat';
import { DynamoExecutionStore } from './DynamoExecutionStore';
import { ensureTables, tableNames } from './tables';

describe('DynamoEngineHeartbeat', () => {
  let dynamo: LocalDynamo;
  let documents: DynamoDBDocumentClient;
  let tableName: string;

  beforeEach(async () => {
    dynamo = await startLocalDynamo();
    documents = localDynamoClients(dynamo.endpoint).documents;
    const names = tableNames('heartbeat-');
    await ensureTables(dynamo.client, names, { create: true });
    tableName = names.executions;
  });
  afterEach(() => dynamo.stop());

  it('keeps the last cycle in one item that no execution query returns', async () => {
    const heartbeat = new DynamoEngineHeartbeat(documents, tableName);
    const executions = new DynamoExecutionStore(documents, tableName);
    expect(await heartbeat.read()).toEqual({
      lastCycle: undefined,
      activeExecutions: 0,
    });

    const running = storedExecution({
      status: 'POLLING',
      createdAt: new Date('2026-12-01T00:00:00.000Z'),
      waves: [
        {
          name: 'db',
          sourceServerIds: ['s-00000000000000001'],
          status: 'STARTED',
        },
      ],
    });
    const done = storedExecution({
      status: 'COMPLETED',
      createdAt: new Date('2026-11-01T00:00:00.000Z'),
      endedAfter: 600,
      waves: [
        {
          name: 'db',
          sourceServerIds: ['s-00000000000000002'],
          status: 'COMPLETED',
        },
      ],
    });
    await executions.create(running);
    await executions.create(done);
    const first = {
      completedAt: '2026-12-01T00:00:15.000Z',
      durationMs: 120,
      executions: 1,
      pollIntervalSeconds: 15,
    };
    const second = { ...first, completedAt: '2026-12-01T00:00:30.000Z' };
    await heartbeat.record(first);
    await heartbeat.record(second);

    expect(await heartbeat.read()).toEqual({
      lastCycle: second,
      activeExecutions: 1,
    });
    expect((await executions.listActive()).map(e => e.executionId)).toEqual([
      running.executionId,
    ]);
    expect((await executions.listForEngine()).map(e => e.executionId)).toEqual([
      running.executionId,
    ]);
    const history = await executions.listForEntity(checkoutRef, { limit: 10 });
    expect(history.items.map(e => e.executionId).sort()).toEqual(
      [running.executionId, done.executionId].sort(),
    );
  });
});
