// `vaultsim merge PART...`: sweep parts (from `vaultsim sweep --shard i/n --out part.json`
// on any machines) → the aggregate one machine would have printed, byte for byte.
//
//   1. read   every part; unreadable, damaged, unsealed or altered (its digest does not
//             match, cli/part-digest.ts), mismatched, missing or repeated parts are all
//             reported, one line each (control characters stripped), and exit 2
//   2. plan   merge in shard order, aggregate (reports/)
//   3. write  the table or --json on stdout, the aggregate JSON to --out
//
// Exit codes as sweep: 1 when an objective's pass rate is below --min-pass-rate (default 1).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { aggregate, renderAggregate, type SweepAggregate } from '../../reports/aggregate.js';
import { junitXml } from '../../reports/junit.js';
import { aggregateSuites } from '../../reports/rate-verdicts.js';
import { mergeParts, parsePart, type SweepPart } from '../../reports/sweep-part.js';
import { EXIT, ioReason } from '../errors.js';
import { writeOutput } from '../output.js';
import { digestProblem } from '../part-digest.js';
import { printable } from '../terminal-text.js';

/** The options of `vaultsim merge`. */
export interface MergeOptions {
  out?: string;
  json?: boolean;
  format?: 'text' | 'md';
  minPassRate?: number;
  /** Write JUnit XML here: one test case per objective per run, failed below --min-pass-rate. */
  junit?: string;
}

/** Where merge prints and which directory relative paths start from. */
export interface MergeIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** Runs `vaultsim merge`; resolves to its exit code and the aggregate (null when the parts were refused). */
export function mergePartFiles(
  files: string[],
  opts: MergeOptions,
  io: MergeIo,
): { code: number; aggregate: SweepAggregate | null } {
  // 1. read
  const problems: string[] = [];
  const parts: { label: string; part: SweepPart }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      problems.push(`cannot read ${file}: ${ioReason(error)}.`);
      continue;
    }
    const parsed = parsePart(text, file);
    const forged = parsed.ok ? digestProblem(parsed.part, file) : null;
    if (!parsed.ok) problems.push(parsed.problem);
    else if (forged !== null) problems.push(forged);
    else parts.push({ label: file, part: parsed.part });
  }
  // 2. plan
  const merged = problems.length === 0 ? mergeParts(parts) : null;
  if (merged === null || !merged.ok) {
    for (const p of merged === null ? problems : merged.problems)
      io.stderr.write(`vaultsim merge: ${printable(p)}\n`);
    return { code: EXIT.badInput, aggregate: null };
  }
  const result = aggregate(merged.table, opts.minPassRate ?? 1);
  // 3. write
  const json = `${JSON.stringify(result, null, 2)}\n`;
  io.stdout.write(opts.json === true ? json : printable(renderAggregate(result, opts.format ?? 'text')));
  if (opts.out !== undefined) writeOutput(io.cwd, '--out', opts.out, json, io.stderr);
  if (opts.junit !== undefined) {
    writeOutput(io.cwd, '--junit', opts.junit, junitXml(aggregateSuites(result)), io.stderr);
  }
  return { code: result.verdict.pass ? EXIT.ok : EXIT.objectiveFailed, aggregate: result };
}
