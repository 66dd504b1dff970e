import { AutomationRecord } from './automations';

/** The one step every simulated run has; its status is the run's. */
const STEP = {
  StepName: 'main',
  Action: 'aws:executeScript',
  OnFailure: 'Abort',
  MaxAttempts: 1,
  IsEnd: true,
  IsCritical: true,
};

/** AWS JSON 1.1 sends timestamps as epoch seconds. */
const epochSeconds = (ms: number) => ms / 1000;

/** Maps are left out when empty: the model's AutomationParameterMap has at least one entry. */
function nonEmpty(key: string, map: Record<string, string[]> | undefined) {
  return map && Object.keys(map).length ? { [key]: map } : {};
}

/** An execution as GetAutomationExecution answers it (the model's AutomationExecution). */
export function automationExecutionView(record: AutomationRecord) {
  const { status, stepStartedAt, endedAt, failureMessage } = record;
  const ended =
    endedAt === undefined ? {} : { ExecutionEndTime: epochSeconds(endedAt) };
  const failure = failureMessage ? { FailureMessage: failureMessage } : {};
  return {
    AutomationExecutionId: record.automationExecutionId,
    DocumentName: record.document.name,
    DocumentVersion: record.documentVersion,
    ExecutionStartTime: epochSeconds(record.createdAt),
    ...ended,
    AutomationExecutionStatus: status,
    StepExecutions: [
      {
        ...STEP,
        TimeoutSeconds: record.document.timeoutSeconds,
        StepExecutionId: record.stepExecutionId,
        StepStatus: status,
        ...(stepStartedAt === undefined
          ? {}
          : { ExecutionStartTime: epochSeconds(stepStartedAt) }),
        ...ended,
        ...nonEmpty('Outputs', record.outputs),
        ...failure,
      },
    ],
    StepExecutionsTruncated: false,
    ...nonEmpty('Parameters', record.parameters),
    ...nonEmpty('Outputs', record.outputs),
    ...failure,
    Mode: 'Auto',
    ...(status === 'InProgress'
      ? { CurrentStepName: STEP.StepName, CurrentAction: STEP.Action }
      : {}),
  };
}
