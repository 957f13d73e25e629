// Storage peaks, one definition for a vault and for a run (issue 13, "figures that agree
// with themselves"). A ledger's tier series is a step Series downsampled into buckets (one
// hour by default, doubled as a long run fills it) that keep each bucket's last value and
// the extremes of every total recorded in it, but not when inside the bucket each extreme
// happened. So the maximum over time of a sum of vaults cannot be known exactly; what can is:
//
//   peak = max over windows W of  Σ_vault  (highest total the vault held during W)
//
// The windows are the buckets of the coarsest series (every ledger of a run buckets from the
// same resolution, doubled, so its buckets are unions of the finer ones'); a vault that
// changed in W held the total carried into W and every total recorded in W, one that did not
// held its carried total throughout. Without downsampling the windows are instants and a
// vault counts at its highest total recorded at that instant (several changes at one instant
// all count, as Ledger.peak says). It follows that the peak of one vault is exactly its
// series' max(), and the peak of several is at least the true maximum of their sum, at least
// each vault's peak and at most the sum of the vaults' peaks.

import type { Series } from '../../engine/series.js';
import type { Tier } from '../storage/types.js';
import type { TierBytes } from './types.js';

// One window of one series: its key, the highest total recorded in it and its last total.
interface Window {
  key: number;
  max: number;
  last: number;
}

/** The highest total of several step series summed, window by window (see the header). */
export function peakOfSum(series: readonly Series[]): number {
  if (series.length === 0) return 0;
  const width = Math.max(0, ...series.map((s) => s.resolution ?? 0));
  const windows = series.map((s) => windowsOf(s, width));
  const carried = series.map((s) => s.initial);
  const next = series.map(() => 0);
  let peak = carried.reduce((a, b) => a + b, 0);
  for (;;) {
    let key = Number.POSITIVE_INFINITY;
    windows.forEach((w, i) => {
      if (next[i] < w.length) key = Math.min(key, w[next[i]].key);
    });
    if (key === Number.POSITIVE_INFINITY) return peak;
    let sum = 0;
    windows.forEach((w, i) => {
      const here = next[i] < w.length && w[next[i]].key === key ? w[next[i]] : null;
      if (here === null) sum += carried[i];
      else {
        // An instant window (width 0) starts at its first change: the carried total is not held in it.
        sum += width === 0 ? here.max : Math.max(carried[i], here.max);
        carried[i] = here.last;
        next[i]++;
      }
    });
    peak = Math.max(peak, sum);
  }
}

// A series' buckets grouped into windows of `width` ms (instants when width is 0).
function windowsOf(s: Series, width: number): Window[] {
  const out: Window[] = [];
  for (const b of s.buckets()) {
    const key = width === 0 ? b.t : Math.floor(b.t / width);
    const prev = out.at(-1);
    if (prev !== undefined && prev.key === key) {
      prev.max = Math.max(prev.max, b.max);
      prev.last = b.v;
    } else out.push({ key, max: b.max, last: b.v });
  }
  return out;
}

/** Something holding per-tier step series of stored bytes (a vault's Ledger). */
export interface TierSeries {
  series(tier: Tier): Series;
}

/** Per tier, the peak of the sum of the ledgers' totals (peakOfSum): one ledger gives its vault's peak. */
export function storagePeaks(ledgers: readonly TierSeries[]): TierBytes {
  const peak = (tier: Tier) => peakOfSum(ledgers.map((l) => l.series(tier)));
  return {
    snapshot: peak('snapshot'),
    standard: peak('standard'),
    archive: peak('archive'),
    softDeleted: peak('softDeleted'),
  };
}
