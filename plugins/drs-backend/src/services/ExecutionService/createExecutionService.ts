import { createHash, randomUUID } from 'crypto';
import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  DrsQuotas,
  Execution,
  ExecutionMode,
  ExecutionStatus,
  ExecutionSummary,
  hasErrors,
  isActiveExecutionStatus,
  newExecution,
  Page,
  preflightPlan,
  sharedSourceServers,
} from '@drs-orchestration/plugin-drs-common';
import {
  ExecutionRequestError,
  requestCancel,
  requestResume,
  requestTerminate,
} from '@drs-orchestration/plugin-drs-common/engine';
import { isAwsFailure } from '../awsFailures';
import { DrsGateway } from '../DrsGateway/types';
import { ExecutionStore } from '../DynamoStore/ExecutionStore';
import { PlanStore } from '../DynamoStore/PlanStore';
import { ResolvedEntity } from '../EntityResolver/createEntityResolver';
import { PlanValidationError } from '../PlanService/createPlanService';

export interface StartExecutionRequest {
  planId: string;
  mode: ExecutionMode;
  by: string;
  idempotencyKey?: string;
}

export type ExecutionControl =
  | { action: 'cancel' }
  | { action: 'resume'; wave: string }
  | { action: 'terminate' };

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
async function failClosed<T>(
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

export function createExecutionService(options: {
  plans: PlanStore;
  executions: ExecutionStore;
  gateway: DrsGateway;
  quotas: DrsQuotas;
  /** Has the engine drive this execution now, so PENDING becomes POLLING in a second, not an interval. */
  triggerEngine: (executionId: string) => Promise<void>;
  now?: () => Date;
}) {
  const { plans, executions, gateway, quotas } = options;
  const now = options.now ?? (() => new Date());

  const planBusy = (planName: string, holder: Execution) =>
    new ConflictError(
      `Plan ${planName} already has an active execution (${holder.executionId}, ${holder.status}); wait for it to finish or cancel it.`,
    );

  async function assertNoContention(candidate: Execution) {
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

  /** The answer to a repeated idempotent start: the execution the key started before. */
  function replayed(existing: Execution, request: StartExecutionRequest) {
    if (existing.mode !== request.mode) {
      throw new ConflictError(
        `Idempotency-Key ${request.idempotencyKey} already started a ${existing.mode} of this plan (${existing.executionId}); use a new key for a ${request.mode}.`,
      );
    }
    return { execution: existing, created: false };
  }

  return {
    async start(entity: ResolvedEntity, request: StartExecutionRequest) {
      const executionId = request.idempotencyKey
        ? idempotentExecutionId(
            entity.entityRef,
            request.planId,
            request.idempotencyKey,
          )
        : randomUUID();
      if (request.idempotencyKey) {
        const existing = await executions.find(executionId);
        if (existing) return replayed(existing, request);
      }
      const { plan, activeExecutionId } = await plans.getWithLock(
        entity.entityRef,
        request.planId,
      );
      // A lock naming this very execution comes from a concurrent retry of the same start.
      if (activeExecutionId && activeExecutionId !== executionId) {
        const holder = await executions.find(activeExecutionId);
        if (holder && isActiveExecutionStatus(holder.status)) {
          throw planBusy(plan.name, holder);
        }
      }
      const servers = await failClosed('read the source servers from DRS', () =>
        gateway.describeSourceServers(entity.location, entity.selector),
      );
      const issues = preflightPlan(plan, servers, quotas);
      if (hasErrors(issues)) throw new PlanValidationError(issues);

      const execution = newExecution({
        executionId,
        plan,
        mode: request.mode,
        initiatedBy: request.by,
        accountId: entity.location.accountId,
        region: entity.location.region,
        servers,
        now: now(),
      });
      await failClosed('check other active executions', () =>
        assertNoContention(execution),
      );
      await plans.takeLaunchLock(plan, executionId, activeExecutionId);
      if (!(await executions.create(execution))) {
        return replayed(await executions.get(executionId), request);
      }
      await options.triggerEngine(executionId);
      return { execution, created: true };
    },

    list(
      entity: ResolvedEntity,
      request: { limit: number; cursor?: string; status?: ExecutionStatus },
    ): Promise<Page<ExecutionSummary>> {
      return executions.listForEntity(entity.entityRef, request);
    },

    get: (executionId: string) => executions.get(executionId),

    /** Records a cancel, resume or terminate request; the engine applies it in its next cycle. */
    async control(executionId: string, control: ExecutionControl, by: string) {
      for (let attempt = 0; ; attempt++) {
        const current = await executions.get(executionId);
        let next: Execution;
        try {
          if (control.action === 'cancel')
            next = requestCancel(current, by, now());
          else if (control.action === 'resume') {
            next = requestResume(current, control.wave, by, now());
          } else next = requestTerminate(current, by, now());
        } catch (error) {
          if (error instanceof ExecutionRequestError) {
            if (error.code === 'CONFLICT')
              throw new ConflictError(error.message);
            throw new InputError(error.message);
          }
          throw error;
        }
        try {
          const written = await executions.update(next);
          await options.triggerEngine(executionId);
          return written;
        } catch (error) {
          // The engine wrote in between: apply the request again to what it wrote.
          if (!(error instanceof ConflictError) || attempt >= 4) throw error;
        }
      }
    },
  };
}

export type ExecutionService = ReturnType<typeof createExecutionService>;
