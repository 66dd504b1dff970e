/** Names the AWS SDK gives client-side failures: timeouts, aborted calls, missing credentials. */
const AWS_CLIENT_FAILURES = new Set([
  'TimeoutError',
  'AbortError',
  'CredentialsProviderError',
  'ProviderError',
]);

/** No credentials could be had for an AWS account (not configured, or its role not assumable). */
export class AwsCredentialsError extends Error {
  name = 'AwsCredentialsError';
}

/**
 * Whether an error says an AWS service could not be reached or refused us (an SDK service
 * error, a network error, a timeout, missing credentials), as opposed to a bug in this plugin,
 * which must surface as one instead of as "try again shortly".
 */
export function isAwsFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { $metadata, code } = error as { $metadata?: unknown; code?: unknown };
  return (
    error instanceof AwsCredentialsError ||
    $metadata !== undefined ||
    typeof code === 'string' ||
    AWS_CLIENT_FAILURES.has(error.name)
  );
}

export function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? 'Error';
}

/** An AWS error as logs and polling errors show it: its name, message and any retry hint. */
export function describeAwsError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const retryAfter = (error as { retryAfterSeconds?: string })
    ?.retryAfterSeconds;
  return `${errorName(error)}: ${message}${
    retryAfter ? ` (retry after ${retryAfter}s)` : ''
  }`;
}
