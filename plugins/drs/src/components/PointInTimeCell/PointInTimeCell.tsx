import { Typography } from '@material-ui/core';
import { formatTimestamp } from '../format';

/** A point in time in the viewer's zone, with the recovery snapshot it is, when known. */
export function PointInTimeCell({
  at,
  snapshotId,
}: {
  at?: string;
  snapshotId?: string;
}) {
  return (
    <>
      {formatTimestamp(at)}
      {snapshotId && (
        <Typography variant="caption" display="block">
          {snapshotId}
        </Typography>
      )}
    </>
  );
}
