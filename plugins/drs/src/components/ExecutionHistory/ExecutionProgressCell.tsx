import {
  describeExecutionOutcome,
  ExecutionSummary,
} from '@drs-orchestration/plugin-drs-common';
import { Tooltip, Typography } from '@material-ui/core';
import { capitalised, formatTimesIn } from '../format';
import { ReasonText } from '../PrincipalLink/PrincipalLink';

/**
 * How far an execution got: completed waves of all while it runs or once it completed; for one
 * that failed, was cancelled or timed out, where it stopped and why (whole on hover).
 */
export function ExecutionProgressCell({
  execution,
}: {
  execution: ExecutionSummary;
}) {
  const outcome = describeExecutionOutcome(execution);
  if (!outcome) {
    return (
      <>
        {execution.completedWaveCount} / {execution.waveCount}
      </>
    );
  }
  return (
    <>
      <Typography variant="body2" component="div">
        {capitalised(outcome)}
      </Typography>
      {execution.statusReason && (
        <Typography variant="caption" color="textSecondary" component="div">
          <Tooltip title={formatTimesIn(execution.statusReason)}>
            <Typography variant="caption" component="div" noWrap>
              <ReasonText text={execution.statusReason} />
            </Typography>
          </Tooltip>
        </Typography>
      )}
    </>
  );
}
