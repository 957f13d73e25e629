// The project's own fuzz suite (issue 21): seeded, structure-aware mutants of the shipped
// examples, each held to the library contract (contract.ts). `npm test` tries a few hundred
// under a time budget; FUZZ_MUTANTS=5000 scales it up (then with no time budget unless
// FUZZ_SECONDS is set), FUZZ_ONLY=<index> replays one mutant. The seed is FC_SEED's, as for
// the property tests, so a failure replays with the seed it prints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMutant, issueProblem } from './contract.js';
import { mutantRng } from './random.js';
import { describeFailure, examples, runFuzz } from './runner.js';

const seed = fc.readConfigureGlobal().seed ?? 0;
const scaled = process.env.FUZZ_MUTANTS !== undefined;
const mutants = Number(process.env.FUZZ_MUTANTS ?? 300);
// A budget that a busy 2-core machine keeps within a minute for the whole file.
const seconds =
  process.env.FUZZ_SECONDS !== undefined
    ? Number(process.env.FUZZ_SECONDS)
    : scaled
      ? Number.POSITIVE_INFINITY
      : 35;
const only = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const timeout = Number.isFinite(seconds) ? (seconds + 30) * 1000 : 24 * 3600 * 1000;

describe('fuzzing the shipped examples', () => {
  it('holds every example itself to the contract, simulated', () => {
    for (const { name, text } of examples()) {
      const { outcome, violations } = checkMutant(text, name, mutantRng(seed, -1));
      expect(violations, name).toEqual([]);
      expect(outcome, name).toBe('simulated');
    }
  });

  it('tells an unpositioned issue from a positioned one', () => {
    const issue = {
      code: 'required',
      severity: 'error',
      path: 'x',
      file: 'a.yaml',
      line: 3,
      column: 1,
      message: 'm',
    } as const;
    expect(issueProblem(issue, 'a.yaml')).toBeNull();
    expect(issueProblem({ ...issue, line: 0, column: 0 }, 'a.yaml')).toMatch(/no position/);
    expect(issueProblem({ ...issue, file: 'b.yaml' }, 'a.yaml')).toMatch(/names file/);
    expect(issueProblem({ ...issue, code: 'file-too-large', line: 0, column: 0 }, 'a.yaml')).toBeNull();
  });

  it('should never throw, leave an issue without file and position, or write a summary its schema rejects', {
    timeout,
  }, () => {
    const report = runFuzz({ seed, mutants, seconds, ...(only === undefined ? {} : { only }) });
    const { issues, simulated, 'too-big': tooBig } = report.outcomes;
    process.stderr.write(
      `[fuzz] FC_SEED=${seed}: ${report.tried} mutants in ${report.seconds} s: ${issues} refused with issues, ${simulated} simulated, ${tooBig} too big to simulate here; ${report.failures.length} broke the contract\n`,
    );
    expect(report.failures.map((f) => describeFailure(f, seed))).toEqual([]);
    // The run must have tried something of each kind to mean anything.
    if (only === undefined) {
      expect(report.tried).toBeGreaterThanOrEqual(Math.min(mutants, 50));
      expect(issues).toBeGreaterThan(0);
      expect(simulated).toBeGreaterThan(0);
    }
  });
});
