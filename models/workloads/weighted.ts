// A sample kept as (value, count) runs: a million 15-minute log backups whose gaps are all
// 900 s cost one run, not a million numbers. Its summary is exactly what summarise() gives on
// the expanded sample (the same type-7 quantiles, the same rounding).

import type { Summary5 } from '../results/types.js';

/** Values with repeat counts, summarised as count, mean, p50/p95/p99 and max. */
export class WeightedSample {
  private values: number[] = [];
  private counts: number[] = [];
  private total = 0;

  /** Adds `count` copies of `value` (a repeat of the last value extends its run). */
  add(value: number, count = 1): void {
    if (!(count > 0)) return;
    const n = this.values.length;
    if (n > 0 && this.values[n - 1] === value) this.counts[n - 1] += count;
    else {
      this.values.push(value);
      this.counts.push(count);
    }
    this.total += count;
  }

  /** How many values were added. */
  get size(): number {
    return this.total;
  }

  /** Summary of the values scaled by `scale` (ms → s: 1/1000), rounded to 3 decimals as summarise() does. */
  summary(scale = 1): Summary5 {
    const n = this.total;
    if (n === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
    const order = this.values.map((_, i) => i).sort((a, b) => this.values[a] - this.values[b] || a - b);
    const values = order.map((i) => this.values[i]);
    const ends: number[] = [];
    let cumulative = 0;
    let sum = 0;
    order.forEach((i) => {
      cumulative += this.counts[i];
      ends.push(cumulative);
      sum += this.values[i] * this.counts[i];
    });
    // The value at index k of the expanded, sorted sample.
    const at = (k: number): number => {
      let lo = 0;
      let hi = ends.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ends[mid] > k) hi = mid;
        else lo = mid + 1;
      }
      return values[lo];
    };
    // Type 7 (simple-statistics' quantileSorted): linear between the two nearest ranks.
    const quantile = (p: number): number => {
      const idx = (n - 1) * p;
      const lower = Math.floor(idx);
      const a = at(lower);
      return idx === lower ? a : a + (idx - lower) * (at(Math.ceil(idx)) - a);
    };
    const r = (x: number) => Math.round(x * scale * 1000) / 1000;
    return {
      count: n,
      mean: r(sum / n),
      p50: r(quantile(0.5)),
      p95: r(quantile(0.95)),
      p99: r(quantile(0.99)),
      max: r(values[values.length - 1]),
    };
  }
}
