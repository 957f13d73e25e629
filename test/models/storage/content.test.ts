import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advance,
  advanceInPlace,
  changedFraction,
  contentState,
  deltaBytes,
  fullBytes,
} from '../../../models/storage/content.js';
import type { ContentState } from '../../../models/storage/types.js';
import { DAY, daily, GiB } from './fixtures.js';

describe('content states', () => {
  it('counts only used bytes, as whole bytes, per disk', () => {
    const s = contentState(0, [60 * GiB, 10.4]);
    expect(fullBytes(s)).toBe(60 * GiB + 10);
    expect([...s.logSurvival]).toEqual([0, 0]);
  });

  it('transfers the churned share of the data: 2% of 100 GiB is 2 GiB', () => {
    const [p, q] = daily(2, 100 * GiB, 0.02);
    // 100 GiB × 0.02 = 2 GiB = 2,147,483,648 bytes; the kept blocks round down, so ≤ 1 byte more.
    expect(deltaBytes(p, q) - 2 * GiB).toBeGreaterThanOrEqual(0);
    expect(deltaBytes(p, q) - 2 * GiB).toBeLessThanOrEqual(1);
  });

  it('counts a block changed on two days once: two days of 2% change 3.96%', () => {
    const [p, , r] = daily(3, 100 * GiB, 0.02);
    // 1 − 0.98² = 1 − 0.9604 = 0.0396, not 0.04.
    expect(changedFraction(p, r, 0)).toBeCloseTo(0.0396, 12);
    expect(Math.abs(deltaBytes(p, r) - 0.0396 * 100 * GiB)).toBeLessThanOrEqual(1);
  });

  it('adds growth as new data in full', () => {
    const p = contentState(0, [100 * GiB]);
    const q = advance(p, [0.02], [101 * GiB], DAY);
    // 2% of the old 100 GiB changed (2 GiB) + 1 GiB written = 3 GiB.
    expect(Math.abs(deltaBytes(p, q) - 3 * GiB)).toBeLessThanOrEqual(1);
  });

  it('treats data deleted and re-grown as new data, not the old data returning', () => {
    const p = contentState(0, [100 * GiB]);
    const q = advance(p, [0], [50 * GiB], DAY);
    const r = advance(q, [0], [100 * GiB], 2 * DAY);
    // Shrinking adds nothing; p's blocks that survive at r are the 50 GiB kept at q.
    expect(deltaBytes(p, q)).toBe(0);
    expect(deltaBytes(q, r)).toBe(50 * GiB);
    expect(deltaBytes(p, r)).toBe(50 * GiB);
  });

  it('makes a full rewrite and an emptied disk change everything', () => {
    const p = contentState(0, [100 * GiB]);
    const rewritten = advance(p, [1], [100 * GiB], DAY);
    expect(deltaBytes(p, rewritten)).toBe(100 * GiB);
    const emptied = advance(p, [0], [0], DAY);
    const refilled = advance(emptied, [0], [100 * GiB], 2 * DAY);
    expect(deltaBytes(p, refilled)).toBe(100 * GiB);
  });

  it('rejects bad churn, bad sizes, mismatched disks and time going backwards', () => {
    const p = contentState(DAY, [GiB, GiB]);
    expect(() => advance(p, [1.5, 0], [GiB, GiB], 2 * DAY)).toThrow(/churn/);
    expect(() => advance(p, [0, 0], [-1, GiB], 2 * DAY)).toThrow(/used bytes/);
    expect(() => advance(p, [0], [GiB], 2 * DAY)).toThrow(/disks/);
    expect(() => advance(p, [0, 0], [GiB, GiB], 0)).toThrow(/before/);
    expect(() => deltaBytes(p, contentState(2 * DAY, [GiB]))).toThrow(/disk count/);
  });
});

// A path of states: from an initial size, each step churns and changes used (growth or shrink).
const stepArb = fc.record({
  churn: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 10_000),
  used: fc.integer({ min: 0, max: 2 ** 40 }),
});
const pathArb = (growOnly: boolean) =>
  fc
    .tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.array(stepArb, { minLength: 1, maxLength: 12 }))
    .map(([start, steps]) => {
      const out = [contentState(0, [start])];
      for (const [i, st] of steps.entries()) {
        const prev = out[out.length - 1];
        const used = growOnly ? prev.used[0] + (st.used % 2 ** 34) : st.used;
        out.push(advance(prev, [st.churn], [used], (i + 1) * DAY));
      }
      return out;
    });
const indices = (n: number) =>
  fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(n - 1)).map((xs) => xs.sort((a, b) => a - b));

describe('content properties', () => {
  it('should never give a negative delta nor one above the later full size', () => {
    fc.assert(
      fc.property(pathArb(false), fc.nat(), fc.nat(), (path, i, j) => {
        const [a, b] = [i % path.length, j % path.length].sort((x, y) => x - y);
        const d = deltaBytes(path[a], path[b]);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(fullBytes(path[b]));
      }),
    );
  });

  it('should always equal used_p × (1 − e^ΔL) + growth while used does not shrink', () => {
    fc.assert(
      fc.property(pathArb(true), fc.nat(), fc.nat(), (path, i, j) => {
        const [a, b] = [i % path.length, j % path.length].sort((x, y) => x - y);
        const p = path[a];
        const q = path[b];
        const formula = p.used[0] * changedFraction(p, q, 0) + (q.used[0] - p.used[0]);
        // Whole bytes: kept blocks round down, so the delta is at most one byte above the real value.
        expect(deltaBytes(p, q) - formula).toBeGreaterThan(-1e-3);
        expect(deltaBytes(p, q) - formula).toBeLessThan(1 + 1e-3);
      }),
    );
  });

  it('should never make a merged delta larger than the two deltas it replaces, even when used shrinks', () => {
    fc.assert(
      fc.property(
        pathArb(false).chain((path) => fc.tuple(fc.constant(path), indices(path.length))),
        ([path, [p, q, r]]) => {
          expect(deltaBytes(path[p], path[r])).toBeLessThanOrEqual(
            deltaBytes(path[p], path[q]) + deltaBytes(path[q], path[r]),
          );
        },
      ),
    );
  });
});

describe('advanceInPlace', () => {
  it('should always land where advance lands', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 20 }), (steps) => {
        let fresh: ContentState = contentState(0, [GiB]);
        const owned = contentState(0, [GiB]);
        for (const [i, st] of steps.entries()) {
          fresh = advance(fresh, [st.churn], [st.used], (i + 1) * DAY);
          advanceInPlace(owned, [st.churn], [st.used], (i + 1) * DAY);
        }
        expect(owned).toEqual(fresh);
      }),
    );
  });

  it('changes nothing when its input is bad', () => {
    const s = contentState(0, [GiB, GiB]);
    expect(() => advanceInPlace(s, [0.1, 2], [2 * GiB, GiB], DAY)).toThrow(/churn/);
    expect(s).toEqual(contentState(0, [GiB, GiB]));
  });
});
