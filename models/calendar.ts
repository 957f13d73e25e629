// The one calendar module (DESIGN.md "Time"): every question about local dates and
// times in a time zone is answered here, and nothing else does date arithmetic.
//
// Instants are epoch milliseconds (UTC). A "local" value is the wall-clock reading in a
// zone, written as if it were UTC ms (local = instant + offset), so local dates are plain
// integer arithmetic: local day number = floor(local / day), 1970-01-01 being day 0.
//
// Speed: policies ask for the next 22:30 once per backup per VM, millions of times, so
// Intl is kept off the hot path. `UTC` and `Etc/GMT±N` are fixed offsets and never touch
// Intl. Other zones learn their offsets from Intl one UTC day at a time: a day whose
// offset is the same at both ends is taken as constant (no real zone changes offset twice
// within 24 hours and back), a day whose ends differ has its transition found to the
// second by bisection. After that an offset is a Map lookup.
//
// DST rules (an assumption, following RFC 5545 §3.3.5 and Temporal's 'compatible' mode;
// Azure Backup's docs say only that it does not adjust schedules for DST, docs/reference.md §1.3):
// - a local time that does not exist (the spring-forward gap) is read with the offset
//   before the gap, so it lands later by the gap: 02:30 on 2026-03-08 in New York is 03:30 EDT;
// - a local time that occurs twice (fall back) means its first occurrence: 01:30 on
//   2026-11-01 in New York is 01:30 EDT, not EST.
// Offsets come from the runtime's ICU time zone data, so a zone's rules are those of the
// Node version that runs the scenario.
import { MS } from '../engine/units.js';

/** Milliseconds since 1970-01-01T00:00:00Z: an absolute instant (not simulation time). */
export type EpochMs = number;

/** A wall-clock reading in a zone; `month` is 1–12 and `weekday` 0 = Sunday … 6 = Saturday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** A local date and time to resolve to an instant; out-of-range fields roll over like Date.UTC. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/** The n of "first/second/third/fourth/last Sunday of the month". */
export type WeekdayOrdinal = 1 | 2 | 3 | 4 | 'last';

const DAY = MS.day;
const HOUR = MS.hour;
const MINUTE = MS.minute;
const SECOND = MS.second;
// Widest real UTC offset is about ±15h (historical local mean time); 18h is a safe margin.
const MAX_OFFSET = 18 * HOUR;

// ---------------------------------------------------------------- civil date arithmetic

// Proleptic Gregorian date ↔ days since 1970-01-01 (H. Hinnant, "chrono-compatible
// low-level date algorithms"), exact for any year in the safe-integer range.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
  };
}

// 1970-01-01 was a Thursday.
const weekdayOfDay = (days: number): number => (((days + 4) % 7) + 7) % 7;

function localMsOf(p: LocalDateTime): number {
  // Normalise the month first so month 13 or 0 rolls the year, as Date.UTC does.
  const m0 = p.month - 1;
  const year = p.year + Math.floor(m0 / 12);
  const month = m0 - Math.floor(m0 / 12) * 12 + 1;
  const days = daysFromCivil(year, month, 1) + p.day - 1;
  return days * DAY + p.hour * HOUR + p.minute * MINUTE + (p.second ?? 0) * SECOND;
}

function partsOfLocal(local: number): ZonedParts {
  const days = Math.floor(local / DAY);
  const { year, month, day } = civilFromDays(days);
  const inDay = local - days * DAY;
  return {
    year,
    month,
    day,
    hour: Math.floor(inDay / HOUR),
    minute: Math.floor((inDay % HOUR) / MINUTE),
    second: Math.floor((inDay % MINUTE) / SECOND),
    weekday: weekdayOfDay(days),
  };
}

/** Whether a (proleptic Gregorian) year has 29 February. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** The number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// ---------------------------------------------------------------- zones and offsets

// Offsets known for one UTC day: `before` until the instant `at`, `after` from it on
// (`at` is Infinity when the offset is constant all day).
interface DayOffsets {
  before: number;
  after: number;
  at: number;
}

interface Zone {
  /** Constant offset in ms, or null when the zone's offsets come from Intl. */
  fixed: number | null;
  format: Intl.DateTimeFormat | null;
  days: Map<number, DayOffsets>;
  lastDay: number;
  lastEntry: DayOffsets | null;
}

const zones = new Map<string, Zone>();
let lastName = '';
let lastZone: Zone | null = null;

// Names whose offset never changes, answered without Intl. Etc/GMT signs are POSIX-style,
// inverted: Etc/GMT+5 is UTC−05:00.
function fixedOffsetOf(name: string): number | null {
  if (name === 'UTC' || name === 'Etc/UTC' || name === 'GMT' || name === 'Etc/GMT') return 0;
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(name);
  if (m === null) return null;
  const hours = Number(m[2]);
  if ((m[1] === '+' && hours > 12) || (m[1] === '-' && hours > 14)) return null;
  return (m[1] === '+' ? -hours : hours) * HOUR;
}

function makeFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    // The era tells 1 BC (year 0 here, proleptic) from AD 1: a start in January of year 1
    // is still 1 BC west of Greenwich.
    era: 'short',
    weekday: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

// Throws RangeError for a name Intl does not know: callers pass names the scenario
// loader has already checked (scenarios/units.ts isTimeZone).
function zoneOf(name: string): Zone {
  if (name === lastName && lastZone !== null) return lastZone;
  let zone = zones.get(name);
  if (zone === undefined) {
    const fixed = fixedOffsetOf(name);
    zone = {
      fixed,
      format: fixed === null ? makeFormat(name) : null,
      days: new Map(),
      lastDay: Number.NaN,
      lastEntry: null,
    };
    zones.set(name, zone);
  }
  lastName = name;
  lastZone = zone;
  return zone;
}

const WEEKDAY_SHORT: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function intlParts(format: Intl.DateTimeFormat, epochMs: number): ZonedParts {
  const p: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  let beforeChrist = false;
  for (const { type, value } of format.formatToParts(epochMs)) {
    if (type === 'weekday') p.weekday = WEEKDAY_SHORT[value];
    else if (type === 'era') beforeChrist = value.startsWith('B');
    else if (
      type === 'year' ||
      type === 'month' ||
      type === 'day' ||
      type === 'minute' ||
      type === 'second'
    ) {
      p[type] = Number(value);
    } else if (type === 'hour') p.hour = Number(value) % 24; // some ICU versions say 24 at midnight
  }
  // Intl counts 1 BC, 2 BC, …; the civil arithmetic counts years 0, −1, … (astronomical).
  if (beforeChrist) p.year = 1 - p.year;
  return p;
}

// The offset at a whole-second instant, straight from Intl (slow: a formatToParts call).
function intlOffset(format: Intl.DateTimeFormat, epochMs: number): number {
  return localMsOf(intlParts(format, epochMs)) - epochMs;
}

function dayOffsets(zone: Zone, day: number): DayOffsets {
  if (day === zone.lastDay) return zone.lastEntry!;
  let entry = zone.days.get(day);
  if (entry === undefined) {
    const format = zone.format!;
    const start = day * DAY;
    const before = zone.days.get(day - 1)?.after ?? intlOffset(format, start);
    const after = zone.days.get(day + 1)?.before ?? intlOffset(format, start + DAY);
    let at = Number.POSITIVE_INFINITY;
    if (before !== after) {
      // Bisect to the first whole second with the new offset (tz transitions are on whole seconds).
      let lo = start;
      let hi = start + DAY;
      while (hi - lo > SECOND) {
        const mid = lo + Math.floor((hi - lo) / 2 / SECOND) * SECOND;
        if (intlOffset(format, mid) === before) lo = mid;
        else hi = mid;
      }
      at = hi;
    }
    entry = { before, after, at };
    zone.days.set(day, entry);
  }
  zone.lastDay = day;
  zone.lastEntry = entry;
  return entry;
}

function offsetAt(zone: Zone, epochMs: number): number {
  if (zone.fixed !== null) return zone.fixed;
  const e = dayOffsets(zone, Math.floor(epochMs / DAY));
  return epochMs < e.at ? e.before : e.after;
}

// The instant showing wall-clock reading `local`, by the DST rules in the header: of the
// offsets in force near `local`, those that reproduce it are valid and the earliest instant
// wins; when none does (a gap) the offset before the gap is used.
function instantOf(zone: Zone, local: number): EpochMs {
  if (zone.fixed !== null) return local - zone.fixed;
  const first = Math.floor((local - MAX_OFFSET) / DAY);
  const last = Math.floor((local + MAX_OFFSET) / DAY);
  const e0 = dayOffsets(zone, first);
  let constant = e0.at === Number.POSITIVE_INFINITY;
  for (let d = first + 1; constant && d <= last; d++) {
    const e = dayOffsets(zone, d);
    constant = e.at === Number.POSITIVE_INFINITY && e.before === e0.before;
  }
  if (constant) return local - e0.before;
  let best = Number.POSITIVE_INFINITY;
  let largest = Number.NEGATIVE_INFINITY;
  for (let d = first; d <= last; d++) {
    const e = dayOffsets(zone, d);
    for (const o of [e.before, e.after]) {
      if (o > largest) largest = o;
      if (local - o < best && offsetAt(zone, local - o) === o) best = local - o;
    }
  }
  if (best !== Number.POSITIVE_INFINITY) return best;
  // In a gap: the earliest candidate instant still has the offset from before the gap.
  return local - offsetAt(zone, local - largest);
}

const localOf = (zone: Zone, epochMs: number): number => epochMs + offsetAt(zone, epochMs);

// ---------------------------------------------------------------- public API

/** The wall-clock date, time and weekday at an instant in an IANA time zone. */
export function zonedParts(epochMs: EpochMs, timeZone: string): ZonedParts {
  return partsOfLocal(localOf(zoneOf(timeZone), epochMs));
}

/** The same as zonedParts but read straight from Intl on every call: slow, the reference for tests. */
export function zonedPartsViaIntl(epochMs: EpochMs, timeZone: string): ZonedParts {
  let format = referenceFormats.get(timeZone);
  if (format === undefined) {
    format = makeFormat(timeZone);
    referenceFormats.set(timeZone, format);
  }
  return intlParts(format, epochMs);
}
const referenceFormats = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset in ms (local − UTC) in force at an instant in a zone: −18 000 000 for New York in winter. */
export function utcOffsetAt(epochMs: EpochMs, timeZone: string): number {
  return offsetAt(zoneOf(timeZone), epochMs);
}

/** The instant a local date and time denotes in a zone; a gap time moves later by the gap, a repeated time means its first occurrence. */
export function zonedToEpoch(local: LocalDateTime, timeZone: string): EpochMs {
  return instantOf(zoneOf(timeZone), localMsOf(local));
}

/** The first instant at or after `after` whose local time is `minutesOfDay` (0–1439), gap times moved later by the gap. */
export function nextDailyAt(after: EpochMs, minutesOfDay: number, timeZone: string): EpochMs {
  const zone = zoneOf(timeZone);
  const at = minutesOfDay * MINUTE;
  if (zone.fixed !== null) {
    const local = after + zone.fixed;
    const candidate = Math.floor(local / DAY) * DAY + at;
    return (candidate >= local ? candidate : candidate + DAY) - zone.fixed;
  }
  let day = Math.floor(localOf(zone, after) / DAY);
  let t = instantOf(zone, day * DAY + at);
  // One step normally; a loop only for zones that skipped a whole day (Pacific/Apia, 2011).
  while (t < after) t = instantOf(zone, ++day * DAY + at);
  return t;
}

/** The first instant at or after `after` on one of `weekdays` (0 = Sunday) at local `minutesOfDay`; throws if `weekdays` is empty. */
export function nextWeeklyAt(
  after: EpochMs,
  weekdays: readonly number[],
  minutesOfDay: number,
  timeZone: string,
): EpochMs {
  let mask = 0;
  for (const w of weekdays) mask |= 1 << w;
  if ((mask & 0x7f) === 0) throw new RangeError('nextWeeklyAt needs at least one weekday from 0 to 6');
  const zone = zoneOf(timeZone);
  const first = Math.floor(localOf(zone, after) / DAY);
  // Today's slot may have passed, so look up to a week and a day ahead (two weeks for Apia).
  for (let day = first; ; day++) {
    if ((mask & (1 << weekdayOfDay(day))) === 0) continue;
    const t = instantOf(zone, day * DAY + minutesOfDay * MINUTE);
    if (t >= after) return t;
  }
}

/** The first instant of the local day containing `epochMs` (midnight, or the end of a gap over midnight). */
export function startOfLocalDay(epochMs: EpochMs, timeZone: string): EpochMs {
  const zone = zoneOf(timeZone);
  return instantOf(zone, Math.floor(localOf(zone, epochMs) / DAY) * DAY);
}

/** The local date at an instant as an integer yyyymmdd (20260131), for bucketing by day. */
export function localDayKey(epochMs: EpochMs, timeZone: string): number {
  const { year, month, day } = civilFromDays(Math.floor(localOf(zoneOf(timeZone), epochMs) / DAY));
  return year * 10000 + month * 100 + day;
}

/** The instant `days` local days later (or earlier) at the same wall-clock time, by the same DST rules. */
export function addLocalDays(epochMs: EpochMs, days: number, timeZone: string): EpochMs {
  const zone = zoneOf(timeZone);
  return instantOf(zone, localOf(zone, epochMs) + days * DAY);
}

/**
 * The instant `months` calendar months later (or earlier) at the same wall-clock time, the
 * day clamped to the target month's length (31 January + 1 → 28 or 29 February), by the
 * same DST rules: for monthly retention, "kept 12 months".
 */
export function addLocalMonths(epochMs: EpochMs, months: number, timeZone: string): EpochMs {
  const zone = zoneOf(timeZone);
  const local = localOf(zone, epochMs);
  const days = Math.floor(local / DAY);
  const { year, month, day } = civilFromDays(days);
  const m0 = month - 1 + months;
  const y = year + Math.floor(m0 / 12);
  const m = m0 - Math.floor(m0 / 12) * 12 + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return instantOf(zone, daysFromCivil(y, m, d) * DAY + (local - days * DAY));
}

/** The instant `years` calendar years later (or earlier) at the same wall-clock time; 29 February becomes 28 February in a common year. */
export function addLocalYears(epochMs: EpochMs, years: number, timeZone: string): EpochMs {
  return addLocalMonths(epochMs, 12 * years, timeZone);
}

/** Whether a local date is the nth (1–4) or last given weekday (0 = Sunday) of its month. */
export function isNthWeekdayOfMonth(parts: ZonedParts, n: WeekdayOrdinal, weekday: number): boolean {
  if (parts.weekday !== weekday) return false;
  if (n === 'last') return parts.day + 7 > daysInMonth(parts.year, parts.month);
  return Math.ceil(parts.day / 7) === n;
}

/** Whether a local date is the given day of its month (1–31), or its last day for `'last'`. */
export function isDayOfMonth(parts: ZonedParts, day: number | 'last'): boolean {
  return day === 'last' ? parts.day === daysInMonth(parts.year, parts.month) : parts.day === day;
}

// ---------------------------------------------------------------- names

/** English weekday names, index 0 = Sunday. */
export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
/** English month names, index 0 = January (month 1). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The English name of a weekday (0 = Sunday). */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday];
}

/** The English name of a month (1 = January). */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1];
}

// Full name or its first three letters, any case.
function nameIndex(names: readonly string[], text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t.length < 3) return null;
  const i = names.findIndex((n) => n.toLowerCase() === t || n.slice(0, 3).toLowerCase() === t);
  return i < 0 ? null : i;
}

/** Reads `Sunday`, `sun`, `SUN` as a weekday number (0 = Sunday), or null. */
export function parseWeekday(text: string): number | null {
  return nameIndex(WEEKDAY_NAMES, text);
}

/** Reads `January`, `jan` as a month number (1 = January), or null. */
export function parseMonth(text: string): number | null {
  const i = nameIndex(MONTH_NAMES, text);
  return i === null ? null : i + 1;
}

const ORDINALS = new Map<string, WeekdayOrdinal>([
  ['first', 1],
  ['1st', 1],
  ['second', 2],
  ['2nd', 2],
  ['third', 3],
  ['3rd', 3],
  ['fourth', 4],
  ['4th', 4],
  ['last', 'last'],
]);

/** Reads `first Sunday`, `last Saturday`, `2nd mon` as {n, weekday}, or null. */
export function parseOrdinalWeekday(text: string): { n: WeekdayOrdinal; weekday: number } | null {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(text);
  if (m === null) return null;
  const n = ORDINALS.get(m[1].toLowerCase());
  const weekday = parseWeekday(m[2]);
  return n === undefined || weekday === null ? null : { n, weekday };
}
