import {
  PlanIssue,
  PlanWave,
  WAIT_FOR_VALUES,
  WaitFor,
} from '@drs-orchestration/plugin-drs-common';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Grid,
  IconButton,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/Delete';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { MouseEvent, ReactNode } from 'react';
import { IssueList } from '../IssueList/IssueList';
import { CheckboxField } from '../CheckboxField/CheckboxField';
import { ChoiceField } from './ChoiceField';
import { DraftWave } from './planDraft';
import { fieldIssueProps, WAVE_LEVEL } from './planIssues';

const waitForLabels: Record<WaitFor, string> = {
  LAUNCHED: 'Launched (instances started)',
  HEALTHY: 'Healthy (instances pass their checks)',
};

/** A button in the wave's header that must not toggle the section. */
function HeaderButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Tooltip title={label}>
      <span>
        <IconButton
          aria-label={label}
          size="small"
          disabled={disabled}
          onClick={(event: MouseEvent) => {
            event.stopPropagation();
            onClick();
          }}
        >
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}

/**
 * One wave of the plan as a collapsible section; its server picker renders only while it is
 * expanded, so a plan of many large waves stays quick to edit.
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
  onChange: (change: Partial<PlanWave>) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) {
  const hasErrors = Object.values(issues)
    .flat()
    .some(issue => issue.severity === 'error');
  const serverIssues = issues.sourceServerIds ?? [];
  return (
    <Accordion
      role="group"
      aria-label={`Wave ${index + 1}`}
      expanded={expanded}
      onChange={(_event, isExpanded) => onExpandedChange(isExpanded)}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Box display="flex" alignItems="center" flexGrow={1}>
          <Typography
            color={hasErrors ? 'error' : 'textPrimary'}
            style={{ flexGrow: 1 }}
          >
            <strong>
              {index + 1}. {wave.name || '(unnamed wave)'}
            </strong>{' '}
            · {wave.sourceServerIds.length} server
            {wave.sourceServerIds.length === 1 ? '' : 's'} · waits for{' '}
            {wave.waitFor}
            {wave.pauseBefore && ' · pauses before'}
          </Typography>
          <HeaderButton
            label={`Move wave ${wave.name} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            <ArrowUpwardIcon fontSize="small" />
          </HeaderButton>
          <HeaderButton
            label={`Move wave ${wave.name} down`}
            disabled={index === waveCount - 1}
            onClick={() => onMove(1)}
          >
            <ArrowDownwardIcon fontSize="small" />
          </HeaderButton>
          <HeaderButton label={`Remove wave ${wave.name}`} onClick={onRemove}>
            <DeleteIcon fontSize="small" />
          </HeaderButton>
        </Box>
      </AccordionSummary>
      <AccordionDetails>
        <Grid container spacing={2}>
          <Grid item xs={12} md={4}>
            <TextField
              id={`wave-${wave.key}-name`}
              label="Wave name"
              value={wave.name}
              onChange={event => onChange({ name: event.target.value })}
              fullWidth
              required
              {...fieldIssueProps(issues.name)}
            />
          </Grid>
          <Grid item xs={12} md={5}>
            <ChoiceField
              id={`wave-${wave.key}-wait-for`}
              label="Next wave waits until this one is"
              values={WAIT_FOR_VALUES}
              labels={waitForLabels}
              value={wave.waitFor}
              onChange={waitFor => onChange({ waitFor })}
            />
          </Grid>
          <Grid item xs={12} md={3}>
            <CheckboxField
              label="Pause for approval before it starts"
              checked={wave.pauseBefore}
              onChange={pauseBefore => onChange({ pauseBefore })}
            />
          </Grid>
          <Grid item xs={12}>
            <Typography variant="body2" color="textSecondary">
              {startsAfter.length > 0
                ? `Starts after: ${startsAfter.join(', ')}`
                : 'Starts first'}
            </Typography>
            <IssueList issues={issues[WAVE_LEVEL] ?? []} />
          </Grid>
          <Grid item xs={12}>
            <Typography variant="subtitle2">Source servers</Typography>
            <IssueList issues={serverIssues} />
            {serverPicker}
          </Grid>
        </Grid>
      </AccordionDetails>
    </Accordion>
  );
}
