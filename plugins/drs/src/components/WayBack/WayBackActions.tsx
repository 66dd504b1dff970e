import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { Box, Button } from '@material-ui/core';
import { useNavigate } from 'react-router-dom';
import { drsApiRef } from '../../api';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { FailbackDialog } from './FailbackDialog';
import { canFailBack, canReverse, canTerminateRecovery } from './wayBack';

type Confirming = 'reverse' | 'failback' | 'terminate';

function instanceCount(execution: Execution) {
  return execution.waves
    .flatMap(wave => wave.servers)
    .filter(server => server.recoveryInstanceId).length;
}

function reverseText(execution: Execution) {
  const count = instanceCount(execution);
  return execution.mode === 'RECOVERY'
    ? {
        title: 'Reverse replication of this recovery?',
        confirmLabel: 'Reverse replication',
        children: `DRS replicates each of the ${count} recovery instances in ${execution.region} back to the region its source came from, to a reversed source server there. Nothing is launched or terminated: the service keeps running here until you fail back.`,
      }
    : {
        title: 'Re-protect this service?',
        confirmLabel: 'Re-protect',
        children: `DRS replicates each of the ${count} instances this failback launched in ${execution.region} to the recovery region again, so that a later recovery can launch them. Nothing is launched or terminated.`,
      };
}

function terminateText(recovery: Execution) {
  return {
    title: "Terminate the recovery's instances?",
    confirmLabel: 'Terminate recovery instances',
    children: `DRS terminates the ${instanceCount(
      recovery,
    )} instances recovery ${recovery.executionId} launched in ${
      recovery.region
    }, which served during the outage. The failback's instances keep running. This cannot be undone.`,
  };
}

/**
 * The way back's actions on a RECOVERY or FAILBACK, each its own confirmed request: reverse
 * replication (re-protect on a failback), the failback itself (typed plan name), and
 * terminating the recovery's instances after a completed failback.
 */
export function WayBackActions({
  execution,
  linked,
  onChanged,
}: {
  execution: Execution;
  /** A RECOVERY's failback, or a FAILBACK's recovery. */
  linked: Execution | undefined;
  onChanged: () => void;
}) {
  const drsApi = useApi(drsApiRef);
  const links = useDrsLinks();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState<Confirming>();
  const isRecovery = execution.mode === 'RECOVERY';
  const close = () => setConfirming(undefined);
  const reverse = async () => {
    await drsApi.startReverseReplication(execution.executionId);
    onChanged();
  };
  const terminate = async () => {
    await drsApi.terminateRecoveryInstances(linked!.executionId);
    onChanged();
  };
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {canReverse(execution, isRecovery ? linked : undefined) && (
        <Button variant="outlined" onClick={() => setConfirming('reverse')}>
          {isRecovery ? 'Reverse replication' : 'Re-protect'}
        </Button>
      )}
      {canFailBack(execution, linked) && (
        <Button
          color="secondary"
          variant="contained"
          onClick={() => setConfirming('failback')}
        >
          Fail back
        </Button>
      )}
      {canTerminateRecovery(execution, linked) && (
        <Button variant="outlined" onClick={() => setConfirming('terminate')}>
          Terminate recovery instances
        </Button>
      )}
      {confirming === 'reverse' && (
        <ConfirmDialog
          {...reverseText(execution)}
          onConfirm={reverse}
          onClose={close}
        />
      )}
      {confirming === 'terminate' && linked && (
        <ConfirmDialog
          {...terminateText(linked)}
          onConfirm={terminate}
          onClose={close}
        />
      )}
      {confirming === 'failback' && (
        <FailbackDialog
          recovery={execution}
          onStarted={failback =>
            navigate(links.execution(failback.entityRef, failback.executionId))
          }
          onClose={close}
        />
      )}
    </Box>
  );
}
