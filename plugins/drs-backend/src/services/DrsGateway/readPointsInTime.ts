import { ServiceUnavailableError } from '@backstage/errors';
import { PointsInTimeRead } from '@drs-orchestration/plugin-drs-common';
import { isAwsFailure } from '../awsFailures';
import { DrsGateway, DrsLocation, RecoverySnapshotQuery } from './types';

/**
 * DescribeRecoverySnapshots calls one pre-flight holds at once. DRS publishes no rate for it, and
 * its throttling is per account and region, shared with the engine and everyone else in the
 * account, so a pre-flight must not burst a whole plan at it: 32 is a short burst (a person's
 * click, rarely repeated), and the SDK's retry quota (500 tokens, 5 a throttled retry) caps a
 * retry storm. It is not smaller because a throttled call keeps its place while it waits out the
 * SDK's own backoff (up to 0.5 s, then 1 s): at 10 % throttled, 16 places kept a 100-server
 * pre-flight at 1.2-1.4 s, 32 at 0.9-1.0 s (50 ms a call; one call after another takes over 5 s).
 */
export const SNAPSHOT_READS_AT_ONCE = 32;

/** One server whose recovery snapshots to read, and which of them. */
export interface SnapshotRead {
  sourceServerId: string;
  query?: RecoverySnapshotQuery;
}

/**
 * Reads the recovery snapshots of many servers, `atOnce` calls at a time. It fails closed per
 * server: a server whose snapshots DRS would not give (throttled past the gateway's backoff,
 * unreachable, refused) gets the reason instead, and so is not launchable; any other error is
 * a bug and is thrown.
 */
export async function readPointsInTime(
  gateway: DrsGateway,
  location: DrsLocation,
  reads: SnapshotRead[],
  atOnce = SNAPSHOT_READS_AT_ONCE,
): Promise<Record<string, PointsInTimeRead>> {
  const results: Record<string, PointsInTimeRead> = {};
  const queue = [...reads];
  const readOne = async ({ sourceServerId, query }: SnapshotRead) => {
    try {
      results[sourceServerId] = {
        snapshots: await gateway.describeRecoverySnapshots(
          location,
          sourceServerId,
          query,
        ),
      };
    } catch (error) {
      if (!isAwsFailure(error) && !(error instanceof ServiceUnavailableError)) {
        throw error;
      }
      results[sourceServerId] = { error: (error as Error).message };
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(atOnce, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await readOne(next);
      }
    }),
  );
  return results;
}
