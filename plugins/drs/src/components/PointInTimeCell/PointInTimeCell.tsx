import { Typography } from '@material-ui/core';
import { IdText } from '../IdText/IdText';
import { Timestamp } from '../Timestamp/Timestamp';

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
      <Timestamp at={at} exact />
      {snapshotId && (
        <Typography variant="caption" display="block">
          <IdText id={snapshotId} />
        </Typography>
      )}
    </>
  );
}
