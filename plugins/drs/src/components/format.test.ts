import { DateTime, Settings } from 'luxon';
import {
  capitalised,
  formatDuration,
  formatRelative,
  formatSeconds,
  formatSecondsInWords,
  formatTimesIn,
  formatTimestamp,
} from './format';

describe('format', () => {
  const originalZone = Settings.defaultZone;
  beforeAll(() => {
    Settings.defaultLocale = 'en-GB';
  });
  afterEach(() => {
    Settings.defaultZone = originalZone;
  });

  it('shows times relative to now, in words, both ways', () => {
    const now = DateTime.fromISO('2026-11-25T12:00:00Z');
    expect(formatRelative('2026-11-25T11:57:00Z', now)).toBe('3 minutes ago');
    expect(formatRelative('2026-11-27T12:00:00Z', now)).toBe('in 2 days');
    expect(formatRelative('2026-11-25T11:59:58Z', now)).toBe('just now');
    expect(formatRelative(undefined, now)).toBe('—');
    expect(formatRelative('not a time', now)).toBe('—');
  });

  it('starts a sentence with a phrase', () => {
    expect(capitalised('failed in wave 2 of 3')).toBe('Failed in wave 2 of 3');
    expect(capitalised('')).toBe('');
  });

  it('shows timestamps in the viewer zone', () => {
    Settings.defaultZone = 'Asia/Tokyo';
    expect(formatTimestamp('2026-11-25T12:00:00.000Z')).toContain('21:00:00');
    Settings.defaultZone = 'America/New_York';
    expect(formatTimestamp('2026-11-25T12:00:00.000Z')).toContain('07:00:00');
  });

  it('shows the UTC instants inside a reason as local times, leaving the rest as it is', () => {
    Settings.defaultZone = 'Asia/Tokyo';
    const reason =
      'Cancelled by user:default/guest at 2026-12-06T03:47:07.868Z; wave 2 at 2026-12-06T03:50:00Z';
    expect(formatTimesIn(reason)).toBe(
      `Cancelled by user:default/guest at ${formatTimestamp(
        '2026-12-06T03:47:07.868Z',
      )}; wave 2 at ${formatTimestamp('2026-12-06T03:50:00Z')}`,
    );
    expect(formatTimesIn(reason)).toContain('12:47:07');
    expect(formatTimesIn('no time here, s-1234')).toBe('no time here, s-1234');
  });

  it('shows a dash for missing or invalid times, never 1970', () => {
    expect(formatTimestamp(undefined)).toBe('—');
    expect(formatTimestamp('not a time')).toBe('—');
  });

  it('formats durations with the two largest units', () => {
    expect(formatSeconds(undefined)).toBe('—');
    expect(formatSeconds(0)).toBe('0s');
    expect(formatSeconds(45)).toBe('45s');
    expect(formatSeconds(200)).toBe('3m 20s');
    expect(formatSeconds(7500)).toBe('2h 5m');
    expect(formatSeconds(3600)).toBe('1h');
    expect(formatSeconds(100800)).toBe('1d 4h');
  });

  it('puts a data-loss window in words, every unit it has', () => {
    expect(formatSecondsInWords(2520)).toBe('42 minutes');
    expect(formatSecondsInWords(60)).toBe('1 minute');
    expect(formatSecondsInWords(93900)).toBe('1 day, 2 hours, 5 minutes');
  });

  it('measures a running duration up to now and refuses negative spans', () => {
    const now = DateTime.fromISO('2026-11-25T12:10:30.000Z');
    expect(formatDuration('2026-11-25T12:00:00.000Z', undefined, now)).toBe(
      '10m 30s',
    );
    expect(
      formatDuration(
        '2026-11-25T12:00:00.000Z',
        '2026-11-25T12:00:40.000Z',
        now,
      ),
    ).toBe('40s');
    expect(
      formatDuration(
        '2026-11-25T12:00:00.000Z',
        '2026-11-25T11:00:00.000Z',
        now,
      ),
    ).toBe('—');
    expect(formatDuration(undefined, undefined, now)).toBe('—');
  });
});
