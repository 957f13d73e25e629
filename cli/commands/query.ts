// `vaultsim query FILE 'KQL'` (issue 19): run a KQL query over a run's Log Analytics tables
// and print the answer as a table (or --json, --csv). FILE is a scenario (its base run, or
// --variant NAME, is simulated and the query's table streamed through the query as the run
// pushes rows: nothing else is kept) or a folder written by `run --format logs` (its
// `<Table>.jsonl` is read). now() and ago() read the end of the run (a folder: its latest
// TimeGenerated). A scenario without diagnostics: runs as with `diagnostics: {}`.
//
//   1. read      the scenario or the folder; the query, checked against the tables
//                (problems print as query:line:column with the offset, exit 2)
//   2. run       stream the table's rows through the query
//   3. write     the table, --json (an array of objects) or --csv

import { createReadStream, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type Plan, prepareQuery, type QueryResult } from '../../models/kql/index.js';
import type { KqlProblem } from '../../models/kql/problems.js';
import { formatValue, jsonValue, type Row } from '../../models/kql/values.js';
import { TABLE_SCHEMA, TABLES } from '../../models/logs/tables.js';
import type { Scenario } from '../../models/scenario/types.js';
import { simulate } from '../../models/simulate.js';
import { loadSubsystems } from '../../models/subsystems.js';
import { csvField } from '../../reports/csv.js';
import { formatCount } from '../../reports/format.js';
import { renderGrid } from '../../reports/grid.js';
import { kqlMessage } from '../../scenarios/messages-kql.js';
import { withDiagnostics } from '../../scenarios/normalise/diagnostics.js';
import { EXIT, InputError } from '../errors.js';
import { loadRuns } from '../load-runs.js';
import { logFileNames } from '../log-files.js';

/** Options of `vaultsim query`. */
export interface QueryOptions {
  variant?: string;
  seed?: number;
  json?: boolean;
  csv?: boolean;
}

/** Where query prints and which directory paths start from. */
export interface QueryIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** Runs `vaultsim query FILE QUERY`; returns the exit code and the answer (null on bad input). */
export async function queryFile(
  file: string,
  text: string,
  opts: QueryOptions,
  io: QueryIo,
): Promise<{ code: number; result: QueryResult | null }> {
  // 1. read
  const abs = resolve(io.cwd, file);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    // Not there: the loader says so as an issue.
  }
  const source = isDir ? null : await loadScenario(file, opts, io);
  if (!isDir && source === null) return { code: EXIT.badInput, result: null };
  const now = source === null ? Number.NaN : source.start + source.duration;
  const { plan, problems } = prepareQuery(text, TABLE_SCHEMA, now);
  if (plan === null) {
    for (const line of queryProblems(text, problems)) io.stderr.write(`${line}\n`);
    return { code: EXIT.badInput, result: null };
  }
  // 2. run
  const result =
    source === null ? await runOnFolder(abs, file, text, opts) : runOnScenario(source, plan, opts);
  // 3. write
  io.stdout.write(
    opts.json === true ? jsonText(result) : opts.csv === true ? csvText(result) : tableText(result),
  );
  if (result.truncated)
    io.stderr.write(
      `vaultsim: the answer was cut at ${formatCount(result.rows.length)} rows (Kusto's default limit)\n`,
    );
  return { code: EXIT.ok, result };
}

/** Each problem as `query:line:column: message`, line and column inside the query text. */
export function queryProblems(text: string, problems: readonly KqlProblem[]): string[] {
  return [...problems]
    .sort((a, b) => a.at - b.at)
    .map((p) => {
      const before = text.slice(0, p.at);
      const line = before.split('\n').length;
      const column = p.at - (before.lastIndexOf('\n') + 1) + 1;
      return `query:${line}:${column}: ${kqlMessage(p, 'query')} (query offset ${p.at})`;
    });
}

// The selected run of the scenario, with default diagnostics when it has none, and the
// subsystems it uses loaded.
async function loadScenario(file: string, opts: QueryOptions, io: QueryIo): Promise<Scenario | null> {
  const runs = await loadRuns(file, io.cwd, [opts.variant ?? 'base'], io.stderr);
  if (runs === null) return null;
  const scenario = withDiagnostics(runs[0]);
  await loadSubsystems([scenario]);
  return scenario;
}

function runOnScenario(s: Scenario, plan: Plan, opts: QueryOptions): QueryResult {
  const run = plan.start();
  simulate(s, {
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    logs: (table, row) => {
      if (table === plan.table) run.push(row);
    },
  });
  return run.finish();
}

// A folder of `run --format logs`: the table's JSON Lines, instants back to numbers, streamed
// (twice when the query reads the clock: now() is the latest TimeGenerated in the file).
async function runOnFolder(
  abs: string,
  shown: string,
  text: string,
  opts: QueryOptions,
): Promise<QueryResult> {
  const first = prepareQuery(text, TABLE_SCHEMA, 0).plan!;
  const [name] = logFileNames(first.table, opts.variant ?? 'base');
  const path = join(abs, name);
  try {
    statSync(path);
  } catch {
    throw new InputError(
      `${shown} has no ${name}: write it with vaultsim run --format logs (its diagnostics must send ${first.table}).`,
    );
  }
  const datetimes = TABLES.get(first.table)!
    .columns.filter((c) => c.type === 'datetime')
    .map((c) => c.name);
  const each = async (f: (row: Row) => void) => {
    for await (const line of createInterface({
      input: createReadStream(path, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as Row;
      for (const c of datetimes) if (typeof row[c] === 'string') row[c] = Date.parse(row[c] as string);
      f(row);
    }
  };
  let plan = first;
  if (first.clockReadAt !== null) {
    let latest = Number.NEGATIVE_INFINITY;
    await each((row) => {
      if (typeof row.TimeGenerated === 'number') latest = Math.max(latest, row.TimeGenerated);
    });
    plan = prepareQuery(text, TABLE_SCHEMA, latest).plan!;
  }
  const run = plan.start();
  await each((row) => run.push(row));
  return run.finish();
}

function tableText(r: QueryResult): string {
  const head = r.columns.map((c) => c.name);
  const rows = r.rows.map((row) => row.map((v, i) => formatValue(v, r.columns[i].type)));
  const lines = renderGrid(head, rows, 'text');
  return `${lines.join('\n')}\n(${formatCount(r.rows.length)} row${r.rows.length === 1 ? '' : 's'})\n`;
}

function jsonText(r: QueryResult): string {
  const objects = r.rows.map((row) =>
    Object.fromEntries(r.columns.map((c, i) => [c.name, jsonValue(row[i], c.type)])),
  );
  return `${JSON.stringify(objects, null, 2)}\n`;
}

function csvText(r: QueryResult): string {
  const lines = [
    r.columns.map((c) => csvField(c.name)).join(','),
    ...r.rows.map((row) => row.map((v, i) => csvField(formatValue(v, r.columns[i].type))).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}
