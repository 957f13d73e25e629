// Which GFS tiers keep a recovery point, and until when (docs/reference.md §1.4–1.5:
// "retention for daily/weekly/monthly/yearly points; weekly = backup on a certain day of
// week, monthly = certain day of month, yearly = certain day of year"; tiers daily up to
// 9999 days, weekly 5163 weeks, monthly 1188 months, yearly 99 years). Pure functions:
// a point is tagged once, when it is created; the queue (queue.ts) lapses the tags.
//
/* Assumptions (copy to docs/model.md):
 * R1. Day rules are read in the policy's time zone (schedule.timeZone) on the local date of
 *     the point's *scheduled* instant. A job starts up to 2 h late (§1.2) and may finish
 *     after local midnight; its point still belongs to the day it was scheduled for.
 * R2. Expiry is counted from the point's *creation* instant. Daily: createdAt + daily × 24 h;
 *     weekly: createdAt + count × 7 × 24 h (elapsed time, so across a DST change the wall-clock
 *     time of expiry moves by the shift). Monthly / yearly: the same local wall-clock time
 *     `count` calendar months / years later in the policy's zone, the day clamped to the
 *     target month (31 Jan + 1 month → 28/29 Feb; 29 Feb + 1 year → 28 Feb).
 * R3. Membership is half-open: a tier keeps a point while now < until; the point is live
 *     while now < expiresAt (the latest until).
 * R4. Daily tier: every vault point of a daily or hourly schedule. A weekly schedule has no
 *     daily tier: a daily count is ignored (the scenario normaliser rejects one).
 * R5. Hourly (enhanced) schedules move one point per day to the vault (§1.1: the last backup
 *     of the day). Its tiers are those of the day whose window it closes, so callers tag it
 *     with the window start (schedule.at) as its scheduled instant; other slots are
 *     snapshot-only and no tier here keeps them.
 * R6. Weekly tier: a point whose local weekday is in weekly.on. Monthly: the local date
 *     satisfies monthly.on (nth/last weekday, or day n/last day of the month). Yearly: the
 *     local month is in yearly.in and the date satisfies yearly.on.
 * R7. No substitution: if the backup on a weekly/monthly/yearly day failed (or none was
 *     scheduled that day, e.g. "day 15" with a weekly schedule), that tier keeps nothing for
 *     that period; a later point is not promoted. The same holds for the day's vault point
 *     of an hourly schedule. Azure's docs do not say; this is the literal reading.
 * R8. A null tier, or one with count ≤ 0, keeps nothing.
 * R9. Tags are fixed at creation under the retention in force then. §1.5's policy-change
 *     behaviour (extended retention applies to existing points, reduced retention is pruned)
 *     is the caller's: it re-tags and re-adds the points.
 * R10. expiresAt is when retention stops requiring the point. Azure's cleanup up to 24 h
 *     later (§1.4) and the "latest point is always kept" snapshot rule are not modelled here;
 *     instant-restore snapshots have their own retention.
 * R11. maxPointsKept is an upper bound, Σ over tiers that can keep anything of
 *     (count × points per period + 1). The +1 is real: a tier briefly holds count + 1 points
 *     when a new point arrives before the oldest lapses: monthly 1 on the first Sunday keeps
 *     6 Sep 2026 until 6 Oct while 4 Oct is already kept; a daily 30 in New York holds 31
 *     points for a while after the 23-hour spring-forward day, as it does after any job that
 *     started late. The bound holds while (createdAt − scheduledAt) + DST shift < 24 h.
 */
import { MS } from '../../engine/units.js';
import {
  addLocalMonths,
  addLocalYears,
  isDayOfMonth,
  isNthWeekdayOfMonth,
  localDayKey,
  nextDailyAt,
  type ZonedParts,
  zonedParts,
} from '../calendar.js';
import type { DayRule, Retention, Schedule } from '../scenario/types.js';
import { type PointTags, TIERS, type Tier } from './types.js';

/** Whether a local date satisfies a monthly/yearly day rule ("first Sunday", "last", day 15). */
export function matchesDayRule(parts: ZonedParts, rule: DayRule): boolean {
  return rule.kind === 'weekday'
    ? isNthWeekdayOfMonth(parts, rule.n, rule.weekday)
    : isDayOfMonth(parts, rule.day);
}

/**
 * Whether a scheduled slot produces a vault recovery point: every slot of a daily or weekly
 * schedule; for an hourly one only the slot at the window start (assumption R5).
 */
export function isVaultSlot(schedule: Schedule, scheduledAt: number): boolean {
  if (schedule.frequency !== 'hourly') return true;
  // The window start is the first instant at or after itself showing `at` (gap times moved later).
  return nextDailyAt(scheduledAt, schedule.at, schedule.timeZone) === scheduledAt;
}

const active = (count: number | undefined | null): count is number => count != null && count > 0;

/**
 * The tiers whose day rules a point scheduled at `scheduledAt` (epoch ms) meets, as a bit
 * mask (bit k: TIERS[k]): R1 and R4–R8, everything of tagPoint that does not depend on
 * when the point was created.
 */
export function tierMask(retention: Retention, schedule: Schedule, scheduledAt: number): number {
  if (!isVaultSlot(schedule, scheduledAt)) return 0;
  const { daily, weekly, monthly, yearly } = retention;
  let mask = 0;
  // §1.4: a weekly schedule has weekly/monthly/yearly tiers only (R4).
  if (active(daily) && schedule.frequency !== 'weekly') mask |= DAILY_BIT;
  if (active(weekly?.count) || active(monthly?.count) || active(yearly?.count)) {
    const local = zonedParts(scheduledAt, schedule.timeZone);
    if (weekly !== null && active(weekly.count) && weekly.on.includes(local.weekday)) mask |= WEEKLY_BIT;
    if (monthly !== null && active(monthly.count) && matchesDayRule(local, monthly.on)) mask |= MONTHLY_BIT;
    if (
      yearly !== null &&
      active(yearly.count) &&
      yearly.in.includes(local.month) &&
      matchesDayRule(local, yearly.on)
    )
      mask |= YEARLY_BIT;
  }
  return mask;
}

const DAILY_BIT = 1;
const WEEKLY_BIT = 2;
const MONTHLY_BIT = 4;
const YEARLY_BIT = 8;

// tierMask per (retention, schedule, scheduled instant): a fleet's items share their
// policy's slots, so each instant's calendar question is answered once, not once per item.
const masks = new WeakMap<Retention, WeakMap<Schedule, Map<number, number>>>();

// The last answer of cachedTierMask: a policy's items file their points one after another
// with the same slot (the daily round walks them in fleet order), so most calls ask it again.
let lastRetention: Retention | null = null;
let lastSchedule: Schedule | null = null;
let lastAt = Number.NaN;
let lastMask = 0;

/** tierMask, remembered per retention, schedule and instant (both taken as immutable). */
export function cachedTierMask(retention: Retention, schedule: Schedule, scheduledAt: number): number {
  if (scheduledAt === lastAt && retention === lastRetention && schedule === lastSchedule) return lastMask;
  lastMask = memoTierMask(retention, schedule, scheduledAt);
  lastRetention = retention;
  lastSchedule = schedule;
  lastAt = scheduledAt;
  return lastMask;
}

function memoTierMask(retention: Retention, schedule: Schedule, scheduledAt: number): number {
  let bySchedule = masks.get(retention);
  if (bySchedule === undefined) {
    bySchedule = new WeakMap();
    masks.set(retention, bySchedule);
  }
  let byInstant = bySchedule.get(schedule);
  if (byInstant === undefined) {
    byInstant = new Map();
    bySchedule.set(schedule, byInstant);
  }
  let mask = byInstant.get(scheduledAt);
  if (mask === undefined) {
    mask = tierMask(retention, schedule, scheduledAt);
    byInstant.set(scheduledAt, mask);
  }
  return mask;
}

/**
 * The until instants (R2) of the tiers in `mask` for a point created at `createdAt`, written
 * into `until` in TIERS order (NaN for a tier not in the mask); returns expiresAt (R3).
 */
export function untilsInto(
  retention: Retention,
  timeZone: string,
  mask: number,
  createdAt: number,
  until: Float64Array,
): number {
  const { daily, weekly, monthly, yearly } = retention;
  until[0] = mask & DAILY_BIT ? createdAt + daily! * MS.day : Number.NaN;
  until[1] = mask & WEEKLY_BIT ? createdAt + weekly!.count * MS.week : Number.NaN;
  until[2] = mask & MONTHLY_BIT ? addLocalMonths(createdAt, monthly!.count, timeZone) : Number.NaN;
  until[3] = mask & YEARLY_BIT ? addLocalYears(createdAt, yearly!.count, timeZone) : Number.NaN;
  let expiresAt = createdAt;
  for (let k = 0; k < TIERS.length; k++) if (mask & (1 << k)) expiresAt = Math.max(expiresAt, until[k]);
  return expiresAt;
}

/**
 * The tiers that keep a point scheduled at `scheduledAt` and created at `createdAt` (both
 * epoch ms), and until when: day rules on the scheduled local date, expiries from creation
 * (assumptions R1–R8).
 */
export function tagPoint(
  retention: Retention,
  schedule: Schedule,
  scheduledAt: number,
  createdAt: number,
): PointTags {
  const values = new Float64Array(TIERS.length);
  const mask = tierMask(retention, schedule, scheduledAt);
  const expiresAt = untilsInto(retention, schedule.timeZone, mask, createdAt, values);
  const until: Record<Tier, number | null> = { daily: null, weekly: null, monthly: null, yearly: null };
  const tiers = TIERS.filter((_, k) => mask & (1 << k));
  TIERS.forEach((tier, k) => {
    if (mask & (1 << k)) until[tier] = values[k];
  });
  return { tiers, until, expiresAt };
}

const distinctCount = (values: readonly number[], keep: (v: number) => boolean = () => true): number =>
  new Set(values.filter(keep)).size;

/**
 * The most recovery points one protected item can hold at once under a retention: an upper
 * bound (R11), not the usual figure. Property tests check every run against it.
 */
export function maxPointsKept(retention: Retention, schedule: Schedule): number {
  const { daily, weekly, monthly, yearly } = retention;
  let bound = 0;
  if (active(daily) && schedule.frequency !== 'weekly') bound += daily + 1;
  if (weekly !== null && active(weekly.count)) {
    // A weekly schedule only produces points on its own days.
    const perWeek = distinctCount(
      weekly.on,
      (d) => schedule.frequency !== 'weekly' || schedule.days.includes(d),
    );
    if (perWeek > 0) bound += weekly.count * perWeek + 1;
  }
  if (monthly !== null && active(monthly.count)) bound += monthly.count + 1;
  if (yearly !== null && active(yearly.count) && yearly.in.length > 0)
    bound += yearly.count * distinctCount(yearly.in) + 1;
  return bound;
}

// yyyymmdd → "yyyy-mm-dd".
function isoDate(epochMs: number, timeZone: string): string {
  const key = String(localDayKey(epochMs, timeZone)).padStart(8, '0');
  return `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6)}`;
}

/**
 * Why a point is kept, for reports: "kept by daily until 2026-02-03, weekly until 2026-03-29".
 * Dates are the calendar dates of the `until` instants in `timeZone` (UTC unless given).
 */
export function explain(tags: PointTags, timeZone = 'UTC'): string {
  if (tags.tiers.length === 0) return 'kept by no retention tier';
  const parts = tags.tiers.map((tier) => `${tier} until ${isoDate(tags.until[tier]!, timeZone)}`);
  return `kept by ${parts.join(', ')}`;
}
