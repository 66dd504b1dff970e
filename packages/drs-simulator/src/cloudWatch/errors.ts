import { ServiceError } from '../errors';
import { errorStatus, loadServiceModel } from '../model';

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
export const CLOUDWATCH_FRONT_DOOR_ERRORS = {
  missingAuthentication: () =>
    new ServiceError(
      'MissingAuthenticationToken',
      403,
      'Request is missing Authentication Token',
    ),
  noAccount: (region: string) =>
    new ServiceError(
      'InvalidClientTokenId',
      403,
      `The security token included in the request is invalid: the simulator's inventory has no account in ${region}`,
    ),
  throttled: () => new ServiceError('Throttling', 400, 'Rate exceeded'),
  internal: (message = 'An internal error occurred') =>
    cloudWatchError('InternalServiceFault', message),
};
