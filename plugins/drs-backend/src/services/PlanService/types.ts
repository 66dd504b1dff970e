import {
  DrsQuotas,
  PlanIssue,
  RecoveryPlan,
  RecoveryPlanInput,
} from '@drs-orchestration/plugin-drs-common';
import { DrsGateway } from '../DrsGateway/types';
import { PlanStore } from '../DynamoStore/types';
import { ResolvedEntity } from '../EntityResolver/types';

/** An entity's recovery plans: checked against the rules and the quotas before each write. */
export interface PlanService {
  list(entity: ResolvedEntity): Promise<RecoveryPlan[]>;
  get(entity: ResolvedEntity, planId: string): Promise<RecoveryPlan>;
  create(
    entity: ResolvedEntity,
    input: RecoveryPlanInput,
    by: string,
  ): Promise<RecoveryPlan>;
  update(
    entity: ResolvedEntity,
    planId: string,
    input: RecoveryPlanInput,
    expectedVersion: number,
    by: string,
  ): Promise<RecoveryPlan>;
  delete(
    entity: ResolvedEntity,
    planId: string,
    expectedVersion: number,
  ): Promise<void>;
  /** Pre-flight against what DRS reports now: the issues, errors and warnings alike. */
  validate(
    entity: ResolvedEntity,
    plan: RecoveryPlanInput,
  ): Promise<PlanIssue[]>;
}

export interface PlanServiceOptions {
  store: PlanStore;
  gateway: DrsGateway;
  quotas: DrsQuotas;
}
