// `vaultsim validate FILE...`: load each scenario file, collect every issue, print one
// line each. Reading happens in the loader; planning the output is pure (renderValidate).
// Warnings (issue 15) print too and leave the file ok, unless --strict.

import { resolve } from 'node:path';
import { type Issue, renderIssue, sortIssues } from '../../scenarios/issues.js';
import { loadScenarioFileLazily } from '../../scenarios/load.js';
import { EXIT } from '../errors.js';

/** What validate found in one file (the `--json` output's element). */
export interface FileReport {
  file: string;
  ok: boolean;
  /** Names of the runs the file expands to: 'base', then each variant or sweep point. */
  scenarios: string[];
  /** Errors and warnings, in file order; each says which in `severity`. */
  issues: Issue[];
}

/** What `vaultsim validate --json` prints. */
export interface ValidateReport {
  files: FileReport[];
}

/**
 * Loads every file (paths relative to `cwd`) and reports each, named as the user wrote it.
 * With `strict`, a file with a warning is not ok.
 */
export async function validateFiles(
  files: readonly string[],
  cwd: string,
  strict = false,
): Promise<ValidateReport> {
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await validateFile(file, cwd, strict));
  return { files: reports };
}

// One file's report, named as the user wrote it.
async function validateFile(file: string, cwd: string, strict: boolean): Promise<FileReport> {
  const abs = resolve(cwd, file);
  const result = await loadScenarioFileLazily(abs);
  // The loader names the file by the path it opened; show the one the user typed.
  const named = (list: Issue[]) => list.map((i) => (i.file === abs ? { ...i, file } : i));
  const warnings = named(result.warnings);
  if (result.ok)
    return {
      file,
      ok: !strict || warnings.length === 0,
      scenarios: result.scenarios.map((s) => s.variant),
      issues: sortIssues(warnings),
    };
  return { file, ok: false, scenarios: [], issues: sortIssues([...named(result.issues), ...warnings]) };
}

/** The text report: one line per issue (warnings too), then `FILE: ok (…)` for a valid file. */
export function renderValidate(report: ValidateReport): string {
  return report.files
    .map((f) => {
      const lines = f.issues.map((i) => `${renderIssue(i)}\n`).join('');
      if (!f.ok) return lines;
      const n = f.scenarios.length;
      const w = f.issues.length;
      const warned = w === 0 ? '' : `; ${w} warning${w === 1 ? '' : 's'}`;
      return `${lines}${f.file}: ok (${n} scenario${n === 1 ? '' : 's'}: ${f.scenarios.join(', ')}${warned})\n`;
    })
    .join('');
}

/** The exit code for a report: bad input when any file has an error (or, with --strict, a warning). */
export function validateExitCode(report: ValidateReport): number {
  return report.files.every((f) => f.ok) ? EXIT.ok : EXIT.badInput;
}
