import { PlanIssue } from '@drs-orchestration/plugin-drs-common';
import { Box, Button, Grid, TextField, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { IssueList } from '../IssueList/IssueList';
import { ActionIconButton } from './ActionIconButton';
import { DraftParameter, draftParameter } from './draftSteps';
import { patchItem, removeItem } from './listEdits';
import { fieldIssueProps, WHOLE } from './planIssues';

/**
 * A runbook's parameters, a row each: its name, and its values one per line (SSM takes a list
 * of strings per parameter). Issues of a parameter show at its values.
 */
export function ParametersEditor({
  idPrefix,
  parameters,
  issues,
  onChange,
}: {
  idPrefix: string;
  parameters: DraftParameter[];
  /** By parameter name; WHOLE for the parameters as a whole. */
  issues: Record<string, PlanIssue[]>;
  onChange: (parameters: DraftParameter[]) => void;
}) {
  const names = new Set(parameters.map(parameter => parameter.name.trim()));
  // an unnamed parameter's issues, and those of a name no row holds any more, show above the rows
  const unplaced = Object.entries(issues)
    .filter(([name]) => name === WHOLE || !names.has(name))
    .flatMap(([, found]) => found);
  const rowIssues = (name: string) =>
    name.trim() === WHOLE ? undefined : issues[name.trim()];
  return (
    <Box>
      <Typography variant="body2">Runbook parameters</Typography>
      <IssueList issues={unplaced} />
      {parameters.map((parameter, i) => (
        <Grid container spacing={1} key={parameter.key} alignItems="flex-start">
          <Grid item xs={12} sm={4}>
            <TextField
              id={`${idPrefix}-parameter-${parameter.key}-name`}
              label="Parameter name"
              value={parameter.name}
              onChange={event =>
                onChange(patchItem(parameters, i, { name: event.target.value }))
              }
              fullWidth
            />
          </Grid>
          <Grid item xs={10} sm={7}>
            <TextField
              id={`${idPrefix}-parameter-${parameter.key}-values`}
              label="Values, one per line"
              multiline
              value={parameter.values}
              onChange={event =>
                onChange(
                  patchItem(parameters, i, { values: event.target.value }),
                )
              }
              fullWidth
              {...fieldIssueProps(rowIssues(parameter.name))}
            />
          </Grid>
          <Grid item xs={2} sm={1}>
            <ActionIconButton
              label={`Remove parameter ${parameter.name || i + 1}`}
              onClick={() => onChange(removeItem(parameters, i))}
            >
              <DeleteIcon fontSize="small" />
            </ActionIconButton>
          </Grid>
        </Grid>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() => onChange([...parameters, draftParameter()])}
      >
        Add parameter
      </Button>
    </Box>
  );
}
