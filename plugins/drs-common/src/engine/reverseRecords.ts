/*
 * Results of the ReverseReplication calls, applied by the plumbing after each call. Each
 * returns a new execution and leaves its input untouched.
 */
import { Execution } from '../executionTypes';
import { ReversedServer } from '../failbackTypes';
import { deepCopy } from './plainData';
import { settleReverseReplication } from './reverseReplication';
import { toIsoTime } from './time';

const SOURCE_SERVER_ARN =
  /^arn:[a-z-]+:drs:([a-z0-9-]+):([0-9]{12}):source-server\/(s-[0-9a-zA-Z]{17})$/;

/**
 * The region, account and ID a DRS source server ARN names; undefined for anything else.
 *
 * @public
 */
export function parseSourceServerArn(
  arn: string,
): { region: string; accountId: string; sourceServerId: string } | undefined {
  const match = SOURCE_SERVER_ARN.exec(arn);
  return match
    ? { region: match[1], accountId: match[2], sourceServerId: match[3] }
    : undefined;
}

function reversedServer(
  execution: Execution,
  recoveryInstanceId: string,
): ReversedServer {
  const server = execution.requests.reverseReplication?.servers.find(
    s => s.recoveryInstanceId === recoveryInstanceId,
  );
  if (!server) {
    throw new Error(
      `Execution ${execution.executionId} asked no reverse replication of recovery instance ${recoveryInstanceId}`,
    );
  }
  return server;
}

/**
 * Records the reversed source server DRS created (or, after adoption, had already created) for
 * a recovery instance.
 *
 * @public
 */
export function recordReverseReplicationStarted(
  execution: Execution,
  recoveryInstanceId: string,
  reversedSourceServerArn: string,
  now: Date,
): Execution {
  const parsed = parseSourceServerArn(reversedSourceServerArn);
  if (!parsed) {
    throw new Error(
      `DRS answered ReverseReplication of ${recoveryInstanceId} with "${reversedSourceServerArn}", not a source server ARN`,
    );
  }
  const next = deepCopy(execution);
  const server = reversedServer(next, recoveryInstanceId);
  if (
    server.reversedSourceServerArn !== undefined &&
    server.reversedSourceServerArn !== reversedSourceServerArn
  ) {
    throw new Error(
      `Recovery instance ${recoveryInstanceId} is already reversed to ${server.reversedSourceServerArn}; refusing to record ${reversedSourceServerArn}`,
    );
  }
  server.reversedSourceServerArn = reversedSourceServerArn;
  server.reversedSourceServerId = parsed.sourceServerId;
  server.reversedRegion = parsed.region;
  server.intentAt ??= toIsoTime(now);
  const request = next.requests.reverseReplication!;
  if (request.status === 'REQUESTED') {
    settleReverseReplication(request, toIsoTime(now));
  }
  return next;
}

/**
 * DRS refused to reverse a recovery instance in a way retrying cannot fix (it is not an EC2
 * source's, or no longer exists): the request fails, naming it and DRS's reason.
 *
 * @public
 */
export function recordReverseReplicationRefused(
  execution: Execution,
  recoveryInstanceId: string,
  reason: string,
  now: Date,
): Execution {
  const next = deepCopy(execution);
  const server = reversedServer(next, recoveryInstanceId);
  if (server.reversedSourceServerArn) {
    throw new Error(
      `Recovery instance ${recoveryInstanceId} is already reversed to ${server.reversedSourceServerArn}; it cannot be refused now`,
    );
  }
  server.failureReason = `DRS refused to reverse its replication: ${reason}`;
  const request = next.requests.reverseReplication!;
  if (request.status === 'REQUESTED' || request.status === 'REPLICATING') {
    settleReverseReplication(request, toIsoTime(now));
  }
  return next;
}
