import { Box, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { CheckboxField } from '../CheckboxField/CheckboxField';
import { formatSecondsInWords } from '../format';
import { StartExecution } from './useStartExecution';

/**
 * What a recovery asks before it starts: the data-loss window pre-flight measured,
 * acknowledged, and the plan's name typed in.
 */
export function RecoveryConfirmation({
  start,
  planName,
}: {
  start: StartExecution;
  planName: string;
}) {
  const { dataLossWindow, preflight } = start;
  return (
    <Box mt={2}>
      <Alert severity="warning">
        A recovery launches production instances from the replicated data.
        Accept the data loss and type the plan's name,{' '}
        <strong>{planName}</strong>, to confirm.
      </Alert>
      {dataLossWindow !== undefined && (
        <CheckboxField
          label={`I accept losing up to ${formatSecondsInWords(
            dataLossWindow,
          )} of data`}
          checked={start.dataLossAccepted}
          onChange={start.setDataLossAccepted}
          disabled={start.launching || preflight.loading}
        />
      )}
      {dataLossWindow === undefined && preflight.value && (
        <Alert severity="error">
          Pre-flight measured no data-loss window (no server has a point in time
          to launch from), so a recovery cannot be accepted.
        </Alert>
      )}
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
  );
}
