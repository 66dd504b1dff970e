import { PlanIssue, StepPhase } from '@drs-orchestration/plugin-drs-common';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ReactNode } from 'react';
import { IssueList } from '../IssueList/IssueList';
import { StepEdits } from './draftEdits';
import { DraftWave, WaveChange } from './planDraft';
import { hasErrorIn } from './planIssues';
import { ReorderButtons } from './ReorderButtons';
import { StepListEditor } from './StepListEditor';
import { WaveFields } from './WaveFields';

function plural(count: number, noun: string) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * One wave of the plan as a collapsible section: its fields, the steps before its launch, its
 * servers, the steps after. Its server picker renders only while it is expanded, so a plan of
 * many large waves stays quick to edit.
 */
export function WaveEditor({
  wave,
  index,
  waveCount,
  startsAfter,
  issues,
  serverPicker,
  expanded,
  onExpandedChange,
  onChange,
  onMove,
  onRemove,
  stepEdits,
}: {
  wave: DraftWave;
  index: number;
  waveCount: number;
  /** The waves this one waits for. */
  startsAfter: string[];
  issues: Record<string, PlanIssue[]>;
  /** Rendered only while the wave is expanded. */
  serverPicker: ReactNode;
  expanded: boolean;
  onExpandedChange: (expanded: boolean) => void;
  onChange: (change: WaveChange) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
  stepEdits: (phase: StepPhase) => StepEdits;
}) {
  const stepCount = wave.before.length + wave.after.length;
  const stepLists = {
    issues,
    waveStepCount: stepCount,
  };
  return (
    <Accordion
      role="group"
      aria-label={`Wave ${index + 1}`}
      expanded={expanded}
      onChange={(_event, isExpanded) => onExpandedChange(isExpanded)}
      TransitionProps={{ unmountOnExit: true }}
    >
      {/* the reorder buttons sit beside the summary, not in it: a button holds no buttons */}
      <Box display="flex" alignItems="center" pr={1}>
        <AccordionSummary
          expandIcon={<ExpandMoreIcon />}
          style={{ flexGrow: 1 }}
        >
          <Typography color={hasErrorIn(issues) ? 'error' : 'textPrimary'}>
            <strong>
              {index + 1}. {wave.name || '(unnamed wave)'}
            </strong>{' '}
            · {plural(wave.sourceServerIds.length, 'server')} · waits for{' '}
            {wave.waitFor}
            {wave.pauseBefore && ' · pauses before'}
            {stepCount > 0 && ` · ${plural(stepCount, 'step')}`}
          </Typography>
        </AccordionSummary>
        <ReorderButtons
          kind="wave"
          name={wave.name}
          index={index}
          count={waveCount}
          onMove={onMove}
          onRemove={onRemove}
        />
      </Box>
      <AccordionDetails>
        <Box width="100%">
          <WaveFields
            wave={wave}
            startsAfter={startsAfter}
            issues={issues}
            onChange={onChange}
          />
          <StepListEditor
            title="Steps before the launch"
            addLabel="Add step before launch"
            phase="before"
            steps={wave.before}
            edits={stepEdits('before')}
            {...stepLists}
          />
          <Box mt={2}>
            <Typography variant="subtitle2">Source servers</Typography>
            <IssueList issues={issues.sourceServerIds ?? []} />
            {serverPicker}
          </Box>
          <StepListEditor
            title={`Steps once its servers are ${wave.waitFor}`}
            addLabel={`Add step after ${
              wave.waitFor === 'HEALTHY' ? 'health checks' : 'launch'
            }`}
            phase="after"
            steps={wave.after}
            edits={stepEdits('after')}
            {...stepLists}
          />
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
