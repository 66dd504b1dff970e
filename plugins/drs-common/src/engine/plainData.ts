/*
 * Executions are plain JSON-like data (they round-trip through DynamoDB), so a structural
 * copy and comparison are enough; neither relies on a runtime's structuredClone.
 */

/** A deep copy of plain data: objects, arrays and primitives. */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(item => deepCopy(item)) as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, deepCopy(item)]),
    ) as T;
  }
  return value;
}

/** Structural equality of plain data; a property set to undefined equals a missing one, as once stored. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => deepEqual(item, b[i]))
    );
  }
  if (
    a === null ||
    b === null ||
    typeof a !== 'object' ||
    typeof b !== 'object'
  ) {
    return false;
  }
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(recordA), ...Object.keys(recordB)]);
  return [...keys].every(key => deepEqual(recordA[key], recordB[key]));
}
