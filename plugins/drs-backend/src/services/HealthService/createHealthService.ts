import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_DRS_SOURCE_SERVER_IDS,
  ANNOTATION_DRS_SOURCE_SERVER_TAGS,
  assessDrHealth,
  DrHealth,
  matchesSelector,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { DrsGateway, locationKey } from '../DrsGateway/types';
import { ExecutionStore } from '../DynamoStore/ExecutionStore';
import { PlanStore } from '../DynamoStore/PlanStore';
import {
  ResolvedEntity,
  toResolvedEntity,
} from '../EntityResolver/createEntityResolver';

export type CatalogDrHealth = DrHealth & { title?: string; owner?: string };

/** Executions read to find the last drill; enough for any realistic mix of drills and recoveries. */
const HISTORY_FOR_HEALTH = 50;

export function createHealthService(options: {
  catalog: CatalogService;
  gateway: DrsGateway;
  plans: PlanStore;
  executions: ExecutionStore;
  defaultRegion: string;
  now?: () => Date;
}) {
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
    async forEntity(entity: ResolvedEntity): Promise<DrHealth> {
      const servers = await gateway
        .describeSourceServers(entity.location, entity.selector)
        .catch((error: Error) => error);
      return assess(entity, servers);
    },

    /** Every entity with DRS annotations: one DescribeSourceServers per account and region. */
    async forCatalog(
      credentials: BackstageCredentials,
    ): Promise<CatalogDrHealth[]> {
      const { items } = await catalog.getEntities(
        {
          filter: [
            {
              [`metadata.annotations.${ANNOTATION_DRS_SOURCE_SERVER_TAGS}`]:
                CATALOG_FILTER_EXISTS,
            },
            {
              [`metadata.annotations.${ANNOTATION_DRS_SOURCE_SERVER_IDS}`]:
                CATALOG_FILTER_EXISTS,
            },
          ],
        },
        { credentials },
      );
      const resolved: { entity: Entity; resolved: ResolvedEntity }[] = [];
      for (const entity of items) {
        try {
          resolved.push({
            entity,
            resolved: toResolvedEntity(entity, options.defaultRegion),
          });
        } catch {
          // an invalid annotation shows on the entity's own page
        }
      }
      const serversByLocation = new Map<
        string,
        Promise<SourceServer[] | Error>
      >();
      const serversOf = ({ location }: ResolvedEntity) => {
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
        resolved.map(async ({ entity, resolved: r }) => {
          const all = await serversOf(r);
          const mine =
            all instanceof Error
              ? all
              : all.filter(s => matchesSelector(s, r.selector));
          return {
            ...(await assess(r, mine)),
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

export type HealthService = ReturnType<typeof createHealthService>;
