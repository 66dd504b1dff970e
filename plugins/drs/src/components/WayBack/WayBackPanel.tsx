import { Execution } from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { ReasonText, PrincipalLink } from '../PrincipalLink/PrincipalLink';
import { StatusChip } from '../StatusChip/StatusChip';
import { Timestamp } from '../Timestamp/Timestamp';
import { ReversedServersTable } from './ReversedServersTable';
import { useLinkedExecution } from './useLinkedExecution';
import { WayBackActions } from './WayBackActions';
import { WayBackChain } from './WayBackChain';

function ReverseReplication({ execution }: { execution: Execution }) {
  const request = execution.requests.reverseReplication;
  if (!request) return null;
  return (
    <Box mt={2}>
      <Typography variant="body2" component="div">
        {execution.mode === 'RECOVERY' ? 'Reverse replication' : 'Re-protect'}{' '}
        asked by <PrincipalLink principal={request.by} />{' '}
        <Timestamp at={request.at} />: <StatusChip status={request.status} />
      </Typography>
      {request.failureReason && (
        <Alert severity="error">
          <ReasonText text={request.failureReason} />
        </Alert>
      )}
      <Box mt={1}>
        <ReversedServersTable
          request={request}
          title={
            execution.mode === 'RECOVERY'
              ? 'Reversed source servers'
              : 'Re-protected source servers'
          }
        />
      </Box>
    </Box>
  );
}

function RecoveryTerminate({ recovery }: { recovery: Execution | undefined }) {
  const terminate = recovery?.requests.terminate;
  if (!terminate) return null;
  return (
    <Typography variant="body2" component="div">
      Recovery instances: terminate asked by{' '}
      <PrincipalLink principal={terminate.by} /> <Timestamp at={terminate.at} />
      : <StatusChip status={terminate.status ?? 'REQUESTED'} />
      {terminate.failureReason && (
        <>
          {' '}
          <ReasonText text={terminate.failureReason} />
        </>
      )}
    </Typography>
  );
}

/**
 * The way back on a RECOVERY's or FAILBACK's page: the chain it belongs to, the actions a person
 * with the recovery permission may take next, and each reversed server's replication, live.
 */
export function WayBackPanel({
  execution,
  canAct,
  onChanged,
}: {
  execution: Execution;
  /** The viewer may control executions and start recoveries: the way back needs both. */
  canAct: boolean;
  onChanged: () => void;
}) {
  const linkedData = useLinkedExecution(execution);
  const linked = linkedData.value ?? undefined;
  return (
    <Box>
      <Typography variant="h6">The way back</Typography>
      <WayBackChain execution={execution} linked={linked} />
      {execution.mode === 'FAILBACK' && <RecoveryTerminate recovery={linked} />}
      {canAct && (
        <Box mt={1}>
          <WayBackActions
            execution={execution}
            linked={linked}
            onChanged={() => {
              onChanged();
              linkedData.refresh();
            }}
          />
        </Box>
      )}
      <ReverseReplication execution={execution} />
    </Box>
  );
}
