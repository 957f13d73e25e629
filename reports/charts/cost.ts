// Monthly cost by meter: one stacked bar per calendar month of each run (a partial first
// or last month is billed for its part, as the cost model does), one colour per meter.

import type { RunResult } from '../../models/results/types.js';
import { METER_LABELS, METER_ORDER, round } from '../format.js';
import { asSpec, type Chart, CONFIG, colourBy, frame, HEIGHT, perRun, type Row, WIDTH } from './common.js';

// Tableau-10, one per meter in METER_ORDER, so a meter keeps its colour whichever are shown.
const PALETTE = ['#4c78a8', '#f58518', '#72b7b2', '#e45756', '#bab0ac', '#b279a2', '#54a24b'];
const METER_COLOURS: Readonly<Record<string, string>> = Object.fromEntries(
  METER_ORDER.map((m, i) => [METER_LABELS[m], PALETTE[i % PALETTE.length]]),
);

/** The stacked-bar chart of monthly cost by meter, or null when no run has a month of cost. */
export function costChart(results: readonly RunResult[]): Chart | null {
  const used = METER_ORDER.filter((m) =>
    results.some((r) => r.cost.months.some((mo) => round(mo.meters[m].amount, 2) !== 0)),
  );
  if (used.length === 0) return null;
  const values: Row[] = [];
  for (const r of results)
    for (const mo of r.cost.months)
      used.forEach((m, order) => {
        values.push({
          run: r.variant,
          month: mo.month,
          meter: METER_LABELS[m],
          order,
          amount: round(mo.meters[m].amount, 2),
          fraction: round(mo.fraction, 4),
        });
      });
  const currency = results[0].cost.currency;
  const labels = used.map((m) => METER_LABELS[m]);
  const months = new Set(values.map((v) => v.month)).size;
  const inner = {
    // A bar per month at a readable width; many months squeeze into the standard width.
    width: months <= 24 ? { step: 36 } : WIDTH,
    height: HEIGHT,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'month', axis: { labelAngle: months <= 12 ? 0 : -45 } },
      y: { field: 'amount', type: 'quantitative', stack: 'zero', title: `cost (${currency})` },
      color: colourBy('meter', labels, METER_COLOURS, 'meter'),
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'month', type: 'ordinal' },
        { field: 'meter', type: 'nominal' },
        { field: 'amount', type: 'quantitative', title: currency, format: ',.2f' },
        { field: 'fraction', type: 'quantitative', title: 'part of month', format: '.0%' },
      ],
    },
  };
  return {
    name: 'cost',
    title: 'Monthly cost by meter',
    spec: asSpec({
      ...frame(
        `Monthly cost by meter (${currency})`,
        'Cost per calendar month by meter; a partial month is billed for its part.',
        values,
      ),
      ...perRun(results, inner),
      config: CONFIG,
    }),
  };
}
