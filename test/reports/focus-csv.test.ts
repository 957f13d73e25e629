// costs.csv: FOCUS columns and values, charge periods clipped to the run, RFC 4180 quoting,
// exact numbers, Tags as sorted JSON, and the property that BilledCost adds up to the
// summary's total to the cent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CostLine, Meter } from '../../models/pricing/types.js';
import { simulate } from '../../models/simulate.js';
import {
  COSTS_COLUMNS,
  costsCsv,
  FOCUS_UNITS,
  focusNumber,
  focusTags,
  METER_SERVICES,
} from '../../reports/focus-csv.js';
import { round } from '../../reports/format.js';
import { buildSummary } from '../../reports/summary.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { aLine, aRun } from './cost-fixture.js';

/** Parses RFC 4180 text (quoted fields may hold commas, quotes and line breaks) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

/** The CSV's rows as objects keyed by column. */
function records(text: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

// FOCUS 1.0 allowed ServiceCategory values (FOCUS spec, columns/servicecategory.md).
const SERVICE_CATEGORIES = [
  'AI and Machine Learning',
  'Analytics',
  'Business Applications',
  'Compute',
  'Databases',
  'Developer Tools',
  'Multicloud',
  'Identity',
  'Integration',
  'Internet of Things',
  'Management and Governance',
  'Media',
  'Migration',
  'Mobile',
  'Networking',
  'Security',
  'Storage',
  'Web',
  'Other',
];

const FOCUS_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('costsCsv', () => {
  const lines: CostLine[] = [
    aLine(),
    aLine({
      meter: 'protectedInstances',
      item: 'web-001',
      quantity: 4,
      unitPrice: 10,
      price: 'protectedInstance.perBlock',
      sku: 'Protected instance (> 500 GB)',
    }),
    aLine({
      month: '2026-04',
      meter: 'asrInstances',
      vault: null,
      policy: 'asr:web',
      item: 'web-001',
      region: 'westus',
      resource: 'replicated/web-001',
      quantity: 0.45,
      unitPrice: 25,
      price: 'siteRecovery.perInstance',
      sku: 'Site Recovery instance',
    }),
    aLine({
      month: '2026-04',
      meter: 'failoverCompute',
      vault: null,
      policy: 'asr:web',
      item: 'web-001',
      region: 'westus',
      resource: 'vms/web-001',
      quantity: 18,
      unitPrice: 0.192,
      price: 'compute.perCoreHour',
    }),
  ];
  const run = aRun(lines, { start: '2026-03-10T00:00:00.000Z', end: '2026-04-15T06:00:00.000Z' });
  const rows = records(costsCsv([run]));

  it('has the FOCUS columns Azure exports, then the x_ columns, and one row per line', () => {
    const head = parseCsv(costsCsv([run]))[0];
    expect(head).toEqual([...COSTS_COLUMNS]);
    for (const c of [
      'BillingPeriodStart',
      'BillingPeriodEnd',
      'ChargePeriodStart',
      'ChargePeriodEnd',
      'ChargeCategory',
      'ServiceName',
      'ServiceCategory',
      'ResourceId',
      'ResourceName',
      'ResourceType',
      'RegionId',
      'RegionName',
      'SkuMeter',
      'PricingQuantity',
      'PricingUnit',
      'ListUnitPrice',
      'ListCost',
      'BilledCost',
      'EffectiveCost',
      'ContractedCost',
      'BillingCurrency',
      'ProviderName',
      'PublisherName',
      'x_Variant',
      'x_Vault',
      'x_Policy',
      'x_Item',
      'x_Meter',
      'x_Tier',
      'x_PriceSource',
      'x_Rule',
    ])
      expect(head).toContain(c);
    expect(rows).toHaveLength(lines.length);
  });

  it('clips the charge period to the run and keeps the billing period the calendar month', () => {
    expect(rows[0]).toMatchObject({
      BillingPeriodStart: '2026-03-01T00:00:00Z',
      BillingPeriodEnd: '2026-04-01T00:00:00Z',
      ChargePeriodStart: '2026-03-10T00:00:00Z',
      ChargePeriodEnd: '2026-04-01T00:00:00Z',
    });
    expect(rows[2]).toMatchObject({
      BillingPeriodStart: '2026-04-01T00:00:00Z',
      BillingPeriodEnd: '2026-05-01T00:00:00Z',
      ChargePeriodStart: '2026-04-01T00:00:00Z',
      ChargePeriodEnd: '2026-04-15T06:00:00Z',
    });
    for (const r of rows)
      for (const c of ['BillingPeriodStart', 'BillingPeriodEnd', 'ChargePeriodStart', 'ChargePeriodEnd'])
        expect(r[c]).toMatch(FOCUS_INSTANT);
  });

  it('names each meter by its service, FOCUS category, unit and storage tier', () => {
    expect(rows[0]).toMatchObject({
      ServiceName: 'Azure Backup',
      ServiceCategory: 'Storage',
      ResourceType: 'Recovery Services vault',
      ResourceId: 'vaults/rsv-prod/policies/daily-30',
      ResourceName: 'rsv-prod',
      PricingUnit: 'GB-Months',
      PricingQuantity: '100',
      ListUnitPrice: '0.056',
      x_Tier: 'vault-standard',
      x_Vault: 'rsv-prod',
      x_Policy: 'daily-30',
      x_Item: '',
      x_PriceSource: 'vaultStorage.GRS',
      ChargeCategory: 'Usage',
      BillingCurrency: 'USD',
      ProviderName: 'Microsoft',
      PublisherName: 'Microsoft',
    });
    expect(rows[1]).toMatchObject({
      PricingUnit: 'Instance-Months',
      PricingQuantity: '4',
      BilledCost: '40',
      ResourceName: 'web-001',
      SkuMeter: 'Protected instance (> 500 GB)',
    });
    expect(rows[2]).toMatchObject({
      ServiceName: 'Azure Site Recovery',
      ServiceCategory: 'Management and Governance',
      x_Vault: '',
      RegionId: 'westus',
    });
    expect(rows[3]).toMatchObject({
      ServiceName: 'Virtual Machines',
      ServiceCategory: 'Compute',
      PricingUnit: 'Hours',
    });
    for (const s of Object.values(METER_SERVICES)) expect(SERVICE_CATEGORIES).toContain(s.serviceCategory);
    expect(Object.keys(FOCUS_UNITS)).toEqual(['instance-month', 'GB-month', 'GB', 'hour']);
  });

  it('puts list, contracted, effective and billed cost equal (list prices, no discounts)', () => {
    for (const r of rows) {
      expect(r.ListCost).toBe(r.BilledCost);
      expect(r.ContractedCost).toBe(r.BilledCost);
      expect(r.EffectiveCost).toBe(r.BilledCost);
      expect(r.ContractedUnitPrice).toBe(r.ListUnitPrice);
    }
  });

  it('quotes fields as RFC 4180 says, so they read back unchanged', () => {
    const rule = 'prorated: 14 of 31 days, "last 14 days free",\nthen billed';
    const [row] = records(costsCsv([aRun([aLine({ rule, policy: 'a,b' })])]));
    expect(row.x_Rule).toBe(rule);
    expect(row.x_Policy).toBe('a,b');
  });

  it('lists runs in report order, each row naming its variant', () => {
    const text = costsCsv([run, aRun([aLine()], { variant: 'long-retention' })]);
    expect(records(text).map((r) => r.x_Variant)).toEqual(['base', 'base', 'base', 'base', 'long-retention']);
    expect(records(text).map((r) => r.SubAccountName)).toEqual([
      'base',
      'base',
      'base',
      'base',
      'long-retention',
    ]);
  });

  it('writes only the header for a run without charges', () => {
    expect(costsCsv([aRun([])])).toBe(`${COSTS_COLUMNS.join(',')}\n`);
  });
});

describe('Tags', () => {
  it("writes a line's tags as a JSON object with sorted keys, quoted so it reads back unchanged", () => {
    const tags = { env: 'prod,eu', team: 'data "core"', App: 'shop' };
    const [tagged, plain] = records(costsCsv([aRun([aLine({ item: 'db-001', tags }), aLine()])]));
    expect(tagged.Tags).toBe('{"App":"shop","env":"prod,eu","team":"data \\"core\\""}');
    expect(JSON.parse(tagged.Tags)).toEqual(tags);
    expect(plain.Tags).toBe('');
  });

  it('leaves Tags empty (a FOCUS null) without tags or with an empty set', () => {
    expect(focusTags(undefined)).toBe('');
    expect(focusTags({})).toBe('');
    expect(focusTags({ b: '2', a: '1' })).toBe('{"a":"1","b":"2"}');
  });
});

describe('focusNumber', () => {
  it('writes plain decimals, never an exponent', () => {
    expect(focusNumber(0)).toBe('0');
    expect(focusNumber(-0)).toBe('0');
    expect(focusNumber(123.456)).toBe('123.456');
    expect(focusNumber(1e-7)).toBe('0.0000001');
    expect(focusNumber(-2.5e-8)).toBe('-0.000000025');
    expect(focusNumber(1.2e21)).toBe('1200000000000000000000');
  });

  it('should always read back as the same number, in FOCUS numeric format', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = focusNumber(x);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});

const METER_NAMES = Object.keys(METER_SERVICES) as Meter[];

// Lines whose amounts are any non-negative money a month could bring, up to $1M.
const lineArb = fc
  .record({
    month: fc.constantFrom('2026-01', '2026-02', '2026-03'),
    meter: fc.constantFrom(...METER_NAMES),
    vault: fc.option(fc.constantFrom('rsv-a', 'rsv-b'), { nil: null }),
    item: fc.option(fc.constantFrom('vm-1', 'vm-2', 'vm-3'), { nil: null }),
    quantity: fc.double({ min: 0, max: 1e5, noNaN: true }),
    unitPrice: fc.double({ min: 0, max: 10, noNaN: true }),
  })
  .map((l) => aLine(l));

describe('costs.csv against the summary', () => {
  it("should always add BilledCost up to the summary's cost total, to the cent, for every run", () => {
    fc.assert(
      fc.property(fc.array(fc.array(lineArb, { maxLength: 40 }), { minLength: 1, maxLength: 3 }), (runs) => {
        const results = runs.map((lines, i) =>
          aRun(lines, {
            variant: i === 0 ? 'base' : `v${i}`,
            start: '2026-01-01T00:00:00.000Z',
            end: '2026-04-01T00:00:00.000Z',
          }),
        );
        const summary = buildSummary(results, { file: 'x.yaml', version: '0' });
        const rows = records(costsCsv(results));
        summary.runs.forEach((run) => {
          const billed = rows
            .filter((r) => r.x_Variant === run.variant)
            .reduce((s, r) => s + Number(r.BilledCost), 0);
          expect(round(billed, 2)).toBe(run.cost.total);
        });
      }),
    );
  });
});

// Two tagged fleet groups and one untagged: the web group's VMs (protected instances, Site
// Recovery, its disk snapshots) carry web's tags, db's VM db's, batch's rows and the
// vault-level rows (storage by policy) none; the amounts are those of the same scenario
// without tags.
const TAGGED = `name: tagged
seed: 5
start: "2026-03-01T00:00:00Z"
duration: 45d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults: [{ name: rsv, region: eastus, redundancy: GRS, softDelete: 14d }]
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:30" }
    instantRestore: 2d
    retention: { daily: 7 }
fleet:
  - name: web
    count: 2
    region: eastus
    tags: { env: prod, app: shop, cost-center: "42" }
    disks: [{ size: 128GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: rsv, policy: daily }
    snapshots: { every: 1d, keep: 3 }
    replicate: { to: westus }
  - name: db
    region: eastus
    tags: { team: 'data "core"', env: "prod,eu" }
    disks: [{ size: 256GiB, used: 50%, churn: { daily: 1% } }]
    backup: { vault: rsv, policy: daily }
  - name: batch
    region: eastus
    disks: [{ size: 64GiB, used: 50%, churn: { daily: 1% } }]
    backup: { vault: rsv, policy: daily }
    snapshots: { every: 1d, keep: 2 }
`;

function csvOf(text: string): string {
  const loaded = loadScenarioText(text, 'tagged.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return costsCsv(loaded.scenarios.map((sc) => simulate(sc)));
}

describe('costs.csv of a run with tagged fleet groups', () => {
  const text = csvOf(TAGGED);
  const rows = records(text);
  const WEB = '{"app":"shop","cost-center":"42","env":"prod"}';
  const DB = '{"env":"prod,eu","team":"data \\"core\\""}';

  it("carries each VM's group tags on the rows that charge it, and its group's on the group's snapshots", () => {
    const tagsOf = (pick: (r: Record<string, string>) => boolean) =>
      new Set(rows.filter(pick).map((r) => r.Tags));
    expect(tagsOf((r) => r.x_Item.startsWith('web-'))).toEqual(new Set([WEB]));
    expect(tagsOf((r) => r.x_Item === 'db-001')).toEqual(new Set([DB]));
    expect(tagsOf((r) => r.x_Item === 'batch-001')).toEqual(new Set(['']));
    expect(tagsOf((r) => r.x_Policy === 'snapshots:web')).toEqual(new Set([WEB]));
    expect(tagsOf((r) => r.x_Policy === 'snapshots:batch')).toEqual(new Set(['']));
    // Vault-level rows (storage per vault and policy) charge no single VM.
    expect(tagsOf((r) => r.x_Item === '' && !r.x_Policy.startsWith('snapshots:'))).toEqual(new Set(['']));
    // Every meter a tagged VM is billed on here: protected instances and Site Recovery's.
    const webMeters = new Set(rows.filter((r) => r.Tags === WEB).map((r) => r.x_Meter));
    expect(webMeters).toContain('protectedInstances');
    expect(webMeters).toContain('asrInstances');
    expect(webMeters).toContain('diskSnapshots');
  });

  it('stays valid RFC 4180: every row has every column, and each Tags cell parses as a JSON object of strings', () => {
    const [head, ...body] = parseCsv(text);
    expect(head).toEqual([...COSTS_COLUMNS]);
    for (const r of body) expect(r).toHaveLength(COSTS_COLUMNS.length);
    for (const r of rows.filter((x) => x.Tags !== '')) {
      const tags = JSON.parse(r.Tags) as Record<string, unknown>;
      expect(Object.keys(tags)).toEqual(Object.keys(tags).sort());
      for (const v of Object.values(tags)) expect(typeof v).toBe('string');
    }
  });

  it('changes no amount: every row but Tags is the same as without the tags', () => {
    const untagged = records(csvOf(TAGGED.replace(/^ {4}tags: .*\n/gm, '')));
    expect(untagged.every((r) => r.Tags === '')).toBe(true);
    expect(rows.map(({ Tags, ...rest }) => rest)).toEqual(untagged.map(({ Tags, ...rest }) => rest));
  });
});
