import { SettingsError } from './errors';
import { enumValues, loadServiceModel } from './model';
import { REPLICATING_STATES } from './replicationStates';
import { pointsInTimeDeleted, SnapshotTiming } from './snapshots';
import { SourceServerRecord, Tenant } from './state';

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

/**
 * Changes the replication of several source servers at once, e.g. every server of a service
 * when its site fails: those named in `sourceServers`, or those carrying all of `tags`.
 *
 * @public
 */
export interface ServersReplicationUpdate {
  /** Source server IDs or hostnames. */
  sourceServers?: string[];
  /** Every server whose tags include all of these, e.g. `{ Application: 'checkout' }`. */
  tags?: Record<string, string>;
  /** Only servers in this region. */
  region?: string;
  /** The new DRS `dataReplicationState`, e.g. STALLED; unchanged when absent. */
  replicationState?: string;
  /** The new replication lag; while not replicating, the lag grows from it. */
  lagSeconds?: number;
}

type AnyReplicationUpdate = ReplicationUpdate | ServersReplicationUpdate;

const SELECTORS = ['sourceServer', 'sourceServers', 'tags'] as const;

const isStringMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0 &&
  Object.values(value).every(v => typeof v === 'string');

/** Which servers the update names: exactly one way of naming them, well formed. */
function checkSelection(update: Record<string, unknown>): void {
  const given = SELECTORS.filter(key => update[key] !== undefined);
  if (given.length !== 1) {
    throw new SettingsError(
      'give one of sourceServer (ID or hostname), sourceServers (a list of them) or tags (e.g. {"Application": "checkout"})',
    );
  }
  const { sourceServer, sourceServers, tags } = update;
  if (given[0] === 'sourceServer' && typeof sourceServer !== 'string') {
    throw new SettingsError('sourceServer must be an ID or hostname');
  }
  if (
    given[0] === 'sourceServers' &&
    (!Array.isArray(sourceServers) ||
      !sourceServers.length ||
      sourceServers.some(s => typeof s !== 'string'))
  ) {
    throw new SettingsError(
      'sourceServers must be a non-empty list of IDs or hostnames',
    );
  }
  if (given[0] === 'tags' && !isStringMap(tags)) {
    throw new SettingsError(
      'tags must map tag keys to values, e.g. {"Application": "checkout"}',
    );
  }
}

/** Refuses a malformed update before anything looks for its servers or changes. */
export function checkReplicationUpdate(update: AnyReplicationUpdate): void {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) {
    throw new SettingsError('the update must be a JSON object');
  }
  checkSelection(update as unknown as Record<string, unknown>);
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

/** A server by ID or hostname; errors say why none or several matched. */
function findServer(
  servers: SourceServerRecord[],
  reference: string,
  region: string | undefined,
): SourceServerRecord {
  const matches = servers.filter(
    server =>
      server.sourceServerID === reference || server.hostname === reference,
  );
  if (matches.length === 0) {
    throw new SettingsError(
      `no source server ${reference}${region ? ` in ${region}` : ''}`,
    );
  }
  if (matches.length > 1) {
    throw new SettingsError(
      `${reference} names ${matches.length} servers (${matches
        .map(s => `${s.sourceServerID} in ${s.accountId}/${s.region}`)
        .join(', ')}); use its ID or give a region`,
    );
  }
  return matches[0];
}

/** The servers a checked update names, each once, in inventory order for tags. */
export function selectServers(
  tenants: Tenant[],
  update: AnyReplicationUpdate,
): SourceServerRecord[] {
  const { region } = update;
  const servers = tenants
    .filter(tenant => !region || tenant.region === region)
    .flatMap(tenant => [...tenant.servers.values()]);
  if ('tags' in update && update.tags) {
    const tags = Object.entries(update.tags);
    const tagged = servers.filter(server =>
      tags.every(([key, value]) => server.tags[key] === value),
    );
    if (!tagged.length) {
      throw new SettingsError(
        `no source server has the tags ${JSON.stringify(update.tags)}${
          region ? ` in ${region}` : ''
        }`,
      );
    }
    return tagged;
  }
  const references =
    'sourceServers' in update && update.sourceServers
      ? update.sourceServers
      : [(update as ReplicationUpdate).sourceServer];
  return [...new Set(references.map(ref => findServer(servers, ref, region)))];
}

/**
 * Applies a checked update. A server that is not replicating stopped `lagSeconds` ago, so its
 * reported lag grows from there and its last replication span ends then; one replicating again
 * starts a new span. Points in time DRS deleted (see `pointsInTimeDeleted`) stay deleted.
 */
export function applyReplicationUpdate(
  server: SourceServerRecord,
  { replicationState, lagSeconds }: AnyReplicationUpdate,
  now: number,
  timing: SnapshotTiming,
): void {
  if (pointsInTimeDeleted(server, now, timing)) {
    server.replicationSpans = [];
    server.launchSnapshots = [];
  }
  const wasReplicating = REPLICATING_STATES.has(server.replicationState);
  if (lagSeconds !== undefined) server.lagSeconds = lagSeconds;
  if (replicationState !== undefined)
    server.replicationState = replicationState;
  if (REPLICATING_STATES.has(server.replicationState)) {
    server.replicationStateSince = now;
    if (!wasReplicating) server.replicationSpans.push({ from: now });
  } else if (wasReplicating || lagSeconds !== undefined) {
    server.replicationStateSince = now - server.lagSeconds * 1000;
    const lastSpan = server.replicationSpans.at(-1);
    if (lastSpan) lastSpan.to = server.replicationStateSince;
  }
}
