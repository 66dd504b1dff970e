import { invalidFields } from './errors';

/** DRS pages hold at most this many items, whatever `maxResults` asks for. */
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  maxResults?: number;
  nextToken?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** DRS's answer to a token it did not give: a ValidationException naming `nextToken`. */
function drsInvalidToken(operation: string): Error {
  return invalidFields([
    {
      path: 'nextToken',
      message: `is not a token this operation (${operation}) returned`,
    },
  ]);
}

/**
 * Offset pagination with an opaque token bound to the operation, so a token from
 * one operation is refused by another (as DRS does). `invalidToken` is the service's answer
 * to a token it did not give.
 */
export function paginate<T>(
  operation: string,
  items: T[],
  request: PageRequest,
  invalidToken: (operation: string) => Error = drsInvalidToken,
): Page<T> {
  const offset = request.nextToken
    ? decodeToken(operation, request.nextToken, invalidToken)
    : 0;
  const size = Math.min(request.maxResults ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: encodeToken(operation, end) } : {}),
  };
}

function encodeToken(operation: string, offset: number): string {
  return Buffer.from(JSON.stringify({ operation, offset })).toString(
    'base64url',
  );
}

function decodeToken(
  operation: string,
  token: string,
  invalidToken: (operation: string) => Error,
): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken(operation);
  }
  const { operation: tokenOperation, offset } = (decoded ?? {}) as Record<
    string,
    unknown
  >;
  if (
    tokenOperation !== operation ||
    typeof offset !== 'number' ||
    !Number.isInteger(offset) ||
    offset < 0
  ) {
    throw invalidToken(operation);
  }
  return offset;
}
