import { TableColumn } from '@backstage/core-components';
import { DrHealthOverviewItem } from '../../api';
import { OverdueFlag } from '../DrillSchedules/DrillSchedules';
import { LastDrill } from '../LastDrill/LastDrill';

/**
 * The newest finished drill of a service: a recovery time only when it completed, how far it
 * got and why it ended otherwise, and the overdue flag of its schedules.
 */
export const lastDrillColumn: TableColumn<DrHealthOverviewItem> = {
  title: 'Last drill',
  customSort: (a, b) =>
    (a.lastDrill?.endedAt ?? '').localeCompare(b.lastDrill?.endedAt ?? ''),
  cellStyle: { maxWidth: 280 },
  render: item => (
    <>
      <OverdueFlag schedules={item.drillSchedules} />
      <LastDrill health={item} compact />
    </>
  ),
};
