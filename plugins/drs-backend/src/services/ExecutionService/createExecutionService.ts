import { randomUUID } from 'crypto';
import {
  entityObjectives,
  isActiveExecutionStatus,
  newExecution,
  planObjectives,
  withStartChoice,
} from '@drs-orchestration/plugin-drs-common';
import { recordControl } from './controlRequests';
import { startFailback } from './startFailback';
import {
  assertNoContention,
  failClosed,
  idempotentExecutionId,
  planBusy,
  preflightStart,
  replayed,
} from './startChecks';
import { ExecutionService, ExecutionServiceOptions } from './types';

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

    control: (executionId, control, by) =>
      recordControl(
        { executions, now, triggerEngine: options.triggerEngine },
        executionId,
        control,
        by,
      ),

    failback: (recoveryId, request) =>
      startFailback(
        {
          plans,
          executions,
          gateway,
          now,
          triggerEngine: options.triggerEngine,
        },
        recoveryId,
        request,
      ),
  };
}
