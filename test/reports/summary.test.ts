// summary.json: its shape, its rounding, and its published schema (committed copy current,
// every field described, a real run's summary valid under ajv strict).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../models/results/types.js';
import { buildSummary, type Summary } from '../../reports/summary.js';
import { SUMMARY_SCHEMA, summarySchemaText } from '../../reports/summary.schema.js';
import { aLine, aRun } from './cost-fixture.js';
import { tinyResults } from './fixture.js';

const committed = resolve(import.meta.dirname, '../../reports/summary.schema.json');
const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;

/** Paths of every `properties` entry (anywhere in the schema) that has no description. */
function undescribed(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => undescribed(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value !== null && typeof value === 'object')
      for (const [name, field] of Object.entries(value)) {
        const description = (field as { description?: unknown }).description;
        if (typeof description !== 'string' || description.trim() === '')
          out.push(`${path}.properties.${name}`);
      }
    out.push(...undescribed(value, `${path}.${key}`));
  }
  return out;
}

let results: RunResult[];
let summary: Summary;
beforeAll(() => {
  results = tinyResults();
  summary = buildSummary(results, { file: 'tiny.yaml', version: '9.9.9' });
});

describe('buildSummary', () => {
  it('has the fixed top-level and per-run key order', () => {
    expect(Object.keys(summary)).toEqual(['schemaVersion', 'tool', 'scenario', 'runs']);
    expect(summary.tool).toEqual({ name: 'vaultsim', version: '9.9.9' });
    expect(summary.scenario).toEqual({ file: 'tiny.yaml', name: 'tiny', hash: null });
    expect(summary.runs.map((r) => r.variant)).toEqual(['base', 'daily-7']);
    expect(Object.keys(summary.runs[0])).toEqual([
      'variant',
      'seed',
      'start',
      'end',
      'days',
      'eventsProcessed',
      'fingerprint',
      'storage',
      'diskFull',
      'vaults',
      'jobs',
      'cost',
      'dr',
      'objectives',
      'alerts',
    ]);
    expect(Object.keys(summary.runs[0].cost)).toEqual([
      'currency',
      'months',
      'totals',
      'total',
      'monthsCovered',
      'averagePerMonth',
      'yearlyRunRate',
      'runRateBasis',
      'by',
      'prices',
      'notes',
    ]);
    expect(Object.keys(summary.runs[0].cost.by)).toEqual(['vault', 'policy', 'region', 'meter', 'item']);
  });

  it('leaves out the per-day series of the vaults', () => {
    for (const run of summary.runs)
      for (const v of run.vaults)
        expect(Object.keys(v)).toEqual([
          'name',
          'region',
          'redundancy',
          'crossRegionRestore',
          'items',
          'storage',
          'points',
        ]);
    expect(JSON.stringify(summary)).not.toContain('"daily":{"day"');
  });

  it('should always round money to cents, quantities to 3 decimals and bytes to integers', () => {
    for (const run of summary.runs) {
      const c = run.cost;
      for (const lines of [c.totals, ...c.months.map((m) => m.meters)])
        for (const m of Object.values(lines)) {
          expect(decimals(m.amount)).toBeLessThanOrEqual(2);
          expect(decimals(m.quantity)).toBeLessThanOrEqual(3);
        }
      for (const x of [c.total, c.averagePerMonth, c.yearlyRunRate, ...c.months.map((m) => m.total)])
        expect(decimals(x)).toBeLessThanOrEqual(2);
      const tiers = [
        run.storage.end,
        run.storage.peak,
        ...run.vaults.flatMap((v) => [v.storage.end, v.storage.peak]),
      ];
      for (const t of tiers) for (const b of Object.values(t)) expect(Number.isInteger(b)).toBe(true);
      for (const j of run.jobs) expect(Number.isInteger(j.bytesTransferred)).toBe(true);
    }
  });

  it('keeps the figures of the run it summarises', () => {
    const [base] = results;
    const run = summary.runs[0];
    expect(run.fingerprint).toBe(base.fingerprint);
    expect(run.eventsProcessed).toBe(base.eventsProcessed);
    expect(run.jobs[0].succeeded).toBe(base.jobs[0].succeeded);
    expect(run.cost.total).toBeCloseTo(base.cost.summary.total, 2);
    expect(run.storage.end.standard).toBe(Math.round(base.storage.end.standard));
  });

  it('is byte-identical for a second simulation of the same scenario', () => {
    const again = buildSummary(tinyResults(), { file: 'tiny.yaml', version: '9.9.9' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(summary));
  });
});

describe('the cost split and its citations (hand-built lines)', () => {
  const items = Array.from({ length: 23 }, (_, i) =>
    aLine({
      meter: 'protectedInstances',
      item: `vm-${String(i).padStart(2, '0')}`,
      quantity: 1,
      unitPrice: 50 - i,
      price: 'protectedInstance.perBlock',
    }),
  );
  const asr = aLine({
    meter: 'asrTransfer',
    vault: null,
    policy: 'asr:web',
    item: 'vm-00',
    region: 'westus',
    quantity: 12.5,
    unitPrice: 0.02,
    price: 'siteRecovery.transfer',
  });
  const run = aRun([aLine({ quantity: 1000.123 }), ...items, asr], {
    prices: [
      {
        path: 'protectedInstance.perBlock',
        value: 10,
        unit: 'USD per instance-month',
        source: 'docs/reference.md §8.2',
        date: '2015',
      },
      {
        path: 'siteRecovery.transfer',
        value: 0.02,
        unit: 'USD per GB',
        source: 'assumption',
        date: '2026',
        assumption: 'inter-region rate; unconfirmed (§17)',
      },
      {
        path: 'vaultStorage.GRS',
        value: 0.056,
        unit: 'USD per GB-month',
        source: 'override',
        date: 'unspecified',
      },
    ],
    notes: ['westus has no prices of its own: priced at the default table.'],
  });
  const cost = buildSummary([run], { file: 'x.yaml', version: '1' }).runs[0].cost;

  it('lists each dimension largest first, in cents; items: the 20 largest, then the rest in one row', () => {
    expect(cost.by.vault).toEqual([
      { key: 'rsv-prod', amount: round2(1000.123 * 0.056 + items.reduce((s, l) => s + l.amount, 0)) },
      { key: '(none)', amount: 0.25 },
    ]);
    expect(cost.by.region.map((s) => s.key)).toEqual(['eastus', 'westus']);
    expect(cost.by.item).toHaveLength(20 + 1 + 1);
    expect(cost.by.item[0]).toEqual({ key: '(none)', amount: 56.01 });
    expect(cost.by.item[1]).toEqual({ key: 'vm-00', amount: 50.25 });
    // vm-20, vm-21, vm-22: 30 + 29 + 28
    expect(cost.by.item.at(-1)).toEqual({ key: '(3 other items)', amount: 87 });
    for (const shares of Object.values(cost.by))
      expect(Math.round(shares.reduce((s, x) => s + x.amount, 0) * 100)).toBe(Math.round(cost.total * 100));
  });

  it('carries every cited price (assumption null when sourced) and the notes', () => {
    expect(cost.prices.map((p) => [p.path, p.assumption])).toEqual([
      ['protectedInstance.perBlock', null],
      ['siteRecovery.transfer', 'inter-region rate; unconfirmed (§17)'],
      ['vaultStorage.GRS', null],
    ]);
    expect(Object.keys(cost.prices[0])).toEqual(['path', 'value', 'unit', 'source', 'date', 'assumption']);
    expect(cost.notes).toEqual(['westus has no prices of its own: priced at the default table.']);
    expect(cost.totals.asrTransfer).toEqual({ amount: 0.25, quantity: 12.5, unit: 'GB' });
  });

  it('validates against the schema (new meters and units included)', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(SUMMARY_SCHEMA);
    const ok = validate(JSON.parse(JSON.stringify(buildSummary([run], { file: 'x.yaml', version: '1' }))));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

const round2 = (x: number) => Math.round(x * 100) / 100;

describe('summary schema', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(SUMMARY_SCHEMA);

  it('the committed file equals the generated schema (run npm run schema:write after a change)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(summarySchemaText());
  });

  it('has its $id and every field under any properties has a description', () => {
    expect(SUMMARY_SCHEMA.$id).toBe('https://vaultsim.dev/schema/summary/v2.json');
    expect(undescribed(SUMMARY_SCHEMA, '#')).toEqual([]);
  });

  it("a real run's summary validates (ajv strict)", () => {
    const ok = validate(JSON.parse(JSON.stringify(summary)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects an unknown key and a fractional byte count', () => {
    const extra = { ...summary, extra: 1 };
    expect(validate(extra)).toBe(false);
    const copy = JSON.parse(JSON.stringify(summary));
    copy.runs[0].storage.end.standard = 1.5;
    expect(validate(copy)).toBe(false);
  });
});
