import { Entity } from '@backstage/catalog-model';
import {
  matchesSelector,
  needsPointsInTime,
  PointsInTimeRead,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { readPointsInTime } from '../DrsGateway/readPointsInTime';
import { DrsGateway, DrsLocation } from '../DrsGateway/types';
import { locationKey } from '../DrsGateway/locations';
import { ResolvedEntity } from '../EntityResolver/types';

export type PointsInTime = Record<string, PointsInTimeRead>;

/**
 * Snapshots read of a replicating server only for its RPO: the newest completed one is among
 * them even while DRS takes the next (one at a time, each in progress for about a minute).
 */
export const NEWEST_SNAPSHOTS_FOR_RPO = 3;

/**
 * The recovery snapshots of the servers whose launch depends on them: those not replicating
 * (a replicating server gets a point in time at launch), all of them. Of the servers whose
 * entity states an RPO (`forRpo`), the newest few, to age its latest point in time. Without an
 * RPO and while replication is healthy, health costs one DescribeSourceServers per location;
 * an RPO adds one DescribeRecoverySnapshots page per server.
 */
export function readNeededPointsInTime(
  gateway: DrsGateway,
  location: DrsLocation,
  servers: SourceServer[],
  forRpo: (server: SourceServer) => boolean = () => false,
): Promise<PointsInTime> {
  return readPointsInTime(
    gateway,
    location,
    servers.flatMap(server => {
      const { sourceServerId } = server;
      if (needsPointsInTime(server)) {
        return [{ sourceServerId, query: { order: 'DESC' as const } }];
      }
      return forRpo(server)
        ? [
            {
              sourceServerId,
              query: {
                order: 'DESC' as const,
                limit: NEWEST_SNAPSHOTS_FOR_RPO,
              },
            },
          ]
        : [];
    }),
  );
}

/**
 * Each entity's servers (or why DRS could not be asked) and the points in time of those not
 * replicating: one DescribeSourceServers per account and region, one bounded snapshot read per
 * location for the servers of all its entities.
 */
export async function catalogServers(
  gateway: DrsGateway,
  entities: { entity: Entity; resolved: ResolvedEntity }[],
  /** Whether the entity states an RPO, so that its servers' latest points in time are read. */
  statesRpo: (entity: ResolvedEntity) => boolean = () => false,
) {
  const atLocation = new Map<
    string,
    { location: DrsLocation; servers: Promise<SourceServer[] | Error> }
  >();
  for (const { resolved } of entities) {
    const key = locationKey(resolved.location);
    if (!atLocation.has(key)) {
      atLocation.set(key, {
        location: resolved.location,
        servers: gateway
          // An empty tag selector matches every server of the location.
          .describeSourceServers(resolved.location, { kind: 'tags', tags: {} })
          .catch((error: Error) => error),
      });
    }
  }
  const located = await Promise.all(
    entities.map(async ({ entity, resolved }) => {
      const key = locationKey(resolved.location);
      const all = await atLocation.get(key)!.servers;
      const servers =
        all instanceof Error
          ? all
          : all.filter(s => matchesSelector(s, resolved.selector));
      return { entity, resolved, key, servers };
    }),
  );
  const pointsAt = new Map(
    await Promise.all(
      [...atLocation].map(async ([key, { location }]) => {
        const here = located.filter(e => e.key === key);
        const theirs = here.flatMap(e =>
          e.servers instanceof Error ? [] : e.servers,
        );
        const forRpo = new Set(
          here
            .filter(e => statesRpo(e.resolved))
            .flatMap(e => (e.servers instanceof Error ? [] : e.servers))
            .map(s => s.sourceServerId),
        );
        return [
          key,
          await readNeededPointsInTime(gateway, location, theirs, s =>
            forRpo.has(s.sourceServerId),
          ),
        ] as const;
      }),
    ),
  );
  return located.map(({ key, ...rest }) => ({
    ...rest,
    pointsInTime: pointsAt.get(key) ?? {},
  }));
}
