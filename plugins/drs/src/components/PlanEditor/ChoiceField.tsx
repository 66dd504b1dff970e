import { MenuItem, TextField, TextFieldProps } from '@material-ui/core';

/** A select among fixed values, each shown by its label. */
export function ChoiceField<T extends string>({
  values,
  labels,
  value,
  onChange,
  ...fieldProps
}: {
  values: readonly T[];
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
      {values.map(option => (
        <MenuItem key={option} value={option}>
          {labels[option]}
        </MenuItem>
      ))}
    </TextField>
  );
}
