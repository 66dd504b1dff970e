/*
 * What a person may ask on the way back from a recovery: reverse replication of a completed
 * RECOVERY (and, to re-protect, of a completed FAILBACK), a failback of a recovery whose
 * reversed servers replicate continuously, and terminating a recovery's instances once its
 * failback completed. Each refusal says what to do instead.
 */
import { Execution } from '../executionTypes';
import { ReversedServer } from '../failbackTypes';
import { isTerminalExecutionStatus } from '../statuses';
import { deepCopy } from './plainData';
import { ExecutionRequestError } from './requestError';
import { toIsoTime } from './time';
import { allServers, wasLaunched } from './waves';

const conflict = (message: string) =>
  new ExecutionRequestError('CONFLICT', message);

function assertReversible(execution: Execution) {
  if (execution.mode === 'DRILL') {
    throw conflict(
      "A drill's recovery instances are isolated copies: reverse replication follows a completed RECOVERY (or, to re-protect, a completed FAILBACK)",
    );
  }
  const what = execution.mode === 'RECOVERY' ? 'recovery' : 'failback';
  if (execution.status !== 'COMPLETED') {
    throw conflict(
      isTerminalExecutionStatus(execution.status)
        ? `The ${what} ended ${
            execution.status
          }: only a COMPLETED ${what}'s instances are reversed; ${
            execution.mode === 'RECOVERY'
              ? 'complete a recovery first'
              : 'start another failback from the recovery'
          }`
        : `The ${what} is still ${execution.status}: reverse replication starts once it is COMPLETED`,
    );
  }
  const terminate = execution.requests.terminate;
  if (terminate && terminate.status !== 'FAILED') {
    throw conflict(
      `${terminate.by} asked at ${terminate.at} to terminate this ${what}'s recovery instances; there is nothing left to reverse`,
    );
  }
}

function reversedServers(execution: Execution): ReversedServer[] {
  const launched = allServers(execution).filter(
    server => wasLaunched(server) || server.recoveryInstanceId,
  );
  const unknown = launched.filter(server => !server.recoveryInstanceId);
  if (unknown.length > 0) {
    throw conflict(
      `DRS has not reported the recovery instance of ${unknown
        .map(server => server.sourceServerId)
        .join(', ')} yet; try again in a minute`,
    );
  }
  return launched.map(server => ({
    sourceServerId: server.sourceServerId,
    ...(server.hostname ? { hostname: server.hostname } : {}),
    recoveryInstanceId: server.recoveryInstanceId!,
  }));
}

/**
 * Asks the engine to reverse the replication of a completed RECOVERY's recovery instances (the
 * way back), or of a completed FAILBACK's (re-protect). After a FAILED request, asking again
 * retries only the instances DRS refused.
 *
 * @public
 */
export function requestReverseReplication(
  execution: Execution,
  by: string,
  now: Date,
): Execution {
  assertReversible(execution);
  const current = execution.requests.reverseReplication;
  if (current && current.status !== 'FAILED') {
    throw conflict(
      `${current.by} already asked at ${current.at} to reverse this ${
        execution.mode === 'RECOVERY' ? 'recovery' : 'failback'
      }'s replication (${current.status}); it is not asked twice`,
    );
  }
  const next = deepCopy(execution);
  const at = toIsoTime(now);
  // Reversed instances keep their server; an intent without an answer is still adopted first.
  const kept = new Map(
    (current?.servers ?? [])
      .filter(server => !server.failureReason)
      .map(server => [server.recoveryInstanceId, server]),
  );
  const servers = reversedServers(execution).map(
    server => kept.get(server.recoveryInstanceId) ?? server,
  );
  if (servers.length === 0) {
    throw conflict(
      'No server of this execution was launched, so there is no recovery instance to reverse',
    );
  }
  next.requests.reverseReplication = { by, at, status: 'REQUESTED', servers };
  return next;
}

/**
 * The recovery with its failback recorded, the intent written before the FAILBACK execution is
 * created. `previous` is the recovery's earlier failback, if any: one still running or
 * completed refuses another; one that failed or was cancelled may be retried.
 *
 * @public
 */
export function requestFailback(
  recovery: Execution,
  failbackExecutionId: string,
  by: string,
  now: Date,
  previous?: Pick<Execution, 'executionId' | 'status'>,
): Execution {
  if (recovery.mode !== 'RECOVERY') {
    throw conflict(
      recovery.mode === 'DRILL'
        ? "A drill launched isolated copies and changed nothing: there is nothing to fail back; terminate the drill's instances instead"
        : 'A failback is not failed back: re-protect it (reverse replication) once it completed',
    );
  }
  if (recovery.status !== 'COMPLETED') {
    throw conflict(
      `The recovery is ${recovery.status}: only a COMPLETED recovery fails back`,
    );
  }
  const reverse = recovery.requests.reverseReplication;
  if (!reverse) {
    throw conflict(
      `Reverse the recovery's replication first (POST /executions/${recovery.executionId}/reverse-replication) and wait until it is CONTINUOUS`,
    );
  }
  if (reverse.status !== 'CONTINUOUS') {
    const waiting = reverse.servers
      .filter(server => !server.continuousAt)
      .map(
        server =>
          `${server.hostname ?? server.sourceServerId} (${
            server.failureReason ??
            server.replicationState ??
            (server.reversedSourceServerId
              ? 'not observed yet'
              : 'not reversed yet')
          })`,
      );
    throw conflict(
      `Reverse replication is ${
        reverse.status
      }: a failback launches only reversed servers that replicate CONTINUOUS; waiting for ${waiting.join(
        ', ',
      )}`,
    );
  }
  if (
    previous &&
    previous.status !== 'FAILED' &&
    previous.status !== 'CANCELLED' &&
    previous.status !== 'TIMED_OUT'
  ) {
    throw conflict(
      `Failback ${previous.executionId} of this recovery is ${previous.status}; a recovery fails back once`,
    );
  }
  const next = deepCopy(recovery);
  next.requests.failback = {
    by,
    at: toIsoTime(now),
    executionId: failbackExecutionId,
  };
  return next;
}

/**
 * Why a RECOVERY's instances may not be terminated yet, or undefined once its failback
 * completed (then they no longer serve, and the person asks to terminate them).
 */
export function recoveryTerminateRefusal(
  failback: Pick<Execution, 'executionId' | 'status'> | undefined,
): string | undefined {
  if (failback?.status === 'COMPLETED') return undefined;
  return failback
    ? `Only a drill's recovery instances can be terminated before a failback: this recovery's failback ${failback.executionId} is ${failback.status}, and its instances may still run your service. Terminate them once the failback COMPLETED.`
    : "Only a drill's recovery instances can be terminated before a failback: after a recovery they are the ones running your service. Fail back first (reverse replication, then a FAILBACK), then terminate them.";
}
