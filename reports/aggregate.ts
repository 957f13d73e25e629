// A sweep's table of figure summaries → the aggregate a sweep (or a merge of its parts)
// prints: per run and figure, mean with its 95% confidence interval (Student t), standard
// deviation, min, p50, p95, p99, max; per objective, the pass rate with Wilson's 95%
// interval; and the verdict against a minimum pass rate. Every statistic is a function of
// the multiset of values (reports/figure-summary.ts), rounded to the figure's precision, so
// the object (and its JSON) is the same whatever the number of workers or shards.

import { FigureAccumulator, type Sample } from './figure-summary.js';
import { AMOUNT_UNITS, type FigureUnit, formatFigure, UNIT_DECIMALS } from './figures.js';
import { round } from './format.js';
import { renderGrid } from './grid.js';
import { formatTarget, objectiveLabel } from './objective-label.js';
import type { RunTable } from './run-table.js';
import { studentTQuantile, wilson } from './stats.js';
import type { PartRun, SweepIdentity, SweepTable } from './sweep-part.js';

export { formatTarget, objectiveLabel };

/** The aggregate's format version. */
export const AGGREGATE_VERSION = 1;

/** Statistics of one figure over the replications that have it (every replication, for an amount: see AMOUNT_UNITS). */
export interface FigureStats {
  name: string;
  unit: FigureUnit;
  /** Replications counted: all of them for an amount (absent counts 0), else those that have the figure. */
  n: number;
  mean: number;
  sd: number;
  /** 95% confidence interval of the mean (Student t, n − 1 degrees of freedom), clamped at 0 for an amount; null when n < 2. */
  ci95: [number, number] | null;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Present (true) when p50, p95 and p99 come from binned values: within 0.2% of the exact ones (docs/sweeps.md). */
  binned?: true;
}

/** How often one objective passed. */
export interface PassRate {
  metric: string;
  scope: string;
  targetSeconds: number;
  n: number;
  passed: number;
  /** passed / n, or null when no replication judged it (every one skipped: nothing to judge). */
  rate: number | null;
  /** Wilson score interval, 95% (null with the rate). */
  ci95: [number, number] | null;
  /** Replications that had nothing to judge (not counted in n). */
  skipped: number;
  /** The sentence a report shows, e.g. "RPO ≤ 1h (all) in 97.3% of 1,000 replications (95% CI 96.2–98.1%)". */
  text: string;
}

/** One run (base or variant) of a sweep. */
export interface AggregateRun {
  variant: string;
  currency: string;
  figures: FigureStats[];
  objectives: PassRate[];
}

/** The sweep aggregate: what `vaultsim sweep` and `vaultsim merge` print with --json. */
export interface SweepAggregate {
  schemaVersion: typeof AGGREGATE_VERSION;
  kind: 'vaultsim-sweep';
  tool: { name: 'vaultsim'; version: string };
  scenario: SweepIdentity;
  replications: number;
  /** How replication r's seed is derived. */
  seeds: string;
  runs: AggregateRun[];
  verdict: { minPassRate: number; pass: boolean; failing: string[] };
}

/** How replication seeds are derived, in words (the same sentence everywhere). */
export const SEED_RULE = "deriveSeed(seed, 'replication', r) for r = 0 … N−1";

/** Aggregates a sweep's table; an objective whose pass rate is below `minPassRate` fails the verdict. */
export function aggregate(table: SweepTable, minPassRate: number): SweepAggregate {
  const runs = table.runs.map((run) => aggregateRun(run, table.replications));
  const failing = runs.flatMap((run) =>
    run.objectives
      .filter((o) => o.rate !== null && o.rate < minPassRate)
      .map((o) => `${run.variant}: ${o.text}, below the minimum pass rate ${percent(minPassRate)}`),
  );
  return {
    schemaVersion: AGGREGATE_VERSION,
    kind: 'vaultsim-sweep',
    tool: table.tool,
    scenario: table.scenario,
    replications: table.replications,
    seeds: SEED_RULE,
    runs,
    verdict: { minPassRate, pass: failing.length === 0, failing },
  };
}

/**
 * Figure j's value in each of the run's replications, in order (j undefined: a figure the
 * run never had): where a replication lacks it, 0 for an amount (AMOUNT_UNITS), else null.
 */
export function valuesOf(run: RunTable, j: number | undefined, unit: FigureUnit): (number | null)[] {
  const absent = AMOUNT_UNITS.has(unit) ? 0 : null;
  return run.values.map((row) => (j === undefined ? absent : (row[j] ?? absent)));
}

/** The values of column j in the run's replications, in replication order: absent amounts as 0, other absent figures left out. */
export function column(run: RunTable, j: number): number[] {
  return valuesOf(run, j, run.figures[j].unit).filter((v): v is number => v !== null);
}

// A run's statistics from its summaries; `total` replications, an absent amount counting 0.
function aggregateRun(run: PartRun, total: number): AggregateRun {
  const figures: FigureStats[] = [];
  const accs = new Map<string, FigureAccumulator>();
  for (const summary of run.figures) {
    const acc = new FigureAccumulator(summary.name, summary.unit);
    acc.merge(summary);
    accs.set(summary.name, acc);
    const sample = acc.sample(AMOUNT_UNITS.has(summary.unit) ? total - acc.n : 0);
    if (sample !== null) figures.push(statsOf(summary.name, summary.unit, sample));
  }
  return { variant: run.variant, currency: run.currency, figures, objectives: objectiveRates(accs) };
}

/** Statistics of one figure's values (non-empty, in replication order). */
export function figureStats(name: string, unit: FigureUnit, values: readonly number[]): FigureStats {
  const acc = new FigureAccumulator(name, unit);
  for (const [r, v] of values.entries()) acc.add(r, v);
  return statsOf(name, unit, acc.sample()!);
}

// A sample's statistics, rounded to the unit's precision.
function statsOf(name: string, unit: FigureUnit, s: Sample): FigureStats {
  const d = UNIT_DECIMALS[unit];
  const half = s.n < 2 ? null : (studentTQuantile(0.975, s.n - 1) * s.sd) / Math.sqrt(s.n);
  // An amount is never negative, and neither is its interval (docs/sweeps.md).
  const floor = (x: number) => (AMOUNT_UNITS.has(unit) ? Math.max(0, x) : x);
  // A pass figure (1 or 0 per replication) is a proportion: Wilson's interval, as the pass rate
  // has, which stays inside [0, 1] where the t interval of 9 passes in 10 reaches 112.6%.
  const interval = (): [number, number] =>
    unit === 'pass'
      ? (wilson(Math.round(s.mean * s.n), s.n).map((x) => round(x, d)) as [number, number])
      : [round(floor(s.mean - half!), d), round(floor(s.mean + half!), d)];
  return {
    name,
    unit,
    n: s.n,
    mean: round(s.mean, d),
    sd: round(s.sd, d),
    ci95: half === null ? null : interval(),
    min: s.min,
    p50: round(s.quantile(0.5), d),
    p95: round(s.quantile(0.95), d),
    p99: round(s.quantile(0.99), d),
    max: s.max,
    ...(s.binned ? { binned: true as const } : {}),
  };
}

const TARGET = /^objective\.([^.]+)\.(.+)\.target$/;

/**
 * Pass rates of a run's objectives (compare: from its table), from its
 * objective.<metric>.<scope>.pass figures, over the replications that judged them; an
 * objective no replication judged is reported as skipped.
 */
export function passRates(run: RunTable): PassRate[] {
  const accs = new Map<string, FigureAccumulator>();
  run.figures.forEach((f, j) => {
    const acc = new FigureAccumulator(f.name, f.unit);
    run.values.forEach((row, r) => {
      const v = row[j];
      if (v !== null) acc.add(r, v);
    });
    accs.set(f.name, acc);
  });
  return objectiveRates(accs);
}

// Pass rates from figure accumulators, in figure order.
function objectiveRates(accs: ReadonlyMap<string, FigureAccumulator>): PassRate[] {
  const out: PassRate[] = [];
  for (const name of accs.keys()) {
    const m = TARGET.exec(name);
    if (m === null) continue;
    const [, metric, scope] = m;
    const pass = accs.get(`objective.${metric}.${scope}.pass`);
    const skipped = accs.get(`objective.${metric}.${scope}.skipped`)?.countOf(1) ?? 0;
    const targetSeconds = accs.get(name)!.firstValue()?.[1] ?? 0;
    const n = pass?.n ?? 0;
    if (n === 0) {
      out.push({
        metric,
        scope,
        targetSeconds,
        n,
        passed: 0,
        rate: null,
        ci95: null,
        skipped,
        text: `${objectiveLabel(metric, scope, targetSeconds)}: SKIP in all ${skipped} replication${skipped === 1 ? '' : 's'} (nothing to judge)`,
      });
      continue;
    }
    const passed = pass!.countOf(1);
    const [lo, hi] = wilson(passed, n);
    const rate = round(passed / n, 4);
    out.push({
      metric,
      scope,
      targetSeconds,
      n,
      passed,
      rate,
      ci95: [round(lo, 4), round(hi, 4)],
      skipped,
      text: `${objectiveLabel(metric, scope, targetSeconds)} in ${percent(passed / n)} of ${n} replication${n === 1 ? '' : 's'} (95% CI ${percent(lo, false)}–${percent(hi)})${skipped > 0 ? `; skipped in ${skipped}` : ''}`,
    });
  }
  return out;
}

const percent = (x: number, sign = true) => `${round(x * 100, 1).toFixed(1)}${sign ? '%' : ''}`;

/** The aggregate as a plain-text (or Markdown) report: one table per run, then its pass rates. */
export function renderAggregate(a: SweepAggregate, format: 'text' | 'md' = 'text'): string {
  const lines = [
    `${a.scenario.name}: ${a.replications} replication${a.replications === 1 ? '' : 's'}, seeds ${a.seeds} (seed ${a.scenario.seed}), scenario ${a.scenario.hash.slice(0, 12)}`,
  ];
  for (const run of a.runs) {
    const fmt = (v: number, unit: FigureUnit) => formatFigure(v, unit, run.currency);
    lines.push('', format === 'md' ? `### ${run.variant}` : run.variant, '');
    const rows = run.figures
      .filter((f) => !(f.min === 0 && f.max === 0))
      .map((f) => [
        f.name,
        fmt(f.mean, f.unit),
        f.ci95 === null ? '—' : `${fmt(f.ci95[0], f.unit)} – ${fmt(f.ci95[1], f.unit)}`,
        fmt(f.p50, f.unit),
        fmt(f.p95, f.unit),
        fmt(f.p99, f.unit),
      ]);
    lines.push(...renderGrid(['figure', 'mean', '95% CI of mean', 'p50', 'p95', 'p99'], rows, format));
    if (run.objectives.length > 0) {
      lines.push('', 'Objectives');
      for (const o of run.objectives) lines.push(`${format === 'md' ? '-' : ' '} ${o.text}`);
    }
  }
  lines.push('');
  const objectives = a.runs.flatMap((r) => r.objectives);
  // An objective skipped in every replication judged nothing: the verdict must not count it as passed.
  const neverJudged = objectives.filter((o) => o.rate === null).length;
  const skippedNote =
    neverJudged === 0 ? '' : `; ${neverJudged} skipped in every replication (nothing to judge)`;
  if (objectives.length === 0) lines.push('verdict: pass (no objectives set)');
  else if (!a.verdict.pass) lines.push('verdict: FAIL', ...a.verdict.failing.map((f) => `  ${f}`));
  else if (neverJudged === objectives.length)
    lines.push(
      `verdict: pass (no objective judged anything: all ${neverJudged} skipped in every replication)`,
    );
  else
    lines.push(
      `verdict: pass (every judged objective passed in at least ${percent(a.verdict.minPassRate)} of replications${skippedNote})`,
    );
  return `${lines.join('\n')}\n`;
}
