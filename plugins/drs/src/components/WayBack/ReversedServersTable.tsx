import { Table, TableColumn } from '@backstage/core-components';
import {
  ReversedServer,
  ReverseReplicationRequest,
} from '@drs-orchestration/plugin-drs-common';
import { formatSeconds, formatTimesIn } from '../format';
import { IdText } from '../IdText/IdText';
import { StatusChip } from '../StatusChip/StatusChip';
import { Timestamp } from '../Timestamp/Timestamp';
import { TABLE_OPTIONS } from '../tableOptions';

/** What a reversed server's state column says before DRS has answered for it. */
function replicationState(server: ReversedServer) {
  if (server.failureReason) return <StatusChip status="FAILED" />;
  if (server.replicationState) {
    return <StatusChip status={server.replicationState} />;
  }
  return server.reversedSourceServerId
    ? 'not observed yet'
    : 'not reversed yet';
}

const columns: TableColumn<ReversedServer>[] = [
  {
    title: 'Hostname',
    highlight: true,
    render: server => server.hostname ?? '—',
  },
  {
    title: 'Recovery instance',
    render: server => <IdText id={server.recoveryInstanceId} />,
  },
  {
    title: 'Reversed source server',
    render: server => (
      <>
        <IdText id={server.reversedSourceServerId} />
        {server.reversedRegion && ` (${server.reversedRegion})`}
      </>
    ),
  },
  { title: 'Replication state', render: replicationState },
  {
    title: 'Progress',
    render: server =>
      server.progressPercent === undefined
        ? '—'
        : `${Math.round(server.progressPercent)}%`,
  },
  { title: 'Lag', render: server => formatSeconds(server.lagSeconds) },
  {
    title: 'Continuous since',
    render: server => <Timestamp at={server.continuousAt} exact />,
  },
  {
    title: 'Failure',
    render: server => formatTimesIn(server.failureReason ?? ''),
  },
];

/**
 * Each recovery instance's reverse replication: the source server DRS created (or reused) in the
 * other region, its replication state, progress and lag, as the engine last observed them.
 */
export function ReversedServersTable({
  request,
  title,
}: {
  request: ReverseReplicationRequest;
  title: string;
}) {
  return (
    <Table<ReversedServer>
      title={title}
      options={{
        ...TABLE_OPTIONS,
        paging: request.servers.length > 20,
        pageSize: 20,
        search: false,
      }}
      columns={columns}
      data={request.servers}
    />
  );
}
