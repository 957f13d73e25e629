// Step 1 of the commands that simulate a scenario file (run, compare, sweep, query, report,
// explain): load it, print its problems one file:line:column line each, naming the file as
// the user typed it, and keep the runs --variant names.

import { resolve } from 'node:path';
import type { Scenario } from '../models/scenario/types.js';
import { renderIssue, sortIssues } from '../scenarios/issues.js';
import { loadScenarioFileLazily } from '../scenarios/load.js';
import { closest } from '../scenarios/suggest.js';
import { InputError } from './errors.js';

/** What loadRuns prints besides errors, and what it refuses. */
export interface LoadRunsOptions {
  /** Print the warnings too (issue 15), not only the errors. */
  warnings?: boolean;
  /** --strict: a warning is bad input. */
  strict?: boolean;
}

/**
 * Loads `file` (as typed, from `cwd`) and prints its errors to `stderr` (with `warnings`, its
 * warnings too); returns the runs `wanted` names (selectRuns), or null when the file has
 * errors or, with `strict`, warnings: the command then exits 2.
 */
export async function loadRuns(
  file: string,
  cwd: string,
  wanted: string[] | undefined,
  stderr: { write(text: string): unknown },
  opts: LoadRunsOptions = {},
): Promise<Scenario[] | null> {
  const abs = resolve(cwd, file);
  const loaded = await loadScenarioFileLazily(abs);
  // The loader names the file by the path it opened; show the one the user typed.
  const problems = [...(loaded.ok ? [] : loaded.issues), ...(opts.warnings === true ? loaded.warnings : [])];
  for (const issue of sortIssues(problems.map((i) => (i.file === abs ? { ...i, file } : i))))
    stderr.write(`${renderIssue(issue)}\n`);
  if (!loaded.ok || (opts.strict === true && loaded.warnings.length > 0)) return null;
  return selectRuns(loaded.scenarios, wanted, file);
}

/** --variant: keeps the named runs, in the file's order; an unknown name is bad input (InputError). */
export function selectRuns(scenarios: Scenario[], wanted: string[] | undefined, file: string): Scenario[] {
  if (wanted === undefined || wanted.length === 0) return scenarios;
  const names = scenarios.map((s) => s.variant);
  for (const name of wanted) {
    if (names.includes(name)) continue;
    const near = closest(name, names);
    const hint = near === null ? '' : ` Did you mean "${near}"?`;
    throw new InputError(`${file} has no variant "${name}" (it has: ${names.join(', ')}).${hint}`);
  }
  return scenarios.filter((s) => wanted.includes(s.variant));
}
