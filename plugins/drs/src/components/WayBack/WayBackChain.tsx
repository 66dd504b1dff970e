import { Fragment, ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { StatusChip } from '../StatusChip/StatusChip';

function Step({
  label,
  execution,
  current,
}: {
  label: string;
  execution:
    | Pick<Execution, 'executionId' | 'entityRef' | 'status'>
    | undefined;
  current: boolean;
}) {
  const links = useDrsLinks();
  if (!execution) return <>{label}: not started</>;
  return (
    <>
      {current ? (
        <strong>{label} (this execution)</strong>
      ) : (
        <Link to={links.execution(execution.entityRef, execution.executionId)}>
          {label}
        </Link>
      )}{' '}
      <StatusChip status={execution.status} />
    </>
  );
}

function ReverseStep({
  label,
  execution,
}: {
  label: string;
  execution: Execution | undefined;
}) {
  const reverse = execution?.requests.reverseReplication;
  return (
    <>
      {label}:{' '}
      {reverse ? <StatusChip status={reverse.status} /> : 'not started'}
    </>
  );
}

/**
 * The way back as one chain: recovery → reverse replication → failback → re-protect, each
 * linked or with where it stands, the execution shown in bold.
 */
export function WayBackChain({
  execution,
  linked,
}: {
  execution: Execution;
  /** The other end: the recovery of a FAILBACK, the failback of a RECOVERY, when there is one. */
  linked: Execution | undefined;
}) {
  const isFailback = execution.mode === 'FAILBACK';
  const recovery = isFailback ? linked : execution;
  const failback = isFailback ? execution : linked;
  const steps: ReactNode[] = [
    <Step
      key="recovery"
      label="Recovery"
      execution={
        recovery ??
        (isFailback && execution.lineage
          ? {
              executionId: execution.lineage.fromExecutionId,
              entityRef: execution.entityRef,
              status: 'COMPLETED',
            }
          : undefined)
      }
      current={!isFailback}
    />,
    <ReverseStep
      key="reverse"
      label="Reverse replication"
      execution={recovery}
    />,
    <Step
      key="failback"
      label="Failback"
      execution={failback}
      current={isFailback}
    />,
    <ReverseStep key="reprotect" label="Re-protect" execution={failback} />,
  ];
  return (
    <Box component="nav" aria-label="Way back">
      <Typography variant="body2" component="div">
        {steps.map((step, index) => (
          <Fragment key={index}>
            {index > 0 && ' → '}
            {step}
          </Fragment>
        ))}
      </Typography>
    </Box>
  );
}
