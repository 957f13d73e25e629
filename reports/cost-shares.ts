// A run's cost split along one dimension (vault, policy, region, meter or item) or one fleet
// tag key (`tag:<key>`), shaped for reports: the keys of several runs in one order, and the
// item dimension cut to its largest items with the rest summed in one row. Only sums and
// orders; rounding is the caller's.

import type { CostDimension, CostLine, CostShare, CostSplit } from '../models/pricing/types.js';
import type { RunResult } from '../models/results/types.js';
import { round, splitTagKey } from './format.js';

/** How many items the item dimension lists before summing the rest in one row. */
export const ITEM_LIMIT = 20;

/** The key of lines without a value in the dimension (e.g. no vault, not item-level). */
export const NONE_KEY = '(none)';

/** The label of the row that sums the items past ITEM_LIMIT: "(7 other items)". */
export function otherItemsKey(count: number): string {
  return `(${count} other item${count === 1 ? '' : 's'})`;
}

/** Whether `key` is the row summing the items past ITEM_LIMIT. */
export function isOtherItemsKey(key: string): boolean {
  return /^\(\d+ other items?\)$/.test(key);
}

/** The key a cost line has along a dimension or tag key (a tag's value; `(none)` on a line without it). */
export function lineKey(line: CostLine, split: CostSplit): string {
  const tag = splitTagKey(split);
  if (tag !== null)
    return line.tags !== undefined && Object.hasOwn(line.tags, tag) ? line.tags[tag] : NONE_KEY;
  const dimension = split as CostDimension;
  switch (dimension) {
    case 'vault':
      return line.vault ?? NONE_KEY;
    case 'policy':
      return line.policy;
    case 'region':
      return line.region;
    case 'meter':
      return line.meter;
    case 'item':
      return line.item ?? NONE_KEY;
  }
}

/**
 * One run's shares with the item dimension cut to its ITEM_LIMIT largest items (in the given
 * order, largest first); the rest are summed into one `(N other items)` share at the end.
 * Other dimensions, and an item split with no more than ITEM_LIMIT items, come back as they are.
 */
export function limitShares(shares: readonly CostShare[], dimension: CostDimension): CostShare[] {
  if (dimension !== 'item') return [...shares];
  const kept: CostShare[] = [];
  let items = 0;
  let rest = 0;
  let restCount = 0;
  for (const s of shares) {
    if (s.key === NONE_KEY || items < ITEM_LIMIT) {
      kept.push(s);
      if (s.key !== NONE_KEY) items++;
    } else {
      rest += s.amount;
      restCount++;
    }
  }
  return restCount === 0 ? kept : [...kept, { key: otherItemsKey(restCount), amount: rest }];
}

/** The rows of a side-by-side split: each key with one amount per run (0 where a run lacks it). */
export interface ShareRow {
  key: string;
  amounts: number[];
}

// Keys in one order for every run: by the base's amount (largest first), then keys the base
// lacks by their largest amount in any run, ties by code unit; the no-value key goes last.
function orderKeys(runs: readonly (readonly CostShare[])[]): string[] {
  const base = new Map((runs[0] ?? []).map((s) => [s.key, s.amount]));
  const most = new Map<string, number>();
  for (const shares of runs)
    for (const s of shares) most.set(s.key, Math.max(most.get(s.key) ?? Number.NEGATIVE_INFINITY, s.amount));
  const rank = (k: string): [number, number] =>
    base.has(k) ? [0, -(base.get(k) as number)] : [1, -(most.get(k) as number)];
  return [...most.keys()].sort((a, b) => {
    if ((a === NONE_KEY) !== (b === NONE_KEY)) return a === NONE_KEY ? 1 : -1;
    const [ga, va] = rank(a);
    const [gb, vb] = rank(b);
    if (ga !== gb) return ga - gb;
    if (va !== vb) return va - vb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

// A run's shares along a split: the model's for a dimension; for a tag key, summed from the
// lines, largest first, ties by key in code-unit order (as the model orders its splits).
function sharesOf(result: Pick<RunResult, 'cost'>, split: CostSplit): readonly CostShare[] {
  if (splitTagKey(split) === null) return result.cost.by[split as CostDimension];
  const sums = new Map<string, number>();
  for (const l of result.cost.lines) {
    const key = lineKey(l, split);
    sums.set(key, (sums.get(key) ?? 0) + l.amount);
  }
  return [...sums]
    .map(([key, amount]) => ({ key, amount }))
    .sort((a, b) => b.amount - a.amount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Several runs' splits along one dimension or tag key as rows (keys ordered as the base ranks
 * them); for items, the first ITEM_LIMIT item rows and one `(N other items)` row summing the
 * rest per run.
 */
export function shareRows(results: readonly Pick<RunResult, 'cost'>[], dimension: CostSplit): ShareRow[] {
  const runs = results.map((r) => sharesOf(r, dimension));
  // Per run, each key's amount (its first share), so thousands of items are not searched per key.
  const amounts = runs.map((shares) => {
    const byKey = new Map<string, number>();
    for (const s of shares) if (!byKey.has(s.key)) byKey.set(s.key, s.amount);
    return byKey;
  });
  const rows = orderKeys(runs).map((key) => ({
    key,
    amounts: amounts.map((byKey) => byKey.get(key) ?? 0),
  }));
  if (dimension !== 'item') return rows;
  const items = rows.filter((r) => r.key !== NONE_KEY);
  if (items.length <= ITEM_LIMIT) return rows;
  const rest = items.slice(ITEM_LIMIT);
  const other: ShareRow = {
    key: otherItemsKey(rest.length),
    amounts: runs.map((_, i) => rest.reduce((sum, r) => sum + r.amounts[i], 0)),
  };
  return [...items.slice(0, ITEM_LIMIT), other, ...rows.filter((r) => r.key === NONE_KEY)];
}

/**
 * Amounts in cents that add up exactly to `total` in cents: each amount rounded to cents, then,
 * when those miss the total, the cents short (or over) given to (or taken from) the amounts that
 * rounding moved furthest down (up), ties to the earlier. Each result is within a cent of its
 * amount, and amounts whose rounding already adds up are left as they are. When the amounts are
 * more than a cent each away from the total (inconsistent data), they are only rounded, so
 * nothing is hidden.
 */
export function centsAddingUp(amounts: readonly number[], total: number): number[] {
  const cents = amounts.map((a) => Math.round(round(a, 2) * 100));
  const left = Math.round(round(total, 2) * 100) - cents.reduce((s, c) => s + c, 0);
  if (left === 0 || Math.abs(left) > amounts.length) return cents.map((c) => c / 100);
  // How far rounding moved each amount down (negative: up), in cents.
  const order = amounts
    .map((a, i) => ({ i, down: a * 100 - cents[i] }))
    .sort((x, y) => (left > 0 ? y.down - x.down : x.down - y.down) || x.i - y.i);
  for (let k = 0; k < Math.abs(left); k++) cents[order[k].i] += Math.sign(left);
  return cents.map((c) => c / 100);
}
