import { RecoverySnapshot } from '../recoveryPoints';

/** The instant pre-flight runs at in these tests. */
export const NOW = new Date('2025-03-01T12:00:00.000Z');

/** The ISO instant `seconds` before NOW. */
export function ago(seconds: number): string {
  return new Date(NOW.getTime() - seconds * 1000).toISOString();
}

/** Completed snapshots of a server, taken these many seconds before NOW. */
export function completed(
  sourceServerId: string,
  ...agesSeconds: number[]
): RecoverySnapshot[] {
  return agesSeconds.map(age => ({
    snapshotId: snapshotId(sourceServerId, age),
    sourceServerId,
    expectedAt: ago(age + 60),
    at: ago(age),
  }));
}

/** A snapshot DRS is still taking: no timestamp yet. */
export function inProgress(
  sourceServerId: string,
  ageSeconds: number,
): RecoverySnapshot {
  return {
    snapshotId: snapshotId(sourceServerId, ageSeconds),
    sourceServerId,
    expectedAt: ago(ageSeconds),
  };
}

/** The ID `completed` and `inProgress` give a server's snapshot of that age (21 characters, as DRS's). */
export function snapshotId(sourceServerId: string, ageSeconds: number) {
  return `pit-${sourceServerId.slice(-8)}${String(ageSeconds).padStart(
    9,
    '0',
  )}`;
}
