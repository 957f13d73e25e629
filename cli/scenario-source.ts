// Loading a scenario for compare and sweep: loaded once in the main thread (issues print
// as file:line:column and mean exit 2), the requested runs selected, and the sweep identity
// computed: SHA-256 over the normalised scenarios of the selected runs, so parts of a
// sweep made from different files, vaultsim versions or selections never merge.

import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { DEFAULT_PRICES, mergePrices } from '../models/pricing/index.js';
import { loadSubsystems } from '../models/subsystems.js';
import { renderIssue, sortIssues } from '../scenarios/issues.js';
import { loadScenarioFileLazily } from '../scenarios/load.js';
import { selectRuns } from './commands/run.js';
import type { ScenarioSource } from './pool.js';

/** A loaded scenario ready to replicate, with its identity. */
export interface LoadedSource extends ScenarioSource {
  name: string;
  hash: string;
  /** The scenario seed (every run of a file shares it). */
  seed: number;
  /** Each selected run's currency. */
  currencies: string[];
}

/**
 * Loads `file` (as typed), printing its warnings to `stderr`; on errors (or, when `strict`,
 * warnings) prints them and returns null. The subsystems the selected runs use are loaded
 * in this thread (models/subsystems.ts); a worker thread loads its own (cli/worker.ts).
 */
export async function loadSource(
  file: string,
  cwd: string,
  variants: string[] | undefined,
  stderr: { write(text: string): unknown },
  strict = false,
): Promise<LoadedSource | null> {
  const abs = resolve(cwd, file);
  const loaded = await loadScenarioFileLazily(abs);
  // The loader names the file by the path it opened; show the one the user typed.
  const problems = [...(loaded.ok ? [] : loaded.issues), ...loaded.warnings];
  for (const issue of sortIssues(problems.map((i) => (i.file === abs ? { ...i, file } : i))))
    stderr.write(`${renderIssue(issue)}\n`);
  if (!loaded.ok || (strict && loaded.warnings.length > 0)) return null;
  const scenarios = selectRuns(loaded.scenarios, variants, file);
  await loadSubsystems(scenarios);
  return {
    scenarios,
    name: scenarios[0].name,
    hash: createHash('sha256').update(JSON.stringify(scenarios)).digest('hex'),
    seed: scenarios[0].seed,
    currencies: scenarios.map((s) => mergePrices(DEFAULT_PRICES, s.prices).currency),
  };
}
