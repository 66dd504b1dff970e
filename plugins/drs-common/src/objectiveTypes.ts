import { ObjectiveProblem } from './objectiveDurations';

/**
 * How a service stands against one objective:
 * - `met`: the evidence is inside the objective with room to spare;
 * - `at-risk`: inside it, but within {@link OBJECTIVE_AT_RISK_RATIO} of it, or the evidence is
 *   old or contradicted (the last successful drill is older than OBJECTIVE_EVIDENCE_MAX_AGE_DAYS,
 *   or a later drill failed);
 * - `breached`: the evidence is beyond it;
 * - `never-drilled` (RTO only): no successful drill measured it yet;
 * - `unknown` (RPO only): the evidence could not be read (DRS unreachable, no servers).
 *
 * @public
 */
export type ObjectiveStatus =
  | 'met'
  | 'at-risk'
  | 'breached'
  | 'never-drilled'
  | 'unknown';

/**
 * An objective held against its evidence.
 *
 * @public
 */
export interface ObjectiveEvaluationBase {
  /** Where the evidence stands against the objective. */
  status: ObjectiveStatus;
  /** The objective in seconds. */
  objectiveSeconds: number;
  /** The objective as written, an ISO 8601 duration. */
  objective: string;
  /** Written on the entity (annotation) or on the plan (field). */
  source: 'entity' | 'plan';
  /** The status in words with the figures, e.g. "recovered in 42m of 1h (70%)". */
  reason: string;
}

/**
 * The recovery time objective against the last successful drill's measured recovery time.
 *
 * @public
 */
export interface RtoEvaluation extends ObjectiveEvaluationBase {
  /** Recovery time the last successful drill measured, start to end, in seconds. */
  measuredSeconds?: number;
  /** That drill. */
  drill?: { executionId: string; planName: string; endedAt: string };
  /**
   * When never drilled: the longest a recovery by the plan can take, its timeout (the engine
   * ends an execution past it). Absent without a plan.
   */
  upperBoundSeconds?: number;
}

/**
 * One server's recovery point evidence: the data a recovery started now would lose.
 *
 * @public
 */
export interface ServerRpoEvidence {
  /** The DRS ID of the source server. */
  sourceServerId: string;
  /** Its hostname, when DRS knows it. */
  hostname?: string;
  /** Current replication lag, as DRS reports it. */
  lagSeconds?: number;
  /** The server's latest completed point in time, ISO 8601. */
  pointInTimeAt?: string;
  /** Its age now, in seconds. */
  pointInTimeAgeSeconds?: number;
  /** The larger of the lag and the point in time's age; absent when not known. */
  exposureSeconds?: number;
  /** Why the exposure is not known, or why there is none to launch from. */
  problem?: string;
}

/**
 * The recovery point objective against each server's replication lag and the age of its
 * latest completed point in time.
 *
 * @public
 */
export interface RpoEvaluation extends ObjectiveEvaluationBase {
  /** How many servers were held against it. */
  serverCount: number;
  /** The server furthest from the objective (breached first, then the largest exposure). */
  worstServer?: ServerRpoEvidence;
  /** The largest exposure among the servers, in seconds. */
  worstExposureSeconds?: number;
}

/**
 * One plan's objectives (its own fields, else the entity's) against its own evidence.
 *
 * @public
 */
export interface PlanObjectiveEvaluation {
  /** The plan's ID. */
  planId: string;
  /** The plan's name. */
  planName: string;
  /** Its RTO (its own, else the entity's) against its last successful drill. */
  rto?: RtoEvaluation;
  /** Its RPO (its own, else the entity's) against its servers. */
  rpo?: RpoEvaluation;
}

/**
 * A service's recovery objectives against the evidence, for its health card and the ops page.
 *
 * @public
 */
export interface DrObjectives {
  /** The service's RTO standing: the worst of its plans (every plan is a way it may recover). */
  rto?: RtoEvaluation;
  /** The service's RPO standing: the worst of its plans, or of all its servers without a plan. */
  rpo?: RpoEvaluation;
  /** Each plan with an objective in force. */
  plans: PlanObjectiveEvaluation[];
  /** Objectives that could not be read: annotations or fields that are not ISO 8601 durations. */
  problems: ObjectiveProblem[];
  /**
   * The worst standing, to sort services by: `invalid` when an objective could not be read,
   * `none` when none is stated.
   */
  status: ObjectiveStatus | 'invalid' | 'none';
}

/**
 * Evidence inside an objective but above this share of it is `at-risk`: a drill that took 50
 * minutes of a 1-hour RTO, or a point in time 13 minutes old against a 15-minute RPO, leaves too
 * little room for a real event's surprises.
 *
 * @public
 */
export const OBJECTIVE_AT_RISK_RATIO = 0.8;

/**
 * A successful drill older than this no longer proves the RTO: the objective is `at-risk` until
 * a new drill measures it (the same age DR health calls a drill stale).
 *
 * @public
 */
export const OBJECTIVE_EVIDENCE_MAX_AGE_DAYS = 90;

/** Evidence against an objective: beyond it, within the at-risk share of it, or well inside. */
export function statusOf(
  evidenceSeconds: number,
  objectiveSeconds: number,
): 'met' | 'at-risk' | 'breached' {
  if (evidenceSeconds > objectiveSeconds) return 'breached';
  return evidenceSeconds > objectiveSeconds * OBJECTIVE_AT_RISK_RATIO
    ? 'at-risk'
    : 'met';
}
