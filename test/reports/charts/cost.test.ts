// The monthly cost chart by dimension (`run --cost-by`): valid vega-lite for every
// dimension, its stacks add up to each month's cost, and items past the 20 largest are one row.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { CostDimension } from '../../../models/pricing/types.js';
import type { RunResult } from '../../../models/results/types.js';
import { costChart } from '../../../reports/charts/cost.js';
import { buildCharts, type Chart } from '../../../reports/charts/index.js';
import { aLine, aRun } from '../cost-fixture.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

type Values = Record<string, string | number>[];
const valuesOf = (c: Chart): Values => (c.spec as unknown as { data: { values: Values } }).data.values;

const items = Array.from({ length: 24 }, (_, i) =>
  aLine({
    meter: 'protectedInstances',
    item: `vm-${String(i).padStart(2, '0')}`,
    quantity: 1,
    unitPrice: 40 - i,
  }),
);
const lines = [
  ...items,
  aLine({ vault: 'rsv-dr', region: 'westus', quantity: 300 }),
  aLine({ month: '2026-04', quantity: 900 }),
  aLine({
    month: '2026-04',
    meter: 'asrInstances',
    vault: null,
    policy: 'asr:web',
    item: 'vm-00',
    quantity: 1,
    unitPrice: 25,
  }),
];
const results: RunResult[] = [
  aRun(lines, { end: '2026-05-01T00:00:00.000Z' }),
  aRun(lines.slice(3), { variant: 'fewer', end: '2026-05-01T00:00:00.000Z' }),
];
const DIMENSIONS: CostDimension[] = ['vault', 'policy', 'region', 'meter', 'item'];

describe('costChart', () => {
  it.each(DIMENSIONS)('by %s: valid vega-lite that compiles without a warning', (by) => {
    const chart = costChart(results, by) as Chart;
    expect(validate(chart.spec) ? [] : validate.errors?.slice(0, 3)).toEqual([]);
    const warnings: unknown[] = [];
    const logger = {
      level: () => logger,
      info: () => logger,
      debug: () => logger,
      warn: (...a: unknown[]) => {
        warnings.push(a);
        return logger;
      },
      error: (...a: unknown[]) => {
        warnings.push(a);
        return logger;
      },
    };
    compile(chart.spec, { logger: logger as never });
    expect(warnings).toEqual([]);
    expect(chart.title).toBe(`Monthly cost by ${by}`);
  });

  it.each(DIMENSIONS)("by %s: each month's stack adds up to the month's cost", (by) => {
    const values = valuesOf(costChart(results, by) as Chart);
    for (const r of results)
      for (const m of r.cost.months) {
        const stacked = values
          .filter((v) => v.run === r.variant && v.month === m.month)
          .reduce((s, v) => s + (v.amount as number), 0);
        expect(stacked).toBeCloseTo(m.total, 1);
      }
  });

  it('stacks by a tag key: valid vega-lite, one colour per value and one for the lines without the tag', () => {
    const tagged = lines.map((l, i) =>
      i % 2 === 0 ? { ...l, tags: { env: i === 0 ? 'prod' : 'test' } } : l,
    );
    const chart = costChart([aRun(tagged, { end: '2026-05-01T00:00:00.000Z' })], 'tag:env') as Chart;
    expect(validate(chart.spec) ? [] : validate.errors?.slice(0, 3)).toEqual([]);
    expect(chart.title).toBe('Monthly cost by tag env');
    expect(new Set(valuesOf(chart).map((v) => v.tag))).toEqual(new Set(['prod', 'test', '(no env tag)']));
  });

  it('stacks by meter unless told otherwise, and buildCharts passes --cost-by through', () => {
    expect(costChart(results)?.title).toBe('Monthly cost by meter');
    const byVault = buildCharts(results, { costBy: 'vault' }).find((c) => c.name === 'cost');
    expect(byVault?.title).toBe('Monthly cost by vault');
    expect(new Set(valuesOf(byVault as Chart).map((v) => v.vault))).toEqual(
      new Set(['rsv-prod', 'rsv-dr', '(no vault)']),
    );
  });

  it('shows the 20 largest items and one grey row for the rest', () => {
    const keys = [...new Set(valuesOf(costChart(results, 'item') as Chart).map((v) => v.item))];
    expect(keys).toHaveLength(20 + 2);
    expect(keys).toContain('(4 other items)');
    expect(keys).toContain('(not per item)');
  });

  it('is null when no run has a charge', () => {
    expect(costChart([aRun([])], 'vault')).toBeNull();
  });
});
