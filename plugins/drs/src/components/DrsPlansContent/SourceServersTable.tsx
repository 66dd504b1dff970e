import { memo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { SourceServer } from '@drs-orchestration/plugin-drs-common';
import { Chip } from '@material-ui/core';
import { formatSeconds } from '../format';
import { IdText } from '../IdText/IdText';
import { StatusChip } from '../StatusChip/StatusChip';
import { TABLE_OPTIONS } from '../tableOptions';

const columns: TableColumn<SourceServer>[] = [
  { title: 'Hostname', field: 'hostname', highlight: true },
  {
    title: 'Source server',
    field: 'sourceServerId',
    render: server => <IdText id={server.sourceServerId} />,
  },
  {
    title: 'Replication',
    field: 'replicationState',
    render: server => <StatusChip status={server.replicationState} />,
  },
  {
    title: 'Lag (RPO now)',
    field: 'lagSeconds',
    render: server => formatSeconds(server.lagSeconds),
  },
  {
    title: 'Tags',
    sorting: false,
    render: server =>
      Object.entries(server.tags).map(([key, value]) => (
        <Chip key={key} size="small" label={`${key}=${value}`} />
      )),
  },
];

function SourceServersTableView({
  servers,
  region,
}: {
  servers: SourceServer[];
  region: string;
}) {
  return (
    <Table<SourceServer>
      title={`DRS source servers (${region})`}
      options={{
        ...TABLE_OPTIONS,
        paging: servers.length > 20,
        pageSize: 20,
        search: servers.length > 5,
      }}
      columns={columns}
      data={servers}
      emptyContent={
        <div style={{ padding: 16 }}>
          DRS reports no source servers matching this entity's annotations in{' '}
          {region}.
        </div>
      }
    />
  );
}

/** Memoised: opening a dialog re-renders the tab, and a table is costly to render. */
export const SourceServersTable = memo(SourceServersTableView);
