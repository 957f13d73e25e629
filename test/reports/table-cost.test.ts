// `run --cost-by`: the cost split as a table (keys ordered by the base, the no-value row
// last, items cut to the 20 largest plus one row for the rest), side by side for variants,
// and the splits' property: every dimension adds up to the run's total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CostDimension, CostLine } from '../../models/pricing/types.js';
import { centsAddingUp, ITEM_LIMIT, limitShares, shareRows } from '../../reports/cost-shares.js';
import { buildSummary } from '../../reports/summary.js';
import { MAX_WIDTH } from '../../reports/table.js';
import { renderCostTable } from '../../reports/table-cost.js';
import { aLine, aRun } from './cost-fixture.js';

const twoVaults: CostLine[] = [
  aLine({ vault: 'rsv-prod', quantity: 1000 }), // $56.00
  aLine({ vault: 'rsv-dr', region: 'westus', quantity: 500 }), // $28.00
  aLine({
    meter: 'asrInstances',
    vault: null,
    policy: 'asr:web',
    item: 'web-001',
    quantity: 1,
    unitPrice: 25,
  }),
];

describe('renderCostTable', () => {
  it('lists one row per vault, largest first, the charges without a vault last, then the total', () => {
    expect(renderCostTable([aRun(twoVaults)], 'vault')).toBe(
      [
        'Cost by vault (USD), over the run',
        '                 base',
        '  rsv-prod     $56.00',
        '  rsv-dr       $28.00',
        '  (no vault)   $25.00',
        '  total       $109.00',
        '',
      ].join('\n'),
    );
  });

  it('shows variants side by side with their change against the base', () => {
    const variant = aRun([aLine({ vault: 'rsv-prod', quantity: 2000 }), twoVaults[2]], {
      variant: 'long-retention',
    });
    const text = renderCostTable([aRun(twoVaults), variant], 'vault');
    expect(text).toMatch(/^ +base +long-retention$/m);
    expect(text).toMatch(/^ {2}rsv-prod +\$56\.00 +\$112\.00 \(\+100\.0%\)$/m);
    expect(text).toMatch(/^ {2}rsv-dr +\$28\.00 +\$0\.00 \(-100\.0%\)$/m);
    expect(text).toMatch(/^ {2}\(no vault\) +\$25\.00 +\$25\.00 \(=\)$/m);
  });

  it('names meters in words', () => {
    const text = renderCostTable([aRun(twoVaults)], 'meter');
    expect(text).toContain('  vault standard ');
    expect(text).toContain('  Site Recovery instances ');
  });

  it('lists the 20 largest items and sums the rest in one row', () => {
    const lines = Array.from({ length: 25 }, (_, i) =>
      aLine({
        meter: 'protectedInstances',
        item: `vm-${String(i).padStart(2, '0')}`,
        quantity: 1,
        unitPrice: 100 - i,
      }),
    );
    const text = renderCostTable([aRun([...lines, aLine()])], 'item');
    expect(text).toContain('over the run: the 20 largest items');
    expect(text).toMatch(/^ {2}vm-00 +\$100\.00$/m);
    expect(text).toMatch(/^ {2}vm-19 +\$81\.00$/m);
    expect(text).not.toContain('vm-20');
    // 80 + 79 + 78 + 77 + 76 = 390
    expect(text).toMatch(/^ {2}\(5 other items\) +\$390\.00$/m);
    expect(text).toMatch(/^ {2}\(not per item\) +\$5\.60$/m);
  });

  it('splits by a tag key: one row per value, the lines without that tag last', () => {
    const tagged: CostLine[] = [
      aLine({
        meter: 'protectedInstances',
        item: 'web-001',
        quantity: 1,
        unitPrice: 10,
        tags: { env: 'prod' },
      }),
      aLine({
        meter: 'protectedInstances',
        item: 'web-002',
        quantity: 1,
        unitPrice: 10,
        tags: { env: 'prod' },
      }),
      aLine({
        meter: 'protectedInstances',
        item: 'db-001',
        quantity: 1,
        unitPrice: 5,
        tags: { env: 'test', app: 'x' },
      }),
      aLine({ meter: 'protectedInstances', item: 'ops-001', quantity: 1, unitPrice: 7, tags: { app: 'x' } }),
      aLine({ quantity: 100 }), // vault level: $5.60
    ];
    expect(renderCostTable([aRun(tagged)], 'tag:env')).toBe(
      [
        'Cost by tag env (USD), over the run',
        '                  base',
        '  prod          $20.00',
        '  test           $5.00',
        '  (no env tag)  $12.60',
        '  total         $37.60',
        '',
      ].join('\n'),
    );
    expect(shareRows([aRun(tagged)], 'tag:app')).toEqual([
      { key: 'x', amounts: [12] },
      { key: '(none)', amounts: [25.6] },
    ]);
  });

  it('should never print a line wider than MAX_WIDTH, continuing runs in blocks', () => {
    const runs = [
      'base',
      'a-rather-long-variant-name',
      'another-long-variant-name',
      'v4',
      'v5',
      'v6',
      'v7',
    ].map((variant) => aRun(twoVaults, { variant }));
    const text = renderCostTable(runs, 'policy');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(MAX_WIDTH);
    expect(text.split('\n').filter((l) => l.startsWith('  total')).length).toBeGreaterThan(1);
  });
});

const DIMENSIONS: CostDimension[] = ['vault', 'policy', 'region', 'meter', 'item'];

const lineArb = fc
  .record({
    meter: fc.constantFrom('vaultStandard' as const, 'protectedInstances' as const, 'asrInstances' as const),
    vault: fc.option(fc.constantFrom('rsv-a', 'rsv-b', 'rsv-c'), { nil: null }),
    policy: fc.constantFrom('daily', 'weekly', 'asr:web'),
    region: fc.constantFrom('eastus', 'westus'),
    item: fc.option(
      fc.integer({ min: 0, max: 40 }).map((i) => `vm-${i}`),
      { nil: null },
    ),
    quantity: fc.double({ min: 0, max: 1e4, noNaN: true }),
  })
  .map((l) => aLine(l));

describe('cost splits', () => {
  it("should always add every dimension's rows up to each run's total", () => {
    fc.assert(
      fc.property(fc.array(fc.array(lineArb, { maxLength: 60 }), { minLength: 1, maxLength: 3 }), (runs) => {
        const results = runs.map((lines, i) => aRun(lines, { variant: `r${i}` }));
        for (const d of DIMENSIONS) {
          const rows = shareRows(results, d);
          if (d === 'item')
            expect(rows.filter((r) => r.key.startsWith('vm-')).length).toBeLessThanOrEqual(ITEM_LIMIT);
          results.forEach((r, i) => {
            const sum = rows.reduce((s, row) => s + row.amounts[i], 0);
            expect(sum).toBeCloseTo(r.cost.summary.total, 6);
            const limited = limitShares(r.cost.by[d], d).reduce((s, share) => s + share.amount, 0);
            expect(limited).toBeCloseTo(r.cost.summary.total, 6);
          });
        }
      }),
    );
  });

  it("should always add a tag key's rows up to each run's total", () => {
    const taggedArb = fc
      .tuple(lineArb, fc.option(fc.constantFrom('prod', 'test', 'dev'), { nil: undefined }))
      .map(([l, env]) => (env === undefined ? l : { ...l, tags: { env } }));
    fc.assert(
      fc.property(
        fc.array(fc.array(taggedArb, { maxLength: 60 }), { minLength: 1, maxLength: 3 }),
        (runs) => {
          const results = runs.map((lines, i) => aRun(lines, { variant: `r${i}` }));
          const rows = shareRows(results, 'tag:env');
          results.forEach((r, i) => {
            expect(rows.reduce((s, row) => s + row.amounts[i], 0)).toBeCloseTo(r.cost.summary.total, 6);
          });
        },
      ),
    );
  });

  it('should never list a key twice', () => {
    fc.assert(
      fc.property(fc.array(fc.array(lineArb, { maxLength: 60 }), { minLength: 1, maxLength: 3 }), (runs) => {
        const results = runs.map((lines) => aRun(lines));
        for (const d of DIMENSIONS) {
          const keys = shareRows(results, d).map((r) => r.key);
          expect(new Set(keys).size).toBe(keys.length);
        }
      }),
    );
  });
});

describe('centsAddingUp', () => {
  it('keeps amounts whose cents already add up, else moves the cents rounding moved furthest', () => {
    expect(centsAddingUp([6658.495, 46947.644, 6480], 60086.14)).toEqual([6658.5, 46947.64, 6480]);
    expect(centsAddingUp([1.005, 1.005, 1.005], 3.02)).toEqual([1, 1.01, 1.01]);
    expect(centsAddingUp([10, 0.004, 0.003], 10.01)).toEqual([10, 0.01, 0]);
  });

  it('rounds one by one when the amounts do not make the total (nothing is hidden)', () => {
    expect(centsAddingUp([1.234, 2.345], 10)).toEqual([1.23, 2.35]);
  });

  it("should always add the summary's shares of every dimension up to its total, to the cent", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 80 }), (lines) => {
        const cost = buildSummary([aRun(lines)], { file: 'x', version: '0' }).runs[0].cost;
        for (const d of DIMENSIONS) {
          const cents = cost.by[d].map((s) => Math.round(s.amount * 100));
          expect(cents.reduce((s, c) => s + c, 0)).toBe(Math.round(cost.total * 100));
        }
      }),
    );
  });
});
