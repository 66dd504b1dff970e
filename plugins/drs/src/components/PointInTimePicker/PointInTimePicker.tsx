import { PointInTimeChoice } from '@drs-orchestration/plugin-drs-common';
import { Box, TextField } from '@material-ui/core';
import { DateTime } from 'luxon';
import { ChoiceField } from '../PlanEditor/ChoiceField';

/** What a datetime-local input holds: a wall-clock time to the minute, without zone. */
const INPUT_FORMAT = "yyyy-MM-dd'T'HH:mm";

const CHOICE_LABELS = {
  latest: "Latest: each server's newest point in time",
  before:
    'Latest at or before a cut-off: to go back before corruption or ransomware',
};

/** The viewer's zone as the cut-off is read in, e.g. "Asia/Tokyo, UTC+09:00". */
function viewerZone(): string {
  const now = DateTime.local();
  return `${now.zoneName}, UTC${now.toFormat('ZZ')}`;
}

/**
 * Latest (the default) or the latest at or before a cut-off picked in the viewer's zone and
 * sent as a UTC instant. Choosing a snapshot per server is not offered: the API lists no
 * recovery snapshots to choose from.
 */
export function PointInTimePicker({
  value,
  onChange,
}: {
  value: PointInTimeChoice;
  onChange: (value: PointInTimeChoice) => void;
}) {
  const cutoff =
    value.type === 'before'
      ? DateTime.fromISO(value.at).toLocal().toFormat(INPUT_FORMAT)
      : '';
  const chooseCutoff = (input: string) => {
    // a cleared or half-typed field keeps the last valid cut-off: never launch from a guess
    const time = DateTime.fromISO(input);
    if (time.isValid) onChange({ type: 'before', at: time.toUTC().toISO()! });
  };

  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      <Box flex="1 1 320px">
        <ChoiceField
          id="point-in-time"
          label="Point in time"
          labels={CHOICE_LABELS}
          value={value.type === 'before' ? 'before' : 'latest'}
          onChange={choice =>
            choice === 'before'
              ? chooseCutoff(DateTime.local().toFormat(INPUT_FORMAT))
              : onChange({ type: 'latest' })
          }
        />
      </Box>
      {value.type === 'before' && (
        <TextField
          id="point-in-time-cutoff"
          type="datetime-local"
          label={`Cut-off (${viewerZone()})`}
          value={cutoff}
          onChange={event => chooseCutoff(event.target.value)}
          helperText="Each server launches from its latest point in time at or before this."
          InputLabelProps={{ shrink: true }}
          // a cut-off in the future is DRS's latest: the backend refuses it
          inputProps={{ max: DateTime.local().toFormat(INPUT_FORMAT) }}
          required
        />
      )}
    </Box>
  );
}
