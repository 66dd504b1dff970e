/**
 * The evaluation benchmark's world: services over several accounts and regions, their servers
 * in the simulator, their catalog entities, their plans, and what a pass over them must find.
 */
import {
  ANNOTATION_DRS_ACCOUNT_ID,
  ANNOTATION_DRS_REGION,
  ANNOTATION_DRS_RPO,
  ANNOTATION_DRS_SOURCE_SERVER_TAGS,
} from '@drs-orchestration/plugin-drs-common';
import type {
  PlanWave,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import { serviceEntity, TEST_ACCOUNT_ID } from '@drs-orchestration/drs-testkit';
import { randomUUID } from 'crypto';

/** The sizes of the world. */
export interface EvaluationWorldOptions {
  /** Accounts × regions: 2 accounts, up to 5 regions each. */
  locations: number;
  entitiesPerLocation: number;
  serversPerEntity: number;
}

export const ACCOUNTS = [TEST_ACCOUNT_ID, '444455556666'];
const REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
];

export interface BenchEntity {
  name: string;
  accountId: string;
  region: string;
  /** Even entities state an RPO: their servers' newest points in time are read. */
  rpo: boolean;
  /** Entity 1 of each location has a server whose replication stopped: its plans fail. */
  stopped: boolean;
  serverIds: string[];
}

/** The same entities and servers for every size: `locations` × `entitiesPerLocation`. */
export function world(options: EvaluationWorldOptions): BenchEntity[] {
  if (options.locations > ACCOUNTS.length * REGIONS.length) {
    throw new Error(`At most ${ACCOUNTS.length * REGIONS.length} locations`);
  }
  let serial = 0;
  return Array.from({ length: options.locations }).flatMap((_, l) =>
    Array.from({ length: options.entitiesPerLocation }, (__, e) => ({
      name: `bench-eval-${l}-${e}`,
      accountId: ACCOUNTS[l % ACCOUNTS.length],
      region: REGIONS[Math.floor(l / ACCOUNTS.length)],
      rpo: e % 2 === 0,
      stopped: e === 1,
      serverIds: Array.from(
        { length: options.serversPerEntity },
        () => `s-${String(++serial).padStart(17, '0')}`,
      ),
    })),
  );
}

export function inventory(entities: BenchEntity[]) {
  const byLocation = new Map<string, BenchEntity[]>();
  for (const entity of entities) {
    const key = `${entity.accountId}/${entity.region}`;
    byLocation.set(key, [...(byLocation.get(key) ?? []), entity]);
  }
  return {
    accounts: [...byLocation.values()].map(here => ({
      accountId: here[0].accountId,
      region: here[0].region,
      sourceServers: here.flatMap(entity =>
        entity.serverIds.map((sourceServerID, n) => ({
          sourceServerID,
          hostname: `${entity.name}-${n}`,
          tags: { Application: entity.name },
          lagSeconds: 5,
          ...(entity.stopped && n === 0 ? { replicationState: 'STOPPED' } : {}),
        })),
      ),
    })),
  };
}

export function catalog(entities: BenchEntity[]) {
  return entities.map(entity =>
    serviceEntity(entity.name, 'group:default/bench', {
      [ANNOTATION_DRS_ACCOUNT_ID]: entity.accountId,
      [ANNOTATION_DRS_REGION]: entity.region,
      [ANNOTATION_DRS_SOURCE_SERVER_TAGS]: `Application=${entity.name}`,
      ...(entity.rpo ? { [ANNOTATION_DRS_RPO]: 'PT6H' } : {}),
    }),
  );
}

export function plan(entity: BenchEntity, n: number): RecoveryPlan {
  const wave = (name: string, ids: string[]): PlanWave => ({
    name,
    sourceServerIds: ids,
    waitFor: 'LAUNCHED',
    pauseBefore: false,
    dependsOn: [],
  });
  const at = new Date().toISOString();
  return {
    planId: randomUUID(),
    entityRef: `component:default/${entity.name}`,
    name: `Plan ${n}`,
    description: '',
    defaultMode: 'DRILL',
    timeoutMinutes: 60,
    waves: [
      wave('db', entity.serverIds.slice(0, 2)),
      wave('app', entity.serverIds.slice(2)),
    ],
    createdAt: at,
    createdBy: 'user:default/bench',
    updatedAt: at,
    updatedBy: 'user:default/bench',
    version: 1,
  };
}

/**
 * What a pass of `plans` plans (dealt round the entities) must find: the failing plans (those of
 * entities with a stopped server), and its DRS calls, one sweep per location with plans and one
 * snapshot read per server read, however many plans name it.
 */
export function expectedPass(all: BenchEntity[], plans: number) {
  const owners = Array.from({ length: plans }, (_, n) => all[n % all.length]);
  const entities = [...new Set(owners)];
  return {
    failing: owners.filter(entity => entity.stopped).length,
    locations: new Set(entities.map(e => `${e.accountId}/${e.region}`)).size,
    calls: expectedCalls(entities),
  };
}

function expectedCalls(entities: BenchEntity[]) {
  const locations = new Set(entities.map(e => `${e.accountId}/${e.region}`))
    .size;
  // Every server of an entity with an RPO; of the others, only the stopped server.
  const read = (e: BenchEntity) => {
    if (e.rpo) return e.serverIds.length;
    return e.stopped ? 1 : 0;
  };
  const snapshotReads = entities.reduce((n, e) => n + read(e), 0);
  return {
    DescribeSourceServers: locations,
    DescribeRecoverySnapshots: snapshotReads,
  };
}
