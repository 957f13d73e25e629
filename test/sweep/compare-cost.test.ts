// compare's cost split: per dimension, each run's cost over the run and its delta against
// the base; a key one run lacks counts 0; items beyond the top 20 by |Δ| summed.
import { describe, expect, it } from 'vitest';
import type { CostDimension } from '../../models/pricing/types.js';
import type { RunResult } from '../../models/results/types.js';
import { compareRuns, renderComparison } from '../../reports/compare.js';
import { TOP_ITEMS } from '../../reports/compare-cost.js';
import { type Figure, figuresOf } from '../../reports/figures.js';
import { tabulate } from '../../reports/run-table.js';
import { tinyResults } from '../reports/fixture.js';
import { replications } from './fixtures.js';

const meta = (n: number) => ({ version: '1.0.0', file: 's.yaml', name: 's', seed: 5, replications: n });

/** cost.by figures from a { dimension: { key: amount } } table. */
function costBy(table: Partial<Record<CostDimension, Record<string, number>>>): Figure[] {
  return Object.entries(table).flatMap(([d, keys]) =>
    Object.entries(keys ?? {}).map(([key, value]) => ({
      name: `cost.by.${d}.${key}`,
      unit: 'money' as const,
      value,
    })),
  );
}

function runsOf(n: number, variants: string[], make: (r: number, run: number) => Figure[]) {
  return tabulate(
    replications(n, variants, make),
    variants,
    variants.map(() => 'USD'),
  );
}

// Base: vaults rsv-a $100, rsv-b $50 (total $150); 25 items item-00 … item-24 at $6 each.
// Variant "grs": rsv-a $130, rsv-b gone, rsv-c $20 (total $150); item-k costs 6 + k.
const items = (run: number) =>
  Object.fromEntries(
    Array.from({ length: 25 }, (_, k) => [`item-${String(k).padStart(2, '0')}`, 6 + run * k]),
  );
const fixture = (run: number): Figure[] => [
  { name: 'cost.total', unit: 'money', value: 150 },
  ...costBy({
    vault: run === 0 ? { 'rsv-a': 100, 'rsv-b': 50 } : { 'rsv-a': 130, 'rsv-c': 20 },
    region: { eastus: 150 },
    item: items(run),
  }),
];

describe('compare by cost dimension', () => {
  const c = compareRuns(
    runsOf(1, ['base', 'grs'], (_, run) => fixture(run)),
    meta(1),
  );
  const dim = (d: CostDimension) => c.costBy.find((x) => x.dimension === d)!;

  it('gives every key of a dimension, in either run, the other counting 0, by largest |Δ|', () => {
    expect(c.costBy.map((d) => d.dimension)).toEqual(['vault', 'region', 'item']);
    const vault = dim('vault');
    // |Δ|: rsv-b 50 (to 0), rsv-a 30, rsv-c 20 (from 0).
    expect(vault.rows.map((r) => r.key)).toEqual(['rsv-b', 'rsv-a', 'rsv-c']);
    expect(vault.rows[0].runs).toEqual([
      { n: 1, mean: 50, delta: null },
      { n: 1, mean: 0, delta: { n: 1, mean: -50, change: -1, ci95: null } },
    ]);
    expect(vault.rows[2].runs[1]).toEqual({
      n: 1,
      mean: 20,
      delta: { n: 1, mean: 20, change: null, ci95: null },
    });
    expect(vault.rest).toBeNull();
    // The cost.by figures are not listed among the plain figures.
    expect(c.figures.map((f) => f.name)).toEqual(['cost.total']);
  });

  it('shows the 20 items with the largest |Δ| and sums the others', () => {
    const item = dim('item');
    // Δ of item-k is k: items 24 … 5 are shown; 0 … 4 are summed: base 5 × 6 = 30,
    // variant 30 + (0 + 1 + 2 + 3 + 4) = 40.
    expect(item.rows).toHaveLength(TOP_ITEMS);
    expect(item.rows[0].key).toBe('item-24');
    expect(item.rows.at(-1)?.key).toBe('item-05');
    expect(item.rest).toEqual({
      keys: 5,
      runs: [
        { n: 1, mean: 30, delta: null },
        { n: 1, mean: 40, delta: { n: 1, mean: 10, change: 0.333333, ci95: null } },
      ],
    });
    // Shown rows and the rest add up to the dimension's total in each run.
    const total = (i: number) => item.rows.reduce((s, r) => s + r.runs[i].mean, 0) + item.rest!.runs[i].mean;
    expect([total(0), total(1)]).toEqual([150, 150 + (24 * 25) / 2]);
  });

  it('renders a table per dimension after the figures, text and Markdown', () => {
    const text = renderComparison(c);
    expect(text).toContain('\nCost by vault over the run\n');
    expect(text).toMatch(/^vault +base +grs$/m);
    expect(text).toMatch(/^rsv-b +\$50\.00 +\$0\.00 \(-100\.0%\)$/m);
    expect(text).toMatch(/^rsv-c +\$0\.00 +\$20\.00 \(new\)$/m);
    expect(text).toContain('\nCost by item over the run, top 20 by |Δ|\n');
    expect(text).toMatch(/^\(5 more items\) +\$30\.00 +\$40\.00 \(\+33\.3%\)$/m);
    expect(text.indexOf('Cost by vault')).toBeGreaterThan(text.indexOf('cost.total'));
    const md = renderComparison(c, 'md');
    expect(md).toContain('| vault | base | grs |');
    expect(md).toContain('| rsv-a | $100.00 | $130.00 (+30.0%) |');
  });

  it('pairs replications: a key present in some replications only counts 0 in the others', () => {
    // rsv-c exists in the variant in r1 only ($30): its mean over 3 replications is $10.
    const runs = runsOf(3, ['base', 'grs'], (r, run) =>
      costBy({ vault: run === 1 && r === 1 ? { 'rsv-a': 100, 'rsv-c': 30 } : { 'rsv-a': 100 } }),
    );
    const rsvC = compareRuns(runs, meta(3)).costBy[0].rows.find((row) => row.key === 'rsv-c')!;
    expect(rsvC.runs[0]).toEqual({ n: 3, mean: 0, delta: null });
    expect(rsvC.runs[1]).toMatchObject({ n: 3, mean: 10, delta: { n: 3, mean: 10 } });
    expect(renderComparison(compareRuns(runs, meta(3)))).toMatch(/^rsv-c +\$0\.00 +\$10\.00 +\+\$10\.00 ± /m);
  });

  it('has no cost tables without cost.by figures (a sweep part)', () => {
    const plain = compareRuns(
      runsOf(1, ['base'], () => [{ name: 'cost.total', unit: 'money', value: 1 }]),
      meta(1),
    );
    expect(plain.costBy).toEqual([]);
    expect(renderComparison(plain)).not.toContain('Cost by');
  });
});

describe('figuresOf with costBy', () => {
  it('adds cost.by.<dimension>.<key> for every share, only when asked', () => {
    const r: RunResult = structuredClone(tinyResults()[0]);
    r.cost.by = {
      vault: [{ key: 'rsv', amount: 12.345 }],
      policy: [{ key: 'daily', amount: 12.345 }],
      region: [{ key: 'eastus', amount: 12.345 }],
      meter: [
        { key: 'vault-standard', amount: 10 },
        { key: 'protected-instances', amount: 2.345 },
      ],
      item: [{ key: 'vm/web.1', amount: 12.345 }],
    };
    const by = figuresOf(r, { costBy: true }).filter((f) => f.name.startsWith('cost.by.'));
    expect(by).toEqual([
      { name: 'cost.by.item.vm/web.1', unit: 'money', value: 12.35 },
      { name: 'cost.by.meter.protected-instances', unit: 'money', value: 2.35 },
      { name: 'cost.by.meter.vault-standard', unit: 'money', value: 10 },
      { name: 'cost.by.policy.daily', unit: 'money', value: 12.35 },
      { name: 'cost.by.region.eastus', unit: 'money', value: 12.35 },
      { name: 'cost.by.vault.rsv', unit: 'money', value: 12.35 },
    ]);
    expect(figuresOf(r).some((f) => f.name.startsWith('cost.by.'))).toBe(false);
  });
});
