// `vaultsim bench`: thresholds that fail only on a confirmed crossing, never pass silently on
// a figure the suite does not print, and the JUnit verdicts CI reads. Driven with small fake
// suites whose figures are scripted, so nothing here depends on timing.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Suite } from '../../bench/suites.js';
import { meets, parseThreshold, type Threshold } from '../../bench/thresholds.js';
import { runBench } from '../../cli/commands/bench.js';
import { EXIT, InputError } from '../../cli/errors.js';
import { runIn, tempDir } from '../cli/harness.js';

// A suite printing `fast.ratio` = each value of `ratios` in turn, one per run.
function scripted(ratios: number[]): Suite & { runs: () => number } {
  let runs = 0;
  return {
    describe: 'scripted',
    sized: false,
    run: async () => {
      const value = ratios[Math.min(runs++, ratios.length - 1)];
      return {
        results: [
          { name: 'fast.events', value: 100, unit: 'events' },
          { name: 'fast.cpu', value: 0.5, unit: 's' },
        ],
        ratios: [{ name: 'fast.ratio', value, unit: '×' }],
      };
    },
    runs: () => runs,
  };
}

const threshold = (text: string): Threshold => {
  const t = parseThreshold(text);
  if (typeof t === 'string') throw new Error(t);
  return t;
};

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
      cwd: mkdtempSync(join(tmpdir(), 'vaultsim-bench-')),
    },
  };
}

describe('parseThreshold', () => {
  it('reads figure, operator and limit, the suite being the first part of the name', () => {
    expect(parseThreshold('fleet.cpu_per_vm_day<12')).toMatchObject({
      figure: 'fleet.cpu_per_vm_day',
      suite: 'fleet',
      op: '<',
      limit: 12,
    });
    expect(parseThreshold(' kernel.sim_over_bare_heap.N=10000 >= .5 ')).toMatchObject({
      figure: 'kernel.sim_over_bare_heap.N=10000',
      op: '>=',
      limit: 0.5,
    });
    expect(parseThreshold('startup.run_ratio<=5e0')).toMatchObject({ op: '<=', limit: 5 });
  });

  it('refuses what is not FIGURE<NUMBER, and a figure without its suite', () => {
    expect(parseThreshold('startup.run_ratio')).toMatch(/takes FIGURE<NUMBER/);
    expect(parseThreshold('startup.run_ratio<fast')).toMatch(/takes FIGURE<NUMBER/);
    expect(parseThreshold('startup.run_ratio=4')).toMatch(/takes FIGURE<NUMBER/);
    expect(parseThreshold('ratio<4')).toMatch(/suite\.figure/);
  });

  it('judges each operator at, below and above its limit', () => {
    const at = (op: string) => [3, 4, 5].map((v) => meets(threshold(`a.b${op}4`), v));
    expect(at('<')).toEqual([true, false, false]);
    expect(at('<=')).toEqual([true, true, false]);
    expect(at('>')).toEqual([false, false, true]);
    expect(at('>=')).toEqual([false, true, true]);
  });
});

describe('vaultsim bench thresholds', () => {
  it('pass without a second run when the figure is on the right side', async () => {
    const suite = scripted([3.2]);
    const { io: sink } = io();
    const { code, reports } = await runBench([], { threshold: [threshold('fast.ratio<4')] }, sink, {
      fast: suite,
    });
    expect(code).toBe(EXIT.ok);
    expect(suite.runs()).toBe(1);
    expect(reports[0].thresholds).toEqual([
      { threshold: 'fast.ratio<4', suite: 'fast', values: [3.2], pass: true },
    ]);
  });

  it('re-run the suite once when a figure crosses, and pass when the confirmation run does not', async () => {
    const suite = scripted([4.6, 3.9]);
    const { io: sink, out } = io();
    const { code, reports } = await runBench(['fast'], { threshold: [threshold('fast.ratio<4')] }, sink, {
      fast: suite,
    });
    expect(code).toBe(EXIT.ok);
    expect(suite.runs()).toBe(2);
    expect(reports[0].thresholds[0]).toMatchObject({ values: [4.6, 3.9], pass: true });
    expect(out.stderr).toContain('fast.ratio = 4.6, not < 4; running fast again to confirm');
    expect(out.stdout).toContain('confirmation run:');
  });

  it('fail with exit code 4 and a JUnit failure when both runs cross', async () => {
    const suite = scripted([4.6, 4.4]);
    const { io: sink, out } = io();
    const { code } = await runBench(
      ['fast'],
      { threshold: [threshold('fast.ratio<4'), threshold('fast.cpu<=1')], junit: 'bench.xml' },
      sink,
      { fast: suite },
    );
    expect(code).toBe(EXIT.thresholdCrossed);
    expect(EXIT.thresholdCrossed).toBe(4);
    expect(out.stderr).toContain('bench: threshold crossed: fast.ratio<4 (4.6, then 4.4)');
    const xml = readFileSync(join(sink.cwd, 'bench.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="vaultsim bench thresholds" tests="2" failures="1"');
    expect(xml).toContain('<testcase name="fast.cpu&lt;=1" classname="vaultsim.bench.fast"/>');
    expect(xml).toContain(
      'failure message="fast.ratio&lt;4 crossed: 4.6, then 4.4 (run, then confirmation run)"',
    );
  });

  it('never pass silently on a figure the suite does not print: bad input, with the names it does', async () => {
    const { io: sink } = io();
    const run = runBench(['fast'], { threshold: [threshold('fast.ration<4')] }, sink, {
      fast: scripted([1]),
    });
    await expect(run).rejects.toThrow(InputError);
    await expect(
      runBench(['fast'], { threshold: [threshold('fast.ration<4')] }, sink, { fast: scripted([1]) }),
    ).rejects.toThrow('the fast suite prints no figure fast.ration (did you mean fast.ratio?)');
  });

  it('refuse, before running anything, a threshold on a suite the run does not include', async () => {
    const fast = scripted([1]);
    const slow = scripted([1]);
    const { io: sink } = io();
    await expect(
      runBench(['fast'], { threshold: [threshold('slow.ratio<4')] }, sink, { fast, slow }),
    ).rejects.toThrow('judges the slow suite, which this run does not include');
    await expect(runBench([], { threshold: [threshold('other.x<4')] }, sink, { fast })).rejects.toThrow(
      'no bench suite "other"',
    );
    await expect(runBench(['fsat'], {}, sink, { fast })).rejects.toThrow('(did you mean "fast"?)');
    expect(fast.runs() + slow.runs()).toBe(0);
  });

  it('exit 1 when a deterministic figure differs from the baseline, and record one', async () => {
    const { io: sink, out } = io();
    const first = await runBench(['fast'], { writeBaseline: 'b.json' }, sink, { fast: scripted([1]) });
    expect(first.code).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(join(sink.cwd, 'b.json'), 'utf8'))).toEqual({
      fast: { 'fast.events': 100 },
    });
    const changed: Suite = {
      ...scripted([1]),
      run: async () => ({ results: [{ name: 'fast.events', value: 101, unit: 'events' }], ratios: [] }),
    };
    const second = await runBench(['fast'], { baseline: 'b.json', junit: 'j.xml' }, sink, { fast: changed });
    expect(second.code).toBe(EXIT.objectiveFailed);
    expect(out.stderr).toContain('bench: fast: fast.events = 101, baseline 100');
    expect(readFileSync(join(sink.cwd, 'j.xml'), 'utf8')).toContain(
      '<testsuite name="vaultsim bench baseline" tests="1" failures="1"',
    );
  });
});

describe('vaultsim bench on the command line', () => {
  it('--help names every suite and says what it measures, without running one', async () => {
    const r = await runIn(tempDir(), 'bench', '--help');
    expect(r.code).toBe(0);
    for (const suite of ['startup', 'kernel', 'fleet', 'dr', 'layout', 'sweep'])
      expect(r.stdout).toMatch(new RegExp(`^  ${suite} +\\S`, 'm'));
    expect(r.stdout).toContain('--threshold');
  });

  it('a malformed threshold or an unknown suite is a usage error (exit 2)', async () => {
    const bad = await runIn(tempDir(), 'bench', 'dr', '--threshold', 'dr.events');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--threshold takes FIGURE<NUMBER');
    const unknown = await runIn(tempDir(), 'bench', 'flete');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown bench suite "flete" (did you mean "fleet"?)');
  });

  it('--rounds without the fleet suite is a usage error: it would change nothing', async () => {
    const r = await runIn(tempDir(), 'bench', 'kernel', '--rounds', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--rounds sets how often the fleet suite runs, and this run does not include it; add fleet.',
    );
    const zero = await runIn(tempDir(), 'bench', 'fleet', '--rounds', '0');
    expect(zero.code).toBe(2);
  });
});

describe('the fleet suite with --rounds', () => {
  it('runs the model and both sketches in turn and reports medians, the same events and fingerprint', async () => {
    const { benchFleet } = await import('../../bench/fleet.js');
    const one = benchFleet(20, 3);
    const three = benchFleet(20, 3, 3);
    const figure = (f: typeof one, name: string) =>
      [...f.results, ...f.ratios].find((r) => r.name === name)?.value;
    expect(figure(three, 'fleet.rounds')).toBe(3);
    expect(figure(one, 'fleet.rounds')).toBeUndefined();
    expect(figure(three, 'fleet.events')).toBe(figure(one, 'fleet.events'));
    expect(three.results.filter((r) => r.name.startsWith('fleet.fingerprint.'))).toEqual(
      one.results.filter((r) => r.name.startsWith('fleet.fingerprint.')),
    );
    for (const name of [
      'fleet.cpu_per_vm_day',
      'fleet.sketch_full_cpu_per_vm_day',
      'fleet.ratio_to_full_sketch',
    ])
      expect(figure(three, name)).toBeGreaterThan(0);
  });
});
