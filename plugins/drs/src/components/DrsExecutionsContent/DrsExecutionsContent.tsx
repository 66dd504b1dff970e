import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ExecutionSummary } from '@internal/plugin-drs-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { drsApiRef } from '../../api';
import { DrsAnnotationGate } from '../DrsAnnotationGate';
import { ErrorWithRetry } from '../ErrorWithRetry';
import { formatDuration, formatTimestamp } from '../format';
import { StatusChip } from '../StatusChip';

const columns: TableColumn<ExecutionSummary>[] = [
  { title: 'Status', render: e => <StatusChip status={e.status} /> },
  { title: 'Mode', field: 'mode' },
  { title: 'Plan', field: 'planName', highlight: true },
  { title: 'Waves', render: e => `${e.completedWaveCount} / ${e.waveCount}` },
  {
    title: 'Started',
    render: e => formatTimestamp(e.startedAt ?? e.createdAt),
  },
  {
    title: 'Duration',
    render: e => formatDuration(e.startedAt ?? e.createdAt, e.endedAt),
  },
  { title: 'Initiated by', field: 'initiatedBy' },
];

function ExecutionHistory({ entityRef }: { entityRef: string }) {
  const drsApi = useApi(drsApiRef);
  const history = useAsyncRetry(
    () => drsApi.listExecutions(entityRef, { limit: 25 }),
    [drsApi, entityRef],
  );
  if (history.error) {
    return <ErrorWithRetry error={history.error} onRetry={history.retry} />;
  }
  if (!history.value) {
    return <Progress />;
  }
  return (
    <Table<ExecutionSummary>
      title="DR executions"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={history.value.items}
      emptyContent={
        <div style={{ padding: 16 }}>
          No drills or recoveries have run for this service yet.
        </div>
      }
    />
  );
}

/** The DR Executions tab of a catalog entity. */
export function DrsExecutionsContent() {
  const { entity } = useEntity();
  return (
    <DrsAnnotationGate entity={entity}>
      <ExecutionHistory entityRef={stringifyEntityRef(entity)} />
    </DrsAnnotationGate>
  );
}
