import { Link } from '@backstage/core-components';
import {
  describeExecutionOutcome,
  DrHealth,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Tooltip, Typography } from '@material-ui/core';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { capitalised, formatSeconds, formatTimesIn } from '../format';
import { ReasonText } from '../PrincipalLink/PrincipalLink';
import { StatusChip } from '../StatusChip/StatusChip';
import { Timestamp } from '../Timestamp/Timestamp';

type Drill = NonNullable<DrHealth['lastDrill']>;

/**
 * What a finished drill showed, truthfully: a measured recovery time only when it completed;
 * otherwise how far it got and why it ended.
 */
export function DrillResult({
  drill,
  compact = false,
}: {
  drill: Drill;
  /** In a table cell: the reason on one line, whole on hover. */
  compact?: boolean;
}) {
  if (drill.status === 'COMPLETED') {
    return (
      <Typography variant="body2">
        Recovered in {formatSeconds(drill.recoverySeconds)}
      </Typography>
    );
  }
  const outcome = describeExecutionOutcome(drill);
  return (
    <>
      <Typography variant="body2">
        {outcome ? capitalised(outcome) : 'Recovered nothing'}
      </Typography>
      {drill.statusReason && (
        <Tooltip title={compact ? formatTimesIn(drill.statusReason) : ''}>
          <Typography
            variant="caption"
            color="textSecondary"
            component="div"
            noWrap={compact}
          >
            <ReasonText text={drill.statusReason} />
          </Typography>
        </Tooltip>
      )}
    </>
  );
}

/** The newest finished drill: when (a link to it), its status, and what it showed. */
export function LastDrill({
  health,
  compact = false,
}: {
  health: Pick<DrHealth, 'entityRef' | 'lastDrill'>;
  compact?: boolean;
}) {
  const links = useDrsLinks();
  const drill = health.lastDrill;
  if (!drill) {
    return <Typography variant="body2">Never drilled</Typography>;
  }
  return (
    <Box>
      <StatusChip status={drill.status} />{' '}
      <Link to={links.execution(health.entityRef, drill.executionId)}>
        <Timestamp at={drill.endedAt ?? drill.startedAt} />
      </Link>
      <DrillResult drill={drill} compact={compact} />
    </Box>
  );
}
