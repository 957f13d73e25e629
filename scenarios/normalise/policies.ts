// Backup policies: raw → typed, with Azure's policy limits (docs/reference.md §1.3–1.5).

import { type Millis, MS } from '../../engine/units.js';
import { parseMonth, parseOrdinalWeekday, parseWeekday } from '../../models/calendar.js';
import type { DayRule, Policy, Retention, Schedule } from '../../models/scenario/types.js';
import { MSG } from '../messages.js';
import { formatDuration, parseDuration, parseTimeOfDay, parseTimeZone } from '../units.js';
import { type Context, normaliseByName } from './context.js';

type RawPolicy = {
  name: string;
  type?: 'standard' | 'enhanced';
  schedule: {
    frequency: Schedule['frequency'];
    at?: string;
    days?: string | string[];
    every?: string;
    window?: { start?: string; duration?: string };
    timeZone?: string;
  };
  instantRestore?: string;
  archive?: { after?: string };
  retention: {
    daily?: number;
    weekly?: { count: number; on?: string | string[] };
    monthly?: { count: number; on?: string | number };
    yearly?: { count: number; in?: string | string[]; on?: string | number };
  };
};

// §1.4: enhanced hourly intervals, and the instant-restore cap per interval (4 h → 17 d,
// 6 h → 22 d, 12 h → 30 d; 8 h is not documented — assumed 30 d, see docs/model.md).
const ENHANCED_INTERVALS: ReadonlyMap<number, number> = new Map([
  [4 * MS.hour, 17],
  [6 * MS.hour, 22],
  [8 * MS.hour, 30],
  [12 * MS.hour, 30],
]);
// §1.5: at most 9,999 recovery points per protected item; daily retention at least 7 days.
const MAX_POINTS = 9999;
const MIN_DAILY = 7;
// §1.4: hourly window start 00:00–19:30, length 4–24 h; defaults 08:00 and 24 h.
const LATEST_WINDOW_START = 19 * 60 + 30;

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const asArray = <T>(v: T | T[] | undefined, fallback: T[]): T[] =>
  v === undefined ? fallback : Array.isArray(v) ? v : [v];

/** Policies with defaults filled and every limit checked. */
export function normalisePolicies(ctx: Context, raw: RawPolicy[]): Map<string, Policy> {
  return normaliseByName(ctx, 'policy', raw, 'policies', normalisePolicy);
}

function normalisePolicy(ctx: Context, p: RawPolicy, i: number): Policy | null {
  const type = p.type ?? 'standard';
  const schedule = readSchedule(ctx, p.schedule, ['policies', i, 'schedule'], type);
  const frequency = schedule?.frequency ?? p.schedule.frequency;
  const retention = normaliseRetention(
    ctx,
    p.retention,
    ['policies', i, 'retention'],
    frequency,
    list(p.schedule.days),
  );
  const instantRestore = normaliseInstantRestore(ctx, p, i, type, schedule);
  const archive = normaliseArchive(ctx, p, i, retention);
  if (schedule === null || instantRestore === null) return null;
  return { name: p.name, type, schedule, instantRestore, retention, archive };
}

// docs/reference.md §2.4: only monthly and yearly points of Azure VMs move, once at least
// 3 months old (taken as 90 days; assumption) with at least 6 months of retention left.
const ARCHIVE_MIN_AGE = 90 * MS.day;

function normaliseArchive(ctx: Context, p: RawPolicy, i: number, retention: Retention): Policy['archive'] {
  if (p.archive === undefined) return null;
  const path = ['policies', i, 'archive'];
  if (retention.monthly === null && retention.yearly === null)
    ctx.add('policy-limit', path, MSG.archiveNeedsLongTerm());
  if (p.archive.after === undefined) return { after: ARCHIVE_MIN_AGE as Millis };
  const after = ctx.unit(parseDuration, [...path, 'after'], p.archive.after);
  if (after !== null && after < ARCHIVE_MIN_AGE)
    ctx.add('policy-limit', [...path, 'after'], MSG.archiveTooSoon(formatDuration(after)));
  return after === null ? null : { after };
}

/** The raw schedule block (shared by policies and policy changes). */
export type RawSchedule = RawPolicy['schedule'];

/** A schedule block read at `path` (a policy's, or a policy change's), for a policy of `type`; null on issues. */
export function readSchedule(
  ctx: Context,
  s: RawSchedule,
  path: readonly (string | number)[],
  type: Policy['type'],
): Schedule | null {
  const at = (field: string, ...more: string[]) => [...path, field, ...more];
  const timeZone = s.timeZone === undefined ? 'UTC' : ctx.unit(parseTimeZone, at('timeZone'), s.timeZone);
  let start = s.at === undefined ? null : ctx.unit(parseTimeOfDay, at('at'), s.at);
  let every: Millis | null = null;
  let window = MS.day as Millis;
  const days = list(s.days).map((d) => parseWeekday(d) as number);
  if (s.frequency === 'hourly') {
    // §1.3/1.4: a standard policy backs up at most once a day; hourly needs enhanced.
    if (type === 'standard') ctx.add('policy-limit', at('frequency'), MSG.hourlyNeedsEnhanced());
    if (s.every === undefined) ctx.add('required', [...path], MSG.required('every'));
    else {
      every = ctx.unit(parseDuration, at('every'), s.every);
      if (every !== null && !ENHANCED_INTERVALS.has(every))
        ctx.add('policy-limit', at('every'), MSG.hourlyInterval(formatDuration(every)), {
          allowed: '4h, 6h, 8h, 12h',
        });
    }
    start =
      s.window?.start === undefined
        ? 8 * 60
        : ctx.unit(parseTimeOfDay, at('window', 'start'), s.window.start);
    if (start !== null && start > LATEST_WINDOW_START)
      ctx.add('policy-limit', at('window', 'start'), MSG.windowStart(s.window?.start ?? ''));
    if (s.window?.duration !== undefined) {
      const d = ctx.unit(parseDuration, at('window', 'duration'), s.window.duration);
      if (d !== null && (d < 4 * MS.hour || d > 24 * MS.hour || d % MS.hour !== 0))
        ctx.add('policy-limit', at('window', 'duration'), MSG.windowDuration(formatDuration(d)));
      else if (d !== null) window = d;
    }
    if (s.at !== undefined)
      ctx.add('policy-limit', at('at'), MSG.fieldNotFor('at', 'hourly', 'window.start'));
  } else {
    if (s.at === undefined) ctx.add('required', [...path], MSG.required('at'));
    if (s.every !== undefined)
      ctx.add('policy-limit', at('every'), MSG.fieldNotFor('every', s.frequency, null));
    if (s.window !== undefined)
      ctx.add('policy-limit', at('window'), MSG.fieldNotFor('window', s.frequency, null));
  }
  if (s.frequency === 'weekly' && days.length === 0) ctx.add('required', [...path], MSG.required('days'));
  if (s.frequency !== 'weekly' && s.days !== undefined)
    ctx.add('policy-limit', at('days'), MSG.fieldNotFor('days', s.frequency, null));
  if (timeZone === null || start === null) return null;
  return { frequency: s.frequency, at: start, days: [...new Set(days)].sort(), every, window, timeZone };
}

function normaliseInstantRestore(
  ctx: Context,
  p: RawPolicy,
  i: number,
  type: Policy['type'],
  schedule: Schedule | null,
): Millis | null {
  const path = ['policies', i, 'instantRestore'];
  const weekly = p.schedule.frequency === 'weekly';
  // §1.4: standard 1–5 days (default 2; weekly fixed at 5); enhanced 1–30 (default 7, capped by interval).
  const fallback = type === 'standard' ? (weekly ? 5 : 2) : 7;
  if (p.instantRestore === undefined) {
    const cap = type === 'enhanced' && schedule?.every ? ENHANCED_INTERVALS.get(schedule.every) : undefined;
    return ((cap !== undefined ? Math.min(fallback, cap) : fallback) * MS.day) as Millis;
  }
  const value = ctx.unit(parseDuration, path, p.instantRestore);
  if (value === null) return null;
  const days = value / MS.day;
  let max = type === 'standard' ? 5 : 30;
  if (type === 'enhanced' && schedule?.every) max = ENHANCED_INTERVALS.get(schedule.every) ?? max;
  if (type === 'standard' && weekly && days !== 5) {
    ctx.add('policy-limit', path, MSG.instantRestoreWeekly(formatDuration(value)), { allowed: '5d' });
  } else if (!Number.isInteger(days) || days < 1 || days > max) {
    const why = type === 'enhanced' && schedule?.every ? ` every ${formatDuration(schedule.every)}` : '';
    ctx.add('policy-limit', path, MSG.instantRestoreRange(type + why, max, formatDuration(value)), {
      allowed: `1d to ${max}d`,
    });
  }
  return value;
}

/** The raw retention block (shared by policies and MARS servers). */
export type RawRetention = RawPolicy['retention'];

/**
 * Retention with Azure's tier rules checked at `path`. `frequency` is the schedule's;
 * `scheduledDays` are the weekdays a weekly schedule runs on (weekly points must fall on one).
 */
export function normaliseRetention(
  ctx: Context,
  r: RawRetention,
  path: (string | number)[],
  frequency: Schedule['frequency'],
  scheduledDays: string[],
): Retention {
  const at = (...more: (string | number)[]) => [...path, ...more];
  // §1.4/1.5: a weekly schedule has no daily points; a daily or hourly one needs a daily tier, at least 7 days.
  if (frequency === 'weekly' && r.daily !== undefined)
    ctx.add('policy-limit', at('daily'), MSG.dailyOnWeekly());
  if (frequency !== 'weekly' && r.daily === undefined) ctx.add('required', at(), MSG.required('daily'));
  if (frequency === 'weekly' && r.weekly === undefined) ctx.add('required', at(), MSG.required('weekly'));
  if (r.daily !== undefined && r.daily < MIN_DAILY)
    ctx.add('policy-limit', at('daily'), MSG.dailyMinimum(r.daily));
  // Weekly points default to Sunday, or to the first scheduled day of a weekly schedule.
  const weeklyDefault = frequency === 'weekly' && scheduledDays.length > 0 ? [scheduledDays[0]] : ['Sunday'];
  const weeklyDays = asArray(r.weekly?.on, weeklyDefault).map((d) => parseWeekday(d) as number);
  if (frequency === 'weekly') {
    const scheduled = new Set(scheduledDays.map((d) => parseWeekday(d)));
    weeklyDays.forEach((d, k) => {
      if (!scheduled.has(d))
        ctx.add(
          'policy-limit',
          at('weekly', 'on', ...(Array.isArray(r.weekly?.on) ? [k] : [])),
          MSG.weeklyNotScheduled(),
        );
    });
  }
  const total = (r.daily ?? 0) + (r.weekly?.count ?? 0) + (r.monthly?.count ?? 0) + (r.yearly?.count ?? 0);
  if (total > MAX_POINTS) ctx.add('policy-limit', at(), MSG.tooManyPoints(total, MAX_POINTS));
  return {
    daily: r.daily ?? null,
    weekly: r.weekly === undefined ? null : { count: r.weekly.count, on: [...new Set(weeklyDays)].sort() },
    monthly: r.monthly === undefined ? null : { count: r.monthly.count, on: dayRule(r.monthly.on) },
    yearly:
      r.yearly === undefined
        ? null
        : {
            count: r.yearly.count,
            in: [...new Set(asArray(r.yearly.in, ['January']).map((m) => parseMonth(m) as number))].sort(
              (a, b) => a - b,
            ),
            on: dayRule(r.yearly.on),
          },
  };
}

// The schema has already restricted the text to the forms read here.
function dayRule(on: string | number | undefined): DayRule {
  if (on === undefined) return { kind: 'weekday', n: 1, weekday: 0 };
  if (typeof on === 'number') return { kind: 'day', day: on };
  if (on === 'last') return { kind: 'day', day: 'last' };
  const parsed = parseOrdinalWeekday(on);
  return parsed === null
    ? { kind: 'day', day: 1 }
    : { kind: 'weekday', n: parsed.n, weekday: parsed.weekday };
}

/** The most recovery points one item can hold under a retention (upper bound, §1.5). */
export function maxRecoveryPoints(r: Retention): number {
  return (r.daily ?? 0) + (r.weekly?.count ?? 0) + (r.monthly?.count ?? 0) + (r.yearly?.count ?? 0);
}
