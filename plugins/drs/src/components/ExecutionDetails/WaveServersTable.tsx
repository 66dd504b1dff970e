import { ReactNode } from 'react';
import { TableColumn } from '@backstage/core-components';
import { ExecutionServer } from '@drs-orchestration/plugin-drs-common';
import { Typography } from '@material-ui/core';
import { formatSeconds, formatTimesIn } from '../format';
import { IdText } from '../IdText/IdText';
import { PointInTimeCell } from '../PointInTimeCell/PointInTimeCell';
import { StatusChip } from '../StatusChip/StatusChip';
import { ServersTable } from '../ServersTable/ServersTable';
import { Timestamp } from '../Timestamp/Timestamp';
import { StatusChecksCell } from './StatusChecksCell';

/** A second, smaller line in a cell. */
function Caption({ children }: { children: ReactNode }) {
  return (
    <Typography variant="caption" component="div" noWrap>
      {children}
    </Typography>
  );
}

/*
 * Twelve facts a server, in columns that fit 1280 px: related ones share a column, a second
 * line in small type; long IDs are cut with the whole ID on hover; times relative with the
 * exact time on hover.
 */
const columns: TableColumn<ExecutionServer>[] = [
  {
    title: 'Server',
    highlight: true,
    cellStyle: { whiteSpace: 'nowrap' },
    render: server => (
      <>
        {server.hostname ?? '—'}
        <Caption>
          <IdText id={server.sourceServerId} />
        </Caption>
      </>
    ),
  },
  {
    title: 'Status',
    render: server => (
      <>
        <StatusChip status={server.status} />
        {server.launchStatus && (
          <Caption>
            DRS launch <span>{server.launchStatus}</span>
          </Caption>
        )}
      </>
    ),
  },
  {
    title: 'Status checks',
    render: server => <StatusChecksCell server={server} />,
  },
  {
    title: 'Instances',
    cellStyle: { whiteSpace: 'nowrap' },
    render: server => (
      <>
        <Caption>
          DRS <IdText id={server.recoveryInstanceId} maxWidth="9em" />
        </Caption>
        <Caption>
          EC2 <IdText id={server.ec2InstanceId} maxWidth="9em" />
          {server.ec2InstanceState && ` (${server.ec2InstanceState})`}
        </Caption>
      </>
    ),
  },
  {
    title: 'Launched / healthy',
    cellStyle: { whiteSpace: 'nowrap' },
    render: server => (
      <>
        <Caption>
          launched <Timestamp at={server.launchedAt} />
        </Caption>
        <Caption>
          healthy <Timestamp at={server.healthyAt} />
        </Caption>
      </>
    ),
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
