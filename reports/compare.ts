// Comparing a scenario's runs (base and variants) figure by figure. Every run of a
// replication uses the same seed (common random numbers), so a variant's difference from
// the base is measured per replication and paired: with N > 1 replications the mean
// difference comes with a Student-t 95% confidence interval over the N paired differences,
// which is far narrower than comparing two independent means would be. Below the figures,
// the cost split by vault, policy, region, meter and item (compare-cost.ts).

import { objectiveLabel, SEED_RULE, valuesOf } from './aggregate.js';
import { type ComparedCostDimension, compareCostBy, TOP_ITEMS } from './compare-cost.js';
import {
  AMOUNT_UNITS,
  COST_BY_PREFIX,
  compareFigureNames,
  type FigureUnit,
  formatFigure,
  formatFigureDelta,
  UNIT_DECIMALS,
} from './figures.js';
import { formatDelta, round } from './format.js';
import { renderGrid } from './grid.js';
import type { RunTable as PartRun } from './run-table.js';
import { scenarioFileName } from './scenario-file.js';
import { meanCi } from './stats.js';

/** The comparison's format version. */
export const COMPARISON_VERSION = 1;

/** A variant's paired difference from the base over the replications both have. */
export interface Delta {
  n: number;
  /** Mean of (variant − base). */
  mean: number;
  /** Mean difference relative to the base's mean (0.25 = +25%), or null when the base's mean is 0. */
  change: number | null;
  /** 95% CI of the mean difference (paired Student t), or null with fewer than two pairs. */
  ci95: [number, number] | null;
}

/** One run's value of a figure: its mean over the replications, and (variants) its delta. */
export interface ComparedValue {
  n: number;
  mean: number;
  delta: Delta | null;
}

/** One figure across the runs; entries align with Comparison.runs (null: the run lacks it). */
export interface ComparedFigure {
  name: string;
  unit: FigureUnit;
  runs: (ComparedValue | null)[];
}

/** What `vaultsim compare --json` prints. */
export interface Comparison {
  schemaVersion: typeof COMPARISON_VERSION;
  kind: 'vaultsim-compare';
  tool: { name: 'vaultsim'; version: string };
  scenario: { file: string; name: string; seed: number };
  replications: number;
  seeds: string;
  runs: { variant: string; currency: string }[];
  figures: ComparedFigure[];
  /** Per cost dimension, each key's cost over the run in every run and its delta (empty without cost.by figures). */
  costBy: ComparedCostDimension[];
  verdict: { pass: boolean; failing: string[] };
}

/** Compares runs whose value rows are aligned by replication (row k of every run used the same seed). */
export function compareRuns(
  runs: readonly PartRun[],
  meta: { version: string; file: string; name: string; seed: number; replications: number },
): Comparison {
  const units = new Map<string, FigureUnit>();
  for (const run of runs) for (const f of run.figures) if (!units.has(f.name)) units.set(f.name, f.unit);
  // The cost.by.* figures are compared per dimension (costBy), not listed with the others.
  const names = [...units.keys()].filter((n) => !n.startsWith(COST_BY_PREFIX)).sort(compareFigureNames);
  const columns = runs.map((run) => new Map(run.figures.map((f, j) => [f.name, j])));
  const figures = names.map((name): ComparedFigure => {
    const unit = units.get(name)!;
    // An amount a run or a replication lacks counts 0 there (AMOUNT_UNITS); others stay absent.
    const cols = runs.map((run, i) => {
      const j = columns[i].get(name);
      return j === undefined && !AMOUNT_UNITS.has(unit) ? null : valuesOf(run, j, unit);
    });
    return { name, unit, runs: cols.map((col, i) => compared(col, i === 0 ? null : cols[0], unit)) };
  });
  return {
    schemaVersion: COMPARISON_VERSION,
    kind: 'vaultsim-compare',
    tool: { name: 'vaultsim', version: meta.version },
    scenario: { file: scenarioFileName(meta.file), name: meta.name, seed: meta.seed },
    replications: meta.replications,
    seeds: meta.replications === 1 ? 'the scenario seed' : SEED_RULE,
    runs: runs.map((r) => ({ variant: r.variant, currency: r.currency })),
    figures,
    costBy: compareCostBy(runs, (col, base) => compared(col, base, 'money')!),
    verdict: verdict(runs),
  };
}

function compared(
  col: (number | null)[] | null,
  base: (number | null)[] | null,
  unit: FigureUnit,
): ComparedValue | null {
  if (col === null) return null;
  const present = col.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const d = UNIT_DECIMALS[unit];
  const mean = meanCi(present).mean;
  if (base === null) return { n: present.length, mean: round(mean, d), delta: null };
  const diffs: number[] = [];
  const baseValues: number[] = [];
  col.forEach((v, k) => {
    const b = base[k];
    if (v !== null && b !== null && b !== undefined) {
      diffs.push(v - b);
      baseValues.push(b);
    }
  });
  if (diffs.length === 0) return { n: present.length, mean: round(mean, d), delta: null };
  const dm = meanCi(diffs);
  const baseMean = meanCi(baseValues).mean;
  return {
    n: present.length,
    mean: round(mean, d),
    delta: {
      n: dm.n,
      mean: round(dm.mean, d),
      change: baseMean === 0 ? null : round(dm.mean / Math.abs(baseMean), 6),
      ci95: dm.ci95 === null ? null : [round(dm.ci95[0], d), round(dm.ci95[1], d)],
    },
  };
}

const PASS = /^objective\.([^.]+)\.(.+)\.pass$/;

// An objective fails the comparison when it failed in any replication of any run.
function verdict(runs: readonly PartRun[]): Comparison['verdict'] {
  const failing: string[] = [];
  for (const run of runs) {
    const index = new Map(run.figures.map((f, j) => [f.name, j]));
    run.figures.forEach((f, j) => {
      const m = PASS.exec(f.name);
      if (m === null) return;
      const values = run.values.map((row) => row[j]).filter((v): v is number => v !== null);
      const failed = values.filter((v) => v !== 1).length;
      if (failed === 0) return;
      const t = index.get(`objective.${m[1]}.${m[2]}.target`);
      const target = t === undefined ? 0 : (run.values.find((row) => row[t] !== null)?.[t] ?? 0);
      const label = objectiveLabel(m[1], m[2], target);
      failing.push(
        values.length === 1
          ? `${run.variant}: ${label} failed`
          : `${run.variant}: ${label} failed in ${failed} of ${values.length} replications`,
      );
    });
  }
  return { pass: failing.length === 0, failing };
}

/**
 * The comparison as a table: one row per figure that is not zero everywhere, the base's
 * value, then each variant's value with its change (one replication), or each variant's
 * mean and its paired difference "± half-width" of the 95% CI, starred when the interval
 * excludes zero (several replications). Then one such table per cost dimension.
 */
export function renderComparison(c: Comparison, format: 'text' | 'md' = 'text'): string {
  const paired = c.replications > 1;
  const seeds = paired ? `seeds ${c.seeds} (seed ${c.scenario.seed})` : `seed ${c.scenario.seed}`;
  const lines = [
    `${c.scenario.name}: ${c.runs.length} run${c.runs.length === 1 ? '' : 's'} × ${c.replications} replication${c.replications === 1 ? '' : 's'}, common random numbers, ${seeds}`,
    ...renderTable(c, 'figure', c.figures, format),
  ];
  for (const d of c.costBy) {
    const rows: ComparedFigure[] = d.rows.map((r) => ({ name: r.key, unit: 'money', runs: r.runs }));
    if (d.rest !== null)
      rows.push({ name: `(${d.rest.keys} more ${d.dimension}s)`, unit: 'money', runs: d.rest.runs });
    const table = renderTable(c, d.dimension, rows, format);
    if (table.length === 0) continue;
    const top = d.rest === null ? '' : `, top ${TOP_ITEMS} by |Δ|`;
    lines.push('', `Cost by ${d.dimension} over the run${top}`, ...table);
  }
  if (paired) lines.push('', '* the 95% confidence interval of the paired difference excludes zero');
  if (!c.verdict.pass) lines.push('', 'objectives not met:', ...c.verdict.failing.map((f) => `  ${f}`));
  return `${lines.join('\n')}\n`;
}

// The rows not zero everywhere as one table (md) or blocks of runs that fit MAX_WIDTH (text),
// each preceded by a blank line; nothing when every row is zero.
function renderTable(
  c: Comparison,
  label: string,
  figures: ComparedFigure[],
  format: 'text' | 'md',
): string[] {
  const paired = c.replications > 1;
  const currency = c.runs[0]?.currency ?? 'USD';
  const shown = figures.filter((f) =>
    f.runs.some((v) => v !== null && (v.mean !== 0 || (v.delta?.mean ?? 0) !== 0)),
  );
  if (shown.length === 0) return [];
  // Per run, its header and cells: one column (base, or one replication) or two (value, Δ).
  const columns = c.runs.map((r, i) => ({
    head: i > 0 && paired ? [r.variant, 'Δ vs base (95% CI)'] : [r.variant],
    cells: shown.map((f) => cells(f.runs[i], i, f.runs[0], f.unit, paired, currency)),
  }));
  const lines: string[] = [];
  for (const block of format === 'md' ? [columns.map((_, i) => i)] : blocks(columns, shown, label)) {
    const head = [label, ...block.flatMap((i) => columns[i].head)];
    const rows = shown.map((f, k) => [f.name, ...block.flatMap((i) => columns[i].cells[k])]);
    lines.push('', ...renderGrid(head, rows, format));
  }
  return lines;
}

/** Widest line a text comparison prints when its runs can be split into blocks. */
export const MAX_WIDTH = 100;

// Groups of run indices whose columns fit MAX_WIDTH beside the figure names (at least one each).
function blocks(
  columns: { head: string[]; cells: string[][] }[],
  shown: ComparedFigure[],
  head: string,
): number[][] {
  const label = Math.max(head.length, ...shown.map((f) => f.name.length));
  const width = (col: { head: string[]; cells: string[][] }) =>
    col.head.reduce((sum, h, j) => sum + 2 + Math.max(h.length, ...col.cells.map((row) => row[j].length)), 0);
  const out: number[][] = [];
  let used = Number.POSITIVE_INFINITY;
  columns.forEach((col, i) => {
    const w = width(col);
    if (used + w > MAX_WIDTH) {
      out.push([]);
      used = label;
    }
    out[out.length - 1].push(i);
    used += w;
  });
  return out;
}

function cells(
  v: ComparedValue | null,
  i: number,
  base: ComparedValue | null,
  unit: FigureUnit,
  paired: boolean,
  currency: string,
): string[] {
  const fmt = (x: number) => formatFigure(x, unit, currency);
  if (v === null) return i > 0 && paired ? ['—', '—'] : ['—'];
  if (i === 0) return [fmt(v.mean)];
  const d = v.delta;
  if (!paired) {
    if (d === null || base === null) return [fmt(v.mean)];
    const change =
      unit === 'pass' ? formatFigureDelta(d.mean, unit, currency) : formatDelta(v.mean, base.mean);
    return [`${fmt(v.mean)} (${change})`];
  }
  if (d === null) return [fmt(v.mean), '—'];
  if (d.ci95 === null) return [fmt(v.mean), formatFigureDelta(d.mean, unit, currency)];
  const half = (d.ci95[1] - d.ci95[0]) / 2;
  const significant = d.ci95[0] > 0 || d.ci95[1] < 0;
  return [
    fmt(v.mean),
    `${formatFigureDelta(d.mean, unit, currency)} ± ${fmt(half).replace(/^-/, '')}${significant ? ' *' : ''}`,
  ];
}
