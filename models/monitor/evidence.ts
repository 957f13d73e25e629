// What an alert rule's evaluation saw when it changed an instance's condition (fired or
// resolved): per condition, each period of its window with the aggregate, the threshold and
// the per-minute buckets of samples in it (§7.1–7.3). The monitor records these only when
// asked (`vaultsim explain alert`): nothing is kept otherwise.

import type { CompiledRule } from './compile.js';
import { emptyValue, violates } from './condition.js';
import type { Instance } from './evaluator.js';
import type { Aggregation, Operator } from './types.js';

/** Samples of one minute, as the monitor keeps them (never a raw sample). */
export interface MinuteSamples {
  /** The minute's start, sim ms. */
  at: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** One period of a condition's window at an evaluation. */
export interface PeriodEvidence {
  /** The period [from, to), sim ms. */
  from: number;
  to: number;
  /** The aggregate of its samples, or null when it has none (an empty average). */
  value: number | null;
  violates: boolean;
  samples: MinuteSamples[];
}

/** One condition of a rule at an evaluation. */
export interface ConditionEvidence {
  signal: 'metric' | 'log';
  /** Metric name or log table. */
  name: string;
  aggregation: Aggregation;
  operator: Operator;
  threshold: number;
  /** Violating periods needed for the condition to hold (a log rule's "N of M"; 1 for metric rules). */
  minFailing: number;
  periods: PeriodEvidence[];
  holds: boolean;
}

/** An evaluation that fired or resolved an alert instance, with what it saw. */
export interface AlertEvaluation {
  rule: string;
  /** The evaluation instant, sim ms. */
  t: number;
  kind: 'fired' | 'resolved';
  instance: Record<string, string>;
  conditions: ConditionEvidence[];
}

/** What the evaluation of `rule` at tick t saw for `inst` (its series as they stand at t). */
export function evaluationAt(
  rule: CompiledRule,
  inst: Instance,
  t: number,
  kind: 'fired' | 'resolved',
): AlertEvaluation {
  const conditions = rule.checks.map((check, c): ConditionEvidence => {
    const series = inst.series[c];
    const periods: PeriodEvidence[] = [];
    // Newest period first, as the check counts them (condition.ts).
    for (let k = 1; k <= check.periods; k++) {
      const to = t - (k - 1) * check.period;
      const from = to - check.period;
      const value =
        series === null ? emptyValue(check.aggregation) : series.aggregate(from, to, check.aggregation);
      periods.push({
        from,
        to,
        value,
        violates: violates(value, check.threshold),
        samples: series === null ? [] : series.within(from, to),
      });
    }
    const source = rule.sources[c];
    return {
      signal: source.signal,
      name: source.name,
      aggregation: check.aggregation,
      operator: check.threshold.operator,
      threshold: check.threshold.value,
      minFailing: check.minFailing,
      periods,
      holds: periods.filter((p) => p.violates).length >= check.minFailing,
    };
  });
  return { rule: rule.name, t, kind, instance: { ...inst.dims }, conditions };
}
