import { RecoveryPlan } from '@drs-orchestration/plugin-drs-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import { SourceServerList } from '../../api';
import { LiveData } from '../../hooks/useLiveData';
import { describeError } from '../ErrorWithRetry/ErrorWithRetry';
import { IssueList } from '../IssueList/IssueList';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import { PlanFieldsEditor } from './PlanFieldsEditor';
import { ServerPicker } from './ServerPicker';
import { usePlanDraft } from './usePlanDraft';
import { WaveEditor } from './WaveEditor';

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
  const editor = usePlanDraft({ entityRef, plan, onSaved });
  const { draft, issues, busy } = editor;

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="drs-plan-editor-title"
    >
      <DialogTitle id="drs-plan-editor-title">
        {plan ? `Edit plan ${plan.name}` : 'New recovery plan'}
      </DialogTitle>
      <DialogContent dividers>
        {editor.error && (
          <Box mb={2}>
            <Alert severity="error">{describeError(editor.error)}</Alert>
          </Box>
        )}
        {editor.checkedClean && (
          <Box mb={2}>
            <Alert severity="success">
              DRS could launch this plan as it stands.
            </Alert>
          </Box>
        )}
        <IssueList issues={issues.general} />
        <PlanFieldsEditor
          fields={draft}
          issues={issues.plan}
          onChange={editor.changeFields}
        />
        <Box mt={3} mb={1}>
          <Typography variant="h6">Waves, in launch order</Typography>
        </Box>
        {draft.waves.map((wave, index) => (
          <WaveEditor
            key={wave.key}
            wave={wave}
            index={index}
            waveCount={draft.waves.length}
            startsAfter={editor.startsAfter[index]}
            issues={issues.waves[index] ?? {}}
            expanded={editor.expanded.has(wave.key)}
            onExpandedChange={isExpanded =>
              editor.setWaveExpanded(wave.key, isExpanded)
            }
            onChange={change => editor.changeWave(index, change)}
            onMove={offset => editor.moveWave(index, offset)}
            onRemove={() => editor.removeWave(index)}
            stepEdits={phase => editor.stepEdits(index, phase)}
            serverPicker={
              <LiveDataView data={sourceServers}>
                {list => (
                  <ServerPicker
                    wave={wave}
                    servers={list.items}
                    waveOfServer={editor.waveOfServer}
                    onToggle={id => editor.toggleServer(index, id)}
                  />
                )}
              </LiveDataView>
            }
          />
        ))}
        <Box mt={1}>
          <Button startIcon={<AddIcon />} onClick={editor.addWave}>
            Add wave
          </Button>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={editor.checkAgainstDrs} disabled={busy}>
          Check against DRS
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={editor.save}
          disabled={busy}
        >
          {plan ? 'Save changes' : 'Create plan'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
