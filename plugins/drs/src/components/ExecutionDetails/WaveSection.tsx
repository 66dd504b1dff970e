import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Grid,
  LinearProgress,
  Typography,
} from '@material-ui/core';
import { StatusPending, StatusWarning } from '@backstage/core-components';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ExecutionWave } from '@drs-orchestration/plugin-drs-common';
import { formatDuration, formatTimestamp } from '../format';
import { StatusChip } from '../StatusChip/StatusChip';
import { waveCounts, wavePercent } from './executionProgress';
import { JobLog } from './JobLog';
import { WaveServersTable } from './WaveServersTable';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Grid item xs={6} md={3}>
      <Typography variant="caption" color="textSecondary">
        {label}
      </Typography>
      <Typography variant="body2">{value}</Typography>
    </Grid>
  );
}

/**
 * One wave: its progress in the header; its servers and job log render only while it is
 * expanded, so an execution of 20 waves × 100 servers stays responsive.
 */
export function WaveSection({
  wave,
  index,
  awaitingApproval,
  expanded,
  onExpandedChange,
}: {
  wave: ExecutionWave;
  index: number;
  awaitingApproval: boolean;
  expanded: boolean;
  onExpandedChange: (expanded: boolean) => void;
}) {
  const counts = waveCounts(wave);
  return (
    <Accordion
      expanded={expanded}
      onChange={(_event, isExpanded) => onExpandedChange(isExpanded)}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-label={`Wave ${wave.name}`}
      >
        <Box width="100%" pr={2}>
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 16 }}
          >
            <Typography>
              <strong>
                {index + 1}. {wave.name}
              </strong>
            </Typography>
            <StatusChip status={wave.status} />
            {awaitingApproval && (
              <StatusWarning>Awaiting approval</StatusWarning>
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
      </AccordionSummary>
      <AccordionDetails>
        <Grid container spacing={2}>
          <Fact label="Waits for" value={wave.waitFor} />
          <Fact label="DRS job" value={wave.jobId ?? '—'} />
          <Fact label="Started" value={formatTimestamp(wave.startedAt)} />
          <Fact label="Ended" value={formatTimestamp(wave.endedAt)} />
          {wave.pauseBefore && (
            <Fact
              label="Approved"
              value={
                wave.approvedAt
                  ? `${formatTimestamp(wave.approvedAt)} by ${wave.approvedBy}`
                  : 'Not yet'
              }
            />
          )}
          {wave.failureReason && (
            <Grid item xs={12}>
              <Typography color="error">{wave.failureReason}</Typography>
            </Grid>
          )}
          <Grid item xs={12}>
            <WaveServersTable servers={wave.servers} />
          </Grid>
          <Grid item xs={12}>
            <JobLog events={wave.jobLog} servers={wave.servers} />
          </Grid>
        </Grid>
      </AccordionDetails>
    </Accordion>
  );
}
