import { Progress } from '@backstage/core-components';
import {
  Execution,
  ExecutionMode,
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
import { DrsPermissions } from '../../hooks/useDrsPermissions';
import { describeError } from '../ErrorWithRetry/ErrorWithRetry';
import { IssueList } from '../IssueList/IssueList';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import { useStartExecution } from './useStartExecution';

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
      maxWidth="sm"
    >
      <DialogTitle>Start {plan.name}</DialogTitle>
      <DialogContent dividers>
        <RadioGroup
          aria-label="Mode"
          value={mode}
          onChange={event => start.setMode(event.target.value as ExecutionMode)}
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
          <LiveDataView data={start.preflight}>
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

        {start.needsConfirmation && (
          <Box mt={2}>
            <Alert severity="warning">
              A recovery launches production instances from the replicated data.
              Type the plan's name, <strong>{plan.name}</strong>, to confirm.
            </Alert>
            <TextField
              id="recovery-confirmation"
              label="Plan name"
              value={start.confirmation}
              onChange={event => start.setConfirmation(event.target.value)}
              fullWidth
              margin="dense"
              autoComplete="off"
            />
          </Box>
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
