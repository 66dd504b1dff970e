import { createApiRef } from '@backstage/core-plugin-api';
import {
  DrHealth,
  Execution,
  ExecutionMode,
  ExecutionStatus,
  ExecutionSummary,
  Page,
  PlanIssue,
  RecoveryPlan,
  RecoveryPlanInput,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';

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

export interface StartExecutionRequest {
  mode: ExecutionMode;
  /** One key per launch intent: a retried or double-sent request never starts twice. */
  idempotencyKey: string;
}

/** One catalog entity's DR health on the ops page. */
export type DrHealthOverviewItem = DrHealth & {
  title?: string;
  owner?: string;
};

export interface ExecutionReportFile {
  filename: string;
  content: Blob;
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
  /** Pre-flight of a draft plan against what DRS reports now. */
  validatePlan(
    entityRef: string,
    plan: RecoveryPlanInput,
  ): Promise<PlanIssue[]>;
  /** Pre-flight of a saved plan against what DRS reports now. */
  validateSavedPlan(entityRef: string, planId: string): Promise<PlanIssue[]>;
  startExecution(
    entityRef: string,
    planId: string,
    request: StartExecutionRequest,
  ): Promise<Execution>;
  listExecutions(
    entityRef: string,
    request?: ListExecutionsRequest,
  ): Promise<Page<ExecutionSummary>>;
  getExecution(executionId: string): Promise<Execution>;
  cancelExecution(executionId: string): Promise<Execution>;
  /** Approves the wave a PAUSED execution waits for. */
  resumeExecution(executionId: string, wave: string): Promise<Execution>;
  /** Terminates a drill's recovery instances. */
  terminateDrillInstances(executionId: string): Promise<Execution>;
  /** The execution's report as a Markdown file. */
  downloadExecutionReport(executionId: string): Promise<ExecutionReportFile>;
  getDrHealth(entityRef: string): Promise<DrHealth>;
  listDrHealth(): Promise<DrHealthOverviewItem[]>;
}

export const drsApiRef = createApiRef<DrsApi>({ id: 'plugin.drs.service' });
