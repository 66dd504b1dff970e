import { Link } from '@backstage/core-components';
import { DrHealth } from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { formatTimesIn } from '../format';

/**
 * The health without the way back's message among its problems: the card shows that message
 * once, on a line of its own with its executions linked.
 */
export function withoutWayBackProblem(health: DrHealth): DrHealth {
  const message = health.wayBack?.message;
  return message
    ? { ...health, problems: health.problems.filter(p => p !== message) }
    : health;
}

/**
 * Where the entity stands on the way back from its latest recovery, as the backend assessed it
 * ("Running in the recovery region (…) since …", "reverse replication in progress", "Protected"),
 * with its recovery and failback linked; nothing when it never recovered.
 */
export function WayBackHealth({ health }: { health: DrHealth }) {
  const links = useDrsLinks();
  const { wayBack, entityRef } = health;
  if (!wayBack) return null;
  return (
    <Box mt={1} data-testid="way-back-health">
      <Typography variant="body2">{formatTimesIn(wayBack.message)}</Typography>
      <Typography variant="caption" component="div">
        <Link to={links.execution(entityRef, wayBack.recoveryExecutionId)}>
          Recovery
        </Link>
        {wayBack.failbackExecutionId && (
          <>
            {' → '}
            <Link to={links.execution(entityRef, wayBack.failbackExecutionId)}>
              Failback
            </Link>
          </>
        )}
      </Typography>
    </Box>
  );
}
