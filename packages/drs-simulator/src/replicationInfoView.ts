import { initiationView, syncedShare, syncEta } from './replicationLifecycle';
import { currentLagSeconds, SourceServerRecord } from './state';

/*
 * DRS's `dataReplicationInfo`: of a source server, and (mirroring the server that replicates
 * it back) of a reversed recovery instance. The model's two shapes share these members.
 */

const GIB = 1024 ** 3;
const REPLICATION_ERROR_BY_STATE: Record<string, string | undefined> = {
  STALLED: 'UNSTABLE_NETWORK',
  DISCONNECTED: 'AGENT_NOT_SEEN',
};

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoDuration = (seconds: number): string =>
  `PT${Math.max(0, Math.round(seconds))}S`;

/**
 * A server's replication now: state, lag, progress of its disks, initiation, error. The model
 * types a recovery instance's `lagDuration` as a date-time (ISO8601DatetimeString), not a
 * duration: `lagAs: 'dateTime'` writes the time the replicated data has reached (now − lag).
 */
export function replicationInfoView(
  server: SourceServerRecord,
  now: number,
  diskBytes: number,
  stagingAvailabilityZone: string,
  lagAs: 'duration' | 'dateTime' = 'duration',
) {
  const lagSeconds = currentLagSeconds(server, now);
  const state = server.replicationState;
  const replicationError = REPLICATION_ERROR_BY_STATE[state];
  const backlogged = state === 'BACKLOG' ? 2 * GIB : 0;
  const synced = Math.floor(diskBytes * syncedShare(server, now));
  const eta = syncEta(server);
  const initiation = initiationView(server, now, iso);
  return {
    lagDuration:
      lagAs === 'duration'
        ? isoDuration(lagSeconds)
        : iso(now - Math.round(lagSeconds) * 1000),
    ...(eta !== undefined ? { etaDateTime: iso(eta) } : {}),
    dataReplicationState: state,
    ...(initiation ? { dataReplicationInitiation: initiation } : {}),
    replicatedDisks: [
      {
        deviceName: '/dev/sda',
        totalStorageBytes: diskBytes,
        replicatedStorageBytes: Math.min(synced, diskBytes - backlogged),
        rescannedStorageBytes: 0,
        backloggedStorageBytes: backlogged,
      },
    ],
    stagingAvailabilityZone,
    ...(replicationError
      ? {
          dataReplicationError: {
            error: replicationError,
            rawError: `Replication is ${state} (simulated)`,
          },
        }
      : {}),
  };
}
