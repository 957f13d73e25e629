// Comparing a scenario's runs cost dimension by cost dimension (issue 13, "compare shows the
// deltas per dimension"): per vault, policy, region, meter and item, each run's cost over the
// run and its paired difference from the base, from the `cost.by.<dimension>.<key>` figures
// (figuresOf with costBy). A key a run lacks costs 0 there, as every absent amount does
// (AMOUNT_UNITS). Items can number thousands: the TOP_ITEMS with the largest |Δ| are shown and
// the others summed replication by replication into one row, so every dimension's rows still
// add up to the run's cost.

import type { CostDimension } from '../models/pricing/types.js';
import { valuesOf } from './aggregate.js';
import type { ComparedValue } from './compare.js';
import { COST_BY_DIMENSIONS, COST_BY_PREFIX } from './figures.js';
import type { RunTable as PartRun } from './run-table.js';

/** Items a comparison shows one by one (by largest |Δ|); the others are summed into one row. */
export const TOP_ITEMS = 20;

/** One key of a dimension across the runs; entries align with Comparison.runs. */
export interface ComparedCost {
  key: string;
  runs: ComparedValue[];
}

/** One cost dimension across the runs. */
export interface ComparedCostDimension {
  dimension: CostDimension;
  /** Keys by largest |Δ| over the variants, then largest cost in any run, then key; for items the top TOP_ITEMS. */
  rows: ComparedCost[];
  /** The items past the top TOP_ITEMS (`keys` of them), summed in each replication; null when none. */
  rest: { keys: number; runs: ComparedValue[] } | null;
}

/** Compares one run's money values with the base's, replication by replication (base: null for the base itself). */
export type PairMoney = (values: number[], base: number[] | null) => ComparedValue;

/** Per dimension that has any cost figure, each key's cost in every run and its delta against the base. */
export function compareCostBy(runs: readonly PartRun[], pair: PairMoney): ComparedCostDimension[] {
  const index = runs.map((run) => new Map(run.figures.map((f, j) => [f.name, j])));
  const out: ComparedCostDimension[] = [];
  for (const dimension of COST_BY_DIMENSIONS) {
    const prefix = `${COST_BY_PREFIX}${dimension}.`;
    const keys = new Set<string>();
    for (const run of runs)
      for (const f of run.figures) if (f.name.startsWith(prefix)) keys.add(f.name.slice(prefix.length));
    if (keys.size === 0) continue;
    // Per key, per run, its cost in each replication (0 where absent).
    const columns = new Map(
      [...keys].map((key) => [
        key,
        runs.map((run, i) => valuesOf(run, index[i].get(prefix + key), 'money').map((v) => v ?? 0)),
      ]),
    );
    const rows = [...keys].map((key) => ({ key, runs: pairAll(columns.get(key)!, pair) })).sort(byDelta);
    if (dimension !== 'item' || rows.length <= TOP_ITEMS) {
      out.push({ dimension, rows, rest: null });
      continue;
    }
    const others = rows.slice(TOP_ITEMS).map((r) => columns.get(r.key)!);
    const sums = runs.map((run, i) =>
      run.values.map((_, k) => others.reduce((sum, col) => sum + col[i][k], 0)),
    );
    out.push({
      dimension,
      rows: rows.slice(0, TOP_ITEMS),
      rest: { keys: others.length, runs: pairAll(sums, pair) },
    });
  }
  return out;
}

// Each run's values compared with the base's (the first run's).
const pairAll = (cols: number[][], pair: PairMoney): ComparedValue[] =>
  cols.map((col, i) => pair(col, i === 0 ? null : cols[0]));

// Largest |Δ| over the variants first, then the largest cost in any run, then the key.
function byDelta(a: ComparedCost, b: ComparedCost): number {
  const delta = (r: ComparedCost) => Math.max(0, ...r.runs.map((v) => Math.abs(v.delta?.mean ?? 0)));
  const cost = (r: ComparedCost) => Math.max(0, ...r.runs.map((v) => v.mean));
  return delta(b) - delta(a) || cost(b) - cost(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
