// The Site Recovery recovery points a replicated VM holds at one instant, counted: how many
// crash- and app-consistent points a failover could select, per age band of §5.1's pruning
// table (docs/reference.md §5.1), and the oldest one. Computed from keptPoints (points.ts),
// so it follows the same assumptions P1–P5.

import { MS } from '../../engine/units.js';
import { type AsrPoint, KEEP_ALL_WITHIN, keptPoints, type PointPolicy, type PointSource } from './points.js';

/** §5.1: for retentions over 7 days, points older than 7 days are kept one per four hours. */
const TWO_HOURLY_UNTIL = 7 * MS.day;

/** One age band of §5.1's pruning: ages (before the latest point) in (from, to], 0 included in the first. */
export interface PruningBand {
  /** Youngest age of the band, ms (exclusive, except 0). */
  from: number;
  /** Oldest age of the band, ms (inclusive). */
  to: number;
  /** One point kept per this many ms, or null when every point is kept. */
  every: number | null;
}

/** A pruning band with the points kept in it, by kind. */
export interface BandCount extends PruningBand {
  crash: number;
  app: number;
}

/** The recovery points kept at one instant, counted by kind and age band. */
export interface PointCensus {
  /** Crash-consistent points (a point on both grids counts as app-consistent, P1). */
  crash: number;
  app: number;
  /** The oldest and the latest point kept, or null when there is none. */
  oldest: AsrPoint | null;
  latest: AsrPoint | null;
  bands: BandCount[];
}

/**
 * §5.1's pruning table as age bands for a retention: every point of the last two hours, then
 * one per hour (retention up to 1 day) or per two hours (up to 7 days, and the first 7 days of
 * longer retentions), then one per four hours up to the retention. Retention 0: the latest only.
 */
export function pruningBands(retention: number): PruningBand[] {
  if (retention === 0) return [{ from: 0, to: 0, every: null }];
  const bands: PruningBand[] = [{ from: 0, to: Math.min(KEEP_ALL_WITHIN, retention), every: null }];
  if (retention > KEEP_ALL_WITHIN)
    bands.push({
      from: KEEP_ALL_WITHIN,
      to: Math.min(retention, TWO_HOURLY_UNTIL),
      every: retention <= MS.day ? MS.hour : 2 * MS.hour,
    });
  if (retention > TWO_HOURLY_UNTIL) bands.push({ from: TWO_HOURLY_UNTIL, to: retention, every: 4 * MS.hour });
  return bands;
}

/** The points `src` keeps at t under `policy`, counted by kind and by pruning band. */
export function pointCensus(src: PointSource, policy: PointPolicy, t: number): PointCensus {
  return countPoints(keptPoints(src, policy, t), policy.retention);
}

/** Counts points (oldest first, as keptPoints gives them) by kind and by the bands of `retention`. */
export function countPoints(points: readonly AsrPoint[], retention: number): PointCensus {
  const bands: BandCount[] = pruningBands(retention).map((b) => ({ ...b, crash: 0, app: 0 }));
  const latest = points.length === 0 ? null : points[points.length - 1];
  let crash = 0;
  let app = 0;
  for (const p of points) {
    const age = latest!.at - p.at;
    const band = bands.find((b) => age <= b.to) ?? bands[bands.length - 1];
    if (p.kind === 'app') {
      app++;
      band.app++;
    } else {
      crash++;
      band.crash++;
    }
  }
  return { crash, app, oldest: points.length === 0 ? null : points[0], latest, bands };
}
