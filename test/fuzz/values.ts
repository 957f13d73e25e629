// Values a mutant may put in a field: boundary and extreme figures for each unit the format
// knows, wrong units, wrong types, hostile text. A value is chosen by affinity with what the
// field held (a duration gets durations and other units), so mutants probe the checks behind
// the schema, not only the schema.

import type { Rng } from './random.js';

const DURATIONS = [
  '0s',
  '1ms',
  '15m',
  '4h',
  '30d',
  '36500d',
  '36501d',
  '1e3d',
  '-5d',
  'P1M',
  'PT0S',
  'P2W',
  '1.5h',
  '0.0001s',
  '99999999999999999d',
  '1d1d',
  '1h30m',
  '400d',
  '100000w',
];
const SIZES = [
  '0B',
  '1B',
  '128GiB',
  '32TiB',
  '33TiB',
  '256TiB',
  '8PiB',
  '9PB',
  '1.5KiB',
  '-1GiB',
  '128',
  '1e3GiB',
  '0.1B',
  '4095PiB',
];
const BANDWIDTHS = ['1bps', '0bps', '1Tbps', '100Mbps', '0.001bps', '50MB/s', '1023Mbps', '511Kbps'];
const PERCENTS = ['0%', '100%', '1000%', '1001%', '0.0001%', '-3%', '3 %', '99.9999%', '50%'];
const INSTANTS = [
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-01-01T00:00:00+14:00',
  '2026-01-01T00:00:00',
  '9999-10-02T23:59:59Z',
  '1970-01-01T00:00:00Z',
];
const TIMES = ['00:00', '23:59', '24:00', '7:5', '12:60', '-1:00'];
const ZONES = [
  'UTC',
  'America/New_York',
  'Etc/GMT+12',
  'Mars/Olympus',
  'Pacific/Kiritimati',
  'Europe/Dublin',
  '',
];
const NUMBERS = [
  0,
  -1,
  1,
  2,
  7,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  1e308,
  -1e308,
  0.5,
  1e-300,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
// A count asks for that many entities: huge ones must be refused or stay cheap to validate.
const COUNTS = [0, 1, 2, 3, 50, 1000, 1001, 1_000_000, -1, 1.5, 2 ** 53];
const STRINGS = [
  '',
  ' ',
  'x'.repeat(5000),
  '💥',
  'a\u202eb',
  'a\u0000b',
  '\ud800',
  'ünïcødé',
  'web',
  '-bad',
  'BAD',
  'a'.repeat(64),
  '__proto__',
  'constructor',
  `$${'{'}x}`, // a template placeholder, as text
  '%s%n',
  'null',
  'true',
  '0x10',
  '~',
];
const WEEKDAYS = ['Sunday', 'Funday', 'sunday', 'first Sunday', 'last Friday', 'fifth Monday'];

// Values at the edges of what is valid, so that many mutants still run: tiny and huge
// durations, sizes and rates, the first and last years, zones with odd offsets.
const EDGES: [RegExp, readonly unknown[]][] = [
  [
    /^\d{4}-\d{2}-\d{2}T/,
    ['0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2100-02-28T12:00:00+14:00', '9999-01-01T00:00:00Z'],
  ],
  [/^[\d.]+\s?[KMGTP]?i?B$/, ['1B', '1KiB', '1GiB', '64GiB', '1TiB', '32TiB']],
  [/bps$|B\/s$/, ['1bps', '1Kbps', '512Kbps', '1Mbps', '10Gbps', '1Tbps']],
  [/%$/, ['0%', '0.001%', '1%', '50%', '99%', '100%', '1000%']],
  [/^\d{1,2}:\d{2}$/, ['00:00', '23:59', '12:30', '19:30']],
  [
    /^P|^\d[\d.]*(ms|w|d|h|m|s)/,
    ['1ms', '1s', '1m', '1h', '4h', '1d', '7d', '30d', '90d', '365d', '400d', '36500d'],
  ],
  [
    /\//,
    ['UTC', 'Pacific/Kiritimati', 'Etc/GMT+12', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe'],
  ],
];

/** A value at the edge of what `value`'s field accepts (same unit), or null when its unit is unknown. */
export function edgeFor(value: unknown, rng: Rng): unknown {
  if (typeof value === 'number') return rng.pick([0, 1, 2, 7, 99, 9999, value * 10, Math.max(0, value - 1)]);
  if (typeof value === 'boolean') return !value;
  if (typeof value !== 'string') return null;
  const edge = EDGES.find(([shape]) => shape.test(value.trim()));
  return edge === undefined ? null : rng.pick(edge[1]);
}

/** Hostile or unusual text for a name, a key or any string field. */
export const hostileText = (rng: Rng): string => rng.pick(STRINGS);

/** A count, often huge or invalid. */
export const hugeCount = (rng: Rng): number => rng.pick(COUNTS);

// Which pool a string value belongs to, by its shape.
function affinity(value: unknown): readonly unknown[] | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return INSTANTS;
  if (/^[\d.]+\s?[KMGTP]?i?B$/.test(v)) return SIZES;
  if (/bps$|B\/s$/.test(v)) return BANDWIDTHS;
  if (/%$/.test(v)) return PERCENTS;
  if (/^\d{1,2}:\d{2}$/.test(v)) return TIMES;
  if (/^P|^\d[\d.]*(ms|w|d|h|m|s)/.test(v)) return DURATIONS;
  if (/\//.test(v)) return ZONES;
  if (/day$/.test(v)) return WEEKDAYS;
  return null;
}

const ALL_UNITS = [DURATIONS, SIZES, BANDWIDTHS, PERCENTS, INSTANTS, TIMES, ZONES, WEEKDAYS];

/** A replacement for `value`: mostly one of its own unit (an extreme), else another unit or type. */
export function extremeFor(value: unknown, rng: Rng): unknown {
  const own = affinity(value);
  if (own !== null && rng.chance(0.6)) return rng.pick(own);
  if (typeof value === 'number' && rng.chance(0.7)) return rng.pick(NUMBERS);
  return anyValue(rng);
}

/** A value of a different unit than `value` has (a duration where a size belongs, …). */
export function wrongUnitFor(value: unknown, rng: Rng): unknown {
  const own = affinity(value);
  const others = ALL_UNITS.filter((u) => u !== own);
  if (typeof value === 'string' && rng.chance(0.3))
    return value.replace(/[A-Za-z%/]+\s*$/, rng.pick(['', ' parsecs', 'GB', 'd', '%']));
  return rng.pick(rng.pick(others));
}

/** Any value, of any JSON type or unit. */
export function anyValue(rng: Rng): unknown {
  switch (rng.int(8)) {
    case 0:
      return rng.pick(NUMBERS);
    case 1:
      return rng.pick(STRINGS);
    case 2:
      return rng.pick([true, false, null]);
    case 3:
      return [];
    case 4:
      return {};
    case 5:
      return [rng.pick(NUMBERS), rng.pick(STRINGS)];
    case 6:
      return { [rng.pick(['name', 'x', 'count', 'daily'])]: rng.pick(NUMBERS) };
    default:
      return rng.pick(rng.pick(ALL_UNITS));
  }
}

/** A value nested `depth` levels deep in lists or mappings. */
export function deeplyNested(depth: number, rng: Rng): unknown {
  let v: unknown = rng.pick(NUMBERS);
  for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { a: v };
  return v;
}
