import {
  matchesSelector,
  RecoveryPlan,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { locationKey } from '../DrsGateway/locations';
import { DrsGateway, DrsLocation } from '../DrsGateway/types';
import { ResolvedEntity } from '../EntityResolver/types';
import {
  PointsInTime,
  readNeededPointsInTime,
} from '../HealthService/catalogServers';

/** A plan to evaluate, with its entity from the catalog (or why there is none). */
export interface PlanToObserve {
  plan: RecoveryPlan;
  entity: ResolvedEntity | { error: string };
  /** Whether the plan or its entity states an RPO: only then are its servers' snapshots aged. */
  statesRpo: boolean;
}

/** What DRS says now of one plan's entity: its servers, all servers there, their points in time. */
export interface PlanObservation {
  entityServers: SourceServer[] | { error: string };
  locationServers?: SourceServer[];
  pointsInTime: PointsInTime;
}

interface Location {
  location: DrsLocation;
  plans: { index: number; entity: ResolvedEntity; plan: RecoveryPlan }[];
}

/** The plans with an entity, grouped by the account and region of their entity. */
function byLocation(plans: PlanToObserve[]): Map<string, Location> {
  const locations = new Map<string, Location>();
  plans.forEach(({ plan, entity }, index) => {
    if ('error' in entity) return;
    const key = locationKey(entity.location);
    const here = locations.get(key) ?? { location: entity.location, plans: [] };
    here.plans.push({ index, entity, plan });
    locations.set(key, here);
  });
  return locations;
}

/**
 * Reads one location for all its plans: one DescribeSourceServers sweep (all pages), then the
 * recovery snapshots of each server that some plan there needs (a server not replicating, or
 * one of a plan with an RPO), once however many plans name it.
 */
async function observeLocation(
  gateway: DrsGateway,
  { location, plans }: Location,
  statesRpo: (index: number) => boolean,
  into: PlanObservation[],
) {
  let all: SourceServer[];
  try {
    // An empty tag selector matches every server of the location.
    all = await gateway.describeSourceServers(location, {
      kind: 'tags',
      tags: {},
    });
  } catch (error) {
    for (const { index } of plans) {
      into[index] = {
        entityServers: { error: (error as Error).message },
        pointsInTime: {},
      };
    }
    return;
  }
  const needed = new Map<string, SourceServer>();
  const forRpo = new Set<string>();
  const servers = plans.map(({ index, entity, plan }) => {
    const entityServers = all.filter(s => matchesSelector(s, entity.selector));
    const inPlan = new Set(plan.waves.flatMap(w => w.sourceServerIds));
    for (const server of entityServers) {
      if (!inPlan.has(server.sourceServerId)) continue;
      needed.set(server.sourceServerId, server);
      if (statesRpo(index)) forRpo.add(server.sourceServerId);
    }
    return { index, entityServers };
  });
  const pointsInTime = await readNeededPointsInTime(
    gateway,
    location,
    [...needed.values()],
    s => forRpo.has(s.sourceServerId),
  );
  for (const { index, entityServers } of servers) {
    into[index] = { entityServers, locationServers: all, pointsInTime };
  }
}

/**
 * What DRS says now of every plan's servers, read per account and region rather than per plan:
 * the DRS calls grow with the locations and the servers, not with the plans. A location DRS
 * would not answer leaves its plans' `entityServers` an error; a plan without an entity gets
 * nothing read.
 */
export async function observeLocations(
  gateway: DrsGateway,
  plans: PlanToObserve[],
): Promise<{ observations: PlanObservation[]; locations: number }> {
  const observations: PlanObservation[] = plans.map(() => ({
    entityServers: [],
    pointsInTime: {},
  }));
  const locations = byLocation(plans);
  await Promise.all(
    [...locations.values()].map(location =>
      observeLocation(
        gateway,
        location,
        index => plans[index].statesRpo,
        observations,
      ),
    ),
  );
  return { observations, locations: locations.size };
}
