import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  Execution,
  ExecutionApprovalStep,
  isActiveExecutionStatus,
  wavesAwaitingApproval,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Button } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { drsApiRef } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { describeError } from '../ErrorWithRetry/ErrorWithRetry';
import {
  awaitedApprovalStep,
  canTerminateDrillInstances,
} from './executionProgress';
import { saveFile } from './saveFile';

/** A resume names a wave; it approves the approval step the wave waits on, if any, else its start. */
interface Resume {
  action: 'resume';
  wave: string;
  step?: ExecutionApprovalStep;
}

type Confirming = { action: 'cancel' } | { action: 'terminate' } | Resume;

function resumeText({ wave, step }: Resume) {
  if (!step) {
    return {
      title: `Start wave ${wave}?`,
      confirmLabel: `Start wave ${wave}`,
      children:
        "The execution paused before this wave for someone to approve it. It starts in the engine's next cycle.",
    };
  }
  return {
    title: `Approve step ${step.name} of wave ${wave}?`,
    confirmLabel: `Approve step ${step.name}`,
    children: `Wave ${wave} waits for this approval ${
      step.phase === 'before' ? 'before its launch' : 'after its launch'
    }. It goes on in the engine's next cycle.`,
  };
}

function confirmationText(request: Confirming) {
  switch (request.action) {
    case 'resume':
      return resumeText(request);
    case 'cancel':
      return {
        title: 'Cancel this execution?',
        confirmLabel: 'Cancel execution',
        dismissLabel: 'Keep running',
        children:
          'No further waves start. A wave already launching finishes first, and its instances keep running.',
      };
    default:
      return {
        title: "Terminate this drill's recovery instances?",
        confirmLabel: 'Terminate instances',
        children:
          'DRS terminates the EC2 instances this drill launched. Source servers and their replication are not affected.',
      };
  }
}

/**
 * What a person can do with an execution: approve the wave or approval step it waits for, cancel it,
 * terminate a drill's instances (each with a confirmation), and download its report.
 */
export function ExecutionActions({
  execution,
  canControl,
  onChanged,
}: {
  execution: Execution;
  canControl: boolean;
  onChanged: () => void;
}) {
  const drsApi = useApi(drsApiRef);
  const [confirming, setConfirming] = useState<Confirming>();
  const [downloadError, setDownloadError] = useState<Error>();
  const { executionId } = execution;

  const awaiting: Resume[] =
    execution.status === 'PAUSED' && !execution.requests.cancel
      ? wavesAwaitingApproval(execution).map(wave => ({
          action: 'resume',
          wave: wave.name,
          step: awaitedApprovalStep(wave),
        }))
      : [];
  const canCancel =
    isActiveExecutionStatus(execution.status) && !execution.requests.cancel;

  const download = async () => {
    setDownloadError(undefined);
    try {
      const report = await drsApi.downloadExecutionReport(executionId);
      saveFile(report.content, report.filename);
    } catch (e) {
      setDownloadError(e as Error);
    }
  };

  const run = async (request: Confirming) => {
    if (request.action === 'cancel') await drsApi.cancelExecution(executionId);
    else if (request.action === 'terminate') {
      await drsApi.terminateDrillInstances(executionId);
    } else await drsApi.resumeExecution(executionId, request.wave);
    onChanged();
  };

  return (
    <Box>
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {canControl &&
          awaiting.map(resume => (
            <Button
              key={resume.wave}
              color="primary"
              variant="contained"
              onClick={() => setConfirming(resume)}
            >
              {resume.step
                ? `Approve step ${resume.step.name}`
                : `Approve wave ${resume.wave}`}
            </Button>
          ))}
        {canControl && canCancel && (
          <Button
            variant="outlined"
            onClick={() => setConfirming({ action: 'cancel' })}
          >
            Cancel execution
          </Button>
        )}
        {canControl && canTerminateDrillInstances(execution) && (
          <Button
            variant="outlined"
            onClick={() => setConfirming({ action: 'terminate' })}
          >
            Terminate drill instances
          </Button>
        )}
        <Button variant="outlined" onClick={download}>
          Download report
        </Button>
      </Box>
      {downloadError && (
        <Box mt={1}>
          <Alert severity="error">{describeError(downloadError)}</Alert>
        </Box>
      )}

      {confirming && (
        <ConfirmDialog
          {...confirmationText(confirming)}
          onConfirm={() => run(confirming)}
          onClose={() => setConfirming(undefined)}
        />
      )}
    </Box>
  );
}
