// Loading a scenario for compare and sweep: loaded once in the main thread (issues print
// as file:line:column and mean exit 2), the requested runs selected, and the sweep identity
// computed: SHA-256 over the normalised scenarios of the selected runs, so parts of a
// sweep made from different files, vaultsim versions or selections never merge.

import { createHash } from 'node:crypto';
import { DEFAULT_PRICES, mergePrices } from '../models/pricing/index.js';
import { loadSubsystems } from '../models/subsystems.js';
import { loadRuns } from './load-runs.js';
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
  const scenarios = await loadRuns(file, cwd, variants, stderr, { warnings: true, strict });
  if (scenarios === null) return null;
  await loadSubsystems(scenarios);
  return {
    scenarios,
    name: scenarios[0].name,
    hash: createHash('sha256').update(JSON.stringify(scenarios)).digest('hex'),
    seed: scenarios[0].seed,
    currencies: scenarios.map((s) => mergePrices(DEFAULT_PRICES, s.prices).currency),
  };
}
