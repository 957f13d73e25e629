// `vaultsim validate FILE...`: load each scenario file, collect every issue, print one
// line each. Reading happens in the loader; planning the output is pure (renderValidate).

import { resolve } from 'node:path';
import { type Issue, renderIssue, sortIssues } from '../../scenarios/issues.js';
import { loadScenarioFile } from '../../scenarios/load.js';
import { EXIT } from '../errors.js';

/** What validate found in one file (the `--json` output's element). */
export interface FileReport {
  file: string;
  ok: boolean;
  /** Names of the runs the file expands to: 'base', then each variant or sweep point. */
  scenarios: string[];
  issues: Issue[];
}

/** What `vaultsim validate --json` prints. */
export interface ValidateReport {
  files: FileReport[];
}

/** Loads every file (paths relative to `cwd`) and reports each, named as the user wrote it. */
export function validateFiles(files: readonly string[], cwd: string): ValidateReport {
  return {
    files: files.map((file) => {
      const abs = resolve(cwd, file);
      const result = loadScenarioFile(abs);
      if (result.ok) return { file, ok: true, scenarios: result.scenarios.map((s) => s.variant), issues: [] };
      // The loader names the file by the path it opened; show the one the user typed.
      const issues = sortIssues(result.issues.map((i) => (i.file === abs ? { ...i, file } : i)));
      return { file, ok: false, scenarios: [], issues };
    }),
  };
}

/** The text report: one line per issue, or `FILE: ok (…)` for a valid file. */
export function renderValidate(report: ValidateReport): string {
  return report.files
    .map((f) => {
      if (!f.ok) return f.issues.map((i) => `${renderIssue(i)}\n`).join('');
      const n = f.scenarios.length;
      return `${f.file}: ok (${n} scenario${n === 1 ? '' : 's'}: ${f.scenarios.join(', ')})\n`;
    })
    .join('');
}

/** The exit code for a report: bad input when any file has an issue. */
export function validateExitCode(report: ValidateReport): number {
  return report.files.every((f) => f.ok) ? EXIT.ok : EXIT.badInput;
}
