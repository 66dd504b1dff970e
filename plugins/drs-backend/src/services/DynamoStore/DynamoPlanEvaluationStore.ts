import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  ScanCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  PlanEvaluationItem,
  PlanEvaluationRun,
  RecoveryPlan,
  StoredPlanEvaluation,
} from '@drs-orchestration/plugin-drs-common';
import { isConditionalCheckFailed } from './conditional';
import { PlanItem, toPlan } from './DynamoPlanStore';
import { queryAll } from './queryAll';
import { PlanEvaluationStore } from './types';

/**
 * The key of the evaluator's last pass in the executions table: like the engine's heartbeat, it
 * carries no index key, so no index (and no query of executions) ever sees it.
 */
export const EVALUATION_RUN_KEY = 'engine#plan-evaluation';

/** A plan item with its evaluation: JSON, so that a condition compares it exactly. */
type EvaluatedItem = PlanItem & { plan_evaluation?: string };

const parse = (item: EvaluatedItem) =>
  item.plan_evaluation
    ? (JSON.parse(item.plan_evaluation) as StoredPlanEvaluation)
    : undefined;

/**
 * Each plan's evaluation as an attribute of the plan's own item (`plan_evaluation`, beside the
 * drill schedule's record: editing the plan keeps it, deleting the plan deletes it), and the
 * evaluator's last pass as one fixed item of the executions table. The stack's tables and the
 * backend role's Scan, UpdateItem, PutItem and GetItem cover both.
 */
export class DynamoPlanEvaluationStore implements PlanEvaluationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly plansTable: string,
    private readonly executionsTable: string,
  ) {}

  async listPlans() {
    const items = await this.scan({});
    return items.map(item => ({ plan: toPlan(item), evaluation: parse(item) }));
  }

  async listEvaluations(entityRef?: string): Promise<PlanEvaluationItem[]> {
    const projection = {
      FilterExpression: 'attribute_exists(plan_evaluation)',
      ProjectionExpression: 'entity_ref, plan_id, #plan.#name, plan_evaluation',
      ExpressionAttributeNames: { '#plan': 'plan', '#name': 'name' },
    };
    const items = entityRef
      ? await queryAll<EvaluatedItem>(this.client, {
          ...projection,
          TableName: this.plansTable,
          KeyConditionExpression: 'entity_ref = :e',
          ExpressionAttributeValues: { ':e': entityRef },
        })
      : await this.scan(projection);
    return items.map(item => ({
      ...parse(item)!,
      entityRef: item.entity_ref,
      planId: item.plan_id,
      planName: item.plan.name,
    }));
  }

  async writeEvaluation(
    plan: Pick<RecoveryPlan, 'entityRef' | 'planId'>,
    seen: StoredPlanEvaluation | undefined,
    next: StoredPlanEvaluation,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.plansTable,
          Key: { entity_ref: plan.entityRef, plan_id: plan.planId },
          UpdateExpression: 'SET plan_evaluation = :next',
          ConditionExpression: `attribute_exists(plan_id) AND ${
            seen
              ? 'plan_evaluation = :seen'
              : 'attribute_not_exists(plan_evaluation)'
          }`,
          ExpressionAttributeValues: {
            ':next': JSON.stringify(next),
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

  async recordRun(run: PlanEvaluationRun): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.executionsTable,
        Item: { execution_id: EVALUATION_RUN_KEY, run: JSON.stringify(run) },
      }),
    );
  }

  async lastRun(): Promise<PlanEvaluationRun | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.executionsTable,
        Key: { execution_id: EVALUATION_RUN_KEY },
        ConsistentRead: true,
      }),
    );
    return Item ? (JSON.parse(Item.run) as PlanEvaluationRun) : undefined;
  }

  private async scan(
    input: Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  ): Promise<EvaluatedItem[]> {
    const items: EvaluatedItem[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          ...input,
          TableName: this.plansTable,
          ExclusiveStartKey,
        }),
      );
      items.push(...((page.Items ?? []) as EvaluatedItem[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}
