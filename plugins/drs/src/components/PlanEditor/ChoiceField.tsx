import { MenuItem, TextField, TextFieldProps } from '@material-ui/core';

/** A select among fixed values, each shown by its label, in the order the labels are written. */
export function ChoiceField<T extends string>({
  labels,
  value,
  onChange,
  ...fieldProps
}: {
  /** Each value's label; every value has one. */
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
} & Pick<TextFieldProps, 'id' | 'label' | 'error' | 'helperText'>) {
  return (
    <TextField
      select
      value={value}
      onChange={event => onChange(event.target.value as T)}
      fullWidth
      {...fieldProps}
    >
      {Object.entries<string>(labels).map(([option, label]) => (
        <MenuItem key={option} value={option}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
}
