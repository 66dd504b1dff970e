/** An ISO-8601 instant; refuses invalid dates and the epoch, which the UI would show as 1970. */
export function toIsoTime(date: Date): string {
  const millis = date.getTime();
  if (!Number.isFinite(millis) || millis <= 0) {
    throw new RangeError(`Refusing to record the time ${String(date)}`);
  }
  return date.toISOString();
}

export function isoTimeAfterSeconds(date: Date, seconds: number): string {
  return toIsoTime(new Date(date.getTime() + seconds * 1000));
}

/**
 * The instant an ISO-8601 time names, in milliseconds; undefined when it is absent, invalid or
 * not after the epoch (a zero timestamp names no time and must never be measured from).
 */
export function recordedTimeMillis(
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const millis = Date.parse(value);
  return Number.isFinite(millis) && millis > 0 ? millis : undefined;
}
