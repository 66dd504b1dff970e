import { ServiceError } from '../errors';

/**
 * An EC2 error: EC2's model has no error shapes; its codes and statuses are those of the EC2
 * API reference's error code list (a client error is 400 unless it says otherwise).
 */
export function ec2Error(code: string, message: string, status = 400) {
  return new ServiceError(code, status, message);
}
