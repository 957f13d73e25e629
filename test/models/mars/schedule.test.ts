import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesPerSec, MS } from '../../../engine/units.js';
import { zonedParts } from '../../../models/calendar.js';
import { inWorkHours, nextMarsSlot, nextThrottleChange, throttleAt } from '../../../models/mars/schedule.js';
import type { MarsServer, WorkHours } from '../../../models/scenario/types.js';

const utc = (text: string): number => Date.parse(text);
const NY = 'America/New_York';
const hm = (h: number, m = 0): number => h * 60 + m;

type MarsSchedule = MarsServer['schedule'];
const aSchedule = (over: Partial<MarsSchedule> = {}): MarsSchedule => ({
  times: [hm(6), hm(12), hm(18)],
  days: [],
  timeZone: 'UTC',
  ...over,
});
const WORK: WorkHours = { from: hm(8), to: hm(18), days: [1, 2, 3, 4, 5], timeZone: 'UTC' };

describe('nextMarsSlot', () => {
  it('walks the times of a day in order, the last one ending the day', () => {
    const s = aSchedule();
    const a = nextMarsSlot(s, utc('2026-01-01T00:00:00Z'));
    expect(a).toEqual({ at: utc('2026-01-01T06:00:00Z'), lastOfDay: false });
    const b = nextMarsSlot(s, a.at + 1);
    expect(b).toEqual({ at: utc('2026-01-01T12:00:00Z'), lastOfDay: false });
    const c = nextMarsSlot(s, b.at + 1);
    expect(c).toEqual({ at: utc('2026-01-01T18:00:00Z'), lastOfDay: true });
    expect(nextMarsSlot(s, c.at + 1).at).toBe(utc('2026-01-02T06:00:00Z'));
  });

  it('includes a slot exactly at `after`', () => {
    expect(nextMarsSlot(aSchedule(), utc('2026-01-01T12:00:00Z')).at).toBe(utc('2026-01-01T12:00:00Z'));
  });

  it('runs only on the listed weekdays', () => {
    // 2026-01-01 is a Thursday; Saturday = 6 is 3 January.
    const s = aSchedule({ times: [hm(22)], days: [6] });
    expect(nextMarsSlot(s, utc('2026-01-01T00:00:00Z'))).toEqual({
      at: utc('2026-01-03T22:00:00Z'),
      lastOfDay: true,
    });
  });

  it('reads times in the schedule time zone', () => {
    // 06:00 EST (UTC−5) on 1 January is 11:00 UTC.
    const s = aSchedule({ timeZone: NY });
    expect(nextMarsSlot(s, utc('2026-01-01T06:00:00Z')).at).toBe(utc('2026-01-01T11:00:00Z'));
  });

  it('should always return a slot at or after `after`, at a listed local time', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 400 * 24 * 60 }),
        fc.constantFrom('UTC', NY, 'Europe/Berlin'),
        (times, minutes, timeZone) => {
          const sorted = times.sort((a, b) => a - b);
          const after = utc('2026-01-01T00:00:00Z') + minutes * MS.minute;
          const slot = nextMarsSlot({ times: sorted, days: [], timeZone }, after);
          expect(slot.at).toBeGreaterThanOrEqual(after);
          expect(slot.at - after).toBeLessThanOrEqual(MS.day + MS.hour);
          const p = zonedParts(slot.at, timeZone);
          // A time in the spring-forward gap shows an hour later.
          const shown = p.hour * 60 + p.minute;
          expect(sorted.some((t) => t === shown || t + 60 === shown)).toBe(true);
        },
      ),
    );
  });
});

describe('work hours and throttling', () => {
  it('is work time from 08:00 to before 18:00 on work days only', () => {
    expect(inWorkHours(WORK, utc('2026-01-01T08:00:00Z'))).toBe(true); // Thursday
    expect(inWorkHours(WORK, utc('2026-01-01T17:59:00Z'))).toBe(true);
    expect(inWorkHours(WORK, utc('2026-01-01T18:00:00Z'))).toBe(false);
    expect(inWorkHours(WORK, utc('2026-01-01T07:59:00Z'))).toBe(false);
    expect(inWorkHours(WORK, utc('2026-01-03T12:00:00Z'))).toBe(false); // Saturday
  });

  it('handles a night shift crossing midnight', () => {
    // 22:00–06:00 starting on Fridays only: Friday 23:00 and Saturday 05:00 are work time.
    const night: WorkHours = { from: hm(22), to: hm(6), days: [5], timeZone: 'UTC' };
    expect(inWorkHours(night, utc('2026-01-02T23:00:00Z'))).toBe(true);
    expect(inWorkHours(night, utc('2026-01-03T05:00:00Z'))).toBe(true);
    expect(inWorkHours(night, utc('2026-01-03T06:00:00Z'))).toBe(false);
    expect(inWorkHours(night, utc('2026-01-02T05:00:00Z'))).toBe(false); // Friday morning: Thursday is no work day
    expect(nextThrottleChange(night, utc('2026-01-02T23:00:00Z'))).toBe(utc('2026-01-03T06:00:00Z'));
  });

  it('finds the next boundary and the bandwidth after it', () => {
    const network = { workHours: WORK, work: bytesPerSec(1_250_000), nonWork: bytesPerSec(12_500_000) };
    expect(nextThrottleChange(WORK, utc('2026-01-01T16:00:00Z'))).toBe(utc('2026-01-01T18:00:00Z'));
    // Friday 18:00 → Monday 08:00.
    expect(nextThrottleChange(WORK, utc('2026-01-02T18:00:01Z'))).toBe(utc('2026-01-05T08:00:00Z'));
    expect(throttleAt(network, utc('2026-01-01T18:00:00Z'))).toBe(12_500_000);
    expect(throttleAt(network, utc('2026-01-05T08:00:00Z'))).toBe(1_250_000);
  });

  it('has no boundaries when work hours are empty', () => {
    expect(nextThrottleChange({ ...WORK, to: WORK.from }, 0)).toBeNull();
  });

  // Fixed-offset zones: a boundary inside a spring-forward gap moves an hour later by the
  // calendar's rule while the wall clock jumps past it (see inWorkHours).
  it('should never let the work-hours state change before the next boundary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 60 * 24 * 60 }),
        fc.constantFrom('UTC', 'Etc/GMT+5', 'Etc/GMT-9'),
        (from, to, days, minutes, timeZone) => {
          const hours: WorkHours = { from, to, days, timeZone };
          const after = utc('2026-03-01T00:00:00Z') + minutes * MS.minute;
          const next = nextThrottleChange(hours, after);
          if (next === null) return;
          expect(next).toBeGreaterThanOrEqual(after);
          // Sample the stretch before the boundary each 15 minutes: one state throughout.
          const state = inWorkHours(hours, after);
          for (let t = after; t < next; t += 15 * MS.minute) expect(inWorkHours(hours, t)).toBe(state);
        },
      ),
    );
  });
});
