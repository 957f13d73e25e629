// The monitoring sentences of the scenario loader and the test-alerts cases loader
// (STYLE.md §9), each naming the rule and where it comes from (docs/reference.md §7).

const list = (values: readonly string[]) => values.join(', ');

/** User-facing sentences about alert rules, action groups, processing rules and alert cases. */
export const MONITOR_MSG = {
  ruleKind: (got: readonly string[]) =>
    got.length === 0
      ? 'an alert rule needs one of metric: (a metric rule), conditions: (a metric rule with several conditions) or log: (a log search rule)'
      : `an alert rule is a metric rule or a log rule: use one of ${got.join(' and ')}`,
  notFor: (field: string, kind: 'metric' | 'log') =>
    `"${field}" does not apply to ${kind} rules${kind === 'metric' ? ' (lookback, violations, field and muteActions are for log rules)' : ' (window and conditions are for metric rules)'}`,
  metricNeedsWhen: () => 'a metric rule with metric: needs when:, like "> 70"',
  conditionsAndMetric: () =>
    'give the condition either inline (metric:, aggregation:, when:, where:) or as conditions:, not both',
  tooManyConditions: (got: number, max: number) => `a metric rule has at most ${max} conditions, got ${got}`,
  threshold: (got: unknown) =>
    `expected a static threshold like "> 70" (operators >, >=, <, <=, ==), got ${JSON.stringify(got)}`,
  dynamic: () =>
    'dynamic thresholds are not supported yet (they learn from 3+ days of history, §7.6); use a static threshold like "> 70"',
  allowedValue: (what: string, allowed: readonly string[], got: string) =>
    `${what} must be one of ${list(allowed)}, got ${got} (Azure Monitor metric alert ARM template, §7.2)`,
  logFrequency: (got: string) =>
    `a log rule’s frequency must be whole minutes from 1m to 1d, got ${got} (Azure Monitor log alerts, §7.3)`,
  lookback: (got: string) =>
    `a log rule’s lookback must be whole minutes up to 2d, got ${got} (query time range at most two days, §7.3)`,
  periods: (lookback: string, of: number) =>
    `the lookback ${lookback} does not split into ${of} periods of whole minutes`,
  violationsMin: (min: number, of: number) => `violations.min (${min}) cannot exceed violations.of (${of})`,
  splitLimit: (got: number) =>
    `a log rule splits by at most 6 dimensions, got ${got} (Azure Monitor log alerts, §7.3)`,
  fieldWithCount: () => 'count counts rows; name a field only with average, minimum, maximum or total',
  fieldNeeded: (aggregation: string) =>
    `a log rule aggregating with ${aggregation} needs field: (a numeric column)`,
  muteNegative: () => 'muteActions must be a duration like 1h',
  unknownAction: (got: string, suggestion: string | null) =>
    `unknown action "${got}": expected an action group, notify, failover:<recovery plan> or backup:<fleet group>${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`,
  unknownPlan: (plan: string, suggestion: string | null) =>
    `unknown recovery plan "${plan}"${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`,
  unknownRule: (rule: string, suggestion: string | null) =>
    `unknown alert rule "${rule}"${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`,
  windowOrder: (from: string, to: string) => `a window must end after it starts, got from ${from} to ${to}`,
  seriesKind: () => 'a series needs metric: or log: (one of them)',
  seriesOrRows: () => 'a case needs series: (metric samples, log counts) or rows: (table rows, issue 19)',
  rowValue: (column: string, type: string, got: unknown) =>
    `column "${column}" is ${type === 'datetime' ? 'a datetime: give a duration after time 0, like 90m, or an ISO instant' : `a ${type}`}, got ${JSON.stringify(got)}`,
  seriesValues: (kind: 'metric' | 'log') =>
    kind === 'metric'
      ? 'a metric series needs values:'
      : 'a log series needs counts: (rows per step), or field: with values:',
  notation: (detail: string) => `expected a series like "0+10x100", "5x3" or "1 _ 2", ${detail}`,
  countsWhole: (got: number) => `log counts are whole numbers of rows, got ${got}`,
  duplicateCase: (name: string, line: number) =>
    `duplicate case name "${name}" (first defined on line ${line})`,
  stepZero: () => 'step must be greater than zero',
  windowShorter: (kind: 'metric' | 'log', window: string, every: string) =>
    kind === 'metric'
      ? `the window ${window} is shorter than the frequency ${every}: each evaluation sees only the last ${window} of every ${every}, and samples in between are never evaluated (the aggregation window should be longer than the frequency, §7.2)`
      : `the lookback ${window} is shorter than the frequency ${every}: each evaluation sees only the last ${window} of every ${every}, and rows in between are never evaluated (§7.3)`,
  unreadSignal: (kind: 'metric' | 'log', name: string, suggestion: string | null, known: readonly string[]) =>
    `no ${kind === 'metric' ? 'series of this case has the metric' : 'series or rows of this case are in the table'} "${name}", so the rule sees no data and any expectation that it never fires passes vacuously${suggestion !== null ? `; did you mean "${suggestion}"?` : ` (the case has ${known.length === 0 ? 'no metric series' : `${kind === 'metric' ? 'metrics' : 'tables'} ${list(known)}`})`}`,
  resolvedBeforeFired: (fired: string, resolved: string) =>
    `an expected firing must resolve after it fires (at a later evaluation, §7.1), got fired ${fired} and resolved ${resolved}`,
} as const;
