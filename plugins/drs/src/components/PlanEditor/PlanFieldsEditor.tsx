import { PlanIssue, PlanMode } from '@drs-orchestration/plugin-drs-common';
import { TextField } from '@material-ui/core';
import { ChoiceField } from './ChoiceField';
import { DrillCleanupField } from './DrillCleanupField';
import { DrillScheduleField } from './DrillScheduleField';
import { fieldBinder } from './fieldBinder';
import { FieldRow } from './FieldRow';
import { PlanFields } from './planDraft';
import { fieldIssueProps } from './planIssues';

const modeLabels: Record<PlanMode, string> = {
  DRILL: 'Drill (isolated copies)',
  RECOVERY: 'Recovery (real failover)',
};

/** The plan's own fields, each with its issues under it. */
export function PlanFieldsEditor({
  fields,
  issues,
  onChange,
}: {
  fields: PlanFields;
  /** By field name. */
  issues: Record<string, PlanIssue[]>;
  onChange: (change: Partial<PlanFields>) => void;
}) {
  const bind = fieldBinder(fields, onChange, issues, 'plan');

  return (
    <>
      <FieldRow>
        <TextField label="Plan name" required {...bind.text('name')} />
        <ChoiceField
          label="Default mode"
          labels={modeLabels}
          {...bind.choice('defaultMode')}
        />
        <TextField
          id="plan-timeout"
          label="Timeout (minutes)"
          type="number"
          value={
            Number.isNaN(fields.timeoutMinutes) ? '' : fields.timeoutMinutes
          }
          onChange={event =>
            onChange({
              timeoutMinutes:
                event.target.value === ''
                  ? Number.NaN
                  : Number(event.target.value),
            })
          }
          fullWidth
          {...fieldIssueProps(issues.timeoutMinutes)}
        />
      </FieldRow>
      <FieldRow>
        <TextField
          label="RTO (ISO 8601, e.g. PT1H)"
          helperText="Recovery time objective; empty: the entity's aws.amazon.com/drs-rto"
          {...bind.text('rto')}
        />
        <TextField
          label="RPO (ISO 8601, e.g. PT15M)"
          helperText="Recovery point objective; empty: the entity's aws.amazon.com/drs-rpo"
          {...bind.text('rpo')}
        />
      </FieldRow>
      <TextField label="Description" multiline {...bind.text('description')} />
      <DrillCleanupField
        cleanup={fields.drillCleanup}
        issues={issues.drillCleanup}
        onChange={drillCleanup => onChange({ drillCleanup })}
      />
      <DrillScheduleField
        schedule={fields.drillSchedule}
        issues={issues.drillSchedule}
        onChange={drillSchedule => onChange({ drillSchedule })}
      />
    </>
  );
}
