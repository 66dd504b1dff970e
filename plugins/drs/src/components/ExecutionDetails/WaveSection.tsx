import { ReactNode } from 'react';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Grid,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ExecutionWave } from '@drs-orchestration/plugin-drs-common';
import { formatSeconds, formatTimestamp } from '../format';
import { IdText } from '../IdText/IdText';
import { PrincipalLink, ReasonText } from '../PrincipalLink/PrincipalLink';
import { Timestamp } from '../Timestamp/Timestamp';
import { JobLog } from './JobLog';
import { WaveServersTable } from './WaveServersTable';
import { WaveStepsTable } from './WaveStepsTable';
import { WaveSummary } from './WaveSummary';

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Grid item xs={6} md={3}>
      <Typography variant="caption" color="textSecondary">
        {label}
      </Typography>
      <Typography variant="body2">{value}</Typography>
    </Grid>
  );
}

/** When the wave was approved to start, for a wave that pauses before it. */
function approvalOf(wave: ExecutionWave): ReactNode {
  return wave.approvedAt ? (
    <>
      {formatTimestamp(wave.approvedAt)} by{' '}
      <PrincipalLink principal={wave.approvedBy} />
    </>
  ) : (
    'Not yet'
  );
}

/**
 * One wave: its progress in the header; its steps, servers and job log render only while it
 * is expanded, so an execution of 20 waves × 100 servers stays responsive.
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
  const steps = wave.steps ?? [];
  return (
    <Accordion
      expanded={expanded}
      onChange={(_event, isExpanded) => onExpandedChange(isExpanded)}
      TransitionProps={{ unmountOnExit: true }}
    >
      {/* named by its content, which starts "Wave <name>" (axe: label-content-name-mismatch) */}
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <WaveSummary
          wave={wave}
          index={index}
          awaitingApproval={awaitingApproval}
        />
      </AccordionSummary>
      <AccordionDetails>
        <Grid container spacing={2}>
          <Fact label="Waits for" value={wave.waitFor} />
          <Fact label="DRS job" value={<IdText id={wave.jobId} />} />
          <Fact
            label="Started"
            value={<Timestamp at={wave.startedAt} exact />}
          />
          <Fact
            label="Recovered"
            value={<Timestamp at={wave.recoveredAt} exact />}
          />
          <Fact label="Ended" value={<Timestamp at={wave.endedAt} exact />} />
          {wave.waitFor === 'HEALTHY' && (
            <Fact
              label="Health timeout"
              value={formatSeconds(wave.healthTimeoutSeconds)}
            />
          )}
          {wave.pauseBefore && (
            <Fact label="Approved" value={approvalOf(wave)} />
          )}
          {wave.failureReason && (
            <Grid item xs={12}>
              <Typography color="error">
                <ReasonText text={wave.failureReason} />
              </Typography>
            </Grid>
          )}
          {steps.length > 0 && (
            <Grid item xs={12}>
              <WaveStepsTable steps={steps} />
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
