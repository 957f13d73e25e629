// Formatting for reports: rounding, digit grouping, bytes, money and durations. Every
// function is deterministic and locale-free (no toLocaleString, no Intl), so a report
// reads the same on every machine and its golden files never drift.

import type { CostDimension, CostSplit, Meter } from '../models/pricing/types.js';
import type { Summary5 } from '../models/results/types.js';

/** Cost meters in report order with their labels; typed as a Record so a new meter must be added here. */
export const METER_LABELS: Readonly<Record<Meter, string>> = {
  protectedInstances: 'protected instances',
  vaultStandard: 'vault standard',
  vaultArchive: 'vault archive',
  snapshots: 'snapshots',
  softDelete: 'soft delete',
  archiveEarlyDeletion: 'archive early deletion',
  diskSnapshots: 'disk snapshots',
  asrInstances: 'Site Recovery instances',
  asrReplicaDisks: 'Site Recovery replica disks',
  asrCache: 'Site Recovery cache storage',
  asrRecoveryPoints: 'Site Recovery recovery points',
  asrTransfer: 'Site Recovery transfer',
  failoverCompute: 'failover compute',
  drillCompute: 'drill compute',
  fileShareSnapshots: 'file-share snapshots',
};

/** The dimensions a run's cost is split by, in report order, with their labels (`run --cost-by`). */
export const COST_DIMENSION_LABELS: Readonly<Record<CostDimension, string>> = {
  vault: 'vault',
  policy: 'policy',
  region: 'region',
  meter: 'meter',
  item: 'item',
};

/** The tag key a split reads (`tag:env` → `env`), or null for a dimension. */
export function splitTagKey(split: CostSplit): string | null {
  return split.startsWith('tag:') ? split.slice('tag:'.length) : null;
}

/** How a `--cost-by` split is named in titles: the dimension's label, or `tag env` for `tag:env`. */
export function costSplitLabel(split: CostSplit): string {
  const tag = splitTagKey(split);
  return tag !== null ? `tag ${tag}` : COST_DIMENSION_LABELS[split as CostDimension];
}

/** The cost dimensions in report order. */
export const COST_DIMENSION_ORDER = Object.keys(COST_DIMENSION_LABELS) as CostDimension[];

/** The meter names in report order. */
export const METER_ORDER = Object.keys(METER_LABELS) as Meter[];

/** Rounds to `digits` decimals, half away from zero, identically on every platform; never returns -0. */
export function round(x: number, digits = 0): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x === 0 ? 0 : x;
  const f = 10 ** digits;
  let scaled = Math.abs(x) * f;
  // Beyond 2^53 a double holds no such decimals: rounding would only add noise.
  if (scaled >= Number.MAX_SAFE_INTEGER) return x;
  // toPrecision(15) drops binary noise first (1.005 * 100 = 100.49999…), while the
  // scaled value still fits in 15 significant digits.
  if (digits > 0 && scaled < 1e15) scaled = Number(scaled.toPrecision(15));
  const r = (Math.sign(x) * Math.round(scaled)) / f;
  return r === 0 ? 0 : r;
}

/** A number with `decimals` fixed decimals and its integer part grouped by commas: 1234567.8 → "1,234,567.80". */
export function groupThousands(n: number, decimals = 0): string {
  const fixed = round(Math.abs(n), decimals).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += ',';
    out += int[i];
  }
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${out}${frac === undefined ? '' : `.${frac}`}`;
}

/** A count with thousands separators: 12345 → "12,345". */
export function formatCount(n: number): string {
  return groupThousands(n, 0);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes in binary units with two decimals: 1352399302164 → "1.23 TiB"; under 1 KiB, "512 B". */
export function formatBytes(bytes: number): string {
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // 1023.999 KiB rounds up to the next unit rather than printing "1024.00 KiB".
  if (unit > 0 && round(value, 2) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const sign = bytes < 0 && round(value, 2) !== 0 ? '-' : '';
  const digits = unit === 0 ? 0 : 2;
  return `${sign}${round(value, digits).toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£' };

/** Money with cents and grouping: (1234.5, 'USD') → "$1,234.50"; unknown currencies get their code after. */
export function formatMoney(amount: number, currency: string): string {
  const symbol = CURRENCY_SYMBOLS[currency];
  const digits = groupThousands(Math.abs(amount), 2);
  const sign = amount < 0 && round(amount, 2) !== 0 ? '-' : '';
  return symbol === undefined ? `${sign}${digits} ${currency}` : `${sign}${symbol}${digits}`;
}

/** A number with grouping and at most `max` decimals, trailing zeros dropped down to `min`: (0.0711, 2, 6) → "0.0711", (10, 2, 6) → "10.00". */
export function formatDecimals(x: number, min: number, max: number): string {
  let text = groupThousands(x, max);
  if (!text.includes('.')) return text;
  while (text.endsWith('0') && text.length - text.indexOf('.') - 1 > min) text = text.slice(0, -1);
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** A unit price with as many decimals as it has (2 to 6): (0.0711, 'USD') → "$0.0711"; unknown currencies get their code after. */
export function formatUnitPrice(value: number, currency: string): string {
  const symbol = CURRENCY_SYMBOLS[currency];
  const digits = formatDecimals(Math.abs(value), 2, 6);
  const sign = value < 0 && round(value, 6) !== 0 ? '-' : '';
  return symbol === undefined ? `${sign}${digits} ${currency}` : `${sign}${symbol}${digits}`;
}

/** A duration in seconds, short: 12.3 → "12.3s", 95 → "1m 35s", 41919 → "11h 38m", 90000 → "1d 1h". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${round(seconds, 1).toFixed(1)}s`;
  const s = round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  const m = Math.round(s / 60);
  if (m < 1440) return `${Math.floor(m / 60)}h ${m % 60}m`;
  const h = Math.round(m / 60);
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** An ISO instant to the minute, its zone dropped: "2026-01-21T10:07:00.000Z" → "2026-01-21 10:07". */
export function formatMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The change from `base` to `value` in percent with one decimal: "+12.3%", "-4.0%", "=" when equal, "new" from 0. */
export function formatDelta(value: number, base: number): string {
  if (value === base) return '=';
  if (base === 0) return 'new';
  const pct = ((value - base) / Math.abs(base)) * 100;
  const text = round(Math.abs(pct), 1).toFixed(1);
  return `${pct < 0 ? '-' : '+'}${text}%`;
}

/** A Summary5 with every figure rounded to 3 decimals (summary.json's precision for seconds). */
export function roundSummary5(s: Summary5): Summary5 {
  return {
    count: s.count,
    mean: round(s.mean, 3),
    p50: round(s.p50, 3),
    p95: round(s.p95, 3),
    p99: round(s.p99, 3),
    max: round(s.max, 3),
  };
}
