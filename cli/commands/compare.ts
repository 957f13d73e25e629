// `vaultsim compare FILE`: the base and every variant with the same random numbers, side
// by side, each variant's change against the base.
//
//   1. read       load the scenario; bad input prints its issues and exits 2
//   2. replicate  one replication with the scenario seed (what `vaultsim run` gives), or
//                 N with seeds deriveSeed(seed, 'replication', r), every run of
//                 replication r sharing its seed, so differences are paired
//   3. plan       the comparison (reports/compare.ts), the cost split per dimension with it
//                 (reports/compare-cost.ts)
//   4. write      the table (--format text|md) or --json
//
// Exit codes: 0, or 1 when any objective failed in any run of any replication.

import { deriveSeed } from '../../engine/random.js';
import { simulate } from '../../models/simulate.js';
import { passRates } from '../../reports/aggregate.js';
import { type Comparison, compareRuns, renderComparison } from '../../reports/compare.js';
import { junitXml } from '../../reports/junit.js';
import { passRateSuites } from '../../reports/rate-verdicts.js';
import { buildPart } from '../../reports/sweep-part.js';
import { EXIT } from '../errors.js';
import { writeOutput } from '../output.js';
import { defaultWorkers, replicate } from '../pool.js';
import { writeReports } from '../report-files.js';
import { loadSource } from '../scenario-source.js';
import { outputDir } from './run.js';

/** The options of `vaultsim compare`. */
export interface CompareOptions {
  replications: number;
  workers?: number;
  seed?: number;
  json?: boolean;
  format?: 'text' | 'md' | 'html';
  /** Directory for report.html (--format html). */
  out?: string;
  variant?: string[];
  /** --strict: a warning (issue 15) is bad input, exit 2. */
  strict?: boolean;
  /** Write JUnit XML here: one test case per objective per run (compare: failed when any replication failed it; sweep: below --min-pass-rate). */
  junit?: string;
}

/** Where compare prints and which directory relative paths start from. */
export interface CompareIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** Runs `vaultsim compare FILE`; throws InputError for bad options. */
export async function compareScenarioFile(
  file: string,
  opts: CompareOptions,
  io: CompareIo,
  version: string,
): Promise<{ code: number; comparison: Comparison | null }> {
  // 1. read
  const source = loadSource(file, io.cwd, opts.variant, io.stderr, opts.strict === true);
  if (source === null) return { code: EXIT.badInput, comparison: null };
  const seed = opts.seed ?? source.seed;
  const n = opts.replications;

  // 2. replicate
  const progress = replicationProgress(io.stderr, 'compare');
  const replications = await replicate(
    source,
    { indices: Array.from({ length: n }, (_, r) => r), seed, derive: n > 1, costBy: true },
    { workers: n === 1 ? 1 : (opts.workers ?? defaultWorkers()), onProgress: progress.update },
  );
  progress.end();

  // 3. plan
  const { runs } = buildPart(replications, {
    version,
    scenario: { file, name: source.name, hash: source.hash, seed },
    variants: source.scenarios.map((s) => s.variant),
    currencies: source.currencies,
    total: n,
    shard: { index: 1, count: 1 },
  });
  const comparison = compareRuns(runs, { version, file, name: source.name, seed, replications: n });

  // 4. write
  if (opts.json === true) {
    io.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
    for (const f of comparison.verdict.failing) io.stderr.write(`vaultsim: objective not met: ${f}\n`);
  } else io.stdout.write(renderComparison(comparison, opts.format === 'md' ? 'md' : 'text'));
  if (opts.format === 'html') {
    // The charts of one replication (the scenario seed, or replication 0's), every run on the same charts.
    const runSeed = n > 1 ? deriveSeed(seed, 'replication', 0) : seed;
    const results = source.scenarios.map((s) => simulate(s, { seed: runSeed }));
    await writeReports(
      results,
      ['html'],
      outputDir(opts.out ?? 'vaultsim-out', io.cwd),
      { file, version },
      io.stderr,
    );
  }
  if (opts.junit !== undefined) {
    const suites = passRateSuites(
      source.name,
      'compare',
      runs.map((r) => ({ variant: r.variant, objectives: passRates(r) })),
      1,
    );
    writeOutput(io.cwd, '--junit', opts.junit, junitXml(suites), io.stderr);
  }
  return { code: comparison.verdict.pass ? EXIT.ok : EXIT.objectiveFailed, comparison };
}
