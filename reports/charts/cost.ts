// Monthly cost by a dimension (meter by default; `run --cost-by` picks vault, policy, region,
// item or a fleet tag key): one stacked bar per calendar month of each run (a partial first or last month is
// billed for its part, as the cost model does), one colour per key. Read from the cost lines.

import type { CostSplit } from '../../models/pricing/types.js';
import type { RunResult } from '../../models/results/types.js';
import { isOtherItemsKey, lineKey, NONE_KEY, shareRows } from '../cost-shares.js';
import { costSplitLabel, METER_LABELS, METER_ORDER, round, splitTagKey } from '../format.js';
import { costKeyLabel } from '../table-cost.js';
import { asSpec, type Chart, CONFIG, colourBy, frame, HEIGHT, perRun, type Row, WIDTH } from './common.js';

// Tableau-10 then the rest of Tableau-20, one per meter in METER_ORDER, so a meter keeps its
// colour whichever are shown (the first seven are the colours of the Backup meters before issue 13).
const PALETTE = [
  '#4c78a8',
  '#f58518',
  '#72b7b2',
  '#e45756',
  '#bab0ac',
  '#b279a2',
  '#54a24b',
  '#eeca3b',
  '#ff9da6',
  '#9d755d',
  '#9ecae9',
  '#ffbf79',
  '#88d27a',
  '#d6a5c9',
  '#83bcb6',
  '#f2cf5b',
  '#ff9d98',
  '#d8b5a5',
  '#79706e',
  '#fcbfd2',
];
const METER_COLOURS: Readonly<Record<string, string>> = Object.fromEntries(
  METER_ORDER.map((m, i) => [METER_LABELS[m], PALETTE[i % PALETTE.length]]),
);
// The rows vaultsim makes up are grey: light for charges without a key ("(no vault)"), darker
// for the items past the largest ("(7 other items)").
const NONE_COLOUR = '#d9d9d9';
const OTHER_COLOUR = '#969696';

// The keys shown (in stack and legend order) with their labels and colours.
function keysOf(results: readonly RunResult[], by: CostSplit) {
  if (by === 'meter') {
    const used = METER_ORDER.filter((m) => results.some((r) => r.cost.lines.some((l) => l.meter === m)));
    return used.map((m) => ({
      key: m as string,
      label: METER_LABELS[m],
      colour: METER_COLOURS[METER_LABELS[m]],
    }));
  }
  let n = 0;
  return shareRows(results, by).map((row) => ({
    key: row.key,
    label: costKeyLabel(row.key, by),
    colour: isOtherItemsKey(row.key)
      ? OTHER_COLOUR
      : row.key === NONE_KEY
        ? NONE_COLOUR
        : PALETTE[n++ % PALETTE.length],
  }));
}

/** The stacked-bar chart of monthly cost by `by` (meter by default), or null when no run has a charge. */
export function costChart(results: readonly RunResult[], by: CostSplit = 'meter'): Chart | null {
  // The data field of the split: the dimension's name, or `tag` for a tag key.
  const field = splitTagKey(by) === null ? by : 'tag';
  const all = keysOf(results, by);
  const known = new Set(all.map((k) => k.key));
  // Items past the largest are summed into the other-items row.
  const other = all.find((k) => isOtherItemsKey(k.key))?.key;
  const rowOf = (l: RunResult['cost']['lines'][number]) => {
    const k = lineKey(l, by);
    return known.has(k) || other === undefined ? k : other;
  };
  // Per run, per month, per row: the month's amount.
  const sums = results.map((r) => {
    const out = new Map<string, Map<string, number>>();
    for (const l of r.cost.lines) {
      const month = out.get(l.month) ?? new Map<string, number>();
      out.set(l.month, month);
      month.set(rowOf(l), (month.get(rowOf(l)) ?? 0) + l.amount);
    }
    return out;
  });
  const keys = all.filter((k) =>
    sums.some((run) => [...run.values()].some((m) => round(m.get(k.key) ?? 0, 2) !== 0)),
  );
  if (keys.length === 0) return null;
  const values: Row[] = [];
  results.forEach((r, i) => {
    for (const mo of r.cost.months)
      keys.forEach((k, order) => {
        values.push({
          run: r.variant,
          month: mo.month,
          [field]: k.label,
          order,
          amount: round(sums[i].get(mo.month)?.get(k.key) ?? 0, 2),
          fraction: round(mo.fraction, 4),
        });
      });
  });
  const currency = results[0].cost.currency;
  const labels = keys.map((k) => k.label);
  const colours = Object.fromEntries(keys.map((k) => [k.label, k.colour]));
  const dimension = costSplitLabel(by);
  const months = new Set(values.map((v) => v.month)).size;
  const inner = {
    // A bar per month at a readable width; many months squeeze into the standard width.
    width: months <= 24 ? { step: 52 } : WIDTH,
    height: HEIGHT,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'month', axis: { labelAngle: months <= 12 ? 0 : -45 } },
      y: { field: 'amount', type: 'quantitative', stack: 'zero', title: `cost (${currency})` },
      color: colourBy(field, labels, colours, dimension),
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'month', type: 'ordinal' },
        { field, type: 'nominal' },
        { field: 'amount', type: 'quantitative', title: currency, format: ',.2f' },
        { field: 'fraction', type: 'quantitative', title: 'part of month', format: '.0%' },
      ],
    },
  };
  return {
    name: 'cost',
    title: `Monthly cost by ${dimension}`,
    spec: asSpec({
      ...frame(
        `Monthly cost by ${dimension} (${currency})`,
        `Cost per calendar month by ${dimension}; a partial month is billed for its part.`,
        values,
      ),
      ...perRun(results, inner),
      config: CONFIG,
    }),
  };
}
