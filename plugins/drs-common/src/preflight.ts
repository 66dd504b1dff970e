import { PlanReadiness, PointsInTimeRead } from './recoveryPoints';
import { planReadiness, ReadinessOptions, serverName } from './readiness';
import { RecoveryPlanInput, SourceServer } from './types';
import { PlanIssue } from './planIssues';
import {
  DEFAULT_DRS_QUOTAS,
  DrsQuotas,
  validatePlanStructure,
} from './validation';

/**
 * A plan, what DRS reports of the entity's servers and their points in time right now, and
 * what the start asks.
 *
 * @public
 */
export interface PreflightInput extends ReadinessOptions {
  /** The plan to check, saved or draft. */
  plan: RecoveryPlanInput;
  /** The entity's source servers as DRS reports them now. */
  entityServers: SourceServer[];
  /** What DRS listed of each plan server's recovery snapshots, by source server ID. */
  pointsInTime: Readonly<Record<string, PointsInTimeRead>>;
  /** Default: AWS's default quotas. */
  quotas?: DrsQuotas;
}

/**
 * Pre-flight's answer: the plan's issues (its structure, and every server that cannot launch or
 * that the operator must know about) and each server's readiness.
 *
 * @public
 */
export interface Preflight extends PlanReadiness {
  /** Errors block the start; warnings inform. */
  issues: PlanIssue[];
}

/**
 * Pre-flight of a plan against what DRS reports right now: every server must be the entity's
 * and have a point in time the start can launch it from (see `serverReadiness`).
 *
 * @public
 */
export function preflightPlan(input: PreflightInput): Preflight {
  const { plan } = input;
  const issues = validatePlanStructure(
    plan,
    input.quotas ?? DEFAULT_DRS_QUOTAS,
  );
  const readiness = planReadiness(
    plan,
    input.entityServers,
    input.pointsInTime,
    input,
  );
  // Readiness lists the servers in plan order: the nth is in the nth entry's wave.
  const waveIndexes = plan.waves.flatMap((wave, i) =>
    wave.sourceServerIds.map(() => i),
  );
  readiness.servers.forEach((server, n) => {
    const note = server.blockingReason ?? server.warning;
    if (!note) return;
    issues.push({
      path: `waves[${waveIndexes[n]}].sourceServerIds`,
      message: `Server ${serverName(server)} ${note}`,
      severity: server.blockingReason ? 'error' : 'warning',
    });
  });
  const choice = input.pointInTime;
  if (choice?.type === 'snapshots') {
    const inPlan = new Set(plan.waves.flatMap(w => w.sourceServerIds));
    for (const id of Object.keys(choice.snapshotIds)) {
      if (!inPlan.has(id)) {
        issues.push({
          path: 'pointInTime.snapshotIds',
          message: `Names server ${id}, which is not in this plan`,
          severity: 'error',
        });
      }
    }
  }
  return { issues, ...readiness };
}
