import { InputError } from '@backstage/errors';

/** The key a history page ended at, as an opaque cursor for the next page. */
export function encodeCursor(key: Record<string, unknown> | undefined) {
  return key
    ? Buffer.from(JSON.stringify(key)).toString('base64url')
    : undefined;
}

/** The key to go on from; a cursor this entity's list did not return is refused. */
export function decodeCursor(
  cursor: string | undefined,
  entityRef: string,
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const valid =
      key &&
      typeof key === 'object' &&
      key.entity_ref === entityRef &&
      typeof key.execution_id === 'string' &&
      typeof key.created_at === 'string' &&
      Object.keys(key).length === 3;
    if (valid) return key;
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'The cursor is not one this list returned; start again from the first page.',
  );
}
