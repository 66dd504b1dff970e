import { Dice } from '@drs-orchestration/drs-simulator';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { EngineFleet } from './engineFleet';
import { failBackWhenCompleted, FailbackOutcome } from './failbackOperator';
import { createOperator } from './operator';
import { ExecutionPlan, RequestOutcome } from './scenario';
import { CHAOS_DEADLINE_MS, DEADLINE_MS } from './settings';
import { ChaosWorld, sleep } from './world';

/** Polls until the condition holds or the deadline passes. */
async function waitFor(
  condition: () => Promise<boolean>,
  elapsed: () => number,
  deadlineMs: number,
) {
  while (elapsed() < deadlineMs && !(await condition())) await sleep(500);
}

/**
 * The run itself: executions are started and requests made while the engines are killed; then
 * the kills stop and one engine goes on alone until nothing is active or the deadline passes.
 */
export async function runUnderChaos(options: {
  world: ChaosWorld;
  plans: ExecutionPlan[];
  engines: EngineFleet;
  seed: number;
  elapsed: () => number;
}) {
  const { world, plans, engines, elapsed } = options;
  const operator = createOperator(
    world,
    new Dice(options.seed ^ 0x0bad5eed),
    elapsed,
  );
  const executionIds = new Map<string, string>();
  const started = new Map<string, Execution>();
  const requests = new Map<string, RequestOutcome>();
  const terminates = new Map<string, RequestOutcome>();
  const failbacks = new Map<string, FailbackOutcome>();
  engines.startChaos();
  engines.start();
  let operatorsDone = false;
  const operators = Promise.all(
    plans.map(async plan => {
      await sleep(plan.startAfterMs);
      const execution = await operator.start(plan);
      const { executionId } = execution;
      executionIds.set(plan.name, executionId);
      started.set(plan.name, execution);
      requests.set(
        plan.name,
        plan.request
          ? await operator.makeRequest(plan, executionId)
          : { sent: false },
      );
      if (plan.terminateAfter) {
        terminates.set(
          plan.name,
          await operator.terminateWhenEnded(executionId),
        );
      }
      if (plan.recoveryCutOffAgoMs !== undefined) {
        failbacks.set(
          plan.name,
          await failBackWhenCompleted(world, elapsed, plan, executionId),
        );
      }
    }),
  );
  // Settled either way; a failure is rethrown where the operators are awaited.
  operators.then(
    () => (operatorsDone = true),
    () => (operatorsDone = true),
  );
  // Done when nothing is active and no finished drill's instances are still being terminated.
  const settled = async () =>
    operatorsDone && (await world.executions.listForEngine()).length === 0;

  await waitFor(settled, elapsed, CHAOS_DEADLINE_MS);
  engines.stopChaos();
  await engines.reduceTo(1);
  await waitFor(settled, elapsed, DEADLINE_MS);
  await operators;
  await engines.stop();
  return { executionIds, started, requests, terminates, failbacks };
}

export type RunOutcome = Awaited<ReturnType<typeof runUnderChaos>>;
