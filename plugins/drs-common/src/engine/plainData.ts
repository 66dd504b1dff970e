/*
 * Executions are plain JSON-like data (they round-trip through DynamoDB), so a structural
 * copy and comparison are enough; neither relies on a runtime's structuredClone. The engine
 * runs both over every active execution each cycle, so they avoid intermediate arrays.
 */

/** A deep copy of plain data: objects, arrays and primitives. */
export function deepCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = deepCopy(value[i]);
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = deepCopy((value as Record<string, unknown>)[key]);
  }
  return copy as T;
}

/** Keys whose value is not undefined: a property set to undefined is missing once stored. */
function definedKeyCount(record: Record<string, unknown>): number {
  let count = 0;
  for (const key of Object.keys(record)) {
    if (record[key] !== undefined) count++;
  }
  return count;
}

/**
 * Structural equality of plain data; a property set to undefined equals a missing one, as once stored.
 *
 * @public
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    for (let i = 0; i < a.length; i++) {
      if (!deepEqual(a[i], b[i])) return false;
    }
    return true;
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
  for (const key of Object.keys(recordA)) {
    if (!deepEqual(recordA[key], recordB[key])) return false;
  }
  // Every defined key of A matched in B; B has no others if the defined counts agree.
  return definedKeyCount(recordA) === definedKeyCount(recordB);
}

/**
 * Freezes plain data all the way down, so that a shared value cannot be changed by mistake.
 *
 * @public
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
