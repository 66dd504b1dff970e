import {
  assessDrillSchedules,
  assessDrHealth,
  assessObjectives,
  assessWayBack,
  entityObjectives,
  ExecutionSummary,
  RecoveryPlan,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { ResolvedEntity } from '../EntityResolver/types';
import { annotatedEntities } from './annotatedEntities';
import {
  catalogServers,
  PointsInTime,
  readNeededPointsInTime,
} from './catalogServers';
import { HealthService, HealthServiceOptions } from './types';

/** Executions read to find the last drill; enough for any realistic mix of drills and recoveries. */
const HISTORY_FOR_HEALTH = 50;

/** What the stores hold of an entity: its plans and its newest executions. */
interface Records {
  plans: RecoveryPlan[];
  executions: ExecutionSummary[];
}

/** Whether the entity or one of its plans states an RPO: only then are its snapshots aged. */
function statesRpo(entity: ResolvedEntity, records: Records): boolean {
  return Boolean(
    entityObjectives(entity.entity).rpo || records.plans.some(p => p.rpo),
  );
}

/** The entity's plans and newest executions. */
async function recordsOf(
  { plans, executions }: HealthServiceOptions,
  entity: ResolvedEntity,
): Promise<Records> {
  const [planList, history] = await Promise.all([
    plans.listForEntity(entity.entityRef),
    executions.listForEntity(entity.entityRef, { limit: HISTORY_FOR_HEALTH }),
  ]);
  return { plans: planList, executions: history.items };
}

/** DR health with the objectives against the evidence, at one instant. */
function assess(
  entity: ResolvedEntity,
  records: Records,
  servers: SourceServer[] | Error,
  pointsInTime: PointsInTime,
  at: Date,
) {
  const known = servers instanceof Error ? [] : servers;
  const health = assessDrHealth({
    entityRef: entity.entityRef,
    region: entity.location.region,
    accountId: entity.location.accountId,
    servers: known,
    pointsInTime,
    serversError: servers instanceof Error ? servers.message : undefined,
    planCount: records.plans.length,
    executions: records.executions,
    now: at,
  });
  const drillSchedules = assessDrillSchedules(
    records.plans,
    records.executions,
    at,
  );
  const overdue = drillSchedules
    .filter(schedule => schedule.overdue)
    .map(
      schedule =>
        `Plan "${schedule.planName}" is overdue for its scheduled drill (${
          schedule.description
        }): no successful drill since ${
          schedule.lastSuccessfulDrillAt ?? 'the schedule was set'
        }`,
    );
  const wayBack = assessWayBack(records.executions);
  return {
    ...health,
    problems: [
      ...health.problems,
      ...overdue,
      ...(wayBack && wayBack.state !== 'PROTECTED' ? [wayBack.message] : []),
    ],
    ...(wayBack ? { wayBack } : {}),
    drillSchedules,
    objectives: assessObjectives({
      entity: entity.entity,
      plans: records.plans,
      executions: records.executions,
      servers: servers instanceof Error ? { error: servers.message } : known,
      pointsInTime,
      now: at,
    }),
  };
}

export function createHealthService(
  options: HealthServiceOptions,
): HealthService {
  const { catalog, gateway } = options;
  const now = options.now ?? (() => new Date());

  return {
    async forEntity(entity) {
      const [records, servers] = await Promise.all([
        recordsOf(options, entity),
        gateway
          .describeSourceServers(entity.location, entity.selector)
          .catch((error: Error) => error),
      ]);
      const forRpo = statesRpo(entity, records);
      const pointsInTime =
        servers instanceof Error
          ? {}
          : await readNeededPointsInTime(
              gateway,
              entity.location,
              servers,
              () => forRpo,
            );
      return assess(entity, records, servers, pointsInTime, now());
    },

    /**
     * One DescribeSourceServers per account and region, and one bounded snapshot read (with a
     * page per server of the entities that state an RPO).
     */
    async forCatalog(credentials) {
      const entities = await annotatedEntities(
        catalog,
        credentials,
        options.defaultRegion,
      );
      const records = new Map(
        await Promise.all(
          entities.map(
            async ({ resolved }) =>
              [resolved.entityRef, await recordsOf(options, resolved)] as const,
          ),
        ),
      );
      const located = await catalogServers(gateway, entities, resolved =>
        statesRpo(resolved, records.get(resolved.entityRef)!),
      );
      const at = now();
      return located.map(({ entity, resolved, servers, pointsInTime }) => ({
        ...assess(
          resolved,
          records.get(resolved.entityRef)!,
          servers,
          pointsInTime,
          at,
        ),
        title: entity.metadata.title,
        owner:
          typeof entity.spec?.owner === 'string'
            ? entity.spec.owner
            : undefined,
      }));
    },
  };
}
