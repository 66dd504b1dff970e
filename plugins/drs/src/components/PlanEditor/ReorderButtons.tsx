import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/Delete';
import { ActionIconButton } from './ActionIconButton';

/** Move up, move down and remove, for an item of an ordered list, each named after the item. */
export function ReorderButtons({
  kind,
  name,
  index,
  count,
  onMove,
  onRemove,
}: {
  /** What the item is, e.g. "wave". */
  kind: string;
  name: string;
  index: number;
  count: number;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <>
      <ActionIconButton
        label={`Move ${kind} ${name} up`}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        <ArrowUpwardIcon fontSize="small" />
      </ActionIconButton>
      <ActionIconButton
        label={`Move ${kind} ${name} down`}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        <ArrowDownwardIcon fontSize="small" />
      </ActionIconButton>
      <ActionIconButton label={`Remove ${kind} ${name}`} onClick={onRemove}>
        <DeleteIcon fontSize="small" />
      </ActionIconButton>
    </>
  );
}
