import { ServiceError } from '../errors';

/**
 * An EC2 error: EC2's model has no error shapes; its codes and statuses are those of the EC2
 * API reference's error code list (a client error is 400 unless it says otherwise).
 */
export function ec2Error(code: string, message: string, status = 400) {
  return new ServiceError(code, status, message);
}

/** EC2's answers to requests before any operation runs. */
export const EC2_FRONT_DOOR_ERRORS = {
  missingAuthentication: () =>
    ec2Error(
      'AuthFailure',
      'AWS was not able to validate the provided access credentials',
      401,
    ),
  noAccount: (region: string) =>
    ec2Error(
      'OptInRequired',
      `You are not subscribed to this service in ${region}: the simulator's inventory has no account there`,
      403,
    ),
  throttled: () =>
    ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503),
  internal: (message = 'An internal error has occurred') =>
    ec2Error('InternalError', message, 500),
};
