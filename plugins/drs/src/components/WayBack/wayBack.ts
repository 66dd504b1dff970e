/*
 * What the way back from a recovery offers on an execution: reverse replication of a completed RECOVERY, its FAILBACK once every reversed server replicates
 * CONTINUOUS, then re-protect (reverse replication of the failback) and terminating the
 * recovery's instances. The backend decides; these only choose what to offer. Where the entity
 * stands on the way back is the backend's DR health (`wayBack`).
 */
import {
  Execution,
  ExecutionMode,
  ReverseReplicationRequest,
} from '@drs-orchestration/plugin-drs-common';

type Requests = Pick<Execution, 'mode' | 'status' | 'requests'>;

/** A failback that ended without launching may be started again. */
const RETRYABLE = ['FAILED', 'CANCELLED', 'TIMED_OUT'];

/** The way a mode reads in a sentence: "drill", "recovery", "failback". */
export function modeLabel(mode: ExecutionMode): string {
  if (mode === 'RECOVERY') return 'Recovery';
  if (mode === 'FAILBACK') return 'Failback';
  return 'Drill';
}

/** Reverse replication asked for and not yet CONTINUOUS or FAILED. */
export function isReverseInFlight(
  reverse: ReverseReplicationRequest | undefined,
): boolean {
  return reverse?.status === 'REQUESTED' || reverse?.status === 'REPLICATING';
}

/**
 * Reverse replication may be asked: a completed RECOVERY or FAILBACK whose instances are not
 * being terminated, not asked yet (or the last request FAILED: asking again retries the
 * refused ones), and, for a recovery, not failed back already.
 */
export function canReverse(
  execution: Requests,
  failback?: Pick<Execution, 'status'>,
): boolean {
  const { requests } = execution;
  return (
    execution.mode !== 'DRILL' &&
    execution.status === 'COMPLETED' &&
    (!requests.reverseReplication ||
      requests.reverseReplication.status === 'FAILED') &&
    (!requests.terminate || requests.terminate.status === 'FAILED') &&
    (failback === undefined || RETRYABLE.includes(failback.status))
  );
}

/**
 * A failback may start: a completed RECOVERY whose reversed servers all replicate CONTINUOUS,
 * with no failback, or only one that ended without launching.
 */
export function canFailBack(
  recovery: Requests,
  failback?: Pick<Execution, 'status'>,
): boolean {
  return (
    recovery.mode === 'RECOVERY' &&
    recovery.status === 'COMPLETED' &&
    recovery.requests.reverseReplication?.status === 'CONTINUOUS' &&
    (!recovery.requests.failback ||
      (failback !== undefined && RETRYABLE.includes(failback.status)))
  );
}

/**
 * The recovery's instances may be terminated: its failback (the execution shown) completed,
 * and nobody asked yet (or the last terminate FAILED).
 */
export function canTerminateRecovery(
  failback: Pick<Execution, 'mode' | 'status'>,
  recovery: Requests | undefined,
): boolean {
  const terminate = recovery?.requests.terminate;
  return (
    failback.mode === 'FAILBACK' &&
    failback.status === 'COMPLETED' &&
    recovery !== undefined &&
    (!terminate || terminate.status === 'FAILED')
  );
}
