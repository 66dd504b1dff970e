import { Fragment, ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { StatusChip } from '../StatusChip/StatusChip';

function Step({
  label,
  entityRef,
  executionId,
  status,
  current,
}: {
  label: string;
  entityRef: string;
  /** Absent when it has not started. */
  executionId: string | undefined;
  /** Absent until it is read. */
  status: string | undefined;
  current: boolean;
}) {
  const links = useDrsLinks();
  if (!executionId) return <>{label}: not started</>;
  return (
    <>
      {current ? (
        <strong>{label} (this execution)</strong>
      ) : (
        <Link to={links.execution(entityRef, executionId)}>{label}</Link>
      )}
      {status && (
        <>
          {' '}
          <StatusChip status={status} />
        </>
      )}
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
      entityRef={execution.entityRef}
      executionId={
        isFailback ? execution.lineage?.fromExecutionId : execution.executionId
      }
      status={recovery?.status}
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
      entityRef={execution.entityRef}
      executionId={
        isFailback
          ? execution.executionId
          : execution.requests.failback?.executionId
      }
      status={failback?.status}
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
