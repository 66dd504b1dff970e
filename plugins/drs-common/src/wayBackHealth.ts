/*
 * Where an entity stands on the way back from its latest recovery: running in the recovery
 * region, reverse replication in progress, failing back, or protected again.
 */
import type { ExecutionSummary } from './executionTypes';
import { isActiveExecutionStatus } from './statuses';

/**
 * The way-back states: RUNNING_IN_RECOVERY_REGION (nothing replicates back yet),
 * REVERSE_REPLICATION_IN_PROGRESS (back to the original region, or after the failback back to
 * the recovery region), READY_TO_FAIL_BACK, FAILING_BACK, FAILED_BACK (running in the original
 * region, not re-protected yet) and PROTECTED (failed back and re-protected).
 *
 * @public
 */
export const WAY_BACK_STATES = [
  'RUNNING_IN_RECOVERY_REGION',
  'REVERSE_REPLICATION_IN_PROGRESS',
  'READY_TO_FAIL_BACK',
  'FAILING_BACK',
  'FAILED_BACK',
  'PROTECTED',
] as const;

/**
 * See {@link WAY_BACK_STATES}.
 *
 * @public
 */
export type WayBackState = (typeof WAY_BACK_STATES)[number];

/**
 * An entity's way back from its latest completed recovery.
 *
 * @public
 */
export interface WayBackHealth {
  /** Where it stands. */
  state: WayBackState;
  /** In words, e.g. "Running in the recovery region (us-east-1) since 2026-…". */
  message: string;
  /** Since when it is in this state, ISO-8601, when known. */
  since?: string;
  /** The recovery the way back started from. */
  recoveryExecutionId: string;
  /** Its failback, once started. */
  failbackExecutionId?: string;
  /** Reversed servers replicating CONTINUOUS, of all, while reverse replication runs. */
  continuous?: { count: number; of: number };
}

function continuousOf(execution: ExecutionSummary) {
  const servers = execution.requests.reverseReplication?.servers ?? [];
  return {
    count: servers.filter(s => s.continuousAt).length,
    of: servers.length,
  };
}

function beforeFailback(recovery: ExecutionSummary): WayBackHealth {
  const base = {
    recoveryExecutionId: recovery.executionId,
    since: recovery.endedAt,
  };
  const running = `Running in the recovery region (${recovery.region}) since ${
    recovery.endedAt ?? recovery.startedAt ?? recovery.createdAt
  }`;
  const reverse = recovery.requests.reverseReplication;
  if (reverse?.status === 'CONTINUOUS') {
    return {
      ...base,
      state: 'READY_TO_FAIL_BACK',
      message: `${running}; reverse replication is CONTINUOUS: ready to fail back`,
    };
  }
  if (reverse?.status === 'REQUESTED' || reverse?.status === 'REPLICATING') {
    const continuous = continuousOf(recovery);
    return {
      ...base,
      state: 'REVERSE_REPLICATION_IN_PROGRESS',
      continuous,
      message: `${running}; reverse replication in progress (${continuous.count} of ${continuous.of} servers CONTINUOUS)`,
    };
  }
  return {
    ...base,
    state: 'RUNNING_IN_RECOVERY_REGION',
    message: `${running}, unprotected: ${
      reverse?.status === 'FAILED'
        ? `reverse replication failed (${reverse.failureReason}); ask again`
        : 'start reverse replication to fail back'
    }`,
  };
}

function afterFailback(
  recovery: ExecutionSummary,
  failback: ExecutionSummary,
): WayBackHealth {
  const base = {
    recoveryExecutionId: recovery.executionId,
    failbackExecutionId: failback.executionId,
  };
  const back = `Failed back to ${failback.region} at ${failback.endedAt}`;
  const reprotect = failback.requests.reverseReplication;
  if (reprotect?.status === 'CONTINUOUS') {
    return {
      ...base,
      state: 'PROTECTED',
      since: reprotect.endedAt,
      message: `Protected: ${back}, replicating to ${recovery.region} again`,
    };
  }
  if (
    reprotect?.status === 'REQUESTED' ||
    reprotect?.status === 'REPLICATING'
  ) {
    const continuous = continuousOf(failback);
    return {
      ...base,
      state: 'REVERSE_REPLICATION_IN_PROGRESS',
      since: reprotect.at,
      continuous,
      message: `${back}; reverse replication in progress to re-protect it (${continuous.count} of ${continuous.of} servers CONTINUOUS)`,
    };
  }
  return {
    ...base,
    state: 'FAILED_BACK',
    since: failback.endedAt,
    message: `${back}, not protected yet: re-protect it (reverse replication of the failback)`,
  };
}

/**
 * The way back from the entity's latest completed recovery; undefined when it never recovered.
 * `executions` newest first (a history page holds a recovery and its failback).
 *
 * @public
 */
export function assessWayBack(
  executions: ExecutionSummary[],
): WayBackHealth | undefined {
  const recovery = executions.find(
    e => e.mode === 'RECOVERY' && e.status === 'COMPLETED',
  );
  if (!recovery) return undefined;
  const failbacks = executions.filter(
    e =>
      e.mode === 'FAILBACK' &&
      e.lineage?.fromExecutionId === recovery.executionId,
  );
  const completed = failbacks.find(e => e.status === 'COMPLETED');
  if (completed) return afterFailback(recovery, completed);
  const active = failbacks.find(e => isActiveExecutionStatus(e.status));
  if (active) {
    return {
      state: 'FAILING_BACK',
      recoveryExecutionId: recovery.executionId,
      failbackExecutionId: active.executionId,
      since: active.startedAt ?? active.createdAt,
      message: `Failing back to ${active.region} (${active.status}) since ${
        active.startedAt ?? active.createdAt
      }`,
    };
  }
  return beforeFailback(recovery);
}
