import { TableColumn } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { DrHealthOverviewItem } from '../../api';
import { formatSeconds } from '../format';

const launchableShare = (item: DrHealthOverviewItem) =>
  item.servers.launchable / Math.max(item.servers.total, 1);

/**
 * What replication allows now, in one narrow column: how many servers could launch, and the
 * worst replication lag among them. Sorted by the share of servers launchable.
 */
export const replicationColumn: TableColumn<DrHealthOverviewItem> = {
  title: 'Replication',
  cellStyle: { whiteSpace: 'nowrap' },
  customSort: (a, b) =>
    launchableShare(a) - launchableShare(b) ||
    (a.worstLagSeconds ?? -1) - (b.worstLagSeconds ?? -1),
  render: item => (
    <>
      <Typography variant="body2">
        {`${item.servers.launchable} / ${item.servers.total} launchable`}
      </Typography>
      <Typography variant="caption" component="div">
        {`worst lag ${formatSeconds(item.worstLagSeconds)}`}
      </Typography>
    </>
  ),
};
