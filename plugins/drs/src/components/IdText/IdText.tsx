import { Tooltip } from '@material-ui/core';

/**
 * A long ID (source server, recovery instance, DRS job) on one line, cut with an ellipsis past
 * `maxWidth` and whole on hover; the whole ID stays in the text for copying and screen readers.
 */
export function IdText({
  id,
  maxWidth = '11em',
}: {
  id: string | undefined;
  maxWidth?: string;
}) {
  if (!id) return <>—</>;
  return (
    <Tooltip title={id}>
      <span
        style={{
          display: 'inline-block',
          maxWidth,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
          verticalAlign: 'bottom',
        }}
      >
        {id}
      </span>
    </Tooltip>
  );
}
