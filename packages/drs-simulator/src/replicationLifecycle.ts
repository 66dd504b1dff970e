import { applyReplicationUpdate } from './replication';
import type { Simulation } from './simulation';
import { SnapshotTiming } from './snapshots';
import { SourceServerRecord } from './state';

/**
 * How long a (re)started replication takes at speed 1, in seconds: INITIATING (replication
 * server launched, agent paired) then INITIAL_SYNC (every block copied) before CONTINUOUS.
 * At speed N each is N times shorter.
 *
 * @public
 */
export const REPLICATION_BASE_SECONDS = {
  initiating: 120,
  initialSync: 480,
};

/** One (re)start of a server's replication, as scheduled when it was asked for. */
export interface ReplicationInitiation {
  startedAt: number;
  /** INITIATING → INITIAL_SYNC. */
  syncStartsAt: number;
  /** INITIAL_SYNC → CONTINUOUS, unless it stalls first. */
  continuousAt: number;
  /** INITIAL_SYNC → STALLED, half way through, for a replication the stall fault struck. */
  stallsAt?: number;
}

/** DRS's initiation steps, in order (the model's DataReplicationInitiationStepName). */
const INITIATION_STEPS = [
  'WAIT',
  'CREATE_SECURITY_GROUP',
  'LAUNCH_REPLICATION_SERVER',
  'BOOT_REPLICATION_SERVER',
  'AUTHENTICATE_WITH_SERVICE',
  'DOWNLOAD_REPLICATION_SOFTWARE',
  'CREATE_STAGING_DISKS',
  'ATTACH_STAGING_DISKS',
  'PAIR_REPLICATION_SERVER_WITH_AGENT',
  'CONNECT_AGENT_TO_REPLICATION_SERVER',
  'START_DATA_TRANSFER',
];

function moveTo(
  server: SourceServerRecord,
  replicationState: string,
  at: number,
  timing: SnapshotTiming,
) {
  applyReplicationUpdate(
    server,
    { sourceServer: server.sourceServerID, replicationState },
    at,
    timing,
  );
}

/**
 * (Re)starts a server's replication now: INITIATING, INITIAL_SYNC, then CONTINUOUS (or STALLED
 * half way through the sync when `stalls`). Each step happens only if nothing else (an
 * operator's change through the control API, StopReplication, a newer start) moved the server
 * meanwhile, so `POST /_sim/replication` can stall or heal it at any time.
 */
export function startReplicationLifecycle(
  sim: Simulation,
  server: SourceServerRecord,
  now: number,
  stalls: boolean,
): void {
  const { queue, durationMs } = sim.lifecycle();
  const timing = sim.snapshotTiming();
  const syncStartsAt = now + durationMs(REPLICATION_BASE_SECONDS.initiating);
  const syncMs = durationMs(REPLICATION_BASE_SECONDS.initialSync);
  const initiation: ReplicationInitiation = {
    startedAt: now,
    syncStartsAt,
    continuousAt: syncStartsAt + syncMs,
    ...(stalls ? { stallsAt: syncStartsAt + Math.round(syncMs / 2) } : {}),
  };
  server.initiation = initiation;
  moveTo(server, 'INITIATING', now, timing);
  const step = (at: number, from: string, to: string) =>
    queue.schedule(at, () => {
      if (server.initiation !== initiation) return;
      if (server.replicationState !== from) return;
      moveTo(server, to, at, timing);
    });
  step(syncStartsAt, 'INITIATING', 'INITIAL_SYNC');
  if (initiation.stallsAt !== undefined) {
    step(initiation.stallsAt, 'INITIAL_SYNC', 'STALLED');
  } else {
    step(initiation.continuousAt, 'INITIAL_SYNC', 'CONTINUOUS');
  }
}

/** How much of the server's disks its replication has copied: 1 unless a (re)start is syncing. */
export function syncedShare(server: SourceServerRecord, now: number): number {
  const { initiation, replicationState } = server;
  if (!initiation) return 1;
  if (replicationState === 'INITIATING') return 0;
  const syncing =
    replicationState === 'INITIAL_SYNC' ||
    (replicationState === 'STALLED' && initiation.stallsAt !== undefined);
  if (!syncing) return 1;
  const until = Math.min(now, initiation.stallsAt ?? Infinity);
  const share =
    (until - initiation.syncStartsAt) /
    (initiation.continuousAt - initiation.syncStartsAt);
  return Math.min(1, Math.max(0, share));
}

function stepStatus(index: number, done: number): string {
  if (index < done) return 'SUCCEEDED';
  return index === done ? 'IN_PROGRESS' : 'NOT_STARTED';
}

/** DRS's `dataReplicationInitiation` for a server whose replication was (re)started. */
export function initiationView(
  server: SourceServerRecord,
  now: number,
  iso: (ms: number) => string,
) {
  const { initiation } = server;
  if (!initiation) return undefined;
  const initiating = server.replicationState === 'INITIATING';
  const span = initiation.syncStartsAt - initiation.startedAt;
  const done = initiating
    ? Math.floor(
        ((now - initiation.startedAt) / Math.max(1, span)) *
          INITIATION_STEPS.length,
      )
    : INITIATION_STEPS.length;
  return {
    startDateTime: iso(initiation.startedAt),
    steps: INITIATION_STEPS.map((name, index) => ({
      name,
      status: stepStatus(index, done),
    })),
  };
}

/** When a syncing server is expected to be CONTINUOUS; unset otherwise. */
export function syncEta(server: SourceServerRecord): number | undefined {
  const { initiation, replicationState } = server;
  if (!initiation) return undefined;
  return replicationState === 'INITIATING' ||
    replicationState === 'INITIAL_SYNC'
    ? initiation.continuousAt
    : undefined;
}
