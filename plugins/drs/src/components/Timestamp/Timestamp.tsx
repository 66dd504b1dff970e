import { Tooltip } from '@material-ui/core';
import { formatRelative, formatTimestamp } from '../format';

/**
 * A time in the viewer's zone: relative ("3 minutes ago") with the exact time on hover, or with
 * `exact` the exact time with the relative one on hover. All the plugin's times show through
 * this, or through formatTimestamp where a time sits inside a sentence.
 */
export function Timestamp({
  at,
  exact = false,
}: {
  /** ISO-8601; a dash when absent. */
  at: string | undefined;
  exact?: boolean;
}) {
  if (!at) return <>—</>;
  const absolute = formatTimestamp(at);
  const relative = formatRelative(at);
  return (
    <Tooltip title={exact ? relative : absolute}>
      <time dateTime={at} style={{ whiteSpace: 'nowrap' }}>
        {exact ? absolute : relative}
      </time>
    </Tooltip>
  );
}
