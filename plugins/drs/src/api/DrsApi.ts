import { createApiRef } from '@backstage/core-plugin-api';
import {
  DrHealth,
  Execution,
  ExecutionMode,
  ExecutionStatus,
  ExecutionSummary,
  Page,
  PlanEvaluationItem,
  PlanEvaluationRun,
  PlanIssue,
  PlanReadiness,
  PointInTimeChoice,
  RecoveryPlan,
  RecoveryPlanInput,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';

/**
 * The plans that would fail or degrade a recovery started now, as the continuous evaluation
 * last found them, and that evaluation's pass.
 *
 * @public
 */
export interface PlanEvaluationList {
  /** Failing first, then degraded, then those DRS could not be read for. */
  items: PlanEvaluationItem[];
  /** The evaluator's last pass; absent before the first. */
  lastEvaluation?: PlanEvaluationRun;
}

/**
 * An entity's DRS source servers, and where DRS was asked about them.
 *
 * @public
 */
export interface SourceServerList {
  /** The servers the entity's annotations select. */
  items: SourceServer[];
  /** The AWS account asked; absent for the backend's default account. */
  accountId?: string;
  /** The AWS region asked. */
  region: string;
}

/**
 * Which page of an entity's execution history to fetch.
 *
 * @public
 */
export interface ListExecutionsRequest {
  /** Only executions in this status. */
  status?: ExecutionStatus;
  /** The `nextCursor` of the previous page; absent for the first. */
  cursor?: string;
  /** The most executions the page holds; the backend's default when absent. */
  limit?: number;
}

/**
 * The start a pre-flight of a saved plan checks for.
 *
 * @public
 */
export interface PreflightRequest {
  /** A drill, or a real recovery; the backend checks for a drill when absent. */
  mode?: ExecutionMode;
  /** Which point in time each server would launch from; DRS's latest when absent. */
  pointInTime?: PointInTimeChoice;
  /**
   * For a drill only: launch servers whose replication is not healthy too (from their last
   * completed point in time) instead of refusing them.
   */
  allowDegradedReplication?: boolean;
}

/**
 * Pre-flight of a saved plan: its issues, and each server's readiness and data-loss window.
 *
 * @public
 */
export interface SavedPlanPreflight extends PlanReadiness {
  /** What stops the start (errors) or deserves a look first (warnings). */
  issues: PlanIssue[];
}

/**
 * How to start an execution of a plan: the choices pre-flight checked, and what the person
 * accepted.
 *
 * @public
 */
export interface StartExecutionRequest extends PreflightRequest {
  /** A drill, or a real recovery. */
  mode: ExecutionMode;
  /** One key per launch intent: a retried or double-sent request never starts twice. */
  idempotencyKey: string;
  /**
   * Required for a recovery: the largest data-loss window, in seconds, the person accepted.
   * The backend refuses the start (409) when the window has grown past it since pre-flight.
   */
  acceptDataLossSeconds?: number;
}

/**
 * One catalog entity's DR health on the ops page.
 *
 * @public
 */
export type DrHealthOverviewItem = DrHealth & {
  /** The entity's title, for display. */
  title?: string;
  /** The entity's owner (spec.owner). */
  owner?: string;
};

/**
 * A downloaded execution report, ready to save.
 *
 * @public
 */
export interface ExecutionReportFile {
  /** The file name the backend suggests. */
  filename: string;
  /** The report, as Markdown. */
  content: Blob;
}

/**
 * The DRS orchestration backend, as the frontend sees it.
 *
 * @public
 */
export interface DrsApi {
  /** The entity's source servers, as DRS reports them now. */
  getSourceServers(entityRef: string): Promise<SourceServerList>;
  /** The entity's recovery plans. */
  listPlans(entityRef: string): Promise<RecoveryPlan[]>;
  /** Saves a new plan for the entity; the backend refuses one with errors. */
  createPlan(entityRef: string, plan: RecoveryPlanInput): Promise<RecoveryPlan>;
  /** Replaces a plan, if it is still at `version`; otherwise a conflict. */
  updatePlan(
    entityRef: string,
    planId: string,
    plan: RecoveryPlanInput,
    version: number,
  ): Promise<RecoveryPlan>;
  /** Deletes a plan, if it is still at `version`; otherwise a conflict. */
  deletePlan(entityRef: string, planId: string, version: number): Promise<void>;
  /** Pre-flight of a draft plan against what DRS reports now. */
  validatePlan(
    entityRef: string,
    plan: RecoveryPlanInput,
  ): Promise<PlanIssue[]>;
  /**
   * Pre-flight of a saved plan for the start described, against what DRS reports now: the
   * plan's issues, the point in time each server would use and the data loss it means.
   */
  validateSavedPlan(
    entityRef: string,
    planId: string,
    request?: PreflightRequest,
  ): Promise<SavedPlanPreflight>;
  /**
   * Starts a drill or recovery of a saved plan; the engine drives it from there. Refused
   * with the plan's issues (400) when pre-flight finds errors, and for a recovery without
   * `acceptDataLossSeconds` (400) or whose data-loss window now exceeds it (409).
   */
  startExecution(
    entityRef: string,
    planId: string,
    request: StartExecutionRequest,
  ): Promise<Execution>;
  /** The entity's executions, newest first, a page at a time. */
  listExecutions(
    entityRef: string,
    request?: ListExecutionsRequest,
  ): Promise<Page<ExecutionSummary>>;
  /** One execution with its waves and servers. */
  getExecution(executionId: string): Promise<Execution>;
  /** Asks to cancel: no further wave starts, the running one finishes. */
  cancelExecution(executionId: string): Promise<Execution>;
  /** Approves the wave a PAUSED execution waits for. */
  resumeExecution(executionId: string, wave: string): Promise<Execution>;
  /** Terminates a drill's recovery instances. */
  terminateDrillInstances(executionId: string): Promise<Execution>;
  /**
   * Terminates a recovery's instances, once its failback completed; the recovery permission is
   * needed as well as the control one.
   */
  terminateRecoveryInstances(recoveryExecutionId: string): Promise<Execution>;
  /**
   * Reverses the replication of a completed RECOVERY's instances back to the original region,
   * or of a completed FAILBACK's instances to the recovery region again (re-protect).
   */
  startReverseReplication(executionId: string): Promise<Execution>;
  /**
   * Starts the FAILBACK of a completed recovery whose reversed servers replicate CONTINUOUS;
   * `confirmation` is the plan's name, typed. Answers the new FAILBACK execution.
   */
  startFailback(
    recoveryExecutionId: string,
    confirmation: string,
  ): Promise<Execution>;
  /** The execution's report as a Markdown file. */
  downloadExecutionReport(executionId: string): Promise<ExecutionReportFile>;
  /** The entity's DR readiness, for its health card. */
  getDrHealth(entityRef: string): Promise<DrHealth>;
  /** The DR readiness of every entity with DRS annotations, for the ops page. */
  listDrHealth(): Promise<DrHealthOverviewItem[]>;
  /**
   * The plans (of entities the caller may read) that would not recover cleanly now, from the
   * backend's continuous evaluation: no DRS call per request.
   */
  listPlanEvaluations(): Promise<PlanEvaluationList>;
}

/**
 * The {@link DrsApi}; the plugin provides {@link DrsClient} for it.
 *
 * @public
 */
export const drsApiRef = createApiRef<DrsApi>({ id: 'plugin.drs.service' });
