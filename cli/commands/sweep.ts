// `vaultsim sweep FILE --replications N`: Monte Carlo over N replications, replication r
// running every selected run with seed deriveSeed(seed, 'replication', r).
//
//   1. read       load the scenario; bad input prints its issues and exits 2; refuse a
//                 sweep beyond the work budget (cli/budget.ts) or an --out that cannot be
//                 written, before any replication runs
//   2. replicate  this shard's replications (all of them without --shard), on K workers,
//                 each summarised into the part as it arrives (memory does not grow with N)
//   3. plan       the part (figure summaries); unsharded: merged and aggregated exactly as
//                 `vaultsim merge` would, so both give the same bytes
//   4. write      --shard: the part file, sealed with its digest; else the aggregate
//                 (table, or --json) and --out
//
// Exit codes: 0, or 1 when an objective's pass rate is below --min-pass-rate (default 1:
// any failing replication fails the sweep); a shard alone gives no verdict (merge does).

import { aggregate, renderAggregate, type SweepAggregate } from '../../reports/aggregate.js';
import { junitXml } from '../../reports/junit.js';
import { aggregateSuites } from '../../reports/rate-verdicts.js';
import { scenarioFileName } from '../../reports/scenario-file.js';
import { buildPart, mergeParts, PartBuilder, type SweepPart, shardRange } from '../../reports/sweep-part.js';
import { checkBudget, processBudget } from '../budget.js';
import { EXIT, InputError } from '../errors.js';
import { checkWritable, writeOutput } from '../output.js';
import { sealPart } from '../part-digest.js';
import { defaultWorkers, replicateStream } from '../pool.js';
import { replicationProgress } from '../progress.js';
import { loadSource } from '../scenario-source.js';
import { printable } from '../terminal-text.js';
import { estimateWork } from '../work-estimate.js';

/** The options of `vaultsim sweep`, as commander parses them. */
export interface SweepOptions {
  replications: number;
  workers?: number;
  seed?: number;
  shard?: { index: number; count: number };
  out?: string;
  json?: boolean;
  format?: 'text' | 'md';
  variant?: string[];
  minPassRate?: number;
  /** --strict: a warning (issue 15) is bad input, exit 2. */
  strict?: boolean;
  /** Write JUnit XML here: one test case per objective per run (compare: failed when any replication failed it; sweep: below --min-pass-rate). */
  junit?: string;
  /** --max-work: the work budget (estimated events), or 'off'. */
  maxWork?: number | 'off';
}

/** Where sweep prints and which directory relative paths start from. */
export interface SweepIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** What a sweep did: its exit code, and the aggregate it printed or the part it wrote. */
export interface SweepOutcome {
  code: number;
  aggregate: SweepAggregate | null;
  part: SweepPart | null;
}

/** Runs `vaultsim sweep FILE`; throws InputError for bad options. */
export async function sweepScenarioFile(
  file: string,
  opts: SweepOptions,
  io: SweepIo,
  version: string,
): Promise<SweepOutcome> {
  if (opts.shard !== undefined && opts.out === undefined)
    throw new InputError(
      '--shard writes a part file: add --out part.json (then `vaultsim merge` the parts).',
    );
  if (opts.shard !== undefined && opts.junit !== undefined)
    throw new InputError('--shard gives no verdict to write: drop --junit, and give it to `vaultsim merge`.');
  if (opts.shard !== undefined && opts.json === true)
    throw new InputError('--shard gives no aggregate to print: drop --json, and merge the parts for it.');
  // 1. read
  const source = await loadSource(file, io.cwd, opts.variant, io.stderr, opts.strict === true);
  if (source === null) return { code: EXIT.badInput, aggregate: null, part: null };
  const seed = opts.seed ?? source.seed;
  const shard = opts.shard ?? { index: 1, count: 1 };
  const { from, to } = shardRange(shard.index, shard.count, opts.replications);
  const workers = opts.workers ?? defaultWorkers();
  checkBudget(
    estimateWork(source.scenarios, to - from, workers),
    processBudget(opts.maxWork),
    opts.shard === undefined ? 'this sweep' : `shard ${shard.index}/${shard.count} of this sweep`,
  );
  if (opts.out !== undefined) checkWritable(io.cwd, '--out', opts.out);
  if (opts.junit !== undefined) checkWritable(io.cwd, '--junit', opts.junit);

  // 2. replicate
  const progress = replicationProgress(
    io.stderr,
    opts.shard === undefined ? 'sweep' : `sweep shard ${shard.index}/${shard.count}`,
  );
  const variants = source.scenarios.map((s) => s.variant);
  const builder = new PartBuilder(variants, source.currencies, from);
  try {
    await replicateStream(
      source,
      { from, to, seed, derive: true },
      { workers, onProgress: progress.update },
      (r) => builder.add(r),
    );
  } finally {
    progress.end();
  }

  // 3. plan
  const part = buildPart(
    [],
    {
      version,
      scenario: { file: scenarioFileName(file), name: source.name, hash: source.hash, seed },
      variants,
      currencies: source.currencies,
      total: opts.replications,
      shard,
    },
    builder,
  );
  if (opts.shard !== undefined) {
    // 4. write (a shard)
    const range = to > from ? `replications ${from}–${to - 1}` : 'no replications';
    const note = ` (shard ${shard.index}/${shard.count}: ${range} of ${opts.replications})`;
    const sealed = sealPart(part);
    writeOutput(io.cwd, '--out', opts.out!, `${JSON.stringify(sealed)}\n`, io.stderr, note);
    return { code: EXIT.ok, aggregate: null, part: sealed };
  }
  const merged = mergeParts([{ label: file, part }]);
  if (!merged.ok) throw new Error(`a sweep's own part did not merge: ${merged.problems.join(' ')}`);
  const result = aggregate(merged.table, opts.minPassRate ?? 1);

  // 4. write
  const json = `${JSON.stringify(result, null, 2)}\n`;
  io.stdout.write(opts.json === true ? json : printable(renderAggregate(result, opts.format ?? 'text')));
  if (opts.out !== undefined) writeOutput(io.cwd, '--out', opts.out, json, io.stderr);
  if (opts.junit !== undefined)
    writeOutput(io.cwd, '--junit', opts.junit, junitXml(aggregateSuites(result)), io.stderr);
  return { code: result.verdict.pass ? EXIT.ok : EXIT.objectiveFailed, aggregate: result, part: null };
}
