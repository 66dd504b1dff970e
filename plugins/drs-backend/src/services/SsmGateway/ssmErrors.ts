import { errorName } from '../awsFailures';

/**
 * SSM refusals of StartAutomationExecution that retrying cannot fix: the step fails with SSM's
 * message. Besides the errors SSM's model declares for the call, AWS's front door refuses a
 * request the model does not allow (ValidationException) and a call the backend's role may not
 * make (AccessDeniedException: the runbook is not among those the role may start), which no
 * retry within the step's timeout would change either.
 */
const PERMANENT_START_REFUSALS = new Set([
  'AutomationDefinitionNotFoundException',
  'AutomationDefinitionVersionNotFoundException',
  'InvalidAutomationExecutionParametersException',
  'InvalidTarget',
  'IdempotentParameterMismatch',
  'ValidationException',
  'AccessDeniedException',
]);

export function isPermanentStartRefusal(error: unknown): boolean {
  return PERMANENT_START_REFUSALS.has(errorName(error));
}

/** SSM has no automation of that ID in the account and region. */
export function isUnknownAutomation(error: unknown): boolean {
  return errorName(error) === 'AutomationExecutionNotFoundException';
}

/** A stop that needs nothing more: SSM has no such automation, or it has already ended. */
export function isAutomationAlreadyStopped(error: unknown): boolean {
  return (
    isUnknownAutomation(error) ||
    errorName(error) === 'InvalidAutomationStatusUpdateException'
  );
}
