import { Table, TableColumn } from '@backstage/core-components';
import {
  ExecutionServer,
  JobLogEvent,
} from '@drs-orchestration/plugin-drs-common';
import { IdText } from '../IdText/IdText';
import { Timestamp } from '../Timestamp/Timestamp';
import { TABLE_OPTIONS } from '../tableOptions';

const PAGE_SIZE = 10;

/** The DRS job log of a wave: what DRS did, when, to which server. */
export function JobLog({
  events,
  servers,
}: {
  events: JobLogEvent[];
  servers: ExecutionServer[];
}) {
  const hostnames = new Map(
    servers.map(server => [server.sourceServerId, server.hostname]),
  );
  const columns: TableColumn<JobLogEvent>[] = [
    { title: 'At', render: event => <Timestamp at={event.at} exact /> },
    { title: 'Event', field: 'event' },
    {
      title: 'Server',
      render: event =>
        event.sourceServerId
          ? hostnames.get(event.sourceServerId) ?? (
              <IdText id={event.sourceServerId} />
            )
          : '',
    },
    { title: 'Detail', render: event => event.detail ?? '' },
  ];
  return (
    <Table<JobLogEvent>
      title="DRS job log"
      options={{
        ...TABLE_OPTIONS,
        paging: events.length > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        search: false,
      }}
      columns={columns}
      data={[...events].sort((a, b) => a.at.localeCompare(b.at))}
      emptyContent={
        <div style={{ padding: 16 }}>
          DRS has logged nothing for this wave yet.
        </div>
      }
    />
  );
}
