// `vaultsim bench` refuses bad input before it runs a suite (exit 2), never after a run of the
// whole suite: a threshold on a figure the suite's declaration does not name (bench/suites.ts),
// and a --baseline file that is JSON but not a baseline. Figures whose names are known only
// after the run (a fingerprint's hash) are matched by their declared pattern, and a suite that
// declares nothing is still checked after its run.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUITES, type Suite, type SuiteFigures } from '../../bench/suites.js';
import { parseThreshold, type Threshold } from '../../bench/thresholds.js';
import { runBench } from '../../cli/commands/bench.js';
import { EXIT, InputError } from '../../cli/errors.js';
import { runIn } from '../cli/harness.js';

const root = resolve(import.meta.dirname, '../..');

const threshold = (text: string): Threshold => {
  const t = parseThreshold(text);
  if (typeof t === 'string') throw new Error(t);
  return t;
};

function sink() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
      cwd: mkdtempSync(join(tmpdir(), 'vaultsim-bench-plan-')),
    },
  };
}

// A registered suite with its real declaration, whose run is counted and prints `figures`.
function counted(name: string, figures: SuiteFigures = { results: [], ratios: [] }) {
  let runs = 0;
  const suite: Suite = {
    ...SUITES[name],
    run: async () => {
      runs++;
      return figures;
    },
  };
  return { suites: { [name]: suite }, runs: () => runs };
}

describe('a threshold on a figure the suite does not declare', () => {
  it('is refused before the suite runs, with the figures it prints', async () => {
    const { suites, runs } = counted('startup');
    const { io } = sink();
    const run = runBench(
      ['startup'],
      { quick: true, threshold: [threshold('startup.nonexistent<4')] },
      io,
      suites,
    );
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      '--threshold startup.nonexistent<4: the startup suite prints no figure startup.nonexistent; it prints: ' +
        'startup.rounds, startup.node.cpu, startup.version.cpu, startup.validate.cpu, startup.run.cpu, ' +
        'startup.version_ratio, startup.validate_ratio, startup.run_ratio.',
    );
    expect(runs()).toBe(0);
  });

  it('suggests the nearest declared name, and refuses before running any of the selected suites', async () => {
    const fleet = counted('fleet');
    const dr = counted('dr');
    const { io } = sink();
    await expect(
      runBench(['dr', 'fleet'], { quick: true, threshold: [threshold('fleet.cpu_per_vmday<12')] }, io, {
        ...dr.suites,
        ...fleet.suites,
      }),
    ).rejects.toThrow('prints no figure fleet.cpu_per_vmday (did you mean fleet.cpu_per_vm_day?)');
    expect(fleet.runs() + dr.runs()).toBe(0);
  });

  it('a figure named by pattern (a fingerprint) is accepted up front, and judged after the run', async () => {
    const { suites, runs } = counted('fleet', {
      results: [{ name: 'fleet.fingerprint.d540d59b1aa277e0', value: 1, unit: 'fingerprint' }],
      ratios: [],
    });
    const { io } = sink();
    const ok = await runBench(
      ['fleet'],
      { quick: true, threshold: [threshold('fleet.fingerprint.d540d59b1aa277e0>=1')] },
      io,
      suites,
    );
    expect(ok.code).toBe(EXIT.ok);
    expect(runs()).toBe(1);
    // Declared by pattern but not printed (another hash): still bad input, after the run.
    await expect(
      runBench(
        ['fleet'],
        { quick: true, threshold: [threshold('fleet.fingerprint.0000000000000000>=1')] },
        io,
        suites,
      ),
    ).rejects.toThrow('the fleet suite prints no figure fleet.fingerprint.0000000000000000');
    expect(runs()).toBe(2);
  });

  it('a figure that depends on the options is refused only where these options cannot print it', async () => {
    const kernel = counted('kernel', {
      results: [],
      ratios: [{ name: 'kernel.sim_over_bare_heap.N=10000', value: 0.5, unit: 'x' }],
    });
    const { io } = sink();
    // --quick runs N = 1,000 and 10,000; N = 100,000 only without it.
    const quick = await runBench(
      ['kernel'],
      { quick: true, threshold: [threshold('kernel.sim_over_bare_heap.N=10000<1')] },
      io,
      kernel.suites,
    );
    expect(quick.code).toBe(EXIT.ok);
    await expect(
      runBench(
        ['kernel'],
        { quick: true, threshold: [threshold('kernel.sim_over_bare_heap.N=100000<1')] },
        io,
        kernel.suites,
      ),
    ).rejects.toThrow('(did you mean kernel.sim_over_bare_heap.N=10000?)');
    expect(kernel.runs()).toBe(1);
    // fleet.rounds is printed only with --rounds above 1.
    const fleet = counted('fleet', {
      results: [{ name: 'fleet.rounds', value: 3, unit: 'rounds' }],
      ratios: [],
    });
    await expect(
      runBench(['fleet'], { quick: true, threshold: [threshold('fleet.rounds>=3')] }, io, fleet.suites),
    ).rejects.toThrow('prints no figure fleet.rounds');
    expect(fleet.runs()).toBe(0);
    const rounds = await runBench(
      ['fleet'],
      { quick: true, rounds: 3, threshold: [threshold('fleet.rounds>=3')] },
      io,
      fleet.suites,
    );
    expect(rounds.code).toBe(EXIT.ok);
  });

  it('on the command line: exit 2 at once, nothing printed on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaultsim-bench-plan-'));
    const r = await runIn(dir, 'bench', 'startup', '--quick', '--threshold', 'startup.nonexistent<4');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'the startup suite prints no figure startup.nonexistent; it prints: startup.rounds,',
    );
    expect(r.stdout).toBe('');
  });
});

describe('a --baseline file of the wrong shape', () => {
  const cases: [string, string][] = [
    ['[1,2]', 'it holds an array'],
    ['null', 'it holds null'],
    ['"fleet"', 'it holds the string "fleet"'],
    ['{"fleet.quick": [1]}', '"fleet.quick" is an array, not an object of figures'],
    ['{"fleet.quick": 30090}', '"fleet.quick" is the number 30090, not an object of figures'],
    [
      '{"fleet.quick": {"fleet.events": "30090"}}',
      '"fleet.quick"."fleet.events" is the string "30090", not a number',
    ],
    ['{"fleet.quick": {"fleet.events": null}}', '"fleet.quick"."fleet.events" is null, not a number'],
  ];

  it.each(cases)('%s is bad input before any suite runs', async (text, what) => {
    const { suites, runs } = counted('fleet');
    const { io } = sink();
    writeFileSync(join(io.cwd, 'bl.json'), `${text}\n`);
    const run = runBench(['fleet'], { quick: true, baseline: 'bl.json' }, io, suites);
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      `--baseline bl.json is not a bench baseline: ${what}; expected a JSON object`,
    );
    expect(runs()).toBe(0);
  });

  it('on the command line: exit 2 with the file and the shape expected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaultsim-bench-plan-'));
    writeFileSync(join(dir, 'bl.json'), '[1,2]\n');
    const r = await runIn(dir, 'bench', 'fleet', '--quick', '--baseline', 'bl.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--baseline bl.json is not a bench baseline: it holds an array; expected a JSON object of suites, ' +
        'each an object of figures and numbers, like {"fleet.quick": {"fleet.events": 30090}}, as --write-baseline writes.',
    );
    expect(r.stderr).toContain('as --write-baseline writes');
    expect(r.stdout).toBe('');
  });

  it('the shipped baseline, and an empty one, are accepted', async () => {
    for (const file of ['baseline.json', 'empty.json']) {
      const { suites, runs } = counted('fleet');
      const { io } = sink();
      if (file === 'baseline.json') copyFileSync(join(root, 'bench/baseline.json'), join(io.cwd, file));
      else writeFileSync(join(io.cwd, file), '{}\n');
      const { code } = await runBench(['fleet'], { quick: true, baseline: file }, io, suites);
      // The counted suite prints no figures: the shipped baseline differs (exit 1), the empty one has no fleet.quick.
      expect(code).toBe(EXIT.objectiveFailed);
      expect(runs()).toBe(1);
    }
  });
});
