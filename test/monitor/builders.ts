// Small builders for monitor tests: a test states only what differs from these defaults.
import { millis } from '../../engine/units.js';
import type { RecordedSignal } from '../../models/monitor/replay.js';
import type { Fields } from '../../models/monitor/signals.js';
import type {
  ActionGroup,
  LogRule,
  MetricCondition,
  MetricRule,
  MonitorSpec,
  Threshold,
} from '../../models/monitor/types.js';

/** One minute in ms. */
export const MIN = 60_000;

/** `"> 70"` → a threshold. */
export function when(text: string): Threshold {
  const m = /^(>=|<=|==|>|<)\s*(-?\d+(?:\.\d+)?)$/.exec(text.trim());
  if (m === null) throw new Error(`bad threshold ${text}`);
  return { operator: m[1] as Threshold['operator'], value: Number(m[2]) };
}

/** A stateful 1-minute metric rule over metric `m`: average over 5 minutes > 70. */
export function metricRule(
  over: Partial<Omit<MetricRule, 'conditions'>> & { conditions?: Partial<MetricCondition>[] } = {},
): MetricRule {
  const { conditions, ...rest } = over;
  return {
    kind: 'metric',
    name: 'cpu',
    severity: 3,
    every: millis(MIN),
    autoResolve: true,
    actions: [],
    splitBy: [],
    window: millis(5 * MIN),
    ...rest,
    conditions: (conditions ?? [{}]).map((c) => ({
      metric: 'm',
      aggregation: 'average',
      threshold: when('> 70'),
      filters: [],
      ...c,
    })),
  };
}

/** A stateless log rule over table `T`: count of rows in the last 15 minutes > 0, every 15 minutes. */
export function logRule(over: Partial<LogRule> = {}): LogRule {
  return {
    kind: 'log',
    name: 'jobs',
    severity: 3,
    every: millis(15 * MIN),
    autoResolve: false,
    actions: [],
    table: 'T',
    filters: [],
    measure: { aggregation: 'count' },
    threshold: when('> 0'),
    splitBy: [],
    lookback: millis(15 * MIN),
    violations: { min: 1, of: 1 },
    muteActions: millis(0),
    ...over,
  };
}

/** A monitor section with these rules and no latency, built-in alerts off. */
export function aSpec(rules: MonitorSpec['rules'], over: Partial<MonitorSpec> = {}): MonitorSpec {
  return {
    rules,
    actionGroups: [],
    processingRules: [],
    builtIn: { jobFailure: false, actions: [] },
    latency: { metric: { kind: 'constant', value: 0 }, log: { kind: 'constant', value: 0 } },
    ...over,
  };
}

/** An action group with only the given receivers. */
export function aGroup(name: string, over: Partial<ActionGroup> = {}): ActionGroup {
  return { name, email: [], sms: [], voice: [], webhook: [], ...over };
}

/** One metric sample per `step` from time 0; null is a missing sample. */
export function metricSeries(
  values: (number | null)[],
  dims: Fields = {},
  name = 'm',
  step = MIN,
): RecordedSignal[] {
  return values.flatMap((value, i) =>
    value === null ? [] : [{ signal: 'metric' as const, name, dims, t: i * step, value }],
  );
}

/** Log records at the given minutes, all with `record`'s fields. */
export function logAt(minutes: number[], record: Fields = {}, table = 'T'): RecordedSignal[] {
  return minutes.map((m) => ({ signal: 'log' as const, name: table, record, t: m * MIN }));
}

/** Minutes of a list of ms instants. */
export const minutes = (ts: readonly number[]): number[] => ts.map((t) => t / MIN);
