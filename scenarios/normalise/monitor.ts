// The `monitor:` section (and a test-alerts case's rule) → typed MonitorSpec data, with
// Azure Monitor's documented limits checked (docs/reference.md §7.2–7.4): allowed metric
// frequencies and windows, log frequency and lookback ranges, failing periods, splitting,
// static thresholds only (dynamic ones are rejected until they are modelled).

import type { Distribution } from '../../engine/distributions.js';
import { type Millis, MS } from '../../engine/units.js';
import { parseWeekday } from '../../models/calendar.js';
import {
  LOG_FREQUENCY,
  MAX_CONDITIONS,
  MAX_LOG_SPLIT,
  MAX_LOOKBACK,
  METRIC_FREQUENCIES,
  METRIC_WINDOWS,
} from '../../models/monitor/limits.js';
import type {
  ActionGroup,
  Aggregation,
  AlertRule,
  DimensionFilter,
  IngestionLatency,
  MetricCondition,
  MonitorSpec,
  ProcessingRule,
  Severity,
  Threshold,
} from '../../models/monitor/types.js';
import { DIAGNOSTICS_ONLY } from '../../models/signals.js';
import { MSG } from '../messages.js';
import { DIAG_MSG } from '../messages-kql.js';
import { MONITOR_MSG } from '../messages-monitor.js';
import type { PathSegment } from '../source.js';
import { closest } from '../suggest.js';
import { formatDuration, parseDuration, parsePercent, parseTimeOfDay, parseTimeZone } from '../units.js';
import type { Context } from './context.js';
import { NON_NEGATIVE, readDistribution } from './distribution.js';
import { checkBin, readQueryRule } from './kql.js';
import { checkSignals } from './signals.js';

type Raw = Record<string, unknown>;
type Path = readonly PathSegment[];

/** Names a rule's actions may refer to. */
export interface ActionRefs {
  groups: ReadonlySet<string>;
  /** Recovery plans `failover:<plan>` may name, or null to accept any (test-alerts cases). */
  plans: ReadonlySet<string> | null;
  /** Fleet groups `backup:<group>` may name (an on-demand backup of each VM), or null to accept any. */
  fleet?: ReadonlySet<string> | null;
  /** Tables the scenario's diagnostics send (issue 19), null without diagnostics; absent outside a scenario. */
  diagnostics?: ReadonlySet<string> | null;
}

/** §7.6: logs are typically ingested 20 seconds to three minutes after their timestamp. */
export const DEFAULT_LATENCY: IngestionLatency = {
  metric: { kind: 'constant', value: 0 },
  log: { kind: 'uniform', min: 20 * MS.second, max: 3 * MS.minute },
};
/** No latency at all (the default of test-alerts cases). */
export const NO_LATENCY: IngestionLatency = {
  metric: { kind: 'constant', value: 0 },
  log: { kind: 'constant', value: 0 },
};

/** Normalises `monitor:` (undefined: no monitor); null when it has issues. */
export function normaliseMonitor(
  ctx: Context,
  raw: Raw | undefined,
  plans: ReadonlySet<string>,
  fleet: ReadonlySet<string> = new Set(),
  diagnostics: ReadonlySet<string> | null = null,
): MonitorSpec | null {
  if (raw === undefined) return null;
  const at = (...more: PathSegment[]) => ['monitor', ...more];
  const before = ctx.issues.length;
  const actionGroups = readActionGroups(
    ctx,
    (raw.actionGroups as Raw[] | undefined) ?? [],
    at('actionGroups'),
  );
  const refs = { groups: new Set(actionGroups.map((g) => g.name)), plans, fleet, diagnostics };
  const rawRules = (raw.alerts as Raw[] | undefined) ?? [];
  uniqueNames(ctx, 'alert rule', rawRules, at('alerts'));
  const rules = rawRules.map((r, i) => readRule(ctx, r, at('alerts', i), refs));
  checkSignals(ctx, rawRules, at('alerts'));
  const processingRules = readProcessingRules(
    ctx,
    (raw.processingRules as Raw[] | undefined) ?? [],
    at('processingRules'),
    new Set(rawRules.map((r) => r.name as string)),
  );
  const builtIn = (raw.builtIn as Raw | undefined) ?? {};
  const builtInActions = (builtIn.actions as string[] | undefined) ?? [];
  builtInActions.forEach((a, i) => {
    checkAction(ctx, a, at('builtIn', 'actions', i), refs);
  });
  const latency = readLatency(ctx, raw.latency as Raw | undefined, at('latency'), DEFAULT_LATENCY);
  if (ctx.issues.length > before || rules.some((r) => r === null) || latency === null) return null;
  return {
    rules: rules as AlertRule[],
    actionGroups,
    processingRules,
    builtIn: { jobFailure: (builtIn.jobFailure as boolean | undefined) ?? true, actions: builtInActions },
    latency,
  };
}

/** Reads one alert rule; null when it has issues. */
export function readRule(ctx: Context, r: Raw, path: Path, refs: ActionRefs): AlertRule | null {
  const before = ctx.issues.length;
  const kinds = ['metric', 'conditions', 'log', 'query'].filter((k) => r[k] !== undefined);
  const isLog = r.log !== undefined || r.query !== undefined;
  if (isLog ? kinds.length !== 1 : kinds.length === 0) {
    ctx.add('required', path, MONITOR_MSG.ruleKind(kinds));
    return null;
  }
  if (r.metric !== undefined && r.conditions !== undefined)
    ctx.add('not-allowed', [...path, 'conditions'], MONITOR_MSG.conditionsAndMetric());
  const kind = isLog ? 'log' : 'metric';
  const foreign = isLog
    ? ['window', 'conditions', ...(r.query === undefined ? [] : ['where', 'aggregation', 'field'])]
    : ['lookback', 'violations', 'field', 'muteActions'];
  for (const f of foreign)
    if (r[f] !== undefined) ctx.add('not-allowed', [...path, f], MONITOR_MSG.notFor(f, kind), { key: true });
  const actions = (r.actions as string[] | undefined) ?? [];
  actions.forEach((a, i) => {
    checkAction(ctx, a, [...path, 'actions', i], refs);
  });
  const base = {
    name: r.name as string,
    severity: ((r.severity as number | undefined) ?? 3) as Severity,
    actions,
    splitBy: (r.splitBy as string[] | undefined) ?? [],
  };
  const rule = isLog ? readLog(ctx, r, path, base, refs.diagnostics) : readMetric(ctx, r, path, base);
  return ctx.issues.length > before ? null : rule;
}

type Base = { name: string; severity: Severity; actions: string[]; splitBy: string[] };

function readMetric(ctx: Context, r: Raw, path: Path, base: Base): AlertRule | null {
  const every = allowed(ctx, r.every ?? '1m', [...path, 'every'], 'every', METRIC_FREQUENCIES);
  const window = allowed(ctx, r.window ?? '5m', [...path, 'window'], 'window', METRIC_WINDOWS);
  let conditions: (MetricCondition | null)[];
  if (r.conditions !== undefined) {
    const raw = r.conditions as Raw[];
    if (raw.length > MAX_CONDITIONS)
      ctx.add(
        'list-length',
        [...path, 'conditions'],
        MONITOR_MSG.tooManyConditions(raw.length, MAX_CONDITIONS),
      );
    conditions = raw.map((c, i) => readCondition(ctx, c, [...path, 'conditions', i]));
  } else {
    if (r.when === undefined) {
      ctx.add('required', path, MONITOR_MSG.metricNeedsWhen());
      return null;
    }
    conditions = [readCondition(ctx, r, path)];
  }
  if (every === null || window === null || conditions.some((c) => c === null)) return null;
  warnWindow(ctx, 'metric', window, every, [...path, r.window === undefined ? 'every' : 'window']);
  return {
    kind: 'metric',
    ...base,
    every,
    window,
    autoResolve: (r.autoResolve as boolean | undefined) ?? true,
    conditions: conditions as MetricCondition[],
  };
}

function readCondition(ctx: Context, c: Raw, path: Path): MetricCondition | null {
  const threshold = readThreshold(ctx, c.when, [...path, 'when']);
  if (threshold === null) return null;
  return {
    metric: c.metric as string,
    aggregation: ((c.aggregation as Aggregation | undefined) ?? 'average') as Aggregation,
    threshold,
    filters: readWhere(c.where as Raw | undefined),
  };
}

function readLog(
  ctx: Context,
  r: Raw,
  path: Path,
  base: Base,
  diagnostics: ReadonlySet<string> | null | undefined,
): AlertRule | null {
  const at = (f: string) => [...path, f];
  const every = ctx.unit(parseDuration, at('every'), r.every ?? '5m');
  if (every !== null && (every < LOG_FREQUENCY.min || every > LOG_FREQUENCY.max || every % MS.minute !== 0))
    ctx.add('out-of-range', at('every'), MONITOR_MSG.logFrequency(formatDuration(every)));
  // Issue 19: a KQL query; its bin(TimeGenerated, p) is the period, so the lookback defaults to p × violations.of.
  const parts =
    typeof r.query === 'string' ? readQueryRule(ctx, r.query, path, base.splitBy, diagnostics) : null;
  if (typeof r.query === 'string' && parts === null) return null;
  const of = (r.violations as { of: number } | undefined)?.of ?? 1;
  const binned = parts?.query.bin ?? null;
  const lookback = ctx.unit(
    parseDuration,
    at('lookback'),
    r.lookback ?? (binned === null ? '5m' : formatDuration(binned.size * of)),
  );
  if (lookback !== null && (lookback < MS.minute || lookback > MAX_LOOKBACK || lookback % MS.minute !== 0))
    ctx.add('out-of-range', at('lookback'), MONITOR_MSG.lookback(formatDuration(lookback)));
  const violations = (r.violations as { min: number; of: number } | undefined) ?? { min: 1, of: 1 };
  if (violations.min > violations.of)
    ctx.add(
      'out-of-range',
      [...at('violations'), 'min'],
      MONITOR_MSG.violationsMin(violations.min, violations.of),
    );
  else if (lookback !== null && (lookback / violations.of) % MS.minute !== 0)
    ctx.add('out-of-range', at('violations'), MONITOR_MSG.periods(formatDuration(lookback), violations.of));
  else if (parts !== null && lookback !== null) checkBin(ctx, parts, path, lookback / violations.of);
  if (
    parts === null &&
    typeof r.log === 'string' &&
    diagnostics !== undefined &&
    DIAGNOSTICS_ONLY.has(r.log) &&
    diagnostics?.has(r.log) !== true
  )
    ctx.add('unknown-signal', at('log'), DIAG_MSG.notSent(r.log));
  if (base.splitBy.length > MAX_LOG_SPLIT)
    ctx.add('list-length', at('splitBy'), MONITOR_MSG.splitLimit(base.splitBy.length));
  const aggregation = (r.aggregation as Aggregation | undefined) ?? 'count';
  const field = r.field as string | undefined;
  if (aggregation === 'count' && field !== undefined)
    ctx.add('not-allowed', at('field'), MONITOR_MSG.fieldWithCount());
  if (aggregation !== 'count' && field === undefined)
    ctx.add('required', path, MONITOR_MSG.fieldNeeded(aggregation));
  const mute = ctx.unit(parseDuration, at('muteActions'), r.muteActions ?? '0s');
  if (r.when === undefined) ctx.add('required', path, MSG.required('when'));
  const threshold = r.when === undefined ? null : readThreshold(ctx, r.when, at('when'));
  if (every === null || lookback === null || mute === null || threshold === null) return null;
  // A lookback given by the query's bin is the query's doing: the warning points at every.
  warnWindow(ctx, 'log', lookback, every, at(r.lookback === undefined ? 'every' : 'lookback'));
  return {
    kind: 'log',
    ...base,
    every,
    autoResolve: (r.autoResolve as boolean | undefined) ?? false,
    ...(parts === null ? {} : { query: parts.query, splitBy: parts.splitBy }),
    table: parts?.table ?? (r.log as string),
    filters: readWhere(r.where as Raw | undefined),
    measure:
      parts?.measure ??
      (aggregation === 'count' || field === undefined ? { aggregation: 'count' } : { aggregation, field }),
    threshold,
    lookback,
    violations,
    muteActions: mute,
  };
}

// §7.2, §7.3: a window (lookback) shorter than the frequency leaves the time between windows
// unevaluated; the rule still runs, as in Azure, so this is a warning (`--strict`: an error).
function warnWindow(ctx: Context, kind: 'metric' | 'log', window: Millis, every: Millis, path: Path): void {
  if (window < every)
    ctx.warn(
      'window-shorter-than-frequency',
      path,
      MONITOR_MSG.windowShorter(kind, formatDuration(window), formatDuration(every)),
    );
}

/** Parses a static threshold like "> 70"; dynamic thresholds are reported as unsupported. */
export function readThreshold(ctx: Context, raw: unknown, path: Path): Threshold | null {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (/^dynamic\b/i.test(text) || /\bdynamic$/i.test(text)) {
    ctx.add('not-allowed', path, MONITOR_MSG.dynamic());
    return null;
  }
  const m = /^(>=|<=|==|=|>|<)\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)$/.exec(text);
  if (m === null) {
    ctx.add('wrong-type', path, MONITOR_MSG.threshold(raw));
    return null;
  }
  const operator = (m[1] === '=' ? '==' : m[1]) as Threshold['operator'];
  return { operator, value: Number(m[2]) };
}

/** `where:` → filters (values compared as text). */
export function readWhere(raw: Raw | undefined): DimensionFilter[] {
  if (raw === undefined) return [];
  const values = (v: unknown) => (Array.isArray(v) ? v : [v]).map(String);
  return Object.entries(raw).map(([name, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? { name, include: false, values: values((v as { not: unknown }).not) }
      : { name, include: true, values: values(v) },
  );
}

// A duration that must be one of Azure's allowed values.
function allowed(
  ctx: Context,
  raw: unknown,
  path: Path,
  what: string,
  values: readonly number[],
): Millis | null {
  const d = ctx.unit(parseDuration, path, raw);
  if (d === null) return null;
  if (values.includes(d)) return d;
  const names = values.map(formatDuration);
  ctx.add('not-allowed', path, MONITOR_MSG.allowedValue(what, names, formatDuration(d)), {
    allowed: names.join(', '),
  });
  return null;
}

function checkAction(ctx: Context, action: string, path: Path, refs: ActionRefs): void {
  if (action === 'notify') return;
  if (action.startsWith('failover:')) {
    const plan = action.slice('failover:'.length);
    if (refs.plans !== null && !refs.plans.has(plan))
      ctx.add('unknown-reference', path, MONITOR_MSG.unknownPlan(plan, closest(plan, [...refs.plans])), {
        allowed: [...refs.plans].join(', ') || '(no recovery plans defined)',
      });
    return;
  }
  if (action.startsWith('backup:')) {
    const group = action.slice('backup:'.length);
    const fleet = refs.fleet ?? null;
    if (fleet !== null && !fleet.has(group))
      ctx.add(
        'unknown-reference',
        path,
        MONITOR_MSG.unknownAction(
          action,
          closest(
            action,
            [...fleet].map((g) => `backup:${g}`),
          ),
        ),
        {
          allowed: [...fleet].map((g) => `backup:${g}`).join(', ') || '(no fleet groups defined)',
        },
      );
    return;
  }
  if (refs.groups.has(action)) return;
  const known = [...refs.groups, 'notify'];
  ctx.add('unknown-reference', path, MONITOR_MSG.unknownAction(action, closest(action, known)), {
    allowed: `${known.join(', ')}, failover:<plan>, backup:<fleet group>`,
  });
}

/** Reads action groups (§7.4). */
export function readActionGroups(ctx: Context, raw: Raw[], path: Path): ActionGroup[] {
  uniqueNames(ctx, 'action group', raw, path);
  return raw.map((g, i) => ({
    name: g.name as string,
    email: (g.email as string[] | undefined) ?? [],
    sms: (g.sms as string[] | undefined) ?? [],
    voice: (g.voice as string[] | undefined) ?? [],
    webhook: ((g.webhook as (string | Raw)[] | undefined) ?? []).map((w, k) => {
      if (typeof w === 'string') return { url: w, failureRate: 0 };
      const rate =
        w.failureRate === undefined
          ? 0
          : ctx.unit(parsePercent, [...path, i, 'webhook', k, 'failureRate'], w.failureRate);
      return { url: w.url as string, failureRate: rate ?? 0 };
    }),
  }));
}

/** Reads alert processing rules; `rules` are the alert rules they may name. */
export function readProcessingRules(
  ctx: Context,
  raw: Raw[],
  path: Path,
  rules: ReadonlySet<string>,
): ProcessingRule[] {
  uniqueNames(ctx, 'processing rule', raw, path);
  return raw.map((p, i) => {
    const at = (...more: PathSegment[]) => [...path, i, ...more];
    const names = p.rules as string[] | undefined;
    names?.forEach((n, k) => {
      if (!rules.has(n))
        ctx.add('unknown-reference', at('rules', k), MONITOR_MSG.unknownRule(n, closest(n, [...rules])), {
          allowed: [...rules].join(', ') || '(no alert rules defined)',
        });
    });
    const windows = ((p.windows as Raw[] | undefined) ?? []).flatMap((w, k) => {
      const from = ctx.offset(at('windows', k, 'from'), w.from);
      const to = ctx.unit(parseDuration, at('windows', k, 'to'), w.to);
      if (from === null || to === null) return [];
      if (to <= from) {
        ctx.add(
          'out-of-range',
          at('windows', k, 'to'),
          MONITOR_MSG.windowOrder(formatDuration(from), formatDuration(to)),
        );
        return [];
      }
      return [{ from, to }];
    });
    const s = p.schedule as Raw | undefined;
    let recurring: ProcessingRule['recurring'] = null;
    if (s !== undefined) {
      const minutes = ctx.unit(parseTimeOfDay, at('schedule', 'at'), s.at);
      const duration = ctx.unit(parseDuration, at('schedule', 'for'), s.for);
      const timeZone =
        s.timeZone === undefined ? 'UTC' : ctx.unit(parseTimeZone, at('schedule', 'timeZone'), s.timeZone);
      const days = ((s.days as string[] | undefined) ?? []).map((d) => parseWeekday(d) as number);
      if (minutes !== null && duration !== null && timeZone !== null)
        recurring = {
          days: days.length === 0 ? [0, 1, 2, 3, 4, 5, 6] : [...new Set(days)].sort(),
          at: minutes,
          duration,
          timeZone,
        };
    }
    return { name: p.name as string, rules: names ?? null, windows, recurring };
  });
}

/** Reads ingestion latency, filling what is not given from `defaults`; null on issues. */
export function readLatency(
  ctx: Context,
  raw: Raw | undefined,
  path: Path,
  defaults: IngestionLatency,
): IngestionLatency | null {
  const read = (key: 'metric' | 'log'): Distribution | null =>
    raw?.[key] === undefined
      ? defaults[key]
      : readDistribution(ctx, [...path, key], raw[key], parseDuration, NON_NEGATIVE);
  const metric = read('metric');
  const log = read('log');
  return metric === null || log === null ? null : { metric, log };
}

/** Records a duplicate-name issue for each repeated name in the list at `path`. */
export function uniqueNames(ctx: Context, kind: string, items: readonly Raw[], path: Path): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const name = item.name as string;
    const j = first.get(name);
    if (j === undefined) first.set(name, i);
    else {
      const { line } = ctx.source.locate([...path, j, 'name']);
      ctx.add('duplicate-name', [...path, i, 'name'], MSG.duplicateName(kind, name, line));
    }
  });
}
