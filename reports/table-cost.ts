// `vaultsim run --cost-by DIMENSION`: the run's cost split by vault, policy, region, meter,
// item or a fleet tag's values (`tag:<key>`), one column per run (base first) as in the
// summary table, each variant's amount followed by its change against the base. Items: the
// 20 largest and the rest in one row.

import type { CostDimension, CostSplit, Meter } from '../models/pricing/types.js';
import type { RunResult } from '../models/results/types.js';
import { centsAddingUp, ITEM_LIMIT, isOtherItemsKey, NONE_KEY, shareRows } from './cost-shares.js';
import { costSplitLabel, formatMoney, METER_LABELS, round, splitTagKey } from './format.js';
import { layout, numeric, type Row } from './table.js';

// What the no-value row stands for in each dimension.
const NONE_LABELS: Readonly<Record<CostDimension, string>> = {
  vault: '(no vault)',
  policy: '(none)',
  region: '(none)',
  meter: '(none)',
  item: '(not per item)',
};

/** The label a key gets in cost tables: a meter's name in words, the no-value key per dimension (`(no env tag)` for a tag key). */
export function costKeyLabel(key: string, dimension: CostSplit): string {
  const tag = splitTagKey(dimension);
  if (tag !== null) return key === NONE_KEY ? `(no ${tag} tag)` : key;
  if (key === NONE_KEY) return NONE_LABELS[dimension as CostDimension];
  if (dimension === 'meter' && Object.hasOwn(METER_LABELS, key)) return METER_LABELS[key as Meter];
  return key;
}

/** The cost table of `run --cost-by`: one row per key, then the total, one column per run. */
export function renderCostTable(
  results: readonly Pick<RunResult, 'variant' | 'cost'>[],
  dimension: CostSplit,
): string {
  if (results.length === 0) return '';
  const currency = results[0].cost.currency;
  const money = (n: number) => formatMoney(n, currency);
  const rows = shareRows(results, dimension);
  // Per run, the rows in cents adding up to the run's total as shown (as in summary.json).
  const cents = results.map((r, i) =>
    centsAddingUp(
      rows.map((row) => row.amounts[i]),
      round(r.cost.summary.total, 2),
    ),
  );
  const index = new Map(results.map((r, i) => [r, i]));
  const limit = rows.some((r) => isOtherItemsKey(r.key));
  const title = `Cost by ${costSplitLabel(dimension)} (${currency}), over the run${limit ? `: the ${ITEM_LIMIT} largest items` : ''}`;
  const table: Row[] = [
    ...rows.map((row, k) =>
      numeric(
        `  ${costKeyLabel(row.key, dimension)}`,
        results,
        (r) => cents[index.get(r) as number][k],
        money,
      ),
    ),
    numeric('  total', results, (r) => round(r.cost.summary.total, 2), money),
  ];
  return `${[title, ...layout(results, table)].join('\n')}\n`;
}
