// `vaultsim run --format logs` (issue 19): each diagnostic table the scenario sends, as Log
// Analytics exports it — one JSON object per line, the table's columns in order, instants as
// ISO 8601 UTC — and as CSV with a header row, for tools that read either (pandas, DuckDB,
// Kusto's ingestion, a spreadsheet). Rows stream into the output folder's temporary files as
// the run pushes them, in ~1 MiB writes, so a fleet-year's tables never sit in memory.
// Files: `<Table>.jsonl` and `<Table>.csv` for the base run, `<Table>.<variant>.jsonl|csv` for a variant.

import { formatValue } from '../models/kql/values.js';
import type { LogSink } from '../models/logs/diagnostics.js';
import type { LogRow } from '../models/logs/rows.js';
import { LOG_TABLES, type LogTable } from '../models/logs/tables.js';
import type { Scenario } from '../models/scenario/types.js';
import { csvField } from '../reports/csv.js';
import type { AtomicFile } from './atomic-file.js';

/** The tables a scenario's diagnostics send, in the tables' order. */
export function sentTables(scenario: Scenario): LogTable[] {
  const d = scenario.diagnostics;
  if (d === undefined || d === null) return [];
  const names = new Set([...d.vaults.flatMap((v) => v.tables), ...d.siteRecovery]);
  return LOG_TABLES.filter((t) => names.has(t.name));
}

/** The file names of a table for a run: `<Table>.jsonl` and `.csv`, with `.<variant>` unless base. */
export function logFileNames(table: string, variant: string): [string, string] {
  const stem = variant === 'base' ? table : `${table}.${variant.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  return [`${stem}.jsonl`, `${stem}.csv`];
}

/** Every log file the runs will write. */
export function plannedLogFiles(scenarios: readonly Scenario[]): string[] {
  return scenarios.flatMap((s) => sentTables(s).flatMap((t) => logFileNames(t.name, s.variant)));
}

// A value as JSON: datetimes as ISO 8601 strings, the rest as they are.
function jsonCell(row: LogRow, name: string, type: string): string {
  const v = row[name] ?? null;
  if (v === null) return 'null';
  if (type === 'datetime' && typeof v === 'number') return `"${new Date(v).toISOString()}"`;
  return JSON.stringify(v);
}

// A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break.
function csvCell(row: LogRow, name: string, type: string): string {
  const v = row[name] ?? null;
  if (v === null) return '';
  const text =
    type === 'datetime' && typeof v === 'number' ? new Date(v).toISOString() : formatValue(v, 'string');
  return csvField(text);
}

/** Lines into one file, written through in ~1 MiB chunks (a synchronous run never holds a whole file); `count` lines so far. */
export class LineWriter {
  private chunk: string[] = [];
  private size = 0;
  count = 0;

  constructor(private readonly file: AtomicFile) {}

  line(text: string): void {
    this.chunk.push(text);
    this.size += text.length;
    this.count++;
    if (this.size >= 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    this.file.close();
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    this.file.write(this.chunk.join(''));
    this.chunk = [];
    this.size = 0;
  }
}

/** The log files of one run: a sink for its rows, and the files' row counts once closed. */
export class LogFiles {
  private readonly files = new Map<string, { table: LogTable; json: LineWriter; csv: LineWriter }>();

  /** Opens `<Table>.jsonl` and `.csv` for each table `scenario` sends, through `open` (the output folder's). */
  constructor(scenario: Scenario, open: (name: string) => AtomicFile) {
    for (const table of sentTables(scenario)) {
      const [jsonName, csvName] = logFileNames(table.name, scenario.variant);
      const csv = new LineWriter(open(csvName));
      csv.line(`${table.columns.map((c) => c.name).join(',')}\n`);
      this.files.set(table.name, { table, json: new LineWriter(open(jsonName)), csv });
    }
  }

  /** Where the run sends its rows. */
  readonly sink: LogSink = (name, row) => {
    const f = this.files.get(name);
    if (f === undefined) return;
    const cols = f.table.columns;
    f.json.line(
      `{${cols.map((c) => `${JSON.stringify(c.name)}:${jsonCell(row, c.name, c.type)}`).join(',')}}\n`,
    );
    f.csv.line(`${cols.map((c) => csvCell(row, c.name, c.type)).join(',')}\n`);
  };

  /** Closes every file; returns each table's row count, in the tables' order. */
  close(): { table: string; rows: number }[] {
    const out: { table: string; rows: number }[] = [];
    for (const f of this.files.values()) {
      f.json.close();
      f.csv.close();
      // One JSON line per row (the CSV has a header too).
      out.push({ table: f.table.name, rows: f.json.count });
    }
    return out;
  }
}
