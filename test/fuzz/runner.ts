// The fuzz runner: mutant i of a run is made from example i mod n with its own generator
// (seed, i), held to the contract (contract.ts), and counted; the run stops at `mutants` or at
// its time budget. A failing mutant is written to a file and reported with its seed, index and
// the mutations that made it, so `FUZZ_ONLY=<index> FC_SEED=<seed>` replays it alone.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMutant, type Outcome, type Violation } from './contract.js';
import { mutate, schemaFieldNames } from './mutate.js';
import { mutantRng } from './random.js';

/** How a fuzz run is asked for. */
export interface FuzzOptions {
  seed: number;
  /** Most mutants to try. */
  mutants: number;
  /** Wall-clock budget in seconds (Infinity: none); the run stops after the mutant that passes it. */
  seconds: number;
  /** Only this mutant index (to replay a failure). */
  only?: number;
}

/** One mutant that broke the contract. */
export interface FuzzFailure {
  index: number;
  example: string;
  ops: string[];
  /** Where its text was written. */
  file: string;
  violations: Violation[];
}

/** What a fuzz run did. */
export interface FuzzReport {
  seed: number;
  tried: number;
  outcomes: Record<Outcome, number>;
  failures: FuzzFailure[];
  seconds: number;
}

const EXAMPLES_DIR = 'scenarios/examples';

/** The shipped example scenarios (not the alert-case files), by file name, in name order. */
export function examples(): { name: string; text: string }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(EXAMPLES_DIR, name), 'utf8') }));
}

/** Runs the mutants of the shipped examples against the contract. */
export function runFuzz(options: FuzzOptions): FuzzReport {
  const sources = examples();
  const fields = schemaFieldNames(JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8')));
  const outcomes: Record<Outcome, number> = { issues: 0, simulated: 0, 'too-big': 0 };
  const failures: FuzzFailure[] = [];
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  let tried = 0;
  const first = options.only ?? 0;
  const last = options.only ?? options.mutants - 1;
  for (let index = first; index <= last && elapsed() < options.seconds; index++) {
    const source = sources[index % sources.length];
    const rng = mutantRng(options.seed, index);
    const mutant = mutate(source.text, rng, fields);
    const { outcome, violations } = checkMutant(mutant.text, source.name, rng);
    outcomes[outcome]++;
    tried++;
    if (violations.length > 0) {
      const dir = join(tmpdir(), 'vaultsim-fuzz');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${options.seed}-${index}-${source.name}`);
      writeFileSync(file, mutant.text);
      failures.push({ index, example: source.name, ops: mutant.ops, file, violations });
    }
  }
  return { seed: options.seed, tried, outcomes, failures, seconds: Math.round(elapsed() * 10) / 10 };
}

/** A failure as lines to print: how to replay it, what was done, what broke. */
export function describeFailure(f: FuzzFailure, seed: number): string {
  return [
    `mutant ${f.index} of ${f.example} (replay: FUZZ_ONLY=${f.index} FC_SEED=${seed} npx vitest run test/fuzz; text in ${f.file})`,
    ...f.ops.map((op) => `  mutation: ${op}`),
    ...f.violations.map((v) => `  ${v.kind}: ${v.detail.split('\n').slice(0, 6).join('\n    ')}`),
  ].join('\n');
}
