import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '@backstage/errors';
import { RecoveryPlan } from '@internal/plugin-drs-common';
import { conditionalWrite } from './conditional';

interface PlanItem {
  entity_ref: string;
  plan_id: string;
  version: number;
  /** The execution that holds the plan's launch lock, if any. */
  active_execution_id?: string;
  plan: Omit<RecoveryPlan, 'entityRef' | 'planId' | 'version'>;
}

function toPlan(item: PlanItem): RecoveryPlan {
  return {
    ...item.plan,
    entityRef: item.entity_ref,
    planId: item.plan_id,
    version: item.version,
  };
}

function toItem(plan: RecoveryPlan, activeExecutionId?: string): PlanItem {
  const { entityRef, planId, version, ...rest } = plan;
  return {
    entity_ref: entityRef,
    plan_id: planId,
    version,
    ...(activeExecutionId ? { active_execution_id: activeExecutionId } : {}),
    plan: rest,
  };
}

/** Recovery plans, keyed by owning entity; every write is conditional on the version read. */
export class PlanStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listForEntity(entityRef: string): Promise<RecoveryPlan[]> {
    const plans: RecoveryPlan[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'entity_ref = :e',
          ExpressionAttributeValues: { ':e': entityRef },
          ExclusiveStartKey: startKey,
        }),
      );
      plans.push(...(page.Items ?? []).map(i => toPlan(i as PlanItem)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
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

  /** The plan together with the execution that holds its launch lock. */
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

  /** Replaces the plan if nobody changed it since `expectedVersion`; the lock is kept. */
  async update(plan: RecoveryPlan, expectedVersion: number): Promise<void> {
    const current = await this.findItem(plan.entityRef, plan.planId);
    if (!current) {
      throw new NotFoundError(
        `No recovery plan ${plan.planId} for ${plan.entityRef}`,
      );
    }
    await conditionalWrite(
      () =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: toItem(plan, current.active_execution_id),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        ),
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
   * Takes the plan's launch lock for a new execution, if the lock is still what the caller saw:
   * of two concurrent starts exactly one wins.
   */
  async takeLaunchLock(
    entityRef: string,
    planId: string,
    executionId: string,
    seenActiveExecutionId: string | undefined,
  ): Promise<void> {
    const current = await this.findItem(entityRef, planId);
    if (!current) {
      throw new NotFoundError(`No recovery plan ${planId} for ${entityRef}`);
    }
    await conditionalWrite(
      () =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...current, active_execution_id: executionId },
            ConditionExpression: seenActiveExecutionId
              ? 'version = :v AND active_execution_id = :seen'
              : 'version = :v AND attribute_not_exists(active_execution_id)',
            ExpressionAttributeValues: {
              ':v': current.version,
              ...(seenActiveExecutionId
                ? { ':seen': seenActiveExecutionId }
                : {}),
            },
          }),
        ),
      `Another execution of plan ${current.plan.name} was started at the same moment. Open the plan's executions to follow it.`,
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
