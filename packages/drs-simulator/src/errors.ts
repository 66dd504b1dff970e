import { ShapeIssue } from './shapeValidation';

/** Error types the simulator answers with; all but the last two are modeled DRS errors. */
export type DrsErrorType =
  | 'ValidationException'
  | 'ConflictException'
  | 'ServiceQuotaExceededException'
  | 'ResourceNotFoundException'
  | 'ThrottlingException'
  | 'InternalServerException'
  | 'UninitializedAccountException'
  | 'AccessDeniedException'
  // Not DRS shapes: AWS's front door answers these before the service sees the call.
  | 'UnknownOperationException'
  | 'MissingAuthenticationTokenException';

const STATUS: Record<DrsErrorType, number> = {
  ValidationException: 400,
  ConflictException: 409,
  ServiceQuotaExceededException: 402,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  InternalServerException: 500,
  UninitializedAccountException: 400,
  AccessDeniedException: 403,
  UnknownOperationException: 404,
  MissingAuthenticationTokenException: 403,
};

/**
 * An error a simulated service answers with: its code, its HTTP status, the members it carries
 * in the body, and headers. Each service writes it in its own protocol.
 */
export class ServiceError extends Error {
  constructor(
    readonly errorType: string,
    readonly statusCode: number,
    message: string,
    readonly body: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = errorType;
  }
}

/**
 * A DRS error, answered the REST-JSON way: HTTP status, `x-amzn-errortype` header and a
 * JSON body with `message` and the shape's other members. Header-bound members
 * (`retryAfterSeconds` → `Retry-After`) go in `headers`.
 */
export class DrsApiError extends ServiceError {
  constructor(
    errorType: DrsErrorType,
    message: string,
    body: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(errorType, STATUS[errorType], message, body, headers);
  }
}

export function validationError(
  message: string,
  fields: ShapeIssue[] = [],
  reason: 'fieldValidationFailed' | 'cannotParse' | 'other' = fields.length
    ? 'fieldValidationFailed'
    : 'other',
): DrsApiError {
  return new DrsApiError('ValidationException', message, {
    code: 'VALIDATION_ERROR',
    reason,
    ...(fields.length
      ? {
          fieldList: fields.map(field => ({
            name: field.path,
            message: field.message,
          })),
        }
      : {}),
  });
}

/** A request that failed model validation, naming every field at fault. */
export function invalidFields(issues: ShapeIssue[]): DrsApiError {
  const summary = issues
    .map(issue => `${issue.path} ${issue.message}`)
    .join('; ');
  return validationError(`Invalid request: ${summary}`, issues);
}

export function conflict(
  message: string,
  resourceId: string,
  resourceType: string,
): DrsApiError {
  return new DrsApiError('ConflictException', message, {
    code: 'CONFLICT',
    resourceId,
    resourceType,
  });
}

export function quotaExceeded(message: string, quotaCode: string): DrsApiError {
  return new DrsApiError('ServiceQuotaExceededException', message, {
    code: 'SERVICE_QUOTA_EXCEEDED',
    serviceCode: 'drs',
    quotaCode,
    resourceType: 'JOB',
  });
}

export function notFound(
  resourceType: string,
  resourceId: string,
): DrsApiError {
  return new DrsApiError(
    'ResourceNotFoundException',
    `${resourceType} ${resourceId} was not found`,
    { code: 'RESOURCE_NOT_FOUND', resourceId, resourceType },
  );
}

export function throttled(retryAfterSeconds: number): DrsApiError {
  return new DrsApiError(
    'ThrottlingException',
    'Rate exceeded',
    { serviceCode: 'drs' },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

export function internalError(message = 'Internal server error'): DrsApiError {
  return new DrsApiError('InternalServerException', message);
}

/**
 * A bad simulator setting (faults, quotas, control API input): not a DRS error.
 *
 * @public
 */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}
