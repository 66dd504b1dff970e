import { Table, TableColumn } from '@backstage/core-components';
import { RecoveryPlan } from '@internal/plugin-drs-common';
import { formatTimestamp } from '../format';

const columns: TableColumn<RecoveryPlan>[] = [
  { title: 'Plan', field: 'name', highlight: true },
  { title: 'Description', field: 'description' },
  { title: 'Waves', render: plan => plan.waves.length },
  {
    title: 'Servers',
    render: plan =>
      plan.waves.reduce((sum, wave) => sum + wave.sourceServerIds.length, 0),
  },
  { title: 'Default mode', field: 'defaultMode' },
  { title: 'Updated', render: plan => formatTimestamp(plan.updatedAt) },
  { title: 'Updated by', field: 'updatedBy' },
];

export function PlansTable({ plans }: { plans: RecoveryPlan[] }) {
  return (
    <Table<RecoveryPlan>
      title="Recovery plans"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={plans}
      emptyContent={
        <div style={{ padding: 16 }}>
          No recovery plans yet. A plan groups this service's source servers
          into waves that launch in order.
        </div>
      }
    />
  );
}
