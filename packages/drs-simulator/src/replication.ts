import { SettingsError } from './errors';
import { enumValues, loadServiceModel } from './model';
import { LAUNCHABLE_REPLICATION_STATES, SourceServerRecord } from './state';

/**
 * Changes a source server's replication at run time.
 *
 * @public
 */
export interface ReplicationUpdate {
  /** Source server ID or hostname. */
  sourceServer: string;
  /** Needed only when the hostname exists in several regions or accounts. */
  region?: string;
  /** The new DRS `dataReplicationState`, e.g. STALLED; unchanged when absent. */
  replicationState?: string;
  /** The new replication lag; while not replicating, the lag grows from it. */
  lagSeconds?: number;
}

/** Refuses a malformed update before anything looks for its server or changes. */
export function checkReplicationUpdate(update: ReplicationUpdate): void {
  if (typeof update?.sourceServer !== 'string') {
    throw new SettingsError('sourceServer (ID or hostname) is required');
  }
  const states = enumValues(loadServiceModel(), 'DataReplicationState');
  const { replicationState, lagSeconds } = update;
  if (replicationState !== undefined && !states.includes(replicationState)) {
    throw new SettingsError(
      `replicationState must be one of ${states.join(', ')}`,
    );
  }
  if (
    lagSeconds !== undefined &&
    (typeof lagSeconds !== 'number' || !(lagSeconds >= 0))
  ) {
    throw new SettingsError('lagSeconds must be a number >= 0');
  }
}

/**
 * Applies a checked update. A server that is not replicating stopped `lagSeconds` ago,
 * so its reported lag grows from there; one replicating again starts afresh.
 */
export function applyReplicationUpdate(
  server: SourceServerRecord,
  { replicationState, lagSeconds }: ReplicationUpdate,
  now: number,
): void {
  const wasReplicating = LAUNCHABLE_REPLICATION_STATES.has(
    server.replicationState,
  );
  if (lagSeconds !== undefined) server.lagSeconds = lagSeconds;
  if (replicationState !== undefined)
    server.replicationState = replicationState;
  if (LAUNCHABLE_REPLICATION_STATES.has(server.replicationState)) {
    server.replicationStateSince = now;
  } else if (wasReplicating || lagSeconds !== undefined) {
    server.replicationStateSince = now - server.lagSeconds * 1000;
  }
}
