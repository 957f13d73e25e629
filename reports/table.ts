// The terminal summary: one column per run (base first), one row per figure, each
// variant's numbers followed by their change against the base. Plain text, at most
// MAX_WIDTH columns: when the runs do not fit side by side, they continue in blocks below.

import type { PointCounts, TierBytes } from '../models/results/types.js';
import { diskFullLines } from './disk-full.js';
import {
  formatBytes,
  formatCount,
  formatDelta,
  formatMoney,
  formatSeconds,
  METER_LABELS,
  METER_ORDER,
  round,
} from './format.js';
import type { Summary, SummaryRun } from './summary.js';
import { alertLines } from './table-alerts.js';
import { drLines } from './table-dr.js';
import { operationLines } from './table-operations.js';
import { restoreLines } from './table-restores.js';
import { workloadLines } from './table-workloads.js';

/** Widest line the table prints. */
export const MAX_WIDTH = 100;

/** A labelled table row with one cell per run. */
export type Cells = { label: string; cells: string[] };
/** A table row: labelled cells, or a section title (no cells). */
export type Row = { title: string } | Cells;

/** Renders a summary as the plain-text table `vaultsim run` prints. */
export function renderTable(summary: Summary): string {
  const runs = summary.runs;
  if (runs.length === 0) return `${summary.scenario.name}: no runs\n`;
  const rows = [
    ...pointRows(runs),
    ...byteRows(runs),
    ...costRows(runs),
    ...jobRows(runs),
    ...transferRows(runs),
    ...exposureRows(runs),
    ...runRows(runs),
  ];
  const base = runs[0];
  const head = `${summary.scenario.name}: ${base.days} days from ${base.start}, ${runs.length} run${runs.length === 1 ? '' : 's'}`;
  const notes = runs.some((r) => transferGroups(r).length > 1)
    ? ['* several policies transferred: p50 and p95 are the highest policy figure, max the overall max']
    : [];
  const body = [
    ...layout(runs, rows),
    ...notes,
    ...diskFullLines(runs),
    ...drLines(runs),
    ...alertLines(runs),
    ...operationLines(runs),
    ...restoreLines(runs),
    ...workloadLines(runs),
  ];
  return `${[head, '', ...body].join('\n')}\n`;
}

/** A numeric row: the base's value as is, every other run's followed by "(delta)" against the base. */
export function numeric<R>(
  label: string,
  runs: readonly R[],
  get: (r: R) => number,
  fmt: (n: number) => string,
): Cells {
  const base = get(runs[0]);
  return {
    label,
    cells: runs.map((r, i) => {
      const v = get(r);
      return i === 0 ? fmt(v) : `${fmt(v)} (${formatDelta(v, base)})`;
    }),
  };
}

const POINT_ROWS: [keyof PointCounts, string][] = [
  ['snapshot', 'snapshot'],
  ['vault', 'vault'],
  ['archive', 'archive'],
  ['daily', 'daily'],
  ['weekly', 'weekly'],
  ['monthly', 'monthly'],
  ['yearly', 'yearly'],
];

// Run-level recovery points are the sum over the runs' policies.
function sumPoints(r: SummaryRun, which: 'end' | 'peak', key: keyof PointCounts): number {
  return r.jobs.reduce((s, j) => s + j.points[which][key], 0);
}

// On-demand points (kept by their own retention, not a GFS tier) only where a run has any: the
// vault row counts them, so without this row the tiers would not add up to it.
function pointRows(runs: SummaryRun[]): Row[] {
  return (['end', 'peak'] as const).flatMap((which) => {
    const onDemand = runs.some((r) => sumPoints(r, which, 'onDemand') > 0);
    const rows: [keyof PointCounts, string][] = onDemand
      ? [...POINT_ROWS, ['onDemand', 'on-demand']]
      : POINT_ROWS;
    return [
      { title: `Recovery points (${which})` },
      ...rows.map(([key, label]) =>
        numeric(`  ${label}`, runs, (r) => sumPoints(r, which, key), formatCount),
      ),
    ];
  });
}

const TIER_ROWS: [keyof TierBytes, string][] = [
  ['snapshot', 'snapshot'],
  ['standard', 'vault-standard'],
  ['archive', 'vault-archive'],
  ['softDeleted', 'soft-deleted'],
];

function byteRows(runs: SummaryRun[]): Row[] {
  return (['end', 'peak'] as const).flatMap((which) => [
    { title: `Stored (${which})` },
    ...TIER_ROWS.map(([key, label]) =>
      numeric(`  ${label}`, runs, (r) => r.storage[which][key], formatBytes),
    ),
  ]);
}

function costRows(runs: SummaryRun[]): Row[] {
  const money = (n: number) => formatMoney(n, runs[0].cost.currency);
  const perMonth = (r: SummaryRun, amount: number) =>
    r.cost.monthsCovered > 0 ? round(amount / r.cost.monthsCovered, 2) : 0;
  // A meter no run used is noise; the total still includes everything.
  const used = METER_ORDER.filter((m) => runs.some((r) => r.cost.totals[m].amount !== 0));
  return [
    { title: `Cost (${runs[0].cost.currency}), average per month` },
    ...used.map((m) =>
      numeric(`  ${METER_LABELS[m]}`, runs, (r) => perMonth(r, r.cost.totals[m].amount), money),
    ),
    numeric('  total per month', runs, (r) => r.cost.averagePerMonth, money),
    numeric('  total per year (run rate)', runs, (r) => r.cost.yearlyRunRate, money),
    numeric('  total over the run', runs, (r) => r.cost.total, money),
  ];
}

function jobRows(runs: SummaryRun[]): Row[] {
  const sum = (r: SummaryRun, get: (j: SummaryRun['jobs'][number]) => number) =>
    r.jobs.reduce((s, j) => s + get(j), 0);
  const causes = [...new Set(runs.flatMap((r) => r.jobs.flatMap((j) => Object.keys(j.failedByCause))))].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  // Only workloads (SQL, file shares, MABS/DPM) have jobs: theirs are in the Workloads table.
  if (runs.every((r) => r.jobs.length === 0)) return [];
  return [
    { title: 'Backup jobs' },
    numeric('  succeeded', runs, (r) => sum(r, (j) => j.succeeded), formatCount),
    numeric('  failed', runs, (r) => sum(r, (j) => j.failed), formatCount),
    ...causes.map((c) =>
      numeric(`    ${c}`, runs, (r) => sum(r, (j) => j.failedByCause[c] ?? 0), formatCount),
    ),
  ];
}

// Policies that finished at least one vault transfer in a run.
const transferGroups = (r: SummaryRun) => r.jobs.filter((j) => j.transferSeconds.count > 0);

// Percentiles of several policies cannot be merged from their summaries: show the highest,
// marked with *, and say so under the table.
function transferRows(runs: SummaryRun[]): Row[] {
  const stat = (key: 'p50' | 'p95' | 'max') => (r: SummaryRun) =>
    transferGroups(r).reduce((m, j) => Math.max(m, j.transferSeconds[key]), 0);
  const row = (key: 'p50' | 'p95' | 'max'): Cells => {
    const r = numeric(`  ${key}`, runs, stat(key), formatSeconds);
    if (key === 'max') return r;
    return {
      label: r.label,
      cells: r.cells.map((c, i) => (transferGroups(runs[i]).length > 1 ? `*${c}` : c)),
    };
  };
  if (runs.every((r) => transferGroups(r).length === 0)) return [];
  return [{ title: 'Vault transfer duration' }, row('p50'), row('p95'), row('max')];
}

// The worst gap between consecutive recovery points over the run's policies: the RPO the
// schedule really gives, failed days included.
function exposureRows(runs: SummaryRun[]): Row[] {
  const worst = (key: 'p50' | 'p95' | 'max') => (r: SummaryRun) =>
    r.jobs.reduce((m, j) => Math.max(m, j.rpoExposureSeconds[key]), 0);
  if (!runs.some((r) => r.jobs.some((j) => j.rpoExposureSeconds.count > 0))) return [];
  return [
    { title: 'RPO exposure (gap between points)' },
    numeric('  p50', runs, worst('p50'), formatSeconds),
    numeric('  p95', runs, worst('p95'), formatSeconds),
    numeric('  max', runs, worst('max'), formatSeconds),
  ];
}

function runRows(runs: SummaryRun[]): Row[] {
  return [
    { title: 'Run' },
    { label: '  seed', cells: runs.map((r) => String(r.seed)) },
    numeric('  events processed', runs, (r) => r.eventsProcessed, formatCount),
    { label: '  fingerprint', cells: runs.map((r) => r.fingerprint) },
  ];
}

/**
 * Lays rows out: the label column, then as many run columns as fit in MAX_WIDTH; the rest
 * continue in further blocks, each repeating the labels. Cells are right-aligned.
 */
export function layout(runs: readonly { variant: string }[], rows: readonly Row[]): string[] {
  // Titles have no cells, so they may run into the run columns.
  const labelWidth = Math.max(...rows.map((r) => ('label' in r ? r.label.length : 0))) + 2;
  const widths = runs.map((run, i) =>
    Math.max(run.variant.length, ...rows.map((r) => ('cells' in r ? r.cells[i].length : 0))),
  );
  const blocks: number[][] = [];
  let used = MAX_WIDTH;
  for (let i = 0; i < runs.length; i++) {
    if (used + 2 + widths[i] > MAX_WIDTH) {
      blocks.push([]);
      used = labelWidth - 2;
    }
    blocks[blocks.length - 1].push(i);
    used += 2 + widths[i];
  }
  const lines: string[] = [];
  for (const cols of blocks) {
    if (lines.length > 0) lines.push('');
    const line = (label: string, cells: (i: number) => string) =>
      (
        label.padEnd(labelWidth - 2) + cols.map((i) => `  ${cells(i).padStart(widths[i])}`).join('')
      ).trimEnd();
    lines.push(line('', (i) => runs[i].variant));
    for (const r of rows) lines.push('title' in r ? r.title : line(r.label, (i) => r.cells[i]));
  }
  return lines;
}
