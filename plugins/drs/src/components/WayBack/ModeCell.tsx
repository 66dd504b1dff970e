import { Link } from '@backstage/core-components';
import { ExecutionSummary } from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { StatusChip } from '../StatusChip/StatusChip';

/**
 * An execution's mode in the history, with its place on the way back: a FAILBACK links the
 * recovery it came from, a RECOVERY the failback it led to; reverse replication shows its state.
 */
export function ModeCell({ execution }: { execution: ExecutionSummary }) {
  const from = execution.lineage?.fromExecutionId;
  const to = execution.requests.failback?.executionId;
  const reverse = execution.requests.reverseReplication;
  return (
    <Box>
      {execution.mode}
      {execution.mode === 'FAILBACK' && from && (
        <Typography variant="caption" component="div">
          of {/* relative to the tab: the details live at ./<executionId> */}
          <Link to={encodeURIComponent(from)}>recovery {from.slice(0, 8)}</Link>
        </Typography>
      )}
      {reverse && (
        <Typography variant="caption" component="div">
          {execution.mode === 'RECOVERY' ? 'reversed' : 're-protect'}{' '}
          <StatusChip status={reverse.status} />
        </Typography>
      )}
      {execution.mode === 'RECOVERY' && to && (
        <Typography variant="caption" component="div">
          → <Link to={encodeURIComponent(to)}>failback {to.slice(0, 8)}</Link>
        </Typography>
      )}
    </Box>
  );
}
