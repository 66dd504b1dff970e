import { useCallback, useState } from 'react';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  entitySignalChannel,
  Execution,
  ExecutionWave,
  wavesAwaitingApproval,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Grid, Typography } from '@material-ui/core';
import { drsApiRef } from '../../api';
import { useDrsPermissions } from '../../hooks/useDrsPermissions';
import { useLiveData } from '../../hooks/useLiveData';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import { WayBackPanel } from '../WayBack/WayBackPanel';
import { ExecutionActions } from './ExecutionActions';
import { ExecutionFacts } from './ExecutionFacts';
import { isExecutionLive } from './executionProgress';
import { ExecutionTimeline } from './ExecutionTimeline';
import { PollingInfo } from './PollingInfo';
import { WaveSection } from './WaveSection';

/** The waves worth a look when the page opens: running or failed ones. */
function initiallyExpanded(waves: ExecutionWave[]): Set<string> {
  return new Set(
    waves
      .filter(wave => wave.status === 'STARTED' || wave.status === 'FAILED')
      .map(wave => wave.name),
  );
}

function Waves({ execution }: { execution: Execution }) {
  const [expanded, setExpanded] = useState<Set<string>>();
  const open = expanded ?? initiallyExpanded(execution.waves);
  const awaiting = new Set(
    execution.status === 'PAUSED'
      ? wavesAwaitingApproval(execution).map(wave => wave.name)
      : [],
  );
  const toggle = (name: string, isExpanded: boolean) => {
    const next = new Set(open);
    if (isExpanded) next.add(name);
    else next.delete(name);
    setExpanded(next);
  };
  return (
    <>
      {execution.waves.map((wave, index) => (
        <WaveSection
          key={wave.name}
          wave={wave}
          index={index}
          awaitingApproval={awaiting.has(wave.name)}
          expanded={open.has(wave.name)}
          onExpandedChange={isExpanded => toggle(wave.name, isExpanded)}
        />
      ))}
    </>
  );
}

function ExecutionView({
  execution,
  onChanged,
}: {
  execution: Execution;
  onChanged: () => void;
}) {
  const { canControlExecutions, canStartRecovery } = useDrsPermissions(
    execution.entityRef,
  );
  // approving a recovery's (or failback's) wave is launching it: the backend asks for both
  const canControl =
    canControlExecutions && (execution.mode === 'DRILL' || canStartRecovery);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ExecutionActions
          execution={execution}
          canControl={canControl}
          onChanged={onChanged}
        />
      </Grid>
      <Grid item xs={12} md={8}>
        <ExecutionFacts execution={execution} />
      </Grid>
      <Grid item xs={12} md={4}>
        <PollingInfo polling={execution.polling} status={execution.status} />
      </Grid>
      {execution.mode !== 'DRILL' && (
        <Grid item xs={12}>
          <WayBackPanel
            execution={execution}
            canAct={canControlExecutions && canStartRecovery}
            onChanged={onChanged}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <ExecutionTimeline execution={execution} />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="h6">Waves</Typography>
        <Waves execution={execution} />
      </Grid>
    </Grid>
  );
}

/**
 * One execution, live: its facts, actions, polling, timeline and waves. It refetches on every
 * change signalled for its entity, which rarely runs more than one execution at a time.
 */
export function ExecutionDetails({
  entityRef,
  executionId,
}: {
  entityRef: string;
  executionId: string;
}) {
  const drsApi = useApi(drsApiRef);
  const signal = useSignal(entitySignalChannel(entityRef));
  const execution = useLiveData(
    useCallback(() => drsApi.getExecution(executionId), [drsApi, executionId]),
    { signal, isActive: isExecutionLive },
  );
  return (
    <>
      <Box mb={2}>
        <Link to="..">← All executions</Link>
      </Box>
      <LiveDataView data={execution}>
        {value => (
          <ExecutionView execution={value} onChanged={execution.refresh} />
        )}
      </LiveDataView>
    </>
  );
}
