/*
 * What the way back from a recovery offers on an execution, and where an entity stands on it:
 * reverse replication of a completed RECOVERY, its FAILBACK once every reversed server replicates
 * CONTINUOUS, then re-protect (reverse replication of the failback) and terminating the
 * recovery's instances. The backend decides; these only choose what to show.
 */
import {
  Execution,
  ExecutionMode,
  ExecutionSummary,
  isActiveExecutionStatus,
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

/**
 * Where an entity stands after its newest recovery: running in the recovery region, reversing
 * replication back, ready to fail back, failing back, back home (re-protecting or not yet), or
 * protected again. `execution` is the recovery or failback that says so; `since` when it began.
 */
export interface WayBackStanding {
  state:
    | 'in-recovery-region'
    | 'reversing'
    | 'ready-to-fail-back'
    | 'failing-back'
    | 'failed-back'
    | 'reprotecting'
    | 'protected';
  execution: ExecutionSummary;
  since?: string;
}

/**
 * The entity's standing on the way back from its newest executions (newest first): the newest
 * completed RECOVERY, or a FAILBACK running or completed after it, decides. Undefined when it
 * never recovered.
 */
export function wayBackStanding(
  executions: ExecutionSummary[],
): WayBackStanding | undefined {
  const execution = executions.find(
    e =>
      (e.mode === 'RECOVERY' && e.status === 'COMPLETED') ||
      (e.mode === 'FAILBACK' &&
        (e.status === 'COMPLETED' || isActiveExecutionStatus(e.status))),
  );
  if (!execution) return undefined;
  const reverse = execution.requests.reverseReplication;
  const at = (state: WayBackStanding['state'], since?: string) => ({
    state,
    execution,
    since,
  });
  if (execution.mode === 'FAILBACK') {
    if (execution.status !== 'COMPLETED') {
      return at('failing-back', execution.startedAt);
    }
    if (reverse?.status === 'CONTINUOUS')
      return at('protected', reverse.endedAt);
    if (isReverseInFlight(reverse)) {
      return at('reprotecting', execution.endedAt);
    }
    return at('failed-back', execution.endedAt);
  }
  // all three still run the service in the recovery region, since the recovery ended
  if (reverse?.status === 'CONTINUOUS') {
    return at('ready-to-fail-back', execution.endedAt);
  }
  if (isReverseInFlight(reverse)) return at('reversing', execution.endedAt);
  return at('in-recovery-region', execution.endedAt);
}
