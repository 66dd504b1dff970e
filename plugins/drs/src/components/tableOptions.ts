import { TableOptions } from '@backstage/core-components';

const PAGE_SIZE = 20;

/**
 * Options of a dense table of servers (up to 100 a wave): paged and searchable only once
 * they fill more than a page.
 */
export function serverTableOptions(rowCount: number): TableOptions {
  const paged = rowCount > PAGE_SIZE;
  return {
    paging: paged,
    pageSize: PAGE_SIZE,
    pageSizeOptions: [PAGE_SIZE, 50, 100],
    search: paged,
    padding: 'dense',
  };
}
