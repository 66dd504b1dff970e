import { StatusError, StatusOK } from '@backstage/core-components';
import { DrHealth } from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';

/**
 * Whether a recovery started now could bring every server up, and the problems found
 * (some, like a stale drill, do not stop a recovery but still deserve attention).
 */
export function RecoveryReadiness({ health }: { health: DrHealth }) {
  return (
    <Box>
      {health.canRecoverNow ? (
        <StatusOK>Could recover now</StatusOK>
      ) : (
        <StatusError>Could NOT recover now</StatusError>
      )}
      {health.problems.length > 0 && (
        <Box component="ul" my={0.5} pl={3}>
          {health.problems.map(problem => (
            <li key={problem}>
              <Typography variant="body2">{problem}</Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}
