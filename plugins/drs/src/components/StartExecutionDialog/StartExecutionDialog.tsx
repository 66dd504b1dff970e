import { useCallback, useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Execution,
  ExecutionMode,
  hasErrors,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { drsApiRef, newIdempotencyKey } from '../../api';
import { DrsPermissions } from '../../hooks/useDrsPermissions';
import { NO_SIGNALS, useLiveData } from '../../hooks/useLiveData';
import { describeError } from '../ErrorWithRetry/ErrorWithRetry';
import { IssueList } from '../IssueList/IssueList';
import { LiveDataView } from '../LiveDataView/LiveDataView';

const never = () => false;

/**
 * Starts a drill (the default) or, when the viewer may, a real recovery, after showing the
 * pre-flight check against DRS. A recovery needs the plan's name typed in, and nothing
 * launches while the check finds errors or could not run.
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
  const drsApi = useApi(drsApiRef);
  const [mode, setMode] = useState<ExecutionMode>(
    permissions.canStartDrill ? 'DRILL' : 'RECOVERY',
  );
  const [confirmation, setConfirmation] = useState('');
  // one key per opened dialog: a double click or a retry after a timeout never starts twice
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [launching, setLaunching] = useState(false);
  const [error, setError] = useState<Error>();

  const preflight = useLiveData(
    useCallback(
      () => drsApi.validateSavedPlan(entityRef, plan.planId),
      [drsApi, entityRef, plan.planId],
    ),
    { signal: NO_SIGNALS, isActive: never },
  );

  const confirmed = mode === 'DRILL' || confirmation === plan.name;
  const canLaunch =
    preflight.value !== undefined &&
    !hasErrors(preflight.value) &&
    confirmed &&
    !launching;

  const launch = async () => {
    setLaunching(true);
    setError(undefined);
    try {
      onStarted(
        await drsApi.startExecution(entityRef, plan.planId, {
          mode,
          idempotencyKey,
        }),
      );
    } catch (e) {
      setError(e as Error);
      setLaunching(false);
    }
  };

  return (
    <Dialog
      open
      onClose={launching ? undefined : onClose}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle>Start {plan.name}</DialogTitle>
      <DialogContent dividers>
        <RadioGroup
          aria-label="Mode"
          value={mode}
          onChange={event => setMode(event.target.value as ExecutionMode)}
        >
          {permissions.canStartDrill && (
            <FormControlLabel
              value="DRILL"
              control={<Radio />}
              label="Drill: launch isolated copies to prove the plan works"
            />
          )}
          {permissions.canStartRecovery && (
            <FormControlLabel
              value="RECOVERY"
              control={<Radio />}
              label="Recovery: a real failover of this service"
            />
          )}
        </RadioGroup>

        <Box mt={2}>
          <Typography variant="subtitle2">Pre-flight check</Typography>
          <LiveDataView data={preflight}>
            {issues =>
              issues.length === 0 ? (
                <Typography variant="body2">
                  Every server can be launched.
                </Typography>
              ) : (
                <IssueList issues={issues} />
              )
            }
          </LiveDataView>
        </Box>

        {mode === 'RECOVERY' && (
          <Box mt={2}>
            <Alert severity="warning">
              A recovery launches production instances from the replicated data.
              Type the plan's name, <strong>{plan.name}</strong>, to confirm.
            </Alert>
            <TextField
              id="recovery-confirmation"
              label="Plan name"
              value={confirmation}
              onChange={event => setConfirmation(event.target.value)}
              fullWidth
              margin="dense"
              autoComplete="off"
            />
          </Box>
        )}

        {error && (
          <Box mt={2}>
            <Alert severity="error">{describeError(error)}</Alert>
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
          onClick={launch}
          disabled={!canLaunch}
        >
          {mode === 'RECOVERY' ? 'Start recovery' : 'Start drill'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
