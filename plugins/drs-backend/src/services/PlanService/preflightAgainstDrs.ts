import {
  DrsQuotas,
  PointInTimeChoice,
  Preflight,
  preflightPlan,
  RecoveryPlanInput,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { readPointsInTime } from '../DrsGateway/readPointsInTime';
import { DrsGateway, RecoverySnapshotQuery } from '../DrsGateway/types';
import { ResolvedEntity } from '../EntityResolver/types';
import { PreflightRequest } from './types';

/** The snapshots a choice needs: the newest first, and none after a cut-off. */
function snapshotQuery(choice: PointInTimeChoice): RecoverySnapshotQuery {
  return choice.type === 'before'
    ? { to: choice.at, order: 'DESC' }
    : { order: 'DESC' };
}

/**
 * Pre-flight of a plan against what DRS reports now: the entity's servers (one call), then the
 * recovery snapshots of each of the plan's servers that are the entity's, a bounded number at a
 * time. Throws when the servers cannot be read; a server whose snapshots cannot be read is
 * reported as not launchable, and named in `unreadable`.
 */
export async function preflightAgainstDrs(options: {
  gateway: DrsGateway;
  entity: ResolvedEntity;
  plan: RecoveryPlanInput;
  request: PreflightRequest;
  quotas: DrsQuotas;
  now: Date;
}): Promise<{
  servers: SourceServer[];
  preflight: Preflight;
  /** Why DRS would not give some servers' points in time, by server ID; empty when it did. */
  unreadable: Record<string, string>;
}> {
  const { gateway, entity, plan, request } = options;
  const servers = await gateway.describeSourceServers(
    entity.location,
    entity.selector,
  );
  const pointInTime = request.pointInTime ?? { type: 'latest' };
  const inPlan = new Set(plan.waves.flatMap(wave => wave.sourceServerIds));
  const pointsInTime = await readPointsInTime(
    gateway,
    entity.location,
    servers
      .filter(server => inPlan.has(server.sourceServerId))
      .map(server => ({
        sourceServerId: server.sourceServerId,
        query: snapshotQuery(pointInTime),
      })),
  );
  const preflight = preflightPlan({
    plan,
    entityServers: servers,
    pointsInTime,
    mode: request.mode ?? plan.defaultMode,
    pointInTime,
    allowDegradedReplication: request.allowDegradedReplication,
    now: options.now,
    quotas: options.quotas,
  });
  const unreadable: Record<string, string> = {};
  for (const [id, read] of Object.entries(pointsInTime)) {
    if ('error' in read) unreadable[id] = read.error;
  }
  return { servers, preflight, unreadable };
}
