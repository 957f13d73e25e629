// `vaultsim report FILE [--view jobs,usage] [--range 30d]` (issue 19): Azure's Backup Reports
// tabs for one run of a scenario, in the terminal (or --json): Summary, Backup Items, Usage,
// Jobs, Policies, Optimize, Policy adherence, over the last N completed days. A scenario
// without diagnostics: runs as with `diagnostics: {}`, and says so.
//
//   1. read      load and validate (bad input: its issues, exit 2); --view and --range checked
//   2. simulate  the selected run, the views computed over the range
//   3. write     each view's tables, or --json the views object

import { MS } from '../../engine/units.js';
import { REPORT_VIEWS, type ReportView } from '../../models/backup-reports/types.js';
import { simulate } from '../../models/simulate.js';
import { loadSubsystems } from '../../models/subsystems.js';
import type { ReportTable } from '../../reports/sections.js';
import { backupReportTables } from '../../reports/sections-backup-reports.js';
import { withDiagnostics } from '../../scenarios/normalise/diagnostics.js';
import { closest } from '../../scenarios/suggest.js';
import { formatDuration, parseDuration } from '../../scenarios/units.js';
import { EXIT, InputError } from '../errors.js';
import { loadRuns } from '../load-runs.js';
import { printable } from '../terminal-text.js';

/** Options of `vaultsim report`. */
export interface ReportOptions {
  /** Comma-separated views (default: all). */
  view?: string;
  /** Time range: the last N completed days, like 30d. */
  range?: string;
  variant?: string;
  seed?: number;
  /** Longest list per table. */
  top?: number;
  json?: boolean;
}

/** Where report prints and which directory relative paths start from. */
export interface ReportIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** The views `--view` names, checked (an unknown one is bad input with a suggestion). */
export function parseViews(text: string | undefined): ReportView[] {
  if (text === undefined) return [...REPORT_VIEWS];
  const names = text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const name of names)
    if (!(REPORT_VIEWS as readonly string[]).includes(name)) {
      const near = closest(name, REPORT_VIEWS);
      throw new InputError(
        `--view takes ${REPORT_VIEWS.join(', ')} (comma-separated), got "${name}".${near === null ? '' : ` Did you mean "${near}"?`}`,
      );
    }
  return REPORT_VIEWS.filter((v) => names.includes(v));
}

/** `--range 30d` as whole days. */
export function parseRange(text: string | undefined): number | null {
  if (text === undefined) return null;
  const r = parseDuration(text);
  if (!r.ok || r.value < MS.day || r.value % MS.day !== 0)
    throw new InputError(
      `--range takes whole days like 7d or 30d (the last N completed days), got "${text}".`,
    );
  return r.value / MS.day;
}

/** Runs `vaultsim report FILE`. */
export async function reportFile(file: string, opts: ReportOptions, io: ReportIo): Promise<{ code: number }> {
  // 1. read
  const views = parseViews(opts.view);
  const rangeDays = parseRange(opts.range);
  const runs = await loadRuns(file, io.cwd, [opts.variant ?? 'base'], io.stderr);
  if (runs === null) return { code: EXIT.badInput };
  const selected = runs[0];
  const s = withDiagnostics(selected);
  if (s !== selected)
    io.stderr.write(
      `vaultsim: ${file} has no diagnostics: section; reporting as with diagnostics: {} (every vault sends every table, ${formatDuration(s.diagnostics!.retention)} retention)\n`,
    );
  // 2. simulate (with the subsystems it uses: the logs, at least)
  await loadSubsystems([s]);
  const result = simulate(s, {
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    backupReports: {
      ...(rangeDays === null ? {} : { rangeDays }),
      ...(opts.top === undefined ? {} : { top: opts.top }),
    },
  });
  // 3. write
  if (opts.json === true) {
    const b = result.backupReports!;
    const picked = Object.fromEntries([['range', b.range], ...views.map((v) => [v, b[v]])]);
    io.stdout.write(`${JSON.stringify(picked, null, 2)}\n`);
  } else io.stdout.write(printable(renderTables(backupReportTables(result, views))));
  return { code: EXIT.ok };
}

// A table's header and rows, each column aligned as the table says, two spaces apart.
function grid(t: ReportTable): string[] {
  const head = t.columns.map((c) => c.label);
  const widths = head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => (t.columns[i]?.align === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}`.trimEnd();
  return [line(head), ...t.rows.map(line)];
}

/** Report tables as terminal text: a title, its note, the grid; a blank line between. */
export function renderTables(tables: readonly ReportTable[]): string {
  return tables
    .map((t) => {
      const lines = [t.title, ...(t.note === '' ? [] : [t.note])];
      if (t.rows.length === 0) lines.push('  (none)');
      else lines.push(...grid(t));
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}
