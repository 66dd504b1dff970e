import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DrillScheduleState,
  Execution,
  ExecutionStatus,
  ExecutionSummary,
  Page,
  PlanEvaluationItem,
  PlanEvaluationRun,
  RecoveryPlan,
  StoredPlanEvaluation,
} from '@drs-orchestration/plugin-drs-common';

/**
 * Recovery plans, keyed by owning entity. Every write is conditional on the version the caller
 * read: a lost race throws a ConflictError and overwrites nothing.
 *
 * @public
 */
export interface PlanStore {
  /** An entity's plans, by name. */
  listForEntity(entityRef: string): Promise<RecoveryPlan[]>;
  /** The plan, or undefined when the entity has none with this ID. */
  find(entityRef: string, planId: string): Promise<RecoveryPlan | undefined>;
  /** The plan, or a NotFoundError. */
  get(entityRef: string, planId: string): Promise<RecoveryPlan>;
  /** The plan together with the execution that holds its launch lock. */
  getWithLock(
    entityRef: string,
    planId: string,
  ): Promise<{ plan: RecoveryPlan; activeExecutionId?: string }>;
  /** Stores a new plan; refused if one with its ID exists. */
  create(plan: RecoveryPlan): Promise<void>;
  /**
   * Replaces the plan if nobody changed it since `expectedVersion`, keeping a launch lock
   * taken meanwhile.
   */
  update(plan: RecoveryPlan, expectedVersion: number): Promise<void>;
  /** Deletes the plan if nobody changed it since `expectedVersion`. */
  delete(
    entityRef: string,
    planId: string,
    expectedVersion: number,
  ): Promise<void>;
  /**
   * Takes the plan's launch lock for a new execution if the plan and its lock are still as the
   * caller saw them: of two concurrent starts exactly one wins.
   */
  takeLaunchLock(
    plan: RecoveryPlan,
    executionId: string,
    seenActiveExecutionId: string | undefined,
  ): Promise<void>;
  /** Every plan with a drill schedule, of every entity, for the drill scheduler. */
  listScheduled(): Promise<RecoveryPlan[]>;
  /**
   * Replaces what the scheduler recorded of the plan's schedule if the plan is still at its
   * version and the record still as `plan.drillScheduleState` says: of two replicas claiming
   * one due drill, exactly one gets true. Never changes the plan's version.
   */
  writeScheduleState(
    plan: RecoveryPlan,
    next: DrillScheduleState,
  ): Promise<boolean>;
}

/**
 * A page of an entity's executions.
 *
 * @public
 */
export interface ListExecutionsOptions {
  /** The most executions the page holds. */
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Only executions in this status. */
  status?: ExecutionStatus;
}

/**
 * Executions, with optimistic locking on `version` for every update.
 *
 * @public
 */
export interface ExecutionStore {
  /** Creates the execution; false if one with this ID exists already (an idempotent retry). */
  create(execution: Execution): Promise<boolean>;
  /** The execution, or undefined when there is none with this ID. */
  find(executionId: string): Promise<Execution | undefined>;
  /** The execution, or a NotFoundError. */
  get(executionId: string): Promise<Execution>;
  /**
   * Writes the next state of an execution read at `execution.version`, as version + 1.
   * A concurrent writer makes this throw a ConflictError; nothing is overwritten.
   */
  update(execution: Execution): Promise<Execution>;
  /** An entity's executions, newest first, a page at a time. */
  listForEntity(
    entityRef: string,
    options: ListExecutionsOptions,
  ): Promise<Page<ExecutionSummary>>;
  /** Every execution in an active status, all pages. */
  listActive(): Promise<Execution[]>;
  /** Every execution the engine must visit: active ones, and finished ones with work left. */
  listForEngine(): Promise<Execution[]>;
}

/**
 * One completed engine cycle, as its heartbeat records it.
 *
 * @public
 */
export interface EngineCycleRecord {
  /** When the cycle ended (ISO 8601). */
  completedAt: string;
  /** How long the cycle took, in milliseconds. */
  durationMs: number;
  /** Executions the cycle visited: active ones and finished ones with work left. */
  executions: number;
  /** The poll interval of the replica that ran the cycle, in seconds. */
  pollIntervalSeconds: number;
}

/**
 * The engine's heartbeat: the last completed cycle, written by whichever replica runs the
 * global engine task, read by every replica's readiness view.
 *
 * @public
 */
export interface EngineHeartbeatStore {
  /** Records a completed cycle, replacing the previous one. */
  record(cycle: EngineCycleRecord): Promise<void>;
  /** The last completed cycle (undefined before the first) and how many executions are active now. */
  read(): Promise<{ lastCycle?: EngineCycleRecord; activeExecutions: number }>;
}

/**
 * The continuous evaluation of every plan: each plan's latest evaluation beside the plan, and
 * the evaluator's last pass.
 *
 * @public
 */
export interface PlanEvaluationStore {
  /** Every plan of every entity, with its stored evaluation, all pages. */
  listPlans(): Promise<
    { plan: RecoveryPlan; evaluation?: StoredPlanEvaluation }[]
  >;
  /** Every plan's stored evaluation (or the entity's plans'), with the plan's name, all pages. */
  listEvaluations(entityRef?: string): Promise<PlanEvaluationItem[]>;
  /**
   * Replaces the plan's stored evaluation if it is still as `seen` (absent: none yet): of two
   * replicas writing after the same read, exactly one gets true. False too when the plan is
   * gone. Never changes the plan or its version.
   */
  writeEvaluation(
    plan: Pick<RecoveryPlan, 'entityRef' | 'planId'>,
    seen: StoredPlanEvaluation | undefined,
    next: StoredPlanEvaluation,
  ): Promise<boolean>;
  /** Records a completed pass, replacing the previous one. */
  recordRun(run: PlanEvaluationRun): Promise<void>;
  /** The last completed pass, undefined before the first. */
  lastRun(): Promise<PlanEvaluationRun | undefined>;
}

/**
 * Where the plugin keeps its plans and executions.
 *
 * @public
 */
export interface DrsStores {
  /** The recovery plans of every entity. */
  plans: PlanStore;
  /** The executions, which the API writes and the engine drives. */
  executions: ExecutionStore;
  /**
   * The engine's heartbeat, which the readiness view reads. Without it the engine records no
   * cycles and `GET /health/readiness` cannot tell a stopped engine.
   */
  heartbeat?: EngineHeartbeatStore;
  /**
   * Each plan's continuous evaluation. Without it no plan is evaluated on a schedule, and
   * `GET /plan-evaluations` answers 503.
   */
  evaluations?: PlanEvaluationStore;
}

/**
 * The plugin's own stores: two DynamoDB tables, `<tablePrefix>plans` and
 * `<tablePrefix>executions`.
 *
 * @public
 */
export interface DynamoDrsStoresOptions {
  /** The client the stores send through: its region, endpoint and credentials say where the tables are. */
  client: DynamoDBClient;
  /**
   * Prefix of the two table names; must match the tables the stack created.
   * @defaultValue 'drs-orchestration-'
   */
  tablePrefix?: string;
  /**
   * Create missing tables (local use). Either way a missing table or index fails, naming it.
   * @defaultValue false
   */
  createTables?: boolean;
}
