import { MouseEvent, ReactNode } from 'react';
import { IconButton, Tooltip } from '@material-ui/core';

/**
 * An icon button named by its label (tooltip and accessible name). Its click stops there, so
 * one in a section's header does not also toggle the section.
 */
export function ActionIconButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Tooltip title={label}>
      <span>
        <IconButton
          aria-label={label}
          size="small"
          disabled={disabled}
          onClick={(event: MouseEvent) => {
            event.stopPropagation();
            onClick();
          }}
        >
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}
