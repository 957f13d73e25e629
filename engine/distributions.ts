// Probability distributions as plain data, and samplers that draw from them through a
// named stream. Samplers use inversion wherever the inverse CDF is closed-form, so one
// draw of the stream maps to one sample monotonically (good for common random numbers);
// the normal family uses Box–Muller with two draws per sample and no cached spare, so a
// sample never depends on which sampler drew from the stream before.
import { gamma } from 'simple-statistics';
import type { RandomStream } from './random.js';

/** A distribution's parameters as plain, JSON-safe data, discriminated by `kind`. */
export type Distribution =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly kind: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly kind: 'triangular'; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly kind: 'weibull'; readonly shape: number; readonly scale: number }
  | { readonly kind: 'bernoulli'; readonly p: number }
  | { readonly kind: 'empirical'; readonly values: readonly number[] };

/** The name of one distribution family. */
export type DistributionKind = Distribution['kind'];

/** A function drawing one sample from a stream. */
export type Sampler = (rng: RandomStream) => number;

/** Renders a received value for a message: numbers as JS prints them (NaN, Infinity), others as JSON. */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** Checks that each named parameter is a finite number; returns one message per failure. */
function finite(kind: string, params: Record<string, unknown>): string[] {
  return Object.entries(params)
    .filter(([, v]) => typeof v !== 'number' || !Number.isFinite(v))
    .map(([name, v]) => `${kind} ${name} must be a finite number, got ${show(v)}`);
}

/** A message when `value` breaks `rule` (`> 0`, `>= 0`), or none. */
function check(kind: string, name: string, value: number, rule: '> 0' | '>= 0'): string[] {
  const ok = rule === '> 0' ? value > 0 : value >= 0;
  return ok ? [] : [`${kind} ${name} must be ${rule}, got ${value}`];
}

/** Problems in an empirical distribution's values. */
function validateEmpirical(values: unknown): string[] {
  if (!Array.isArray(values)) return [`empirical values must be an array of numbers, got ${show(values)}`];
  if (values.length === 0) return ['empirical needs at least one value, got none'];
  return values.flatMap((v, i) =>
    typeof v === 'number' && Number.isFinite(v)
      ? []
      : [`empirical values[${i}] must be a finite number, got ${show(v)}`],
  );
}

/** Problems in a triangular distribution's parameters. */
function validateTriangular(d: { min: number; mode: number; max: number }): string[] {
  const bad = finite('triangular', { min: d.min, mode: d.mode, max: d.max });
  if (bad.length > 0) return bad;
  return d.min <= d.mode && d.mode <= d.max && d.min < d.max
    ? []
    : [`triangular needs min <= mode <= max and min < max, got min ${d.min}, mode ${d.mode}, max ${d.max}`];
}

/**
 * Every problem with a distribution's parameters, one human sentence each (empty when it
 * is usable). Accepts untrusted data, so unknown kinds and non-numbers are reported too.
 */
export function validateDistribution(d: Distribution): string[] {
  const kind = (d as { kind?: unknown }).kind;
  switch (d.kind) {
    case 'constant':
      return finite('constant', { value: d.value });
    case 'uniform': {
      const bad = finite('uniform', { min: d.min, max: d.max });
      if (bad.length > 0) return bad;
      return d.min <= d.max ? [] : [`uniform needs min <= max, got min ${d.min} and max ${d.max}`];
    }
    case 'exponential':
      return orElse(finite('exponential', { mean: d.mean }), () =>
        check('exponential', 'mean', d.mean, '> 0'),
      );
    case 'normal':
      return orElse(finite('normal', { mean: d.mean, sd: d.sd }), () => check('normal', 'sd', d.sd, '>= 0'));
    case 'lognormal':
      return orElse(finite('lognormal', { mu: d.mu, sigma: d.sigma }), () =>
        check('lognormal', 'sigma', d.sigma, '>= 0'),
      );
    case 'triangular':
      return validateTriangular(d);
    case 'weibull':
      return orElse(finite('weibull', { shape: d.shape, scale: d.scale }), () => [
        ...check('weibull', 'shape', d.shape, '> 0'),
        ...check('weibull', 'scale', d.scale, '> 0'),
      ]);
    case 'bernoulli':
      return orElse(finite('bernoulli', { p: d.p }), () =>
        d.p >= 0 && d.p <= 1 ? [] : [`bernoulli p must be in [0, 1], got ${d.p}`],
      );
    case 'empirical':
      return validateEmpirical(d.values);
    default:
      return [`unknown distribution kind ${show(kind)}`];
  }
}

/** The first list when it has problems, else the problems the range checks find. */
function orElse(problems: string[], next: () => string[]): string[] {
  return problems.length > 0 ? problems : next();
}

/** Throws a RangeError listing every problem when `d` is unusable. */
function assertValid(d: Distribution): void {
  const problems = validateDistribution(d);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
}

/** A unit-mean exponential draw by inversion; `0 -` rather than unary minus so u = 0 gives +0, not -0. */
function unitExponential(rng: RandomStream): number {
  return 0 - Math.log(1 - rng.next());
}

/** A standard normal draw by Box–Muller; `1 - u` keeps the log's argument in (0, 1]. */
function standardNormal(rng: RandomStream): number {
  const radius = Math.sqrt(-2 * Math.log(1 - rng.next()));
  return radius * Math.cos(2 * Math.PI * rng.next());
}

/**
 * The triangular sampler by inversion of its piecewise-quadratic CDF. Written with the
 * mode's relative position rather than products of spans, which underflow for tiny widths.
 */
function triangularSampler(min: number, mode: number, max: number): Sampler {
  const width = max - min;
  const split = (mode - min) / width;
  const rest = 1 - split;
  return (rng) => {
    const u = rng.next();
    return u < split ? min + width * Math.sqrt(u * split) : max - width * Math.sqrt((1 - u) * rest);
  };
}

/**
 * A sampler for `d`, built once and called many times. Throws RangeError with the
 * validation messages when the parameters are bad, so misuse fails at construction.
 */
export function makeSampler(d: Distribution): Sampler {
  assertValid(d);
  switch (d.kind) {
    case 'constant': {
      const { value } = d;
      return () => value;
    }
    case 'uniform': {
      const { min } = d;
      const width = d.max - d.min;
      return (rng) => min + width * rng.next();
    }
    case 'exponential': {
      const { mean } = d;
      return (rng) => mean * unitExponential(rng);
    }
    case 'normal': {
      const { mean, sd } = d;
      return (rng) => mean + sd * standardNormal(rng);
    }
    case 'lognormal': {
      const { mu, sigma } = d;
      return (rng) => Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'triangular':
      return triangularSampler(d.min, d.mode, d.max);
    case 'weibull': {
      const { scale } = d;
      const invShape = 1 / d.shape;
      return (rng) => scale * unitExponential(rng) ** invShape;
    }
    case 'bernoulli': {
      // The inverse CDF puts the ones at the top of [0, 1), so a larger draw never gives a
      // smaller sample, as for the other inversion samplers.
      const threshold = 1 - d.p;
      return (rng) => (rng.next() >= threshold ? 1 : 0);
    }
    case 'empirical': {
      // A private copy: later edits to the caller's array must not change the samples.
      const values = [...d.values];
      return (rng) => values[Math.floor(rng.next() * values.length)]!;
    }
  }
}

/** The lognormal whose samples have the given mean and standard deviation (mean > 0, sd >= 0). */
export function lognormalFromMeanSd(mean: number, sd: number): Distribution {
  if (!Number.isFinite(mean) || mean <= 0) {
    throw new RangeError(`lognormal mean must be a finite number > 0, got ${mean}`);
  }
  if (!Number.isFinite(sd) || sd < 0) {
    throw new RangeError(`lognormal sd must be a finite number >= 0, got ${sd}`);
  }
  // For X = e^(mu + sigma Z): E[X] = e^(mu + sigma²/2), Var[X] = (e^(sigma²) - 1) E[X]².
  const sigma2 = Math.log1p((sd / mean) ** 2);
  return { kind: 'lognormal', mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** Population mean and variance of a list of values. */
function moments(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, variance };
}

/** The expected value of a sample of `d`, for checks and reports. */
export function theoreticalMean(d: Distribution): number {
  assertValid(d);
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return d.mean;
    case 'normal':
      return d.mean;
    case 'lognormal':
      return Math.exp(d.mu + d.sigma ** 2 / 2);
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'weibull':
      return d.scale * gamma(1 + 1 / d.shape);
    case 'bernoulli':
      return d.p;
    case 'empirical':
      return moments(d.values).mean;
  }
}

/**
 * The least and greatest values a sample of `d` can take, for worst cases and range checks:
 * ±Infinity where the family is unbounded (exponential and Weibull above, normal both ways,
 * lognormal above unless its sigma is 0).
 */
export function bounds(d: Distribution): { min: number; max: number } {
  assertValid(d);
  switch (d.kind) {
    case 'constant':
      return { min: d.value, max: d.value };
    case 'uniform':
    case 'triangular':
      return { min: d.min, max: d.max };
    case 'exponential':
    case 'weibull':
      return { min: 0, max: Number.POSITIVE_INFINITY };
    case 'normal':
      return d.sd === 0
        ? { min: d.mean, max: d.mean }
        : { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY };
    case 'lognormal': {
      const at = Math.exp(d.mu);
      return d.sigma === 0 ? { min: at, max: at } : { min: 0, max: Number.POSITIVE_INFINITY };
    }
    case 'bernoulli':
      return { min: d.p === 1 ? 1 : 0, max: d.p === 0 ? 0 : 1 };
    case 'empirical':
      return {
        min: d.values.reduce((a, b) => Math.min(a, b)),
        max: d.values.reduce((a, b) => Math.max(a, b)),
      };
  }
}

/** The variance of a sample of `d`, for checks and reports. */
export function theoreticalVariance(d: Distribution): number {
  assertValid(d);
  switch (d.kind) {
    case 'constant':
      return 0;
    case 'uniform':
      return (d.max - d.min) ** 2 / 12;
    case 'exponential':
      return d.mean ** 2;
    case 'normal':
      return d.sd ** 2;
    case 'lognormal':
      return Math.expm1(d.sigma ** 2) * Math.exp(2 * d.mu + d.sigma ** 2);
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case 'weibull': {
      const g1 = gamma(1 + 1 / d.shape);
      return d.scale ** 2 * (gamma(1 + 2 / d.shape) - g1 * g1);
    }
    case 'bernoulli':
      return d.p * (1 - d.p);
    case 'empirical':
      return moments(d.values).variance;
  }
}
