import {
  DrsQuotas,
  ExecutionMode,
  PointInTimeChoice,
  Preflight,
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
  /**
   * Pre-flight against what DRS reports now, for a start of this mode and point in time: the
   * issues (errors and warnings alike) and each server's readiness.
   */
  validate(
    entity: ResolvedEntity,
    plan: RecoveryPlanInput,
    request?: PreflightRequest,
  ): Promise<Preflight>;
}

/** The start a pre-flight checks for. */
export interface PreflightRequest {
  /** Default: the plan's default mode. */
  mode?: ExecutionMode;
  /** Default: DRS's latest point in time. */
  pointInTime?: PointInTimeChoice;
  /** A drill that launches servers whose replication is not CONTINUOUS. */
  allowDegradedReplication?: boolean;
}

export interface PlanServiceOptions {
  store: PlanStore;
  gateway: DrsGateway;
  quotas: DrsQuotas;
  now?: () => Date;
}
