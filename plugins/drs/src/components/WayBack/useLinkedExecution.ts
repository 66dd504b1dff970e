import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  entitySignalChannel,
  Execution,
} from '@drs-orchestration/plugin-drs-common';
import { drsApiRef } from '../../api';
import { useLiveData } from '../../hooks/useLiveData';
import { isExecutionLive } from '../ExecutionDetails/executionProgress';

/** The other end of an execution's lineage: a FAILBACK's recovery, or a RECOVERY's failback. */
export function linkedExecutionId(execution: Execution): string | undefined {
  return execution.mode === 'FAILBACK'
    ? execution.lineage?.fromExecutionId
    : execution.requests.failback?.executionId;
}

/**
 * The linked execution, live: refetched on every change signalled for the entity (the page's
 * own execution refetches on the same signals), and polled while it is live.
 */
export function useLinkedExecution(execution: Execution) {
  const drsApi = useApi(drsApiRef);
  const signal = useSignal(entitySignalChannel(execution.entityRef));
  const id = linkedExecutionId(execution);
  return useLiveData<Execution | null>(
    useCallback(
      () => (id ? drsApi.getExecution(id) : Promise.resolve(null)),
      [drsApi, id],
    ),
    { signal, isActive: linked => linked !== null && isExecutionLive(linked) },
  );
}
