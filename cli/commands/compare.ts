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
import { tabulate } from '../../reports/run-table.js';
import { checkBudget, processBudget } from '../budget.js';
import { EXIT } from '../errors.js';
import { OutputFolder, removedNote } from '../out-folder.js';
import { checkWritable, writeOutput } from '../output.js';
import { defaultWorkers, replicate } from '../pool.js';
import { replicationProgress } from '../progress.js';
import { writeReports } from '../report-files.js';
import { loadSource } from '../scenario-source.js';
import { printable } from '../terminal-text.js';
import { estimateWork } from '../work-estimate.js';

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
  /** --force: replace files in --out that no earlier vaultsim run wrote. */
  force?: boolean;
  /** --max-work: the work budget (estimated events), or 'off'. */
  maxWork?: number | 'off';
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
  const source = await loadSource(file, io.cwd, opts.variant, io.stderr, opts.strict === true);
  if (source === null) return { code: EXIT.badInput, comparison: null };
  const seed = opts.seed ?? source.seed;
  const n = opts.replications;
  const workers = n === 1 ? 1 : (opts.workers ?? defaultWorkers());
  checkBudget(estimateWork(source.scenarios, n, workers), processBudget(opts.maxWork), 'this comparison');
  const out =
    opts.format === 'html'
      ? OutputFolder.open(opts.out ?? 'vaultsim-out', io.cwd, {
          force: opts.force === true,
          command: 'compare',
          version,
        })
      : null;
  out?.expect(['report.html']);
  if (opts.junit !== undefined) checkWritable(io.cwd, '--junit', opts.junit);

  // 2. replicate
  const progress = replicationProgress(io.stderr, 'compare');
  const replications = await replicate(
    source,
    { indices: Array.from({ length: n }, (_, r) => r), seed, derive: n > 1, costBy: true },
    { workers, onProgress: progress.update },
  );
  progress.end();

  // 3. plan
  const runs = tabulate(
    replications,
    source.scenarios.map((s) => s.variant),
    source.currencies,
  );
  const comparison = compareRuns(runs, { version, file, name: source.name, seed, replications: n });

  // 4. write
  if (opts.json === true) {
    io.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
    for (const f of comparison.verdict.failing) io.stderr.write(`vaultsim: objective not met: ${f}\n`);
  } else io.stdout.write(printable(renderComparison(comparison, opts.format === 'md' ? 'md' : 'text')));
  if (out !== null) {
    // The charts of one replication (the scenario seed, or replication 0's), every run on the same charts.
    const runSeed = n > 1 ? deriveSeed(seed, 'replication', 0) : seed;
    const results = source.scenarios.map((s) => simulate(s, { seed: runSeed }));
    const notes: string[] = [];
    try {
      await writeReports(results, ['html'], out, { file, version }, { write: (t: string) => notes.push(t) });
      const removed = out.commit();
      for (const note of [...notes, ...removedNote(out.shown, removed)]) io.stderr.write(note);
    } finally {
      out.discard();
    }
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
