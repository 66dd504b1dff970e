import { createHash } from 'crypto';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import {
  checkDataLossAcceptance,
  Execution,
  hasErrors,
  PointInTimeChoice,
  sharedSourceServers,
} from '@drs-orchestration/plugin-drs-common';
import { deepEqual } from '@drs-orchestration/plugin-drs-common/engine';
import { isAwsFailure } from '../awsFailures';
import { ExecutionStore } from '../DynamoStore/types';
import { PlanValidationError } from '../PlanService/PlanValidationError';
import { preflightAgainstDrs } from '../PlanService/preflightAgainstDrs';
import { dataLossRefusal } from './dataLossRefusal';
import { StartExecutionRequest } from './types';

/**
 * The ID of an execution started with an Idempotency-Key: the same key for the same plan
 * always names the same execution, so a retried request cannot start a second one.
 */
export function idempotentExecutionId(
  entityRef: string,
  planId: string,
  key: string,
) {
  const hash = createHash('sha256')
    .update(`${entityRef}\n${planId}\n${key}`)
    .digest('hex');
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(
    13,
    16,
  )}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/** Runs a check that must not fail open: an error while checking refuses the launch. */
export async function failClosed<T>(
  what: string,
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (error) {
    // A bug must surface as one; only an unreachable service refuses the launch as "later".
    const unreachable =
      isAwsFailure(error) || error instanceof ServiceUnavailableError;
    if (!unreachable) throw error;
    throw new ServiceUnavailableError(
      `Could not ${what}, so the launch was refused: ${
        (error as Error).message
      }. Try again shortly.`,
    );
  }
}

export function planBusy(planName: string, holder: Execution) {
  return new ConflictError(
    `Plan ${planName} already has an active execution (${holder.executionId}, ${holder.status}); wait for it to finish or cancel it.`,
  );
}

/** Refuses a start while another active execution runs the plan or holds one of its servers. */
export async function assertNoContention(
  executions: ExecutionStore,
  candidate: Execution,
) {
  const active = await executions.listActive();
  for (const other of active) {
    if (other.executionId === candidate.executionId) continue;
    if (
      other.planId === candidate.planId &&
      other.entityRef === candidate.entityRef
    ) {
      throw planBusy(candidate.planName, other);
    }
    const shared = sharedSourceServers(candidate, other);
    if (shared.length > 0 && other.region === candidate.region) {
      throw new ConflictError(
        `Source servers ${shared.slice(0, 5).join(', ')}${
          shared.length > 5 ? ` and ${shared.length - 5} more` : ''
        } are held by active execution ${other.executionId} of ${
          other.entityRef
        } (${other.planName}); DRS runs one job per source server at a time.`,
      );
    }
  }
}

/** A start's point in time as executions record it: DRS's latest is no choice. */
function recorded(choice: PointInTimeChoice | undefined) {
  return choice?.type === 'latest' ? undefined : choice;
}

/** The answer to a repeated idempotent start: the execution the key started before. */
export function replayed(existing: Execution, request: StartExecutionRequest) {
  if (existing.mode !== request.mode) {
    throw new ConflictError(
      `Idempotency-Key ${request.idempotencyKey} already started a ${existing.mode} of this plan (${existing.executionId}); use a new key for a ${request.mode}.`,
    );
  }
  if (
    !deepEqual(recorded(existing.pointInTime), recorded(request.pointInTime))
  ) {
    throw new ConflictError(
      `Idempotency-Key ${request.idempotencyKey} already started this plan (${existing.executionId}) from another point in time; use a new key for another choice.`,
    );
  }
  return { execution: existing, created: false };
}

/**
 * Pre-flight of a start, failing closed: DRS failing to answer refuses it (503, try again),
 * the plan's errors refuse it (400, with each server's readiness), and so does a RECOVERY whose accepted data loss does not cover what a launch now
 * loses (400 without an acknowledgement, 409 when the window outgrew it).
 */
export async function preflightStart(
  options: Parameters<typeof preflightAgainstDrs>[0] & {
    request: StartExecutionRequest;
  },
) {
  const checked = await failClosed('read the source servers from DRS', () =>
    preflightAgainstDrs(options),
  );
  const { preflight, unreadable } = checked;
  const unread = Object.keys(unreadable);
  if (unread.length > 0) {
    // DRS failed to answer, not the plan: "try again", as for any unreachable check.
    throw new ServiceUnavailableError(
      `Could not read the points in time of ${
        unread.length
      } server(s) from DRS (${unread[0]}: ${
        unreadable[unread[0]]
      }), so the launch was refused. Try again shortly.`,
    );
  }
  if (hasErrors(preflight.issues)) {
    throw new PlanValidationError(preflight.issues, preflight);
  }
  if (options.request.mode === 'RECOVERY') {
    const acceptance = checkDataLossAcceptance(
      preflight,
      options.request.acceptDataLossSeconds,
    );
    if (!acceptance.accepted) throw dataLossRefusal(acceptance, preflight);
  }
  return checked;
}
