import { Table, TableColumn } from '@backstage/core-components';
import { TABLE_HEADER_STYLE } from '../EmptyStates/EmptyStates';

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
        paging: paged,
        pageSize: PAGE_SIZE,
        pageSizeOptions: [PAGE_SIZE, 50, 100],
        search: paged,
        padding: 'dense',
        headerStyle: TABLE_HEADER_STYLE,
        draggable: false,
      }}
      columns={columns}
      data={servers}
    />
  );
}
