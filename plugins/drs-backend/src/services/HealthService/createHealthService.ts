import {
  assessDrHealth,
  matchesSelector,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { DrsLocation } from '../DrsGateway/types';
import { locationKey } from '../DrsGateway/locations';
import { ResolvedEntity } from '../EntityResolver/types';
import { annotatedEntities } from './annotatedEntities';
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
      return assess(entity, servers);
    },

    /** One DescribeSourceServers per account and region. */
    async forCatalog(credentials) {
      const entities = await annotatedEntities(
        catalog,
        credentials,
        options.defaultRegion,
      );
      const serversByLocation = new Map<
        string,
        Promise<SourceServer[] | Error>
      >();
      const serversAt = (location: DrsLocation) => {
        const key = locationKey(location);
        if (!serversByLocation.has(key)) {
          serversByLocation.set(
            key,
            gateway
              // An empty tag selector matches every server of the location.
              .describeSourceServers(location, { kind: 'tags', tags: {} })
              .catch((error: Error) => error),
          );
        }
        return serversByLocation.get(key)!;
      };
      return Promise.all(
        entities.map(async ({ entity, resolved }) => {
          const all = await serversAt(resolved.location);
          const mine =
            all instanceof Error
              ? all
              : all.filter(s => matchesSelector(s, resolved.selector));
          return {
            ...(await assess(resolved, mine)),
            title: entity.metadata.title,
            owner:
              typeof entity.spec?.owner === 'string'
                ? entity.spec.owner
                : undefined,
          };
        }),
      );
    },
  };
}
