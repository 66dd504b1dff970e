import {
  DescribeRecoverySnapshotsCommand,
  DescribeRecoverySnapshotsCommandOutput,
  DrsClient,
} from '@aws-sdk/client-drs';
import { RecoverySnapshot } from '@drs-orchestration/plugin-drs-common';
import { setTimeout } from 'timers/promises';
import { errorName } from '../awsFailures';
import { RecoverySnapshotQuery } from './types';

/** Rounds of the SDK's own attempts a throttled page gets before the read gives up. */
const THROTTLED_ROUNDS = 3;
/** The first wait after a throttled round, doubled each round (with full jitter). */
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 5_000;

/**
 * Waits before asking again once the SDK's own retries were all throttled: at least what DRS
 * asked (`retryAfterSeconds`), and a random share of an exponential step, so that readers of
 * many servers at once do not come back in step.
 */
function throttledWaitMs(error: unknown, round: number): number {
  const retryAfterSeconds = Number(
    (error as { retryAfterSeconds?: string }).retryAfterSeconds,
  );
  const jittered = Math.random() * BACKOFF_BASE_MS * 2 ** round;
  return Math.min(
    BACKOFF_MAX_MS,
    Math.max(
      Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : 0,
      jittered,
    ),
  );
}

async function sendWithBackoff(
  client: DrsClient,
  command: DescribeRecoverySnapshotsCommand,
): Promise<DescribeRecoverySnapshotsCommandOutput> {
  for (let round = 0; ; round++) {
    try {
      return await client.send(command);
    } catch (error) {
      if (errorName(error) !== 'ThrottlingException') throw error;
      if (round + 1 >= THROTTLED_ROUNDS) throw error;
      await setTimeout(throttledWaitMs(error, round));
    }
  }
}

/**
 * A source server's recovery snapshots, all pages (or the first `query.limit`). A page whose SDK
 * attempts were all throttled is asked again after a backoff; any other failure is thrown.
 */
export async function describeRecoverySnapshots(
  client: DrsClient,
  sourceServerId: string,
  query: RecoverySnapshotQuery = {},
): Promise<RecoverySnapshot[]> {
  const snapshots: RecoverySnapshot[] = [];
  const filters =
    query.from || query.to
      ? { fromDateTime: query.from, toDateTime: query.to }
      : undefined;
  let nextToken: string | undefined;
  do {
    const page = await sendWithBackoff(
      client,
      new DescribeRecoverySnapshotsCommand({
        sourceServerID: sourceServerId,
        filters,
        order: query.order,
        maxResults: query.limit ?? 1000,
        nextToken,
      }),
    );
    for (const item of page.items ?? []) {
      snapshots.push({
        snapshotId: item.snapshotID ?? '',
        sourceServerId: item.sourceServerID ?? sourceServerId,
        expectedAt: item.expectedTimestamp ?? '',
        // In progress: DRS sends no timestamp, and the domain never launches from it.
        ...(item.timestamp ? { at: item.timestamp } : {}),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken && !(query.limit && snapshots.length >= query.limit));
  return snapshots;
}
