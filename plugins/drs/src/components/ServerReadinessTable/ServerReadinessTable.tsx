import {
  StatusError,
  StatusOK,
  StatusWarning,
  TableColumn,
} from '@backstage/core-components';
import { ServerReadiness } from '@drs-orchestration/plugin-drs-common';
import { Typography } from '@material-ui/core';
import { formatSeconds } from '../format';
import { IdText } from '../IdText/IdText';
import { PointInTimeCell } from '../PointInTimeCell/PointInTimeCell';
import { StatusChip } from '../StatusChip/StatusChip';
import { ServersTable } from '../ServersTable/ServersTable';

const columns: TableColumn<ServerReadiness>[] = [
  { title: 'Wave', field: 'waveName' },
  {
    title: 'Server',
    field: 'hostname',
    highlight: true,
    render: server => (
      <>
        {server.hostname ?? '—'}
        <Typography variant="caption" display="block">
          <IdText id={server.sourceServerId} />
        </Typography>
      </>
    ),
  },
  {
    title: 'Replication',
    field: 'replicationState',
    render: server =>
      server.replicationState ? (
        <StatusChip status={server.replicationState} />
      ) : (
        '—'
      ),
  },
  {
    title: 'Lag',
    field: 'lagSeconds',
    render: s => formatSeconds(s.lagSeconds),
  },
  {
    title: 'Point in time',
    sorting: false,
    render: ({ pointInTime }) =>
      pointInTime ? (
        <PointInTimeCell
          at={pointInTime.at}
          snapshotId={pointInTime.snapshotId}
        />
      ) : (
        '—'
      ),
  },
  {
    title: 'Data loss',
    field: 'dataLossSeconds',
    render: s => formatSeconds(s.dataLossSeconds),
  },
  {
    title: 'Readiness',
    sorting: false,
    // the reasons are sentences: room for them keeps the rows short
    cellStyle: { minWidth: 280 },
    render: server => {
      if (!server.launchable) {
        return (
          <StatusError>
            {server.blockingReason ?? 'Cannot be launched'}
          </StatusError>
        );
      }
      return server.warning ? (
        <StatusWarning>{server.warning}</StatusWarning>
      ) : (
        <StatusOK>Ready</StatusOK>
      );
    },
  },
];

/**
 * Each server of a plan as pre-flight sees it: replication, the point in time (snapshot) it
 * would launch from, the data that would be lost, and what stops or endangers its launch.
 */
export function ServerReadinessTable({
  servers,
}: {
  servers: ServerReadiness[];
}) {
  return <ServersTable servers={servers} columns={columns} />;
}
