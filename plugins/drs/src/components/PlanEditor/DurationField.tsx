import { useState } from 'react';
import { Box, TextField } from '@material-ui/core';
import { ChoiceField } from './ChoiceField';

const UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
type Unit = (typeof UNITS)[number];
const unitSeconds: Record<Unit, number> = {
  seconds: 1,
  minutes: 60,
  hours: 60 * 60,
  days: 24 * 60 * 60,
};
const unitLabels: Record<Unit, string> = {
  seconds: 'seconds',
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
};

/** The largest unit the seconds are a whole number of. */
function unitOf(seconds: number | undefined, fallback: Unit): Unit {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds === 0) {
    return fallback;
  }
  return [...UNITS].reverse().find(unit => seconds % unitSeconds[unit] === 0)!;
}

function secondsOf(text: string, unit: Unit, required: boolean) {
  if (text.trim() === '') return required ? Number.NaN : undefined;
  return Math.round(Number(text) * unitSeconds[unit]);
}

function textOf(seconds: number | undefined, unit: Unit): string {
  return seconds === undefined || Number.isNaN(seconds)
    ? ''
    : String(seconds / unitSeconds[unit]);
}

/**
 * A length of time as a number and a unit, kept in seconds. An optional one left empty is
 * undefined (its default, which the helper text names); a required one is NaN, which the
 * plan's rules report. Its issues come as a TextField's `error` and `helperText`.
 */
export function DurationField({
  id,
  label,
  seconds,
  onChange,
  required = false,
  defaultUnit = 'minutes',
  helperText,
  error,
}: {
  id: string;
  label: string;
  seconds: number | undefined;
  onChange: (seconds: number | undefined) => void;
  required?: boolean;
  defaultUnit?: Unit;
  helperText?: string;
  error?: boolean;
}) {
  const [unit, setUnit] = useState(() => unitOf(seconds, defaultUnit));
  // what was typed stays as typed ("1.", "0.5") while it means the seconds held
  const [typed, setTyped] = useState(() => textOf(seconds, unit));
  const text = Object.is(secondsOf(typed, unit, required), seconds)
    ? typed
    : textOf(seconds, unit);
  const change = (nextText: string, nextUnit: Unit) => {
    setTyped(nextText);
    setUnit(nextUnit);
    onChange(secondsOf(nextText, nextUnit, required));
  };
  return (
    <Box display="flex" style={{ gap: 8 }}>
      <TextField
        id={id}
        label={label}
        type="number"
        inputProps={{ min: 0 }}
        value={text}
        onChange={event => change(event.target.value, unit)}
        required={required}
        fullWidth
        helperText={helperText}
        error={error}
      />
      <Box minWidth={110}>
        <ChoiceField
          id={`${id}-unit`}
          label={`${label} unit`}
          labels={unitLabels}
          value={unit}
          onChange={nextUnit => change(text, nextUnit)}
        />
      </Box>
    </Box>
  );
}
