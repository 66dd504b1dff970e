import { ServiceError } from '../errors';
import { errorStatus, loadServiceModel } from '../model';
import { ShapeIssue } from '../shapeValidation';

const model = loadServiceModel('ssm');

/** Errors the simulator answers SSM calls with: the model's, then AWS's front door's. */
export type SsmErrorType =
  | 'AutomationDefinitionNotFoundException'
  | 'AutomationDefinitionVersionNotFoundException'
  | 'AutomationExecutionNotFoundException'
  | 'IdempotentParameterMismatch'
  | 'InternalServerError'
  | 'InvalidAutomationExecutionParametersException'
  | 'InvalidAutomationStatusUpdateException'
  // Not in SSM's model: every AWS JSON service answers these before its own logic runs.
  | 'MissingAuthenticationTokenException'
  | 'SerializationException'
  | 'ThrottlingException'
  | 'UnknownOperationException'
  | 'UnrecognizedClientException'
  | 'ValidationException';

const FRONT_DOOR_STATUS: Partial<Record<SsmErrorType, number>> = {
  MissingAuthenticationTokenException: 403,
};

export function ssmError(type: SsmErrorType, message: string): ServiceError {
  const shape = model.shapes[type];
  return new ServiceError(
    type,
    shape ? errorStatus(shape) : FRONT_DOOR_STATUS[type] ?? 400,
    message,
  );
}

/** Modeled errors carry the model's `Message` member; the front door's say `message`. */
export function isModeledError(type: string): boolean {
  return model.shapes[type]?.exception === true;
}

/** AWS's own wording for requests that break the model's constraints. */
export function validationFailed(issues: ShapeIssue[]): ServiceError {
  const count = `${issues.length} validation error${
    issues.length === 1 ? '' : 's'
  } detected`;
  return ssmError(
    'ValidationException',
    `${count}: ${issues
      .map(issue => `Value at '${issue.path}' ${issue.message}`)
      .join('; ')}`,
  );
}
