// The replication stream: hand-worked backlogs and data ages, then invariants over random
// piecewise inputs and a comparison with a plain step-by-step queue.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplicationStream } from '../../../models/replication/fluid.js';
import {
  anInput,
  aStream,
  capacityIntegral,
  DAY,
  type Generated,
  GiB,
  H,
  inputArb,
  MIN,
  MiB,
  reference,
  toInput,
} from './fixtures.js';

describe('ReplicationStream: examples', () => {
  it('keeps no backlog while churn stays below bandwidth, so everything up to t is covered', () => {
    // 10 MiB/s written, 20 MiB/s available: every byte leaves as it is written.
    const s = aStream();
    for (const t of [0, 1, 7 * MIN + 3, 5 * H, DAY, DAY + 1, 2 * DAY]) {
      expect(s.backlogAt(t)).toBe(0);
      expect(s.coveredAt(t)).toBe(t);
      expect(s.rpoAt(t)).toBe(0);
      expect(s.lagAt(t)).toBe(0);
    }
    // W(1 h) = 10 MiB/s × 3600 s = 36,000 MiB, all of it uploaded.
    const t = 2 * DAY;
    expect(s.writtenAt(t)).toBe(10 * MiB * 2 * 86_400);
    expect(s.uploadedAt(t)).toBe(s.writtenAt(t));
  });

  it('builds a backlog under a churn spike and drains it after, with data age B/c and drain time B/b', () => {
    // Base 10 MiB/s plus a 20 MiB/s spike for the first hour (30 MiB/s) against 20 MiB/s.
    const s = aStream({ spikes: [{ from: 0, to: H, rate: 20 * MiB }] });
    // After 1 h: B = (30 − 20) MiB/s × 3600 s = 36,000 MiB.
    expect(s.backlogAt(H)).toBe(36_000 * MiB);
    // U = 20 × 3600 = 72,000 MiB = W(c) = 30·c → c = 2400 s; data age = 3600 − 2400 = 1200 s = B/c.
    expect(s.coveredAt(H)).toBeCloseTo(2400_000, 6);
    expect(s.rpoAt(H)).toBeCloseTo(1200_000, 6);
    // Drain time = B/b = (30 − 20) × 3600 / 20 = 1800 s.
    expect(s.lagAt(H)).toBeCloseTo(1800_000, 6);
    // Spike over, 10 MiB/s written: drains at b − r = 10 MiB/s; 36,000 MiB / 10 MiB/s = 3600 s → empty at 2 h.
    expect(s.backlogAt(1.5 * H)).toBeCloseTo(18_000 * MiB, 0);
    // At 5400 s: U = 72,000 + 20 × 1800 = 108,000 MiB = W(3600 s), the end of the spike's data.
    expect(s.coveredAt(1.5 * H)).toBeCloseTo(H, 6);
    expect(s.backlogAt(2 * H - 1000)).toBeCloseTo(10 * MiB, 0); // 1 s of draining at 10 MiB/s left
    expect(s.backlogAt(2 * H)).toBe(0);
    expect(s.coveredAt(2 * H)).toBe(2 * H);
    // Beyond 5400 s: U = 108,000 + 20(t − 5400), W(c) = 108,000 + 10(c − 3600) → c = 2t − 7200,
    // data age 7200 − t: the peak is at 5400 s, 1800 s.
    expect(s.rpoAt(1.75 * H)).toBeCloseTo(900_000, 6);
    s.advanceTo(DAY);
    expect(s.peakRpo(0)).toBeCloseTo(1800_000, 6);
  });

  it('finishes a 100 GiB initial replication at 50 MiB/s after 2048 s, uncovered until then', () => {
    // 100 × 1024 MiB / 50 MiB/s = 2048 s.
    const s = aStream({ initialBytes: 100 * GiB, bandwidth: 50 * MiB, dayRate: () => 0 });
    expect(s.coveredAt(2047_000)).toBeNull();
    expect(s.rpoAt(2047_000)).toBeNull();
    expect(s.lagAt(2047_000)).toBeCloseTo(1000, 6); // 50 MiB left at 50 MiB/s
    expect(s.initialDoneAt(2048_000)).toBe(2048_000);
    expect(s.coveredAt(2048_000)).toBe(2048_000);
  });

  it('covers nothing newer than the start of an initial replication that churn runs alongside', () => {
    // 1 GiB initial at 2 MiB/s with 1 MiB/s churn: U = 2t reaches 1024 MiB at 512 s; c = W⁻¹(1024) = 0,
    // then the churn written meanwhile (512 MiB) drains at 1 MiB/s: empty at 1024 s.
    const s = aStream({ initialBytes: GiB, bandwidth: 2 * MiB, dayRate: () => MiB });
    expect(s.coveredAt(511_000)).toBeNull();
    expect(s.coveredAt(512_000)).toBeCloseTo(0, 6);
    expect(s.rpoAt(512_000)).toBeCloseTo(512_000, 6);
    // At 768 s: U = 1536 MiB, W(c) = 1024 + c → c = 512 s.
    expect(s.coveredAt(768_000)).toBeCloseTo(512_000, 6);
    expect(s.backlogAt(1024_000)).toBe(0);
    s.advanceTo(DAY);
    // Day 0's worst age is at the first instant anything is covered: 512 s.
    expect(s.peakRpo(0)).toBeCloseTo(512_000, 6);
  });

  it('stops writes and uploads while the source is down, freezing the covered instant', () => {
    // 30 MiB/s against 20 MiB/s from 0; down from 1 h to 3 h.
    const s = aStream({ dayRate: () => 30 * MiB, down: [{ from: H, to: 3 * H }] });
    const atDown = { w: s.writtenAt(H), u: s.uploadedAt(H), c: s.coveredAt(H)! };
    expect(atDown.c).toBeCloseTo(2400_000, 6); // as in the spike example
    for (const t of [1.5 * H, 2 * H, 3 * H - 1]) {
      expect(s.writtenAt(t)).toBe(atDown.w);
      expect(s.uploadedAt(t)).toBe(atDown.u);
      expect(s.coveredAt(t)).toBe(atDown.c);
      expect(s.rpoAt(t)).toBeCloseTo(t - 2400_000, 6);
    }
    // Up again at 3 h: uploads resume from where they stopped.
    expect(s.uploadedAt(4 * H) - atDown.u).toBeCloseTo(20 * MiB * 3600, 0);
  });

  it('caps the covered instant at the start of a down window when the backlog was empty', () => {
    const s = aStream({ down: [{ from: H, to: 3 * H }] });
    expect(s.coveredAt(2 * H)).toBe(H);
    expect(s.rpoAt(2 * H)).toBe(H);
    expect(s.coveredAt(3 * H)).toBe(3 * H);
    s.advanceTo(DAY);
    // Day 0's worst age: just before 3 h, 3 h − 1 h = 2 h (the supremum, not reached).
    expect(s.peakRpo(0)).toBe(2 * H);
  });

  it('multiplies overlapping bandwidth factors and reports an infinite drain time at factor 0', () => {
    // 20 MiB/s × 0.5 × 0.5 = 5 MiB/s against 10 MiB/s churn for 1 h: B = 5 × 3600 MiB.
    const s = aStream({
      bandwidthScale: [
        { from: 0, to: H, factor: 0.5 },
        { from: 0, to: 2 * H, factor: 0.5 },
        { from: 2 * H, to: 3 * H, factor: 0 },
      ],
    });
    expect(s.backlogAt(H)).toBe(18_000 * MiB);
    // Drain time uses the capacity at the instant: 5 MiB/s just before 1 h, 10 MiB/s from 1 h.
    expect(s.lagAt(H - 1)).toBeCloseTo(3599_999, 0); // (18,000 MiB − 5 MiB/s × 1 ms) at 5 MiB/s
    expect(s.lagAt(H)).toBeCloseTo(1800_000, 6); // 18,000 MiB at 10 MiB/s
    expect(s.lagAt(2.5 * H)).toBe(Number.POSITIVE_INFINITY);
  });

  it('asks dayRate once per day, in increasing order, only for days the source was up', () => {
    const asked: number[] = [];
    const s = aStream({
      horizon: 5 * DAY,
      down: [{ from: 2 * DAY, to: 3 * DAY }],
      dayRate: (k) => {
        asked.push(k);
        return MiB * (k + 1);
      },
    });
    for (let t = 0; t <= 5 * DAY; t += 7 * H) s.coveredAt(t);
    s.advanceTo(5 * DAY);
    expect(asked).toEqual([0, 1, 3, 4]);
  });

  it('answers queries up to the lookback back, as a fresh stream would, and refuses older ones', () => {
    const input = anInput({
      dayRate: (k) => (k + 1) * 15 * MiB,
      spikes: [{ from: H, to: 2 * H, rate: 30 * MiB }],
    });
    const s = new ReplicationStream({ ...input, lookback: 30 * MIN });
    s.coveredAt(2.5 * H);
    const fresh = new ReplicationStream(input);
    expect(s.coveredAt(2 * H + 1)).toBe(fresh.coveredAt(2 * H + 1));
    expect(s.backlogAt(2.25 * H)).toBeCloseTo(fresh.backlogAt(2.25 * H), 3);
    expect(() => s.coveredAt(2 * H - 1)).toThrow(/lookback.*non-decreasing/);
    expect(() => s.coveredAt(3 * DAY)).toThrow(RangeError);
    expect(() => s.peakRpo(0)).toThrow(/not finished/);
  });

  it('keeps its memory bounded over a year of varying churn and repeated spikes', () => {
    // Daily rates alternate above and below bandwidth; a spike every 6 hours.
    const spikes = Array.from({ length: 365 * 4 }, (_, i) => ({
      from: i * 6 * H,
      to: i * 6 * H + H,
      rate: 15 * MiB,
    }));
    const s = aStream({ horizon: 365 * DAY, dayRate: (k) => (k % 2 === 0 ? 25 : 5) * MiB, spikes });
    let most = 0;
    for (let t = 0; t <= 365 * DAY; t += 5 * MIN) {
      s.rpoAt(t);
      most = Math.max(most, s.retained.segments + s.retained.knots);
    }
    expect(most).toBeLessThan(40);
    // Every finished day has a peak.
    expect(s.peakRpo(364)).toBeGreaterThanOrEqual(0);
  });

  it('rejects bad inputs with every problem named', () => {
    expect(() => aStream({ bandwidth: -1, initialBytes: Number.NaN })).toThrow(/initialBytes.*bandwidth/);
    expect(() => aStream({ spikes: [{ from: 5, to: 5, rate: 1 }] })).toThrow(/spikes\[0\]/);
    expect(() => aStream({ dayRate: () => -1 }).coveredAt(1)).toThrow(/dayRate\(0\)/);
  });
});

// ------------------------------------------------------------------ properties

const STEP = MIN;

/** Query instants as fractions of the horizon (to the ms); every half hour is asked as well. */
const queriesArb = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 40 });
const instants = (g: Generated, qs: number[]) => {
  const grid = Array.from({ length: g.horizon / (30 * MIN) + 1 }, (_, i) => i * 30 * MIN);
  return [...new Set([...grid, ...qs.map((q) => Math.floor((q / 1_000_000) * g.horizon))])].sort(
    (a, b) => a - b,
  );
};

describe('ReplicationStream: properties', () => {
  it('should always keep W = U + B with B ≥ 0, U within the capacity, and coveredAt ≤ t non-decreasing', () => {
    fc.assert(
      fc.property(inputArb(STEP), queriesArb, (g, qs) => {
        const s = new ReplicationStream(toInput(g));
        let lastCovered = Number.NEGATIVE_INFINITY;
        for (const t of instants(g, qs)) {
          const w = s.writtenAt(t);
          const u = s.uploadedAt(t);
          const b = s.backlogAt(t);
          expect(b).toBeGreaterThanOrEqual(0);
          expect(Math.abs(w - u - b)).toBeLessThanOrEqual(1e-9 * w + 1e-6);
          expect(u).toBeLessThanOrEqual(capacityIntegral(g, t) + 1e-12 * w + 1e-6); // U = W − B rounds at W's scale
          const c = s.coveredAt(t);
          if (c !== null) {
            expect(c).toBeLessThanOrEqual(t);
            expect(c).toBeGreaterThanOrEqual(lastCovered);
            expect(s.rpoAt(t)).toBeGreaterThanOrEqual(0);
            lastCovered = c;
          } else expect(lastCovered).toBe(Number.NEGATIVE_INFINITY);
        }
      }),
    );
  });

  it('should never cover less with more bandwidth', () => {
    fc.assert(
      fc.property(inputArb(STEP), fc.integer({ min: 1, max: 50 * MiB }), queriesArb, (g, extra, qs) => {
        const slow = new ReplicationStream(toInput(g));
        const fast = new ReplicationStream(toInput(g, { bandwidth: g.bandwidth + extra }));
        for (const t of instants(g, qs)) {
          const a = slow.coveredAt(t);
          const b = fast.coveredAt(t);
          if (a === null) continue;
          expect(b).not.toBeNull();
          // Compare in bytes written, where float error is bounded (time is ill-conditioned where W is flat).
          expect(fast.uploadedAt(t)).toBeGreaterThanOrEqual(slow.uploadedAt(t) * (1 - 1e-12) - 1e-6);
          expect(b!).toBeGreaterThanOrEqual(a - 1e-6 * Math.max(1, t));
        }
      }),
    );
  });

  it('should always agree with a plain step-by-step queue on its grid', () => {
    fc.assert(
      fc.property(inputArb(STEP), queriesArb, (g, qs) => {
        const s = new ReplicationStream(toInput(g));
        const ref = reference(g, STEP);
        const grid = [...new Set(instants(g, qs).map((t) => Math.floor(t / STEP) * STEP))];
        for (const t of grid) {
          const j = t / STEP;
          const tol = 1e-9 * ref.W[j] + 1e-3;
          expect(Math.abs(s.writtenAt(t) - ref.W[j])).toBeLessThanOrEqual(tol);
          expect(Math.abs(s.uploadedAt(t) - ref.U[j])).toBeLessThanOrEqual(tol);
          const c = s.coveredAt(t);
          const cr = ref.coveredAt(t);
          if (Math.abs(ref.U[j] - g.initialBytes) <= tol) continue; // on the edge of the initial copy
          expect(c === null).toBe(cr === null);
          if (c !== null && cr !== null) {
            // W(c) matches: the same bytes are covered (an instant is ill-defined where W is flat).
            expect(Math.abs(ref.writtenAt(c) - ref.writtenAt(cr))).toBeLessThanOrEqual(tol);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('should always answer a query within the lookback as a stream asked only that instant would', () => {
    fc.assert(
      fc.property(inputArb(STEP), queriesArb, fc.integer({ min: 0, max: H }), (g, qs, back) => {
        const s = new ReplicationStream(toInput(g, { lookback: H }));
        for (const t of instants(g, qs).filter((_, i) => i % 4 === 0)) {
          s.advanceTo(t);
          const past = Math.max(0, t - back);
          const fresh = new ReplicationStream(toInput(g));
          const tol = 1e-9 * fresh.writtenAt(past) + 1e-3;
          expect(Math.abs(s.uploadedAt(past) - fresh.uploadedAt(past))).toBeLessThanOrEqual(tol);
          expect(Math.abs(s.backlogAt(past) - fresh.backlogAt(past))).toBeLessThanOrEqual(tol);
          const c = s.coveredAt(past);
          const cf = fresh.coveredAt(past);
          expect(c === null).toBe(cf === null);
          if (c !== null) expect(Math.abs(c - cf!)).toBeLessThanOrEqual(1e-6 * Math.max(1, past));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('should always report the peak data age of each day as the supremum of rpoAt over it', () => {
    fc.assert(
      fc.property(inputArb(STEP), (g) => {
        const s = new ReplicationStream(toInput(g));
        const sampled = new ReplicationStream(toInput(g));
        s.advanceTo(g.horizon);
        for (let k = 0; k * DAY < g.horizon; k++) {
          // rpo rises at slope ≤ 1 and only jumps down, so over [a, a + STEP) it stays ≤ rpo(a) + STEP.
          let low = Number.NEGATIVE_INFINITY;
          let high = Number.NEGATIVE_INFINITY;
          for (let t = k * DAY; t < (k + 1) * DAY; t += STEP) {
            const r = sampled.rpoAt(t);
            if (r !== null) low = Math.max(low, r);
            high = Math.max(high, r === null ? t + STEP : r + STEP);
          }
          const peak = s.peakRpo(k);
          if (low === Number.NEGATIVE_INFINITY && peak === null) continue;
          expect(peak).not.toBeNull();
          expect(peak!).toBeGreaterThanOrEqual(low - 1e-6 * DAY);
          expect(peak!).toBeLessThanOrEqual(high + 1e-6 * DAY);
        }
      }),
      { numRuns: 30 },
    );
  });
});
