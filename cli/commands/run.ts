// `vaultsim run FILE`: load the scenario, simulate the base and every variant, print the
// summary table (or, with --json, the summary object), then write the output files.
//
//   1. read      load and validate; bad input prints its issues and exits 2; refuse a run
//                beyond the work budget (cli/budget.ts) or an --out that cannot be written
//                or holds files no earlier run wrote (cli/out-folder.ts), before simulating
//   2. simulate  each selected run; with --trace, events go to events.jsonl as they come
//   3. plan      summary object, table text, CSV text (pure, reports/)
//   4. write     stdout (with --cost-by, the cost table after the summary), then summary.json,
//                timeseries.csv and costs.csv (FOCUS) into --out, and the --format reports
//                (report.html, report.md, one SVG or PNG per chart): each under a temporary
//                name, all renamed into place together with the folder's manifest, so an
//                interrupted or failed run leaves no partial file under a final name

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TraceRecord } from '../../models/backup/world.js';
import type { CostSplit } from '../../models/pricing/types.js';
import type { Scenario } from '../../models/scenario/types.js';
import { hasWorkloads } from '../../models/scenario/workloads.js';
import { simulate } from '../../models/simulate.js';
import { hasRestores, loadSubsystems, needsDr } from '../../models/subsystems.js';
import { alertsCsv } from '../../reports/alerts-csv.js';
import { timeseriesCsv } from '../../reports/csv.js';
import { costsCsv } from '../../reports/focus-csv.js';
import { formatCount } from '../../reports/format.js';
import { junitXml } from '../../reports/junit.js';
import { restoresCsv } from '../../reports/restores-csv.js';
import { buildSummary, type Summary } from '../../reports/summary.js';
import { renderTable } from '../../reports/table.js';
import { renderCostTable } from '../../reports/table-cost.js';
import { failedObjectives, objectiveSuites } from '../../reports/verdicts.js';
import { hasWorkloadRows, workloadsCsv } from '../../reports/workloads-csv.js';
import { checkBudget, processBudget } from '../budget.js';
import { EXIT, InputError } from '../errors.js';
import { loadRuns } from '../load-runs.js';
import { LineWriter, LogFiles, plannedLogFiles } from '../log-files.js';
import { OutputFolder, removedNote } from '../out-folder.js';
import { checkWritable, writeOutput } from '../output.js';
import { createProgress } from '../progress.js';
import { type ReportFormat, writeReports } from '../report-files.js';
import { printable } from '../terminal-text.js';
import { estimateWork } from '../work-estimate.js';

/** The options of `vaultsim run`, as commander parses them. */
export interface RunOptions {
  seed?: number;
  /** Output directory, or false for --no-out. */
  out: string | false;
  json?: boolean;
  trace?: boolean;
  variant?: string[];
  /** Write a JUnit XML file here: one test case per objective per scope of every run. */
  junit?: string;
  /** --format: report files to write into --out as well (report.html, report.md, <chart>.svg/png). */
  format?: ReportFormat[];
  /** --quiet: no progress bar. */
  quiet?: boolean;
  /** --cost-by: also print the cost split by this dimension, and stack the HTML cost chart by it. */
  costBy?: CostSplit;
  /** --strict: a warning (issue 15) is bad input, exit 2, nothing simulated. */
  strict?: boolean;
  /** --force: replace files in --out that no earlier vaultsim run wrote. */
  force?: boolean;
  /** --max-work: the work budget (estimated events), or 'off'. */
  maxWork?: number | 'off';
}

/** Where run prints and which directory relative paths start from. */
export interface RunIo {
  stdout: { write(text: string): unknown };
  /** isTTY: a progress bar is drawn on a terminal only. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
}

/** What a run did: its exit code and the summary it printed (null when the input was bad). */
export interface RunOutcome {
  code: number;
  summary: Summary | null;
}

/** Runs `vaultsim run FILE` with `version` recorded in the summary; throws InputError for bad options. */
export async function runScenarioFile(
  file: string,
  opts: RunOptions,
  io: RunIo,
  version: string,
): Promise<RunOutcome> {
  // 1. read
  // Errors and warnings print to stderr.
  const scenarios = await loadRuns(file, io.cwd, opts.variant, io.stderr, {
    warnings: true,
    strict: opts.strict === true,
  });
  if (scenarios === null) return { code: EXIT.badInput, summary: null };
  if (opts.trace === true && opts.out === false)
    throw new InputError('--trace writes events.jsonl into the output directory; drop --no-out or --trace.');
  const formats = opts.format ?? [];
  if (formats.length > 0 && opts.out === false)
    throw new InputError(
      '--format writes report files into the output directory; drop --no-out or --format.',
    );
  if (
    formats.includes('logs') &&
    scenarios.every((s) => s.diagnostics === undefined || s.diagnostics === null)
  )
    throw new InputError(
      `--format logs writes the Log Analytics tables a scenario's diagnostics: section sends, and ${file} has none; add diagnostics: {} (every vault, every table).`,
    );
  checkBudget(estimateWork(scenarios), processBudget(opts.maxWork), 'this run');
  const out =
    opts.out === false
      ? null
      : OutputFolder.open(opts.out, io.cwd, { force: opts.force === true, command: 'run', version });
  try {
    out?.expect(plannedFiles(scenarios, opts.trace === true, formats));
    if (opts.junit !== undefined) checkWritable(io.cwd, '--junit', opts.junit);
    // The scenario is recorded by file name and content hash, so runs from any folder agree.
    const text = readFileSync(resolve(io.cwd, file));
    const hash = `sha256:${createHash('sha256').update(text).digest('hex')}`;
    // Only the subsystems these runs use are imported (issue 16).
    await loadSubsystems(scenarios);
    return await simulateAndWrite(file, scenarios, opts, io, { version, hash }, out);
  } finally {
    // Whatever failed before the commit, no temporary file of this run stays behind.
    out?.discard();
  }
}

// The files a run will write into --out, as far as they are known before simulating (the
// chart names come with the results, and are checked again when the run commits).
function plannedFiles(scenarios: Scenario[], trace: boolean, formats: readonly ReportFormat[]): string[] {
  return [
    'summary.json',
    'timeseries.csv',
    'costs.csv',
    ...(scenarios.some((s) => s.monitor !== null) ? ['alerts.csv'] : []),
    // issue 17: SQL databases, file shares, MABS/DPM servers.
    ...(scenarios.some((s) => hasWorkloads(s.workloads)) ? ['workloads.csv'] : []),
    // issue 18: the restore jobs log, when anything may restore.
    ...(scenarios.some(mayRestore) ? ['restores.csv'] : []),
    ...(trace ? ['events.jsonl'] : []),
    ...(formats.includes('html') ? ['report.html'] : []),
    ...(formats.includes('md') ? ['report.md'] : []),
    // issue 19: the diagnostic tables, as JSON Lines and CSV.
    ...(formats.includes('logs') ? plannedLogFiles(scenarios) : []),
  ];
}

// Steps 2–4 of runScenarioFile, into `out` (null: --no-out).
async function simulateAndWrite(
  file: string,
  scenarios: Scenario[],
  opts: RunOptions,
  io: RunIo,
  { version, hash }: { version: string; hash: string },
  out: OutputFolder | null,
): Promise<RunOutcome> {
  const formats = opts.format ?? [];
  // 2. simulate
  const trace = opts.trace === true && out !== null ? new LineWriter(out.file('events.jsonl')) : null;
  // issue 19: each run's diagnostic tables stream into their files as the run pushes rows.
  const logNotes: string[] = [];
  const logFiles = (s: Scenario) =>
    formats.includes('logs') && out !== null ? new LogFiles(s, (n) => out.file(n)) : null;
  let results: ReturnType<typeof simulate>[];
  const progress = createProgress(io.stderr, { quiet: opts.quiet === true, label: scenarios[0].name });
  try {
    results = scenarios.map((s, i) => {
      const logs = logFiles(s);
      const result = simulate(s, {
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
        onProgress: (f: number) => progress.update((i + f) / scenarios.length),
        ...(trace === null
          ? {}
          : { trace: (record: TraceRecord) => trace.line(traceLine(s.variant, record)) }),
        ...(logs === null ? {} : { logs: logs.sink }),
      });
      if (logs !== null && out !== null) logNotes.push(...logFileNotes(out.shown, s, logs.close()));
      return result;
    });
  } finally {
    progress.stop();
    trace?.close();
  }

  // 3. plan
  const summary = buildSummary(results, { file, version, hash });
  const summaryJson = `${JSON.stringify(summary, null, 2)}\n`;

  // 4. write
  const costTable = opts.costBy === undefined ? '' : `\n${renderCostTable(results, opts.costBy)}`;
  io.stdout.write(opts.json === true ? summaryJson : printable(`${renderTable(summary)}${costTable}`));
  if (out !== null) {
    const files: [string, string][] = [
      ['summary.json', summaryJson],
      ['timeseries.csv', timeseriesCsv(results)],
      // issue 13: every cost line in the FinOps FOCUS shape.
      ['costs.csv', costsCsv(results)],
      // monitor (issue 6): the alert timeline, when the scenario has a monitor section.
      ...(results.some((r) => r.alerts !== null)
        ? [['alerts.csv', alertsCsv(results)] as [string, string]]
        : []),
      // issue 17: SQL databases, file shares, MABS/DPM points and bytes by type per day.
      ...(hasWorkloadRows(results) ? [['workloads.csv', workloadsCsv(results)] as [string, string]] : []),
      // issue 18: every restore job (users', drills', disaster recovery's).
      ...(scenarios.some(mayRestore) ? [['restores.csv', restoresCsv(results)] as [string, string]] : []),
    ];
    // Said once every file is in place: until then they are under temporary names.
    const notes: string[] = [];
    for (const [name, text] of files) {
      out.write(name, text);
      notes.push(`wrote ${join(out.shown, name)}\n`);
    }
    if (trace !== null)
      notes.push(`wrote ${join(out.shown, 'events.jsonl')} (${formatCount(trace.count)} events)\n`);
    notes.push(...logNotes);
    await writeReports(
      results,
      formats.filter((f) => f !== 'logs'),
      out,
      { file, version, hash },
      { write: (t: string) => notes.push(t) },
      {
        costBy: opts.costBy,
      },
    );
    const removed = out.commit();
    for (const note of [...notes, ...removedNote(out.shown, removed)]) io.stderr.write(note);
  }
  if (opts.junit !== undefined)
    writeOutput(io.cwd, '--junit', opts.junit, junitXml(objectiveSuites(results)), io.stderr);
  // An objective not met is exit 1 (cli/errors.ts), with its evidence on stderr.
  const failed = failedObjectives(results);
  for (const line of failed) io.stderr.write(`vaultsim: objective not met: ${line}\n`);
  return { code: failed.length > 0 ? EXIT.objectiveFailed : EXIT.ok, summary };
}

// issue 19: one line per run naming its log files and their rows.
function logFileNotes(shown: string, s: Scenario, tables: { table: string; rows: number }[]): string[] {
  if (tables.length === 0) return [];
  const rows = tables.map((t) => `${t.table} ${formatCount(t.rows)}`).join(', ');
  return [
    `wrote ${tables.length * 2} log files (JSON Lines and CSV) into ${shown}${s.variant === 'base' ? '' : ` for ${s.variant}`}: ${rows} rows\n`,
  ];
}

// One events.jsonl line; key order is fixed (variant, t, kind, subject, detail).
function traceLine(variant: string, r: TraceRecord): string {
  const line = {
    variant,
    t: r.t,
    kind: r.kind,
    subject: r.subject,
    ...(r.detail === undefined ? {} : { detail: r.detail }),
  };
  return `${JSON.stringify(line)}\n`;
}

// Whether a scenario may run restores: users' restores and drills, or disaster recovery's (issue 18).
function mayRestore(s: Scenario): boolean {
  return hasRestores(s) || needsDr(s);
}
