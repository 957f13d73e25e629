// The only place where scenario text becomes numbers, and the formatters that turn
// them back. Parsers take what the YAML loader produced (`unknown`) and return a result,
// never throw: a problem is data (`expected`, optionally `allowed`) that the loader turns
// into a positioned error. Formatters write the canonical text that parses back exactly.
//
// Decisions (one place, so the loader, reports and docs agree):
// - Surrounding whitespace is trimmed. Sizes, bandwidths and percentages may have one space
//   before the unit (`128 GiB`, as the published schema allows); durations have none (`1h30m`).
// - Bare numbers are never a quantity: a YAML `128` is rejected, because the unit is the
//   part people get wrong (GB or GiB? Mbps or MB/s?).
// - Durations are integer milliseconds. Each part of a duration must come to whole
//   milliseconds (`1.5h` yes, `0.0001s` no). Months and years are rejected: not fixed length.
// - Sizes are rounded to the nearest byte (`0.1KiB` is 102 bytes); decimal units are 1000^n
//   and binary units 1024^n, never mixed up.
// - Bandwidths are rounded to whole bits per second (byte rates to whole bytes per
//   second), then stored as bytes per second, so the value is always a multiple of 1/8.
// - Percentages are fractions (3% → 0.03), from 0% to 100% unless the caller raises `max`.
// - Instants must carry `Z` or an offset; a wall time alone is ambiguous.
// - Everything must stay within Number.MAX_SAFE_INTEGER so the arithmetic is exact.
// - Canonical text (what format* writes) parses back to the same number: the largest unit
//   that is exact with at most 3 decimals (`1.5GiB`, `1088MiB`); humanSize is for reading.
import {
  type Bytes,
  type BytesPerSec,
  bytes,
  bytesPerSec,
  type Millis,
  MS,
  millis,
} from '../engine/units.js';

/** What a unit parser returns: the value, or what was expected (and which units are allowed). */
export type UnitResult<T> = { ok: true; value: T } | { ok: false; expected: string; allowed?: string };

/** Every sentence the unit parsers can say, completing "expected …" (one catalog, STYLE.md §9). */
export const UNIT_EXPECTED = {
  duration: 'a duration like 15m, 4h, 30d or PT15M',
  durationNegative: 'a duration that is not negative, like 15m',
  durationCalendar:
    'a duration of fixed length: months and years vary in length, so write days or weeks (like P30D or 4w) instead',
  durationOrder: 'a duration with each unit once, largest first, like 1d2h30m',
  durationWholeMs: 'a duration in whole milliseconds, like 1.5s or 1500ms',
  size: 'a size like 128GiB',
  sizeNegative: 'a size that is not negative, like 128GiB',
  bandwidth: 'a bandwidth like 100Mbps, 1Gbps or 50MB/s',
  bandwidthNegative: 'a bandwidth that is not negative, like 100Mbps',
  percent: 'a percentage like 3%',
  percentRange: (max: number) => `a percentage from 0% to ${max}%`,
  instant: 'an instant like 2026-01-01T00:00:00Z',
  instantZone:
    'an instant with Z or a UTC offset, like 2026-01-01T00:00:00Z or 2026-01-01T02:00:00+02:00 (a local time without one is ambiguous)',
  instantRange: 'an instant with a real calendar date and a time from 00:00:00 to 23:59:59',
  instantWholeMs: 'an instant in whole milliseconds (at most 3 decimals on the seconds)',
  timeOfDay: 'a time of day like 22:30 (quote it in YAML)',
  timeOfDayRange: 'a time of day from 00:00 to 23:59',
  timeZone: 'an IANA time zone like America/New_York, Europe/London or UTC',
  tooLarge: 'a value small enough to be exact (below 2^53 in its base unit)',
} as const;

/** The units each parser accepts, for the `allowed` part of an error. */
export const UNIT_ALLOWED = {
  duration: 'ms, s, m, h, d, w (combined largest first, like 1h30m), or ISO 8601 like PT15M, P1DT2H, P2W',
  size: 'B, KB, KiB, MB, MiB, GB, GiB, TB, TiB, PB, PiB',
  bandwidth: 'bps, Kbps, Mbps, Gbps, Tbps, or a size per second like 50MB/s or 20MiB/s',
} as const;

const fail = <T>(expected: string, allowed?: string): UnitResult<T> =>
  allowed === undefined ? { ok: false, expected } : { ok: false, expected, allowed };
const ok = <T>(value: T): UnitResult<T> => ({ ok: true, value });
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** The trimmed text of a YAML string, or null for anything else (numbers, booleans, null). */
function textOf(input: unknown): string | null {
  return typeof input === 'string' ? input.trim() : null;
}

// A decimal literal times an integer factor, in exact integer arithmetic: the quotient,
// whether it was exact, and the value rounded half up.
function scale(digits: string, factor: bigint): { exact: boolean; rounded: bigint } {
  const [whole, frac = ''] = digits.split(/[.,]/);
  const num = BigInt(whole + frac) * factor;
  const den = 10n ** BigInt(frac.length);
  const q = num / den;
  const r = num % den;
  return { exact: r === 0n, rounded: 2n * r >= den ? q + 1n : q };
}

// ---------------------------------------------------------------- durations

const DURATION_UNITS: Record<string, bigint> = {
  w: BigInt(MS.week),
  d: BigInt(MS.day),
  h: BigInt(MS.hour),
  m: BigInt(MS.minute),
  s: BigInt(MS.second),
  ms: 1n,
};
const DURATION_ORDER = ['w', 'd', 'h', 'm', 's', 'ms'];
const NUM = '\\d+(?:\\.\\d+)?';
const COMPACT = new RegExp(`^(?:${NUM}(?:ms|w|d|h|m|s))+$`);
const COMPACT_PART = new RegExp(`(${NUM})(ms|w|d|h|m|s)`, 'g');
const ISO_NUM = '\\d+(?:[.,]\\d+)?';
const ISO = new RegExp(
  `^P(?:(${ISO_NUM})W)?(?:(${ISO_NUM})D)?(?:T(?:(${ISO_NUM})H)?(?:(${ISO_NUM})M)?(?:(${ISO_NUM})S)?)?$`,
);

/** Parses `90s`, `1h30m`, `1.5h`, `30d`, `2w`, `500ms` or ISO 8601 `PT15M`, `P1DT2H`, `P2W` into integer ms. */
export function parseDuration(input: unknown): UnitResult<Millis> {
  const text = textOf(input);
  if (text === null || text === '') return fail(UNIT_EXPECTED.duration, UNIT_ALLOWED.duration);
  if (text.startsWith('-')) return fail(UNIT_EXPECTED.durationNegative);
  if (text.startsWith('P')) return parseIsoDuration(text);
  if (!COMPACT.test(text)) return fail(UNIT_EXPECTED.duration, UNIT_ALLOWED.duration);
  const parts: [string, string][] = [];
  for (const m of text.matchAll(COMPACT_PART)) parts.push([m[1], m[2]]);
  let last = -1;
  for (const [, unit] of parts) {
    const rank = DURATION_ORDER.indexOf(unit);
    if (rank <= last) return fail(UNIT_EXPECTED.durationOrder, UNIT_ALLOWED.duration);
    last = rank;
  }
  return sumDuration(parts);
}

function parseIsoDuration(text: string): UnitResult<Millis> {
  const m = ISO.exec(text);
  if (m === null) {
    // P1M, P1Y2M, P1Y: a calendar period, not a fixed span of time.
    if (/^P[^T]*[YM]/.test(text)) return fail(UNIT_EXPECTED.durationCalendar);
    return fail(UNIT_EXPECTED.duration, UNIT_ALLOWED.duration);
  }
  if (text === 'P' || text.endsWith('T')) return fail(UNIT_EXPECTED.duration, UNIT_ALLOWED.duration);
  const units = ['w', 'd', 'h', 'm', 's'];
  const parts: [string, string][] = [];
  units.forEach((unit, i) => {
    if (m[i + 1] !== undefined) parts.push([m[i + 1], unit]);
  });
  return sumDuration(parts);
}

function sumDuration(parts: [string, string][]): UnitResult<Millis> {
  let total = 0n;
  for (const [digits, unit] of parts) {
    const { exact, rounded } = scale(digits, DURATION_UNITS[unit]);
    if (!exact) return fail(UNIT_EXPECTED.durationWholeMs);
    total += rounded;
  }
  if (total > MAX_EXACT) return fail(UNIT_EXPECTED.tooLarge);
  return ok(millis(Number(total)));
}

/** Writes a duration in canonical compact form, largest unit first: `1d2h`, `15m`, `0s`, `500ms`. */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = Math.round(ms);
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, size] of [
    ['d', MS.day],
    ['h', MS.hour],
    ['m', MS.minute],
    ['s', MS.second],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

// ---------------------------------------------------------------- sizes

const KB = 1000n;
const KIB = 1024n;
const SIZE_UNITS: Record<string, bigint> = {
  B: 1n,
  kB: KB,
  KB: KB,
  KiB: KIB,
  MB: KB ** 2n,
  MiB: KIB ** 2n,
  GB: KB ** 3n,
  GiB: KIB ** 3n,
  TB: KB ** 4n,
  TiB: KIB ** 4n,
  PB: KB ** 5n,
  PiB: KIB ** 5n,
};
const SIZE = new RegExp(`^(${NUM}) ?(B|kB|KB|KiB|MB|MiB|GB|GiB|TB|TiB|PB|PiB)$`);
const BINARY_SIZES: [string, bigint][] = ['PiB', 'TiB', 'GiB', 'MiB', 'KiB', 'B'].map((u) => [
  u,
  SIZE_UNITS[u],
]);
const DECIMAL_SIZES: [string, bigint][] = ['PB', 'TB', 'GB', 'MB', 'KB', 'B'].map((u) => [u, SIZE_UNITS[u]]);

/** Parses `512MiB`, `128GiB`, `1.5TB`, `100B` (decimal 1000^n and binary 1024^n) into bytes, rounded to a whole byte. */
export function parseSize(input: unknown): UnitResult<Bytes> {
  const text = textOf(input);
  if (text?.startsWith('-')) return fail(UNIT_EXPECTED.sizeNegative);
  const m = text === null ? null : SIZE.exec(text);
  if (m === null) return fail(UNIT_EXPECTED.size, UNIT_ALLOWED.size);
  const { rounded } = scale(m[1], SIZE_UNITS[m[2]]);
  if (rounded > MAX_EXACT) return fail(UNIT_EXPECTED.tooLarge);
  return ok(bytes(Number(rounded)));
}

// The largest unit in which `value` is at least 1 and exact with at most 3 decimals;
// units are listed largest first and end with the base unit.
function exactIn(value: bigint, units: [string, bigint][]): string {
  for (const [unit, factor] of units) {
    if (value < factor && factor !== 1n) continue;
    const thousandths = value * 1000n;
    if (thousandths % factor !== 0n) continue;
    const q = thousandths / factor;
    const frac = (q % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
    return `${q / 1000n}${frac === '' ? '' : `.${frac}`}${unit}`;
  }
  return `${value}${units[units.length - 1][0]}`;
}

/** Writes a size exactly, in the largest unit that needs at most 3 decimals: `128GiB`, `1.5TiB`, `1088MiB`. */
export function formatSize(value: number, options: { binary?: boolean } = {}): string {
  if (value < 0) return `-${formatSize(-value, options)}`;
  return exactIn(BigInt(Math.round(value)), options.binary === false ? DECIMAL_SIZES : BINARY_SIZES);
}

/** Writes a size for people, to 3 significant digits: `1.21GiB`, `512MiB`, `999B` (does not parse back exactly). */
export function humanSize(value: number, options: { binary?: boolean } = {}): string {
  if (value < 0) return `-${humanSize(-value, options)}`;
  const base = options.binary === false ? 1000 : 1024;
  const units =
    options.binary === false ? ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] : ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  let v = value;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  let digits = i === 0 ? 0 : v >= 100 ? 0 : v >= 10 ? 1 : 2;
  let shown = Number(v.toFixed(digits));
  // 1023.7KiB rounds to 1024KiB: show it as 1MiB instead.
  if (shown >= base && i < units.length - 1) {
    i++;
    shown = 1;
    digits = 2;
  }
  return `${Number(shown.toFixed(digits))}${units[i]}`;
}

// ---------------------------------------------------------------- bandwidth

const BIT_UNITS: Record<string, bigint> = {
  bps: 1n,
  Kbps: KB,
  kbps: KB,
  Mbps: KB ** 2n,
  Gbps: KB ** 3n,
  Tbps: KB ** 4n,
};
const BANDWIDTH = new RegExp(
  `^(${NUM}) ?(?:(bps|Kbps|kbps|Mbps|Gbps|Tbps)|(B|kB|KB|KiB|MB|MiB|GB|GiB|TB|TiB|PB|PiB)/s)$`,
);
const BIT_RATES: [string, bigint][] = ['Tbps', 'Gbps', 'Mbps', 'Kbps', 'bps'].map((u) => [u, BIT_UNITS[u]]);

/** Parses bit rates `100Mbps`, `1Gbps`, `512Kbps` (decimal prefixes) and byte rates `50MB/s`, `20MiB/s` into bytes per second. */
export function parseBandwidth(input: unknown): UnitResult<BytesPerSec> {
  const text = textOf(input);
  if (text?.startsWith('-')) return fail(UNIT_EXPECTED.bandwidthNegative);
  const m = text === null ? null : BANDWIDTH.exec(text);
  if (m === null) return fail(UNIT_EXPECTED.bandwidth, UNIT_ALLOWED.bandwidth);
  // Count in whole bits per second so every value is exact; bytes are 8 bits.
  const bits =
    m[2] !== undefined ? scale(m[1], BIT_UNITS[m[2]]).rounded : scale(m[1], SIZE_UNITS[m[3]]).rounded * 8n;
  if (bits > MAX_EXACT) return fail(UNIT_EXPECTED.tooLarge);
  return ok(bytesPerSec(Number(bits) / 8));
}

/** Writes a bandwidth exactly in its shortest form, bit rates first on a tie: `10Gbps`, `1.5Mbps`, `20MiB/s`; `{bytes: true}` prefers a byte rate. */
export function formatBandwidth(value: number, options: { bytes?: boolean } = {}): string {
  if (value < 0) return `-${formatBandwidth(-value, options)}`;
  const bits = exactIn(BigInt(Math.round(value * 8)), BIT_RATES);
  // Whole bytes per second can also be written as a byte rate; otherwise only bits are exact.
  if (!Number.isInteger(value)) return bits;
  const byteRates = [`${formatSize(value, { binary: false })}/s`, `${formatSize(value)}/s`];
  const candidates = options.bytes === true ? byteRates : [bits, ...byteRates];
  return candidates.reduce((best, c) => (c.length < best.length ? c : best));
}

// ---------------------------------------------------------------- percentages

const PERCENT = new RegExp(`^(${NUM}) ?%$`);

/** Parses `3%`, `0.5%`, `100%` into a fraction (0.03); `max` is in percent and defaults to 100. */
export function parsePercent(input: unknown, options: { max?: number } = {}): UnitResult<number> {
  const max = options.max ?? 100;
  const text = textOf(input);
  if (text?.startsWith('-')) return fail(UNIT_EXPECTED.percentRange(max));
  const m = text === null ? null : PERCENT.exec(text);
  if (m === null) return fail(UNIT_EXPECTED.percent);
  if (Number(m[1]) > max) return fail(UNIT_EXPECTED.percentRange(max));
  return ok(percentFraction(m[1]));
}

// One correctly rounded division of two exact integers: the double nearest the decimal.
function percentFraction(digits: string): number {
  const [whole, frac = ''] = digits.split('.');
  return Number(whole + frac) / 10 ** (frac.length + 2);
}

/** Writes a fraction as the shortest percentage that parses back to it exactly: 0.03 → `3%`, 0.005 → `0.5%`. */
export function formatPercent(fraction: number): string {
  if (fraction >= 0 && Number.isFinite(fraction)) {
    for (let d = 0; d <= 20; d++) {
      const fixed = (fraction * 100).toFixed(d);
      const text = d === 0 ? fixed : fixed.replace(/0+$/, '').replace(/\.$/, '');
      if (percentFraction(text) === fraction) return `${text}%`;
    }
  }
  return `${fraction * 100}%`;
}

// ---------------------------------------------------------------- instants

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses an ISO 8601 instant with `Z` or an offset (`2026-01-01T02:00:00+02:00`), or a valid `Date`, into epoch ms. */
export function parseInstant(input: unknown): UnitResult<number> {
  // YAML 1.1 timestamps arrive as Date objects: already an instant (the loader decided the zone).
  if (input instanceof Date) {
    const t = input.getTime();
    return Number.isFinite(t) ? ok(t) : fail(UNIT_EXPECTED.instant);
  }
  const text = textOf(input);
  const m = text === null ? null : INSTANT.exec(text);
  if (m === null) return fail(UNIT_EXPECTED.instant);
  const [, y, mo, d, h, mi, s = '00', frac = '', zone] = m;
  if (zone === undefined) return fail(UNIT_EXPECTED.instantZone);
  if (frac.length > 3) return fail(UNIT_EXPECTED.instantWholeMs);
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  if (
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > daysIn(Number(y), Number(mo)) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59 ||
    (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59))
  ) {
    return fail(UNIT_EXPECTED.instantRange);
  }
  // The fields are checked, so this string is in ECMAScript's own date-time format and
  // Date.parse is fully specified for it (no implementation-defined fallback).
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${frac.padEnd(3, '0')}${offset}`);
  return Number.isFinite(t) ? ok(t) : fail(UNIT_EXPECTED.instant);
}

// Days in a proleptic Gregorian month, only to validate text (calendar arithmetic lives in models/calendar.ts).
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Writes epoch ms as ISO 8601 in UTC: `2026-01-01T00:00:00Z`, with `.250` only when there are milliseconds. */
export function formatInstant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

// ---------------------------------------------------------------- times of day and zones

/** Parses a local time of day `22:30` or `07:05` (00:00–23:59) into minutes since midnight. */
export function parseTimeOfDay(input: unknown): UnitResult<number> {
  const text = textOf(input);
  const m = text === null ? null : /^(\d{1,2}):(\d{2})$/.exec(text);
  if (m === null) return fail(UNIT_EXPECTED.timeOfDay);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return fail(UNIT_EXPECTED.timeOfDayRange);
  return ok(h * 60 + min);
}

/** Writes minutes since midnight as `HH:MM`: 1350 → `22:30`. */
export function formatTimeOfDay(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes - h * 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Whether `name` is an IANA time zone this runtime knows (through Intl), or `UTC`. */
export function isTimeZone(name: string): boolean {
  if (name === 'UTC') return true;
  if (name.trim() === '') return false;
  // The canonical names are a cheap list; building a DateTimeFormat costs ~13 ms on first use
  // (ICU's zone data), so only aliases (US/Eastern, Asia/Calcutta) take that path.
  if (canonicalZones().has(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

let zones: Set<string> | null = null;
const canonicalZones = (): Set<string> => {
  zones ??= new Set(Intl.supportedValuesOf('timeZone'));
  return zones;
};

/** Parses an IANA time zone name (`America/New_York`, `UTC`), keeping the text as written. */
export function parseTimeZone(input: unknown): UnitResult<string> {
  const text = textOf(input);
  return text !== null && isTimeZone(text) ? ok(text) : fail(UNIT_EXPECTED.timeZone);
}
