/**
 * Continuous plan evaluation: what a recovery started now would meet, per plan. The types the
 * backend stores and the ops page shows.
 */

/**
 * How a recovery of the plan started now would go:
 * - `pass`: every server launches, within the RPO;
 * - `degraded`: it launches, but loses more data than it should or than the operator expects
 *   (replication lags or stopped, RPO at risk, a quota that may refuse parallel waves);
 * - `fail`: something stops it (a server left the entity or has no point in time, the RPO is
 *   breached, a quota refuses a wave, the entity left the catalog);
 * - `unknown`: DRS could not be read for its account and region; the previous standing holds.
 *
 * @public
 */
export type PlanEvaluationStatus = 'pass' | 'degraded' | 'fail' | 'unknown';

/**
 * Why a plan is not passing, by kind, for sorting and filtering:
 * `not-replicating` (a server's replication stopped, stalled or is not yet complete),
 * `lag` (replicating but behind), `left-entity` (a server is no longer the entity's: its tags
 * or IDs no longer select it), `gone` (DRS no longer knows the server), `quota` (beyond a DRS
 * quota), `rpo` (no point in time recent enough for the RPO), `unreadable` (DRS would not
 * answer), `entity` (the owning entity left the catalog or its annotations are wrong), `plan`
 * (the plan's own structure).
 *
 * @public
 */
export type PlanEvaluationReasonKind =
  | 'not-replicating'
  | 'lag'
  | 'left-entity'
  | 'gone'
  | 'quota'
  | 'rpo'
  | 'unreadable'
  | 'entity'
  | 'plan';

/**
 * One reason a plan is not passing, in words its owner can act on.
 *
 * @public
 */
export interface PlanEvaluationReason {
  /** What kind of problem it is. */
  kind: PlanEvaluationReasonKind;
  /** `error` makes the plan fail; `warning` degrades it. */
  severity: 'error' | 'warning';
  /** The problem in words, naming the server and the figures. */
  message: string;
  /** The server it is about, when it is about one. */
  sourceServerId?: string;
}

/**
 * One plan's evaluation at one instant.
 *
 * @public
 */
export interface PlanEvaluation {
  /** How a recovery started now would go. */
  status: PlanEvaluationStatus;
  /** When it was evaluated (ISO 8601). */
  evaluatedAt: string;
  /** The plan version evaluated. */
  planVersion: number;
  /** Servers of the plan. */
  serverCount: number;
  /** The reasons, errors first; empty when passing. */
  reasons: PlanEvaluationReason[];
  /** The largest data loss a recovery now would accept, in seconds, when known. */
  worstDataLossSeconds?: number;
}

/**
 * A plan's evaluation as stored: the latest, and since when it has been failing (the owners were
 * told once, when it started).
 *
 * @public
 */
export interface StoredPlanEvaluation extends PlanEvaluation {
  /**
   * When the plan turned to `fail` (ISO 8601); kept through `unknown` evaluations, cleared once it
   * passes or is only degraded. The owners are notified when it is set.
   */
  failingSince?: string;
}

/**
 * What one pass of the evaluator did, for the readiness view.
 *
 * @public
 */
export interface PlanEvaluationRun {
  /** When the pass ended (ISO 8601). */
  completedAt: string;
  /** How long the pass took, in milliseconds. */
  durationMs: number;
  /** Plans evaluated. */
  plans: number;
  /** Of them, those that would fail a recovery now. */
  failing: number;
  /** Of them, those that would degrade one. */
  degraded: number;
  /** Of them, those whose DRS could not be read. */
  unknown: number;
  /** Accounts and regions read. */
  locations: number;
}

/**
 * A plan that would not recover cleanly now, as `GET /plan-evaluations` lists it.
 *
 * @public
 */
export interface PlanEvaluationItem extends StoredPlanEvaluation {
  /** The entity that owns the plan. */
  entityRef: string;
  /** The plan's ID. */
  planId: string;
  /** The plan's name. */
  planName: string;
}
