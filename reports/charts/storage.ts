// Storage growth per tier over time: each run's stored bytes at the end of every day,
// summed over its vaults, stacked by tier (snapshot, vault-standard, vault-archive,
// soft-deleted). Variants get a row each, on one shared scale, so growth compares by eye.

import type { RunResult, VaultDaily } from '../../models/results/types.js';
import {
  afterDays,
  asSpec,
  byteUnit,
  type Chart,
  CONFIG,
  colourBy,
  frame,
  HEIGHT,
  maxOf,
  perRun,
  type Row,
  TIER_COLOURS,
  WIDTH,
} from './common.js';

/** The storage tiers in stacking order, with the daily series each is read from. */
export const STORAGE_TIERS: readonly [string, keyof VaultDaily][] = [
  ['snapshot', 'snapshot'],
  ['vault-standard', 'standard'],
  ['vault-archive', 'archive'],
  ['soft-deleted', 'softDeleted'],
];

/** The stacked-area chart of stored bytes per tier, or null when no run has a vault. */
export function storageChart(results: readonly RunResult[]): Chart | null {
  const raw: { run: string; date: string; day: number; tier: string; order: number; bytes: number }[] = [];
  for (const r of results) {
    const days = r.vaults[0]?.daily.day ?? [];
    days.forEach((day, i) => {
      STORAGE_TIERS.forEach(([tier, key], order) => {
        const bytes = r.vaults.reduce((s, v) => s + v.daily[key][i], 0);
        raw.push({ run: r.variant, date: afterDays(r.start, day), day, tier, order, bytes });
      });
    });
  }
  // A tier no run ever used would only add an empty band and a legend entry.
  const used = STORAGE_TIERS.map(([t]) => t).filter((t) => raw.some((x) => x.tier === t && x.bytes > 0));
  if (used.length === 0) return null;
  const { unit, scale } = byteUnit(peakOfStack(raw));
  const values: Row[] = raw
    .filter((x) => used.includes(x.tier))
    .map((x) => ({
      run: x.run,
      date: x.date,
      day: x.day,
      tier: x.tier,
      order: x.order,
      stored: scale(x.bytes),
    }));
  const inner = {
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'area', line: true, opacity: 0.85 },
    encoding: {
      x: { field: 'date', type: 'temporal', scale: { type: 'utc' }, title: 'end of day' },
      y: { field: 'stored', type: 'quantitative', stack: 'zero', title: `stored (${unit})` },
      color: colourBy('tier', used, TIER_COLOURS, 'tier'),
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'day', type: 'quantitative' },
        { field: 'tier', type: 'nominal' },
        { field: 'stored', type: 'quantitative', title: unit, format: ',.2f' },
      ],
    },
  };
  return {
    name: 'storage',
    title: 'Storage growth per tier',
    spec: asSpec({
      ...frame(
        'Storage growth per tier',
        'Stored bytes at the end of each day, summed over vaults, stacked by tier.',
        values,
      ),
      ...perRun(results, inner),
      config: CONFIG,
    }),
  };
}

// The largest daily total of any run: the unit is chosen so the stack's top reads well.
function peakOfStack(raw: { run: string; day: number; bytes: number }[]): number {
  const totals = new Map<string, number>();
  for (const x of raw) {
    const key = `${x.run}\u0000${x.day}`;
    totals.set(key, (totals.get(key) ?? 0) + x.bytes);
  }
  return maxOf(totals.values());
}
