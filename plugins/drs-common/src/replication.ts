/**
 * DRS `dataReplicationState` values, and what each means for a launch. A launch needs a
 * completed point in time; how the server replicates decides how fresh it is and whether a
 * drill from it proves anything.
 */

/**
 * Every `dataReplicationState` DRS reports for a source server.
 *
 * @public
 */
export const DATA_REPLICATION_STATES = [
  'STOPPED',
  'INITIATING',
  'INITIAL_SYNC',
  'BACKLOG',
  'CREATING_SNAPSHOT',
  'CONTINUOUS',
  'PAUSED',
  'RESCAN',
  'STALLED',
  'DISCONNECTED',
] as const;

/** Data still flows: a launch on DRS's latest point in time takes a fresh one, `lag` behind the source. */
const REPLICATING_STATES: readonly string[] = [
  'CONTINUOUS',
  'BACKLOG',
  'CREATING_SNAPSHOT',
  'RESCAN',
];

/** Replication has not yet copied the disks once: there is no point in time to launch from. */
const INITIAL_STATES: readonly string[] = ['INITIATING', 'INITIAL_SYNC'];

/**
 * Healthy replication, the only state a drill proves anything from: data flows and is
 * caught up.
 *
 * @public
 */
export function isReplicationContinuous(state: string | undefined): boolean {
  return state === 'CONTINUOUS';
}

/**
 * Whether data still flows from the source, so that DRS takes a fresh point in time at launch
 * (CONTINUOUS, BACKLOG, CREATING_SNAPSHOT, RESCAN). The other states launch only from a point
 * in time already taken.
 *
 * @public
 */
export function isReplicating(state: string | undefined): boolean {
  return state !== undefined && REPLICATING_STATES.includes(state);
}

/** Why a server has no completed point in time, from its replication state. */
export function noPointInTimeReason(state: string): string {
  if (INITIAL_STATES.includes(state)) {
    return `has no completed point in time yet: DRS is still in its initial sync (${state})`;
  }
  return `has no completed point in time (replication is ${state}): DRS has nothing to launch it from`;
}
