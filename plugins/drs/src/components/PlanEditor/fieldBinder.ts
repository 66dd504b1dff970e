import { ChangeEvent } from 'react';
import { PlanIssue } from '@drs-orchestration/plugin-drs-common';
import { fieldIssueProps } from './planIssues';

/** The keys of T whose values are of type V. */
type KeysOf<T, V> = {
  [K in keyof T]-?: T[K] extends V ? K : never;
}[keyof T] &
  string;

function changeOf<T, K extends keyof T>(field: K, value: T[K]): Partial<T> {
  const change: Partial<T> = {};
  change[field] = value;
  return change;
}

/**
 * Props that bind a form's fields to one field each of a draft object: its value, its change,
 * an ID, and its issues under it. Spread them last, so the issues replace a helper text.
 */
export function fieldBinder<T extends object>(
  values: T,
  onChange: (change: Partial<T>) => void,
  issues: Record<string, PlanIssue[] | undefined>,
  idPrefix: string,
) {
  const common = (field: string) => ({
    id: `${idPrefix}-${field}`,
    ...fieldIssueProps(issues[field]),
  });
  return {
    /** For a TextField of a string field. */
    text: (field: KeysOf<T, string>) => ({
      value: values[field] as string,
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        onChange(changeOf(field, event.target.value as T[typeof field])),
      fullWidth: true,
      ...common(field),
    }),
    /** For a DurationField of a field in seconds. */
    duration: (field: KeysOf<T, number | undefined>) => ({
      seconds: values[field] as number | undefined,
      onChange: (seconds: number | undefined) =>
        onChange(changeOf(field, seconds as T[typeof field])),
      ...common(field),
    }),
    /** For a ChoiceField of a field with fixed values. */
    choice: <K extends KeysOf<T, string>>(field: K) => ({
      value: values[field],
      onChange: (value: T[K]) => onChange(changeOf(field, value)),
      ...common(field),
    }),
  };
}

/** What {@link fieldBinder} returns. */
export type FieldBinder<T extends object> = ReturnType<typeof fieldBinder<T>>;
