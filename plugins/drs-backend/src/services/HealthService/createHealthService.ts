import {
  assessDrHealth,
  matchesSelector,
  needsPointsInTime,
  PointsInTimeRead,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { readPointsInTime } from '../DrsGateway/readPointsInTime';
import { DrsGateway, DrsLocation } from '../DrsGateway/types';
import { locationKey } from '../DrsGateway/locations';
import { ResolvedEntity } from '../EntityResolver/types';
import { annotatedEntities } from './annotatedEntities';
import { HealthService, HealthServiceOptions } from './types';

/** Executions read to find the last drill; enough for any realistic mix of drills and recoveries. */
const HISTORY_FOR_HEALTH = 50;

type PointsInTime = Record<string, PointsInTimeRead>;

/**
 * The recovery snapshots of the servers whose launch depends on them: those not replicating
 * (a replicating server gets a point in time at launch). Usually none, so health costs one
 * DescribeSourceServers per location until replication breaks.
 */
function readNeededPointsInTime(
  gateway: DrsGateway,
  location: DrsLocation,
  servers: SourceServer[],
): Promise<PointsInTime> {
  return readPointsInTime(
    gateway,
    location,
    servers
      .filter(server => needsPointsInTime(server))
      .map(server => ({
        sourceServerId: server.sourceServerId,
        query: { order: 'DESC' },
      })),
  );
}

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
      const byLocation = new Map<
        string,
        { location: DrsLocation; servers: Promise<SourceServer[] | Error> }
      >();
      for (const { resolved } of entities) {
        const key = locationKey(resolved.location);
        if (!byLocation.has(key)) {
          byLocation.set(key, {
            location: resolved.location,
            servers: gateway
              // An empty tag selector matches every server of the location.
              .describeSourceServers(resolved.location, {
                kind: 'tags',
                tags: {},
              })
              .catch((error: Error) => error),
          });
        }
      }
      const located = await Promise.all(
        entities.map(async ({ entity, resolved }) => {
          const all = await byLocation.get(locationKey(resolved.location))!
            .servers;
          const servers =
            all instanceof Error
              ? all
              : all.filter(s => matchesSelector(s, resolved.selector));
          return { entity, resolved, servers };
        }),
      );
      const pointsByLocation = new Map(
        await Promise.all(
          [...byLocation].map(async ([key, { location }]) => {
            const theirs = located
              .filter(e => locationKey(e.resolved.location) === key)
              .flatMap(e => (e.servers instanceof Error ? [] : e.servers));
            return [
              key,
              await readNeededPointsInTime(gateway, location, theirs),
            ] as const;
          }),
        ),
      );
      return Promise.all(
        located.map(async ({ entity, resolved, servers }) => ({
          ...(await assess(
            resolved,
            servers,
            pointsByLocation.get(locationKey(resolved.location)) ?? {},
          )),
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
