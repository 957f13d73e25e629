// One time series' samples, aggregated per minute (count, sum, min, max) and kept only
// while some future evaluation can still see them: memory follows the rule's lookback, not
// the run's length, and never holds a raw sample. Windows and frequencies are whole minutes
// (§7.2, §7.3), so per-minute buckets answer every window exactly.

import { BUCKET } from './limits.js';
import type { Aggregation } from './types.js';

/** Per-minute aggregates of one series, oldest first, with lazy removal from the front. */
export class Buckets {
  // Parallel arrays from `head` on; `minute` is strictly increasing.
  private minute: number[] = [];
  private count: number[] = [];
  private sum: number[] = [];
  private lo: number[] = [];
  private hi: number[] = [];
  private head = 0;

  /** Buckets held. */
  get size(): number {
    return this.minute.length - this.head;
  }

  /** Adds a sample with timestamp `t` (ms) and `value` (any order; usually in time order). */
  add(t: number, value: number): void {
    const m = Math.floor(t / BUCKET);
    let i = this.minute.length;
    // Samples arrive nearly in time order: search back from the end.
    while (i > this.head && this.minute[i - 1] > m) i--;
    if (i > this.head && this.minute[i - 1] === m) {
      const k = i - 1;
      this.count[k]++;
      this.sum[k] += value;
      if (value < this.lo[k]) this.lo[k] = value;
      if (value > this.hi[k]) this.hi[k] = value;
      return;
    }
    this.minute.splice(i, 0, m);
    this.count.splice(i, 0, 1);
    this.sum.splice(i, 0, value);
    this.lo.splice(i, 0, value);
    this.hi.splice(i, 0, value);
  }

  /** Drops buckets that start before `t` (ms, a whole minute). */
  dropBefore(t: number): void {
    const m = t / BUCKET;
    while (this.head < this.minute.length && this.minute[this.head] < m) this.head++;
    if (this.head > 32 && this.head * 2 > this.minute.length) this.compact();
  }

  /**
   * The aggregate of samples stamped in [from, to) (ms, whole minutes), or null when the
   * range holds none and the aggregation has no value for nothing (average, minimum, maximum);
   * count and total of nothing are 0.
   */
  aggregate(from: number, to: number, how: Aggregation): number | null {
    const a = from / BUCKET;
    const b = to / BUCKET;
    let n = 0;
    let sum = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = this.lowerBound(a); i < this.minute.length && this.minute[i] < b; i++) {
      n += this.count[i];
      sum += this.sum[i];
      if (this.lo[i] < lo) lo = this.lo[i];
      if (this.hi[i] > hi) hi = this.hi[i];
    }
    switch (how) {
      case 'count':
        return n;
      case 'total':
        return sum;
      case 'average':
        return n === 0 ? null : sum / n;
      case 'minimum':
        return n === 0 ? null : lo;
      case 'maximum':
        return n === 0 ? null : hi;
    }
  }

  /** The per-minute buckets of samples stamped in [from, to) (ms, whole minutes), oldest first: what a window saw. */
  within(from: number, to: number): { at: number; count: number; sum: number; min: number; max: number }[] {
    const out: { at: number; count: number; sum: number; min: number; max: number }[] = [];
    const b = to / BUCKET;
    for (let i = this.lowerBound(from / BUCKET); i < this.minute.length && this.minute[i] < b; i++)
      out.push({
        at: this.minute[i] * BUCKET,
        count: this.count[i],
        sum: this.sum[i],
        min: this.lo[i],
        max: this.hi[i],
      });
    return out;
  }

  /**
   * The first evaluation tick after `tick` at which the contents of some period changes.
   * Periods at tick T are [T − k·period, T − (k−1)·period) for k = 1…periods; ticks are
   * multiples of `every`. A bucket starting at s moves across a period boundary at the first
   * tick strictly after s + j·period (j = 0…periods), so the answer is the least such tick
   * over the buckets; Infinity when no bucket will move.
   */
  nextChange(tick: number, every: number, period: number, periods: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (let i = this.lowerBound((tick - periods * period) / BUCKET); i < this.minute.length; i++) {
      const s = this.minute[i] * BUCKET;
      // Least j with s + j·period ≥ tick; the tick strictly after that instant is past `tick`.
      const j = s >= tick ? 0 : Math.ceil((tick - s) / period);
      if (j > periods) continue;
      const at = (Math.floor((s + j * period) / every) + 1) * every;
      if (at < best) best = at;
      // Later buckets enter later: once one starts after `best`, none can beat it.
      if (s >= best) break;
    }
    return best;
  }

  /** Index of the first bucket with minute ≥ m. */
  private lowerBound(m: number): number {
    let lo = this.head;
    let hi = this.minute.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.minute[mid] < m) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compact(): void {
    const h = this.head;
    this.minute = this.minute.slice(h);
    this.count = this.count.slice(h);
    this.sum = this.sum.slice(h);
    this.lo = this.lo.slice(h);
    this.hi = this.hi.slice(h);
    this.head = 0;
  }
}
