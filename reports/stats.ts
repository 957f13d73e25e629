// Small statistics for comparisons and Monte Carlo sweeps: Student's t quantile, the
// confidence interval of a mean, and Wilson's interval for a proportion. Means, standard
// deviations and percentiles come from simple-statistics; it has no inverse t, so the
// quantile is found here by bisection on the exact t distribution, whose tail is a
// regularised incomplete beta function (Abramowitz & Stegun 26.7.1, 26.5.27), evaluated
// with the continued fraction of Numerical Recipes §6.4 (modified Lentz). Everything is
// plain arithmetic in a fixed order, so results are the same on every machine.

import { gammaln, mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

/** z such that P(Z ≤ z) = 0.975 for a standard normal Z (two-sided 95%). */
export const Z_975 = 1.959963984540054;

/** Continued fraction for the incomplete beta function (Numerical Recipes §6.4, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b), for x in [0, 1] and a, b > 0. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast only below its mean; use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) above.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(|T| > t) for Student's t with `df` degrees of freedom (A&S 26.7.1), t ≥ 0. */
function twoSidedTail(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

const quantileCache = new Map<string, number>();

/**
 * The p-quantile of Student's t distribution with `df` degrees of freedom (df ≥ 1, 0 < p < 1),
 * e.g. studentTQuantile(0.975, 10) ≈ 2.228139. Bisection to full double precision.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df >= 1)) throw new RangeError(`studentTQuantile needs 0 < p < 1 and df ≥ 1`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const key = `${p}/${df}`;
  const cached = quantileCache.get(key);
  if (cached !== undefined) return cached;
  const tail = 2 * (1 - p);
  let lo = 0;
  let hi = 2;
  while (twoSidedTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
  }
  // The tail falls as t grows: halve [lo, hi] until the midpoint is one of its ends.
  for (;;) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (twoSidedTail(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  const t = (lo + hi) / 2;
  quantileCache.set(key, t);
  return t;
}

/** A sample's location and spread: mean, sample standard deviation and the 95% CI of the mean (t-based). */
export interface MeanCi {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one value. */
  sd: number;
  /** 95% confidence interval of the mean, or null with fewer than two values. */
  ci95: [number, number] | null;
}

/** Mean, standard deviation and the Student-t 95% confidence interval of the mean of `values` (non-empty). */
export function meanCi(values: readonly number[]): MeanCi {
  const n = values.length;
  const m = mean(values as number[]);
  if (n < 2) return { n, mean: m, sd: 0, ci95: null };
  const sd = sampleStandardDeviation(values as number[]);
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, sd, ci95: [m - half, m + half] };
}

/** The p-quantiles of `sorted` (ascending, non-empty), linear interpolation (type 7, as simple-statistics). */
export function quantiles(sorted: readonly number[], ps: readonly number[]): number[] {
  return ps.map((p) => quantileSorted(sorted as number[], p));
}

/**
 * Wilson's score interval for `successes` out of `n` trials at 95% (Wilson 1927). Unlike the
 * normal approximation it stays inside [0, 1] and is not empty at 0% or 100%.
 */
export function wilson(successes: number, n: number, z = Z_975): [number, number] {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At 0 and n successes the bounds are exactly 0 and 1; rounding could leave 1 − 2⁻⁵³.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}
