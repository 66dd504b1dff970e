import {
  MAX_STEPS_PER_WAVE,
  PlanIssue,
  StepPhase,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Button, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { IssueList } from '../IssueList/IssueList';
import { StepEdits } from './draftEdits';
import { DraftStep } from './draftSteps';
import { issuesUnder, WHOLE } from './planIssues';
import { StepEditor } from './StepEditor';

/** The steps of one phase of a wave, in the order they run, and a button to add one. */
export function StepListEditor({
  title,
  addLabel,
  phase,
  steps,
  waveStepCount,
  issues,
  edits,
}: {
  title: string;
  /** The add button's text, which names the phase. */
  addLabel: string;
  phase: StepPhase;
  steps: DraftStep[];
  /** The wave's steps, before and after: together they are limited. */
  waveStepCount: number;
  /** The wave's issues, by field. */
  issues: Record<string, PlanIssue[]>;
  edits: StepEdits;
}) {
  const full = waveStepCount >= MAX_STEPS_PER_WAVE;
  return (
    <Box component="section" aria-label={title} mt={1}>
      <Typography variant="subtitle2">{title}</Typography>
      <IssueList issues={issuesUnder(issues, phase)[WHOLE] ?? []} />
      {steps.map((step, index) => (
        <Box key={step.key} my={1}>
          <StepEditor
            step={step}
            phase={phase}
            index={index}
            stepCount={steps.length}
            issues={issuesUnder(issues, `${phase}[${index}]`)}
            onChange={change => edits.change(index, change)}
            onMove={offset => edits.move(index, offset)}
            onRemove={() => edits.remove(index)}
          />
        </Box>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={edits.add}
        disabled={full}
      >
        {addLabel}
      </Button>
      {full && (
        <Typography variant="caption" color="textSecondary" component="p">
          A wave has at most {MAX_STEPS_PER_WAVE} steps, before and after
          together.
        </Typography>
      )}
    </Box>
  );
}
