import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  AutomationStartAnswer,
  recordAutomationStart,
  recordObservationError,
  StartAutomationCommand,
  StopAutomationCommand,
} from '@drs-orchestration/plugin-drs-common/engine';
import { describeAwsError, errorName } from '../awsFailures';
import {
  isAutomationAlreadyStopped,
  isPermanentStartRefusal,
} from '../SsmGateway/ssmErrors';
import { EngineContext } from './engineContext';

/** The execution with a call's result recorded, and how to record it again on a fresher version. */
export interface Recorded {
  execution: Execution;
  reapply(fresh: Execution): Execution;
}

/**
 * Starts a step's automation, whose intent the decision has already written: the same
 * ClientToken on every call for the step makes SSM answer a repeat (after a crash, a lost
 * answer, or another engine's call) with the automation it already started. SSM's answer is
 * recorded; a refusal for good fails the step; anything else leaves the intent for the next
 * decision, which sends the very same call again.
 */
export async function startAutomation(
  engine: EngineContext,
  execution: Execution,
  command: StartAutomationCommand,
): Promise<Recorded> {
  const { metrics, now } = engine;
  if (command.adoptExisting) {
    engine.logger.info(
      `Execution ${execution.executionId}: asking SSM again for the automation of ClientToken ${command.clientToken}`,
    );
  }
  let answer: AutomationStartAnswer;
  try {
    metrics?.ssmCalls.add(1, { operation: 'StartAutomationExecution' });
    answer = await engine.ssm.startAutomationExecution(
      engine.locationOf(execution),
      command,
    );
  } catch (error) {
    metrics?.ssmErrors.add(1, { error: errorName(error) });
    if (!isPermanentStartRefusal(error)) {
      // Throttling, the account's limit of running automations, 5xx, a lost answer.
      const reason = describeAwsError(error);
      const record = (e: Execution) => recordObservationError(e, reason, now());
      return { execution: record(execution), reapply: record };
    }
    answer = { refusedBecause: describeAwsError(error) };
  }
  const record = (e: Execution) =>
    recordAutomationStart(e, command, answer, now());
  return { execution: record(execution), reapply: record };
}

/**
 * Asks SSM to cancel a step's automation. Nothing is recorded: the next observation shows it
 * Cancelling, then ended; until then each decision asks again.
 */
export async function stopAutomation(
  engine: EngineContext,
  execution: Execution,
  command: StopAutomationCommand,
): Promise<void> {
  const { metrics } = engine;
  try {
    metrics?.ssmCalls.add(1, { operation: 'StopAutomationExecution' });
    await engine.ssm.stopAutomationExecution(
      engine.locationOf(execution),
      command.automationExecutionId,
    );
  } catch (error) {
    metrics?.ssmErrors.add(1, { error: errorName(error) });
    if (isAutomationAlreadyStopped(error)) return;
    engine.logger.warn(
      `Execution ${execution.executionId}: automation ${
        command.automationExecutionId
      } not stopped this time, asked again next cycle: ${describeAwsError(
        error,
      )}`,
    );
  }
}
