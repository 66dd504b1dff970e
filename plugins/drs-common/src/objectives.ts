/**
 * Recovery objectives against evidence: RTO against the last successful drill's measured
 * recovery time, RPO against each server's lag and latest completed point in time. Pure.
 */
import { describeSeconds } from './durations';
import { ExecutionSummary } from './executionTypes';
import {
  entityObjectives,
  planObjectives,
  StatedObjective,
  StatedObjectives,
} from './objectiveDurations';
import {
  DrObjectives,
  OBJECTIVE_AT_RISK_RATIO,
  OBJECTIVE_EVIDENCE_MAX_AGE_DAYS,
  ObjectiveStatus,
  PlanObjectiveEvaluation,
  RpoEvaluation,
  RtoEvaluation,
  statusOf,
} from './objectiveTypes';
import { rpoEvidence } from './rpoEvidence';
import { PointsInTimeRead } from './recoveryPoints';
import { isActiveExecutionStatus } from './statuses';
import { RecoveryPlan, SourceServer } from './types';
import { Entity } from '@backstage/catalog-model';

/** Worst first: the order the ops page sorts services in. */
const RANK: Record<DrObjectives['status'], number> = {
  breached: 0,
  invalid: 1,
  'at-risk': 2,
  'never-drilled': 3,
  unknown: 4,
  met: 5,
  none: 6,
};

/**
 * Orders standings worst first (breached, invalid, at-risk, never-drilled, unknown, met, none),
 * for sorting services.
 *
 * @public
 */
export function compareObjectiveStatus(
  a: DrObjectives['status'],
  b: DrObjectives['status'],
): number {
  return RANK[a] - RANK[b];
}

/** The worst of some standings; undefined when there are none. */
function worst<T extends { status: ObjectiveStatus }>(
  items: (T | undefined)[],
): T | undefined {
  let found: T | undefined;
  for (const item of items) {
    if (item && (!found || RANK[item.status] < RANK[found.status])) {
      found = item;
    }
  }
  return found;
}

function percentOf(seconds: number, objectiveSeconds: number): string {
  return `${Math.round((seconds / objectiveSeconds) * 100)}%`;
}

const isDrillEnded = (e: ExecutionSummary) =>
  e.mode === 'DRILL' && !isActiveExecutionStatus(e.status);

function neverDrilled(
  base: Omit<RtoEvaluation, 'status' | 'reason'>,
  drills: ExecutionSummary[],
  upperBoundSeconds: number | undefined,
): RtoEvaluation {
  const tried = drills.length > 0 ? 'No drill succeeded yet' : 'Never drilled';
  const bound =
    upperBoundSeconds === undefined
      ? ', and there is no recovery plan'
      : `: the plan's timeout of ${describeSeconds(upperBoundSeconds)} ${
          upperBoundSeconds <= base.objectiveSeconds ? 'is within' : 'exceeds'
        } the RTO`;
  return {
    ...base,
    status: 'never-drilled',
    upperBoundSeconds,
    reason: `${tried}${bound}`,
  };
}

/**
 * The RTO against the newest successful drill (newest first in `executions`): its measured
 * recovery time beyond the RTO is `breached`, above the at-risk share `at-risk`; a drill older
 * than OBJECTIVE_EVIDENCE_MAX_AGE_DAYS or followed by a failed drill leaves it `at-risk`.
 * Without a successful drill it is `never-drilled`, with the plan's timeout as the upper bound.
 *
 * @public
 */
export function evaluateRto(
  objective: StatedObjective,
  executions: ExecutionSummary[],
  upperBoundSeconds: number | undefined,
  now: Date,
): RtoEvaluation {
  const base = {
    objectiveSeconds: objective.seconds,
    objective: objective.iso,
    source: objective.source,
  };
  const drills = executions.filter(isDrillEnded);
  const drill = drills.find(
    e => e.status === 'COMPLETED' && e.startedAt && e.endedAt,
  );
  if (!drill) return neverDrilled(base, drills, upperBoundSeconds);
  const measuredSeconds = Math.max(
    0,
    Math.round(
      (Date.parse(drill.endedAt!) - Date.parse(drill.startedAt!)) / 1000,
    ),
  );
  const evidence = {
    ...base,
    measuredSeconds,
    drill: {
      executionId: drill.executionId,
      planName: drill.planName,
      endedAt: drill.endedAt!,
    },
  };
  const figures = `recovered in ${describeSeconds(
    measuredSeconds,
  )} of ${describeSeconds(objective.seconds)} (${percentOf(
    measuredSeconds,
    objective.seconds,
  )})`;
  const status = statusOf(measuredSeconds, objective.seconds);
  const ageDays = (now.getTime() - Date.parse(drill.endedAt!)) / 86_400_000;
  const failedSince = drills[0] !== drill && drills[0].status !== 'CANCELLED';
  if (status === 'met' && ageDays > OBJECTIVE_EVIDENCE_MAX_AGE_DAYS) {
    return {
      ...evidence,
      status: 'at-risk',
      reason: `The last successful drill ${figures}, but it is ${Math.floor(
        ageDays,
      )} days old (more than ${OBJECTIVE_EVIDENCE_MAX_AGE_DAYS})`,
    };
  }
  if (status === 'met' && failedSince) {
    return {
      ...evidence,
      status: 'at-risk',
      reason: `The last successful drill ${figures}, but a later drill ended ${drills[0].status}`,
    };
  }
  const verdict = {
    met: '',
    'at-risk': `: within ${OBJECTIVE_AT_RISK_RATIO * 100}% of the RTO`,
    breached: ': beyond the RTO',
  }[status];
  return {
    ...evidence,
    status,
    reason: `The last successful drill ${figures}${verdict}`,
  };
}

/**
 * The RPO against each server's evidence: its replication lag and the age of its latest
 * completed point in time, whichever is larger (a recovery after the source is lost launches
 * from that point in time). A server beyond the RPO, or without any point in time, breaches
 * it; one whose evidence could not be read leaves it `unknown` (never `met`).
 *
 * @public
 */
export function evaluateRpo(
  objective: StatedObjective,
  servers: SourceServer[] | { error: string },
  pointsInTime: Readonly<Record<string, PointsInTimeRead>>,
  now: Date,
): RpoEvaluation {
  const base = {
    objectiveSeconds: objective.seconds,
    objective: objective.iso,
    source: objective.source,
  };
  if (!Array.isArray(servers)) {
    return {
      ...base,
      status: 'unknown',
      serverCount: 0,
      reason: `DRS could not be asked: ${servers.error}`,
    };
  }
  if (servers.length === 0) {
    return {
      ...base,
      status: 'unknown',
      serverCount: 0,
      reason: 'No source server to hold against the RPO',
    };
  }
  return { ...base, ...rpoEvidence(objective, servers, pointsInTime, now) };
}

/**
 * Everything the evaluation of an entity's objectives reads.
 *
 * @public
 */
export interface ObjectivesInput {
  /** The catalog entity: its annotations state the objectives. */
  entity: Entity;
  /** Its plans: their fields override the entity's objectives. */
  plans: Pick<
    RecoveryPlan,
    'planId' | 'name' | 'rto' | 'rpo' | 'timeoutMinutes' | 'waves'
  >[];
  /** Its executions, newest first. */
  executions: ExecutionSummary[];
  /** Its source servers as DRS reports them, or why DRS could not be asked. */
  servers: SourceServer[] | { error: string };
  /** Its servers' recovery snapshots (at least the newest), by source server ID. */
  pointsInTime: Readonly<Record<string, PointsInTimeRead>>;
  /** The instant the evidence is aged at. */
  now: Date;
}

function planEvaluation(
  input: ObjectivesInput,
  stated: StatedObjectives,
  plan: ObjectivesInput['plans'][number],
): PlanObjectiveEvaluation {
  const ids = new Set(plan.waves.flatMap(w => w.sourceServerIds));
  const servers = Array.isArray(input.servers)
    ? input.servers.filter(s => ids.has(s.sourceServerId))
    : input.servers;
  return {
    planId: plan.planId,
    planName: plan.name,
    rto:
      stated.rto &&
      evaluateRto(
        stated.rto,
        input.executions.filter(e => e.planId === plan.planId),
        plan.timeoutMinutes * 60,
        input.now,
      ),
    rpo:
      stated.rpo &&
      evaluateRpo(stated.rpo, servers, input.pointsInTime, input.now),
  };
}

/**
 * An entity's recovery objectives against the evidence: each plan with its own objectives
 * (its fields, else the entity's annotations) against its own drills and servers; the entity's
 * standing is the worst of its plans, or, without a plan, its annotations against all its
 * servers. Annotations or fields that are not ISO 8601 durations are listed as problems and
 * make the standing `invalid` unless something is breached.
 *
 * @public
 */
export function assessObjectives(input: ObjectivesInput): DrObjectives {
  const stated = entityObjectives(input.entity);
  const problems = [...stated.problems];
  const plans: PlanObjectiveEvaluation[] = [];
  for (const plan of input.plans) {
    const own = planObjectives(stated, plan);
    problems.push(...own.problems);
    if (own.rto || own.rpo) plans.push(planEvaluation(input, own, plan));
  }
  const entityWide =
    input.plans.length === 0
      ? {
          rto:
            stated.rto &&
            evaluateRto(stated.rto, input.executions, undefined, input.now),
          rpo:
            stated.rpo &&
            evaluateRpo(
              stated.rpo,
              input.servers,
              input.pointsInTime,
              input.now,
            ),
        }
      : {
          rto: worst(plans.map(p => p.rto)),
          rpo: worst(plans.map(p => p.rpo)),
        };
  const standing = worst([entityWide.rto, entityWide.rpo])?.status;
  let status: DrObjectives['status'] = standing ?? 'none';
  if (problems.length > 0 && standing !== 'breached') status = 'invalid';
  return { ...entityWide, plans, problems, status };
}
