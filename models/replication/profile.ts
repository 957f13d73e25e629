// The time-varying inputs of one replication stream (churn spikes, bandwidth degradation,
// source down windows) folded into one piecewise-constant profile: pieces between the
// windows' edges, each with its extra write rate, its bandwidth factor and whether the
// source is down. Built once; looked up by a moving pointer or by binary search.

/** A half-open window [from, to) of simulation time, ms. */
export interface Window {
  readonly from: number;
  readonly to: number;
}

/** What the profile is built from (the windows of ReplicationInput). */
export interface ProfileInput {
  spikes: readonly { from: number; to: number; rate: number }[];
  bandwidthScale: readonly { from: number; to: number; factor: number }[];
  down: readonly Window[];
  horizon: number;
}

/** Every problem with a list of windows, one sentence each; `value` reads a per-window number that must be >= 0. */
function windowProblems<W extends Window>(
  name: string,
  windows: readonly W[],
  value: [string, (w: W) => number] | null,
): string[] {
  return windows.flatMap((w, i) => {
    const out: string[] = [];
    if (!Number.isFinite(w.from) || !Number.isFinite(w.to) || !(w.from < w.to)) {
      out.push(`${name}[${i}] needs finite from < to, got from ${w.from} and to ${w.to}`);
    }
    const v = value === null ? 0 : value[1](w);
    if (value !== null && !(Number.isFinite(v) && v >= 0)) {
      out.push(`${name}[${i}].${value[0]} must be a finite number >= 0, got ${v}`);
    }
    return out;
  });
}

/** Sorts windows and merges those that overlap or touch, so each instant is in at most one. */
function merge(windows: readonly Window[]): Window[] {
  const sorted = [...windows].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Window[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && w.from <= last.to)
      out[out.length - 1] = { from: last.from, to: Math.max(last.to, w.to) };
    else out.push({ from: w.from, to: w.to });
  }
  return out;
}

/** The last index i with xs[i] <= t (xs sorted, xs[lo] <= t), searching from lo. */
export function lastAtOrBefore(xs: readonly number[], t: number, lo = 0): number {
  let a = lo;
  let b = xs.length - 1;
  while (a < b) {
    const mid = (a + b + 1) >> 1;
    if (xs[mid] <= t) a = mid;
    else b = mid - 1;
  }
  return a;
}

/** The piecewise-constant inputs of one stream on [0, horizon]. */
export class Profile {
  /** Piece i covers [starts[i], starts[i + 1]); the last entry is the horizon. */
  readonly starts: number[];
  /** Extra write rate of each piece, bytes/s (sum of the spikes covering it). */
  readonly spike: number[];
  /** Bandwidth factor of each piece (product of the scale windows covering it). */
  readonly scale: number[];
  /** Whether the source is down during each piece. */
  readonly down: boolean[];
  /** The down windows, sorted and merged (not clipped: a window may run past the horizon). */
  readonly downs: readonly Window[];
  private readonly downFroms: number[];

  constructor(input: ProfileInput) {
    const { horizon } = input;
    const problems = [
      ...(Number.isFinite(horizon) && horizon >= 0
        ? []
        : [`horizon must be a finite number >= 0, got ${horizon}`]),
      ...windowProblems('spikes', input.spikes, ['rate', (w) => w.rate]),
      ...windowProblems('bandwidthScale', input.bandwidthScale, ['factor', (w) => w.factor]),
      ...windowProblems('down', input.down, null),
    ];
    if (problems.length > 0) throw new RangeError(`replication: ${problems.join('; ')}`);
    this.downs = merge(input.down);
    this.downFroms = this.downs.map((w) => w.from);
    const edges = new Set<number>([0, horizon]);
    for (const w of [...input.spikes, ...input.bandwidthScale, ...this.downs]) {
      for (const x of [w.from, w.to]) if (x > 0 && x < horizon) edges.add(x);
    }
    this.starts = [...edges].sort((a, b) => a - b);
    if (this.starts.length === 1) this.starts.push(horizon);
    const pieces = this.starts.slice(0, -1);
    const covers = (w: Window, s: number) => w.from <= s && s < w.to;
    // O(pieces × windows) once at construction: a VM has a handful of windows.
    this.spike = pieces.map((s) => input.spikes.reduce((sum, w) => (covers(w, s) ? sum + w.rate : sum), 0));
    this.scale = pieces.map((s) =>
      input.bandwidthScale.reduce((prod, w) => (covers(w, s) ? prod * w.factor : prod), 1),
    );
    this.down = pieces.map((s) => this.downs.some((w) => covers(w, s)));
  }

  /** The index of the piece holding t (the last piece for t = horizon). */
  pieceAt(t: number): number {
    return Math.min(lastAtOrBefore(this.starts, t), this.starts.length - 2);
  }

  /** The down window holding t, or null when the source is up at t. */
  downAt(t: number): Window | null {
    if (this.downs.length === 0 || t < this.downFroms[0]) return null;
    const w = this.downs[lastAtOrBefore(this.downFroms, t)];
    return t < w.to ? w : null;
  }
}
