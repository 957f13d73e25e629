// Whether a condition holds at one evaluation: the periods of its window are aggregated
// and compared with a static threshold; enough violating periods make it hold (§7.2, §7.3).

import type { Buckets } from './buckets.js';
import type { Aggregation, DimensionFilter, Threshold } from './types.js';

/** One condition as the evaluator runs it: a metric rule's has one period of the window. */
export interface Check {
  aggregation: Aggregation;
  threshold: Threshold;
  /** Length of one period (a metric rule's window; a log rule's lookback / periods), ms. */
  period: number;
  periods: number;
  /** Violating periods needed for the condition to hold. */
  minFailing: number;
}

/** Whether `value` violates `threshold`; no value (an empty average) never does. */
export function violates(value: number | null, threshold: Threshold): boolean {
  if (value === null) return false;
  const x = threshold.value;
  switch (threshold.operator) {
    case '>':
      return value > x;
    case '>=':
      return value >= x;
    case '<':
      return value < x;
    case '<=':
      return value <= x;
    case '==':
      return value === x;
  }
}

/** Whether the check holds at tick `t` over the series (null: no samples ever, as empty). */
export function holds(check: Check, series: Buckets | null, t: number): boolean {
  let failing = 0;
  for (let k = 1; k <= check.periods; k++) {
    const to = t - (k - 1) * check.period;
    const value =
      series === null
        ? emptyValue(check.aggregation)
        : series.aggregate(to - check.period, to, check.aggregation);
    if (violates(value, check.threshold) && ++failing >= check.minFailing) return true;
  }
  return false;
}

/** The aggregate of no samples: 0 for count and total, none for the others. */
export function emptyValue(how: Aggregation): number | null {
  return how === 'count' || how === 'total' ? 0 : null;
}

/** Whether a sample's dimensions pass every filter (missing dimensions compare as ''). */
export function passes(
  filters: readonly DimensionFilter[],
  dims: Readonly<Record<string, unknown>>,
): boolean {
  for (const f of filters) {
    const raw = dims[f.name];
    const value = raw === undefined || raw === null ? '' : String(raw);
    if (f.values.includes(value) !== f.include) return false;
  }
  return true;
}
