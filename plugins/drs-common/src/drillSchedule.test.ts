import {
  assessDrillSchedules,
  drillOverdueSince,
  isDrillDue,
  nextDrillDue,
} from './drillSchedule';
import { drillScheduleSchema, slotAfter } from './drillScheduleSchema';
import type {
  DrillSchedule,
  DrillScheduleInput,
  DrillScheduleState,
} from './drillScheduleTypes';
import { formatIssuePath } from './planIssues';
import { recoveryPlanInputSchema } from './validation';

/** A manual clock: time moves only when the test says so. */
function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    set: (at: string) => {
      now = new Date(at);
    },
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const mondays: DrillSchedule = {
  cron: '0 3 * * 1',
  timeZone: 'Europe/Berlin',
  enabled: true,
};
const monthly: DrillSchedule = {
  every: 'P30D',
  timeZone: 'UTC',
  enabled: true,
};
const anchor = '2026-12-01T12:00:00.000Z'; // a Tuesday

/**
 * The scheduler as the backend runs it, on one store with a conditional write: each replica
 * reads the state, and claims the due drill only if the state is still what it read.
 */
function scheduler(schedule: DrillSchedule) {
  const store: { state: DrillScheduleState } = { state: {} };
  const started: string[] = [];
  const read = () => ({ ...store.state });
  const claim = (seen: DrillScheduleState, now: Date) => {
    const input: DrillScheduleInput = { schedule, state: seen, anchor };
    if (!isDrillDue(input, now)) return false;
    if (store.state.lastScheduledAt !== seen.lastScheduledAt) return false;
    const due = nextDrillDue(input)!.toISOString();
    store.state = { lastScheduledAt: now.toISOString(), lastDueAt: due };
    started.push(due);
    return true;
  };
  return { read, claim, started, store };
}

describe('drill schedule semantics', () => {
  it('is due at the first cron time after the schedule was set, in its time zone', () => {
    const input = { schedule: mondays, anchor };
    // Monday 7 December 03:00 in Berlin (UTC+1) is 02:00 UTC.
    expect(nextDrillDue(input)?.toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(isDrillDue(input, new Date('2026-12-07T01:59:59Z'))).toBe(false);
    expect(isDrillDue(input, new Date('2026-12-07T02:00:00Z'))).toBe(true);
  });

  it('reads the cron expression in the zone across a DST change', () => {
    const schedule = { ...mondays, timeZone: 'America/New_York' };
    // 9 March 2026 is the Monday after the US switch to EDT (UTC-4).
    expect(
      slotAfter(schedule, new Date('2026-03-05T00:00:00Z'))?.toISOString(),
    ).toBe('2026-03-09T07:00:00.000Z');
    expect(
      slotAfter(schedule, new Date('2026-02-26T00:00:00Z'))?.toISOString(),
    ).toBe('2026-03-02T08:00:00.000Z');
  });

  it('is due an interval after the last drill, scheduled or successful', () => {
    expect(nextDrillDue({ schedule: monthly, anchor })?.toISOString()).toBe(
      '2026-12-31T12:00:00.000Z',
    );
    const afterManualDrill = {
      schedule: monthly,
      anchor,
      lastSuccessfulDrillAt: '2026-12-10T08:00:00.000Z',
    };
    expect(nextDrillDue(afterManualDrill)?.toISOString()).toBe(
      '2027-01-09T08:00:00.000Z',
    );
    expect(
      nextDrillDue({
        ...afterManualDrill,
        state: { lastScheduledAt: '2026-12-20T00:00:00.000Z' },
      })?.toISOString(),
    ).toBe('2027-01-19T00:00:00.000Z');
  });

  it('starts a drill missed while the backend was down once, not once per missed slot', () => {
    const clock = manualClock('2026-12-01T12:00:00Z');
    const run = scheduler(mondays);
    expect(run.claim(run.read(), clock.now())).toBe(false);
    // Down for four Mondays.
    clock.set('2027-01-02T10:00:00Z');
    expect(run.claim(run.read(), clock.now())).toBe(true);
    for (let minute = 0; minute < 60; minute++) {
      clock.advance(60_000);
      expect(run.claim(run.read(), clock.now())).toBe(false);
    }
    expect(run.started).toEqual(['2026-12-07T02:00:00.000Z']);
    // The next one is the first Monday after the drill that ran.
    expect(
      nextDrillDue({ schedule: mondays, state: run.store.state, anchor }),
    ).toEqual(new Date('2027-01-04T02:00:00.000Z'));
    clock.set('2027-01-04T02:00:00Z');
    expect(run.claim(run.read(), clock.now())).toBe(true);
    expect(run.started).toHaveLength(2);
  });

  it('starts one drill when two replicas find it due at once', () => {
    const clock = manualClock('2026-12-07T02:00:30Z');
    const run = scheduler(mondays);
    const seenByA = run.read();
    const seenByB = run.read();
    expect([
      run.claim(seenByA, clock.now()),
      run.claim(seenByB, clock.now()),
    ]).toEqual([true, false]);
    expect(run.started).toEqual(['2026-12-07T02:00:00.000Z']);
  });

  it('starts nothing and is never overdue when disabled', () => {
    const disabled = { schedule: { ...mondays, enabled: false }, anchor };
    const years = new Date('2030-01-01T00:00:00Z');
    expect(nextDrillDue(disabled)).toBeUndefined();
    expect(isDrillDue(disabled, years)).toBe(false);
    expect(drillOverdueSince(disabled, years, 3600)).toBeUndefined();
  });

  it('is overdue once the drill after the last success was due and had the plan timeout to succeed', () => {
    const input = {
      schedule: mondays,
      anchor,
      lastSuccessfulDrillAt: '2026-12-07T02:00:05.000Z',
    };
    const grace = 6 * 3600;
    // The next Monday, 14 December 02:00 UTC, plus six hours.
    expect(
      drillOverdueSince(input, new Date('2026-12-14T08:00:00Z'), grace),
    ).toBeUndefined();
    expect(
      drillOverdueSince(input, new Date('2026-12-14T08:00:01Z'), grace),
    ).toEqual(new Date('2026-12-14T08:00:00.000Z'));
  });

  it('counts a never drilled plan overdue from its first due time', () => {
    const input = { schedule: monthly, anchor };
    expect(
      drillOverdueSince(input, new Date(Date.parse(anchor) + 30 * DAY), 60),
    ).toBeUndefined();
    expect(
      drillOverdueSince(
        input,
        new Date(Date.parse(anchor) + 30 * DAY + 61_000),
        60,
      ),
    ).toEqual(new Date(Date.parse(anchor) + 30 * DAY + 60_000));
  });

  it('judges each scheduled plan of an entity by its own last successful drill', () => {
    const plans = [
      {
        planId: 'p1',
        name: 'Checkout',
        updatedAt: anchor,
        timeoutMinutes: 60,
        drillSchedule: monthly,
      },
      { planId: 'p2', name: 'Manual', updatedAt: anchor, timeoutMinutes: 60 },
    ];
    const executions = [
      {
        planId: 'p1',
        mode: 'DRILL',
        status: 'FAILED',
        createdAt: '2027-01-20T00:00:00Z',
      },
      {
        planId: 'p1',
        mode: 'DRILL',
        status: 'COMPLETED',
        startedAt: '2026-12-05T00:00:00.000Z',
        createdAt: '2026-12-05T00:00:00.000Z',
      },
    ];
    const [status, ...others] = assessDrillSchedules(
      plans,
      executions,
      new Date('2027-01-05T00:00:00Z'),
    );
    expect(others).toEqual([]);
    expect(status).toEqual({
      planId: 'p1',
      planName: 'Checkout',
      description: 'every P30D (UTC)',
      enabled: true,
      nextDueAt: '2027-01-04T00:00:00.000Z',
      lastSuccessfulDrillAt: '2026-12-05T00:00:00.000Z',
      overdue: true,
      overdueSince: '2027-01-04T01:00:00.000Z',
    });
  });
});

describe('drillScheduleSchema', () => {
  const problems = (value: unknown) => {
    const result = drillScheduleSchema.safeParse(value);
    return result.success
      ? []
      : result.error.issues.map(
          i => `${formatIssuePath(i.path)}: ${i.message}`,
        );
  };

  it('accepts a cron expression or an interval in a zone, enabled by default', () => {
    expect(
      drillScheduleSchema.parse({ cron: '0 3 * * 1', timeZone: 'UTC' }),
    ).toEqual({ cron: '0 3 * * 1', timeZone: 'UTC', enabled: true });
    expect(
      problems({ every: 'P30D', timeZone: 'Asia/Tokyo', enabled: false }),
    ).toEqual([]);
  });

  it.each([
    [
      { cron: '0 3 * *', timeZone: 'UTC' },
      'cron: "0 3 * *" is not a cron expression of 5 fields',
    ],
    [
      { cron: '61 3 * * 1', timeZone: 'UTC' },
      'cron: "61 3 * * 1" is not a valid cron expression',
    ],
    [
      { cron: '0 3 * * 1', timeZone: 'Mars/Olympus' },
      'timeZone: "Mars/Olympus" is not an IANA time zone',
    ],
    [
      { every: 'thirty days', timeZone: 'UTC' },
      'every: "thirty days" is not a positive ISO 8601 duration',
    ],
    [
      { every: 'PT30M', timeZone: 'UTC' },
      'every: Scheduled drills must be at least an hour apart',
    ],
    [
      { cron: '*/5 * * * *', timeZone: 'UTC' },
      'cron: Scheduled drills must be at least an hour apart',
    ],
    [{ timeZone: 'UTC' }, 'cron: Give either a cron expression or an interval'],
    [{ cron: '0 3 * * 1', every: 'P1D', timeZone: 'UTC' }, 'cron: Give either'],
  ])('refuses %j naming the field', (value, message) => {
    expect(problems(value).join('; ')).toContain(message);
  });

  it('is a field of the plan, whose problems are addressed under drillSchedule', () => {
    const result = recoveryPlanInputSchema.safeParse({
      name: 'Checkout',
      waves: [{ name: 'db', sourceServerIds: ['s-1234567890abcdef0'] }],
      drillSchedule: { cron: '0 3 * * 1', timeZone: 'Nowhere/Land' },
    });
    expect(result.success).toBe(false);
    expect(
      !result.success && formatIssuePath(result.error.issues[0].path),
    ).toBe('drillSchedule.timeZone');
  });
});
