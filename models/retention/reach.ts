// Which GFS tiers a schedule can fill (issue 15: a tier that never keeps a point is a silent
// no-op), worked out from the calendar rules of tags.ts, not by simulation.
//
// A tier keeps a point when the local date of a vault slot meets its day rule (R1, R6). A
// schedule has a vault slot on every local date whose weekday is a backup day: every date
// for daily and hourly schedules (R5: the window start), the scheduled weekdays for weekly
// ones. So, with D the backup weekdays:
//   - weekly on days W: a point every week when W ∩ D is not empty, else never;
//   - an ordinal weekday rule ("first Sunday", "last Friday"): every month has exactly one
//     such date and its weekday is the rule's, so a point every period when that weekday is
//     in D, else never;
//   - a day-of-month rule (1–28 or last; every month has one such date): a given date moves
//     through all seven weekdays as the years pass (a year shifts it by one weekday, or two
//     across a 29 February), so a point every period when D holds all seven days, in some
//     periods only (about |D| in 7) otherwise, never when D is empty.
// A monthly tier's period is a month; a yearly tier's is a year, for each of its months.

import type { DayRule, Retention, Schedule } from '../scenario/types.js';
import type { Tier } from './types.js';

/** How often a tier can keep a point: every period, in some periods only, or never. */
export type Reach = 'always' | 'seldom' | 'never';

/** One tier that cannot keep a point every period, and why. */
export interface TierReach {
  tier: Tier;
  reach: 'seldom' | 'never';
  /** The rule's weekday when the rule names one (0 = Sunday), else null (a day-of-month rule). */
  weekday: number | null;
}

const ALL_DAYS: readonly number[] = [0, 1, 2, 3, 4, 5, 6];

/** The local weekdays on which a schedule makes a vault point (0 = Sunday), sorted. */
export function backupWeekdays(schedule: Pick<Schedule, 'frequency' | 'days'>): number[] {
  return schedule.frequency === 'weekly' ? [...new Set(schedule.days)].sort() : [...ALL_DAYS];
}

/** How often a day rule meets a vault slot when the backup weekdays are `days`. */
export function dayRuleReach(rule: DayRule, days: readonly number[]): Reach {
  if (days.length === 0) return 'never';
  if (rule.kind === 'weekday') return days.includes(rule.weekday) ? 'always' : 'never';
  return new Set(days).size >= 7 ? 'always' : 'seldom';
}

/**
 * The active tiers of `retention` that cannot keep a point in every period when vault points
 * are made on the weekdays `days`, in TIERS order. The daily tier keeps every vault point, so
 * it is never listed (a schedule backs up on at least one day).
 */
export function unreachableTiers(retention: Retention, days: readonly number[]): TierReach[] {
  const out: TierReach[] = [];
  const { weekly, monthly, yearly } = retention;
  if (weekly !== null && weekly.count > 0 && !weekly.on.some((d) => days.includes(d)))
    out.push({ tier: 'weekly', reach: 'never', weekday: weekly.on[0] ?? null });
  for (const [tier, t] of [
    ['monthly', monthly],
    ['yearly', yearly],
  ] as const) {
    if (t === null || t.count <= 0) continue;
    const reach = tier === 'yearly' && yearly!.in.length === 0 ? 'never' : dayRuleReach(t.on, days);
    if (reach !== 'always') out.push({ tier, reach, weekday: t.on.kind === 'weekday' ? t.on.weekday : null });
  }
  return out;
}
