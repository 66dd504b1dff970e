import { ServiceError } from '../errors';
import { errorStatus, loadServiceModel } from '../model';
import { queryFrontDoorErrors } from '../queryService';

const model = loadServiceModel('monitoring');

/** Errors CloudWatch's model defines for PutMetricData, by shape name. */
export type CloudWatchModeledError =
  | 'InvalidParameterValueException'
  | 'MissingRequiredParameterException'
  | 'InvalidParameterCombinationException'
  | 'InternalServiceFault';

/** A modeled error, answered with its wire code (`InvalidParameterValue`) and status. */
export function cloudWatchError(
  type: CloudWatchModeledError,
  message: string,
): ServiceError {
  const shape = model.shapes[type];
  return new ServiceError(
    shape.error?.code ?? type,
    errorStatus(shape),
    message,
  );
}

/** The query protocol's answers to requests before any operation runs. */
export const CLOUDWATCH_FRONT_DOOR_ERRORS = queryFrontDoorErrors(message =>
  cloudWatchError('InternalServiceFault', message),
);
