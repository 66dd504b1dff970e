import { Box, LinearProgress, Typography } from '@material-ui/core';
import { StatusPending, StatusWarning } from '@backstage/core-components';
import { ExecutionWave } from '@drs-orchestration/plugin-drs-common';
import { formatDuration, formatTimestamp } from '../format';
import { StatusChip } from '../StatusChip/StatusChip';
import {
  awaitedApprovalStep,
  waveCounts,
  wavePercent,
} from './executionProgress';

/** A wave at a glance, in its section's header: status, what it waits for, progress. */
export function WaveSummary({
  wave,
  index,
  awaitingApproval,
}: {
  wave: ExecutionWave;
  index: number;
  awaitingApproval: boolean;
}) {
  const counts = waveCounts(wave);
  const step = awaitingApproval ? awaitedApprovalStep(wave) : undefined;
  return (
    <Box width="100%" pr={2}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        {/* the position is seen; the header's accessible name starts "Wave <name>" */}
        <Typography>
          <strong>
            <span aria-hidden>{index + 1}. </span>Wave {wave.name}
          </strong>
        </Typography>
        <StatusChip status={wave.status} />
        {awaitingApproval && (
          <StatusWarning>
            {step
              ? `Awaiting approval of step ${step.name}`
              : 'Awaiting approval'}
          </StatusWarning>
        )}
        {wave.awaitingCapacitySince && (
          <StatusPending>
            Waiting for DRS capacity since{' '}
            {formatTimestamp(wave.awaitingCapacitySince)}
          </StatusPending>
        )}
        <Typography variant="body2" color="textSecondary">
          {counts.launched} of {counts.total} launched
          {wave.waitFor === 'HEALTHY' && `, ${counts.healthy} healthy`}
          {counts.failed > 0 && `, ${counts.failed} failed`}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {formatDuration(wave.startedAt, wave.endedAt)}
        </Typography>
      </Box>
      <LinearProgress
        variant="determinate"
        value={wavePercent(wave)}
        color={counts.failed > 0 ? 'secondary' : 'primary'}
        aria-label={`Wave ${wave.name} progress`}
        style={{ marginTop: 8 }}
      />
    </Box>
  );
}
