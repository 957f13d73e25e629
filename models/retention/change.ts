// A retention that changes while recovery points exist (docs/reference.md §18.5,
// §13.7; docs/reference.md §1.5, §2.3): whether the change shortens or lengthens what a
// policy keeps (an immutable vault blocks the first, §18.3), and the tags an existing point
// has under the new retention. Pure functions.
//
// Rules, as the sources state them and as read here:
// - The new retention applies to existing points: a longer one keeps them longer, a shorter one
//   marks them for the next cleanup (§18.5: "marked for pruning in the next cleanup job").
// - Points are not re-tagged: a point kept only by the daily tier does not become weekly when a
//   weekly tier is added (§13.7); only the tiers it was tagged with at creation are recomputed.
// - A tier the new retention drops: daily points are cleaned up ("changed from daily to weekly:
//   the existing daily recovery points are cleaned up"); weekly, monthly and yearly points keep
//   their until ("changed from weekly to daily: the existing weekly backups will be retained
//   based on the number of days remaining according to the current retention policy"; the same
//   reading for monthly and yearly is an assumption).
// - On-demand points are not affected (§13.7); callers leave them alone.
// - "Shorter" and "longer" compare each tier's count (days, weeks, months, years); a tier a
//   weekly schedule cannot have (daily, R4 in tags.ts) counts 0. Changing which weekday or day
//   of the month a tier keeps is neither (assumption: the sources only speak of durations).

import { MS } from '../../engine/units.js';
import { addLocalMonths, addLocalYears } from '../calendar.js';
import type { Retention, Schedule } from '../scenario/types.js';
import { type PointTags, TIERS, type Tier } from './types.js';

/** A policy's retention with the schedule it applies to (a weekly schedule has no daily tier). */
export interface RetentionRule {
  retention: Retention;
  schedule: Schedule;
}

// Each tier's count, 0 when the tier keeps nothing.
function counts({ retention: r, schedule }: RetentionRule): number[] {
  const n = (c: number | null | undefined) => (c != null && c > 0 ? c : 0);
  return [
    schedule.frequency === 'weekly' ? 0 : n(r.daily),
    n(r.weekly?.count),
    n(r.monthly?.count),
    n(r.yearly?.count),
  ];
}

/** Whether `next` keeps some tier's points for less time than `prev`, or drops a tier it had (§18.3's "reduce retention"). */
export function reducesRetention(prev: RetentionRule, next: RetentionRule): boolean {
  const a = counts(prev);
  const b = counts(next);
  return a.some((c, k) => c > 0 && b[k] < c);
}

/** Whether `next` keeps some tier's points longer than `prev`, or adds a tier (§18.3's "increase retention"). */
export function increasesRetention(prev: RetentionRule, next: RetentionRule): boolean {
  const a = counts(prev);
  const b = counts(next);
  return b.some((c, k) => c > a[k]);
}

/**
 * The tags of a point created at `createdAt` (epoch ms) once the retention becomes `next` at
 * `now` (epoch ms): the tiers it was tagged with, their untils recomputed (R2 of tags.ts), a
 * dropped daily tier lapsing now, another dropped tier keeping its until. The point expires
 * at the next cleanup when no tier keeps it past `now`.
 */
export function retag(tags: PointTags, createdAt: number, next: RetentionRule, now: number): PointTags {
  const c = counts(next);
  const { timeZone } = next.schedule;
  const r = next.retention;
  const recomputed: Record<Tier, (old: number) => number> = {
    daily: (old) => (c[0] > 0 ? createdAt + c[0] * MS.day : Math.min(old, now)),
    weekly: (old) => (c[1] > 0 ? createdAt + c[1] * MS.week : old),
    monthly: (old) => (c[2] > 0 ? addLocalMonths(createdAt, r.monthly!.count, timeZone) : old),
    yearly: (old) => (c[3] > 0 ? addLocalYears(createdAt, r.yearly!.count, timeZone) : old),
  };
  const until: Record<Tier, number | null> = { daily: null, weekly: null, monthly: null, yearly: null };
  let expiresAt = createdAt;
  for (const tier of TIERS) {
    const old = tags.until[tier];
    if (old === null) continue;
    until[tier] = recomputed[tier](old);
    expiresAt = Math.max(expiresAt, until[tier]!);
  }
  return { tiers: TIERS.filter((t) => until[t] !== null), until, expiresAt };
}
