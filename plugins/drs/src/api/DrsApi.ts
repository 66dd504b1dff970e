import { createApiRef } from '@backstage/core-plugin-api';
import {
  Execution,
  ExecutionStatus,
  ExecutionSummary,
  Page,
  PlanIssue,
  RecoveryPlan,
  RecoveryPlanInput,
  SourceServer,
} from '@internal/plugin-drs-common';

export interface SourceServerList {
  items: SourceServer[];
  accountId?: string;
  region: string;
}

export interface ListExecutionsRequest {
  status?: ExecutionStatus;
  cursor?: string;
  limit?: number;
}

/** The DRS orchestration backend, as the frontend sees it. */
export interface DrsApi {
  getSourceServers(entityRef: string): Promise<SourceServerList>;
  listPlans(entityRef: string): Promise<RecoveryPlan[]>;
  createPlan(entityRef: string, plan: RecoveryPlanInput): Promise<RecoveryPlan>;
  updatePlan(
    entityRef: string,
    planId: string,
    plan: RecoveryPlanInput,
    version: number,
  ): Promise<RecoveryPlan>;
  deletePlan(entityRef: string, planId: string, version: number): Promise<void>;
  validatePlan(
    entityRef: string,
    plan: RecoveryPlanInput,
  ): Promise<PlanIssue[]>;
  listExecutions(
    entityRef: string,
    request?: ListExecutionsRequest,
  ): Promise<Page<ExecutionSummary>>;
  getExecution(executionId: string): Promise<Execution>;
}

export const drsApiRef = createApiRef<DrsApi>({ id: 'plugin.drs.service' });
