/*
 * The lifecycle of a reverse replication request: per recovery instance, an intent, then
 * ReverseReplication (once: a later cycle adopts the reversed source server DRS already made),
 * then the reversed server's replication followed until CONTINUOUS.
 * REQUESTED → REPLICATING (every instance reversed) → CONTINUOUS; REQUESTED | REPLICATING → FAILED.
 * It runs on ended executions: a completed RECOVERY or FAILBACK is the only place it starts.
 */
import { Execution } from '../executionTypes';
import { ReverseReplicationRequest } from '../failbackTypes';
import { DrsObservations, EngineCommand } from './types';

/**
 * Whether the engine still has work on the request: calls to make or replication to follow.
 *
 * @public
 */
export function isReverseReplicationInFlight(
  request: ReverseReplicationRequest | undefined,
): boolean {
  return request?.status === 'REQUESTED' || request?.status === 'REPLICATING';
}

/** The reversed source servers whose replication the engine follows now, each in its region. */
export function reversedServersToObserve(
  execution: Execution,
): { sourceServerId: string; region: string }[] {
  const request = execution.requests.reverseReplication;
  if (!request || !isReverseReplicationInFlight(request)) return [];
  return request.servers.flatMap(server =>
    server.reversedSourceServerId && server.reversedRegion
      ? [
          {
            sourceServerId: server.reversedSourceServerId,
            region: server.reversedRegion,
          },
        ]
      : [],
  );
}

function applyReplication(
  request: ReverseReplicationRequest,
  observed: NonNullable<DrsObservations['reversedServers']>,
  now: string,
) {
  for (const server of request.servers) {
    const seen = server.reversedSourceServerId
      ? observed[server.reversedSourceServerId]
      : undefined;
    if (!seen) continue;
    server.replicationState = seen.replicationState;
    if (seen.progressPercent === undefined) delete server.progressPercent;
    else server.progressPercent = seen.progressPercent;
    if (seen.lagSeconds === undefined) delete server.lagSeconds;
    else server.lagSeconds = seen.lagSeconds;
    if (seen.replicationState === 'CONTINUOUS') server.continuousAt ??= now;
  }
}

/** The request's status from its servers: FAILED, REQUESTED, REPLICATING or CONTINUOUS. */
function settle(request: ReverseReplicationRequest, now: string) {
  const refused = request.servers.filter(server => server.failureReason);
  if (refused.length > 0) {
    request.status = 'FAILED';
    request.failureReason = refused
      .map(server => `${server.recoveryInstanceId}: ${server.failureReason}`)
      .join('; ');
    request.endedAt = now;
    return;
  }
  if (request.servers.some(server => !server.reversedSourceServerArn)) return;
  if (request.servers.every(server => server.continuousAt)) {
    request.status = 'CONTINUOUS';
    request.endedAt = now;
  } else {
    request.status = 'REPLICATING';
  }
}

/**
 * Advances the draft's reverse replication: folds in the reversed servers' replication, writes
 * the intent of every instance not yet reversed and returns its REVERSE_REPLICATION command
 * (adopting when the intent was written before).
 */
export function advanceReverseReplication(
  execution: Execution,
  observations: DrsObservations,
  now: string,
): EngineCommand[] {
  const request = execution.requests.reverseReplication;
  if (!request || !isReverseReplicationInFlight(request)) return [];
  if (observations.reversedServers) {
    applyReplication(request, observations.reversedServers, now);
  }
  const commands: EngineCommand[] = [];
  // A refused instance fails the request: the others are not reversed behind its back.
  const refused = request.servers.some(server => server.failureReason);
  for (const server of refused ? [] : request.servers) {
    if (server.reversedSourceServerArn || server.failureReason) continue;
    commands.push({
      type: 'REVERSE_REPLICATION',
      sourceServerId: server.sourceServerId,
      recoveryInstanceId: server.recoveryInstanceId,
      adoptExisting: server.intentAt !== undefined,
    });
    server.intentAt ??= now;
  }
  settle(request, now);
  return commands;
}

/** Settles the request after a record changed one of its servers. */
export function settleReverseReplication(
  request: ReverseReplicationRequest,
  now: string,
) {
  settle(request, now);
}
