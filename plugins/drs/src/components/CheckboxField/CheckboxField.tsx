import { Checkbox, FormControlLabel } from '@material-ui/core';

/** A checkbox whose label says what ticking it means; the label is its accessible name. */
export function CheckboxField({
  label,
  checked,
  onChange,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <FormControlLabel
      control={
        <Checkbox
          checked={checked}
          onChange={event => onChange(event.target.checked)}
          disabled={disabled}
        />
      }
      label={label}
    />
  );
}
