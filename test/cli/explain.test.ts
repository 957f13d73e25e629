// `vaultsim explain cost`: the lines behind a figure with their prices' sources, --json as
// the same object, filters that name nothing as exit 2 listing what exists; and `run`'s
// cost outputs: --cost-by's table and costs.csv adding up to summary.json's total.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CostExplanation } from '../../reports/explain-cost.js';
import { TINY } from '../reports/fixture.js';
import { hasStack, runIn, tempDir } from './harness.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'tiny.yaml'), TINY);
});
const run = (...argv: string[]) => runIn(dir, ...argv);

describe('vaultsim explain cost', () => {
  it('prints every line of a vault in a month with quantity, unit price, source and rule, then the total', async () => {
    const r = await run('explain', 'cost', 'tiny.yaml', '--vault', 'rsv', '--month', '2026-03');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tiny \(base, seed 3\): cost lines of vault rsv, month 2026-03\n/);
    expect(r.stdout).toMatch(/^2026-03 {2}vault standard: /m);
    expect(r.stdout).toMatch(/^ {2}quantity {2}[\d,.]+ GB-month × \$0\.056 = \$\d+\.\d\d$/m);
    expect(r.stdout).toMatch(
      /^ {2}price {5}vaultStorage\.GRS = 0\.056 USD per GB-month: docs\/reference\.md/m,
    );
    expect(r.stdout).toMatch(/^ {2}rule {6}\S/m);
    expect(r.stdout).toMatch(/^Total of \d+ lines: \$\d+\.\d\d \(the run: \$\d+\.\d\d\)\.$/m);
  });

  it('--json prints the same selection as an object whose lines add up to its total', async () => {
    const r = await run('explain', 'cost', 'tiny.yaml', '--item', 'app-001', '--json');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as CostExplanation;
    expect(e.filter).toEqual({ vault: null, month: null, item: 'app-001', meter: null });
    expect(e.lines.length).toBeGreaterThan(0);
    for (const l of e.lines) {
      expect(l.item).toBe('app-001');
      expect(l.citation?.path).toBe(l.price);
    }
    expect(e.total).toBeCloseTo(
      e.lines.reduce((s, l) => s + l.amount, 0),
      9,
    );
  });

  it('--meter and --variant pick the lines and the run', async () => {
    const r = await run(
      'explain',
      'cost',
      'tiny.yaml',
      '--meter',
      'protectedInstances',
      '--variant',
      'daily-7',
      '--json',
    );
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as CostExplanation;
    expect(e.variant).toBe('daily-7');
    expect(new Set(e.lines.map((l) => l.meter))).toEqual(new Set(['protectedInstances']));
  });

  it('exits 2 for an unknown vault, month or item, listing what exists, without a stack', async () => {
    const r = await run(
      'explain',
      'cost',
      'tiny.yaml',
      '--vault',
      'nope',
      '--month',
      '2027-01',
      '--item',
      'vm-9',
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('vaultsim: --vault nope: no such vault in the run (vaults: rsv).');
    expect(r.stderr).toContain(
      'vaultsim: --month 2027-01: the run does not cover that month (it has 2026-03).',
    );
    expect(r.stderr).toContain(
      'vaultsim: --item vm-9: no cost line is for that item (items: app-001, app-002).',
    );
    expect(hasStack(r.stderr)).toBe(false);
  });

  it('exits 2 for a malformed month, an unknown meter and an unknown variant', async () => {
    expect((await run('explain', 'cost', 'tiny.yaml', '--month', 'March')).stderr).toContain(
      '--month March: expected a month as YYYY-MM',
    );
    const meter = await run('explain', 'cost', 'tiny.yaml', '--meter', 'storage');
    expect(meter.code).toBe(2);
    expect(meter.stderr).toContain('vaultStandard');
    const variant = await run('explain', 'cost', 'tiny.yaml', '--variant', 'daily-8');
    expect(variant.code).toBe(2);
    expect(variant.stderr).toContain(
      'has no variant "daily-8" (it has: base, daily-7). Did you mean "daily-7"?',
    );
  });

  it('is listed under explain in the help', async () => {
    const r = await run('explain', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}cost \[options\] <file>/m);
  });
});

describe('vaultsim run: cost outputs', () => {
  it('--cost-by prints the split after the summary table; --json is unaffected', async () => {
    const r = await run('run', 'tiny.yaml', '--no-out', '--cost-by', 'item');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nCost by item \(USD\), over the run\n +base +daily-7\n {2}app-00[12] /);
    expect(r.stdout).toMatch(/^ {2}\(not per item\) +\$/m);
    const json = await run('run', 'tiny.yaml', '--no-out', '--cost-by', 'item', '--json');
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });

  it('--cost-by tag:<key> splits by a fleet tag; tag keys are checked as the scenario writes them', async () => {
    writeFileSync(
      join(dir, 'tagged.yaml'),
      TINY.replace('    count: 2\n', '    count: 2\n    tags: { env: prod }\n'),
    );
    const r = await run('run', 'tagged.yaml', '--no-out', '--cost-by', 'tag:env');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Cost by tag env \(USD\), over the run$/m);
    expect(r.stdout).toMatch(/^ {2}prod +\$\d+\.\d\d/m);
    expect(r.stdout).toMatch(/^ {2}\(no env tag\) +\$\d+\.\d\d/m);
    const bad = await run('run', 'tagged.yaml', '--no-out', '--cost-by', 'tag:a b');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('tag:<key>');
  });

  it('rejects an unknown --cost-by with exit 2', async () => {
    const r = await run('run', 'tiny.yaml', '--no-out', '--cost-by', 'team');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('vault, policy, region, meter, item');
  });

  it("writes costs.csv whose BilledCost adds up to summary.json's total for every run", async () => {
    const r = await run('run', 'tiny.yaml');
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'vaultsim-out/summary.json'), 'utf8'));
    const [head, ...rows] = readFileSync(join(dir, 'vaultsim-out/costs.csv'), 'utf8').trimEnd().split('\n');
    const cols = head.split(',');
    // The tiny scenario's fields hold no comma or quote, so a plain split reads them.
    const at = (row: string, col: string) => row.split(',')[cols.indexOf(col)];
    for (const s of summary.runs) {
      const billed = rows
        .filter((row) => at(row, 'x_Variant') === s.variant)
        .reduce((t, row) => t + Number(at(row, 'BilledCost')), 0);
      expect(Math.round(billed * 100) / 100).toBe(s.cost.total);
    }
  });
});
