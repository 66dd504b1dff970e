import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '@backstage/errors';
import {
  DrillScheduleState,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import { conditionalWrite, isConditionalCheckFailed } from './conditional';
import { queryAll } from './queryAll';
import { PlanStore } from './types';

export interface PlanItem {
  entity_ref: string;
  plan_id: string;
  version: number;
  /** The execution that holds the plan's launch lock, if any. */
  active_execution_id?: string;
  /**
   * What the drill scheduler recorded, as JSON: a string compares exactly in a condition, so
   * a claim can require the record it read. Beside the plan, so editing the plan keeps it.
   */
  drill_schedule_state?: string;
  plan: Omit<
    RecoveryPlan,
    'entityRef' | 'planId' | 'version' | 'drillScheduleState'
  >;
}

export function toPlan(item: PlanItem): RecoveryPlan {
  return {
    ...item.plan,
    entityRef: item.entity_ref,
    planId: item.plan_id,
    version: item.version,
    ...(item.drill_schedule_state && {
      drillScheduleState: JSON.parse(
        item.drill_schedule_state,
      ) as DrillScheduleState,
    }),
  };
}

function toItem(plan: RecoveryPlan): PlanItem {
  const { entityRef, planId, version, drillScheduleState, ...rest } = plan;
  return {
    entity_ref: entityRef,
    plan_id: planId,
    version,
    plan: rest,
  };
}

/** Recovery plans in DynamoDB, one item each, keyed by owning entity and plan ID. */
export class DynamoPlanStore implements PlanStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listForEntity(entityRef: string): Promise<RecoveryPlan[]> {
    const items = await queryAll<PlanItem>(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'entity_ref = :e',
      ExpressionAttributeValues: { ':e': entityRef },
    });
    const plans = items.map(toPlan);
    return plans.sort((a, b) => a.name.localeCompare(b.name));
  }

  async find(
    entityRef: string,
    planId: string,
  ): Promise<RecoveryPlan | undefined> {
    const item = await this.findItem(entityRef, planId);
    return item && toPlan(item);
  }

  async get(entityRef: string, planId: string): Promise<RecoveryPlan> {
    const plan = await this.find(entityRef, planId);
    if (!plan) {
      throw new NotFoundError(`No recovery plan ${planId} for ${entityRef}`);
    }
    return plan;
  }

  async getWithLock(
    entityRef: string,
    planId: string,
  ): Promise<{ plan: RecoveryPlan; activeExecutionId?: string }> {
    const item = await this.findItem(entityRef, planId);
    if (!item) {
      throw new NotFoundError(`No recovery plan ${planId} for ${entityRef}`);
    }
    return { plan: toPlan(item), activeExecutionId: item.active_execution_id };
  }

  async create(plan: RecoveryPlan): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: toItem(plan),
        ConditionExpression: 'attribute_not_exists(plan_id)',
      }),
    );
  }

  /**
   * Only the plan's own fields are written, so a launch lock taken between the caller's read
   * and this write is kept.
   */
  async update(plan: RecoveryPlan, expectedVersion: number): Promise<void> {
    const { plan: fields } = toItem(plan);
    await this.updateItem(
      plan,
      {
        UpdateExpression: 'SET #plan = :plan, version = :next',
        ConditionExpression: 'version = :v',
        ExpressionAttributeNames: { '#plan': 'plan' },
        ExpressionAttributeValues: {
          ':plan': fields,
          ':next': plan.version,
          ':v': expectedVersion,
        },
      },
      `Plan ${plan.name} was changed by someone else (version ${expectedVersion} is no longer current). Reload it and apply your change again.`,
    );
  }

  async delete(
    entityRef: string,
    planId: string,
    expectedVersion: number,
  ): Promise<void> {
    await conditionalWrite(
      () =>
        this.client.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { entity_ref: entityRef, plan_id: planId },
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        ),
      `Plan ${planId} was changed by someone else since version ${expectedVersion}. Reload it before deleting.`,
    );
  }

  /**
   * A lock already naming this execution is kept: that is a concurrent retry of the same
   * idempotent start.
   */
  async takeLaunchLock(
    plan: RecoveryPlan,
    executionId: string,
    seenActiveExecutionId: string | undefined,
  ): Promise<void> {
    const lockAsSeen = seenActiveExecutionId
      ? 'active_execution_id = :seen'
      : 'attribute_not_exists(active_execution_id)';
    await this.updateItem(
      plan,
      {
        UpdateExpression: 'SET active_execution_id = :id',
        ConditionExpression: `version = :v AND (${lockAsSeen} OR active_execution_id = :id)`,
        ExpressionAttributeValues: {
          ':id': executionId,
          ':v': plan.version,
          ...(seenActiveExecutionId ? { ':seen': seenActiveExecutionId } : {}),
        },
      },
      `Plan ${plan.name} was changed, or another execution of it was started, while this one was being prepared. Open the plan's executions, then start it again if still needed.`,
    );
  }

  async listScheduled(): Promise<RecoveryPlan[]> {
    const plans: RecoveryPlan[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'attribute_exists(#plan.drillSchedule)',
          ExpressionAttributeNames: { '#plan': 'plan' },
          ExclusiveStartKey,
        }),
      );
      plans.push(...((page.Items ?? []) as PlanItem[]).map(toPlan));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return plans;
  }

  async writeScheduleState(
    plan: RecoveryPlan,
    next: DrillScheduleState,
  ): Promise<boolean> {
    const seen = plan.drillScheduleState;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { entity_ref: plan.entityRef, plan_id: plan.planId },
          UpdateExpression: 'SET drill_schedule_state = :next',
          ConditionExpression: `version = :v AND ${
            seen
              ? 'drill_schedule_state = :seen'
              : 'attribute_not_exists(drill_schedule_state)'
          }`,
          ExpressionAttributeValues: {
            ':next': JSON.stringify(next),
            ':v': plan.version,
            ...(seen ? { ':seen': JSON.stringify(seen) } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Updates the plan's item if the condition holds; a lost race is a 409 with `conflictMessage`. */
  private async updateItem(
    plan: RecoveryPlan,
    update: Pick<
      UpdateCommandInput,
      | 'UpdateExpression'
      | 'ConditionExpression'
      | 'ExpressionAttributeNames'
      | 'ExpressionAttributeValues'
    >,
    conflictMessage: string,
  ): Promise<void> {
    await conditionalWrite(
      () =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { entity_ref: plan.entityRef, plan_id: plan.planId },
            ...update,
          }),
        ),
      conflictMessage,
    );
  }

  private async findItem(entityRef: string, planId: string) {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { entity_ref: entityRef, plan_id: planId },
      }),
    );
    return Item as PlanItem | undefined;
  }
}
