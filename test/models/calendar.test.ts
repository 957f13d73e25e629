import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  addLocalMonths,
  addLocalYears,
  daysInMonth,
  isDayOfMonth,
  isLeapYear,
  isNthWeekdayOfMonth,
  localDayKey,
  monthName,
  nextDailyAt,
  nextWeeklyAt,
  parseMonth,
  parseOrdinalWeekday,
  parseWeekday,
  startOfLocalDay,
  utcOffsetAt,
  weekdayName,
  type ZonedParts,
  zonedParts,
  zonedPartsViaIntl,
  zonedToEpoch,
} from '../../models/calendar.js';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 86_400_000;
const utc = (text: string): number => Date.parse(text);
const at = (y: number, m: number, d: number, h = 0, min = 0) => ({
  year: y,
  month: m,
  day: d,
  hour: h,
  minute: min,
});

// Zones with DST north and south, half-hour and 45-minute offsets, a 30-minute DST
// (Lord Howe), a zone that skipped a whole day (Apia, 2011-12-30) and fixed offsets.
const ZONES = [
  'UTC',
  'Etc/GMT+5',
  'Etc/GMT-14',
  NY,
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Apia',
  'Pacific/Chatham',
];
const zone = fc.constantFrom(...ZONES);
// 1990–2100 in whole seconds: inside ICU's well-defined rules, whole seconds as zonedParts reports.
const anyInstant = fc.integer({ min: 631_152_000, max: 4_102_444_800 }).map((s) => s * 1000);

/** The offset at an instant read straight from Intl, independent of the code under test. */
function referenceOffset(t: number, tz: string): number {
  const p = zonedPartsViaIntl(t, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t;
}

// Every UTC day from 2016 to 2030 on which a zone's offset changes, found through Intl
// alone, so properties can aim at DST transitions instead of hoping to hit one.
const TRANSITIONS: [number, string][] = [];
for (const tz of ZONES) {
  // Week by week, then day by day inside a week whose ends differ (zones change offset at most twice a year).
  for (let week = Date.UTC(2016, 0, 1); week < Date.UTC(2030, 0, 1); week += 7 * DAY) {
    if (referenceOffset(week, tz) === referenceOffset(week + 7 * DAY, tz)) continue;
    for (let day = week; day < week + 7 * DAY; day += DAY) {
      if (referenceOffset(day, tz) !== referenceOffset(day + DAY, tz)) TRANSITIONS.push([day, tz]);
    }
  }
}
// An instant and a zone: anywhere in 1990–2100, or (half the time) within a day or so of
// one of that zone's transitions, in whole seconds.
const zonedInstant: fc.Arbitrary<[number, string]> = fc.oneof(
  fc.tuple(anyInstant, zone),
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -DAY / 2000, max: (3 * DAY) / 2000 }))
    .map(([[day, tz], s]): [number, string] => [day + s * 1000, tz]),
);

describe('zonedParts', () => {
  it('says 2026-01-01 is a Thursday', () => {
    expect(zonedParts(utc('2026-01-01T12:00:00Z'), 'UTC')).toEqual({
      year: 2026,
      month: 1,
      day: 1,
      hour: 12,
      minute: 0,
      second: 0,
      weekday: 4,
    });
  });

  it('reads New York wall-clock time across the 2026 DST changes', () => {
    expect(zonedParts(utc('2026-03-08T06:59:59Z'), NY)).toMatchObject({
      day: 8,
      hour: 1,
      minute: 59,
      second: 59,
    });
    expect(zonedParts(utc('2026-03-08T07:00:00Z'), NY)).toMatchObject({ day: 8, hour: 3, minute: 0 });
    expect(zonedParts(utc('2026-11-01T05:59:59Z'), NY)).toMatchObject({ day: 1, hour: 1, minute: 59 });
    expect(zonedParts(utc('2026-11-01T06:00:00Z'), NY)).toMatchObject({ day: 1, hour: 1, minute: 0 });
    expect(utcOffsetAt(utc('2026-01-15T00:00:00Z'), NY)).toBe(-5 * HOUR);
    expect(utcOffsetAt(utc('2026-07-15T00:00:00Z'), NY)).toBe(-4 * HOUR);
  });

  it('reads Etc/GMT+5 as UTC−05:00 (POSIX sign) without Intl, and agrees with Intl', () => {
    const t = utc('2026-06-01T03:00:00Z');
    expect(zonedParts(t, 'Etc/GMT+5')).toMatchObject({ month: 5, day: 31, hour: 22 });
    expect(zonedParts(t, 'Etc/GMT+5')).toEqual(zonedPartsViaIntl(t, 'Etc/GMT+5'));
  });

  it('throws for a zone Intl does not know (the loader checks names first)', () => {
    expect(() => zonedParts(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('zonedToEpoch', () => {
  it('resolves ordinary New York times with the offset in force', () => {
    expect(zonedToEpoch(at(2026, 1, 15, 22, 30), NY)).toBe(utc('2026-01-16T03:30:00Z'));
    expect(zonedToEpoch(at(2026, 7, 15, 22, 30), NY)).toBe(utc('2026-07-16T02:30:00Z'));
  });

  it('moves a time in the spring-forward gap later by the gap: 02:30 on 8 March 2026 is 03:30 EDT', () => {
    const t = zonedToEpoch(at(2026, 3, 8, 2, 30), NY);
    expect(t).toBe(utc('2026-03-08T07:30:00Z'));
    expect(zonedParts(t, NY)).toMatchObject({ hour: 3, minute: 30 });
  });

  it('takes the first of a repeated time: 01:30 on 1 November 2026 is 01:30 EDT', () => {
    expect(zonedToEpoch(at(2026, 11, 1, 1, 30), NY)).toBe(utc('2026-11-01T05:30:00Z'));
    expect(zonedToEpoch(at(2026, 11, 1, 0, 30), NY)).toBe(utc('2026-11-01T04:30:00Z'));
    expect(zonedToEpoch(at(2026, 11, 1, 2, 0), NY)).toBe(utc('2026-11-01T07:00:00Z'));
  });

  it('rolls out-of-range fields over like Date.UTC', () => {
    expect(zonedToEpoch(at(2026, 13, 1), 'UTC')).toBe(utc('2027-01-01T00:00:00Z'));
    expect(zonedToEpoch(at(2026, 2, 29), 'UTC')).toBe(utc('2026-03-01T00:00:00Z'));
    expect(zonedToEpoch({ ...at(2026, 1, 1, 0, 0), second: 30 }, 'UTC')).toBe(utc('2026-01-01T00:00:30Z'));
  });

  it('moves a whole skipped day: Apia went from 29 to 31 December 2011', () => {
    const t = zonedToEpoch(at(2011, 12, 30, 12, 0), 'Pacific/Apia');
    expect(zonedParts(t, 'Pacific/Apia')).toMatchObject({ month: 12, day: 31, hour: 12 });
  });
});

describe('schedules', () => {
  it('finds the next 22:30 in New York, today or tomorrow', () => {
    expect(nextDailyAt(utc('2026-01-15T12:00:00Z'), 1350, NY)).toBe(utc('2026-01-16T03:30:00Z'));
    expect(nextDailyAt(utc('2026-01-16T03:30:00Z'), 1350, NY)).toBe(utc('2026-01-16T03:30:00Z'));
    expect(nextDailyAt(utc('2026-01-16T03:30:01Z'), 1350, NY)).toBe(utc('2026-01-17T03:30:00Z'));
  });

  it('runs a daily 02:30 at 03:30 on the spring-forward day and once on the fall-back day', () => {
    expect(nextDailyAt(utc('2026-03-08T05:00:00Z'), 150, NY)).toBe(utc('2026-03-08T07:30:00Z'));
    expect(nextDailyAt(utc('2026-11-01T04:00:00Z'), 90, NY)).toBe(utc('2026-11-01T05:30:00Z'));
    // After the first 01:30 has passed, the repeated 01:30 EST does not fire again.
    expect(nextDailyAt(utc('2026-11-01T05:30:01Z'), 90, NY)).toBe(utc('2026-11-02T06:30:00Z'));
  });

  it('finds the next Sunday 22:30 in New York', () => {
    // 2026-01-01 is a Thursday; the next Sunday is 4 January.
    expect(nextWeeklyAt(utc('2026-01-01T00:00:00Z'), [0], 1350, NY)).toBe(utc('2026-01-05T03:30:00Z'));
    expect(nextWeeklyAt(utc('2026-01-05T03:30:01Z'), [0], 1350, NY)).toBe(utc('2026-01-12T03:30:00Z'));
    expect(nextWeeklyAt(utc('2026-01-01T00:00:00Z'), [1, 3, 5], 9 * 60, 'UTC')).toBe(
      utc('2026-01-02T09:00:00Z'),
    );
    expect(() => nextWeeklyAt(0, [], 0, 'UTC')).toThrow(RangeError);
  });

  it('finds local midnight, the local day key and the same time days later', () => {
    const noon = utc('2026-11-01T17:00:00Z'); // 12:00 EST on the 25-hour day
    expect(startOfLocalDay(noon, NY)).toBe(utc('2026-11-01T04:00:00Z'));
    expect(localDayKey(utc('2026-02-01T03:00:00Z'), NY)).toBe(20260131);
    expect(addLocalDays(utc('2026-03-07T15:00:00Z'), 1, NY)).toBe(utc('2026-03-08T14:00:00Z'));
    expect(addLocalDays(utc('2026-03-08T14:00:00Z'), -1, NY)).toBe(utc('2026-03-07T15:00:00Z'));
  });
});

describe('month rules', () => {
  const parts = (t: string): ZonedParts => zonedParts(utc(t), 'UTC');

  it('says the first Sunday of January 2026 is the 4th', () => {
    expect(isNthWeekdayOfMonth(parts('2026-01-04T00:00:00Z'), 1, 0)).toBe(true);
    expect(isNthWeekdayOfMonth(parts('2026-01-11T00:00:00Z'), 1, 0)).toBe(false);
    expect(isNthWeekdayOfMonth(parts('2026-01-11T00:00:00Z'), 2, 0)).toBe(true);
    expect(isNthWeekdayOfMonth(parts('2026-01-05T00:00:00Z'), 1, 0)).toBe(false);
  });

  it('says the last Saturday of January 2026 is the 31st and of February 2028 the 26th', () => {
    expect(isNthWeekdayOfMonth(parts('2026-01-31T00:00:00Z'), 'last', 6)).toBe(true);
    expect(isNthWeekdayOfMonth(parts('2026-01-24T00:00:00Z'), 'last', 6)).toBe(false);
    expect(isNthWeekdayOfMonth(parts('2028-02-26T00:00:00Z'), 'last', 6)).toBe(true);
  });

  it('knows the last day of February in a leap year', () => {
    expect(isLeapYear(2028)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(isDayOfMonth(parts('2028-02-29T00:00:00Z'), 'last')).toBe(true);
    expect(isDayOfMonth(parts('2028-02-28T00:00:00Z'), 'last')).toBe(false);
    expect(isDayOfMonth(parts('2028-02-28T00:00:00Z'), 28)).toBe(true);
  });
});

describe('names', () => {
  it('reads and writes weekday and month names', () => {
    expect(parseWeekday('Sunday')).toBe(0);
    expect(parseWeekday('sun')).toBe(0);
    expect(parseWeekday('SAT')).toBe(6);
    expect(parseWeekday('Su')).toBeNull();
    expect(parseWeekday('Funday')).toBeNull();
    expect(weekdayName(4)).toBe('Thursday');
    expect(parseMonth('January')).toBe(1);
    expect(parseMonth('dec')).toBe(12);
    expect(parseMonth('Janvier')).toBeNull();
    expect(monthName(2)).toBe('February');
  });

  it('reads ordinal weekdays', () => {
    expect(parseOrdinalWeekday('first Sunday')).toEqual({ n: 1, weekday: 0 });
    expect(parseOrdinalWeekday('last Saturday')).toEqual({ n: 'last', weekday: 6 });
    expect(parseOrdinalWeekday('second Monday')).toEqual({ n: 2, weekday: 1 });
    expect(parseOrdinalWeekday('4th fri')).toEqual({ n: 4, weekday: 5 });
    expect(parseOrdinalWeekday('fifth Sunday')).toBeNull();
    expect(parseOrdinalWeekday('constructor Sunday')).toBeNull();
    expect(parseOrdinalWeekday('Sunday')).toBeNull();
  });
});

describe('properties', () => {
  it('aims at real transitions, such as New York on 8 March and 1 November 2026', () => {
    expect(TRANSITIONS).toContainEqual([utc('2026-03-08T00:00:00Z'), NY]);
    expect(TRANSITIONS).toContainEqual([utc('2026-11-01T00:00:00Z'), NY]);
    // Lord Howe leaves its 30-minute DST at 02:00 on 5 April 2026, 15:00 UTC the day before.
    expect(TRANSITIONS).toContainEqual([utc('2026-04-04T00:00:00Z'), 'Australia/Lord_Howe']);
  });

  it('should always read the same wall-clock parts as Intl does', () => {
    fc.assert(
      fc.property(zonedInstant, ([t, tz]) => {
        expect(zonedParts(t, tz)).toEqual(zonedPartsViaIntl(t, tz));
      }),
    );
  });

  it('should always map an instant’s parts back to it, or to the first instant with those parts', () => {
    fc.assert(
      fc.property(zonedInstant, ([t, tz]) => {
        const p = zonedParts(t, tz);
        const back = zonedToEpoch(p, tz);
        if (back !== t) {
          // Only the second pass through a repeated (fall-back) hour may map elsewhere: earlier, same parts.
          expect(back).toBeLessThan(t);
          expect(zonedParts(back, tz)).toEqual(p);
        }
      }),
    );
  });

  it('should map every instant back to itself in UTC and fixed-offset zones', () => {
    fc.assert(
      fc.property(anyInstant, fc.constantFrom('UTC', 'Etc/GMT+5', 'Etc/GMT-14'), (t, tz) => {
        expect(zonedToEpoch(zonedParts(t, tz), tz)).toBe(t);
      }),
    );
  });

  it('should always schedule the next daily time at or after `after`, within 25 hours, at that local time', () => {
    fc.assert(
      fc.property(zonedInstant, fc.nat({ max: 1439 }), ([after, tz], minutes) => {
        const t = nextDailyAt(after, minutes, tz);
        expect(t).toBeGreaterThanOrEqual(after);
        // Apia's skipped day is the one case of a longer wait.
        if (tz !== 'Pacific/Apia') expect(t).toBeLessThan(after + 25 * HOUR);
        const p = zonedParts(t, tz);
        const landed = p.hour * 60 + p.minute;
        const slotOn = (day: number) =>
          zonedToEpoch({ year: p.year, month: p.month, day, hour: 0, minute: minutes }, tz);
        if (landed !== minutes) {
          // The requested local time did not exist that day and moved later by the gap.
          expect(landed).toBeGreaterThan(minutes);
          expect(zonedParts(slotOn(p.day), tz)).toEqual(p);
          expect(zonedToEpoch({ ...p, hour: 0, minute: minutes }, tz)).toBe(t);
        }
        // Nothing earlier qualified: the previous local day's slot was before `after`.
        if (tz !== 'Pacific/Apia') expect(slotOn(p.day - 1)).toBeLessThan(after);
        expect(nextDailyAt(t, minutes, tz)).toBe(t);
      }),
    );
  });

  it('should schedule the same instants through the UTC fast path as through Intl', () => {
    // Africa/Abidjan has been UTC since 1912 but is not on the fast path, so Intl answers it.
    fc.assert(
      fc.property(anyInstant, fc.nat({ max: 1439 }), (after, minutes) => {
        expect(nextDailyAt(after, minutes, 'UTC')).toBe(nextDailyAt(after, minutes, 'Africa/Abidjan'));
        expect(zonedParts(after, 'UTC')).toEqual(zonedPartsViaIntl(after, 'UTC'));
      }),
    );
  });

  it('should always schedule weekly times on a chosen weekday, no later than the daily rule a week on', () => {
    fc.assert(
      fc.property(
        zonedInstant,
        fc.uniqueArray(fc.nat({ max: 6 }), { minLength: 1 }),
        fc.nat({ max: 1439 }),
        ([after, tz], weekdays, minutes) => {
          const t = nextWeeklyAt(after, weekdays, minutes, tz);
          expect(t).toBeGreaterThanOrEqual(after);
          expect(weekdays).toContain(zonedParts(t, tz).weekday);
          if (tz !== 'Pacific/Apia') expect(t).toBeLessThan(after + 8 * DAY);
        },
      ),
    );
  });

  it('should always start the local day at or before the instant, on the same local date', () => {
    fc.assert(
      fc.property(zonedInstant, ([t, tz]) => {
        const start = startOfLocalDay(t, tz);
        expect(start).toBeLessThanOrEqual(t);
        expect(localDayKey(start, tz)).toBe(localDayKey(t, tz));
        expect(localDayKey(start - 1000, tz)).toBeLessThan(localDayKey(t, tz));
      }),
    );
  });

  it('should agree with the brute-force nth-weekday count', () => {
    fc.assert(
      fc.property(
        anyInstant,
        fc.nat({ max: 6 }),
        fc.constantFrom<1 | 2 | 3 | 4 | 'last'>(1, 2, 3, 4, 'last'),
        (t, wd, n) => {
          const p = zonedParts(t, 'UTC');
          const sameBefore = Math.floor((p.day - 1) / 7); // same weekdays earlier in the month
          const sameAfter = Math.floor((daysInMonth(p.year, p.month) - p.day) / 7);
          const expected = p.weekday === wd && (n === 'last' ? sameAfter === 0 : sameBefore + 1 === n);
          expect(isNthWeekdayOfMonth(p, n, wd)).toBe(expected);
        },
      ),
    );
  });
});

describe('calendar months and years', () => {
  it('adds months at the same local time, clamping the day to the month', () => {
    expect(addLocalMonths(utc('2026-01-31T22:30:00Z'), 1, 'UTC')).toBe(utc('2026-02-28T22:30:00Z'));
    expect(addLocalMonths(utc('2028-01-31T22:30:00Z'), 1, 'UTC')).toBe(utc('2028-02-29T22:30:00Z'));
    expect(addLocalMonths(utc('2026-01-31T22:30:00Z'), 3, 'UTC')).toBe(utc('2026-04-30T22:30:00Z'));
    expect(addLocalMonths(utc('2026-03-31T08:00:00Z'), -1, 'UTC')).toBe(utc('2026-02-28T08:00:00Z'));
    expect(addLocalMonths(utc('2026-11-15T00:00:00Z'), 14, 'UTC')).toBe(utc('2028-01-15T00:00:00Z'));
    expect(addLocalMonths(utc('2026-01-04T22:30:00Z'), 0, 'UTC')).toBe(utc('2026-01-04T22:30:00Z'));
  });

  it('keeps the New York wall clock across DST: 1 March 22:30 EST + 1 month is 1 April 22:30 EDT', () => {
    // 2026-03-02T03:30Z is 1 March 22:30 EST (UTC−5); 1 April 22:30 EDT (UTC−4) is 2026-04-02T02:30Z,
    // so the month is 31 days less one hour.
    const t = utc('2026-03-02T03:30:00Z');
    expect(addLocalMonths(t, 1, NY)).toBe(utc('2026-04-02T02:30:00Z'));
    expect(addLocalMonths(t, 1, NY) - t).toBe(31 * DAY - HOUR);
    // 8 February 02:30 EST + 1 month lands in the spring-forward gap: 03:30 EDT.
    expect(addLocalMonths(utc('2026-02-08T07:30:00Z'), 1, NY)).toBe(utc('2026-03-08T07:30:00Z'));
  });

  it('adds years, 29 February becoming 28 February in a common year', () => {
    expect(addLocalYears(utc('2028-02-29T12:00:00Z'), 1, 'UTC')).toBe(utc('2029-02-28T12:00:00Z'));
    expect(addLocalYears(utc('2028-02-29T12:00:00Z'), 4, 'UTC')).toBe(utc('2032-02-29T12:00:00Z'));
    expect(addLocalYears(utc('2026-01-05T03:30:00Z'), 3, NY)).toBe(utc('2029-01-05T03:30:00Z'));
  });

  it('should always land on the clamped local date and time, read by zonedToEpoch', () => {
    fc.assert(
      fc.property(zonedInstant, fc.integer({ min: -40, max: 40 }), ([t, tz], months) => {
        const p = zonedParts(t, tz);
        const m0 = p.month - 1 + months;
        const year = p.year + Math.floor(m0 / 12);
        const month = (((m0 % 12) + 12) % 12) + 1;
        const day = Math.min(p.day, daysInMonth(year, month));
        const local = { year, month, day, hour: p.hour, minute: p.minute, second: p.second };
        expect(addLocalMonths(t, months, tz)).toBe(zonedToEpoch(local, tz) + (t % 1000));
      }),
    );
  });

  it('should never move backwards when more months are added', () => {
    fc.assert(
      fc.property(
        zonedInstant,
        fc.integer({ min: -30, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        ([t, tz], a, extra) => {
          expect(addLocalMonths(t, a + extra, tz)).toBeGreaterThan(addLocalMonths(t, a, tz));
        },
      ),
    );
  });

  it('should always add years as twelve months, and undo a month shift on days up to the 28th in UTC', () => {
    fc.assert(
      fc.property(zonedInstant, fc.integer({ min: -5, max: 5 }), ([t, tz], years) => {
        expect(addLocalYears(t, years, tz)).toBe(addLocalMonths(t, 12 * years, tz));
      }),
    );
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: -40, max: 40 }), (t, months) => {
        fc.pre(zonedParts(t, 'UTC').day <= 28);
        expect(addLocalMonths(addLocalMonths(t, months, 'UTC'), -months, 'UTC')).toBe(t);
      }),
    );
  });
});
