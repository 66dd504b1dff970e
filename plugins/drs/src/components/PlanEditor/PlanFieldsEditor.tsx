import { ChangeEvent } from 'react';
import {
  EXECUTION_MODES,
  ExecutionMode,
  PlanIssue,
} from '@drs-orchestration/plugin-drs-common';
import { Grid, TextField } from '@material-ui/core';
import { ChoiceField } from './ChoiceField';
import { PlanFields } from './planDraft';
import { fieldIssueProps } from './planIssues';

const modeLabels: Record<ExecutionMode, string> = {
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
  const textFieldProps = (field: 'name' | 'description') => ({
    id: `plan-${field}`,
    value: fields[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      onChange({ [field]: event.target.value }),
    fullWidth: true,
    ...fieldIssueProps(issues[field]),
  });

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <TextField label="Plan name" required {...textFieldProps('name')} />
      </Grid>
      <Grid item xs={6} md={3}>
        <ChoiceField
          id="plan-default-mode"
          label="Default mode"
          values={EXECUTION_MODES}
          labels={modeLabels}
          value={fields.defaultMode}
          onChange={defaultMode => onChange({ defaultMode })}
          {...fieldIssueProps(issues.defaultMode)}
        />
      </Grid>
      <Grid item xs={6} md={3}>
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
      </Grid>
      <Grid item xs={12}>
        <TextField
          label="Description"
          multiline
          {...textFieldProps('description')}
        />
      </Grid>
    </Grid>
  );
}
