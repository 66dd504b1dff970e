import { setTimeout } from 'timers/promises';
import { constants, gunzipSync, gzipSync } from 'zlib';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchGetCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ACTIVE_EXECUTION_STATUSES,
  Execution,
  ExecutionStatus,
  ExecutionSummary,
  ExecutionWave,
  Page,
} from '@drs-orchestration/plugin-drs-common';
import { deepFreeze } from '@drs-orchestration/plugin-drs-common/engine';
import { conditionalWrite, isConditionalCheckFailed } from './conditional';
import { resolvedSend } from './resolvedSend';
import {
  ATTENTION_INDEX,
  ENTITY_INDEX,
  INDEX_ATTRIBUTES,
  STATUS_INDEX,
} from './tables';

type ExecutionHeader = Omit<Execution, 'waves' | 'version'>;

/**
 * One execution is one item. Its waves are stored gzip-compressed: an execution of
 * 20 waves × 100 servers is ~500 KB as JSON, above DynamoDB's 400 KB item limit, and
 * ~30 KB compressed. Summary counts sit beside it so lists never decompress. The rest of the
 * execution (`header`) is a JSON string: nothing queries inside it, and the SDK converts a
 * string far faster than a nested map, on every engine write and every index read.
 */
export interface ExecutionItem {
  execution_id: string;
  execution_status: ExecutionStatus;
  entity_ref: string;
  created_at: string;
  version: number;
  /** ExecutionHeader as JSON. */
  header: string;
  waves_gz: Uint8Array;
  /** Present only while a finished execution still needs the engine (see ATTENTION_INDEX). */
  engine_attention?: 'TERMINATE';
  wave_count: number;
  server_count: number;
  completed_wave_count: number;
  failed_server_count: number;
}

function needsEngineAfterEnd(execution: Execution): boolean {
  const terminate = execution.requests.terminate?.status;
  return terminate === 'REQUESTED' || terminate === 'STARTED';
}

/** The item an execution is stored as (exported for the benchmarks, which seed items in bulk). */
export function toItem(execution: Execution): ExecutionItem {
  const { waves, version, ...header } = execution;
  const servers = waves.flatMap(w => w.servers);
  return {
    execution_id: execution.executionId,
    execution_status: execution.status,
    entity_ref: execution.entityRef,
    created_at: execution.createdAt,
    version,
    header: JSON.stringify(header),
    // The engine writes on every change of every active execution: the fastest level keeps
    // that cheap and still shrinks the JSON about ten-fold. (zlib's asynchronous API costs
    // three times the CPU for items this small.)
    waves_gz: gzipSync(JSON.stringify(waves), {
      level: constants.Z_BEST_SPEED,
    }),
    ...(needsEngineAfterEnd(execution)
      ? { engine_attention: 'TERMINATE' as const }
      : {}),
    wave_count: waves.length,
    server_count: servers.length,
    completed_wave_count: waves.filter(w => w.status === 'COMPLETED').length,
    failed_server_count: servers.filter(s => s.status === 'FAILED').length,
  };
}

function decodeWaves(item: ExecutionItem): ExecutionWave[] {
  return JSON.parse(
    gunzipSync(Buffer.from(item.waves_gz)).toString('utf8'),
  ) as ExecutionWave[];
}

/** What a history page reads from the entity index: what the index carries, keys included. */
const SUMMARY_PROJECTION = [
  'execution_id',
  'entity_ref',
  'created_at',
  ...INDEX_ATTRIBUTES,
].join(', ');

/** What the engine's index queries read of an item: everything but the waves. */
type ExecutionHeaderItem = Pick<
  ExecutionItem,
  'execution_id' | 'version' | 'header'
>;

function toExecution(
  item: ExecutionHeaderItem,
  waves: ExecutionWave[],
): Execution {
  const header: ExecutionHeader = JSON.parse(item.header);
  return { ...header, waves, version: item.version };
}

function toSummary(item: ExecutionItem): ExecutionSummary {
  const header: ExecutionHeader = JSON.parse(item.header);
  return {
    ...header,
    version: item.version,
    waveCount: item.wave_count,
    serverCount: item.server_count,
    completedWaveCount: item.completed_wave_count,
    failedServerCount: item.failed_server_count,
  };
}

function encodeCursor(key: Record<string, unknown> | undefined) {
  return key
    ? Buffer.from(JSON.stringify(key)).toString('base64url')
    : undefined;
}

function decodeCursor(
  cursor: string | undefined,
  entityRef: string,
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const valid =
      key &&
      typeof key === 'object' &&
      key.entity_ref === entityRef &&
      typeof key.execution_id === 'string' &&
      typeof key.created_at === 'string' &&
      Object.keys(key).length === 3;
    if (valid) return key;
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'The cursor is not one this list returned; start again from the first page.',
  );
}

export interface ListExecutionsOptions {
  limit: number;
  cursor?: string;
  status?: ExecutionStatus;
}

/** Executions, with optimistic locking on `version` for every update. */
export class ExecutionStore {
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

  /** Puts the whole item if the condition holds; the item's attributes are all flat. */
  private async putItem(
    execution: Execution,
    condition: Pick<
      ConstructorParameters<typeof PutItemCommand>[0],
      'ConditionExpression' | 'ExpressionAttributeValues'
    >,
  ) {
    await this.sendWrite(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall(toItem(execution)),
        ...condition,
      }),
    );
  }

  /** Creates the execution; returns false if one with this ID exists already (an idempotent retry). */
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

  /**
   * Writes the next state of an execution read at `execution.version`, as version + 1.
   * A concurrent writer makes this throw a ConflictError; nothing is overwritten.
   */
  async update(execution: Execution): Promise<Execution> {
    const next = { ...execution, version: execution.version + 1 };
    await conditionalWrite(
      () =>
        this.putItem(next, {
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': { N: String(execution.version) } },
        }),
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

  /** An entity's executions, newest first, a page at a time. */
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

  /** Every execution the engine still has to drive, read through StatusIndex, all pages. */
  async listActive(): Promise<Execution[]> {
    const pages = await Promise.all(
      ACTIVE_EXECUTION_STATUSES.map(status => this.queryStatus(status)),
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

  /** Every execution the engine must visit: active ones, and finished ones with work left. */
  async listForEngine(): Promise<Execution[]> {
    const [active, attention] = await Promise.all([
      this.listActive(),
      this.queryIndex(ATTENTION_INDEX, 'engine_attention', 'TERMINATE'),
    ]);
    const activeIds = new Set(active.map(e => e.executionId));
    return this.keepDecodedOnly([
      ...active,
      ...attention.filter(e => !activeIds.has(e.executionId)),
    ]);
  }

  /** Executions in one status, read through StatusIndex, all pages. */
  queryStatus(status: ExecutionStatus): Promise<Execution[]> {
    return this.queryIndex(STATUS_INDEX, 'execution_status', status);
  }

  /**
   * Reads an index without the waves, the bulk of every item, then fetches whole items only for
   * the executions whose waves are not already decoded at that version: a cycle in which
   * nothing changed reads a few kilobytes per execution, not the compressed waves.
   */
  private async queryIndex(indexName: string, key: string, value: string) {
    const headers: ExecutionHeaderItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: indexName,
          KeyConditionExpression: '#k = :v',
          ExpressionAttributeNames: { '#k': key },
          ExpressionAttributeValues: { ':v': value },
          ProjectionExpression: 'execution_id, version, header',
          ExclusiveStartKey: startKey,
        }),
      );
      headers.push(...((page.Items ?? []) as ExecutionHeaderItem[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
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
    const fetched = await this.getItems(missing);
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

  /** Whole items by ID, strongly consistent, in batches of DynamoDB's limit of 100. */
  private async getItems(
    executionIds: string[],
  ): Promise<Map<string, ExecutionItem>> {
    const items = new Map<string, ExecutionItem>();
    for (let i = 0; i < executionIds.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = executionIds
        .slice(i, i + 100)
        .map(executionId => ({ execution_id: executionId }));
      for (let retry = 0; keys && keys.length > 0; retry++) {
        // Keys DynamoDB left unprocessed (throttled) are asked again after a growing pause.
        if (retry > 0) await setTimeout(Math.min(50 * 2 ** retry, 2000));
        const answer: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: { Keys: keys, ConsistentRead: true },
            },
          }),
        );
        for (const item of answer.Responses?.[this.tableName] ?? []) {
          items.set(item.execution_id, item as ExecutionItem);
        }
        keys = answer.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return items;
  }
}
