import {
  Execution,
  isTerminalExecutionStatus,
} from '@drs-orchestration/plugin-drs-common';
import { ExecutionPlan } from './scenario';
import { DEADLINE_MS, WATCH_INTERVAL_MS } from './settings';
import { ChaosWorld, sleep, whileUnavailable } from './world';

/** What became of a recovery's way back. */
export type FailbackOutcome =
  | { sent: false; why: string }
  | { sent: true; failbackExecutionId: string };

async function watch(
  world: ChaosWorld,
  elapsed: () => number,
  executionId: string,
  until: (execution: Execution) => boolean,
): Promise<Execution | undefined> {
  for (;;) {
    const execution = await world.executions.get(executionId);
    if (until(execution)) return execution;
    if (elapsed() > DEADLINE_MS) return undefined;
    await sleep(WATCH_INTERVAL_MS);
  }
}

/** POSTs until DRS answers (503 is retried), then expects a 202. */
async function post<T>(
  world: ChaosWorld,
  path: string,
  body: object,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const answer = await whileUnavailable(() =>
      world.api.request<T>('POST', path, { body }),
    );
    if (answer.status === 202) return answer.body;
    // A conflict with the engine's own write is retried by the service a few times; then by us.
    if (answer.status !== 409 || attempt >= 20) {
      throw new Error(
        `POST ${path} answered ${answer.status}: ${JSON.stringify(
          answer.body,
        )}`,
      );
    }
    await sleep(50);
  }
}

/**
 * Once the recovery has COMPLETED, takes the way back as its owner would: reverse replication,
 * wait until CONTINUOUS, then the failback (typing the plan's name). A recovery that did not
 * complete is not failed back.
 */
export async function failBackWhenCompleted(
  world: ChaosWorld,
  elapsed: () => number,
  plan: ExecutionPlan,
  recoveryId: string,
): Promise<FailbackOutcome> {
  const ended = await watch(world, elapsed, recoveryId, e =>
    isTerminalExecutionStatus(e.status),
  );
  if (ended?.status !== 'COMPLETED') {
    return { sent: false, why: `the recovery ended ${ended?.status}` };
  }
  await post(world, `/executions/${recoveryId}/reverse-replication`, {});
  const reversed = await watch(world, elapsed, recoveryId, e =>
    ['CONTINUOUS', 'FAILED'].includes(
      e.requests.reverseReplication?.status ?? '',
    ),
  );
  const status = reversed?.requests.reverseReplication?.status;
  if (status !== 'CONTINUOUS') {
    return { sent: false, why: `reverse replication ended ${status}` };
  }
  const failback = await post<Execution>(
    world,
    `/executions/${recoveryId}/failback`,
    { confirmation: `chaos plan of ${plan.name}` },
  );
  await approvePauses(world, elapsed, failback.executionId);
  return { sent: true, failbackExecutionId: failback.executionId };
}

/** The failback pauses before the waves the plan pauses before: its owner approves each. */
async function approvePauses(
  world: ChaosWorld,
  elapsed: () => number,
  executionId: string,
) {
  for (;;) {
    const execution = await watch(
      world,
      elapsed,
      executionId,
      e => e.status === 'PAUSED' || isTerminalExecutionStatus(e.status),
    );
    if (execution?.status !== 'PAUSED') return;
    const waiting = execution.waves.find(
      w => w.status === 'PENDING' && w.pauseBefore && !w.approvedAt,
    );
    if (!waiting) return;
    await post(world, `/executions/${executionId}/resume`, {
      wave: waiting.name,
    });
  }
}
