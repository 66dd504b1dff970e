import { PlanIssue } from '@drs-orchestration/plugin-drs-common';
import { TextField } from '@material-ui/core';
import { CheckboxField } from '../CheckboxField/CheckboxField';
import { ChoiceField } from './ChoiceField';
import { fieldBinder } from './fieldBinder';
import { FieldRow } from './FieldRow';
import { DraftDrillSchedule, DrillScheduleKind } from './planDraft';

const kindLabels: Record<DrillScheduleKind, string> = {
  none: 'Never: only when someone starts one',
  cron: 'On a cron schedule',
  every: 'At an interval after the last drill',
};

/** The sub-field an issue of `drillSchedule` names: `drillSchedule.timeZone` is `timeZone`. */
function issuesBySubField(issues: PlanIssue[] | undefined) {
  const grouped: Record<string, PlanIssue[]> = {};
  for (const issue of issues ?? []) {
    const field = /^drillSchedule\.(\w+)/.exec(issue.path)?.[1] ?? 'kind';
    (grouped[field] ??= []).push(issue);
  }
  return grouped;
}

/** When the plan's drills start by themselves, in which time zone, and whether they do now. */
export function DrillScheduleField({
  schedule,
  issues,
  onChange,
}: {
  schedule: DraftDrillSchedule;
  /** The issues of `drillSchedule`, e.g. at `drillSchedule.cron`. */
  issues: PlanIssue[] | undefined;
  onChange: (schedule: DraftDrillSchedule) => void;
}) {
  const bind = fieldBinder(
    schedule,
    change => onChange({ ...schedule, ...change }),
    issuesBySubField(issues),
    'plan-drill-schedule',
  );
  return (
    <FieldRow>
      <ChoiceField
        label="Scheduled drills"
        labels={kindLabels}
        helperText="A scheduled drill starts by itself, notifies the owners before and after, and terminates its instances"
        {...bind.choice('kind')}
      />
      {schedule.kind === 'cron' && (
        <TextField
          label="Cron expression"
          helperText="minute hour day-of-month month day-of-week, e.g. 0 3 * * 1"
          {...bind.text('cron')}
        />
      )}
      {schedule.kind === 'every' && (
        <TextField
          label="Every (ISO 8601)"
          helperText="e.g. P30D: at most 30 days after the last drill"
          {...bind.text('every')}
        />
      )}
      {schedule.kind !== 'none' && (
        <>
          <TextField
            label="Time zone (IANA)"
            helperText="e.g. UTC, Europe/Berlin"
            {...bind.text('timeZone')}
          />
          <CheckboxField
            label="Enabled"
            checked={schedule.enabled}
            onChange={enabled => onChange({ ...schedule, enabled })}
          />
        </>
      )}
    </FieldRow>
  );
}
