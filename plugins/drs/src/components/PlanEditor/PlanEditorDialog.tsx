import { useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  effectiveDependencies,
  EXECUTION_MODES,
  ExecutionMode,
  hasErrors,
  PlanIssue,
  RecoveryPlan,
  RecoveryPlanInput,
} from '@drs-orchestration/plugin-drs-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import { drsApiRef, SourceServerList } from '../../api';
import { LiveData } from '../../hooks/useLiveData';
import { describeError } from '../ErrorWithRetry/ErrorWithRetry';
import { IssueList } from '../IssueList/IssueList';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import {
  addWave,
  DraftWave,
  draftOf,
  inputOf,
  moveWave,
  removeWave,
  toggleServer,
  updateWave,
  waveOfServer,
} from './planDraft';
import {
  checkPlan,
  fieldIssueProps,
  groupIssues,
  issuesOfError,
} from './planIssues';
import { ServerPicker } from './ServerPicker';
import { WaveEditor } from './WaveEditor';

const modeLabels: Record<ExecutionMode, string> = {
  DRILL: 'Drill (isolated copies)',
  RECOVERY: 'Recovery (real failover)',
};

/** Creates a plan, or edits one: its fields, and its waves in launch order. */
export function PlanEditorDialog({
  entityRef,
  plan,
  sourceServers,
  onClose,
  onSaved,
}: {
  entityRef: string;
  /** The plan to edit; a new plan when absent. */
  plan?: RecoveryPlan;
  sourceServers: LiveData<SourceServerList>;
  onClose: () => void;
  onSaved: (plan: RecoveryPlan) => void;
}) {
  const drsApi = useApi(drsApiRef);
  const [draft, setDraft] = useState(() => draftOf(plan));
  // a new plan opens its first wave; a saved one opens collapsed, since it may be large
  const [expanded, setExpanded] = useState<Set<number>>(
    () => new Set(plan ? [] : draft.waves.map(wave => wave.key)),
  );
  const [issues, setIssues] = useState<PlanIssue[]>([]);
  const [checkedClean, setCheckedClean] = useState(false);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const grouped = useMemo(() => groupIssues(issues), [issues]);
  const owners = useMemo(() => waveOfServer(draft.waves), [draft.waves]);
  const startsAfter = useMemo(
    () => effectiveDependencies(draft.waves),
    [draft.waves],
  );

  const setWaves = (waves: DraftWave[]) =>
    setDraft(current => ({ ...current, waves }));
  /** Issues name waves by index: once waves move, the old ones point at the wrong wave. */
  const restructureWaves = (waves: DraftWave[]) => {
    setWaves(waves);
    setIssues([]);
  };
  const setExpandedWave = (key: number, isExpanded: boolean) =>
    setExpanded(current => {
      const next = new Set(current);
      if (isExpanded) next.add(key);
      else next.delete(key);
      return next;
    });
  const showIssues = (found: PlanIssue[]) => {
    setIssues(found);
    const withIssues = Object.keys(groupIssues(found).waves).flatMap(index => {
      const wave = draft.waves[Number(index)];
      return wave ? [wave.key] : [];
    });
    setExpanded(current => new Set([...current, ...withIssues]));
  };

  /** Runs the shared rules first; only a plan that passes them goes to the backend. */
  const submit = async (send: (input: RecoveryPlanInput) => Promise<void>) => {
    const input = inputOf(draft);
    setError(undefined);
    setCheckedClean(false);
    const local = checkPlan(input);
    if (hasErrors(local)) {
      showIssues(local);
      return;
    }
    setBusy(true);
    try {
      await send(input);
    } catch (e) {
      setError(e as Error);
      showIssues(issuesOfError(e as Error));
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    submit(async input => {
      const saved = plan
        ? await drsApi.updatePlan(entityRef, plan.planId, input, plan.version)
        : await drsApi.createPlan(entityRef, input);
      onSaved(saved);
    });

  const checkAgainstDrs = () =>
    submit(async input => {
      const found = await drsApi.validatePlan(entityRef, input);
      showIssues(found);
      setCheckedClean(found.length === 0);
    });

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="md">
      <DialogTitle>
        {plan ? `Edit plan ${plan.name}` : 'New recovery plan'}
      </DialogTitle>
      <DialogContent dividers>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{describeError(error)}</Alert>
          </Box>
        )}
        {checkedClean && (
          <Box mb={2}>
            <Alert severity="success">
              DRS could launch this plan as it stands.
            </Alert>
          </Box>
        )}
        <IssueList issues={grouped.general} />
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <TextField
              id="plan-name"
              label="Plan name"
              value={draft.name}
              onChange={event =>
                setDraft({ ...draft, name: event.target.value })
              }
              fullWidth
              required
              {...fieldIssueProps(grouped.plan.name)}
            />
          </Grid>
          <Grid item xs={6} md={3}>
            <TextField
              select
              id="plan-default-mode"
              label="Default mode"
              value={draft.defaultMode}
              onChange={event =>
                setDraft({
                  ...draft,
                  defaultMode: event.target.value as ExecutionMode,
                })
              }
              fullWidth
              {...fieldIssueProps(grouped.plan.defaultMode)}
            >
              {EXECUTION_MODES.map(mode => (
                <MenuItem key={mode} value={mode}>
                  {modeLabels[mode]}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={6} md={3}>
            <TextField
              id="plan-timeout"
              label="Timeout (minutes)"
              type="number"
              value={
                Number.isNaN(draft.timeoutMinutes) ? '' : draft.timeoutMinutes
              }
              onChange={event =>
                setDraft({
                  ...draft,
                  timeoutMinutes:
                    event.target.value === ''
                      ? Number.NaN
                      : Number(event.target.value),
                })
              }
              fullWidth
              {...fieldIssueProps(grouped.plan.timeoutMinutes)}
            />
          </Grid>
          <Grid item xs={12}>
            <TextField
              id="plan-description"
              label="Description"
              value={draft.description}
              onChange={event =>
                setDraft({ ...draft, description: event.target.value })
              }
              fullWidth
              multiline
              {...fieldIssueProps(grouped.plan.description)}
            />
          </Grid>
        </Grid>
        <Box mt={3} mb={1}>
          <Typography variant="h6">Waves, in launch order</Typography>
        </Box>
        {draft.waves.map((wave, index) => (
          <WaveEditor
            key={wave.key}
            wave={wave}
            index={index}
            waveCount={draft.waves.length}
            startsAfter={startsAfter[index]}
            issues={grouped.waves[index] ?? {}}
            expanded={expanded.has(wave.key)}
            onExpandedChange={isExpanded =>
              setExpandedWave(wave.key, isExpanded)
            }
            onChange={change =>
              setWaves(updateWave(draft.waves, index, change))
            }
            onMove={offset =>
              restructureWaves(moveWave(draft.waves, index, offset))
            }
            onRemove={() => restructureWaves(removeWave(draft.waves, index))}
            serverPicker={
              <LiveDataView data={sourceServers}>
                {list => (
                  <ServerPicker
                    wave={wave}
                    servers={list.items}
                    waveOfServer={owners}
                    onToggle={id =>
                      setWaves(toggleServer(draft.waves, index, id))
                    }
                  />
                )}
              </LiveDataView>
            }
          />
        ))}
        <Box mt={1}>
          <Button
            startIcon={<AddIcon />}
            onClick={() => {
              const waves = addWave(draft.waves);
              restructureWaves(waves);
              setExpandedWave(waves[waves.length - 1].key, true);
            }}
          >
            Add wave
          </Button>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={checkAgainstDrs} disabled={busy}>
          Check against DRS
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={save}
          disabled={busy}
        >
          {plan ? 'Save changes' : 'Create plan'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
