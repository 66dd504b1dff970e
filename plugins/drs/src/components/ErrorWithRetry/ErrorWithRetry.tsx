import { ErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { Box, Button } from '@material-ui/core';

/** The message a person can act on: the backend's own, when it sent one. */
export function describeError(error: Error): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  return error.message;
}

/** The backend's message and a way to try again, instead of a blank page. */
export function ErrorWithRetry({
  error,
  onRetry,
}: {
  error: Error;
  onRetry: () => void;
}) {
  return (
    <Box>
      <ErrorPanel error={error} title={describeError(error)} />
      <Box mt={1}>
        <Button variant="outlined" color="primary" onClick={onRetry}>
          Retry
        </Button>
      </Box>
    </Box>
  );
}
