type FieldKind = 'array' | 'object' | 'string' | 'number';

function hasKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'array') return Array.isArray(value);
  if (kind === 'object') {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
  return typeof value === kind;
}

function articleFor(kind: FieldKind): string {
  return kind === 'array' || kind === 'object' ? 'an' : 'a';
}

/**
 * Checks the fields the views rely on, so a malformed answer (a proxy's page, an older
 * backend) shows a message a person can act on instead of crashing a view.
 */
export function expectFields<T>(
  value: unknown,
  fields: Record<string, FieldKind>,
  what: string,
): T {
  const problem = !hasKind(value, 'object')
    ? 'it is not an object'
    : Object.entries(fields)
        .filter(
          ([field, kind]) =>
            !hasKind((value as Record<string, unknown>)[field], kind),
        )
        .map(([field, kind]) => `"${field}" is not ${articleFor(kind)} ${kind}`)
        .join(', ');
  if (problem) {
    throw new Error(
      `The DRS backend sent ${what} in an unexpected format (${problem}); try again, and report it if it persists.`,
    );
  }
  return value as T;
}
