import { ExecutionMode } from '@drs-orchestration/plugin-drs-common';
import { Box, FormControlLabel, Radio, RadioGroup } from '@material-ui/core';
import { DrsPermissions } from '../../hooks/useDrsPermissions';
import { CheckboxField } from '../CheckboxField/CheckboxField';
import { PointInTimePicker } from '../PointInTimePicker/PointInTimePicker';
import { StartExecution } from './useStartExecution';

/** What to start: the mode the viewer may start, a drill's options, and the point in time. */
export function StartChoices({
  start,
  permissions,
}: {
  start: StartExecution;
  permissions: Pick<DrsPermissions, 'canStartDrill' | 'canStartRecovery'>;
}) {
  const { mode, launching } = start;
  return (
    <>
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
      {mode === 'DRILL' && (
        <CheckboxField
          label="Allow degraded replication: also drill servers whose replication is stalled or behind, from their last point in time"
          checked={start.allowDegradedReplication}
          onChange={start.setAllowDegradedReplication}
          disabled={launching}
        />
      )}
      <Box mt={2}>
        <PointInTimePicker
          value={start.pointInTime}
          onChange={start.setPointInTime}
        />
      </Box>
    </>
  );
}
