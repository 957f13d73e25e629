// Loading a `vaultsim test-alerts` cases file: text → cases (input signals, a monitor with
// one rule, the timeline expected), or every issue with its file:line:column. The same
// phases as the scenario loader (load.ts) and its helpers: read, parse with positions,
// check against the cases schema (scenarios/schema/monitor.ts), then normalise.

import type { ValidateFunction } from 'ajv';
import type { RecordedSignal } from '../models/monitor/replay.js';
import type { Fields } from '../models/monitor/signals.js';
import type { AlertRule, MonitorSpec } from '../models/monitor/types.js';
import { readRows } from './alert-rows.js';
import { type Issue, sortIssues } from './issues.js';
import { MSG } from './messages.js';
import { MONITOR_MSG } from './messages-monitor.js';
import { Context } from './normalise/context.js';
import {
  NO_LATENCY,
  readActionGroups,
  readLatency,
  readProcessingRules,
  readRule,
  uniqueNames,
} from './normalise/monitor.js';
import { checkSchema } from './schema-check.js';
import { parseSeries, STALE } from './series-notation.js';
import { issueAt, type PathSegment, parseSource, readScenarioText } from './source.js';
import { closest } from './suggest.js';
import { formatDuration, parseDuration } from './units.js';
import { validate as validateAlertCases } from './validators/alert-cases.js';

/** A firing a case expects; a null instance matches any. */
export interface ExpectedFiring {
  fired: number;
  resolved: number | null;
  instance: Record<string, string> | null;
}

/** Notification counts a case expects (absent fields are not checked). */
export interface ExpectedNotifications {
  sent?: number;
  suppressedByRateLimit?: number;
  suppressedByProcessingRule?: number;
}

/** One test-alerts case, ready to replay. */
export interface AlertCase {
  name: string;
  /** Where the case starts in its file. */
  line: number;
  column: number;
  /** A monitor with the case's one rule. */
  spec: MonitorSpec;
  signals: RecordedSignal[];
  /** Evaluate up to here, ms. */
  until: number;
  expect: { firings: ExpectedFiring[]; notifications: ExpectedNotifications | null };
}

/** The outcome of loading a cases file. */
export type AlertCasesResult =
  | { ok: true; file: string; seed: number; cases: AlertCase[] }
  | { ok: false; issues: Issue[] };

type Raw = Record<string, unknown>;

/** Loads a cases file; file problems come back as issues. */
export function loadAlertCasesFile(file: string): AlertCasesResult {
  const read = readScenarioText(file);
  if ('issue' in read) return { ok: false, issues: [read.issue] };
  return loadAlertCasesText(read.text, file);
}

/** Loads cases from text; `file` names it in issues. */
export function loadAlertCasesText(text: string, file: string): AlertCasesResult {
  // 1. parse
  const { source, issues } = parseSource(text, file);
  if (issues.length > 0) return fail(issues);
  const value = source.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail([issueAt(source, 'not-a-mapping', [], MSG.wrongType('a mapping with cases:', value))]);
  // 2. check
  const validate = casesValidator();
  if (!validate(value)) return fail(checkSchema(value, source, validate));
  // 3. normalise
  const ctx = new Context(source);
  const raw = value as { seed?: number; cases: Raw[] };
  uniqueNames(ctx, 'case', raw.cases, ['cases']);
  const cases = raw.cases.map((c, i) => readCase(ctx, c, ['cases', i]));
  if (ctx.issues.length > 0) return fail(ctx.issues);
  return { ok: true, file, seed: raw.seed ?? 1, cases: cases as AlertCase[] };
}

function fail(issues: Issue[]): AlertCasesResult {
  return { ok: false, issues: sortIssues(issues) };
}

function readCase(ctx: Context, c: Raw, path: PathSegment[]): AlertCase | null {
  const at = (...more: PathSegment[]) => [...path, ...more];
  const before = ctx.issues.length;
  const step = ctx.unit(parseDuration, at('step'), c.step ?? '1m');
  if (step === 0) ctx.add('out-of-range', at('step'), MONITOR_MSG.stepZero());
  const actionGroups = readActionGroups(ctx, (c.actionGroups as Raw[] | undefined) ?? [], at('actionGroups'));
  const rawRule = c.rule as Raw;
  const rule = readRule(ctx, rawRule, at('rule'), {
    groups: new Set(actionGroups.map((g) => g.name)),
    plans: null,
  });
  const processingRules = readProcessingRules(
    ctx,
    (c.processingRules as Raw[] | undefined) ?? [],
    at('processingRules'),
    new Set([rawRule.name as string]),
  );
  const latency = readLatency(ctx, c.latency as Raw | undefined, at('latency'), NO_LATENCY);
  const series =
    step === null || step === 0
      ? null
      : readSeries(ctx, (c.series as Raw[] | undefined) ?? [], at('series'), step);
  // Issue 19: table rows, for KQL rules.
  const rows = readRows(ctx, (c.rows as Raw[] | undefined) ?? [], at('rows'));
  const expect = readExpect(ctx, c.expect as Raw, at('expect'));
  const until = c.until === undefined ? null : ctx.unit(parseDuration, at('until'), c.until);
  if (c.series === undefined && c.rows === undefined) ctx.add('required', path, MONITOR_MSG.seriesOrRows());
  else if (rule !== null) checkRuleInputs(ctx, c, rawRule, rule, at('rule'));
  if (ctx.issues.length > before || rule === null || latency === null || series === null || rows === null)
    return null;
  const { line, column } = ctx.source.locate(path);
  return {
    name: c.name as string,
    line,
    column,
    spec: {
      rules: [rule],
      actionGroups,
      processingRules,
      builtIn: { jobFailure: false, actions: [] },
      latency,
    },
    signals: [...series.signals, ...rows.signals],
    until: until ?? defaultUntil(Math.max(series.end, rows.end), rule),
    expect,
  };
}

// A rule must read something the case provides, or a typo in its metric (or table) makes any
// "never fires" expectation pass vacuously; the inputs' names are checked as `rows:` columns
// are. A metric rule on a metric no series has can never fire (its instances appear with
// their first sample). A log rule is checked only when the case gives some log input: a rule
// like "fewer than 1 job in 24h" may rightly be tested on no rows at all.
function checkRuleInputs(ctx: Context, c: Raw, rawRule: Raw, rule: AlertRule, path: PathSegment[]): void {
  const series = (c.series as Raw[] | undefined) ?? [];
  const names = (key: 'metric' | 'log') => [
    ...new Set(series.flatMap((s) => (typeof s[key] === 'string' ? [s[key] as string] : []))),
  ];
  const report = (kind: 'metric' | 'log', name: string, known: string[], at: PathSegment[]) => {
    if (known.includes(name)) return;
    ctx.add('unknown-signal', at, MONITOR_MSG.unreadSignal(kind, name, closest(name, known), known));
  };
  if (rule.kind === 'metric') {
    const metrics = names('metric');
    const inline = rawRule.conditions === undefined;
    rule.conditions.forEach((cond, i) => {
      report(
        'metric',
        cond.metric,
        metrics,
        inline ? [...path, 'metric'] : [...path, 'conditions', i, 'metric'],
      );
    });
    return;
  }
  const rows = ((c.rows as Raw[] | undefined) ?? []).map((r) => r.table as string);
  const tables = [...new Set([...names('log'), ...rows])];
  if (tables.length > 0)
    report('log', rule.table, tables, [...path, rawRule.query === undefined ? 'log' : 'query']);
}

// The longest series, the rule's lookback, then ten evaluations: enough for any resolution (§7.1).
function defaultUntil(end: number, rule: AlertRule): number {
  const lookback = rule.kind === 'metric' ? rule.window : rule.lookback;
  return end + lookback + 10 * rule.every;
}

function readSeries(
  ctx: Context,
  raw: Raw[],
  path: PathSegment[],
  step: number,
): { signals: RecordedSignal[]; end: number } | null {
  const signals: RecordedSignal[] = [];
  let end = 0;
  let ok = true;
  raw.forEach((s, i) => {
    const at = (...more: PathSegment[]) => [...path, i, ...more];
    const isLog = s.log !== undefined;
    if ((s.metric === undefined) === !isLog) {
      ctx.add('required', at(), MONITOR_MSG.seriesKind());
      ok = false;
      return;
    }
    const key = isLog ? (s.counts !== undefined ? 'counts' : 'values') : 'values';
    if (s[key] === undefined || (isLog && key === 'values' && s.field === undefined)) {
      ctx.add('required', at(), MONITOR_MSG.seriesValues(isLog ? 'log' : 'metric'));
      ok = false;
      return;
    }
    // An unquoted number is read as written, as promtool reads it: `values: 0x10` is eleven
    // zeros in its notation, not YAML's 16.
    const raw = s[key];
    const parsed = parseSeries(typeof raw === 'number' ? (ctx.source.plainText?.(at(key)) ?? raw) : raw);
    if (!parsed.ok) {
      ctx.add('invalid-unit', at(key), MONITOR_MSG.notation(parsed.detail));
      ok = false;
      return;
    }
    const start = s.start === undefined ? 0 : ctx.unit(parseDuration, at('start'), s.start);
    if (start === null) {
      ok = false;
      return;
    }
    const dims = (s.dims as Fields | undefined) ?? {};
    const name = (isLog ? s.log : s.metric) as string;
    end = Math.max(end, start + parsed.values.length * step);
    parsed.values.forEach((v, k) => {
      // A staleness marker ends a Prometheus series; an Azure Monitor window aggregates
      // the samples stamped in it and carries none forward, so here it is no sample.
      if (v === null || v === STALE) return;
      const t = start + k * step;
      if (!isLog) signals.push({ signal: 'metric', name, dims, t, value: v });
      else if (key === 'values')
        signals.push({ signal: 'log', name, record: { ...dims, [s.field as string]: v }, t });
      else if (!Number.isInteger(v) || v < 0) {
        ctx.add('invalid-unit', at(key), MONITOR_MSG.countsWhole(v));
        ok = false;
      } else for (let r = 0; r < v; r++) signals.push({ signal: 'log', name, record: dims, t });
    });
  });
  return ok ? { signals, end } : null;
}

function readExpect(ctx: Context, e: Raw, path: PathSegment[]): AlertCase['expect'] {
  const firings = (e.firings as Raw[]).map((f, i) => {
    const firedAt = ctx.unit(parseDuration, [...path, 'firings', i, 'fired'], f.fired);
    const fired = firedAt ?? 0;
    const resolved =
      f.resolved === undefined
        ? null
        : ctx.unit(parseDuration, [...path, 'firings', i, 'resolved'], f.resolved);
    // Azure resolves at an evaluation after the one that fired (§7.1): never at or before it.
    if (firedAt !== null && resolved !== null && resolved <= firedAt)
      ctx.add(
        'out-of-range',
        [...path, 'firings', i, 'resolved'],
        MONITOR_MSG.resolvedBeforeFired(formatDuration(fired), formatDuration(resolved)),
      );
    return { fired, resolved, instance: (f.instance as Record<string, string> | undefined) ?? null };
  });
  return { firings, notifications: (e.notifications as ExpectedNotifications | undefined) ?? null };
}

// The cases schema's validator: ajv standalone code generated ahead of time (scenarios/validators.ts).
const casesValidator = () => validateAlertCases as unknown as ValidateFunction;
