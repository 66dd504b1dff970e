import { TableColumn } from '@backstage/core-components';
import { ExecutionServer } from '@drs-orchestration/plugin-drs-common';
import { formatSeconds, formatTimesIn } from '../format';
import { IdText } from '../IdText/IdText';
import { PointInTimeCell } from '../PointInTimeCell/PointInTimeCell';
import { StatusChip } from '../StatusChip/StatusChip';
import { ServersTable } from '../ServersTable/ServersTable';
import { Timestamp } from '../Timestamp/Timestamp';
import { StatusChecksCell } from './StatusChecksCell';

const columns: TableColumn<ExecutionServer>[] = [
  {
    title: 'Hostname',
    highlight: true,
    render: server => server.hostname ?? '—',
  },
  {
    title: 'Source server',
    field: 'sourceServerId',
    render: server => <IdText id={server.sourceServerId} />,
  },
  { title: 'Status', render: server => <StatusChip status={server.status} /> },
  {
    title: 'Status checks',
    render: server => <StatusChecksCell server={server} />,
  },
  { title: 'DRS launch status', render: server => server.launchStatus ?? '—' },
  {
    title: 'Recovery instance',
    render: server => <IdText id={server.recoveryInstanceId} />,
  },
  {
    title: 'EC2 instance',
    render: server => (
      <>
        <IdText id={server.ec2InstanceId} />
        {server.ec2InstanceState && ` (${server.ec2InstanceState})`}
      </>
    ),
  },
  {
    title: 'Launched at',
    render: server => <Timestamp at={server.launchedAt} exact />,
  },
  {
    title: 'Healthy at',
    render: server => <Timestamp at={server.healthyAt} exact />,
  },
  {
    title: 'Point in time',
    render: server => (
      <PointInTimeCell
        at={server.pointInTimeAt}
        snapshotId={server.recoverySnapshotId}
      />
    ),
  },
  {
    title: 'Data loss',
    render: server => formatSeconds(server.dataLossSeconds),
  },
  {
    title: 'Failure',
    render: server => formatTimesIn(server.failureReason ?? ''),
  },
];

/** A wave's servers, a page at a time: a wave holds up to 100. */
export function WaveServersTable({ servers }: { servers: ExecutionServer[] }) {
  return <ServersTable servers={servers} columns={columns} />;
}
