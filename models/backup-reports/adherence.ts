// Policy adherence (docs/reference.md §16.3): "at least one successful backup every
// day", per week for weekly policies. An item's days (weekly policies: its weeks, 7-day blocks
// from the range's first day) count when a BackupItem row says it was protected then; a day is
// adherent with a successful job triggered that day, a week with one in any of its days.
// Periods of the grid: daily policies by day (ranges up to 30 days), by week (31–90) or by
// calendar month (over 90); weekly policies by week, or by a 28-day "month" over 90 days. A
// period is adherent when every counted day (week) in it is (assumption: the documentation
// does not say how a week or a month of daily results is summed up).

import { MS } from '../../engine/units.js';
import type { ItemRecord, ReportsCollector } from './collect.js';
import type { AdherenceGrid } from './types.js';

/** Days shown one by one at most (§16.3: "≤ 30 days daily, 31–90 days weekly, > 90 days monthly"). */
export const DAILY_UP_TO = 30;
/** Days shown by week at most. */
export const WEEKLY_UP_TO = 90;
/** Most non-adherent periods listed per instance. */
const MAX_LISTED = 31;

/** The adherence grids of daily (and hourly) and of weekly policies; null when no item of the kind. */
export function adherence(
  c: ReportsCollector,
  first: number,
  days: number,
  date: (d: number) => string,
  policyName: (id: string | null) => string | null,
  top: number,
): { daily: AdherenceGrid | null; weekly: AdherenceGrid | null } {
  const weekly = (it: ItemRecord) => it.policy !== null && c.policies.get(it.policy)?.frequency === 'Weekly';
  const items = [...c.items.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const dailyItems = items.filter((it) => !weekly(it));
  const weeklyItems = items.filter(weekly);
  const end = first + days;
  const dailyKind = days <= DAILY_UP_TO ? 'day' : days <= WEEKLY_UP_TO ? 'week' : 'month';
  const dailyPeriods =
    dailyKind === 'day'
      ? blocks(first, end, 1)
      : dailyKind === 'week'
        ? blocks(first, end, 7)
        : months(c, first, end);
  const weeklyKind = days <= WEEKLY_UP_TO ? 'week' : 'month';
  const weeklyPeriods = blocks(first, end, weeklyKind === 'week' ? 7 : 28);
  return {
    daily: grid(dailyItems, dailyKind, dailyPeriods, 1, first, date, policyName, top),
    weekly: grid(weeklyItems, weeklyKind, weeklyPeriods, 7, first, date, policyName, top),
  };
}

// [from, to) day blocks of `size` from `first`.
function blocks(first: number, end: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let d = first; d < end; d += size) out.push([d, Math.min(d + size, end)]);
  return out;
}

// Calendar months (UTC) of the days [first, end).
function months(c: ReportsCollector, first: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = first;
  for (let d = first + 1; d <= end; d++) {
    const month = (x: number) => new Date(c.day0 + x * MS.day).getUTCMonth();
    if (d === end || month(d) !== month(from)) {
      out.push([from, d]);
      from = d;
    }
  }
  return out;
}

// One grid: per period, the items counted and adherent; per item, its periods and misses.
function grid(
  items: ItemRecord[],
  granularity: AdherenceGrid['granularity'],
  periods: [number, number][],
  unit: number,
  first: number,
  date: (d: number) => string,
  policyName: (id: string | null) => string | null,
  top: number,
): AdherenceGrid | null {
  if (items.length === 0) return null;
  const rows = periods.map(([from]) => ({ from: date(from), items: 0, adherent: 0, nonAdherent: 0 }));
  const instances: AdherenceGrid['instances']['rows'] = [];
  for (const it of items) {
    let counted = 0;
    const misses: string[] = [];
    periods.forEach(([from, to], p) => {
      const outcome = periodOutcome(it, from, to, unit, first);
      if (outcome === null) return;
      counted++;
      rows[p].items++;
      if (outcome) rows[p].adherent++;
      else {
        rows[p].nonAdherent++;
        misses.push(date(from));
      }
    });
    if (counted > 0)
      instances.push({
        item: it.id,
        policy: policyName(it.policy),
        periods: counted,
        nonAdherent: misses.length,
        nonAdherentPeriods: misses.slice(0, MAX_LISTED),
      });
  }
  instances.sort((a, b) => b.nonAdherent - a.nonAdherent || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  return {
    granularity,
    periods: rows,
    instances: { rows: instances.slice(0, top), total: instances.length },
  };
}

// Whether the item adhered over days [from, to), in units of `unit` days counted from `first`;
// null when it was protected on none of them.
function periodOutcome(
  it: ItemRecord,
  from: number,
  to: number,
  unit: number,
  first: number,
): boolean | null {
  let counted = false;
  const start = first + Math.floor((from - first) / unit) * unit;
  for (let u = start; u < to; u += unit) {
    let isProtected = false;
    let ok = false;
    for (let d = Math.max(u, from); d < Math.min(u + unit, to); d++) {
      if (it.protectedOn[d] === 1) isProtected = true;
      if (it.ok[d] > 0) ok = true;
    }
    if (!isProtected) continue;
    counted = true;
    if (!ok) return false;
  }
  return counted ? true : null;
}
