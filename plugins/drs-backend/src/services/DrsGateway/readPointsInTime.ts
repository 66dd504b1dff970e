import { ServiceUnavailableError } from '@backstage/errors';
import { PointsInTimeRead } from '@drs-orchestration/plugin-drs-common';
import { isAwsFailure } from '../awsFailures';
import { DrsGateway, DrsLocation, RecoverySnapshotQuery } from './types';

/**
 * DescribeRecoverySnapshots calls one pre-flight runs at once. DRS publishes no rate for it,
 * and its throttling is per account and region, shared with the engine and every other user of
 * the account: ten calls in flight stay a small burst (tens of requests a second at DRS's usual
 * latency), yet read a 100-server plan in ten rounds instead of a hundred.
 */
export const SNAPSHOT_READS_AT_ONCE = 10;

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
