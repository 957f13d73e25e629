import fc from 'fast-check';
import { mean, sumNthPowerDeviations, variance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  type Distribution,
  lognormalFromMeanSd,
  makeSampler,
  theoreticalMean,
  theoreticalVariance,
  validateDistribution,
} from '../../engine/distributions.js';
import { createStreams, type RandomStream, streamFromSource } from '../../engine/random.js';

/** `n` samples of `d` from a fixed named stream. */
function sample(d: Distribution, n: number, name = 'sample'): number[] {
  const draw = makeSampler(d);
  const rng = createStreams(2024).get(name);
  return Array.from({ length: n }, () => draw(rng));
}

/** A stream that always returns `u`, to read a sampler's inverse CDF at one point. */
const fixed = (u: number): RandomStream => streamFromSource('fixed', () => u);

/** A real stream that counts how many draws were taken from it. */
function counting(): { rng: RandomStream; count: () => number } {
  const inner = createStreams(5).get('counted');
  let n = 0;
  const rng = streamFromSource('counted', () => {
    n++;
    return inner.next();
  });
  return { rng, count: () => n };
}

const N = 200_000;

// One of each family with moderate parameters; the lognormal's sigma is kept at 0.5
// because heavier tails make the sample variance converge too slowly for a fixed sample.
const families: [string, Distribution][] = [
  ['uniform', { kind: 'uniform', min: -3, max: 7 }],
  ['exponential', { kind: 'exponential', mean: 4 }],
  ['normal', { kind: 'normal', mean: 10, sd: 2 }],
  ['lognormal', { kind: 'lognormal', mu: 1, sigma: 0.5 }],
  ['triangular (skewed)', { kind: 'triangular', min: 0, mode: 2, max: 10 }],
  ['triangular (mode at min)', { kind: 'triangular', min: 1, mode: 1, max: 4 }],
  ['weibull (shape < 1)', { kind: 'weibull', shape: 0.8, scale: 3 }],
  ['weibull (shape > 1)', { kind: 'weibull', shape: 2.5, scale: 100 }],
  ['bernoulli', { kind: 'bernoulli', p: 0.3 }],
  ['empirical', { kind: 'empirical', values: [1, 2, 2, 5, 13] }],
];

describe('makeSampler moments', () => {
  it.each(families)('matches the theoretical mean and variance of %s over 200k draws', (label, d) => {
    const xs = sample(d, N, `moments/${label}`);
    const m = mean(xs);
    const v = variance(xs);
    // Tolerances are 5 standard errors: the mean's SE is sqrt(var / n); the sample
    // variance's SE is sqrt((m4 - var²) / n), with the fourth central moment m4 estimated
    // from the sample itself. A correct sampler then fails with probability ~1e-6 per
    // check, while a wrong formula (e.g. sd used as variance) misses by hundreds of SEs.
    // The streams are seeded, so the outcome is the same on every run.
    const m4 = sumNthPowerDeviations(xs, 4) / N;
    expect(Math.abs(m - theoreticalMean(d))).toBeLessThan(5 * Math.sqrt(theoreticalVariance(d) / N));
    expect(Math.abs(v - theoreticalVariance(d))).toBeLessThan(5 * Math.sqrt((m4 - v * v) / N));
  });

  it('returns the constant every time without drawing', () => {
    const { rng, count } = counting();
    const draw = makeSampler({ kind: 'constant', value: 3.5 });
    expect([draw(rng), draw(rng)]).toEqual([3.5, 3.5]);
    expect(count()).toBe(0);
    expect(theoreticalMean({ kind: 'constant', value: 3.5 })).toBe(3.5);
    expect(theoreticalVariance({ kind: 'constant', value: 3.5 })).toBe(0);
  });
});

describe('makeSampler draws', () => {
  it('takes one draw per inversion sample and two per normal sample, keeping no spare', () => {
    const oneDraw: Distribution[] = [
      { kind: 'uniform', min: 0, max: 1 },
      { kind: 'exponential', mean: 1 },
      { kind: 'triangular', min: 0, mode: 1, max: 2 },
      { kind: 'weibull', shape: 2, scale: 1 },
      { kind: 'bernoulli', p: 0.5 },
      { kind: 'empirical', values: [1, 2] },
    ];
    for (const d of oneDraw) {
      const { rng, count } = counting();
      makeSampler(d)(rng);
      expect(count()).toBe(1);
    }
    for (const d of [
      { kind: 'normal', mean: 0, sd: 1 },
      { kind: 'lognormal', mu: 0, sigma: 1 },
    ] as const) {
      const { rng, count } = counting();
      const draw = makeSampler(d);
      draw(rng);
      draw(rng);
      expect(count()).toBe(4);
    }
  });

  it('reads the inverse CDF at known points', () => {
    expect(makeSampler({ kind: 'exponential', mean: 2 })(fixed(1 - Math.exp(-1)))).toBeCloseTo(2, 12);
    expect(makeSampler({ kind: 'exponential', mean: 2 })(fixed(0))).toBe(0);
    expect(makeSampler({ kind: 'weibull', shape: 2, scale: 3 })(fixed(1 - Math.exp(-1)))).toBeCloseTo(3, 12);
    expect(makeSampler({ kind: 'triangular', min: 0, mode: 2, max: 10 })(fixed(0.2))).toBeCloseTo(2, 12);
    expect(makeSampler({ kind: 'triangular', min: 0, mode: 2, max: 10 })(fixed(0))).toBe(0);
    expect(makeSampler({ kind: 'uniform', min: 4, max: 8 })(fixed(0.5))).toBe(6);
    // Bernoulli's ones sit at the top of [0, 1), so a larger draw never gives a smaller sample.
    expect(makeSampler({ kind: 'bernoulli', p: 0.25 })(fixed(0.74))).toBe(0);
    expect(makeSampler({ kind: 'bernoulli', p: 0.25 })(fixed(0.75))).toBe(1);
    // Box–Muller with u1 = 0 gives radius 0, so the sample is the mean.
    expect(makeSampler({ kind: 'normal', mean: 5, sd: 2 })(fixed(0))).toBe(5);
  });

  it('resamples only the given values, each about equally often', () => {
    const values = [10, 20, 30, 40];
    const xs = sample({ kind: 'empirical', values }, N, 'empirical/freq');
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(values);
    // Each frequency's SE is sqrt(p(1-p)/n) with p = 1/4; 5 SE as for the moments.
    const se = Math.sqrt((0.25 * 0.75) / N);
    for (const c of counts.values()) expect(Math.abs(c / N - 0.25)).toBeLessThan(5 * se);
  });

  it('is unaffected by later edits to the empirical values array', () => {
    const values = [1, 2, 3];
    const draw = makeSampler({ kind: 'empirical', values });
    values[0] = 99;
    expect(draw(fixed(0))).toBe(1);
  });
});

describe('validateDistribution', () => {
  const bad: [Distribution, string][] = [
    [
      { kind: 'constant', value: Number.POSITIVE_INFINITY },
      'constant value must be a finite number, got Infinity',
    ],
    [{ kind: 'uniform', min: 5, max: 3 }, 'uniform needs min <= max, got min 5 and max 3'],
    [{ kind: 'uniform', min: Number.NaN, max: 3 }, 'uniform min must be a finite number, got NaN'],
    [{ kind: 'exponential', mean: -2 }, 'exponential mean must be > 0, got -2'],
    [{ kind: 'exponential', mean: 0 }, 'exponential mean must be > 0, got 0'],
    [{ kind: 'exponential', mean: Number.NaN }, 'exponential mean must be a finite number, got NaN'],
    [{ kind: 'normal', mean: 0, sd: -1 }, 'normal sd must be >= 0, got -1'],
    [
      { kind: 'normal', mean: Number.NEGATIVE_INFINITY, sd: 1 },
      'normal mean must be a finite number, got -Infinity',
    ],
    [{ kind: 'lognormal', mu: 0, sigma: -0.1 }, 'lognormal sigma must be >= 0, got -0.1'],
    [
      { kind: 'triangular', min: 1, mode: 5, max: 3 },
      'triangular needs min <= mode <= max and min < max, got min 1, mode 5, max 3',
    ],
    [
      { kind: 'triangular', min: 2, mode: 2, max: 2 },
      'triangular needs min <= mode <= max and min < max, got min 2, mode 2, max 2',
    ],
    [
      { kind: 'weibull', shape: 0, scale: -1 },
      'weibull shape must be > 0, got 0; weibull scale must be > 0, got -1',
    ],
    [{ kind: 'bernoulli', p: 1.5 }, 'bernoulli p must be in [0, 1], got 1.5'],
    [{ kind: 'bernoulli', p: -0.1 }, 'bernoulli p must be in [0, 1], got -0.1'],
    [{ kind: 'empirical', values: [] }, 'empirical needs at least one value, got none'],
    [{ kind: 'empirical', values: [1, Number.NaN] }, 'empirical values[1] must be a finite number, got NaN'],
    [{ kind: 'poisson', mean: 1 } as unknown as Distribution, 'unknown distribution kind "poisson"'],
    [
      { kind: 'exponential', mean: '3' } as unknown as Distribution,
      'exponential mean must be a finite number, got "3"',
    ],
  ];

  it.each(bad)('rejects %j with a message naming the value and the rule', (d, message) => {
    expect(validateDistribution(d).join('; ')).toBe(message);
    expect(() => makeSampler(d)).toThrow(new RangeError(message));
    expect(() => theoreticalMean(d)).toThrow(RangeError);
    expect(() => theoreticalVariance(d)).toThrow(RangeError);
  });

  it('accepts degenerate but meaningful parameters', () => {
    const ok: Distribution[] = [
      { kind: 'uniform', min: 2, max: 2 },
      { kind: 'normal', mean: 1, sd: 0 },
      { kind: 'lognormal', mu: 0, sigma: 0 },
      { kind: 'triangular', min: 0, mode: 3, max: 3 },
      { kind: 'bernoulli', p: 0 },
      { kind: 'bernoulli', p: 1 },
      { kind: 'empirical', values: [7] },
    ];
    for (const d of ok) expect(validateDistribution(d)).toEqual([]);
  });
});

describe('lognormalFromMeanSd', () => {
  it('gives a lognormal with the requested mean and sd', () => {
    const d = lognormalFromMeanSd(100, 30);
    expect(theoreticalMean(d)).toBeCloseTo(100, 9);
    expect(Math.sqrt(theoreticalVariance(d))).toBeCloseTo(30, 9);
  });

  it('rejects a non-positive mean and a negative sd', () => {
    expect(() => lognormalFromMeanSd(0, 1)).toThrow(/lognormal mean must be a finite number > 0, got 0/);
    expect(() => lognormalFromMeanSd(1, -1)).toThrow(/lognormal sd must be a finite number >= 0, got -1/);
  });
});

const finiteIn = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const sorted = (n: number) =>
  fc.array(finiteIn(-1e6, 1e6), { minLength: n, maxLength: n }).map((xs) => xs.sort((a, b) => a - b));

/** Any distribution with valid parameters. */
const validDistribution: fc.Arbitrary<Distribution> = fc.oneof(
  finiteIn(-1e6, 1e6).map((value): Distribution => ({ kind: 'constant', value })),
  sorted(2).map(([min, max]): Distribution => ({ kind: 'uniform', min: min!, max: max! })),
  finiteIn(1e-3, 1e6).map((m): Distribution => ({ kind: 'exponential', mean: m })),
  fc
    .tuple(finiteIn(-1e6, 1e6), finiteIn(0, 1e3))
    .map(([m, sd]): Distribution => ({ kind: 'normal', mean: m, sd })),
  fc
    .tuple(finiteIn(-5, 5), finiteIn(0, 3))
    .map(([mu, sigma]): Distribution => ({ kind: 'lognormal', mu, sigma })),
  sorted(3)
    .filter(([a, , c]) => a! < c!)
    .map(([min, mode, max]): Distribution => ({ kind: 'triangular', min: min!, mode: mode!, max: max! })),
  fc
    .tuple(finiteIn(0.1, 10), finiteIn(1e-3, 1e6))
    .map(([shape, scale]): Distribution => ({ kind: 'weibull', shape, scale })),
  finiteIn(0, 1).map((p): Distribution => ({ kind: 'bernoulli', p })),
  fc
    .array(finiteIn(-1e6, 1e6), { minLength: 1, maxLength: 10 })
    .map((values): Distribution => ({ kind: 'empirical', values })),
);

/** Whether `x` lies where `d` can put a sample. */
function inSupport(d: Distribution, x: number): boolean {
  switch (d.kind) {
    case 'constant':
      return x === d.value;
    case 'uniform':
    case 'triangular':
      return x >= d.min && x <= d.max;
    case 'exponential':
    case 'weibull':
    case 'lognormal':
      return x >= 0 && Number.isFinite(x);
    case 'normal':
      return Number.isFinite(x);
    case 'bernoulli':
      return x === 0 || x === 1;
    case 'empirical':
      return d.values.includes(x);
  }
}

describe('distribution properties', () => {
  it('should always reject exactly what validateDistribution reports', () => {
    // Any number at all, NaN and infinities included, in every parameter.
    const num = fc.double();
    const anyDistribution = fc.oneof(
      fc.record({ kind: fc.constant('uniform' as const), min: num, max: num }),
      fc.record({ kind: fc.constant('exponential' as const), mean: num }),
      fc.record({ kind: fc.constant('normal' as const), mean: num, sd: num }),
      fc.record({ kind: fc.constant('lognormal' as const), mu: num, sigma: num }),
      fc.record({ kind: fc.constant('triangular' as const), min: num, mode: num, max: num }),
      fc.record({ kind: fc.constant('weibull' as const), shape: num, scale: num }),
      fc.record({ kind: fc.constant('bernoulli' as const), p: num }),
      fc.record({ kind: fc.constant('empirical' as const), values: fc.array(num, { maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(anyDistribution, (d) => {
        const problems = validateDistribution(d);
        if (problems.length === 0) expect(() => makeSampler(d)).not.toThrow();
        else expect(() => makeSampler(d)).toThrow(RangeError);
      }),
    );
  });

  it('should never sample outside the distribution’s support', () => {
    fc.assert(
      fc.property(validDistribution, fc.string({ minLength: 1 }), (d, name) => {
        const draw = makeSampler(d);
        const rng = createStreams(9).get(name);
        const outside = Array.from({ length: 200 }, () => draw(rng)).filter((x) => !inSupport(d, x));
        expect(outside).toEqual([]);
      }),
    );
  });

  it('should always give the same samples from the same seed and stream name', () => {
    fc.assert(
      fc.property(validDistribution, fc.integer(), (d, seed) => {
        const run = () => {
          const draw = makeSampler(d);
          const rng = createStreams(seed).get('same');
          return Array.from({ length: 20 }, () => draw(rng));
        };
        expect(run()).toEqual(run());
      }),
    );
  });

  it('should always be nondecreasing in the draw for inversion samplers', () => {
    const inversion = validDistribution
      .filter((d) => d.kind !== 'normal' && d.kind !== 'lognormal')
      .map((d) => (d.kind === 'empirical' ? { ...d, values: [...d.values].sort((a, b) => a - b) } : d));
    fc.assert(
      fc.property(inversion, unit, unit, (d, u, v) => {
        const [lo, hi] = u <= v ? [u, v] : [v, u];
        const draw = makeSampler(d);
        const a = draw(fixed(lo));
        const b = draw(fixed(hi));
        // The triangular's two branches meet at the mode; allow for rounding where they join.
        const slack = d.kind === 'triangular' ? 1e-9 * (d.max - d.min) : 0;
        expect(a).toBeLessThanOrEqual(b + slack);
      }),
    );
  });

  it('should always round-trip the mean and sd through lognormalFromMeanSd', () => {
    fc.assert(
      fc.property(finiteIn(1e-3, 1e9), finiteIn(0, 10), (m, cv) => {
        const d = lognormalFromMeanSd(m, m * cv);
        expect(Math.abs(theoreticalMean(d) - m)).toBeLessThanOrEqual(1e-9 * m);
        expect(Math.abs(Math.sqrt(theoreticalVariance(d)) - m * cv)).toBeLessThanOrEqual(1e-6 * m * (1 + cv));
      }),
    );
  });
});
