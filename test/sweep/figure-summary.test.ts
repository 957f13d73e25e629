// Streaming summaries of a sweep's figures (issue 21): exact sums whatever the order,
// summaries that merge into exactly the summary of the whole, quantiles exact up to
// EXACT_LIMIT distinct values and within 2⁻⁹ past it.
import fc from 'fast-check';
import { quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { addExact, canonical, scaledDeviations, total, twoProduct } from '../../reports/exact-sum.js';
import {
  BINNED_RELATIVE_ERROR,
  bucketOf,
  EXACT_LIMIT,
  FigureAccumulator,
  middleOf,
} from '../../reports/figure-summary.js';

const sumOf = (xs: readonly number[]) => {
  const p: number[] = [];
  for (const x of xs) addExact(p, x);
  return p;
};
// Doubles as figures have them: finite, with magnitudes from cents to petabytes.
const value = fc.oneof(
  fc.integer({ min: -1e15, max: 1e15 }),
  fc.double({ min: -1e15, max: 1e15, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 0.1, 0.2, 0.3, 1e15, -1e-3),
);

describe('exact sums', () => {
  it('sums 0.1 + 0.2 + 0.3 to 0.6 exactly rounded, where left-to-right gives 0.6000000000000001', () => {
    expect(0.1 + 0.2 + 0.3).toBe(0.6000000000000001);
    expect(total(sumOf([0.1, 0.2, 0.3]))).toBe(0.6);
    // 1e16 + 1 − 1e16: the 1 survives.
    expect(total(sumOf([1e16, 1, -1e16]))).toBe(1);
  });

  it('should always equal the exact (BigInt) sum of safe integers', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger()), (xs) => {
        const exact = xs.reduce((t, x) => t + BigInt(x), 0n);
        expect(BigInt(total(sumOf(xs)))).toBe(BigInt(Number(exact)));
      }),
    );
  });

  it('should always give the same total and canonical partials whatever the order', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), fc.integer(), (xs, key) => {
        const shuffled = xs.map((x, i) => [x, (i * 7919 + key) % 1009] as const).sort((a, b) => a[1] - b[1]);
        const a = sumOf(xs);
        const b = sumOf(shuffled.map(([x]) => x));
        expect(total(b)).toBe(total(a));
        expect(canonical(b)).toEqual(canonical(a));
      }),
    );
  });

  it('should always split a product exactly (two-product, checked with BigInt)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        (a, b) => {
          const [hi, lo] = twoProduct(a, b);
          expect(BigInt(hi) + BigInt(lo)).toBe(BigInt(a) * BigInt(b));
        },
      ),
    );
  });

  it('gives n·Σx² − (Σx)² exactly for integers', () => {
    // 1, 2, 3, 4: n = 4, Σx = 10, Σx² = 30: 4·30 − 100 = 20.
    const xs = [1, 2, 3, 4];
    const sq: number[] = [];
    for (const x of xs) addExact(sq, x * x);
    expect(scaledDeviations(4, sumOf(xs), sq)).toBe(20);
    // A large common offset: two-pass arithmetic in doubles loses the spread, exact sums do not.
    const big = [1e15 + 1, 1e15 + 2, 1e15 + 3];
    const acc = new FigureAccumulator('storage.end.standard', 'bytes');
    for (const [r, x] of big.entries()) acc.add(r, x);
    // Deviations −1, 0, 1: sd = √(2 / 2) = 1.
    expect(acc.sample()!.sd).toBe(1);
  });
});

describe('FigureAccumulator', () => {
  it('should always summarise the same whatever the order and the split into merged parts', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 6 }),
        (xs, parts) => {
          const whole = new FigureAccumulator('cost.total', 'money');
          for (const [r, x] of xs.entries()) whole.add(r, x);
          const merged = new FigureAccumulator('cost.total', 'money');
          // Shards, merged last to first, each through JSON as a part file carries it.
          const size = Math.ceil(xs.length / parts);
          for (let k = parts - 1; k >= 0; k--) {
            const shard = new FigureAccumulator('cost.total', 'money');
            for (const [i, x] of xs.slice(k * size, (k + 1) * size).entries()) shard.add(k * size + i, x);
            if (shard.n > 0) merged.merge(JSON.parse(JSON.stringify(shard.summary())));
          }
          expect(merged.summary()).toEqual(whole.summary());
        },
      ),
    );
  });

  it('should always give simple-statistics’ type-7 quantiles, mean and sd while exact', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 200 }), (xs) => {
        const acc = new FigureAccumulator('jobs.failed', 'count');
        for (const [r, x] of xs.entries()) acc.add(r, x);
        const s = acc.sample()!;
        const sorted = [...xs].sort((a, b) => a - b);
        for (const p of [0, 0.5, 0.95, 0.99, 1]) expect(s.quantile(p)).toBe(quantileSorted(sorted, p));
        expect(s.mean).toBeCloseTo(xs.reduce((t, x) => t + x, 0) / xs.length, 9);
        expect(s.sd).toBeCloseTo(sampleStandardDeviation(xs), 9);
        expect(s.binned).toBe(false);
      }),
    );
  });

  it('counts absent amounts as zeros', () => {
    // 3 and 5 in 2 of 4 replications: values 0, 0, 3, 5; mean 2, min 0, p50 1.5.
    const acc = new FigureAccumulator('jobs.failed.timeout', 'count');
    acc.add(1, 3);
    acc.add(3, 5);
    const s = acc.sample(2)!;
    expect([s.n, s.mean, s.min, s.max, s.quantile(0.5)]).toEqual([4, 2, 0, 5, 1.5]);
  });

  it('bins past EXACT_LIMIT distinct values, with quantiles within 2⁻⁹ and exact min, max and mean', () => {
    const xs = Array.from({ length: 3 * EXACT_LIMIT }, (_, r) => 1000 + ((r * 7919) % 100_003) * 0.37);
    const acc = new FigureAccumulator('cost.total', 'money');
    for (const [r, x] of xs.entries()) acc.add(r, x);
    const s = acc.sample()!;
    expect(s.binned).toBe(true);
    const sorted = [...xs].sort((a, b) => a - b);
    for (const p of [0.5, 0.95, 0.99]) {
      const exact = quantileSorted(sorted, p);
      expect(Math.abs(s.quantile(p) - exact) / exact).toBeLessThanOrEqual(BINNED_RELATIVE_ERROR);
    }
    expect([s.min, s.max]).toEqual([sorted[0], sorted[sorted.length - 1]]);
    expect(s.mean).toBeCloseTo(xs.reduce((t, x) => t + x, 0) / xs.length, 6);
    // A bin's middle is within 2⁻⁹ of every value in it.
    for (const x of [1e-3, 0.3, 1, 1000.37, 12_345.67, 1e15, -42.5])
      expect(Math.abs(middleOf(bucketOf(x)) - x) / Math.abs(x)).toBeLessThanOrEqual(BINNED_RELATIVE_ERROR);
  });
});
