// Cost lines (models/pricing/backup-lines.ts, monthly.ts priceRun): protected instances in
// Azure's units, regional prices with their citations, and splits that add up to the total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Series } from '../../../engine/series.js';
import {
  BYTES_PER_GB,
  COST_DIMENSIONS,
  type CostInput,
  DEFAULT_PRICES,
  mergePrices,
  priceRun,
  type VaultUsage,
} from '../../../models/pricing/index.js';

const GB = BYTES_PER_GB;
const utc = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);
const constant = (bytes: number, from = 0): Series => {
  const s = new Series('c', { kind: 'step' });
  s.record(from, bytes);
  return s;
};
const empty = (): Series => new Series('e', { kind: 'step' });

function vault(name: string, region: string, parts: [string, number][]): VaultUsage {
  return {
    name,
    region,
    redundancy: 'GRS',
    crossRegionRestore: false,
    parts: parts.map(([policy, gb]) => ({
      policy,
      standard: constant(gb * GB, utc(2026, 1, 1)),
      archive: empty(),
      snapshot: constant((gb / 10) * GB, utc(2026, 1, 1)),
    })),
    softDeleted: [],
  };
}

const january = (over: Partial<CostInput>): CostInput => ({
  start: utc(2026, 1, 1),
  end: utc(2026, 2, 1),
  vaults: [],
  protectedItems: [],
  archiveEarlyDeletions: [],
  ...over,
});

describe('protected instances in Azure units (§8.2)', () => {
  // One whole 31-day month at a constant size: the quantity is the number of instances.
  const cases: [string, number, number, string, number][] = [
    // size, GB, instances, sku, amount: small $5; otherwise $10 per started 500 GB.
    ['47 GB', 47, 1, 'Protected instance (≤ 50 GiB)', 5],
    ['500 GB', 500, 1, 'Protected instance', 10],
    ['501 GB', 501, 2, 'Protected instance', 20],
    ['1.3 TB (1,300 GB)', 1300, 3, 'Protected instance', 30], // §8.2: 1.3 TB costs 3 × the block price
    ['2,000 GB', 2000, 4, 'Protected instance', 40], // §8.2: a 2000 GB VM "will be charged $40"
  ];
  for (const [label, gb, instances, sku, amount] of cases) {
    it(`counts ${label} as ${instances} instance-month(s), $${amount}`, () => {
      const run = priceRun(
        january({
          vaults: [vault('rsv', 'eastus', [['p', 0]])],
          protectedItems: [
            {
              item: 'vm1',
              vault: 'rsv',
              policy: 'p',
              from: utc(2026, 1, 1),
              to: utc(2026, 2, 1),
              used: constant(gb * GB),
            },
          ],
        }),
      );
      const pi = run.lines.filter((l) => l.meter === 'protectedInstances');
      expect(pi).toHaveLength(1);
      expect(pi[0]).toMatchObject({
        item: 'vm1',
        vault: 'rsv',
        policy: 'p',
        region: 'eastus',
        sku,
        unit: 'instance-month',
      });
      expect(pi[0].quantity).toBeCloseTo(instances, 12);
      expect(pi[0].amount).toBeCloseTo(amount, 10);
      expect(pi[0].price).toBe(gb <= 50 ? 'protectedInstance.small' : 'protectedInstance.perBlock');
    });
  }

  it('prorates by the days protected: 2,000 GB for 10 of 31 days is 40/31 instance-months', () => {
    const run = priceRun(
      january({
        vaults: [vault('rsv', 'eastus', [['p', 0]])],
        protectedItems: [
          {
            item: 'vm1',
            vault: 'rsv',
            policy: 'p',
            from: utc(2026, 1, 1),
            to: utc(2026, 1, 11),
            used: constant(2000 * GB),
          },
        ],
      }),
    );
    const [pi] = run.lines.filter((l) => l.meter === 'protectedInstances');
    // 4 instances × 10/31 of the month = 40/31 instance-months × $10 = $12.90.
    expect(pi.quantity).toBeCloseTo(40 / 31, 12);
    expect(pi.amount).toBeCloseTo(400 / 31, 10);
    expect(pi.rule).toMatch(/4 instance\(s\) of 500 GiB/);
  });
});

describe('prices per region', () => {
  it('prices a region with an entry at its own price, cites it, and notes the regions at the default once', () => {
    // January 2026, GRS: eastus 1,000 GB at the default $0.056 = $56; westus 1,000 GB at $0.06 = $60.
    const prices = mergePrices(DEFAULT_PRICES, {
      regions: { westus: { vaultStorage: { GRS: { value: 0.06, source: 'price sheet', date: '2026-11' } } } },
    });
    const run = priceRun(
      january({ vaults: [vault('east', 'eastus', [['p', 1000]]), vault('west', 'westus', [['p', 1000]])] }),
      prices,
    );
    const standard = run.lines.filter((l) => l.meter === 'vaultStandard');
    expect(standard.map((l) => [l.vault, l.price, l.amount])).toEqual([
      ['east', 'vaultStorage.GRS', expect.closeTo(56, 10)],
      ['west', 'regions.westus.vaultStorage.GRS', expect.closeTo(60, 10)],
    ]);
    expect(run.prices.find((p) => p.path === 'regions.westus.vaultStorage.GRS')).toMatchObject({
      value: 0.06,
      source: 'price sheet',
      date: '2026-11',
    });
    expect(run.notes).toEqual([
      'region eastus priced at the default table (no pricing.regions entry): the cited list prices in cost.prices',
    ]);
  });
});

describe('splits by dimension', () => {
  it('adds each dimension up to the total to the cent in a two-vault, two-region, two-policy bill', () => {
    // January 2026, GRS $0.056, snapshots $0.05:
    //   east/daily 1,000 GB → $56.00 + snapshots 100 GB → $5.00
    //   east/weekly  500 GB → $28.00 + snapshots  50 GB → $2.50
    //   west/daily   200 GB → $11.20 + snapshots  20 GB → $1.00
    // plus vm1 (east/daily, 600 GB: 2 instances) $20 and vm2 (west/daily, 40 GB: small) $5.
    // Total 56 + 5 + 28 + 2.5 + 11.2 + 1 + 20 + 5 = $128.70; by vault east 111.50, west 17.20; by policy daily 98.20, weekly 30.50;
    // by region eastus 111.50, westus 17.20.
    const run = priceRun(
      january({
        vaults: [
          vault('east', 'eastus', [
            ['daily', 1000],
            ['weekly', 500],
          ]),
          vault('west', 'westus', [['daily', 200]]),
        ],
        protectedItems: [
          {
            item: 'vm1',
            vault: 'east',
            policy: 'daily',
            from: utc(2026, 1, 1),
            to: utc(2026, 2, 1),
            used: constant(600 * GB),
          },
          {
            item: 'vm2',
            vault: 'west',
            policy: 'daily',
            from: utc(2026, 1, 1),
            to: utc(2026, 2, 1),
            used: constant(40 * GB),
          },
        ],
      }),
    );
    const cents = (x: number) => Math.round(x * 100);
    expect(cents(run.summary.total)).toBe(12870);
    const by = (dim: (typeof COST_DIMENSIONS)[number]) => run.by[dim].map((s) => [s.key, cents(s.amount)]);
    expect(by('vault')).toEqual([
      ['east', 11150],
      ['west', 1720],
    ]);
    expect(by('policy')).toEqual([
      ['daily', 9820],
      ['weekly', 3050],
    ]);
    expect(by('region')).toEqual([
      ['eastus', 11150],
      ['westus', 1720],
    ]);
    expect(by('meter')).toEqual([
      ['vaultStandard', 9520],
      ['protectedInstances', 2500],
      ['snapshots', 850],
    ]);
    for (const dim of COST_DIMENSIONS)
      expect(cents(run.by[dim].reduce((s, x) => s + x.amount, 0))).toBe(12870);
  });

  it('should always make every line amount × price, every dimension add up to the total, and the months too', () => {
    const gbArb = fc.integer({ min: 0, max: 5000 });
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('eastus', 'westus'),
            fc.array(fc.tuple(fc.constantFrom('a', 'b'), gbArb), { minLength: 1, maxLength: 2 }),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(fc.tuple(gbArb, fc.integer({ min: 0, max: 60 })), { maxLength: 4 }),
        (vaults, items) => {
          const vs = vaults.map(([region, parts], k) =>
            vault(
              `v${k}`,
              region,
              [...new Map(parts)].map(([p, gb]) => [p, gb] as [string, number]),
            ),
          );
          const input: CostInput = {
            start: utc(2026, 1, 1),
            end: utc(2026, 3, 15),
            vaults: vs,
            protectedItems: items.map(([gb, days], i) => ({
              item: `vm${i}`,
              vault: vs[i % vs.length].name,
              policy: vs[i % vs.length].parts[0].policy,
              from: utc(2026, 1, 1),
              to: utc(2026, 1, 1) + days * 86_400_000,
              used: constant(gb * GB),
            })),
            archiveEarlyDeletions: [],
          };
          const run = priceRun(input);
          for (const l of run.lines) {
            expect(l.amount).toBeCloseTo(l.quantity * l.unitPrice, 9);
            expect(l.quantity).toBeGreaterThan(0);
          }
          const total = run.summary.total;
          const near = (x: number) => expect(Math.abs(x - total)).toBeLessThan(1e-6 * Math.max(1, total));
          for (const dim of COST_DIMENSIONS) near(run.by[dim].reduce((s, x) => s + x.amount, 0));
          near(run.months.reduce((s, m) => s + m.total, 0));
          near(run.lines.reduce((s, l) => s + l.amount, 0));
        },
      ),
    );
  });
});
