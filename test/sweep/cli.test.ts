// compare, sweep and merge end to end (in-process CLI): tables and --json, byte-identical
// output whatever the worker count, sharded-and-merged equal to unsharded, refused parts,
// run --junit.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/program.js';
import { hasStack, runIn, tempDir } from '../cli/harness.js';
import { TINY } from '../reports/fixture.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'tiny.yaml'), TINY);
  writeFileSync(join(dir, 'other.yaml'), TINY.replace('seed: 3', 'seed: 4'));
});
const run = (...argv: string[]) => runIn(dir, ...argv);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('vaultsim sweep', () => {
  it('prints byte-identical --json with 1 and 2 workers', async () => {
    const one = await run('sweep', 'tiny.yaml', '-n', '8', '--workers', '1', '--json');
    const two = await run('sweep', 'tiny.yaml', '-n', '8', '--workers', '2', '--json');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const agg = JSON.parse(one.stdout);
    expect(agg.kind).toBe('vaultsim-sweep');
    expect(agg.replications).toBe(8);
    expect(agg.runs.map((r: { variant: string }) => r.variant)).toEqual(['base', 'daily-7']);
    expect(one.stdout).toBe(`${JSON.stringify(agg, null, 2)}\n`);
    expect(one.stderr).toBe('');
  });

  it('sharded on several "machines" and merged gives the unsharded aggregate, byte for byte', async () => {
    const whole = await run(
      'sweep',
      'tiny.yaml',
      '-n',
      '7',
      '--workers',
      '1',
      '--json',
      '--out',
      'whole.json',
    );
    expect(whole.stderr).toBe('wrote whole.json\n');
    const shards = await Promise.all(
      ['1/3', '2/3', '3/3'].map((s, i) =>
        run(
          'sweep',
          'tiny.yaml',
          '-n',
          '7',
          '--workers',
          i === 1 ? '2' : '1',
          '--shard',
          s,
          '--out',
          `part-${i + 1}.json`,
        ),
      ),
    );
    expect(shards.map((s) => s.code)).toEqual([0, 0, 0]);
    expect(shards[0].stderr).toBe('wrote part-1.json (shard 1/3: replications 0–1 of 7)\n');
    expect(shards.every((s) => s.stdout === '')).toBe(true);
    const merged = await run(
      'merge',
      'part-3.json',
      'part-1.json',
      'part-2.json',
      '--json',
      '--out',
      'agg.json',
    );
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    expect(read('agg.json')).toBe(read('whole.json'));
    const table = await run('merge', 'part-1.json', 'part-2.json', 'part-3.json');
    expect(table.stdout).toBe((await run('sweep', 'tiny.yaml', '-n', '7', '--workers', '1')).stdout);
  });

  it('prints a table with the verdict; a TTY gets a progress line on stderr, others none', async () => {
    const r = await run('sweep', 'tiny.yaml', '-n', '3', '--workers', '1', '--variant', 'daily-7');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tiny: 3 replications, seeds deriveSeed/);
    expect(r.stdout).toMatch(/^daily-7$/m);
    expect(r.stdout).not.toMatch(/^base$/m);
    expect(r.stdout).toContain('verdict: pass (no objectives set)');
    let stderr = '';
    const code = await runCli(['sweep', 'tiny.yaml', '-n', '2', '--workers', '1', '--json'], {
      stdout: { write: () => true },
      stderr: Object.assign({ write: (t: string) => (stderr += t) }, { isTTY: true }),
      cwd: dir,
    });
    expect(code).toBe(0);
    expect(stderr).toContain('sweep: 2/2 replications (100.0%), ETA 0s');
    expect(stderr).not.toContain('NaN');
  });

  it.each([
    [['--shard', '2/3'], '--shard writes a part file: add --out'],
    [['--shard', '4/3', '--out', 'p.json'], '--shard takes i/n with 1 ≤ i ≤ n'],
    [['--shard', '0/3', '--out', 'p.json'], '--shard takes i/n'],
    [['--min-pass-rate', '2'], '--min-pass-rate takes a fraction'],
    [['--variant', 'nope'], 'tiny.yaml has no variant "nope"'],
  ])('refuses %j with exit 2 and no stack', async (args, message) => {
    const r = await run('sweep', 'tiny.yaml', '-n', '2', '--workers', '1', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(hasStack(r.stderr)).toBe(false);
  });

  it('prints a bad scenario as issue lines, exit 2', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'name: x\nduration: forever\n');
    const r = await run('sweep', 'bad.yaml', '-n', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad\.yaml:\d+:\d+ /m);
  });
});

describe('vaultsim merge', () => {
  beforeAll(async () => {
    for (const [file, shard] of [
      ['tiny.yaml', '1/3'],
      ['tiny.yaml', '2/3'],
      ['other.yaml', '3/3'],
    ])
      await run('sweep', file, '-n', '6', '--workers', '1', '--shard', shard, '--out', `m-${shard[0]}.json`);
  });

  it('refuses missing and repeated shards, one line each, exit 2', async () => {
    const r = await run('merge', 'm-1.json', 'm-1.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'vaultsim merge: shard 1/3 is given 2 times: m-1.json, m-1.json.\n' +
        "vaultsim merge: missing shards 2/3, 3/3: every shard's part is needed for the aggregate.\n",
    );
  });

  it('refuses a part of another sweep (other seed, other scenario hash)', async () => {
    const r = await run('merge', 'm-1.json', 'm-2.json', 'm-3.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^vaultsim merge: m-3\.json is from a different sweep than m-1\.json: scenario hash "[0-9a-f]{64}" vs "[0-9a-f]{64}"; seed "4" vs "3"\.\n$/,
    );
  });

  it('refuses unreadable and non-part files', async () => {
    writeFileSync(join(dir, 'junk.json'), '{"hello": 1}');
    const r = await run('merge', 'nope.json', 'junk.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'vaultsim merge: cannot read nope.json: no such file or directory (ENOENT).\n' +
        'vaultsim merge: junk.json is not a vaultsim sweep part (no "kind": "vaultsim-sweep-part").\n',
    );
  });
});

describe('vaultsim compare', () => {
  it('prints base and variant side by side with changes, exit 0', async () => {
    const r = await run('compare', 'tiny.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tiny: 2 runs × 1 replication, common random numbers, seed 3\n/);
    expect(r.stdout).toMatch(/^figure +base +daily-7$/m);
    expect(r.stdout).toMatch(/^points\.end\.daily +\d+ +\d+ \(-\d+\.\d%\)$/m);
    expect(r.stderr).toBe('');
  });

  it('--json prints exactly the comparison object; its single run equals `vaultsim run` figures', async () => {
    const r = await run('compare', 'tiny.yaml', '--json');
    const c = JSON.parse(r.stdout);
    expect(r.stdout).toBe(`${JSON.stringify(c, null, 2)}\n`);
    expect(c.kind).toBe('vaultsim-compare');
    expect(c.runs).toEqual([
      { variant: 'base', currency: 'USD' },
      { variant: 'daily-7', currency: 'USD' },
    ]);
    const summary = JSON.parse((await run('run', 'tiny.yaml', '--json', '--no-out')).stdout);
    const succeeded = c.figures.find((f: { name: string }) => f.name === 'jobs.succeeded');
    expect(succeeded.runs[0].mean).toBe(summary.runs[0].jobs[0].succeeded);
  });

  it('with replications, pairs them and prints the paired CI column (Markdown too), same with 2 workers', async () => {
    const one = await run('compare', 'tiny.yaml', '-n', '4', '--workers', '1', '--format', 'md');
    const two = await run('compare', 'tiny.yaml', '-n', '4', '--workers', '2', '--format', 'md');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('| figure | base | daily-7 | Δ vs base (95% CI) |');
    expect(one.stdout).toMatch(/^\| points\.end\.daily \| [\d.]+ \| [\d.]+ \| -[\d.]+ ± [\d.]+ \*? \|$/m);
  });
});

describe('vaultsim run --junit', () => {
  it('writes a JUnit file with one suite per run (no objectives: no cases) and keeps exit 0', async () => {
    const r = await run('run', 'tiny.yaml', '--no-out', '--junit', 'junit.xml');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('wrote junit.xml\n');
    expect(existsSync(join(dir, 'junit.xml'))).toBe(true);
    expect(read('junit.xml')).toContain('<testsuite name="tiny [base]" tests="0" failures="0"');
  });

  it('a --junit path that cannot be written is bad input', async () => {
    const r = await run('run', 'tiny.yaml', '--no-out', '--junit', 'no/such/dir/junit.xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'vaultsim: cannot write --junit no/such/dir/junit.xml: no such file or directory (ENOENT).\n',
    );
  });
});

describe('objectives as exit codes', () => {
  // An 18-hour region outage against a 1-hour RPO: no daily backup can meet it.
  const OUTAGE = `${TINY}objectives: { rpo: 1h, rto: 4h }\nevents:\n  - { at: 5d, outage: { region: eastus, for: 18h } }\n`;
  beforeAll(() => writeFileSync(join(dir, 'outage.yaml'), OUTAGE));

  it('run exits 1 with the evidence on stderr and JUnit failures carrying it', async () => {
    const r = await run('run', 'outage.yaml', '--no-out', '--json', '--junit', 'outage.xml');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).runs).toHaveLength(2);
    expect(r.stderr).toMatch(/^vaultsim: objective not met: base: RPO ≤ 1h \(all\): .+$/m);
    const xml = read('outage.xml');
    expect(xml).toMatch(/<testsuites tests="\d+" failures="[1-9]\d*" errors="0">/);
    expect(xml).toContain(
      '<testcase name="RPO ≤ 1h (all)" classname="vaultsim.tiny.base">\n      <failure message="',
    );
  });

  it('compare exits 1; sweep exits 1 below --min-pass-rate (default 1) and 0 at 0', async () => {
    const c = await run('compare', 'outage.yaml');
    expect(c.code).toBe(1);
    expect(c.stdout).toContain('objectives not met:\n  base: RPO ≤ 1h (all) failed');
    const strict = await run('sweep', 'outage.yaml', '-n', '3', '--workers', '1');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^ {2}RPO ≤ 1h \(all\) in \d+\.\d% of 3 replications \(95% CI/m);
    expect(strict.stdout).toContain('verdict: FAIL');
    const lenient = await run('sweep', 'outage.yaml', '-n', '3', '--workers', '1', '--min-pass-rate', '0%');
    expect(lenient.code).toBe(0);
  });
});
