import { ServiceError } from '../errors';
import { errorStatus, loadServiceModel } from '../model';
import { queryFrontDoorErrors } from '../queryService';

const model = loadServiceModel('cloudformation');

/** Errors CloudFormation's model defines, by shape name. */
export type CloudFormationModeledError =
  | 'AlreadyExistsException'
  | 'ChangeSetNotFoundException'
  | 'InsufficientCapabilitiesException'
  | 'InvalidChangeSetStatusException'
  | 'TokenAlreadyExistsException';

/**
 * A modeled error, answered with its wire code (`ChangeSetNotFound` for
 * ChangeSetNotFoundException) and status as the model gives them.
 */
export function cloudFormationError(
  type: CloudFormationModeledError,
  message: string,
): ServiceError {
  const shape = model.shapes[type];
  return new ServiceError(
    shape.error?.code ?? type,
    errorStatus(shape),
    message,
  );
}

/**
 * CloudFormation's catch-all refusal, not a shape of its model: bad input, a missing stack, a
 * stack in a state that forbids the call, a template it cannot read.
 */
export function validationError(message: string): ServiceError {
  return new ServiceError('ValidationError', 400, message);
}

/** Raised while reading or resolving a template; answered as a ValidationError. */
export class TemplateError extends Error {}

/** The query protocol's answers to requests before any operation runs. */
export const FRONT_DOOR_ERRORS = queryFrontDoorErrors(
  message => new ServiceError('InternalFailure', 500, message),
);

/** Runs `read`, answering a template's problems as CloudFormation does: with a ValidationError. */
export function readingTemplate<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof TemplateError
      ? validationError(error.message)
      : error;
  }
}
