// "What does my policy keep": a calendar per policy (and run, and year) with one cell per
// day of the run, coloured by the longest GFS tier keeping a point taken that day at the
// end of the run: a picture of restic's `forget --dry-run`. The points are those of the
// policy's first protected item (RunResult.kept); the tooltip says which tiers keep each
// day's point and until when.

import type { KeptPoints, RunResult } from '../../models/results/types.js';
import {
  asSpec,
  type Chart,
  CONFIG,
  colourBy,
  dateOf,
  frame,
  GFS_COLOURS,
  ROW_HEADER,
  type Row,
} from './common.js';

/** The tiers a cell can show, longest-kept last: a cell takes the last one its points have. */
export const KEPT_ORDER = ['not kept', 'on-demand', 'daily', 'weekly', 'monthly', 'yearly'] as const;

/** What a calendar cell can show. */
export type KeptTier = (typeof KEPT_ORDER)[number];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_MS = 86_400_000;

/** The longest tier among `tiers` (by KEPT_ORDER), or 'not kept' when there is none. */
export function longestTier(tiers: readonly string[]): KeptTier {
  let best = 0;
  for (const t of tiers) best = Math.max(best, KEPT_ORDER.indexOf(t as KeptTier));
  return KEPT_ORDER[best];
}

/** The calendar chart of kept points, or null when no run kept any point. */
export function keptChart(results: readonly RunResult[]): Chart | null {
  const rows: Row[] = [];
  const labels: string[] = [];
  for (const r of results)
    for (const k of r.kept) {
      if (k.points.length === 0) continue;
      const prefix = `${results.length > 1 ? `${r.variant} · ` : ''}${k.policy} (${k.item})`;
      for (const row of calendarRows(r, k, prefix)) {
        if (!labels.includes(row.row as string)) labels.push(row.row as string);
        rows.push(row);
      }
    }
  if (rows.length === 0) return null;
  const shown = KEPT_ORDER.filter((t) => rows.some((r) => r.kept === t));
  const weeks = weekDomain(rows);
  const spec = {
    ...frame(
      'What the policy keeps',
      'One cell per day of the run: the longest GFS tier keeping a recovery point taken that day, at the end of the run.',
      rows,
    ),
    facet: {
      row: {
        field: 'row',
        type: 'nominal',
        sort: labels,
        header: ROW_HEADER,
      },
    },
    spec: {
      width: { step: 12 },
      height: { step: 12 },
      mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
      encoding: {
        x: {
          field: 'week',
          type: 'ordinal',
          scale: { domain: weeks },
          axis: { values: weeks.filter((w) => weeks.length <= 20 || w % 4 === 0), labelAngle: 0 },
          title: 'week of the year (weeks start on Sunday)',
        },
        y: { field: 'weekday', type: 'ordinal', sort: WEEKDAYS, title: null },
        color: colourBy('kept', shown, GFS_COLOURS, 'longest tier keeping it'),
        tooltip: [
          { field: 'date', type: 'nominal' },
          { field: 'tiers', type: 'nominal', title: 'kept by' },
          { field: 'points', type: 'quantitative' },
          { field: 'expires', type: 'nominal', title: 'until' },
        ],
      },
    },
    config: CONFIG,
  };
  return { name: 'kept', title: 'What the policy keeps', spec: asSpec(spec) };
}

// One row per day of the run, with the points taken that day (if any) still kept. Dates are
// the policy's (RunResult.kept carries local instants); the range covers the run's UTC dates
// and every point's date, whichever reaches further.
function calendarRows(r: RunResult, k: KeptPoints, prefix: string): Row[] {
  const byDate = new Map<string, { tiers: Set<string>; points: number; expires: string }>();
  for (const p of k.points) {
    const date = dateOf(p.at);
    const day = byDate.get(date) ?? { tiers: new Set<string>(), points: 0, expires: '' };
    for (const t of p.tiers) day.tiers.add(t);
    day.points++;
    if (p.expires > day.expires) day.expires = p.expires;
    byDate.set(date, day);
  }
  const out: Row[] = [];
  const dates = [...byDate.keys()];
  const first = Date.parse(`${minString([dateOf(r.start), ...dates])}T00:00:00Z`);
  const last = Math.max(Date.parse(r.end) - 1, Date.parse(`${maxString(dates)}T00:00:00Z`));
  for (let t = first; t <= last; t += DAY_MS) {
    const d = new Date(t);
    const date = d.toISOString().slice(0, 10);
    const year = d.getUTCFullYear();
    const kept = byDate.get(date);
    const tiers = kept === undefined ? [] : KEPT_ORDER.filter((x) => kept.tiers.has(x));
    out.push({
      row: `${prefix} · ${year}`,
      date,
      week: weekOfYear(d),
      weekday: WEEKDAYS[d.getUTCDay()],
      kept: longestTier(tiers),
      tiers: tiers.join(', '),
      points: kept?.points ?? 0,
      expires: kept === undefined ? '' : dateOf(kept.expires),
    });
  }
  return out;
}

// Dates as YYYY-MM-DD sort by code unit (Array.prototype.sort's default) in calendar order.
const minString = (xs: string[]): string => [...xs].sort()[0];
const maxString = (xs: string[]): string => [...xs].sort()[xs.length - 1];

// Weeks 0–53 for a year-long calendar; only the weeks a short run spans when it stays in one year.
function weekDomain(rows: Row[]): number[] {
  const years = new Set(rows.map((r) => (r.date as string).slice(0, 4)));
  const weeks = rows.map((r) => r.week as number);
  const [lo, hi] = years.size === 1 ? [Math.min(...weeks), Math.max(...weeks)] : [0, 53];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** The calendar column of a UTC day: weeks start on Sunday and the week holding 1 January is week 0. */
export function weekOfYear(d: Date): number {
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((d.getTime() - jan1) / DAY_MS);
  const jan1Weekday = new Date(jan1).getUTCDay();
  return Math.floor((dayOfYear + jan1Weekday) / 7);
}
