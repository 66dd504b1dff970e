import {
  BatchGetCommand,
  BatchGetCommandOutput,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'crypto';
import {
  Execution,
  ExecutionAutomationStep,
  newExecution,
  PlanStep,
} from '@drs-orchestration/plugin-drs-common';
import { storedExecution } from '../../__testUtils__/apiHarness';
import {
  localDynamoClients,
  LocalDynamo,
  startLocalDynamo,
} from '@drs-orchestration/drs-testkit';
import { DynamoExecutionStore } from './DynamoExecutionStore';
import { ensureTables, tableNames } from './tables';

/** An active execution with a new ID. */
function activeExecution(): Execution {
  return storedExecution({
    status: 'POLLING',
    createdAt: new Date('2026-11-26T00:00:00.000Z'),
    waves: [
      {
        name: 'all',
        sourceServerIds: ['s-00000000000000001', 's-00000000000000002'],
        status: 'STARTED',
      },
    ],
  });
}

describe('ExecutionStore index reads', () => {
  let dynamo: LocalDynamo;
  let documents: DynamoDBDocumentClient;
  let tableName: string;

  beforeEach(async () => {
    dynamo = await startLocalDynamo();
    documents = localDynamoClients(dynamo.endpoint).documents;
    const names = tableNames('store-');
    await ensureTables(dynamo.client, names, { create: true });
    tableName = names.executions;
  });
  afterEach(() => dynamo.stop());

  it('loses no execution that its own write moves on while whole items are fetched', async () => {
    const store = new DynamoExecutionStore(documents, tableName);
    const known = activeExecution();
    await store.create(known);
    await store.listActive(); // decodes `known`
    const other = activeExecution();
    await store.create(other); // not decoded yet: the next read fetches it

    // The write lands after the index read and before the fetch of the other item answers.
    const send = documents.send.bind(documents);
    let written: Promise<Execution> | undefined;
    documents.send = ((command: unknown) => {
      if (command instanceof BatchGetCommand && !written) {
        written = store.update(known);
        return written.then(() => send(command as never));
      }
      return send(command as never);
    }) as typeof documents.send;

    const listed = await store.listActive();
    expect(written).toBeDefined();
    // As the index reported them: the written version is the next read's.
    expect(listed.map(e => [e.executionId, e.version]).sort()).toEqual(
      [
        [known.executionId, known.version],
        [other.executionId, other.version],
      ].sort(),
    );
    expect(
      (await store.listActive()).find(e => e.executionId === known.executionId)
        ?.version,
    ).toBe(known.version + 1);
  });

  it("lists an execution's worst data-loss window in its history, from the index alone", async () => {
    const store = new DynamoExecutionStore(documents, tableName);
    const execution = activeExecution();
    const [first, second] = execution.waves[0].servers;
    Object.assign(first, { status: 'LAUNCHED', dataLossSeconds: 1800 });
    Object.assign(second, { status: 'LAUNCHED', dataLossSeconds: 2400 });
    await store.create(execution);
    const unmeasured = activeExecution();
    await store.create(unmeasured);

    const history = await store.listForEntity(execution.entityRef, {
      limit: 10,
    });
    const summaryOf = (executionId: string) =>
      history.items.find(item => item.executionId === executionId);
    expect(summaryOf(execution.executionId)?.worstDataLossSeconds).toBe(2400);
    expect(summaryOf(unmeasured.executionId)).not.toHaveProperty(
      'worstDataLossSeconds',
    );
    // How far it got, which a failed drill is judged by on the health card
    expect(summaryOf(execution.executionId)?.progress).toEqual({
      wavesStarted: execution.waves.filter(w => w.startedAt).length,
      serversLaunched: 2,
    });

    // Derived for history only: an execution read back is the one written.
    expect(await store.get(execution.executionId)).toEqual(execution);
    const [listed] = (await store.listActive()).filter(
      e => e.executionId === execution.executionId,
    );
    expect(listed).not.toHaveProperty('worstDataLossSeconds');
    expect(listed).not.toHaveProperty('progress');
    expect(listed.waves).toEqual(execution.waves);
  });

  it('asks again for the items DynamoDB left unprocessed', async () => {
    const store = new DynamoExecutionStore(documents, tableName);
    const created = Array.from({ length: 3 }, activeExecution);
    for (const e of created) await store.create(e);

    // Throttled, DynamoDB answers part of a batch and names the rest as unprocessed.
    const send = documents.send.bind(documents);
    const batches: number[] = [];
    documents.send = (async (command: unknown) => {
      if (!(command instanceof BatchGetCommand)) return send(command as never);
      const answer: BatchGetCommandOutput = await send(command);
      const keys = command.input.RequestItems![tableName].Keys!;
      batches.push(keys.length);
      if (batches.length > 1) return answer;
      const [kept, ...left] = answer.Responses![tableName];
      return {
        ...answer,
        Responses: { [tableName]: [kept] },
        UnprocessedKeys: {
          [tableName]: {
            Keys: left.map(item => ({ execution_id: item.execution_id })),
          },
        },
      };
    }) as typeof documents.send;

    const listed = await store.listActive();
    expect(batches).toEqual([3, 2]);
    expect(listed.map(e => e.executionId).sort()).toEqual(
      created.map(e => e.executionId).sort(),
    );
  });

  it('keeps the largest execution a plan allows within an item, leaving out step outputs only when they do not fit', async () => {
    const store = new DynamoExecutionStore(documents, tableName);
    const steps = (phase: string): PlanStep[] =>
      Array.from({ length: 5 }, (_, i) => ({
        type: 'automation',
        name: `${phase} ${i}`,
        documentName: 'Runbook',
      }));
    // 20 waves × 100 servers, 10 automation steps each, every one with outputs and a failure
    // message at the most the domain keeps, and nothing in them to compress.
    const execution = newExecution({
      executionId: 'the-largest-execution',
      plan: {
        ...storedExecution({
          status: 'PENDING',
          createdAt: new Date(),
          waves: [],
        }),
        planId: 'plan',
        name: 'largest',
        description: '',
        defaultMode: 'DRILL',
        timeoutMinutes: 60,
        createdBy: 'user:default/test',
        updatedAt: '2026-11-26T00:00:00.000Z',
        updatedBy: 'user:default/test',
        version: 1,
        waves: Array.from({ length: 20 }, (_, w) => ({
          name: `wave ${w}`,
          sourceServerIds: Array.from(
            { length: 100 },
            (__, i) => `s-${String(w * 100 + i).padStart(17, '0')}`,
          ),
          waitFor: 'LAUNCHED' as const,
          pauseBefore: false,
          dependsOn: [],
          before: steps('before'),
          after: steps('after'),
        })),
      },
      mode: 'DRILL',
      initiatedBy: 'user:default/test',
      region: 'us-east-1',
      servers: [],
      now: new Date('2026-11-26T00:00:00.000Z'),
    });
    const noise = (characters: number) =>
      randomBytes(characters).toString('base64').slice(0, characters);
    for (const step of execution.waves.flatMap(w => w.steps!)) {
      Object.assign(step, {
        status: 'FAILED',
        automationExecutionId: noise(36),
        outputs: { Result: [noise(2000)] },
        failureReason: noise(1000),
      });
    }
    await store.create(execution);

    const read = await store.get(execution.executionId);
    const stored = read.waves.flatMap(
      w => w.steps as ExecutionAutomationStep[],
    );
    expect(stored).toHaveLength(200);
    for (const [i, step] of stored.entries()) {
      expect(step).not.toHaveProperty('outputs');
      expect(step.outputsTruncated).toBe(true);
      expect(step.failureReason).toBe(
        execution.waves.flatMap(w => w.steps!)[i].failureReason,
      );
    }
    // An update returns what it stored: what the next cycle reads.
    expect(await store.update(execution)).toEqual({
      ...read,
      version: read.version + 1,
    });

    const small = activeExecution();
    small.waves[0].steps = [
      {
        ...(execution.waves[0].steps![0] as ExecutionAutomationStep),
        outputs: { Result: ['fits'] },
      },
    ];
    await store.create(small);
    expect(await store.get(small.executionId)).toEqual(small);
  });
});
