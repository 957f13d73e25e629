// Exact sums of doubles, so a sweep's mean and standard deviation do not depend on the
// order replications arrive in or on how they were split into shards (issue 21: sweeps
// aggregate as they stream). A sum is kept as Shewchuk's non-overlapping partials
// (Shewchuk 1997, "Adaptive precision floating-point arithmetic"; the algorithm of
// Python's math.fsum): their exact total is the exact sum of every value added, whatever
// the order, and `total` rounds it once, correctly. Products are split exactly with
// Dekker's two-product (Veltkamp's splitter, 2²⁷ + 1), so Σx² and n·Σx² − (Σx)² are
// exact too until the final rounding. Everything is plain double arithmetic: the same
// bits on every machine.

/** An exact sum in progress: non-overlapping partials, smallest magnitude first. */
export type Partials = number[];

/** Adds `x` (finite) to `partials` exactly, in place. */
export function addExact(partials: Partials, x: number): void {
  let i = 0;
  for (let y of partials) {
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials.length = i;
  partials.push(x);
}

/** Adds every partial of `other` to `partials` (the exact sum of both), in place. */
export function addPartials(partials: Partials, other: readonly number[]): void {
  for (const x of other) addExact(partials, x);
}

/** The exact total of `partials`, rounded once to the nearest double (ties to even). */
export function total(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Round half to even across the partial the loop stopped at (math.fsum's final step).
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * The canonical partials of an exact sum: its total rounded to nearest, then the rounded
 * remainder, and so on until nothing remains. Any order of adding the same values gives the
 * same canonical partials, so a summary written from them is the same bytes too.
 */
export function canonical(partials: readonly number[]): number[] {
  const rest = [...partials];
  const out: number[] = [];
  for (let t = total(rest); t !== 0; t = total(rest)) {
    out.push(t);
    addExact(rest, -t);
  }
  return out.reverse();
}

const SPLITTER = 134_217_729; // 2²⁷ + 1

/** a·b as hi + lo exactly (Dekker), for finite a, b whose product neither overflows nor underflows. */
export function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, al * bl - (p - ah * bh - al * bh - ah * bl)];
}

/** Adds a·b to `partials` exactly, in place. */
export function addProduct(partials: Partials, a: number, b: number): void {
  const [hi, lo] = twoProduct(a, b);
  addExact(partials, hi);
  if (lo !== 0) addExact(partials, lo);
}

/**
 * n·Σx² − (Σx)², rounded once: n times the sum of squared deviations from the mean, from the
 * exact sums `sum` (Σx) and `sumSq` (Σx²) of n values. Never negative.
 */
export function scaledDeviations(n: number, sum: readonly number[], sumSq: readonly number[]): number {
  const acc: Partials = [];
  for (const q of sumSq) addProduct(acc, n, q);
  for (const a of sum) for (const b of sum) addProduct(acc, -a, b);
  return Math.max(0, total(acc));
}
