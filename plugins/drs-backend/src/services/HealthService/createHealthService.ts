import {
  assessDrHealth,
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

export function createHealthService(
  options: HealthServiceOptions,
): HealthService {
  const { catalog, gateway, plans, executions } = options;
  const now = options.now ?? (() => new Date());

  async function assess(
    entity: ResolvedEntity,
    servers: SourceServer[] | Error,
    pointsInTime: PointsInTime,
  ) {
    const [planList, history] = await Promise.all([
      plans.listForEntity(entity.entityRef),
      executions.listForEntity(entity.entityRef, { limit: HISTORY_FOR_HEALTH }),
    ]);
    return assessDrHealth({
      entityRef: entity.entityRef,
      region: entity.location.region,
      accountId: entity.location.accountId,
      servers: servers instanceof Error ? [] : servers,
      pointsInTime,
      serversError: servers instanceof Error ? servers.message : undefined,
      planCount: planList.length,
      executions: history.items,
      now: now(),
    });
  }

  return {
    async forEntity(entity) {
      const servers = await gateway
        .describeSourceServers(entity.location, entity.selector)
        .catch((error: Error) => error);
      const pointsInTime =
        servers instanceof Error
          ? {}
          : await readNeededPointsInTime(gateway, entity.location, servers);
      return assess(entity, servers, pointsInTime);
    },

    /** One DescribeSourceServers per account and region, and one bounded snapshot read. */
    async forCatalog(credentials) {
      const entities = await annotatedEntities(
        catalog,
        credentials,
        options.defaultRegion,
      );
      const located = await catalogServers(gateway, entities);
      return Promise.all(
        located.map(async ({ entity, resolved, servers, pointsInTime }) => ({
          ...(await assess(resolved, servers, pointsInTime)),
          title: entity.metadata.title,
          owner:
            typeof entity.spec?.owner === 'string'
              ? entity.spec.owner
              : undefined,
        })),
      );
    },
  };
}
