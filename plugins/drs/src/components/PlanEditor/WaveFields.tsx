import {
  DEFAULT_HEALTH_TIMEOUT_SECONDS,
  PlanIssue,
  WaitFor,
} from '@drs-orchestration/plugin-drs-common';
import { TextField, Typography } from '@material-ui/core';
import { CheckboxField } from '../CheckboxField/CheckboxField';
import { formatSeconds } from '../format';
import { IssueList } from '../IssueList/IssueList';
import { ChoiceField } from './ChoiceField';
import { DurationField } from './DurationField';
import { FieldRow } from './FieldRow';
import { DraftWave, WaveChange } from './planDraft';
import { fieldBinder } from './fieldBinder';
import { WHOLE } from './planIssues';

const waitForLabels: Record<WaitFor, string> = {
  LAUNCHED: 'Launched (instances started)',
  HEALTHY: 'Healthy (both EC2 status checks ok)',
};

const healthTimeoutHelp = `Servers not healthy this long after the launch fail the wave; empty: ${formatSeconds(
  DEFAULT_HEALTH_TIMEOUT_SECONDS,
)}`;

/** A wave's own fields: its name, what it waits for and how long, and whether it pauses. */
export function WaveFields({
  wave,
  startsAfter,
  issues,
  onChange,
}: {
  wave: DraftWave;
  /** The waves this one waits for. */
  startsAfter: string[];
  /** The wave's issues, by field. */
  issues: Record<string, PlanIssue[]>;
  onChange: (change: WaveChange) => void;
}) {
  const bind = fieldBinder(wave, onChange, issues, `wave-${wave.key}`);
  return (
    <>
      <FieldRow>
        <TextField label="Wave name" required {...bind.text('name')} />
        <CheckboxField
          label="Pause for approval before it starts"
          checked={wave.pauseBefore}
          onChange={pauseBefore => onChange({ pauseBefore })}
        />
      </FieldRow>
      <FieldRow>
        <ChoiceField
          label="Next wave waits until this one is"
          labels={waitForLabels}
          {...bind.choice('waitFor')}
        />
        {wave.waitFor === 'HEALTHY' && (
          <DurationField
            label="Health timeout"
            helperText={healthTimeoutHelp}
            {...bind.duration('healthTimeoutSeconds')}
          />
        )}
      </FieldRow>
      <Typography variant="body2" color="textSecondary">
        {startsAfter.length > 0
          ? `Starts after: ${startsAfter.join(', ')}`
          : 'Starts first'}
      </Typography>
      <IssueList issues={issues[WHOLE] ?? []} />
    </>
  );
}
