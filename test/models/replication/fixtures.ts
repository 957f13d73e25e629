// Builders and a plain step-by-step reference for the replication tests.
import fc from 'fast-check';
import { MS } from '../../../engine/units.js';
import { type ReplicationInput, ReplicationStream } from '../../../models/replication/fluid.js';

/** 2^20 bytes. */
export const MiB = 2 ** 20;
/** 2^30 bytes. */
export const GiB = 2 ** 30;
/** A minute, an hour and a day in ms. */
export const { minute: MIN, hour: H, day: DAY } = MS;

/** A stream with no initial copy, 10 MiB/s churn, 20 MiB/s bandwidth and 2 days, unless told otherwise. */
export function aStream(over: Partial<ReplicationInput> = {}): ReplicationStream {
  return new ReplicationStream(anInput(over));
}

/** The input of aStream. */
export function anInput(over: Partial<ReplicationInput> = {}): ReplicationInput {
  return {
    initialBytes: 0,
    bandwidth: 20 * MiB,
    dayRate: () => 10 * MiB,
    spikes: [],
    bandwidthScale: [],
    down: [],
    horizon: 2 * DAY,
    ...over,
  };
}

/** A random input whose every edge is on a `step` grid, so the reference below is exact on that grid. */
export function inputArb(step: number) {
  const window = (days: number) =>
    fc
      .tuple(fc.integer({ min: 0, max: Math.floor((days * DAY) / step) }), fc.integer({ min: 1, max: 600 }))
      .map(([a, n]) => ({ from: a * step, to: (a + n) * step }));
  return fc.integer({ min: 1, max: 3 }).chain((days) =>
    fc.record({
      horizon: fc.constant(days * DAY),
      // Whole MiB/s and quarter GiB: fast-check's bias to small integers would otherwise give
      // bandwidths of a few bytes/s that never finish the initial copy.
      initialBytes: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 160 }).map((n) => (n * GiB) / 4),
      ),
      bandwidth: fc.oneof(
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 9, arbitrary: fc.integer({ min: 1, max: 100 }).map((n) => n * MiB) },
      ),
      rates: fc.array(
        fc.integer({ min: 0, max: 60 }).map((n) => n * MiB),
        { minLength: days, maxLength: days },
      ),
      spikes: fc.array(
        fc.tuple(window(days), fc.integer({ min: 0, max: 80 })).map(([w, n]) => ({ ...w, rate: n * MiB })),
        { maxLength: 3 },
      ),
      bandwidthScale: fc.array(
        fc
          .tuple(window(days), fc.constantFrom(0, 0.25, 0.5, 1.5, 2))
          .map(([w, factor]) => ({ ...w, factor })),
        { maxLength: 3 },
      ),
      down: fc.array(window(days), { maxLength: 2 }),
    }),
  );
}

/** A generated input. */
export type Generated = {
  horizon: number;
  initialBytes: number;
  bandwidth: number;
  rates: number[];
  spikes: { from: number; to: number; rate: number }[];
  bandwidthScale: { from: number; to: number; factor: number }[];
  down: { from: number; to: number }[];
};

/** The ReplicationInput of a generated input (day k's rate is rates[k]). */
export function toInput(g: Generated, over: Partial<ReplicationInput> = {}): ReplicationInput {
  return { ...g, dayRate: (k) => g.rates[k], ...over };
}

const inside = (w: { from: number; to: number }, t: number) => w.from <= t && t < w.to;

/** The write rate and upload capacity at instant t, read straight off the input. */
export function ratesAt(g: Generated, t: number): { r: number; cap: number; up: boolean } {
  const up = !g.down.some((w) => inside(w, t));
  if (!up) return { r: 0, cap: 0, up };
  const spike = g.spikes.reduce((s, w) => (inside(w, t) ? s + w.rate : s), 0);
  const scale = g.bandwidthScale.reduce((p, w) => (inside(w, t) ? p * w.factor : p), 1);
  return { r: g.rates[Math.floor(t / DAY)] + spike, cap: g.bandwidth * scale, up };
}

/** ∫₀ᵗ capacity: an upper bound on what can have been uploaded by t. */
export function capacityIntegral(g: Generated, t: number): number {
  const edges = [
    ...new Set([0, t, ...[...g.spikes, ...g.bandwidthScale, ...g.down].flatMap((w) => [w.from, w.to])]),
  ]
    .filter((x) => x >= 0 && x <= t)
    .sort((a, b) => a - b);
  let sum = 0;
  for (let i = 0; i + 1 < edges.length; i++)
    sum += (ratesAt(g, edges[i]).cap * (edges[i + 1] - edges[i])) / 1000;
  return sum;
}

/**
 * The fluid queue stepped plainly on a grid of `step` ms: W, U and B after each step. Exact on
 * the grid when every edge of the input is on it (within a step rates are constant, and
 * min(B + r·dt, cap·dt) is what a queue that may empty mid-step uploads).
 */
export function reference(g: Generated, step: number) {
  const n = Math.floor(g.horizon / step);
  const W = new Float64Array(n + 1);
  const U = new Float64Array(n + 1);
  W[0] = g.initialBytes;
  for (let i = 0; i < n; i++) {
    const { r, cap } = ratesAt(g, i * step);
    const dt = step / 1000;
    W[i + 1] = W[i] + r * dt;
    U[i + 1] = U[i] + Math.min(W[i] - U[i] + r * dt, cap * dt);
  }
  /** W at any instant (linear within a step). */
  const writtenAt = (t: number) => {
    const i = Math.min(Math.floor(t / step), n - 1);
    return W[i] + ((W[i + 1] - W[i]) * (t - i * step)) / step;
  };
  /** The latest c ≤ the last up instant ≤ t with W(c) ≤ U(t), by a scan (grid instants t only). */
  const coveredAt = (t: number): number | null => {
    const j = t / step;
    if (U[j] < g.initialBytes * (1 - 1e-12)) return null;
    const down = g.down.filter((w) => inside(w, t));
    const limit = down.length === 0 ? t : Math.min(...down.map((w) => w.from));
    // The last grid instant ≤ limit with W ≤ U, then the linear piece after it.
    let i = limit / step;
    while (i > 0 && W[i] > U[j]) i--;
    if (i * step === limit) return limit;
    return i * step + ((U[j] - W[i]) / (W[i + 1] - W[i])) * step;
  };
  return { W, U, writtenAt, coveredAt, n };
}
