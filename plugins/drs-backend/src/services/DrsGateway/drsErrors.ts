import { describeAwsError, errorName } from '../awsFailures';

/** DRS refusals that retrying cannot fix: the wave fails with DRS's message. */
const PERMANENT_ERRORS = new Set([
  'ValidationException',
  'ResourceNotFoundException',
  'AccessDeniedException',
  'UninitializedAccountException',
]);

export function isConflict(error: unknown): boolean {
  return errorName(error) === 'ConflictException';
}

export function isPermanentDrsError(error: unknown): boolean {
  return PERMANENT_ERRORS.has(errorName(error));
}

/**
 * DRS has no room for another job now. Plans are checked against the per-job server quota, so
 * a quota refusal of a launch or a terminate is the account's capacity (concurrent jobs, servers
 * in active jobs), which frees as other jobs end: the request waits for it instead of failing.
 */
export function isCapacityRefusal(error: unknown): boolean {
  return errorName(error) === 'ServiceQuotaExceededException';
}

/** Why DRS did not act this time, as the execution's polling error shows it. */
export function transientReason(error: unknown): string {
  return isCapacityRefusal(error)
    ? `Waiting for DRS capacity: ${describeAwsError(error)}`
    : describeAwsError(error);
}
