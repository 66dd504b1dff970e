import { ReactNode } from 'react';
import { Progress } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { LiveData } from '../../hooks/useLiveData';
import {
  describeError,
  ErrorWithRetry,
} from '../ErrorWithRetry/ErrorWithRetry';
import { formatTimestamp } from '../format';

/**
 * Live data's three faces: a spinner only before the first answer, the error with a retry
 * when there is nothing to show, and otherwise the data, with a note when a refresh failed.
 */
export function LiveDataView<T>({
  data,
  children,
}: {
  data: LiveData<T>;
  children: (value: T) => ReactNode;
}) {
  if (data.value === undefined) {
    return data.error ? (
      <ErrorWithRetry error={data.error} onRetry={data.refresh} />
    ) : (
      <Progress />
    );
  }
  return (
    <>
      {data.error && (
        <Box mb={2}>
          <Alert
            severity="warning"
            action={
              <Button color="inherit" size="small" onClick={data.refresh}>
                Retry
              </Button>
            }
          >
            Could not refresh ({describeError(data.error)}); showing what was
            loaded at {formatTimestamp(data.fetchedAt?.toISOString())}.
          </Alert>
        </Box>
      )}
      {children(data.value)}
    </>
  );
}
