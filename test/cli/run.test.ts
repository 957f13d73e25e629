// `vaultsim run`: table or --json on stdout, files in --out, byte-identical reruns, bad
// input as issue lines with exit 2, --seed and --variant.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { SUMMARY_SCHEMA } from '../../reports/summary.schema.js';
import { TINY } from '../reports/fixture.js';
import { hasStack, runIn, tempDir } from './harness.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'tiny.yaml'), TINY);
});
const run = (...argv: string[]) => runIn(dir, ...argv);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(SUMMARY_SCHEMA);

describe('vaultsim run', () => {
  it('prints the table for every run, writes summary.json, timeseries.csv and costs.csv, exits 0', async () => {
    const r = await run('run', 'tiny.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tiny: 10 days from 2026-03-01T00:00:00\.000Z, 2 runs\n/);
    expect(r.stdout).toMatch(/^ +base +daily-7$/m);
    expect(r.stderr).toBe(
      'wrote vaultsim-out/summary.json\nwrote vaultsim-out/timeseries.csv\nwrote vaultsim-out/costs.csv\n',
    );
    expect(JSON.parse(read('vaultsim-out/summary.json')).runs).toHaveLength(2);
    expect(read('vaultsim-out/timeseries.csv').split('\n')).toHaveLength(1 + 2 * 10 + 1);
    expect(existsSync(join(dir, 'vaultsim-out/events.jsonl'))).toBe(false);
  });

  it('--json prints exactly the summary object, which validates against SUMMARY_SCHEMA', async () => {
    const r = await run('run', 'tiny.yaml', '--json', '--no-out');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const summary = JSON.parse(r.stdout);
    expect(validate(summary)).toBe(true);
    expect(summary.scenario).toMatchObject({ file: 'tiny.yaml', name: 'tiny' });
    expect(r.stdout).toBe(`${JSON.stringify(summary, null, 2)}\n`);
  });

  it('records the scenario by file name and content hash: the same bytes from another folder', async () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'tiny.yaml'), TINY);
    const here = await run('run', 'tiny.yaml', '--json', '--no-out');
    const there = await runIn(join(dir, 'sub'), 'run', '../sub/tiny.yaml', '--json', '--no-out');
    const summary = JSON.parse(here.stdout);
    expect(summary.scenario.file).toBe('tiny.yaml');
    expect(summary.scenario.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(there.stdout).toBe(here.stdout);
  });

  it('is deterministic: two runs write byte-identical summary.json, equal to what --json prints', async () => {
    await run('run', 'tiny.yaml', '--out', 'a');
    await run('run', 'tiny.yaml', '--out', 'b');
    const json = await run('run', 'tiny.yaml', '--json', '--no-out');
    expect(read('a/summary.json')).toBe(read('b/summary.json'));
    expect(read('a/timeseries.csv')).toBe(read('b/timeseries.csv'));
    expect(read('a/costs.csv')).toBe(read('b/costs.csv'));
    expect(read('a/summary.json')).toBe(json.stdout);
  });

  it('--out DIR --trace writes the four files, events as JSON lines tagged with their run', async () => {
    const r = await run('run', 'tiny.yaml', '--out', 'out/nested', '--trace');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^wrote out\/nested\/summary\.json\nwrote out\/nested\/timeseries\.csv\nwrote out\/nested\/costs\.csv\nwrote out\/nested\/events\.jsonl \(\d+ events\)\n$/,
    );
    const events = read('out/nested/events.jsonl')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.length).toBeGreaterThan(0);
    expect(Object.keys(events[0]).slice(0, 4)).toEqual(['variant', 't', 'kind', 'subject']);
    expect(new Set(events.map((e) => e.variant))).toEqual(new Set(['base', 'daily-7']));
    // Runs are traced one after another: every base line comes before the first daily-7 line.
    const variants: string[] = events.map((e) => e.variant);
    expect(variants.indexOf('daily-7')).toBe(variants.lastIndexOf('base') + 1);
  });

  it('a bad scenario prints its issue line on stderr and exits 2, no stack', async () => {
    writeFileSync(join(dir, 'bad.yaml'), TINY.replace('size: 128GiB', 'size: "128"'));
    const r = await run('run', 'bad.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^bad\.yaml:\d+:\d+ fleet\[0\]\.disks\[0\]\.size: expected a size like 128GiB, got "128"\n$/,
    );
    expect(hasStack(r.stderr)).toBe(false);
    expect(existsSync(join(dir, 'vaultsim-out'))).toBe(false);
  });

  it('a missing file is an issue, exit 2', async () => {
    const r = await run('run', 'missing.yaml');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'missing.yaml file not found\n' });
  });

  it('--seed 7 overrides the seed of every run and changes the fingerprint', async () => {
    const a = JSON.parse((await run('run', 'tiny.yaml', '--json', '--no-out')).stdout);
    const b = JSON.parse((await run('run', 'tiny.yaml', '--json', '--no-out', '--seed', '7')).stdout);
    expect(a.runs.map((r: { seed: number }) => r.seed)).toEqual([3, 3]);
    expect(b.runs.map((r: { seed: number }) => r.seed)).toEqual([7, 7]);
    expect(b.runs[0].fingerprint).not.toBe(a.runs[0].fingerprint);
  });

  it('--variant keeps only the named runs; an unknown name is bad input with a suggestion', async () => {
    const only = JSON.parse(
      (await run('run', 'tiny.yaml', '--json', '--no-out', '--variant', 'daily-7')).stdout,
    );
    expect(only.runs.map((r: { variant: string }) => r.variant)).toEqual(['daily-7']);
    const bad = await run('run', 'tiny.yaml', '--no-out', '--variant', 'daily-8');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'vaultsim: tiny.yaml has no variant "daily-8" (it has: base, daily-7). Did you mean "daily-7"?\n',
    );
  });

  it('--trace with --no-out, or an --out that is a file, is bad input', async () => {
    const trace = await run('run', 'tiny.yaml', '--no-out', '--trace');
    expect(trace.code).toBe(2);
    expect(trace.stderr).toContain('--trace writes events.jsonl');
    writeFileSync(join(dir, 'taken'), 'x');
    const file = await run('run', 'tiny.yaml', '--out', 'taken');
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('vaultsim: --out taken is a file, not a directory.\n');
    expect(hasStack(trace.stderr + file.stderr)).toBe(false);
  });
});
