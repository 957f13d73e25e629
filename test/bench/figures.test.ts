// Each bench suite declares the figures it prints (bench/suites.ts), so that `vaultsim bench`
// can refuse a threshold on a figure it will not print before running it: here every suite
// runs (small, with a stand-in CLI for the suites that start one) and prints exactly what it
// declared, no more and no fewer.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchKernel } from '../../bench/kernel.js';
import type { BenchResult } from '../../bench/measure.js';
import { benchStartup, STARTUP_COMMANDS } from '../../bench/startup.js';
import { declaresFigure, SUITES, type SuiteFigures, type SuiteOptions } from '../../bench/suites.js';

// A stand-in for the built CLI: exits 0 printing `{}`, beside a scenarios/examples folder.
function fakeCli(): string {
  const root = mkdtempSync(join(tmpdir(), 'vaultsim-fake-cli-'));
  mkdirSync(join(root, 'scenarios', 'examples'), { recursive: true });
  writeFileSync(join(root, 'scenarios', 'examples', 'tiny.yaml'), 'name: tiny\n');
  mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
  const cli = join(root, 'dist', 'cli', 'main.js');
  writeFileSync(cli, "process.stdout.write('{}\\n');\n");
  return cli;
}

const base: SuiteOptions = { quick: true, vms: 20, days: 3, cli: null, rounds: 1 };

// What a suite printed (by its own run, or `run` where that is quicker and prints the same
// names), each name matched to the declared name that stands for it, and the other way round.
async function check(
  suite: string,
  options: SuiteOptions,
  run: () => SuiteFigures | Promise<SuiteFigures> = () => SUITES[suite].run(options),
) {
  const declared = SUITES[suite].figures!(options);
  const ran = await run();
  const printed = [...ran.results, ...ran.ratios].map((f: BenchResult) => f.name);
  const unmatched = printed.filter((n) => !declared.some((d) => declaresFigure(d, n)));
  const unprinted = declared.filter((d) => !printed.some((n) => declaresFigure(d, n)));
  expect({ unmatched, unprinted }).toEqual({ unmatched: [], unprinted: [] });
  for (const name of printed) expect(name.startsWith(`${suite}.`)).toBe(true);
}

describe('the bench suites declare the figures they print', () => {
  it('every suite declares its figures', () => {
    for (const [name, suite] of Object.entries(SUITES))
      expect(suite.figures, `${name} declares no figures`).toBeTypeOf('function');
  });

  it('a <hash> part matches one dot-free part, and the rest of the name exactly', () => {
    expect(declaresFigure('fleet.fingerprint.<hash>', 'fleet.fingerprint.d540d59b1aa277e0')).toBe(true);
    expect(declaresFigure('fleet.fingerprint.<hash>', 'fleet.fingerprint.')).toBe(false);
    expect(declaresFigure('fleet.fingerprint.<hash>', 'fleet.fingerprint.a.b')).toBe(false);
    expect(declaresFigure('fleet.fingerprint.<hash>', 'fleet.fingerprints.a')).toBe(false);
    expect(declaresFigure('kernel.sim_over_bare_heap.N=10000', 'kernel.sim_over_bare_heap.N=10000')).toBe(
      true,
    );
    expect(declaresFigure('kernel.sim_over_bare_heap.N=10000', 'kernel.sim_over_bare_heapXN=10000')).toBe(
      false,
    );
  });

  it('startup (its commands as bench/startup.ts runs them)', async () => {
    expect(STARTUP_COMMANDS).toEqual(['node', 'version', 'validate', 'run']);
    // One round instead of --quick's five: the names do not depend on how many.
    const cli = fakeCli();
    await check('startup', { ...base, cli }, () => benchStartup(1, cli));
  });

  it('kernel, at the --quick sizes, and names the full sizes without --quick', async () => {
    // The --quick heap sizes, with fewer events (the names do not depend on how many).
    await check('kernel', base, () => benchKernel([1_000, 10_000], 1_000));
    const full = SUITES.kernel.figures!({ ...base, quick: false });
    expect(full).toContain('kernel.sim_over_bare_heap.N=1000000');
    expect(full).not.toContain('kernel.sim_over_bare_heap.N=10000');
  });

  it('fleet, with and without --rounds', async () => {
    await check('fleet', base);
    await check('fleet', { ...base, rounds: 2 });
  });

  it('dr, layout and workloads', async () => {
    await check('dr', base);
    await check('layout', base);
    await check('workloads', base);
  });

  it('sweep', async () => {
    await check('sweep', { ...base, cli: fakeCli() });
  });
});
