import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { millis } from '../../../engine/units.js';
import { addLocalMonths, addLocalYears, zonedPartsViaIntl } from '../../../models/calendar.js';
import {
  explain,
  isVaultSlot,
  maxPointsKept,
  type PointTags,
  TIERS,
  type Tier,
  tagPoint,
} from '../../../models/retention/index.js';
import { cachedTierMask, tierMask, untilsInto } from '../../../models/retention/tags.js';
import type { DayRule, Retention, Schedule } from '../../../models/scenario/types.js';
import {
  anyRetention,
  anySchedule,
  aRetention,
  aSchedule,
  DAY,
  GFS,
  HOUR,
  lengthen,
  NY,
  utc,
} from './fixtures.js';

const tag = (retention: Retention, schedule: Schedule, scheduled: string, created = scheduled): PointTags =>
  tagPoint(retention, schedule, utc(scheduled), utc(created));
const until = (tiers: Partial<Record<Tier, string>>): Record<Tier, number | null> => {
  const out: Record<Tier, number | null> = { daily: null, weekly: null, monthly: null, yearly: null };
  for (const [tier, at] of Object.entries(tiers)) out[tier as Tier] = utc(at);
  return out;
};
const FIRST_SUNDAY: DayRule = { kind: 'weekday', n: 1, weekday: 0 };

describe('tagPoint', () => {
  it('keeps the first Sunday of January 2026 in all four tiers', () => {
    // 2026-01-01 is a Thursday, so 4 January is the first Sunday of January.
    // daily 30: 4 Jan + 30 d = 3 Feb; weekly 12: 4 Jan + 84 d = 29 Mar (27 d to 31 Jan, 28 to 28 Feb,
    // 29 to 29 Mar); monthly 12: 4 Jan 2027; yearly 3: 4 Jan 2029, all at 22:30 UTC.
    const tags = tag(GFS, aSchedule(), '2026-01-04T22:30:00Z');
    expect(tags.tiers).toEqual(['daily', 'weekly', 'monthly', 'yearly']);
    expect(tags.until).toEqual(
      until({
        daily: '2026-02-03T22:30:00Z',
        weekly: '2026-03-29T22:30:00Z',
        monthly: '2027-01-04T22:30:00Z',
        yearly: '2029-01-04T22:30:00Z',
      }),
    );
    expect(tags.expiresAt).toBe(utc('2029-01-04T22:30:00Z'));
    expect(explain(tags)).toBe(
      'kept by daily until 2026-02-03, weekly until 2026-03-29, monthly until 2027-01-04, yearly until 2029-01-04',
    );
  });

  it('keeps a weekday point by daily alone, and a later Sunday by daily and weekly', () => {
    expect(tag(GFS, aSchedule(), '2026-01-05T22:30:00Z').tiers).toEqual(['daily']);
    // 11 January is the second Sunday: weekly, not monthly or yearly.
    expect(tag(GFS, aSchedule(), '2026-01-11T22:30:00Z').tiers).toEqual(['daily', 'weekly']);
    // 1 February is the first Sunday of February: monthly too, but yearly is January only.
    expect(tag(GFS, aSchedule(), '2026-02-01T22:30:00Z').tiers).toEqual(['daily', 'weekly', 'monthly']);
  });

  it('keeps nothing when every tier is null, expiring at creation', () => {
    const tags = tag(aRetention(), aSchedule(), '2026-01-04T22:30:00Z');
    expect(tags).toEqual({ tiers: [], until: until({}), expiresAt: utc('2026-01-04T22:30:00Z') });
    expect(explain(tags)).toBe('kept by no retention tier');
    expect(tag(aRetention({ daily: 0 }), aSchedule(), '2026-01-04T22:30:00Z').tiers).toEqual([]);
  });

  it('reads day rules on the scheduled date and counts expiry from creation', () => {
    // Saturday 23:30 started 1 h 30 min late: created on Sunday, still Saturday's point.
    const sat = tag(GFS, aSchedule({ at: 23 * 60 + 30 }), '2026-01-03T23:30:00Z', '2026-01-04T01:00:00Z');
    expect(sat.tiers).toEqual(['daily']);
    expect(sat.until.daily).toBe(utc('2026-02-03T01:00:00Z'));
    // Sunday 23:30 created on Monday 01:10: Sunday's point, expiries from Monday 01:10.
    const sun = tag(GFS, aSchedule({ at: 23 * 60 + 30 }), '2026-01-04T23:30:00Z', '2026-01-05T01:10:00Z');
    expect(sun.tiers).toEqual(['daily', 'weekly', 'monthly', 'yearly']);
    expect(sun.until.weekly).toBe(utc('2026-01-05T01:10:00Z') + 84 * DAY);
    expect(sun.until.monthly).toBe(utc('2027-01-05T01:10:00Z'));
    expect(sun.until.yearly).toBe(utc('2029-01-05T01:10:00Z'));
  });

  it('has no daily tier on a weekly schedule', () => {
    const weekly = aSchedule({ frequency: 'weekly', days: [0] });
    const tags = tag({ ...GFS, daily: 30 }, weekly, '2026-01-04T22:30:00Z');
    expect(tags.tiers).toEqual(['weekly', 'monthly', 'yearly']);
    expect(tags.until.daily).toBeNull();
  });

  it('tags only the window-start slot of an hourly schedule', () => {
    // Enhanced hourly: window 08:00 UTC, every 4 h for 24 h; the 00:00 and 04:00 slots belong
    // to the previous day's window and, like 12:00–20:00, stay in the snapshot tier only.
    const hourly = aSchedule({ frequency: 'hourly', at: 8 * 60, every: millis(4 * HOUR) });
    expect(tag(GFS, hourly, '2026-01-04T08:00:00Z').tiers).toEqual(['daily', 'weekly', 'monthly', 'yearly']);
    expect(tag(GFS, hourly, '2026-01-04T12:00:00Z').tiers).toEqual([]);
    expect(tag(GFS, hourly, '2026-01-04T00:00:00Z').tiers).toEqual([]);
    // In New York a 02:00 window start on 8 March 2026 falls in the DST gap and runs at 03:00 EDT (07:00Z).
    const ny = aSchedule({ frequency: 'hourly', at: 2 * 60, every: millis(4 * HOUR), timeZone: NY });
    expect(isVaultSlot(ny, utc('2026-03-08T07:00:00Z'))).toBe(true);
    expect(isVaultSlot(ny, utc('2026-03-08T11:00:00Z'))).toBe(false);
  });
});

describe('tagPoint in New York across DST', () => {
  const ny = aSchedule({ timeZone: NY });

  it('uses New York dates, not UTC dates, around 8 March 2026', () => {
    // Sat 7 Mar 22:30 EST = 8 Mar 03:30Z: a Sunday in UTC, a Saturday in New York.
    expect(tag(GFS, ny, '2026-03-08T03:30:00Z').tiers).toEqual(['daily']);
    // Sun 8 Mar 22:30 EDT (clocks sprang forward at 02:00) = 9 Mar 02:30Z, a Monday in UTC.
    const sun = tag(GFS, ny, '2026-03-09T02:30:00Z');
    expect(sun.tiers).toEqual(['daily', 'weekly']);
    expect(sun.until.weekly).toBe(utc('2026-03-09T02:30:00Z') + 84 * DAY);
    // Sun 1 Mar 22:30 EST = 2 Mar 03:30Z, first Sunday of March; 12 months on is 1 Mar 2027 22:30 EST.
    expect(tag(GFS, ny, '2026-03-02T03:30:00Z').until.monthly).toBe(utc('2027-03-02T03:30:00Z'));
  });

  it('counts daily expiry in elapsed days: one day after 7 March 22:30 EST is 8 March 23:30 EDT', () => {
    const tags = tag(aRetention({ daily: 1 }), ny, '2026-03-08T03:30:00Z');
    expect(tags.until.daily).toBe(utc('2026-03-09T03:30:00Z'));
    expect(explain(tags, NY)).toBe('kept by daily until 2026-03-08');
    expect(explain(tags)).toBe('kept by daily until 2026-03-09');
  });

  it('uses New York dates around 1 November 2026', () => {
    // Sat 31 Oct 22:30 EDT = 1 Nov 02:30Z: Sunday the 1st in UTC, still Saturday in New York.
    expect(tag(GFS, ny, '2026-11-01T02:30:00Z').tiers).toEqual(['daily']);
    // Sun 1 Nov 22:30 EST (clocks fell back at 02:00) = 2 Nov 03:30Z: first Sunday of November.
    const sun = tag(GFS, ny, '2026-11-02T03:30:00Z');
    expect(sun.tiers).toEqual(['daily', 'weekly', 'monthly']);
    // 12 months on is 1 Nov 2027 22:30, still EDT (DST ends on 7 Nov in 2027): 2 Nov 02:30Z.
    expect(sun.until.monthly).toBe(utc('2027-11-02T02:30:00Z'));
    // Monthly 1 from 1 Nov 22:30 EST to 1 Dec 22:30 EST: exactly 30 days.
    const one = tag(aRetention({ monthly: { count: 1, on: FIRST_SUNDAY } }), ny, '2026-11-02T03:30:00Z');
    expect(one.until.monthly! - utc('2026-11-02T03:30:00Z')).toBe(30 * DAY);
    // From 1 Mar 22:30 EST to 1 Apr 22:30 EDT: 31 days less the hour DST took.
    const march = tag(aRetention({ monthly: { count: 1, on: FIRST_SUNDAY } }), ny, '2026-03-02T03:30:00Z');
    expect(march.until.monthly! - utc('2026-03-02T03:30:00Z')).toBe(31 * DAY - HOUR);
  });
});

describe('tagPoint day rules', () => {
  const lastDay = aRetention({ monthly: { count: 2, on: { kind: 'day', day: 'last' } } });
  const lastSaturday = aRetention({ monthly: { count: 1, on: { kind: 'weekday', n: 'last', weekday: 6 } } });

  it('keeps the last day of each month, 29 February in a leap year', () => {
    const jan = tag(lastDay, aSchedule(), '2026-01-31T22:30:00Z');
    expect(jan.until.monthly).toBe(utc('2026-03-31T22:30:00Z'));
    // Expiry keeps the day number, clamped: 28 Feb + 2 months is 28 Apr, not 30 Apr.
    expect(tag(lastDay, aSchedule(), '2026-02-28T22:30:00Z').until.monthly).toBe(utc('2026-04-28T22:30:00Z'));
    expect(tag(lastDay, aSchedule(), '2026-01-30T22:30:00Z').tiers).toEqual([]);
    expect(tag(lastDay, aSchedule(), '2028-02-28T22:30:00Z').tiers).toEqual([]);
    expect(tag(lastDay, aSchedule(), '2028-02-29T22:30:00Z').tiers).toEqual(['monthly']);
    // Monthly 1 from 31 January clamps to 28 February.
    const one = aRetention({ monthly: { count: 1, on: { kind: 'day', day: 'last' } } });
    expect(tag(one, aSchedule(), '2026-01-31T22:30:00Z').until.monthly).toBe(utc('2026-02-28T22:30:00Z'));
  });

  it('keeps the last Saturday of each month', () => {
    // 1 Feb 2026 is a Sunday, so 31 Jan and 28 Feb are Saturdays; 29 Mar is a Sunday, so 28 Mar is the last Saturday.
    for (const day of ['2026-01-31', '2026-02-28', '2026-03-28'])
      expect(tag(lastSaturday, aSchedule(), `${day}T22:30:00Z`).tiers).toEqual(['monthly']);
    for (const day of ['2026-01-24', '2026-03-21', '2026-03-29'])
      expect(tag(lastSaturday, aSchedule(), `${day}T22:30:00Z`).tiers).toEqual([]);
  });

  it('keeps yearly points in every listed month', () => {
    const quarterly = aRetention({ yearly: { count: 2, in: [1, 4, 7, 10], on: FIRST_SUNDAY } });
    // First Sundays of 2026: 4 Jan, 1 Feb, 1 Mar, 5 Apr, 5 Jul, 4 Oct.
    for (const day of ['2026-01-04', '2026-04-05', '2026-07-05', '2026-10-04']) {
      const tags = tag(quarterly, aSchedule(), `${day}T22:30:00Z`);
      expect(tags.tiers).toEqual(['yearly']);
      expect(tags.until.yearly).toBe(utc(`${Number(day.slice(0, 4)) + 2}${day.slice(4)}T22:30:00Z`));
    }
    for (const day of ['2026-02-01', '2026-03-01', '2026-04-12'])
      expect(tag(quarterly, aSchedule(), `${day}T22:30:00Z`).tiers).toEqual([]);
    // 15th of June: a day rule with a month list.
    const june = aRetention({ yearly: { count: 1, in: [6], on: { kind: 'day', day: 15 } } });
    expect(tag(june, aSchedule(), '2026-06-15T22:30:00Z').until.yearly).toBe(utc('2027-06-15T22:30:00Z'));
    expect(tag(june, aSchedule(), '2026-07-15T22:30:00Z').tiers).toEqual([]);
  });
});

describe('maxPointsKept', () => {
  it('adds count × points per period + 1 for each tier that can keep anything', () => {
    // (30 + 1) + (12 + 1) + (12 + 1) + (3 × 1 + 1) = 31 + 13 + 13 + 4
    expect(maxPointsKept(GFS, aSchedule())).toBe(61);
    // A weekly schedule has no daily tier: (12 + 1) + (12 + 1) + (3 + 1).
    expect(maxPointsKept(GFS, aSchedule({ frequency: 'weekly', days: [0] }))).toBe(30);
    // Weekly on Sunday and Wednesday of a daily schedule: 2 a week, 12 × 2 + 1.
    expect(maxPointsKept(aRetention({ weekly: { count: 12, on: [0, 3] } }), aSchedule())).toBe(25);
    // ... but a Sunday-only weekly schedule never backs up on Wednesday: 12 × 1 + 1.
    const sundays = aSchedule({ frequency: 'weekly', days: [0] });
    expect(maxPointsKept(aRetention({ weekly: { count: 12, on: [0, 3] } }), sundays)).toBe(13);
    expect(
      maxPointsKept(aRetention({ yearly: { count: 2, in: [1, 7], on: FIRST_SUNDAY } }), aSchedule()),
    ).toBe(5);
    expect(maxPointsKept(aRetention(), aSchedule())).toBe(0);
  });
});

// ---------------------------------------------------------------- properties

// 2020–2035 in whole minutes, and a start delay of up to 2 h (the job start window, §1.2).
const anyInstant = fc.integer({ min: 26_298_720, max: 34_190_000 }).map((m) => m * 60_000);
const delay = fc.integer({ min: 0, max: 2 * 60 }).map((m) => m * 60_000);

describe('tagPoint properties', () => {
  it('should always expire at the latest until, never before creation, listing exactly the tiers that keep it', () => {
    fc.assert(
      fc.property(anyRetention, anySchedule, anyInstant, delay, (r, s, scheduled, late) => {
        const tags = tagPoint(r, s, scheduled, scheduled + late);
        const kept = TIERS.filter((tier) => tags.until[tier] !== null);
        expect(tags.tiers).toEqual(kept);
        expect(tags.expiresAt).toBeGreaterThanOrEqual(scheduled + late);
        for (const tier of kept) expect(tags.until[tier]).toBeGreaterThan(scheduled + late);
        expect(tags.expiresAt).toBe(Math.max(scheduled + late, ...kept.map((tier) => tags.until[tier]!)));
      }),
    );
  });

  it('should always decide weekly and yearly membership on the local scheduled date Intl reports', () => {
    fc.assert(
      fc.property(anyRetention, anySchedule, anyInstant, delay, (r, s, scheduled, late) => {
        const tags = tagPoint(r, s, scheduled, scheduled + late);
        const local = zonedPartsViaIntl(scheduled, s.timeZone);
        const vault = isVaultSlot(s, scheduled);
        expect(tags.until.weekly !== null).toBe(vault && (r.weekly?.on.includes(local.weekday) ?? false));
        if (tags.until.yearly !== null) expect(r.yearly?.in).toContain(local.month);
        if (tags.until.monthly !== null)
          expect(tags.until.monthly).toBe(addLocalMonths(scheduled + late, r.monthly!.count, s.timeZone));
        if (tags.until.yearly !== null)
          expect(tags.until.yearly).toBe(addLocalYears(scheduled + late, r.yearly!.count, s.timeZone));
      }),
    );
  });

  it('should never shorten any tier or the expiry when a tier is kept longer', () => {
    fc.assert(
      fc.property(
        anyRetention,
        anySchedule,
        anyInstant,
        delay,
        fc.constantFrom(...TIERS),
        fc.integer({ min: 1, max: 30 }),
        (r, s, scheduled, late, tier, more) => {
          const before = tagPoint(r, s, scheduled, scheduled + late);
          const after = tagPoint(lengthen(r, tier, more), s, scheduled, scheduled + late);
          expect(after.tiers).toEqual(before.tiers);
          expect(after.expiresAt).toBeGreaterThanOrEqual(before.expiresAt);
          for (const t of before.tiers) expect(after.until[t]).toBeGreaterThanOrEqual(before.until[t]!);
        },
      ),
    );
  });
});

describe('tierMask, cachedTierMask and untilsInto', () => {
  it('should always give tagPoint’s tiers, untils and expiry, remembered or not', () => {
    fc.assert(
      fc.property(
        anyRetention,
        anySchedule,
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 26 * HOUR }),
        (retention, schedule, day, late) => {
          const scheduledAt = utc('2026-01-01T00:00:00Z') + day * DAY + (schedule.at % 60) * 60_000;
          const createdAt = scheduledAt + late;
          const tags = tagPoint(retention, schedule, scheduledAt, createdAt);
          const mask = tierMask(retention, schedule, scheduledAt);
          expect(cachedTierMask(retention, schedule, scheduledAt)).toBe(mask);
          expect(cachedTierMask(retention, schedule, scheduledAt)).toBe(mask);
          expect(TIERS.filter((_, k) => mask & (1 << k))).toEqual(tags.tiers);
          const values = new Float64Array(4);
          expect(untilsInto(retention, schedule.timeZone, mask, createdAt, values)).toBe(tags.expiresAt);
          TIERS.forEach((t, k) => {
            expect(Number.isNaN(values[k]) ? null : values[k]).toBe(tags.until[t]);
          });
        },
      ),
    );
  });
});
