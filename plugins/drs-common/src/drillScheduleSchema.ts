/**
 * Drill schedules as people write them: cron expressions read by the `cron` package's CronTime,
 * as Backstage's own scheduler reads them; zones and intervals read by luxon. Pure: no I/O.
 */
import { CronTime } from 'cron/dist/time';
import { DateTime, Duration, IANAZone } from 'luxon';
import { z } from 'zod';
import type { DrillSchedule } from './drillScheduleTypes';

/**
 * Shortest time between two scheduled drills: each launches servers and costs money.
 *
 * @public
 */
export const MIN_DRILL_SPACING_SECONDS = 3600;

const CRON_FIELDS = 5;
const CRON_EXAMPLE =
  'e.g. "0 3 * * 1" for Mondays at 03:00: minute hour day-of-month month day-of-week';

/** Reads a cron expression, or says what is wrong with it. */
function parseCron(
  expression: string,
  timeZone: string,
): CronTime | { error: string } {
  if (expression.trim().split(/\s+/).length !== CRON_FIELDS) {
    return {
      error: `"${expression}" is not a cron expression of ${CRON_FIELDS} fields (${CRON_EXAMPLE})`,
    };
  }
  try {
    return new CronTime(expression.trim(), timeZone);
  } catch (error) {
    return {
      error: `"${expression}" is not a valid cron expression: ${
        (error as Error).message
      } (${CRON_EXAMPLE})`,
    };
  }
}

/** Reads an interval, or says what is wrong with it. */
function parseEvery(value: string): Duration | { error: string } {
  const duration = Duration.fromISO(value.trim());
  if (!duration.isValid || duration.as('seconds') <= 0) {
    return {
      error: `"${value}" is not a positive ISO 8601 duration (e.g. P30D for every 30 days, P1W for weekly)`,
    };
  }
  return duration;
}

/**
 * Whether a string names an IANA time zone that luxon knows, e.g. `Europe/Berlin` or `UTC`.
 *
 * @public
 */
export function isValidTimeZone(zone: string): boolean {
  return zone === 'UTC' || IANAZone.isValidZone(zone);
}

/**
 * The first due time strictly after `after`; undefined when the schedule cannot be read (only a
 * plan stored before it was validated).
 *
 * @public
 */
export function slotAfter(
  schedule: DrillSchedule,
  after: Date,
): Date | undefined {
  if (!isValidTimeZone(schedule.timeZone)) return undefined;
  if (schedule.cron !== undefined) {
    const cron = parseCron(schedule.cron, schedule.timeZone);
    if ('error' in cron) return undefined;
    return new Date(
      cron.getNextDateFrom(after, schedule.timeZone).toUTC().toMillis(),
    );
  }
  if (schedule.every !== undefined) {
    const every = parseEvery(schedule.every);
    if ('error' in every) return undefined;
    // Days are calendar days in the zone: P1D across a DST change is 23 or 25 hours.
    return DateTime.fromJSDate(after, { zone: schedule.timeZone })
      .plus(every)
      .toJSDate();
  }
  return undefined;
}

/** The schedule's own problem with spacing: drills closer than an hour are refused. */
function spacingProblem(schedule: DrillSchedule): string | undefined {
  const start = new Date(Date.UTC(2026, 0, 1));
  let previous = slotAfter(schedule, start);
  for (let i = 0; previous && i < 3; i++) {
    const next = slotAfter(schedule, previous);
    if (
      next &&
      next.getTime() - previous.getTime() < MIN_DRILL_SPACING_SECONDS * 1000
    ) {
      return 'Scheduled drills must be at least an hour apart: each launches servers';
    }
    previous = next;
  }
  return undefined;
}

/** What is wrong with the schedule's cron expression or interval, if anything. */
function expressionProblem(
  schedule: Omit<DrillSchedule, 'enabled'>,
  zoneOk: boolean,
): string | undefined {
  if ((schedule.cron === undefined) === (schedule.every === undefined)) {
    return 'Give either a cron expression or an interval (every), not both or neither';
  }
  if (schedule.cron !== undefined) {
    const cron = parseCron(schedule.cron, zoneOk ? schedule.timeZone : 'UTC');
    return 'error' in cron ? cron.error : undefined;
  }
  const every = parseEvery(schedule.every!);
  return 'error' in every ? every.error : undefined;
}

/**
 * A plan's drill schedule as a person submits it; problems name the field at fault.
 *
 * @public
 */
export const drillScheduleSchema = z
  .object({
    cron: z.string().trim().min(1).optional(),
    every: z.string().trim().min(1).optional(),
    timeZone: z.string().trim().min(1, 'Name an IANA time zone, e.g. UTC'),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((schedule, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    const zoneOk = isValidTimeZone(schedule.timeZone);
    if (!zoneOk) {
      problem(
        'timeZone',
        `"${schedule.timeZone}" is not an IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)`,
      );
    }
    const field =
      schedule.every !== undefined && schedule.cron === undefined
        ? 'every'
        : 'cron';
    const error = expressionProblem(schedule, zoneOk);
    if (error) {
      problem(field, error);
    } else if (zoneOk) {
      const spacing = spacingProblem(schedule);
      if (spacing) problem(field, spacing);
    }
  });
