// A retention queue's points as its callers see them (queue.ts): the RetainedPoint objects
// they hand in and get back, read from and built from a record's numbers (layout.ts), and the
// (expiresAt, id) order in which one advance hands out the points it removes.
import { CREATED, EXPIRES, ID, REC, RECORDS, UNTIL } from './layout.js';
import { type PointTags, type RetainedPoint, TIERS, type Tier } from './types.js';

/** Writes a point's tier untils into `until` in TIERS order, NaN where a tier does not keep it. */
export function untilsOf(point: RetainedPoint, until: Float64Array): void {
  const u = point.tags.until;
  TIERS.forEach((tier, k) => {
    until[k] = u[tier] ?? Number.NaN;
  });
}

/** The point the record in `slot` holds, built from its numbers. */
export function pointOf(r: Float64Array, slot: number): RetainedPoint {
  const b = RECORDS + slot * REC;
  const value = (k: number): number | null => {
    const u = r[b + UNTIL + k];
    return Number.isNaN(u) ? null : u;
  };
  const until: Record<Tier, number | null> = {
    daily: value(0),
    weekly: value(1),
    monthly: value(2),
    yearly: value(3),
  };
  const tags: PointTags = {
    tiers: TIERS.filter((t) => until[t] !== null),
    until,
    expiresAt: r[b + EXPIRES],
  };
  return { id: r[b + ID], createdAt: r[b + CREATED], tags };
}

/** The tiers of a mask (bit k: TIERS[k]), in TIERS order. */
export function tiersOf(mask: number): Tier[] {
  return TIERS.filter((_, k) => mask & (1 << k));
}

/**
 * Moves the last of n + 1 (expiresAt, id) pairs, the first n in order, to its place in
 * (expiresAt, id) order, and `points` (the same points, when given) alike. Insertion: usually
 * a day's expiries are one or two points.
 */
export function sortLast(pairs: Float64Array, n: number, points: RetainedPoint[] | null): void {
  for (let i = n; i > 0 && laterThan(pairs, i - 1, i); i--) {
    swapPairs(pairs, i - 1, i);
    if (points !== null) swap(points, i - 1, i);
  }
}

// Whether entry i of (expiresAt, id) pairs comes after entry j.
function laterThan(pairs: Float64Array, i: number, j: number): boolean {
  const ti = pairs[2 * i];
  const tj = pairs[2 * j];
  return ti !== tj ? ti > tj : pairs[2 * i + 1] > pairs[2 * j + 1];
}

// Swaps pairs i and j of (expiresAt, id) pairs.
function swapPairs(pairs: Float64Array, i: number, j: number): void {
  const t = pairs[2 * i];
  const id = pairs[2 * i + 1];
  pairs[2 * i] = pairs[2 * j];
  pairs[2 * i + 1] = pairs[2 * j + 1];
  pairs[2 * j] = t;
  pairs[2 * j + 1] = id;
}

function swap<T>(list: T[], i: number, j: number): void {
  const t = list[i];
  list[i] = list[j];
  list[j] = t;
}
