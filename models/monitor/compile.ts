// An alert rule as the evaluator runs it: its conditions as checks over per-minute
// buckets, where each condition's samples come from, and how its instances behave (§7.1–7.3).

import { type AlertRowMapper, alertRows } from '../kql/alert.js';
import { ALERT_SCHEMA } from '../signals.js';
import type { Check } from './condition.js';
import type { Behaviour } from './instance.js';
import { logResolveChecks, METRIC_RESOLVE_CHECKS, statelessCadence } from './limits.js';
import type { AlertRule, DimensionFilter, Severity } from './types.js';

/** Where one condition's samples come from and which value of a record it takes. */
export interface Source {
  signal: 'metric' | 'log';
  /** Metric name or log table. */
  name: string;
  filters: DimensionFilter[];
  /** Log rules aggregating a column: the column; else null (the metric's value, or 1 per row). */
  field: string | null;
  /** A KQL rule (issue 19): each row's split dimensions and value, or null when its query drops it. */
  rows?: AlertRowMapper;
}

/** A rule ready to evaluate. */
export interface CompiledRule {
  index: number;
  name: string;
  severity: Severity;
  actions: string[];
  checks: Check[];
  sources: Source[];
  splitBy: string[];
  behaviour: Behaviour;
  /** How far back any evaluation looks, ms. */
  lookback: number;
  /** A log query without splitting runs whether or not it returns rows: its one instance exists from the start. */
  alwaysOn: boolean;
}

/** Compiles a rule; `index` orders it among the run's rules. */
export function compileRule(rule: AlertRule, index: number): CompiledRule {
  const base = {
    index,
    name: rule.name,
    severity: rule.severity,
    actions: rule.actions,
    splitBy: rule.splitBy,
  };
  if (rule.kind === 'metric') {
    const checks = rule.conditions.map((c) => ({
      aggregation: c.aggregation,
      threshold: c.threshold,
      period: rule.window,
      periods: 1,
      minFailing: 1,
    }));
    return {
      ...base,
      checks,
      sources: rule.conditions.map((c) => ({
        signal: 'metric',
        name: c.metric,
        filters: c.filters,
        field: null,
      })),
      behaviour: {
        every: rule.every,
        stateful: rule.autoResolve,
        resolveChecks: METRIC_RESOLVE_CHECKS,
        cadence: statelessCadence(rule.every),
        mute: 0,
      },
      lookback: rule.window,
      alwaysOn: false,
    };
  }
  const { min, of } = rule.violations;
  return {
    ...base,
    checks: [
      {
        // A KQL rule's measure is its query's (issue 19).
        aggregation: rule.query?.aggregation ?? rule.measure.aggregation,
        threshold: rule.threshold,
        period: rule.lookback / of,
        periods: of,
        minFailing: min,
      },
    ],
    sources: [
      {
        signal: 'log',
        name: rule.table,
        filters: rule.filters,
        field: 'field' in rule.measure ? rule.measure.field : null,
        ...(rule.query === undefined ? {} : { rows: alertRows(rule.query, ALERT_SCHEMA) }),
      },
    ],
    // §7.3: a stateless log rule fires at every evaluation that holds (the 2020 table:
    // 00:10 fire, 00:15 fire again); mute-actions is its throttle.
    behaviour: {
      every: rule.every,
      stateful: rule.autoResolve,
      resolveChecks: logResolveChecks(rule.every),
      cadence: rule.every,
      mute: rule.muteActions,
    },
    lookback: rule.lookback,
    alwaysOn: rule.splitBy.length === 0,
  };
}
