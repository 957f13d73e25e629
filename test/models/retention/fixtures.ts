// Builders for retention tests: a schedule and a retention that state only what differs,
// the policy slots a schedule produces, and a run that feeds points through a queue.
import fc from 'fast-check';
import { MS, millis } from '../../../engine/units.js';
import { nextDailyAt, nextWeeklyAt, zonedToEpoch } from '../../../models/calendar.js';
import { type RetainedPoint, RetentionQueue, type Tier, tagPoint } from '../../../models/retention/index.js';
import type { DayRule, Retention, Schedule } from '../../../models/scenario/types.js';

export const DAY = MS.day;
export const HOUR = MS.hour;
export const NY = 'America/New_York';
export const utc = (text: string): number => Date.parse(text);
/** Local midnight starting 1 January 2026 in a zone. */
export const jan1 = (timeZone: string): number =>
  zonedToEpoch({ year: 2026, month: 1, day: 1, hour: 0, minute: 0 }, timeZone);

/** A daily 22:30 UTC schedule unless told otherwise. */
export function aSchedule(over: Partial<Schedule> = {}): Schedule {
  return {
    frequency: 'daily',
    at: 22 * 60 + 30,
    days: [],
    every: null,
    window: millis(DAY),
    timeZone: 'UTC',
    ...over,
  };
}

/** A retention with every tier null unless told otherwise. */
export function aRetention(over: Partial<Retention> = {}): Retention {
  return { daily: null, weekly: null, monthly: null, yearly: null, ...over };
}

/** The GFS policy: daily 30, weekly 12 on Sunday, monthly 12 and yearly 3 (January) on the first Sunday. */
export const GFS: Retention = {
  daily: 30,
  weekly: { count: 12, on: [0] },
  monthly: { count: 12, on: { kind: 'weekday', n: 1, weekday: 0 } },
  yearly: { count: 3, in: [1], on: { kind: 'weekday', n: 1, weekday: 0 } },
};

/** The first `count` scheduled slots at or after `from` (epoch ms): every slot of an hourly window too. */
export function slots(schedule: Schedule, from: number, count: number): number[] {
  const { at, timeZone: tz } = schedule;
  const next = (after: number): number =>
    schedule.frequency === 'weekly' ? nextWeeklyAt(after, schedule.days, at, tz) : nextDailyAt(after, at, tz);
  const out: number[] = [];
  for (let start = next(from); out.length < count; start = next(start + 1)) {
    const every = schedule.frequency === 'hourly' ? (schedule.every ?? schedule.window) : schedule.window;
    for (let k = 0; k * every < schedule.window && out.length < count; k++) out.push(start + k * every);
  }
  return out;
}

/** Feeds one on-time point per slot (ids 0, 1, …) through a queue, as the simulation would. */
export function runOnTime(retention: Retention, schedule: Schedule, from: number, count: number) {
  const queue = new RetentionQueue();
  const created: RetainedPoint[] = [];
  for (const [id, t] of slots(schedule, from, count).entries()) {
    queue.advance(t);
    const point = { id, createdAt: t, tags: tagPoint(retention, schedule, t, t) };
    queue.add(point);
    queue.advance(t); // a point kept by no tier leaves at once
    created.push(point);
  }
  return { queue, created };
}

// ---------------------------------------------------------------- arbitraries

export const dayRule: fc.Arbitrary<DayRule> = fc.oneof(
  fc.record({
    kind: fc.constant('weekday' as const),
    n: fc.constantFrom<1 | 2 | 3 | 4 | 'last'>(1, 2, 3, 4, 'last'),
    weekday: fc.nat({ max: 6 }),
  }),
  fc.record({
    kind: fc.constant('day' as const),
    day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.constant('last' as const)),
  }),
);
/** Any retention within small counts (so runs of a few years see every tier lapse). */
export const anyRetention: fc.Arbitrary<Retention> = fc.record({
  daily: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
  weekly: fc.option(
    fc.record({
      count: fc.integer({ min: 1, max: 20 }),
      on: fc.uniqueArray(fc.nat({ max: 6 }), { minLength: 1 }),
    }),
    { nil: null },
  ),
  monthly: fc.option(fc.record({ count: fc.integer({ min: 1, max: 24 }), on: dayRule }), { nil: null }),
  yearly: fc.option(
    fc.record({
      count: fc.integer({ min: 1, max: 10 }),
      in: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
      on: dayRule,
    }),
    { nil: null },
  ),
});
/** A daily, weekly or hourly schedule in UTC, New York or Sydney (DST north and south). */
export const anySchedule: fc.Arbitrary<Schedule> = fc
  .record({
    frequency: fc.constantFrom<Schedule['frequency']>('daily', 'weekly', 'hourly'),
    at: fc.integer({ min: 0, max: 19 * 60 + 30 }),
    days: fc.uniqueArray(fc.nat({ max: 6 }), { minLength: 1 }),
    every: fc.constantFrom(4, 6, 8, 12).map((h) => millis(h * HOUR)),
    timeZone: fc.constantFrom('UTC', NY, 'Australia/Sydney'),
  })
  .map((s) =>
    aSchedule({
      ...s,
      days: s.frequency === 'weekly' ? s.days : [],
      every: s.frequency === 'hourly' ? s.every : null,
    }),
  );
/** The retention with one tier's count raised by `more`. */
export function lengthen(r: Retention, tier: Tier, more: number): Retention {
  if (tier === 'daily') return { ...r, daily: r.daily === null ? null : r.daily + more };
  const t = r[tier];
  return t === null ? r : { ...r, [tier]: { ...t, count: t.count + more } };
}
