import { Dice } from '@drs-orchestration/drs-simulator';
import {
  Execution,
  isTerminalExecutionStatus,
} from '@drs-orchestration/plugin-drs-common';
import { ExecutionPlan, RequestOutcome, WAVE_NAMES } from './scenario';
import {
  ACCEPTED_DATA_LOSS_SECONDS,
  DEADLINE_MS,
  WATCH_INTERVAL_MS,
} from './settings';
import { ChaosWorld, sleep, whileUnavailable } from './world';

type Action = 'cancel' | 'resume' | 'terminate';

/** What an operator acts in: the world, its dice for a person's pauses, and the run's clock. */
interface Operating {
  world: ChaosWorld;
  dice: Dice;
  elapsed: () => number;
}

function unexpected(what: string, answer: { status: number; body: unknown }) {
  return new Error(
    `${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
  );
}

/** What the start asks for: a drill, or a recovery from a cut-off that accepts its data loss. */
function startRequest(plan: ExecutionPlan, now: number) {
  if (plan.recoveryCutOffAgoMs === undefined) return { mode: 'DRILL' };
  return {
    mode: 'RECOVERY',
    pointInTime: {
      type: 'before',
      at: new Date(now - plan.recoveryCutOffAgoMs).toISOString(),
    },
    acceptDataLossSeconds: ACCEPTED_DATA_LOSS_SECONDS,
  };
}

/** Starts the plan's execution; returns it as the start recorded it. */
async function start(
  { world }: Operating,
  plan: ExecutionPlan,
): Promise<Execution> {
  const planId = world.planIds.get(plan.name)!;
  // Fixed before the first attempt: a retry is the same request.
  const body = startRequest(plan, Date.now());
  const answer = await whileUnavailable(() =>
    world.api.request<Execution>(
      'POST',
      `/entities/component/default/${plan.name}/plans/${planId}/executions`,
      {
        body,
        // A retry after DRS failed the pre-flight must not start a second execution.
        headers: { 'Idempotency-Key': plan.name },
      },
    ),
  );
  if (answer.status !== 202) throw unexpected(`Starting ${plan.name}`, answer);
  return answer.body;
}

/** Polls the execution until `turn` says go or give up; past the deadline, gives up. */
async function waitForTurn(
  { world, elapsed }: Operating,
  executionId: string,
  turn: (execution: Execution) => 'go' | 'give up' | 'wait',
): Promise<boolean> {
  for (;;) {
    const verdict = turn(await world.executions.get(executionId));
    if (verdict !== 'wait') return verdict === 'go';
    if (elapsed() > DEADLINE_MS) return false;
    await sleep(WATCH_INTERVAL_MS);
  }
}

/**
 * Makes the request after a person's moment, again after a refusal (409: the service lost
 * write races a few times; a person asks again after that), until it is accepted (202) or
 * `hopeless` says a refusal is final.
 */
async function send(
  { world, dice, elapsed }: Operating,
  request: { executionId: string; action: Action; body: object },
  hopeless: (refusal: string, statusThen: Execution['status']) => boolean,
): Promise<RequestOutcome> {
  const { executionId, action, body } = request;
  await sleep(dice.between(0, 600));
  for (;;) {
    const answer = await whileUnavailable(() =>
      world.api.request('POST', `/executions/${executionId}/${action}`, {
        body,
      }),
    );
    if (answer.status === 202) return { sent: true, accepted: answer.body };
    if (answer.status !== 409) {
      throw unexpected(`${action} of ${executionId}`, answer);
    }
    const refused: string = answer.body.error.message;
    const { status } = await world.executions.get(executionId);
    if (hopeless(refused, status) || elapsed() > DEADLINE_MS) {
      return { sent: true, refused, statusThen: status };
    }
    await sleep(50);
  }
}

function isDue(plan: ExecutionPlan, execution: Execution): boolean {
  const request = plan.request!;
  const wave = execution.waves[request.wave];
  switch (request.kind) {
    case 'cancel-while-running':
      return wave.status === 'STARTED';
    case 'cancel-during-automation':
      // Its hanging automation runs in SSM, and the engine knows it: it must stop it.
      return (wave.steps ?? []).some(
        step =>
          step.type === 'automation' &&
          step.status === 'RUNNING' &&
          step.automationExecutionId !== undefined,
      );
    default:
      return execution.status === 'PAUSED';
  }
}

/** Waits until the plan's request is due, then makes it until it is accepted or the execution has ended. */
async function makeRequest(
  operating: Operating,
  plan: ExecutionPlan,
  executionId: string,
): Promise<RequestOutcome> {
  const due = await waitForTurn(operating, executionId, execution => {
    if (isTerminalExecutionStatus(execution.status)) return 'give up';
    return isDue(plan, execution) ? 'go' : 'wait';
  });
  if (!due) return { sent: false };
  const { kind, wave } = plan.request!;
  const request =
    kind === 'resume'
      ? {
          executionId,
          action: 'resume' as const,
          body: { wave: WAVE_NAMES[wave] },
        }
      : { executionId, action: 'cancel' as const, body: {} };
  return send(operating, request, (_, status) =>
    isTerminalExecutionStatus(status),
  );
}

/**
 * Once the drill has ended, asks to terminate its recovery instances until accepted or
 * refused because nothing was launched.
 */
async function terminateWhenEnded(
  operating: Operating,
  executionId: string,
): Promise<RequestOutcome> {
  const ended = await waitForTurn(operating, executionId, execution =>
    isTerminalExecutionStatus(execution.status) ? 'go' : 'wait',
  );
  if (!ended) return { sent: false };
  return send(
    operating,
    { executionId, action: 'terminate', body: {} },
    refusal => /no recovery instances/.test(refusal),
  );
}

/**
 * Drives the executions as their owners would, through the plugin's API: start (a drill, or a
 * recovery from a cut-off), then cancel or
 * resume when the time comes, and terminate a finished drill's instances. Executions are
 * watched in the plugin's store of the same tables, as their pages would show them.
 */
export function createOperator(
  world: ChaosWorld,
  dice: Dice,
  elapsed: () => number,
) {
  const operating: Operating = { world, dice, elapsed };
  return {
    start: (plan: ExecutionPlan) => start(operating, plan),
    makeRequest: (plan: ExecutionPlan, executionId: string) =>
      makeRequest(operating, plan, executionId),
    terminateWhenEnded: (executionId: string) =>
      terminateWhenEnded(operating, executionId),
  };
}
