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
 * The recovery snapshots of the servers whose launch depends on them: those not replicating
 * (a replicating server gets a point in time at launch). Usually none, so health costs one
 * DescribeSourceServers per location until replication breaks.
 */
export function readNeededPointsInTime(
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

/**
 * Each entity's servers (or why DRS could not be asked) and the points in time of those not
 * replicating: one DescribeSourceServers per account and region, one bounded snapshot read per
 * location for the servers of all its entities.
 */
export async function catalogServers(
  gateway: DrsGateway,
  entities: { entity: Entity; resolved: ResolvedEntity }[],
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
        const theirs = located
          .filter(e => e.key === key)
          .flatMap(e => (e.servers instanceof Error ? [] : e.servers));
        return [
          key,
          await readNeededPointsInTime(gateway, location, theirs),
        ] as const;
      }),
    ),
  );
  return located.map(({ key, ...rest }) => ({
    ...rest,
    pointsInTime: pointsAt.get(key) ?? {},
  }));
}
