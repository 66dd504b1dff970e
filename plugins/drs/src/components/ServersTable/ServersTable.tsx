import { Table, TableColumn } from '@backstage/core-components';
import { TABLE_OPTIONS } from '../tableOptions';

const PAGE_SIZE = 20;

/**
 * A dense table of servers (up to 100 a wave): paged and searchable only once they fill more
 * than a page.
 */
export function ServersTable<T extends object>({
  servers,
  columns,
}: {
  servers: T[];
  columns: TableColumn<T>[];
}) {
  const paged = servers.length > PAGE_SIZE;
  return (
    <Table<T>
      title="Servers"
      options={{
        ...TABLE_OPTIONS,
        paging: paged,
        pageSize: PAGE_SIZE,
        pageSizeOptions: [PAGE_SIZE, 50, 100],
        search: paged,
      }}
      columns={columns}
      data={servers}
    />
  );
}
