/** Problems with a plan, addressed the way the plan editor addresses its fields. */

/**
 * A problem with a plan, located by a path such as `waves[1].sourceServerIds`.
 *
 * @public
 */
export interface PlanIssue {
  /** The field at fault, as the form addresses it: `waves[1].name`, or `waves` for the whole list. */
  path: string;
  /** What is wrong, in words the plan's author can act on. */
  message: string;
  /** An error blocks the plan; a warning only informs. */
  severity: 'error' | 'warning';
  /** `quota` when the plan goes beyond a DRS quota (per job, across active jobs). */
  kind?: 'quota';
}

/**
 * Formats a zod issue path the way the UI addresses fields: `waves[1].name`.
 *
 * @public
 */
export function formatIssuePath(path: ReadonlyArray<string | number>): string {
  let formatted = '';
  for (const part of path) {
    if (typeof part === 'number') formatted += `[${part}]`;
    else formatted += formatted ? `.${part}` : part;
  }
  return formatted;
}

/**
 * Whether any issue is an error, so the plan cannot be saved or run as it is.
 *
 * @public
 */
export function hasErrors(issues: PlanIssue[]): boolean {
  return issues.some(issue => issue.severity === 'error');
}
