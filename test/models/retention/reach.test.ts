// Which GFS tiers a schedule can fill, from the calendar rules (models/retention/reach.ts),
// checked against the run itself and against every date of 28 years.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedParts } from '../../../models/calendar.js';
import { TIERS, tierMask } from '../../../models/retention/index.js';
import { backupWeekdays, dayRuleReach, unreachableTiers } from '../../../models/retention/reach.js';
import type { Retention } from '../../../models/scenario/types.js';
import { aRetention, aSchedule, DAY, dayRule, jan1, NY, runOnTime, slots } from './fixtures.js';

const SATURDAY = 6;
const FIRST_SUNDAY = { kind: 'weekday', n: 1, weekday: 0 } as const;

describe('unreachableTiers', () => {
  it('a weekly Saturday schedule never fills yearly points on the first Sunday of January', () => {
    const retention = aRetention({
      weekly: { count: 12, on: [SATURDAY] },
      yearly: { count: 7, in: [1], on: FIRST_SUNDAY },
    });
    expect(unreachableTiers(retention, [SATURDAY])).toEqual([{ tier: 'yearly', reach: 'never', weekday: 0 }]);
    // The run agrees. 1 January 2026 is a Thursday, so the Saturdays of 800 days fall on days
    // 2, 9, …, 793 (the next, day 800, is past the end): (793 − 2) / 7 + 1 = 114 points, each
    // kept weekly, and not one kept by the yearly tier.
    const schedule = aSchedule({ frequency: 'weekly', days: [SATURDAY], at: 22 * 60 });
    const { created } = runOnTime(retention, schedule, jan1('UTC'), 114);
    expect((created[113].createdAt - jan1('UTC')) / DAY).toBe(793 + 22 / 24);
    expect(created.filter((p) => p.tags.tiers.includes('yearly'))).toEqual([]);
    expect(created.filter((p) => p.tags.tiers.includes('weekly'))).toHaveLength(114);
  });

  it('a day-of-month rule on a weekly schedule fills only some months; on a daily one, every month', () => {
    const monthlyOn1 = aRetention({ daily: 7, monthly: { count: 12, on: { kind: 'day', day: 1 } } });
    expect(unreachableTiers(monthlyOn1, [SATURDAY])).toEqual([
      { tier: 'monthly', reach: 'seldom', weekday: null },
    ]);
    expect(unreachableTiers(monthlyOn1, backupWeekdays(aSchedule()))).toEqual([]);
    // 2026: the 1st is a Saturday in August only (1 August 2026 is a Saturday).
    const schedule = aSchedule({ frequency: 'weekly', days: [SATURDAY], at: 22 * 60 });
    const { created } = runOnTime(monthlyOn1, schedule, jan1('UTC'), 52);
    const kept = created.filter((p) => p.tags.tiers.includes('monthly'));
    expect(kept.map((p) => new Date(p.createdAt).toISOString().slice(0, 10))).toEqual(['2026-08-01']);
  });

  it('an ordinal weekday rule is filled every period when its weekday is a backup day', () => {
    const lastSaturday = { kind: 'weekday', n: 'last', weekday: SATURDAY } as const;
    expect(dayRuleReach(lastSaturday, [SATURDAY])).toBe('always');
    expect(dayRuleReach(lastSaturday, [0, 1, 2, 3, 4, 5])).toBe('never');
    expect(dayRuleReach({ kind: 'day', day: 'last' }, [0, 1, 2, 3, 4, 5, 6])).toBe('always');
    expect(dayRuleReach({ kind: 'day', day: 'last' }, [1, 3])).toBe('seldom');
  });

  it('a weekly tier on no backup day never fills; inactive tiers are not listed', () => {
    const r = aRetention({ weekly: { count: 4, on: [0] }, monthly: { count: 0, on: FIRST_SUNDAY } });
    expect(unreachableTiers(r, [SATURDAY])).toEqual([{ tier: 'weekly', reach: 'never', weekday: 0 }]);
  });

  // The reach of each tier, found by brute force: the backup dates of 28 years (a date's
  // weekday pattern repeats every 28 years from 1901 to 2099) and tierMask on each.
  function bruteForce(retention: Retention, days: number[], timeZone: string) {
    const schedule = aSchedule({ frequency: 'weekly', days, at: 22 * 60 + 30, timeZone });
    const periods = new Map<string, Set<string>>(TIERS.map((t) => [t, new Set()]));
    const hit = new Map<string, Set<string>>(TIERS.map((t) => [t, new Set()]));
    const from = jan1(timeZone);
    // Every date's slot (a slot per day on a daily schedule) says which periods exist.
    for (const t of slots(aSchedule({ at: 22 * 60 + 30, timeZone }), from, 28 * 365 + 7)) {
      const p = zonedParts(t, timeZone);
      periods.get('monthly')!.add(`${p.year}-${p.month}`);
      if (retention.yearly?.in.includes(p.month)) periods.get('yearly')!.add(`${p.year}-${p.month}`);
    }
    for (const t of slots(schedule, from, Math.ceil(((28 * 365 + 7) * days.length) / 7))) {
      const p = zonedParts(t, timeZone);
      const mask = tierMask(retention, schedule, t);
      if (mask & 2) hit.get('weekly')!.add('any');
      if (mask & 4) hit.get('monthly')!.add(`${p.year}-${p.month}`);
      if (mask & 8) hit.get('yearly')!.add(`${p.year}-${p.month}`);
    }
    const reach = (tier: string) => {
      const n = hit.get(tier)!.size;
      if (n === 0) return 'never';
      if (tier === 'weekly') return 'always';
      // The last period may be cut short by the 28-year window; ignore it.
      return n >= periods.get(tier)!.size - 1 ? 'always' : 'seldom';
    };
    return TIERS.filter((t) => t !== 'daily' && retention[t] !== null)
      .map((tier) => ({ tier, reach: reach(tier) }))
      .filter((r) => r.reach !== 'always');
  }

  it('should always agree with a brute force over every backup date of 28 years', () => {
    const weekdays = fc.uniqueArray(fc.nat({ max: 6 }), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(
        weekdays,
        weekdays,
        dayRule,
        dayRule,
        fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('UTC', NY, 'Pacific/Auckland'),
        (days, weeklyOn, monthlyOn, yearlyOn, months, timeZone) => {
          const retention = aRetention({
            weekly: { count: 4, on: [...weeklyOn].sort() },
            monthly: { count: 12, on: monthlyOn },
            yearly: { count: 3, in: [...months].sort((a, b) => a - b), on: yearlyOn },
          });
          const sorted = [...days].sort();
          const found = unreachableTiers(retention, sorted).map(({ tier, reach }) => ({ tier, reach }));
          expect(found).toEqual(bruteForce(retention, sorted, timeZone));
        },
      ),
      { numRuns: 25 },
    );
  });
});
