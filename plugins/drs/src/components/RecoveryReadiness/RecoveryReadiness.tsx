import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { DrHealth } from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { formatTimesIn } from '../format';

/** Whether a drill showed that recovery works, beside what replication allows now. */
function Proof({ health }: { health: Pick<DrHealth, 'proven' | 'lastDrill'> }) {
  if (health.proven) {
    return <StatusOK>Proven by a recent drill</StatusOK>;
  }
  let why = 'last drill did not complete';
  if (!health.lastDrill) why = 'never drilled';
  else if (health.lastDrill.status === 'COMPLETED') {
    why = 'last successful drill is old';
  }
  return <StatusWarning>Not proven: {why}</StatusWarning>;
}

/**
 * Whether a recovery started now could launch every server (what replication and plans allow),
 * whether a recent drill proved it, and the problems found (some, like a stale drill, do not
 * stop a recovery but still deserve attention).
 */
export function RecoveryReadiness({ health }: { health: DrHealth }) {
  return (
    <Box>
      <Box>
        {health.canRecoverNow ? (
          <StatusOK>Could launch now</StatusOK>
        ) : (
          <StatusError>Could NOT launch now</StatusError>
        )}
      </Box>
      <Box>
        <Proof health={health} />
      </Box>
      {health.problems.length > 0 && (
        <Box component="ul" my={0.5} pl={3}>
          {health.problems.map(problem => (
            <li key={problem}>
              <Typography variant="body2">{formatTimesIn(problem)}</Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}
