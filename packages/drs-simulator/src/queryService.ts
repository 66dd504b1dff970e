/*
 * What the AWS query services (CloudFormation, CloudWatch) share in front of their operations:
 * the action a call names and the refusals before any operation runs.
 */
import type { HttpRequest, ServiceErrors } from './api';
import { ServiceError } from './errors';
import { queryParameters } from './queryProtocol';

/**
 * The AWS query services' answers before any operation runs (CloudFormation, CloudWatch); they
 * differ only in how an internal failure is named.
 */
export function queryFrontDoorErrors(
  internal: (message: string) => ServiceError,
): ServiceErrors {
  return {
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
    internal: (message = 'An internal error occurred') => internal(message),
  };
}

/**
 * The operation a query-protocol call names in `Action`, refused as the AWS query services
 * (CloudFormation, CloudWatch) refuse an action they do not have.
 */
export function queryAction(
  request: HttpRequest,
  served: Record<string, unknown>,
  apiVersion: string,
): string {
  const action = queryParameters(request).get('Action') ?? '';
  if (!Object.hasOwn(served, action)) {
    throw new ServiceError(
      'InvalidAction',
      400,
      `Could not find operation ${action} for version ${apiVersion} (the simulator serves ${Object.keys(
        served,
      ).join(', ')})`,
    );
  }
  return action;
}
