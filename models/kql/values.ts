// Values of the subset at run time, and how they compare and print. Datetimes are epoch ms,
// timespans ms, both numbers: their static type (check.ts) says how to show them. Printing
// follows Kusto: datetimes as ISO 8601 UTC, timespans as [d.]hh:mm:ss[.fff].

import type { KType, Value } from './ast.js';

/** A column of a table or a result: its name and type. */
export interface Column {
  name: string;
  type: KType;
}

/** Tables a query may read, by name, with their columns in order. */
export type Schema = ReadonlyMap<string, readonly Column[]>;

/** A row: column name → value (a missing column reads as null). */
export type Row = Record<string, Value>;

/** Whether a type is a number (long or real). */
export const isNumeric = (t: KType): boolean => t === 'long' || t === 'real';

/** Orders two values of one type: numbers by value, text ordinally, false before true; null is neither (see sortCompare). */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

/** Sort order of order by / top: `desc` reverses values; nulls go first or last as asked. */
export function sortCompare(a: Value, b: Value, desc: boolean, nullsFirst: boolean): number {
  const an = a === null || (typeof a === 'number' && Number.isNaN(a));
  const bn = b === null || (typeof b === 'number' && Number.isNaN(b));
  if (an || bn) return an && bn ? 0 : an === nullsFirst ? -1 : 1;
  const c = compareValues(a, b);
  return desc ? -c : c;
}

/** A datetime (epoch ms) as Kusto prints it: 2026-01-05T10:00:00Z, with .fff when it has milliseconds. */
export function formatDatetime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** A timespan (ms) as Kusto prints it: [-][d.]hh:mm:ss[.fff]. */
export function formatTimespan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const frac = Math.round(rest - s * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(h)}:${two(m)}:${two(s)}${frac === 0 ? '' : `.${String(frac).padStart(3, '0')}`}`;
  return `${sign}${days > 0 ? `${days}.` : ''}${clock}`;
}

/** A value as text for tables and CSV: datetimes and timespans as Kusto prints them, null as ''. */
export function formatValue(v: Value, type: KType): string {
  if (v === null) return '';
  if (type === 'datetime' && typeof v === 'number') return formatDatetime(v);
  if (type === 'timespan' && typeof v === 'number') return formatTimespan(v);
  return String(v);
}

/** A value for JSON output: datetimes as ISO strings, timespans as Kusto text, the rest as is. */
export function jsonValue(v: Value, type: KType): Value {
  if (v === null) return null;
  if ((type === 'datetime' || type === 'timespan') && typeof v === 'number') return formatValue(v, type);
  return v;
}
