import { randomUUID } from 'crypto';
import { ConflictError, InputError } from '@backstage/errors';
import {
  entityObjectives,
  Execution,
  isActiveExecutionStatus,
  newExecution,
  planObjectives,
  withStartChoice,
} from '@drs-orchestration/plugin-drs-common';
import {
  ExecutionRequestError,
  requestCancel,
  requestResume,
  requestTerminate,
} from '@drs-orchestration/plugin-drs-common/engine';
import {
  assertNoContention,
  failClosed,
  idempotentExecutionId,
  planBusy,
  preflightStart,
  replayed,
} from './startChecks';
import {
  ExecutionControl,
  ExecutionService,
  ExecutionServiceOptions,
} from './types';

/**
 * A resume that names a step approves that approval step only: one the wave does not have is
 * refused as invalid, and one it does not wait on now as a conflict, naming what it waits on.
 */
function resumeNamingStep(
  current: Execution,
  { wave, step }: { wave: string; step: string },
  by: string,
  at: Date,
): Execution {
  const approvals = (current.waves.find(w => w.name === wave)?.steps ?? [])
    .filter(s => s.type === 'approval')
    .map(s => `"${s.name}"`);
  if (
    current.waves.some(w => w.name === wave) &&
    !approvals.includes(`"${step}"`)
  ) {
    throw new ExecutionRequestError(
      'INVALID',
      `Wave "${wave}" has no approval step "${step}"; ${
        approvals.length > 0
          ? `its approval steps are ${approvals.join(', ')}`
          : 'it has no approval steps'
      }`,
    );
  }
  const resumed = requestResume(current, wave, by, at);
  const approved = resumed.requests.resume?.step;
  if (approved !== step) {
    throw new ExecutionRequestError(
      'CONFLICT',
      approved
        ? `Wave "${wave}" waits for approval of step "${approved}", not "${step}"`
        : `Wave "${wave}" waits for approval of its start, not of step "${step}"; resume it without a step`,
    );
  }
  return resumed;
}

/** The execution with the request recorded; a request the execution cannot take is a 400 or 409. */
function withRequest(
  current: Execution,
  control: ExecutionControl,
  by: string,
  at: Date,
): Execution {
  try {
    if (control.action === 'cancel') return requestCancel(current, by, at);
    if (control.action === 'resume') {
      const { wave, step } = control;
      return step === undefined
        ? requestResume(current, wave, by, at)
        : resumeNamingStep(current, { wave, step }, by, at);
    }
    return requestTerminate(current, by, at);
  } catch (error) {
    if (error instanceof ExecutionRequestError) {
      if (error.code === 'CONFLICT') throw new ConflictError(error.message);
      throw new InputError(error.message);
    }
    throw error;
  }
}

export function createExecutionService(
  options: ExecutionServiceOptions,
): ExecutionService {
  const { plans, executions, gateway, quotas } = options;
  const now = options.now ?? (() => new Date());

  return {
    async start(entity, request) {
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
      const startedAt = now();
      const { servers, preflight } = await preflightStart({
        gateway,
        entity,
        plan,
        request,
        quotas,
        now: startedAt,
      });
      const execution = withStartChoice(
        newExecution({
          executionId,
          plan:
            plan.drillCleanup || !request.defaultDrillCleanup
              ? plan
              : { ...plan, drillCleanup: request.defaultDrillCleanup },
          mode: request.mode,
          initiatedBy: request.by,
          accountId: entity.location.accountId,
          region: entity.location.region,
          servers,
          now: startedAt,
          objectives: planObjectives(entityObjectives(entity.entity), plan),
        }),
        {
          pointInTime: request.pointInTime,
          acceptedDataLossSeconds: request.acceptDataLossSeconds,
          allowDegradedReplication: request.allowDegradedReplication,
        },
        preflight,
      );
      await failClosed('check other active executions', () =>
        assertNoContention(executions, execution),
      );
      await plans.takeLaunchLock(plan, executionId, activeExecutionId);
      if (!(await executions.create(execution))) {
        return replayed(await executions.get(executionId), request);
      }
      await options.triggerEngine(executionId);
      return { execution, created: true };
    },

    list: (entity, request) =>
      executions.listForEntity(entity.entityRef, request),

    get: executionId => executions.get(executionId),

    async control(executionId, control, by) {
      for (let attempt = 0; ; attempt++) {
        const next = withRequest(
          await executions.get(executionId),
          control,
          by,
          now(),
        );
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
