import {
  DEFAULT_APPROVAL_TIMEOUT_SECONDS,
  DEFAULT_AUTOMATION_TIMEOUT_SECONDS,
  PlanIssue,
  StepFailurePolicy,
  StepPhase,
  StepType,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Paper, TextField, Typography } from '@material-ui/core';
import { formatSeconds } from '../format';
import { IssueList } from '../IssueList/IssueList';
import { AutomationStepFields, automationFields } from './AutomationStepFields';
import { ChoiceField } from './ChoiceField';
import { DraftStep, StepChange } from './draftSteps';
import { DurationField } from './DurationField';
import { FieldRow } from './FieldRow';
import { fieldBinder } from './fieldBinder';
import { hasErrorIn, issuesElsewhere, issuesUnder } from './planIssues';
import { ReorderButtons } from './ReorderButtons';

const typeLabels: Record<StepType, string> = {
  automation: 'Run an SSM Automation runbook',
  approval: 'Wait for someone to approve',
  wait: 'Wait a fixed time',
};

const failureLabels: Record<StepFailurePolicy, string> = {
  fail: 'Fail the wave',
  continue: 'Carry on with the wave',
};

const defaultTimeouts: Record<StepType, string> = {
  automation: `empty: ${formatSeconds(DEFAULT_AUTOMATION_TIMEOUT_SECONDS)}`,
  approval: `empty: ${formatSeconds(DEFAULT_APPROVAL_TIMEOUT_SECONDS)}`,
  wait: 'empty: the length of the wait',
};

const COMMON_FIELDS = ['name', 'type', 'onFailure', 'timeoutSeconds'];

/** One step before or after a wave: its name, type, failure policy and timeout, and its type's fields. */
export function StepEditor({
  step,
  phase,
  index,
  stepCount,
  issues,
  onChange,
  onMove,
  onRemove,
}: {
  step: DraftStep;
  phase: StepPhase;
  index: number;
  stepCount: number;
  /** The step's issues, by field. */
  issues: Record<string, PlanIssue[]>;
  onChange: (change: StepChange) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) {
  const bind = fieldBinder(step, onChange, issues, `step-${step.key}`);
  const shown = [
    ...COMMON_FIELDS,
    ...(step.type === 'automation' ? automationFields(phase) : []),
    ...(step.type === 'wait' ? ['seconds'] : []),
  ];
  const name = step.name || '(unnamed step)';
  return (
    <Paper
      variant="outlined"
      role="group"
      aria-label={`${phase === 'before' ? 'Before' : 'After'} step ${
        index + 1
      }`}
    >
      <Box p={2}>
        <Box display="flex" alignItems="center" mb={1}>
          <Typography
            variant="subtitle2"
            color={hasErrorIn(issues) ? 'error' : 'textPrimary'}
            style={{ flexGrow: 1 }}
          >
            {index + 1}. {name}
          </Typography>
          <ReorderButtons
            kind="step"
            name={name}
            index={index}
            count={stepCount}
            onMove={onMove}
            onRemove={onRemove}
          />
        </Box>
        <IssueList issues={issuesElsewhere(issues, shown)} />
        <FieldRow>
          <ChoiceField
            label="Step type"
            labels={typeLabels}
            {...bind.choice('type')}
          />
          <TextField label="Step name" required {...bind.text('name')} />
        </FieldRow>
        {step.type === 'automation' && (
          <AutomationStepFields
            step={step}
            phase={phase}
            bind={bind}
            parameterIssues={issuesUnder(issues, 'parameters')}
            onChange={onChange}
          />
        )}
        <FieldRow>
          {step.type === 'wait' && (
            <DurationField
              label="Wait for"
              required
              {...bind.duration('seconds')}
            />
          )}
          <DurationField
            label="Timeout"
            helperText={defaultTimeouts[step.type]}
            {...bind.duration('timeoutSeconds')}
          />
          <ChoiceField
            label="If it fails or times out"
            labels={failureLabels}
            {...bind.choice('onFailure')}
          />
        </FieldRow>
      </Box>
    </Paper>
  );
}
