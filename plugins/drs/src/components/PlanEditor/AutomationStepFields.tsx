import { PlanIssue, StepPhase } from '@drs-orchestration/plugin-drs-common';
import { TextField } from '@material-ui/core';
import { DraftStep, StepChange } from './draftSteps';
import { ParametersEditor } from './ParametersEditor';
import { FieldBinder } from './fieldBinder';
import { FieldRow } from './FieldRow';

/** The fields an automation step shows; only an after step can receive the wave's instance IDs. */
export function automationFields(phase: StepPhase): string[] {
  const fields = ['documentName', 'documentVersion', 'parameters'];
  return phase === 'after' ? [...fields, 'instanceIdsParameter'] : fields;
}

/** What an automation step runs: the SSM runbook, its version and its parameters. */
export function AutomationStepFields({
  step,
  phase,
  bind,
  parameterIssues,
  onChange,
}: {
  step: DraftStep;
  phase: StepPhase;
  /** Binds a field to the step. */
  bind: FieldBinder<DraftStep>;
  /** By parameter name. */
  parameterIssues: Record<string, PlanIssue[]>;
  onChange: (change: StepChange) => void;
}) {
  return (
    <>
      <FieldRow>
        <TextField
          label="SSM document name"
          required
          helperText="An Automation runbook: its name, or the ARN of one shared with this account"
          {...bind.text('documentName')}
        />
        <TextField
          label="Document version"
          helperText="$DEFAULT, $LATEST or a number; empty: its default version"
          {...bind.text('documentVersion')}
        />
      </FieldRow>
      <ParametersEditor
        idPrefix={`step-${step.key}`}
        parameters={step.parameters}
        issues={parameterIssues}
        onChange={parameters => onChange({ parameters })}
      />
      {phase === 'after' && (
        <TextField
          label="Pass the wave's EC2 instance IDs as parameter"
          helperText="A parameter name, e.g. InstanceIds; empty: not passed"
          margin="normal"
          {...bind.text('instanceIdsParameter')}
        />
      )}
    </>
  );
}
