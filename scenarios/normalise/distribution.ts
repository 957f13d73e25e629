// A quantity-or-distribution field of the scenario → an engine Distribution, with each
// parameter parsed in the field's unit and checked by the engine's own validation.

import {
  bounds,
  type Distribution,
  lognormalFromMeanSd,
  validateDistribution,
} from '../../engine/distributions.js';
import { MSG } from '../messages.js';
import type { PathSegment } from '../source.js';
import type { UnitResult } from '../units.js';
import type { Context } from './context.js';

type RawDistribution = { distribution: Distribution['kind'] } & Record<string, unknown>;

// The YAML parameters each kind takes (lognormal is given by its mean and sd, as users think of it).
const PARAMS: Record<Distribution['kind'], string[]> = {
  constant: ['value'],
  uniform: ['min', 'max'],
  exponential: ['mean'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
  triangular: ['min', 'mode', 'max'],
  weibull: ['shape', 'scale'],
  bernoulli: ['p'],
  empirical: ['values'],
};

/**
 * A duration drawn per use is never below 0 (a draw is not moved to 0): `offset` when it is a
 * time from the start of the run (the message says "before the start of the run").
 */
export interface DrawOptions {
  nonNegative?: { offset: boolean };
}

/** A duration drawn per use (a latency, a recovery step): no draw below 0. */
export const NON_NEGATIVE: DrawOptions = { nonNegative: { offset: false } };

/** Reads `3%` or `{distribution: …}` into a Distribution over the unit's numbers; null on issues. */
export function readDistribution(
  ctx: Context,
  path: readonly PathSegment[],
  raw: unknown,
  parse: (v: unknown) => UnitResult<number>,
  options: DrawOptions = {},
): Distribution | null {
  if (typeof raw !== 'object' || raw === null) {
    const value = ctx.unit(parse, path, raw);
    return value === null ? null : { kind: 'constant', value };
  }
  const d = raw as RawDistribution;
  const wanted = PARAMS[d.distribution];
  const given = Object.keys(d).filter((k) => k !== 'distribution');
  let ok = true;
  for (const k of given.filter((k) => !wanted.includes(k))) {
    ctx.add(
      'invalid-distribution',
      [...path, k],
      MSG.invalidDistribution(MSG.distributionExtra(d.distribution, k, wanted)),
    );
    ok = false;
  }
  const missing = wanted.filter((k) => !given.includes(k));
  if (missing.length > 0) {
    ctx.add(
      'invalid-distribution',
      path,
      MSG.invalidDistribution(MSG.distributionMissing(d.distribution, missing)),
    );
    return null;
  }
  const num = (k: string): number | null =>
    k === 'shape' ? (d.shape as number) : ctx.unit(parse, [...path, k], d[k]);
  const values =
    d.distribution === 'empirical'
      ? (d.values as unknown[]).map((v, i) => ctx.unit(parse, [...path, 'values', i], v))
      : [];
  const p = Object.fromEntries(wanted.filter((k) => k !== 'values').map((k) => [k, num(k)]));
  if (!ok || Object.values(p).some((v) => v === null) || values.some((v) => v === null)) return null;
  const dist = build(d.distribution, p as Record<string, number>, values as number[]);
  // The rules the parsed numbers can break are checked here, so the message quotes the
  // parameters as written (min 30d, not min 2592000000); the engine's check is the backstop.
  const own = rawProblems(d, p as Record<string, number>);
  const problems = own.length > 0 ? own : dist === null ? [MSG.lognormalBad()] : validateDistribution(dist);
  for (const problem of problems) ctx.add('invalid-distribution', path, MSG.invalidDistribution(problem));
  if (problems.length > 0 || dist === null) return null;
  if (options.nonNegative !== undefined && bounds(dist).min < 0) {
    ctx.add(
      'invalid-distribution',
      path,
      MSG.invalidDistribution(MSG.drawBelowZero(fieldName(path), dist.kind, options.nonNegative.offset)),
    );
    return null;
  }
  return dist;
}

/** The field a message names: the path's last two keys (`outage.for`, `recovery.boot`). */
export const fieldName = (path: readonly PathSegment[]): string =>
  path
    .filter((s) => typeof s === 'string')
    .slice(-2)
    .join('.');

/** What breaks a distribution's rules (docs/scenario-format.md §4), in the user's spelling of each parameter. */
function rawProblems(d: RawDistribution, p: Record<string, number>): string[] {
  const as = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : String(d[k]));
  switch (d.distribution) {
    case 'uniform':
      return p.min <= p.max
        ? []
        : [MSG.distributionOrder('uniform', [`min ${as('min')}`, `max ${as('max')}`])];
    case 'triangular':
      return p.min <= p.mode && p.mode <= p.max && p.min < p.max
        ? []
        : [
            MSG.distributionOrder('triangular', [
              `min ${as('min')}`,
              `mode ${as('mode')}`,
              `max ${as('max')}`,
            ]),
          ];
    case 'exponential':
      return p.mean > 0 ? [] : [MSG.distributionPositive('exponential', 'mean', as('mean'))];
    case 'weibull':
      return (['shape', 'scale'] as const)
        .filter((k) => !(p[k] > 0))
        .map((k) => MSG.distributionPositive('weibull', k, as(k)));
    default:
      return [];
  }
}

function build(kind: Distribution['kind'], p: Record<string, number>, values: number[]): Distribution | null {
  switch (kind) {
    case 'constant':
      return { kind, value: p.value };
    case 'uniform':
      return { kind, min: p.min, max: p.max };
    case 'exponential':
      return { kind, mean: p.mean };
    case 'normal':
      return { kind, mean: p.mean, sd: p.sd };
    case 'lognormal':
      return p.mean > 0 && p.sd >= 0 ? lognormalFromMeanSd(p.mean, p.sd) : null;
    case 'triangular':
      return { kind, min: p.min, mode: p.mode, max: p.max };
    case 'weibull':
      return { kind, shape: p.shape, scale: p.scale };
    case 'bernoulli':
      return { kind, p: p.p };
    case 'empirical':
      return { kind, values };
  }
}
