// The monitoring part of a concrete scenario, as plain typed data: alert rules (metric and
// log search), action groups, alert processing rules, built-in backup alerts and ingestion
// latency (docs/reference.md §7). Times are integer ms of simulated time; durations ms.

import type { Distribution } from '../../engine/distributions.js';
import type { Millis } from '../../engine/units.js';
import type { AlertQuery } from '../kql/alert.js';

/** Alert severity, 0 (critical) to 4 (verbose) (§7.2). */
export type Severity = 0 | 1 | 2 | 3 | 4;

/** How a window's samples become one number (§7.2 `timeAggregation`, §7.3 measure). */
export type Aggregation = 'average' | 'minimum' | 'maximum' | 'total' | 'count';

/** A static threshold's comparison (§7.2: Equals, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual). */
export type Operator = '>' | '>=' | '<' | '<=' | '==';

/** A static threshold: `value <operator> threshold` is a violation. */
export interface Threshold {
  operator: Operator;
  value: number;
}

/** Keeps samples whose dimension `name` is (include) or is not (exclude) one of `values`. */
export interface DimensionFilter {
  name: string;
  include: boolean;
  values: string[];
}

/** One condition of a metric rule: a metric, filtered, aggregated over the window, compared. */
export interface MetricCondition {
  metric: string;
  aggregation: Aggregation;
  threshold: Threshold;
  filters: DimensionFilter[];
}

/** What rules share: name, severity, actions and whether they resolve themselves. */
interface RuleBase {
  name: string;
  severity: Severity;
  /** Evaluation frequency. */
  every: Millis;
  /** Stateful (fires once, resolves by §7.1's table) or stateless (fires while the condition holds). */
  autoResolve: boolean;
  /** Action group names, `notify` (a person is told), or `failover:<recovery plan>`. */
  actions: string[];
}

/** A metric alert rule (§7.2): all conditions must hold for an instance (one per split series). */
export interface MetricRule extends RuleBase {
  kind: 'metric';
  conditions: MetricCondition[];
  /** Dimensions that split the rule into one instance per time series. */
  splitBy: string[];
  window: Millis;
}

/** A log search rule's measure: count rows, or aggregate a numeric column. */
export type LogMeasure = { aggregation: 'count' } | { aggregation: Aggregation; field: string };

/** A log search alert rule (§7.3). */
export interface LogRule extends RuleBase {
  kind: 'log';
  /**
   * The rule's KQL query (issue 19), or absent for the `log:`/`where:` form. With a query,
   * `table`, `measure` and `splitBy` are the query's; `filters` is empty.
   */
  query?: AlertQuery;
  table: string;
  filters: DimensionFilter[];
  measure: LogMeasure;
  threshold: Threshold;
  /** Up to six columns; one instance per combination of their values. */
  splitBy: string[];
  /** Query time range: `violations.of` periods of lookback / of each. */
  lookback: Millis;
  /** Fire when at least `min` of the last `of` periods violate the threshold. */
  violations: { min: number; of: number };
  /** After a firing, actions wait this long before they run again (0: not muted). */
  muteActions: Millis;
}

/** An alert rule. */
export type AlertRule = MetricRule | LogRule;

/** A webhook endpoint; `failureRate` is the chance one call fails (then §7.4's retries). */
export interface WebhookTarget {
  url: string;
  failureRate: number;
}

/** An action group (§7.4): who is told, and how. */
export interface ActionGroup {
  name: string;
  email: string[];
  sms: string[];
  voice: string[];
  webhook: WebhookTarget[];
}

/** A weekly recurring window in local time. */
export interface RecurringWindow {
  /** Weekdays it starts on (0 = Sunday); all seven for daily. */
  days: number[];
  /** Local start, minutes after midnight. */
  at: number;
  duration: Millis;
  timeZone: string;
}

/** An alert processing rule that suppresses notifications during windows (§7.4). */
export interface ProcessingRule {
  name: string;
  /** Rules it applies to, or null for every rule (built-in alerts included). */
  rules: string[] | null;
  /** One-off windows in simulated time, [from, to). */
  windows: { from: Millis; to: Millis }[];
  recurring: RecurringWindow | null;
}

/** Azure Backup's built-in alerts (§7.5) and where their notifications go. */
export interface BuiltInAlerts {
  /** Job failure alerts (Sev 1) are on by default and can be turned off; security alerts cannot. */
  jobFailure: boolean;
  /** Action groups (or notify / failover:<plan>) that built-in alerts are routed to. */
  actions: string[];
}

/** Delay from a signal's timestamp until a rule can see it (§7.6), ms. */
export interface IngestionLatency {
  metric: Distribution;
  log: Distribution;
}

/** The `monitor:` section of a scenario. */
export interface MonitorSpec {
  rules: AlertRule[];
  actionGroups: ActionGroup[];
  processingRules: ProcessingRule[];
  builtIn: BuiltInAlerts;
  latency: IngestionLatency;
}

/** A change of an alert instance's monitor condition, at an evaluation instant. */
export interface Transition {
  /** Simulated time of the evaluation, ms. */
  t: number;
  kind: 'fired' | 'resolved';
  rule: string;
  /** Index of the rule in evaluation order (built-in alerts come after scenario rules). */
  ruleIndex: number;
  /** Canonical key of the instance's dimensions. */
  key: string;
  instance: Record<string, string>;
  severity: Severity;
  /** Actions do not run for this firing (mute-actions period of a log rule). */
  muted: boolean;
}
