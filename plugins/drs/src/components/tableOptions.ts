/**
 * What every table of the plugin shares: dense rows; headers on one line (Backstage tables
 * squeeze the header row, breaking words mid-way); no column dragging, whose focusable handle
 * inside each sort button fails axe (nested interactive controls).
 */
export const TABLE_OPTIONS = {
  padding: 'dense',
  headerStyle: { whiteSpace: 'nowrap' },
  draggable: false,
} as const;
