// Recovery points kept over time per tier: each run's instant-restore snapshots, vault
// points in vault-standard and points in vault-archive at the end of every day, summed
// over its vaults. Lines, not a stack: each count answers "how many restore choices".

import type { RunResult, VaultDaily } from '../../models/results/types.js';
import {
  afterDays,
  asSpec,
  type Chart,
  CONFIG,
  colourBy,
  frame,
  HEIGHT,
  perRun,
  type Row,
  TIER_COLOURS,
  WIDTH,
} from './common.js';

const POINT_TIERS: readonly [string, keyof VaultDaily][] = [
  ['snapshot', 'snapshotPoints'],
  ['vault-standard', 'vaultPoints'],
  ['vault-archive', 'archivePoints'],
];

/** The line chart of recovery points per tier, or null when no run has a vault. */
export function pointsChart(results: readonly RunResult[]): Chart | null {
  const values: Row[] = [];
  for (const r of results) {
    const days = r.vaults[0]?.daily.day ?? [];
    days.forEach((day, i) => {
      for (const [tier, key] of POINT_TIERS) {
        const points = r.vaults.reduce((s, v) => s + v.daily[key][i], 0);
        values.push({ run: r.variant, date: afterDays(r.start, day), day, tier, points });
      }
    });
  }
  if (values.length === 0) return null;
  const used = POINT_TIERS.map(([t]) => t).filter((t) =>
    values.some((v) => v.tier === t && (v.points as number) > 0),
  );
  if (used.length === 0) return null;
  const inner = {
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'date', type: 'temporal', scale: { type: 'utc' }, title: 'end of day' },
      y: { field: 'points', type: 'quantitative', title: 'recovery points (all items)' },
      color: colourBy('tier', used, TIER_COLOURS, 'tier'),
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'day', type: 'quantitative' },
        { field: 'tier', type: 'nominal' },
        { field: 'points', type: 'quantitative', format: ',d' },
      ],
    },
  };
  return {
    name: 'points',
    title: 'Recovery points kept per tier',
    spec: asSpec({
      ...frame(
        'Recovery points kept per tier',
        'Live recovery points at the end of each day, summed over vaults and items, per storage tier.',
        values.filter((v) => used.includes(v.tier as string)),
      ),
      ...perRun(results, inner),
      config: CONFIG,
    }),
  };
}
