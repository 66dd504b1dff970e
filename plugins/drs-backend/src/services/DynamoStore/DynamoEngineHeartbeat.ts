import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { ACTIVE_EXECUTION_STATUSES } from '@drs-orchestration/plugin-drs-common';
import { STATUS_INDEX } from './tables';
import { EngineCycleRecord, EngineHeartbeatStore } from './types';

/**
 * The key of the heartbeat item in the executions table. It carries none of the indexes' keys
 * (`execution_status`, `entity_ref`, `engine_attention`, `created_at`), so no index holds it:
 * the engine's, the history's and the active queries never see it.
 */
export const HEARTBEAT_KEY = 'engine#heartbeat';

interface HeartbeatItem {
  execution_id: string;
  completed_at: string;
  duration_ms: number;
  executions: number;
  poll_interval_seconds: number;
}

/**
 * The engine's heartbeat as one fixed item of the executions table, overwritten by every
 * completed cycle: one unconditional PutItem per cycle, whichever replica runs the global
 * task. Beside the executions, so the stack's table and the backend's role need nothing new.
 */
export class DynamoEngineHeartbeat implements EngineHeartbeatStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(cycle: EngineCycleRecord): Promise<void> {
    const item: HeartbeatItem = {
      execution_id: HEARTBEAT_KEY,
      completed_at: cycle.completedAt,
      duration_ms: cycle.durationMs,
      executions: cycle.executions,
      poll_interval_seconds: cycle.pollIntervalSeconds,
    };
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: item }),
    );
  }

  async read() {
    const [lastCycle, activeExecutions] = await Promise.all([
      this.lastCycle(),
      this.countActive(),
    ]);
    return { lastCycle, activeExecutions };
  }

  private async lastCycle(): Promise<EngineCycleRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { execution_id: HEARTBEAT_KEY },
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const item = Item as HeartbeatItem;
    return {
      completedAt: item.completed_at,
      durationMs: item.duration_ms,
      executions: item.executions,
      pollIntervalSeconds: item.poll_interval_seconds,
    };
  }

  /** Executions in an active status, counted through StatusIndex without reading them. */
  private async countActive(): Promise<number> {
    const counts = await Promise.all(
      ACTIVE_EXECUTION_STATUSES.map(async status => {
        let count = 0;
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: STATUS_INDEX,
              KeyConditionExpression: 'execution_status = :s',
              ExpressionAttributeValues: { ':s': status },
              Select: 'COUNT',
              ExclusiveStartKey: startKey,
            }),
          );
          count += page.Count ?? 0;
          startKey = page.LastEvaluatedKey;
        } while (startKey);
        return count;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}
