/** JSON with every object's keys sorted, so equal requests give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map(
        key =>
          `${JSON.stringify(key)}:${canonicalJson(
            (value as Record<string, unknown>)[key],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A request as a retry must repeat it: every member but its idempotency token. */
export function requestKey(
  input: Record<string, unknown>,
  tokenMember = 'ClientToken',
): string {
  const { [tokenMember]: _token, ...request } = input;
  return canonicalJson(request);
}
