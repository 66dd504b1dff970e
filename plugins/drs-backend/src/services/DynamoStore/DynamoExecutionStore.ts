import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { NotFoundError } from '@backstage/errors';
import {
  ACTIVE_EXECUTION_STATUSES,
  Execution,
  ExecutionSummary,
  ExecutionWave,
  Page,
} from '@drs-orchestration/plugin-drs-common';
import { deepFreeze } from '@drs-orchestration/plugin-drs-common/engine';
import { conditionalWrite, isConditionalCheckFailed } from './conditional';
import {
  decodeWaves,
  ExecutionHeaderItem,
  ExecutionItem,
  storedForm,
  SUMMARY_PROJECTION,
  toExecution,
  toSummary,
} from './executionItem';
import { getExecutionItems } from './getExecutionItems';
import { decodeCursor, encodeCursor } from './historyCursor';
import { queryAll } from './queryAll';
import { resolvedSend } from './resolvedSend';
import {
  ATTENTION_INDEX,
  ENGINE_ATTENTION,
  ENTITY_INDEX,
  STATUS_INDEX,
} from './tables';
import { ExecutionStore, ListExecutionsOptions } from './types';

/** Executions in DynamoDB, one item each, read by the engine through StatusIndex. */
export class DynamoExecutionStore implements ExecutionStore {
  /**
   * Decoded waves of the executions the engine visits, by ID and version (a version is written
   * once, so it names one content): a cycle decompresses only what changed since the last.
   * Frozen, as every reader shares them; pruned to what the engine still visits.
   */
  private readonly activeWaves = new Map<
    string,
    { version: number; waves: ExecutionWave[] }
  >();

  /** The engine writes every change of every active execution: these writes skip re-resolving. */
  private readonly sendWrite: ReturnType<typeof resolvedSend>;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.sendWrite = resolvedSend(client);
  }

  /**
   * Puts the whole item if the condition holds; the item's attributes are all flat. Returns
   * the execution as stored, which may leave out step outputs an item has no room for.
   */
  private async putItem(
    execution: Execution,
    condition: Pick<
      ConstructorParameters<typeof PutItemCommand>[0],
      'ConditionExpression' | 'ExpressionAttributeValues'
    >,
  ): Promise<Execution> {
    const { item, stored } = storedForm(execution);
    await this.sendWrite(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall(item),
        ...condition,
      }),
    );
    return stored;
  }

  async create(execution: Execution): Promise<boolean> {
    try {
      await this.putItem(execution, {
        ConditionExpression: 'attribute_not_exists(execution_id)',
      });
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async find(executionId: string): Promise<Execution | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { execution_id: executionId },
        ConsistentRead: true,
      }),
    );
    return (
      Item &&
      toExecution(Item as ExecutionItem, decodeWaves(Item as ExecutionItem))
    );
  }

  async get(executionId: string): Promise<Execution> {
    const execution = await this.find(executionId);
    if (!execution) {
      throw new NotFoundError(`No execution ${executionId}`);
    }
    return execution;
  }

  async update(execution: Execution): Promise<Execution> {
    const next = await conditionalWrite(
      () =>
        this.putItem(
          { ...execution, version: execution.version + 1 },
          {
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: {
              ':v': { N: String(execution.version) },
            },
          },
        ),
      `Execution ${execution.executionId} changed while this request was applied; reload it and try again.`,
    );
    // What was just written is the next cycle's read: keep it decoded, as the engine does not
    // change an execution after writing it.
    if (this.activeWaves.has(next.executionId)) {
      this.activeWaves.set(next.executionId, {
        version: next.version,
        waves: deepFreeze(next.waves),
      });
    }
    return next;
  }

  async listForEntity(
    entityRef: string,
    options: ListExecutionsOptions,
  ): Promise<Page<ExecutionSummary>> {
    const items: ExecutionSummary[] = [];
    let startKey = decodeCursor(options.cursor, entityRef);
    // A status filter is applied after the key condition, so a page may need several reads.
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: ENTITY_INDEX,
          KeyConditionExpression: 'entity_ref = :e',
          ExpressionAttributeValues: {
            ':e': entityRef,
            ...(options.status ? { ':s': options.status } : {}),
          },
          ...(options.status
            ? { FilterExpression: 'execution_status = :s' }
            : {}),
          ProjectionExpression: SUMMARY_PROJECTION,
          ScanIndexForward: false,
          Limit: options.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map(i => toSummary(i as ExecutionItem)));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < options.limit);
    return { items, nextCursor: encodeCursor(startKey) };
  }

  /** Read through StatusIndex, all pages. */
  async listActive(): Promise<Execution[]> {
    const pages = await Promise.all(
      ACTIVE_EXECUTION_STATUSES.map(status =>
        this.queryIndex(STATUS_INDEX, 'execution_status', status),
      ),
    );
    return this.keepDecodedOnly(pages.flat());
  }

  private keepDecodedOnly(executions: Execution[]): Execution[] {
    const ids = new Set(executions.map(e => e.executionId));
    for (const executionId of this.activeWaves.keys()) {
      if (!ids.has(executionId)) this.activeWaves.delete(executionId);
    }
    return executions;
  }

  private wavesOf(item: ExecutionItem): ExecutionWave[] {
    const known = this.activeWaves.get(item.execution_id);
    if (known?.version === item.version) return known.waves;
    const waves = deepFreeze(decodeWaves(item));
    this.activeWaves.set(item.execution_id, { version: item.version, waves });
    return waves;
  }

  async listForEngine(): Promise<Execution[]> {
    const [active, attention] = await Promise.all([
      this.listActive(),
      this.queryIndex(ATTENTION_INDEX, 'engine_attention', ENGINE_ATTENTION),
    ]);
    const activeIds = new Set(active.map(e => e.executionId));
    return this.keepDecodedOnly([
      ...active,
      ...attention.filter(e => !activeIds.has(e.executionId)),
    ]);
  }

  /**
   * Reads an index without the waves, the bulk of every item, then fetches whole items only for
   * the executions whose waves are not already decoded at that version: a cycle in which
   * nothing changed reads a few kilobytes per execution, not the compressed waves.
   */
  private async queryIndex(indexName: string, key: string, value: string) {
    const headers = await queryAll<ExecutionHeaderItem>(this.client, {
      TableName: this.tableName,
      IndexName: indexName,
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': key },
      ExpressionAttributeValues: { ':v': value },
      ProjectionExpression: 'execution_id, version, header',
    });
    // What is decoded now, at the version the index reported: the memo may move on while
    // the fetch below is awaited (this store's own writes), and no execution may drop out.
    const decoded = new Map<string, ExecutionWave[]>();
    const missing: string[] = [];
    for (const header of headers) {
      const known = this.activeWaves.get(header.execution_id);
      if (known?.version === header.version) {
        decoded.set(header.execution_id, known.waves);
      } else {
        missing.push(header.execution_id);
      }
    }
    const fetched = await getExecutionItems(
      this.client,
      this.tableName,
      missing,
    );
    const executions: Execution[] = [];
    for (const header of headers) {
      // A fetched item may be newer than the index (which is eventually consistent): it wins.
      const item = fetched.get(header.execution_id);
      const waves = decoded.get(header.execution_id);
      if (item) {
        executions.push(toExecution(item, this.wavesOf(item)));
      } else if (waves) {
        executions.push(toExecution(header, waves));
      }
    }
    return executions;
  }
}
