// Student t quantiles against published tables, the t-based CI of a mean, and Wilson's interval.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incompleteBeta, meanCi, studentTQuantile, wilson, Z_975 } from '../../reports/stats.js';

describe('studentTQuantile', () => {
  // Two-sided 95% critical values, as scipy.stats.t.ppf(0.975, df) gives them.
  const table: [number, number][] = [
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [5, 2.5705818356363146],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
    [100, 1.9839715185235518],
    [1000, 1.9623390808264083],
  ];
  it.each(table)('t(0.975, %i) matches the table to 1e-9', (df, t) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 9);
  });

  it('matches other quantiles: t(0.995, 4), t(0.9, 7), t(0.025, 10)', () => {
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.604094871349992, 9);
    expect(studentTQuantile(0.9, 7)).toBeCloseTo(1.4149239276505086, 9);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 9);
  });

  it('tends to the normal quantile as df grows', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(Z_975, 6);
  });

  it('rejects p outside (0, 1) and df < 1', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0.5)).toThrow(RangeError);
  });

  it('should always invert the t tail: P(|T| > t(p)) = 2(1 − p)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.55, max: 0.999, noNaN: true }),
        fc.integer({ min: 1, max: 500 }),
        (p, df) => {
          const t = studentTQuantile(p, df);
          expect(incompleteBeta(df / (df + t * t), df / 2, 0.5)).toBeCloseTo(2 * (1 - p), 10);
        },
      ),
    );
  });

  it('should always grow with p and shrink towards z as df grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (df) => {
        expect(studentTQuantile(0.975, df)).toBeGreaterThan(studentTQuantile(0.95, df));
        expect(studentTQuantile(0.975, df)).toBeGreaterThanOrEqual(studentTQuantile(0.975, df + 1));
        expect(studentTQuantile(0.975, df)).toBeGreaterThan(Z_975);
      }),
    );
  });
});

describe('meanCi', () => {
  it('is mean ± t(0.975, n−1)·s/√n', () => {
    const r = meanCi([1, 2, 3, 4, 5]);
    expect(r.mean).toBe(3);
    expect(r.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    const half = (2.7764451051977987 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(r.ci95![0]).toBeCloseTo(3 - half, 9);
    expect(r.ci95![1]).toBeCloseTo(3 + half, 9);
  });

  it('has no interval for one value, and a zero-width one for equal values', () => {
    expect(meanCi([7])).toEqual({ n: 1, mean: 7, sd: 0, ci95: null });
    expect(meanCi([2, 2, 2]).ci95).toEqual([2, 2]);
  });
});

describe('wilson', () => {
  it('matches the worked value for 973 of 1000', () => {
    const [lo, hi] = wilson(973, 1000);
    expect(lo).toBeCloseTo(0.961001, 5);
    expect(hi).toBeCloseTo(0.981379, 5);
  });

  it('is not empty at 0% and 100%', () => {
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(0, 10)[1]).toBeGreaterThan(0.2);
    expect(wilson(10, 10)[1]).toBe(1);
    expect(wilson(10, 10)[0]).toBeLessThan(0.8);
  });

  it('should always lie in [0, 1] and contain the observed rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const k = Math.round(f * n);
          const [lo, hi] = wilson(k, n);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(1);
          expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
        },
      ),
    );
  });
});
