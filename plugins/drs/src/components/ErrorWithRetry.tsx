import { ResponseErrorPanel } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';
import React from 'react';

/** The backend's message and a way to try again, instead of a blank page. */
export function ErrorWithRetry({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <Box>
      <ResponseErrorPanel error={error} />
      <Box mt={1}>
        <Button variant="outlined" color="primary" onClick={onRetry}>
          Retry
        </Button>
      </Box>
    </Box>
  );
}
