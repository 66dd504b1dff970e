/** DRS refusals that retrying cannot fix: the wave fails with DRS's message. */
const PERMANENT_ERRORS = new Set([
  'ValidationException',
  'ServiceQuotaExceededException',
  'ResourceNotFoundException',
  'AccessDeniedException',
  'UninitializedAccountException',
]);

export function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? 'Error';
}

export function isConflict(error: unknown): boolean {
  return errorName(error) === 'ConflictException';
}

export function isPermanentDrsError(error: unknown): boolean {
  return PERMANENT_ERRORS.has(errorName(error));
}

export function describeDrsError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const retryAfter = (error as { retryAfterSeconds?: string })
    ?.retryAfterSeconds;
  return `${errorName(error)}: ${message}${
    retryAfter ? ` (retry after ${retryAfter}s)` : ''
  }`;
}
