// A time-series recorder: samples (time, value) in non-decreasing time, kept in growable
// typed arrays, optionally downsampled into fixed-width buckets so memory stays bounded
// however many samples arrive. DESIGN.md "Shared modelling decisions": continuous processes
// are piecewise-linear between the events that change them, so a series answers for any
// instant by computation rather than by being stepped.
//
// The curve a series stands for:
// - Before the first sample it holds `initial` (default 0), whatever its kind.
// - step: a sample's value holds from its time until the next sample's time.
// - linear: straight lines join consecutive samples; after the last sample its value holds.
// - Several samples at one instant: the last one is the value at and after that instant
//   (the curve is right-continuous). A step series keeps only that last one; a linear
//   series keeps the first and the last, so the curve arrives at the first and leaves from
//   the last (a jump). Values overwritten at the same instant last no time, but still count
//   for min() and max().
//
// Downsampling. With `resolution` r, samples fall into buckets [k·r, (k+1)·r); a step
// series keeps each bucket's last sample; a linear series keeps its first instant (the
// value arriving there and, if several samples share it, the value leaving it) and its
// latest sample: at most three. With `maxPoints`, when appending would exceed it the
// resolution doubles (starting from 1 ms if none was given) and the retained samples are
// re-merged until at most half remain. Buckets of 2r are unions of buckets of r, so
// re-merging keeps exactly what recording at the coarser resolution from the start would
// have kept. Retained samples keep their true time and value, and each keeps the exact
// integral of the true curve up to its time, so:
// - exact always: min(), max(), last(), lastTime, count; valueAt() at retained sample times
//   and between buckets (from a bucket's last sample to the next bucket's first); integral()
//   between any two such times or firstTime, so integral(anything ≤ first, anything ≥ last).
// - approximate: valueAt() inside a bucket's merged span (between its first and last sample;
//   step holds the previous retained value there, linear draws one straight line), and
//   integral() with an endpoint there. The error of each lies within one bucket: at most
//   r × (spread of the values around that bucket) for an integral.
// Without downsampling (no resolution, maxPoints not yet reached) everything is exact.
// integral() subtracts running sums, so across samples its rounding error is relative to
// the area since the first sample, not to the interval asked about.

const INITIAL_CAPACITY = 16;
// A linear bucket holds up to three samples and doubling can leave two buckets ([-r, 0) and
// [0, r)), so fewer than 8 could not always be kept.
const MIN_MAX_POINTS = 8;

/** How a series joins its samples: `step` holds each value until the next, `linear` draws straight lines. */
export type SeriesKind = 'step' | 'linear';

/** How to build a series: its kind, optional downsampling bounds, and its value before the first sample. */
export interface SeriesOptions {
  /** How samples are joined. */
  readonly kind: SeriesKind;
  /** Bucket width (ms); samples in one bucket are merged. */
  readonly resolution?: number;
  /** Most samples to retain (at least 8); reaching it doubles the resolution and re-merges. */
  readonly maxPoints?: number;
  /** Value before the first sample; defaults to 0. */
  readonly initial?: number;
}

/** A point of a series as plain JSON-safe data: time and value. */
export interface SeriesPoint {
  readonly t: number;
  readonly v: number;
}

/** One bucket's summary: its start time, its last value, and the extremes of the values recorded in it. */
export interface SeriesBucket {
  readonly t: number;
  readonly v: number;
  readonly min: number;
  readonly max: number;
}

/** A step or piecewise-linear time series with bounded memory and exact extremes and integral. */
export class Series {
  /** Name used in error messages. */
  readonly name: string;
  /** How samples are joined. */
  readonly kind: SeriesKind;
  /** Value before the first sample. */
  readonly initial: number;
  private readonly maxPoints: number | undefined;
  private res: number | undefined;
  private n = 0;
  private times: Float64Array;
  private values: Float64Array;
  // Extremes of the recorded values merged into each retained sample (itself included).
  private mins: Float64Array;
  private maxs: Float64Array;
  // Exact integral of the true curve from the first sample to each retained sample.
  private areas: Float64Array;
  private total = 0;
  private first = 0;
  private recorded = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  /** Makes an empty series; throws RangeError on a bad option. */
  constructor(name: string, options: SeriesOptions) {
    this.name = name;
    this.kind = options.kind;
    this.initial = options.initial ?? 0;
    this.res = options.resolution;
    this.maxPoints = options.maxPoints;
    this.checkOptions(options.kind);
    const capacity = Math.min(INITIAL_CAPACITY, this.maxPoints ?? INITIAL_CAPACITY);
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.mins = new Float64Array(capacity);
    this.maxs = new Float64Array(capacity);
    this.areas = new Float64Array(capacity);
  }

  /** Current bucket width in ms (doubled by maxPoints), or undefined when nothing is merged. */
  get resolution(): number | undefined {
    return this.res;
  }

  /** Number of retained samples (what memory is proportional to). */
  get size(): number {
    return this.n;
  }

  /** Number of samples recorded, retained or not. */
  get count(): number {
    return this.recorded;
  }

  /** Time of the first sample (kept even if that sample was merged away), or undefined before any. */
  get firstTime(): number | undefined {
    return this.recorded === 0 ? undefined : this.first;
  }

  /** Time of the last sample, or undefined before any. */
  get lastTime(): number | undefined {
    return this.n === 0 ? undefined : this.times[this.n - 1];
  }

  /** Adds a sample; time must not go backwards and both numbers must be finite. */
  record(time: number, value: number): void {
    this.checkSample(time, value);
    const n = this.n;
    if (n > 0) this.total += this.areaBetween(this.times[n - 1], this.values[n - 1], time, value);
    else this.first = time;
    this.recorded++;
    this.lo = Math.min(this.lo, value);
    this.hi = Math.max(this.hi, value);
    if (!this.mergesWithLast(time) && this.maxPoints !== undefined && this.n >= this.maxPoints) {
      this.compact(this.maxPoints);
    }
    if (this.mergesWithLast(time)) this.replaceLast(time, value);
    else this.append(time, value);
  }

  /** The value of the curve at a time (see the header for what is exact after downsampling). */
  valueAt(time: number): number {
    if (Number.isNaN(time)) throw new RangeError(`series "${this.name}": time NaN is not a number`);
    const k = this.indexAtOrBefore(time);
    return k < 0 ? this.initial : this.valueFrom(k, time);
  }

  /** The last recorded value (the initial value before any sample); exact. */
  last(): number {
    return this.n === 0 ? this.initial : this.values[this.n - 1];
  }

  /** The largest value ever recorded (the initial value before any sample); exact. */
  max(): number {
    return this.recorded === 0 ? this.initial : this.hi;
  }

  /** The smallest value ever recorded (the initial value before any sample); exact. */
  min(): number {
    return this.recorded === 0 ? this.initial : this.lo;
  }

  /** Area under the curve from `from` to `to` in value·ms (negative if to < from); exact where valueAt is. */
  integral(from: number, to: number): number {
    this.checkFinite('integral from', from);
    this.checkFinite('integral to', to);
    if (this.n === 0) return this.initial * (to - from);
    // Within one segment, integrate it directly rather than subtract two large running sums.
    const k = this.indexAtOrBefore(from);
    if (k >= 0 && k === this.indexAtOrBefore(to)) {
      return this.areaBetween(from, this.valueFrom(k, from), to, this.valueFrom(k, to));
    }
    return this.cumulative(to) - this.cumulative(from);
  }

  /** The curve's value at each given time. */
  sampleAt(times: readonly number[]): SeriesPoint[] {
    return times.map((t) => ({ t, v: this.valueAt(t) }));
  }

  /** The curve's value on the grid from, from + step, … up to and including to (for CSV and daily exports). */
  toPoints(from: number, to: number, step: number): SeriesPoint[] {
    this.checkFinite('grid from', from);
    this.checkFinite('grid to', to);
    if (!(step > 0) || !Number.isFinite(step)) {
      throw new RangeError(`series "${this.name}": grid step must be a positive number, got ${step}`);
    }
    const out: SeriesPoint[] = [];
    // Multiply rather than accumulate so the grid does not drift; empty when to < from.
    const count = Math.floor((to - from) / step) + 1;
    for (let i = 0; i < count; i++) out.push({ t: from + i * step, v: this.valueAt(from + i * step) });
    return out;
  }

  /** The retained samples in time order, as plain data. */
  points(): SeriesPoint[] {
    const out: SeriesPoint[] = [];
    for (let i = 0; i < this.n; i++) out.push({ t: this.times[i], v: this.values[i] });
    return out;
  }

  /** One summary per bucket with retained samples (per instant when nothing is merged), keeping peaks. */
  buckets(): SeriesBucket[] {
    const out: SeriesBucket[] = [];
    for (let i = 0; i < this.n; ) {
      const key = this.key(this.times[i]);
      let min = this.mins[i];
      let max = this.maxs[i];
      let j = i;
      while (j + 1 < this.n && this.key(this.times[j + 1]) === key) {
        j++;
        min = Math.min(min, this.mins[j]);
        max = Math.max(max, this.maxs[j]);
      }
      const t = this.res === undefined ? this.times[i] : key * this.res;
      out.push({ t, v: this.values[j], min, max });
      i = j + 1;
    }
    return out;
  }

  private checkOptions(kind: SeriesKind): void {
    const where = `series "${this.name}"`;
    if (kind !== 'step' && kind !== 'linear') {
      throw new RangeError(`${where}: kind must be "step" or "linear", got ${String(kind)}`);
    }
    if (this.res !== undefined && !(this.res > 0 && Number.isFinite(this.res))) {
      throw new RangeError(`${where}: resolution must be a positive number of ms, got ${this.res}`);
    }
    const max = this.maxPoints;
    if (max !== undefined && !(Number.isInteger(max) && max >= MIN_MAX_POINTS)) {
      throw new RangeError(`${where}: maxPoints must be an integer >= ${MIN_MAX_POINTS}, got ${max}`);
    }
    this.checkFinite('initial value', this.initial);
  }

  private checkSample(time: number, value: number): void {
    this.checkFinite('time', time);
    if (!Number.isFinite(value)) {
      throw new RangeError(`series "${this.name}": value ${value} at time ${time} is not a finite number`);
    }
    const last = this.lastTime;
    if (last !== undefined && time < last) {
      throw new RangeError(`series "${this.name}": time ${time} is before last sample ${last}`);
    }
  }

  private checkFinite(what: string, x: number): void {
    if (!Number.isFinite(x))
      throw new RangeError(`series "${this.name}": ${what} ${x} is not a finite number`);
  }

  // Area of the true curve between two consecutive samples.
  private areaBetween(t0: number, v0: number, t1: number, v1: number): number {
    return this.kind === 'step' ? v0 * (t1 - t0) : ((v0 + v1) / 2) * (t1 - t0);
  }

  // Bucket of a time: the time itself when nothing is merged.
  private key(time: number): number {
    return this.res === undefined ? time : Math.floor(time / this.res);
  }

  // Whether a sample at `time` replaces the last retained one rather than being appended.
  // step keeps one sample per bucket. linear keeps [arriving, leaving?] at the bucket's first
  // instant, then one latest sample; two retained samples share a time only as that pair.
  private mergesWithLast(time: number): boolean {
    const n = this.n;
    if (n === 0) return false;
    const key = this.key(time);
    if (this.key(this.times[n - 1]) !== key) return false;
    if (this.kind === 'step') return true;
    if (n < 2 || this.key(this.times[n - 2]) !== key) return false;
    return this.times[n - 2] < this.times[n - 1] || time === this.times[n - 1];
  }

  private replaceLast(time: number, value: number): void {
    const i = this.n - 1;
    this.times[i] = time;
    this.values[i] = value;
    this.mins[i] = Math.min(this.mins[i], value);
    this.maxs[i] = Math.max(this.maxs[i], value);
    this.areas[i] = this.total;
  }

  private append(time: number, value: number): void {
    if (this.n === this.times.length) this.grow();
    const i = this.n++;
    this.times[i] = time;
    this.values[i] = value;
    this.mins[i] = value;
    this.maxs[i] = value;
    this.areas[i] = this.total;
  }

  private grow(): void {
    const capacity = Math.min(this.times.length * 2, this.maxPoints ?? Number.POSITIVE_INFINITY);
    const widen = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.times = widen(this.times);
    this.values = widen(this.values);
    this.mins = widen(this.mins);
    this.maxs = widen(this.maxs);
    this.areas = widen(this.areas);
  }

  // Doubles the resolution until at most half of maxPoints remain, so the next compaction is
  // at least maxPoints / 2 appends away (amortised O(1) per sample).
  private compact(maxPoints: number): void {
    const target = Math.floor(maxPoints / 2);
    const reach = Math.max(Math.abs(this.times[0]), Math.abs(this.times[this.n - 1]));
    let r = this.res === undefined ? 1 : this.res * 2;
    for (;;) {
      this.remerge(r);
      // Once r exceeds every |time| only [-r, 0) and [0, r) are left: doubling gains nothing.
      if (this.n <= target || r > reach) return;
      r *= 2;
    }
  }

  // Re-buckets the retained samples at resolution r, in place, keeping per bucket what
  // record() would have kept: step its last sample; linear the samples at its first instant
  // (indices i..f) and its latest one, which absorbs the extremes of those it replaces.
  private remerge(r: number): void {
    this.res = r;
    let w = 0;
    for (let i = 0; i < this.n; ) {
      const key = this.key(this.times[i]);
      let j = i;
      while (j + 1 < this.n && this.key(this.times[j + 1]) === key) j++;
      let f = i - 1;
      if (this.kind === 'linear') f = j > i && this.times[i + 1] === this.times[i] ? i + 1 : i;
      let min = this.mins[j];
      let max = this.maxs[j];
      for (let k = f + 1; k < j; k++) {
        min = Math.min(min, this.mins[k]);
        max = Math.max(max, this.maxs[k]);
      }
      for (let k = i; k <= f; k++) this.move(k, w++);
      if (j > f) {
        this.move(j, w);
        this.mins[w] = min;
        this.maxs[w++] = max;
      }
      i = j + 1;
    }
    this.n = w;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.values[to] = this.values[from];
    this.mins[to] = this.mins[from];
    this.maxs[to] = this.maxs[from];
    this.areas[to] = this.areas[from];
  }

  // Last retained index whose time is <= time, or -1 (binary search).
  private indexAtOrBefore(time: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid] <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  // Value at `time` given k = indexAtOrBefore(time) >= 0; times[k] <= time < times[k + 1].
  private valueFrom(k: number, time: number): number {
    const t0 = this.times[k];
    const v0 = this.values[k];
    if (this.kind === 'step' || k === this.n - 1 || time === t0) return v0;
    const t1 = this.times[k + 1];
    return v0 + (this.values[k + 1] - v0) * ((time - t0) / (t1 - t0));
  }

  // Integral of the curve from the first sample's time to `time` (negative before it); n > 0.
  private cumulative(time: number): number {
    const k = this.indexAtOrBefore(time);
    // Before the first retained sample: the initial value, as valueAt says. Between the first
    // sample and the first retained one (a merged first bucket) that is approximate, but
    // anchoring at the first sample keeps integrals from it exact.
    if (k < 0) return this.initial * (time - this.first);
    const t0 = this.times[k];
    if (time === t0) return this.areas[k];
    return this.areas[k] + this.areaBetween(t0, this.values[k], time, this.valueFrom(k, time));
  }
}
