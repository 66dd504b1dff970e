/**
 * Continuous plan evaluation, pure: a plan and what DRS reports now → whether a recovery started
 * now would pass, degrade or fail, and why. Built on pre-flight (a RECOVERY from DRS's latest
 * point in time) and the RPO evaluation; no check of its own beyond classifying theirs.
 */
import { evaluateRpo } from './objectives';
import { planObjectives, StatedObjectives } from './objectiveDurations';
import {
  PlanEvaluation,
  PlanEvaluationReason,
  PlanEvaluationReasonKind,
  PlanEvaluationRun,
  PlanEvaluationStatus,
  StoredPlanEvaluation,
} from './planEvaluationTypes';
import { preflightPlan } from './preflight';
import { needsPointsInTime, serverName } from './readiness';
import { PointsInTimeRead, ServerReadiness } from './recoveryPoints';
import { isReplicating, isReplicationContinuous } from './replication';
import { RecoveryPlan, RecoveryPlanInput, SourceServer } from './types';
import { DEFAULT_DRS_QUOTAS, DrsQuotas } from './validation';

/**
 * The most reasons stored per plan; the rest are counted in one more. Keeps a plan of hundreds
 * of stopped servers well inside its DynamoDB item.
 *
 * @public
 */
export const MAX_EVALUATION_REASONS = 50;

/**
 * What evaluating one plan reads.
 *
 * @public
 */
export interface PlanEvaluationInput {
  /** The plan, saved (its version is recorded with the evaluation). */
  plan: RecoveryPlanInput & Pick<RecoveryPlan, 'version'>;
  /** The owning entity's objectives as stated, or why the entity cannot be recovered at all. */
  entity: StatedObjectives | { error: string };
  /** The entity's servers as DRS reports them now, or why DRS could not be read. */
  entityServers: SourceServer[] | { error: string };
  /**
   * Every server DRS lists at the entity's account and region: tells a server that left the
   * entity's tags from one DRS no longer has. Without it, both are `left-entity`.
   */
  locationServers?: SourceServer[];
  /** What DRS listed of the plan's servers' recovery snapshots, by source server ID. */
  pointsInTime: Readonly<Record<string, PointsInTimeRead>>;
  /** Default: AWS's default quotas. */
  quotas?: DrsQuotas;
  /** The instant a recovery would start: data loss and point-in-time ages are measured to it. */
  now: Date;
}

function serverKind(
  server: ServerReadiness,
  input: PlanEvaluationInput,
): PlanEvaluationReasonKind {
  if (server.replicationState === undefined) {
    const atLocation = input.locationServers;
    return atLocation &&
      !atLocation.some(s => s.sourceServerId === server.sourceServerId)
      ? 'gone'
      : 'left-entity';
  }
  const read = input.pointsInTime[server.sourceServerId];
  if (read && 'error' in read) return 'unreadable';
  if (!isReplicating(server.replicationState)) return 'not-replicating';
  if (!isReplicationContinuous(server.replicationState)) return 'lag';
  return server.blockingReason ? 'not-replicating' : 'lag';
}

function serverReason(
  server: ServerReadiness,
  input: PlanEvaluationInput,
): PlanEvaluationReason {
  const kind = serverKind(server, input);
  const name = serverName(server);
  const message =
    kind === 'gone'
      ? `Server ${name} is no longer listed by DRS in the entity's account and region`
      : `Server ${name} ${server.blockingReason ?? server.warning}`;
  return {
    kind,
    severity: server.blockingReason ? 'error' : 'warning',
    message,
    sourceServerId: server.sourceServerId,
  };
}

function rpoReasons(
  input: PlanEvaluationInput,
  stated: StatedObjectives,
  servers: SourceServer[],
): PlanEvaluationReason[] {
  const reasons: PlanEvaluationReason[] = stated.problems.map(problem => ({
    kind: 'plan',
    severity: 'warning',
    message: `${problem.field}: ${problem.message}`,
  }));
  if (!stated.rpo) return reasons;
  const ids = new Set(input.plan.waves.flatMap(w => w.sourceServerIds));
  const planServers = servers.filter(s => ids.has(s.sourceServerId));
  if (planServers.length === 0) return reasons;
  const rpo = evaluateRpo(
    stated.rpo,
    planServers,
    input.pointsInTime,
    input.now,
  );
  const worst = rpo.worstServer?.sourceServerId;
  if (rpo.status === 'breached' || rpo.status === 'at-risk') {
    reasons.push({
      kind: 'rpo',
      severity: rpo.status === 'breached' ? 'error' : 'warning',
      message:
        rpo.status === 'breached'
          ? `No point in time recent enough for the RPO: ${rpo.reason}`
          : `RPO at risk: ${rpo.reason}`,
      sourceServerId: worst,
    });
  } else if (rpo.status === 'unknown') {
    reasons.push({
      kind: 'unreadable',
      severity: 'warning',
      message: `RPO not known: ${rpo.reason}`,
      sourceServerId: worst,
    });
  }
  return reasons;
}

/** Errors first, then warnings, in the order found; at most MAX_EVALUATION_REASONS. */
function ordered(reasons: PlanEvaluationReason[]): PlanEvaluationReason[] {
  const sorted = [
    ...reasons.filter(r => r.severity === 'error'),
    ...reasons.filter(r => r.severity === 'warning'),
  ];
  if (sorted.length <= MAX_EVALUATION_REASONS) return sorted;
  const kept = sorted.slice(0, MAX_EVALUATION_REASONS - 1);
  const rest = sorted.length - kept.length;
  return [
    ...kept,
    {
      kind: sorted[MAX_EVALUATION_REASONS - 1].kind,
      severity: sorted[MAX_EVALUATION_REASONS - 1].severity,
      message: `And ${rest} more reasons of this plan`,
    },
  ];
}

function statusOf(reasons: PlanEvaluationReason[]): PlanEvaluationStatus {
  if (reasons.some(r => r.severity === 'error')) return 'fail';
  return reasons.length > 0 ? 'degraded' : 'pass';
}

/**
 * Whether a recovery of the plan started now would pass, degrade or fail, and why: pre-flight of
 * a RECOVERY from DRS's latest point in time (a server that left the entity, has no point in time
 * or whose snapshots DRS would not give fails it; stopped or lagging replication degrades it),
 * the plan against the DRS quotas, and its RPO (its own, else the entity's) against each
 * server's lag and latest point in time. DRS unreadable for the location is `unknown`, never
 * `pass`.
 *
 * @public
 */
export function evaluatePlan(input: PlanEvaluationInput): PlanEvaluation {
  const { plan, now } = input;
  const base = {
    evaluatedAt: now.toISOString(),
    planVersion: plan.version,
    serverCount: plan.waves.reduce((n, w) => n + w.sourceServerIds.length, 0),
  };
  if ('error' in input.entity) {
    const message = input.entity.error;
    return {
      ...base,
      status: 'fail',
      reasons: [{ kind: 'entity', severity: 'error', message }],
    };
  }
  if (!Array.isArray(input.entityServers)) {
    return {
      ...base,
      status: 'unknown',
      reasons: [
        {
          kind: 'unreadable',
          severity: 'warning',
          message: `DRS could not be read: ${input.entityServers.error}`,
        },
      ],
    };
  }
  // Pre-flight sees only the reads a start makes: a replicating server's snapshots, read for
  // the RPO alone, decide nothing about its launch from DRS's latest point in time.
  const startReads = Object.fromEntries(
    input.entityServers
      .filter(s => needsPointsInTime(s) && input.pointsInTime[s.sourceServerId])
      .map(s => [s.sourceServerId, input.pointsInTime[s.sourceServerId]]),
  );
  const preflight = preflightPlan({
    plan,
    entityServers: input.entityServers,
    pointsInTime: startReads,
    mode: 'RECOVERY',
    now,
    quotas: input.quotas ?? DEFAULT_DRS_QUOTAS,
  });
  const noted = preflight.servers.filter(s => s.blockingReason ?? s.warning);
  const serverMessages = new Set(
    noted.map(s => `Server ${serverName(s)} ${s.blockingReason ?? s.warning}`),
  );
  const reasons: PlanEvaluationReason[] = [
    ...preflight.issues
      .filter(issue => !serverMessages.has(issue.message))
      .map(issue => ({
        kind: issue.kind ?? ('plan' as const),
        severity: issue.severity,
        message: issue.message,
      })),
    ...noted.map(server => serverReason(server, input)),
    ...rpoReasons(
      input,
      planObjectives(input.entity, plan),
      input.entityServers,
    ),
  ];
  const sorted = ordered(reasons);
  return {
    ...base,
    status: statusOf(reasons),
    reasons: sorted,
    worstDataLossSeconds: preflight.worstDataLossSeconds,
  };
}

/**
 * The evaluation to store after `previous`, and whether the owners must be told now: once when
 * the plan turns to `fail` (from anything else, or from never evaluated), not again while it
 * keeps failing, and again after it passed or degraded in between. An `unknown` evaluation (DRS
 * unreadable) neither starts nor ends a failure.
 *
 * @public
 */
export function nextStoredEvaluation(
  previous: StoredPlanEvaluation | undefined,
  current: PlanEvaluation,
): { stored: StoredPlanEvaluation; turnedFailing: boolean } {
  if (current.status === 'fail') {
    const failingSince = previous?.failingSince ?? current.evaluatedAt;
    return {
      stored: { ...current, failingSince },
      turnedFailing: previous?.failingSince === undefined,
    };
  }
  if (current.status === 'unknown' && previous?.failingSince) {
    return {
      stored: { ...current, failingSince: previous.failingSince },
      turnedFailing: false,
    };
  }
  return { stored: current, turnedFailing: false };
}

/**
 * A pass of the evaluator in figures, for the readiness view.
 *
 * @public
 */
export function summarizeEvaluationRun(
  evaluations: Pick<PlanEvaluation, 'status'>[],
  figures: { startedAt: Date; completedAt: Date; locations: number },
): PlanEvaluationRun {
  const count = (status: PlanEvaluationStatus) =>
    evaluations.filter(e => e.status === status).length;
  return {
    completedAt: figures.completedAt.toISOString(),
    durationMs: figures.completedAt.getTime() - figures.startedAt.getTime(),
    plans: evaluations.length,
    failing: count('fail'),
    degraded: count('degraded'),
    unknown: count('unknown'),
    locations: figures.locations,
  };
}
