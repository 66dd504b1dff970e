import { DateTime, Duration } from 'luxon';

/** A timestamp in the viewer's local zone, e.g. "25 Nov 2026, 14:03:07". */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) return '—';
  const time = DateTime.fromISO(iso);
  return time.isValid
    ? time.toLocal().toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)
    : '—';
}

/**
 * A timestamp relative to `now` in the viewer's locale, e.g. "3 minutes ago", "in 2 days";
 * a dash when unknown.
 */
export function formatRelative(
  iso: string | undefined,
  now: DateTime = DateTime.now(),
): string {
  if (!iso) return '—';
  const time = DateTime.fromISO(iso);
  // within a few seconds either way, "in 0 seconds" reads oddly
  if (time.isValid && Math.abs(time.diff(now).as('seconds')) < 5) {
    return 'just now';
  }
  return (time.isValid && time.toRelative({ base: now })) || '—';
}

/** UTC instants the engine writes into reasons, e.g. "2026-12-06T03:47:07.868Z". */
const ISO_INSTANT =
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

/** A reason or message with each instant in it shown as formatTimestamp shows times. */
export function formatTimesIn(text: string): string {
  return text.replace(ISO_INSTANT, formatTimestamp);
}

/** A duration between two instants, e.g. "12m 5s"; running ones measure up to `now`. */
export function formatDuration(
  startIso: string | undefined,
  endIso: string | undefined,
  now: DateTime = DateTime.now(),
): string {
  if (!startIso) return '—';
  const start = DateTime.fromISO(startIso);
  const end = endIso ? DateTime.fromISO(endIso) : now;
  if (!start.isValid || !end.isValid || end < start) return '—';
  return formatSeconds(end.diff(start).as('seconds'));
}

/** Seconds as the largest two units: "45s", "3m 20s", "2h 5m", "1d 4h"; a dash when unknown. */
export function formatSeconds(totalSeconds: number | undefined): string {
  if (totalSeconds === undefined) return '—';
  const d = Duration.fromObject({ seconds: Math.round(totalSeconds) }).shiftTo(
    'days',
    'hours',
    'minutes',
    'seconds',
  );
  const parts: [number, string][] = [
    [d.days, 'd'],
    [d.hours, 'h'],
    [d.minutes, 'm'],
    [d.seconds, 's'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return '0s';
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join(' ');
}

/** When a drill cleanup with this keep-alive terminates: "as soon as the drill ends", "2h after it ends". */
export function describeKeepAlive(keepAliveSeconds: number): string {
  return keepAliveSeconds === 0
    ? 'as soon as the drill ends'
    : `${formatSeconds(keepAliveSeconds)} after the drill ends`;
}

/** Seconds in words in the viewer's locale, e.g. "43 minutes", "1 day, 2 hours, 5 minutes". */
export function formatSecondsInWords(totalSeconds: number): string {
  return Duration.fromObject({ seconds: Math.round(totalSeconds) })
    .shiftTo('days', 'hours', 'minutes', 'seconds')
    .removeZeros()
    .toHuman();
}

/** A phrase as a sentence's start: "failed in wave 2" → "Failed in wave 2". */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
