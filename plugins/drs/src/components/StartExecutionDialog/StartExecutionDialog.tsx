import { Progress } from '@backstage/core-components';
import { Execution, RecoveryPlan } from '@drs-orchestration/plugin-drs-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { DrsPermissions } from '../../hooks/useDrsPermissions';
import { describeError } from '../ErrorWithRetry/ErrorWithRetry';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import { PreflightResult } from './PreflightResult';
import { RecoveryConfirmation } from './RecoveryConfirmation';
import { StartChoices } from './StartChoices';
import { useStartExecution } from './useStartExecution';

/**
 * Starts a drill (the default) or, when the viewer may, a real recovery, after showing the
 * pre-flight check against DRS for the mode and point in time chosen: each server's point in
 * time and data-loss window. A recovery needs that window accepted and the plan's name typed
 * in, and nothing launches while the check finds errors or could not run.
 */
export function StartExecutionDialog({
  entityRef,
  plan,
  permissions,
  onClose,
  onStarted,
}: {
  entityRef: string;
  plan: RecoveryPlan;
  permissions: Pick<DrsPermissions, 'canStartDrill' | 'canStartRecovery'>;
  onClose: () => void;
  onStarted: (execution: Execution) => void;
}) {
  const start = useStartExecution({
    entityRef,
    plan,
    permissions,
    onStarted,
  });
  const { mode, launching } = start;

  return (
    <Dialog
      open
      onClose={launching ? undefined : onClose}
      fullWidth
      maxWidth="lg"
      aria-labelledby="drs-start-dialog-title"
    >
      <DialogTitle id="drs-start-dialog-title">Start {plan.name}</DialogTitle>
      <DialogContent dividers>
        <StartChoices start={start} permissions={permissions} />

        <Box mt={2}>
          <Typography variant="subtitle2">Pre-flight check</Typography>
          <LiveDataView data={start.preflight}>
            {({ issues, servers }) => (
              <PreflightResult
                mode={mode}
                issues={issues}
                servers={servers}
                dataLossWindow={start.dataLossWindow}
              />
            )}
          </LiveDataView>
        </Box>

        {start.needsConfirmation && (
          <RecoveryConfirmation start={start} planName={plan.name} />
        )}

        {start.error && (
          <Box mt={2}>
            <Alert severity="error">{describeError(start.error)}</Alert>
          </Box>
        )}
        {launching && <Progress />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={launching}>
          Cancel
        </Button>
        <Button
          color={mode === 'RECOVERY' ? 'secondary' : 'primary'}
          variant="contained"
          onClick={start.launch}
          disabled={!start.canLaunch}
        >
          {mode === 'RECOVERY' ? 'Start recovery' : 'Start drill'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
