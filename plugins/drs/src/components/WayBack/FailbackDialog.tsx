import { useCallback, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  Execution,
  failbackWaveOrder,
} from '@drs-orchestration/plugin-drs-common';
import { Box, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { drsApiRef } from '../../api';
import { NO_SIGNALS, useLiveData } from '../../hooks/useLiveData';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';

const never = () => false;

/**
 * The waves a failback of `recovery` runs, in order: the plan's failback order when it names
 * every wave, else the recovery's reversed. Until the plan is read, the reversed order.
 */
function useFailbackOrder(recovery: Execution): string[] {
  const drsApi = useApi(drsApiRef);
  const plans = useLiveData(
    useCallback(
      () => drsApi.listPlans(recovery.entityRef),
      [drsApi, recovery.entityRef],
    ),
    { signal: NO_SIGNALS, isActive: never },
  );
  const plan = plans.value?.find(p => p.planId === recovery.planId);
  return failbackWaveOrder(recovery, plan);
}

/**
 * Asks before a failback, as before a recovery: it launches production instances in the
 * original region. The plan's name must be typed; the waves are listed in the order they run.
 */
export function FailbackDialog({
  recovery,
  onStarted,
  onClose,
}: {
  recovery: Execution;
  onStarted: (failback: Execution) => void;
  onClose: () => void;
}) {
  const drsApi = useApi(drsApiRef);
  const [confirmation, setConfirmation] = useState('');
  const order = useFailbackOrder(recovery);
  const region = recovery.requests.reverseReplication?.servers.find(
    server => server.reversedRegion,
  )?.reversedRegion;
  return (
    <ConfirmDialog
      title={`Fail back ${recovery.planName}?`}
      confirmLabel="Start failback"
      confirmDisabled={confirmation.trim() !== recovery.planName}
      onConfirm={async () =>
        onStarted(
          await drsApi.startFailback(recovery.executionId, confirmation.trim()),
        )
      }
      onClose={onClose}
    >
      <Alert severity="warning">
        A failback launches production instances
        {region ? ` in ${region}` : ' in the original region'} from the reversed
        source servers, wave by wave, with the plan's steps and approvals. Type
        the plan's name, <strong>{recovery.planName}</strong>, to confirm.
      </Alert>
      <Box mt={2}>
        <Typography variant="subtitle2" component="p">
          Waves, in the order the failback runs them
        </Typography>
        <ol aria-label="Failback waves">
          {order.map(name => (
            <li key={name}>{name}</li>
          ))}
        </ol>
      </Box>
      <TextField
        id="failback-confirmation"
        label="Plan name"
        value={confirmation}
        onChange={event => setConfirmation(event.target.value)}
        fullWidth
        margin="dense"
        autoComplete="off"
      />
    </ConfirmDialog>
  );
}
