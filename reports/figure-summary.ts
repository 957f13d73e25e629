// One figure's values over many replications, summarised as they stream in (issue 21): a
// sweep's memory no longer grows with its replication count, and a part file holds a
// summary, not a row per replication. Summaries of disjoint replications merge exactly,
// and every statistic is a function of the multiset of values alone, so a sweep gives the
// same bytes whatever the order, the worker count or the sharding.
//
//   n, min, max                 exact
//   Σx, Σx²                     exact partials (reports/exact-sum.ts): mean and sd rounded once
//   first                       the value of the lowest replication index that has it
//   values                      every distinct value with its count while there are at most
//                               EXACT_LIMIT: quantiles exact (type 7)
//   buckets                     past that, counts per bucket of 2⁻⁸ relative width (the double's
//                               exponent and top 8 mantissa bits): quantiles within 2⁻⁹ ≈ 0.2%

import {
  addExact,
  addPartials,
  addProduct,
  canonical,
  type Partials,
  scaledDeviations,
  total,
} from './exact-sum.js';
import type { FigureUnit } from './figures.js';

/** Distinct values a summary keeps exactly before it bins them (assumption: sweeps up to 4,096 replications stay exact). */
export const EXACT_LIMIT = 4096;

/** Bound on the relative error of a binned quantile: half a bucket, 2⁻⁹. */
export const BINNED_RELATIVE_ERROR = 2 ** -9;

/** A figure's summary as a part file holds it (JSON-safe, doubles carried exactly). */
export interface FigureSummary {
  name: string;
  unit: FigureUnit;
  /** Replications that had the figure. */
  n: number;
  /** Σx as exact partials, canonical (reports/exact-sum.ts), smallest first. */
  sum: number[];
  /** Σx² as exact canonical partials. */
  sumSq: number[];
  min: number;
  max: number;
  /** [replication index, value] of the lowest-indexed replication that had it. */
  first: [number, number];
  /** [value, count] ascending, every value seen; null once binned. */
  values: [number, number][] | null;
  /** [bucket, count] ascending, once binned; else null. */
  buckets: [number, number][] | null;
}

/** A sample's statistics as an aggregate reports them (before rounding). */
export interface Sample {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one value. */
  sd: number;
  min: number;
  max: number;
  /** The p-quantile, type 7 (linear between order statistics). */
  quantile(p: number): number;
  /** Whether quantiles come from buckets (within BINNED_RELATIVE_ERROR) rather than the values. */
  binned: boolean;
}

/** A figure's summary being built: add values, merge other summaries, then read its sample. */
export class FigureAccumulator {
  n = 0;
  private readonly sum: Partials = [];
  private readonly sumSq: Partials = [];
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private first: [number, number] | null = null;
  private counts: Map<number, number> | null = new Map();
  private bins: Map<number, number> | null = null;

  constructor(
    readonly name: string,
    readonly unit: FigureUnit,
  ) {}

  /** Adds replication `index`'s value (finite). */
  add(index: number, x: number): void {
    // −0 is 0: JSON writes both as 0, so a summary read back from a part must equal this one.
    const value = x === 0 ? 0 : x;
    this.n++;
    addExact(this.sum, value);
    addProduct(this.sumSq, value, value);
    this.extend(index, value, value);
    this.count(value, 1);
  }

  /** Adds every value of `s`, a summary of other replications. */
  merge(s: FigureSummary): void {
    if (s.n === 0) return;
    this.n += s.n;
    addPartials(this.sum, s.sum);
    addPartials(this.sumSq, s.sumSq);
    this.extend(s.first[0], s.min, s.max, s.first[1]);
    if (s.values !== null) for (const [v, c] of s.values) this.count(v, c);
    else {
      this.bin();
      for (const [b, c] of s.buckets ?? []) this.bins!.set(b, (this.bins!.get(b) ?? 0) + c);
    }
  }

  /** The summary, for a part file. */
  summary(): FigureSummary {
    const sorted = (m: Map<number, number> | null) =>
      m === null ? null : [...m].sort((a, b) => a[0] - b[0]).map(([k, c]) => [k, c] as [number, number]);
    return {
      name: this.name,
      unit: this.unit,
      n: this.n,
      sum: canonical(this.sum),
      sumSq: canonical(this.sumSq),
      min: this.min,
      max: this.max,
      first: this.first ?? [0, 0],
      values: sorted(this.counts),
      buckets: sorted(this.bins),
    };
  }

  /** [replication index, value] of the lowest-indexed replication that had it, or null. */
  firstValue(): [number, number] | null {
    return this.first;
  }

  /** How many replications had exactly `value` (binned: had a value in its bucket). */
  countOf(value: number): number {
    return this.counts !== null ? (this.counts.get(value) ?? 0) : (this.bins!.get(bucketOf(value)) ?? 0);
  }

  /** The sample with `zeros` more replications valued 0 (an amount absent there); null when empty. */
  sample(zeros = 0): Sample | null {
    const n = this.n + zeros;
    if (n === 0) return null;
    const min = zeros > 0 ? Math.min(this.min, 0) : this.min;
    const max = zeros > 0 ? Math.max(this.max, 0) : this.max;
    const counts = this.counts ?? this.bins!;
    const keyOf = this.counts !== null ? (v: number) => v : bucketOf;
    const entries = [...counts];
    if (zeros > 0) entries.push([keyOf(0), zeros]);
    const merged = mergeSorted(entries);
    const valueAt =
      this.counts !== null ? (k: number) => k : (k: number) => Math.min(max, Math.max(min, middleOf(k)));
    // The k-th smallest (0-based): walk the cumulative counts.
    const at = (k: number) => {
      let seen = 0;
      for (const [key, c] of merged) {
        seen += c;
        if (k < seen) return valueAt(key);
      }
      return max;
    };
    return {
      n,
      mean: total(this.sum) / n,
      sd: n < 2 ? 0 : Math.sqrt(scaledDeviations(n, this.sum, this.sumSq) / n / (n - 1)),
      min,
      max,
      // Type 7 as simple-statistics' quantileSorted: h = (n − 1)p, between ⌊h⌋ and ⌈h⌉.
      quantile(p) {
        if (p >= 1) return max;
        if (p <= 0) return min;
        const h = (n - 1) * p;
        const lo = Math.floor(h);
        if (h === lo) return at(lo);
        const a = at(lo);
        return a + (h - lo) * (at(lo + 1) - a);
      },
      binned: this.counts === null,
    };
  }

  private extend(index: number, min: number, max: number, value = min): void {
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
    if (this.first === null || index < this.first[0]) this.first = [index, value];
  }

  private count(value: number, c: number): void {
    if (this.counts !== null) {
      this.counts.set(value, (this.counts.get(value) ?? 0) + c);
      if (this.counts.size > EXACT_LIMIT) this.bin();
      return;
    }
    const b = bucketOf(value);
    this.bins!.set(b, (this.bins!.get(b) ?? 0) + c);
  }

  // Past EXACT_LIMIT distinct values: from now on, counts per bucket.
  private bin(): void {
    if (this.counts === null) return;
    const bins = new Map<number, number>();
    for (const [v, c] of this.counts) bins.set(bucketOf(v), (bins.get(bucketOf(v)) ?? 0) + c);
    this.counts = null;
    this.bins = bins;
  }
}

// Equal keys summed, ascending.
function mergeSorted(entries: [number, number][]): [number, number][] {
  entries.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [k, c] of entries) {
    if (out.length > 0 && out[out.length - 1][0] === k) out[out.length - 1][1] += c;
    else out.push([k, c]);
  }
  return out;
}

const view = new DataView(new ArrayBuffer(8));

/**
 * The bucket of a value: 0 for zero; for x > 0, 1 + the double's exponent and top 8 mantissa
 * bits (so buckets ascend with x, each 2⁻⁸ wide relative to its lower edge); −bucket(−x) below 0.
 */
export function bucketOf(x: number): number {
  if (x === 0) return 0;
  view.setFloat64(0, Math.abs(x));
  const key = 1 + (view.getUint32(0) >>> 12);
  return x > 0 ? key : -key;
}

/** The middle of a bucket: within 2⁻⁹ (relative) of every value in it. */
export function middleOf(bucket: number): number {
  if (bucket === 0) return 0;
  const edge = (key: number) => {
    view.setUint32(0, (key - 1) << 12);
    view.setUint32(4, 0);
    return view.getFloat64(0);
  };
  const k = Math.abs(bucket);
  const mid = (edge(k) + edge(k + 1)) / 2;
  return bucket > 0 ? mid : -mid;
}
