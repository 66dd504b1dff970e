import { randomUUID } from 'crypto';
import { ConflictError, InputError } from '@backstage/errors';
import {
  Execution,
  failbackNotReady,
  isActiveExecutionStatus,
  newFailbackExecution,
} from '@drs-orchestration/plugin-drs-common';
import { requestFailback } from '@drs-orchestration/plugin-drs-common/engine';
import { DrsGateway } from '../DrsGateway/types';
import { ExecutionStore, PlanStore } from '../DynamoStore/types';
import { asRequestError } from './requestErrors';
import { assertNoContention, failClosed, planBusy } from './startChecks';

export interface FailbackStartOptions {
  plans: PlanStore;
  executions: ExecutionStore;
  gateway: DrsGateway;
  now: () => Date;
  triggerEngine: (executionId: string) => Promise<void>;
}

/**
 * The recovery's earlier failback, and the ID this start uses: a failback whose intent the
 * recovery records but that was never created (a crash, a lost answer) is created under that
 * very ID, so two answers never make two failbacks.
 */
async function earlierFailback(
  executions: ExecutionStore,
  recovery: Execution,
) {
  const intent = recovery.requests.failback;
  if (!intent) return { executionId: randomUUID() };
  const previous = await executions.find(intent.executionId);
  return previous
    ? { executionId: randomUUID(), previous }
    : { executionId: intent.executionId };
}

/** Refuses a failback while DRS lists a reversed server that does not replicate CONTINUOUS. */
async function preflightFailback(
  gateway: DrsGateway,
  recovery: Execution,
  failback: Execution,
) {
  const ids = failback.waves.flatMap(w => w.servers.map(s => s.sourceServerId));
  const listed = await failClosed(
    'read the reversed source servers from DRS',
    () =>
      gateway.describeSourceServers(
        { accountId: failback.accountId, region: failback.region },
        { kind: 'ids', ids },
      ),
  );
  const notReady = failbackNotReady(recovery, listed);
  if (notReady.length > 0) {
    throw new ConflictError(
      `A failback launches only reversed servers that replicate CONTINUOUS in ${
        failback.region
      }; not yet: ${notReady.join(
        ', ',
      )}. Wait for them (the recovery's reverse replication shows their progress), or fix their replication in DRS.`,
    );
  }
  return listed;
}

/**
 * Starts the FAILBACK of a completed recovery whose reverse replication is CONTINUOUS: the
 * person typed the plan's name, DRS confirms every reversed server replicates CONTINUOUS, and
 * no other execution of the plan runs. The intent is written on the recovery first.
 */
export async function startFailback(
  options: FailbackStartOptions,
  recoveryId: string,
  request: { by: string; confirmation: string },
): Promise<{ execution: Execution; recovery: Execution }> {
  const { plans, executions, gateway, now } = options;
  const recovery = await executions.get(recoveryId);
  if (request.confirmation !== recovery.planName) {
    throw new InputError(
      `Invalid failback request: confirmation: type the plan's name, "${recovery.planName}", to confirm a failback`,
    );
  }
  const { executionId, previous } = await earlierFailback(executions, recovery);
  const startedAt = now();
  let requested = asRequestError(() =>
    requestFailback(recovery, executionId, request.by, startedAt, previous),
  );
  const { plan, activeExecutionId } = (await plans
    .getWithLock(recovery.entityRef, recovery.planId)
    .catch(() => undefined)) ?? { plan: undefined };
  if (plan && activeExecutionId && activeExecutionId !== executionId) {
    const holder = await executions.find(activeExecutionId);
    if (holder && isActiveExecutionStatus(holder.status)) {
      throw planBusy(plan.name, holder);
    }
  }
  let failback = newFailbackExecution({
    executionId,
    recovery,
    plan,
    initiatedBy: request.by,
    now: startedAt,
  });
  const listed = await preflightFailback(gateway, recovery, failback);
  failback = newFailbackExecution({
    executionId,
    recovery,
    plan,
    initiatedBy: request.by,
    now: startedAt,
    servers: listed,
  });
  await failClosed('check other active executions', () =>
    assertNoContention(executions, failback),
  );
  if (plan) await plans.takeLaunchLock(plan, executionId, activeExecutionId);
  requested = await executions.update(requested);
  if (!(await executions.create(failback))) {
    failback = await executions.get(executionId);
  }
  await options.triggerEngine(executionId);
  return { execution: failback, recovery: requested };
}
