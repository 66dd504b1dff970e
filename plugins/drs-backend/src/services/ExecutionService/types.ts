import {
  DrillCleanupPolicy,
  DrsQuotas,
  Execution,
  ExecutionSummary,
  Page,
  PlanMode,
  PointInTimeChoice,
} from '@drs-orchestration/plugin-drs-common';
import { DrsGateway } from '../DrsGateway/types';
import {
  ExecutionStore,
  ListExecutionsOptions,
  PlanStore,
} from '../DynamoStore/types';
import { ResolvedEntity } from '../EntityResolver/types';

export interface StartExecutionRequest {
  planId: string;
  mode: PlanMode;
  by: string;
  idempotencyKey?: string;
  /** Default: DRS's latest point in time. */
  pointInTime?: PointInTimeChoice;
  /** A drill that launches servers whose replication is not CONTINUOUS. */
  allowDegradedReplication?: boolean;
  /** Required for a RECOVERY: the largest data-loss window accepted, in seconds. */
  acceptDataLossSeconds?: number;
  /** For a DRILL of a plan that sets no `drillCleanup`: the cleanup to apply (scheduled drills). */
  defaultDrillCleanup?: DrillCleanupPolicy;
}

export type ExecutionControl =
  | { action: 'cancel' }
  /** `step`, when given, names the approval step the resume approves: the one its wave waits on. */
  | { action: 'resume'; wave: string; step?: string }
  | { action: 'terminate' }
  /** Reverse replication of a completed RECOVERY's instances, or of a completed FAILBACK's (re-protect). */
  | { action: 'reverse-replication' };

/** Starts executions and records requests on them; the engine does the rest. */
export interface ExecutionService {
  /**
   * Starts an execution of a plan once it passes pre-flight for the mode and point in time, a
   * RECOVERY accepts the data-loss window a launch now means, and it holds no server another
   * active execution holds. `created` is false when an Idempotency-Key replays an earlier start.
   */
  start(
    entity: ResolvedEntity,
    request: StartExecutionRequest,
  ): Promise<{ execution: Execution; created: boolean }>;
  list(
    entity: ResolvedEntity,
    request: ListExecutionsOptions,
  ): Promise<Page<ExecutionSummary>>;
  get(executionId: string): Promise<Execution>;
  /**
   * Records a cancel, resume, terminate or reverse replication request; the engine applies it
   * in its next cycle. A RECOVERY's instances are terminated only once its failback completed.
   */
  control(
    executionId: string,
    control: ExecutionControl,
    by: string,
  ): Promise<Execution>;
  /**
   * Starts the FAILBACK of a completed recovery whose reversed servers replicate CONTINUOUS;
   * `confirmation` is the plan's name, typed. Returns the failback and the recovery naming it.
   */
  failback(
    recoveryId: string,
    request: { by: string; confirmation: string },
  ): Promise<{ execution: Execution; recovery: Execution }>;
}

export interface ExecutionServiceOptions {
  plans: PlanStore;
  executions: ExecutionStore;
  gateway: DrsGateway;
  quotas: DrsQuotas;
  /** Has the engine drive this execution now, so PENDING becomes POLLING in a second, not an interval. */
  triggerEngine: (executionId: string) => Promise<void>;
  now?: () => Date;
}
