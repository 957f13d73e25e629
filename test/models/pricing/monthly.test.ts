import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Series, type SeriesKind } from '../../../engine/series.js';
import { MS } from '../../../engine/units.js';
import {
  BYTES_PER_GB,
  type CostInput,
  costSummary,
  DEFAULT_PRICES,
  METERS,
  type MonthCost,
  mergePrices,
  monthlyCosts,
  type PriceTable,
  type VaultUsage,
} from '../../../models/pricing/index.js';

const GB = BYTES_PER_GB;
const DAY = MS.day;
const utc = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h);

// ------------------------------------------------------------------ fixtures

/** A step series of bytes: [time, bytes] pairs (0 before the first). */
function steps(name: string, samples: readonly (readonly [number, number])[]): Series {
  const s = new Series(name, { kind: 'step' });
  for (const [t, v] of samples) s.record(t, v);
  return s;
}
const constant = (bytes: number, from = 0): Series => steps('const', [[from, bytes]]);
const empty = (): Series => new Series('empty', { kind: 'step' });

/** What a test vault may state: its one policy's series and soft-deleted entries without policy. */
type VaultSpec = Partial<Omit<VaultUsage, 'parts' | 'softDeleted'>> & {
  standard?: Series;
  archive?: Series;
  snapshot?: Series;
  softDeleted?: Omit<VaultUsage['softDeleted'][number], 'policy'>[];
};

/** A vault in eastus with one policy "p", holding nothing unless told: state only what differs. */
function aVault(over: VaultSpec = {}): VaultUsage {
  const { standard, archive, snapshot, softDeleted, ...rest } = over;
  return {
    name: 'rsv',
    region: 'eastus',
    redundancy: 'GRS',
    crossRegionRestore: false,
    parts: [
      {
        policy: 'p',
        standard: standard ?? empty(),
        archive: archive ?? empty(),
        snapshot: snapshot ?? empty(),
      },
    ],
    softDeleted: (softDeleted ?? []).map((e) => ({ policy: 'p', ...e })),
    ...rest,
  };
}

/** A protected item of vault "rsv", policy "p". */
const anItem = (item: string, from: number, to: number, used: Series) => ({
  item,
  vault: 'rsv',
  policy: 'p',
  from,
  to,
  used,
});

/** Usage over [start, end) with nothing in it unless told. */
function usage(start: number, end: number, over: Partial<CostInput> = {}): CostInput {
  return { start, end, vaults: [], protectedItems: [], archiveEarlyDeletions: [], ...over };
}

const only = (months: MonthCost[]): MonthCost => {
  expect(months).toHaveLength(1);
  return months[0];
};

// ------------------------------------------------------------------ examples

describe('monthlyCosts: vault storage', () => {
  const january = (vault: VaultUsage) =>
    only(monthlyCosts(usage(utc(2026, 1, 1), utc(2026, 2, 1), { vaults: [vault] })));

  it('bills a constant 1,000 GB over 31-day January as 1,000 GB-month: GRS $56.00', () => {
    // ∫ = 1,000 GB × 31 days; ÷ (GB × 31 days) = 1,000 GB-month; × $0.056 = $56.00.
    const m = january(aVault({ standard: constant(1000 * GB) }));
    expect(m.month).toBe('2026-01');
    expect(m.fraction).toBe(1);
    expect(m.meters.vaultStandard).toEqual({
      amount: expect.closeTo(56, 10),
      quantity: 1000,
      unit: 'GB-month',
    });
    expect(m.total).toBeCloseTo(56, 10);
  });

  it('bills RA-GRS with Cross Region Restore, and LRS/ZRS at theirs', () => {
    // 1,000 GB-month × $0.0711 = $71.10; × $0.028 = $28.00; × $0.035 = $35.00.
    expect(january(aVault({ standard: constant(1000 * GB), crossRegionRestore: true })).total).toBeCloseTo(
      71.1,
      10,
    );
    expect(january(aVault({ standard: constant(1000 * GB), redundancy: 'LRS' })).total).toBeCloseTo(28, 10);
    expect(january(aVault({ standard: constant(1000 * GB), redundancy: 'ZRS' })).total).toBeCloseTo(35, 10);
    expect(() => january(aVault({ redundancy: 'ZRS', crossRegionRestore: true }))).toThrow(/needs GRS/);
  });

  it('averages a series that steps mid-month', () => {
    // 1,000 GB for Jan 1–15 (15 days), 2,000 GB from Jan 16 (16 days):
    // (1,000 × 15 + 2,000 × 16) / 31 = 47,000 / 31 = 1,516.129 GB-month; × $0.056 = 2,632 / 31 = $84.903.
    const standard = steps('standard', [
      [utc(2026, 1, 1), 1000 * GB],
      [utc(2026, 1, 16), 2000 * GB],
    ]);
    const m = january(aVault({ standard }));
    expect(m.meters.vaultStandard.quantity).toBeCloseTo(47_000 / 31, 9);
    expect(m.meters.vaultStandard.amount).toBeCloseTo(2632 / 31, 10);
  });

  it('prices archive, instant-restore snapshots and disk snapshots per GB-month', () => {
    // February 2026 (28 days), whole month: archive 1,000 GB × $0.0024 = $2.40;
    // snapshots 50 GB × $0.05 = $2.50; disk snapshots 128 GB × $0.05 = $6.40 (§8.3's example).
    const vault = aVault({ archive: constant(1000 * GB), snapshot: constant(50 * GB) });
    const input = usage(utc(2026, 2, 1), utc(2026, 3, 1), {
      vaults: [vault],
      diskSnapshots: [{ group: 'g', region: 'eastus', bytes: constant(128 * GB) }],
    });
    const m = only(monthlyCosts(input));
    expect(m.meters.vaultArchive.amount).toBeCloseTo(2.4, 10);
    expect(m.meters.snapshots.amount).toBeCloseTo(2.5, 10);
    expect(m.meters.diskSnapshots).toEqual({
      amount: expect.closeTo(6.4, 10),
      quantity: 128,
      unit: 'GB-month',
    });
    expect(m.total).toBeCloseTo(2.4 + 2.5 + 6.4, 10);
  });
});

describe('monthlyCosts: months of the horizon', () => {
  it('prorates a first month that starts mid-month by the time inside the horizon', () => {
    // Horizon Jan 11 – Mar 1 2026, 1,000 GB GRS and one 100-GB VM (one block, $10):
    // January: 21 of 31 days → storage 1,000 × 21/31 GB-month × $0.056 = 1,176/31 = $37.935;
    //          instance 21/31 instance-month × $10 = 210/31 = $6.774.
    // February: whole → $56 + $10 = $66.
    const input = usage(utc(2026, 1, 11), utc(2026, 3, 1), {
      vaults: [aVault({ standard: constant(1000 * GB) })],
      protectedItems: [anItem('vm1', utc(2026, 1, 11), utc(2026, 3, 1), constant(100 * GB))],
    });
    const [jan, feb] = monthlyCosts(input);
    expect([jan.month, jan.from, jan.to, jan.fraction]).toEqual([
      '2026-01',
      utc(2026, 1, 11),
      utc(2026, 2, 1),
      21 / 31,
    ]);
    expect(jan.meters.vaultStandard.amount).toBeCloseTo(1176 / 31, 10);
    expect(jan.meters.protectedInstances).toEqual({
      amount: expect.closeTo(210 / 31, 10),
      quantity: expect.closeTo(21 / 31, 12),
      unit: 'instance-month',
    });
    expect(feb.month).toBe('2026-02');
    expect(feb.total).toBeCloseTo(66, 10);

    // Summary: 1 + 21/31 months; total (1,176 + 210)/31 + 66; run rate = February × 12 = $792.
    const summary = costSummary([jan, feb]);
    expect(summary.monthsCovered).toBeCloseTo(52 / 31, 12);
    expect(summary.total).toBeCloseTo(1386 / 31 + 66, 10);
    expect(summary.averagePerMonth).toBeCloseTo((1386 / 31 + 66) / (52 / 31), 10);
    expect(summary.yearlyRunRate).toBeCloseTo(792, 10);
    expect(summary.runRateBasis).toBe('2026-02');
    expect(summary.totals.protectedInstances.quantity).toBeCloseTo(52 / 31, 12);
  });

  it('names every UTC month of a year and knows leap February', () => {
    const year = monthlyCosts(usage(utc(2026, 1, 1), utc(2027, 1, 1)));
    expect(year.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(year.every((m) => m.fraction === 1 && m.total === 0)).toBe(true);
    // 100 GB for all of February 2028 (29 days) is 100 GB-month, not 100 × 29/28.
    const leap = usage(utc(2028, 2, 1), utc(2028, 3, 1), {
      vaults: [aVault({ standard: constant(100 * GB) })],
    });
    expect(only(monthlyCosts(leap)).meters.vaultStandard.quantity).toBeCloseTo(100, 12);
  });

  it('reads simulation times against an origin exactly as epoch times', () => {
    // The same step (1,000 → 2,000 GB on Jan 16) given as ms since the scenario start.
    const origin = utc(2026, 1, 1);
    const standard = steps('s', [
      [0, 1000 * GB],
      [15 * DAY, 2000 * GB],
    ]);
    const input = usage(0, 31 * DAY, { origin, vaults: [aVault({ standard })] });
    const m = only(monthlyCosts(input));
    expect([m.month, m.from, m.to]).toEqual(['2026-01', 0, 31 * DAY]);
    expect(m.meters.vaultStandard.amount).toBeCloseTo(2632 / 31, 10);
  });

  it('falls back to the average for the run rate when no month is full, and is empty for an empty horizon', () => {
    const input = usage(utc(2026, 1, 11), utc(2026, 1, 21), {
      vaults: [aVault({ standard: constant(1000 * GB) })],
    });
    const summary = costSummary(monthlyCosts(input));
    // 10 days: 1,000 × 10/31 × $0.056 = $18.065; average per month = that ÷ (10/31) = $56; × 12 = $672.
    expect(summary.runRateBasis).toBe('average');
    expect(summary.yearlyRunRate).toBeCloseTo(672, 10);
    expect(monthlyCosts(usage(5, 5))).toEqual([]);
    expect(costSummary([])).toMatchObject({
      total: 0,
      monthsCovered: 0,
      averagePerMonth: 0,
      yearlyRunRate: 0,
    });
  });

  it('rejects a backwards horizon or interval and negative bytes', () => {
    expect(() => monthlyCosts(usage(10, 5))).toThrow(/cost horizon/);
    const item = anItem('vm1', 10, 5, empty());
    expect(() => monthlyCosts(usage(0, 20, { protectedItems: [item] }))).toThrow(/protected item "vm1"/);
    const negative = aVault({ standard: constant(-1) });
    expect(() => monthlyCosts(usage(0, 20, { vaults: [negative] }))).toThrow(/vault "rsv" p standard/);
  });
});

describe('monthlyCosts: protected instances (§2.6, §8.2)', () => {
  const january = (used: Series, from = utc(2026, 1, 1), to = utc(2026, 2, 1)) =>
    only(
      monthlyCosts(
        usage(utc(2026, 1, 1), utc(2026, 2, 1), { protectedItems: [anItem('vm1', from, to, used)] }),
      ),
    ).meters.protectedInstances;

  it('tiers each day by its closing size', () => {
    // 40 GB (small, $5) until Jan 20 12:00, then 600 GB (2 blocks, $20). Closing sizes:
    // Jan 1–19 → 40 GB (19 days), Jan 20–31 → 600 GB (12 days): (19 × 5 + 12 × 20) / 31 = 335/31 = $10.806.
    const used = steps('used', [
      [utc(2026, 1, 1), 40 * GB],
      [utc(2026, 1, 20, 12), 600 * GB],
    ]);
    // In Azure's units: 19 days × 1 small instance + 12 days × 2 instances = 43/31 instance-months.
    const pi = january(used);
    expect(pi.amount).toBeCloseTo(335 / 31, 10);
    expect(pi.quantity).toBeCloseTo(43 / 31, 12);
  });

  it('charges a protected VM with no data the small fee, prorated by days protected', () => {
    expect(january(empty()).amount).toBeCloseTo(5, 10);
    // Protected Jan 1–10 (10 days) at 100 GB: 10/31 × $10 = $3.226.
    expect(january(constant(100 * GB), utc(2026, 1, 1), utc(2026, 1, 11)).amount).toBeCloseTo(100 / 31, 10);
    // Protected half of Jan 5 only: 0.5/31 × $10.
    expect(january(constant(100 * GB), utc(2026, 1, 5, 6), utc(2026, 1, 5, 18)).amount).toBeCloseTo(
      5 / 31,
      10,
    );
  });
});

describe('monthlyCosts: soft delete (§2.3: the last 14 days of the period are free)', () => {
  const withSoftDelete = (deletedAt: number, purgeAt: number, leftAt?: number) =>
    monthlyCosts(
      usage(utc(2026, 3, 1), utc(2026, 6, 1), {
        vaults: [
          aVault({
            softDeleted: [
              {
                item: 'vm1',
                bytes: 100 * GB,
                deletedAt,
                purgeAt,
                ...(leftAt === undefined ? {} : { leftAt }),
              },
            ],
          }),
        ],
      }),
    );

  it("bills Microsoft's example: a 60-day period undeleted after 52 days bills 46 days, 6 free", () => {
    // Deleted Mar 1, period 60 d (purge Apr 30), undeleted after 52 d (Apr 22). Billed = the
    // period's first 60 − 14 = 46 days: Mar 1–31 (31 d of 31) + Apr 1–15 (15 d of 30); Apr 16–21 free.
    // March: 100 GB × 31/31 = 100 GB-month × $0.056 = $5.60; April: 100 × 15/30 = 50 GB-month = $2.80.
    const [mar, apr, may] = withSoftDelete(utc(2026, 3, 1), utc(2026, 4, 30), utc(2026, 4, 22));
    expect(mar.meters.softDelete.quantity).toBeCloseTo(100, 10);
    expect(mar.meters.softDelete.amount).toBeCloseTo(5.6, 10);
    expect(apr.meters.softDelete.quantity).toBeCloseTo(50, 10);
    expect(apr.meters.softDelete.amount).toBeCloseTo(2.8, 10);
    expect(may.meters.softDelete.amount).toBe(0);
    // 46 billed days in all: 31 + 15.
    expect(mar.meters.softDelete.quantity * 31 + apr.meters.softDelete.quantity * 30).toBeCloseTo(
      100 * 46,
      8,
    );
  });

  it('bills a 30-day period purged inside the run for its first 16 days, and keeps the charge after the purge', () => {
    // Deleted Mar 1, purged Mar 31 (30-day period, left at the purge): billed Mar 1–16 (30 − 14 = 16 days).
    // 100 GB × 16/31 = 51.613 GB-month; × $0.056 = 89.6/31 = $2.890. April, after the purge: nothing.
    const [mar, apr] = withSoftDelete(utc(2026, 3, 1), utc(2026, 3, 31), utc(2026, 3, 31));
    expect(mar.meters.softDelete.quantity).toBeCloseTo(1600 / 31, 10);
    expect(mar.meters.softDelete.amount).toBeCloseTo(89.6 / 31, 12);
    expect(apr.meters.softDelete.amount).toBe(0);
  });

  it('costs nothing for a period of at most 14 days, or when undeleted within the free days', () => {
    expect(withSoftDelete(utc(2026, 3, 1), utc(2026, 3, 15)).map((m) => m.total)).toEqual([0, 0, 0]);
    // 60-day period undeleted after 3 days: billed 3 days (Mar 1–3), the free days never reached.
    const [mar] = withSoftDelete(utc(2026, 3, 1), utc(2026, 4, 30), utc(2026, 3, 4));
    expect(mar.meters.softDelete.quantity).toBeCloseTo((100 * 3) / 31, 10);
  });

  it("bills across a month boundary by each month's own length", () => {
    // Deleted Mar 25, 36-day period (purge Apr 30): billed its first 22 days, Mar 25 – Apr 16:
    // March 7 d of 31 → 100 × 7/31 GB-month; April 15 d of 30 → 50 GB-month ($2.80).
    const [mar, apr] = withSoftDelete(utc(2026, 3, 25), utc(2026, 4, 30));
    expect(mar.meters.softDelete.quantity).toBeCloseTo(700 / 31, 10);
    expect(apr.meters.softDelete.amount).toBeCloseTo(2.8, 10);
  });
});

describe('monthlyCosts: archive early deletion (§2.4)', () => {
  it('charges the days left of 180 in the month of the deletion', () => {
    // 200 GB in archive from Jan 1, deleted Apr 11 (31 + 28 + 31 + 10 = 100 days): 80 days left.
    // 200 GB × 80/30 = 533.33 GB-month × $0.0024 = $1.28, all in April.
    const input = usage(utc(2026, 1, 1), utc(2026, 5, 1), {
      archiveEarlyDeletions: [
        { item: 'vm1', vault: 'rsv', policy: 'p', at: utc(2026, 4, 11), bytes: 200 * GB, daysCharged: 80 },
      ],
    });
    const months = monthlyCosts(input);
    expect(months.map((m) => m.meters.archiveEarlyDeletion.amount)).toEqual([
      0,
      0,
      0,
      expect.closeTo(1.28, 12),
    ]);
    expect(months[3].meters.archiveEarlyDeletion.quantity).toBeCloseTo(16_000 / 30, 10);
  });
});

// ------------------------------------------------------------------ properties

const ORIGIN = utc(2026, 1, 1);
const SPAN = 120 * DAY; // Jan–Apr 2026: months of 31, 28, 31 and 30 days.

interface SeriesSpec {
  kind: SeriesKind;
  points: { t: number; v: number }[];
}
interface Spec {
  start: number;
  end: number;
  vaults: {
    redundancy: 'LRS' | 'ZRS' | 'GRS';
    crr: boolean;
    standard: SeriesSpec;
    archive: SeriesSpec;
    snapshot: SeriesSpec;
    softDeleted: { bytes: number; deletedAt: number; stay: number }[];
  }[];
  items: { from: number; length: number; used: SeriesSpec }[];
  deletions: { at: number; bytes: number; daysCharged: number }[];
  disk: SeriesSpec;
}

const time = fc.integer({ min: 0, max: SPAN });
const bytesArb = fc.integer({ min: 0, max: 3000 * GB });
const seriesArb: fc.Arbitrary<SeriesSpec> = fc.record({
  kind: fc.constantFrom<SeriesKind>('step', 'linear'),
  points: fc
    .array(fc.record({ t: time, v: bytesArb }), { maxLength: 6 })
    .map((ps) => [...ps].sort((a, b) => a.t - b.t)),
});
const specArb: fc.Arbitrary<Spec> = fc.record({
  start: time,
  end: time,
  vaults: fc.array(
    fc.record({
      redundancy: fc.constantFrom<'LRS' | 'ZRS' | 'GRS'>('LRS', 'ZRS', 'GRS'),
      crr: fc.boolean(),
      standard: seriesArb,
      archive: seriesArb,
      snapshot: seriesArb,
      softDeleted: fc.array(
        fc.record({ bytes: bytesArb, deletedAt: time, stay: fc.integer({ min: 0, max: 60 * DAY }) }),
        { maxLength: 3 },
      ),
    }),
    { maxLength: 2 },
  ),
  items: fc.array(fc.record({ from: time, length: fc.integer({ min: 0, max: SPAN }), used: seriesArb }), {
    maxLength: 3,
  }),
  deletions: fc.array(
    fc.record({ at: time, bytes: bytesArb, daysCharged: fc.double({ min: 0, max: 180, noNaN: true }) }),
    { maxLength: 3 },
  ),
  disk: seriesArb,
});

/** Builds the cost input of a spec; `more` adds bytes to every stored and used sample. */
function build(spec: Spec, more: (v: number, i: number) => number = (v) => v): CostInput {
  const series = (s: SeriesSpec): Series => {
    const out = new Series('s', { kind: s.kind });
    s.points.forEach((p, i) => {
      out.record(p.t, more(p.v, i));
    });
    return out;
  };
  const [start, end] = spec.start <= spec.end ? [spec.start, spec.end] : [spec.end, spec.start];
  return {
    origin: ORIGIN,
    start,
    end,
    vaults: spec.vaults.map((v, k) => ({
      name: `v${k}`,
      region: k === 0 ? 'eastus' : 'westus',
      redundancy: v.redundancy,
      crossRegionRestore: v.crr && v.redundancy === 'GRS',
      parts: [
        {
          policy: 'p',
          standard: series(v.standard),
          archive: series(v.archive),
          snapshot: series(v.snapshot),
        },
      ],
      softDeleted: v.softDeleted.map((e, i) => ({
        item: `i${i}`,
        policy: 'p',
        bytes: more(e.bytes, i),
        deletedAt: e.deletedAt,
        purgeAt: e.deletedAt + e.stay,
      })),
    })),
    protectedItems: spec.items.map((p, i) => ({
      item: `vm${i}`,
      vault: 'v0',
      policy: 'p',
      from: p.from,
      to: p.from + p.length,
      used: series(p.used),
    })),
    archiveEarlyDeletions: spec.deletions.map((d, i) => ({
      item: `a${i}`,
      vault: 'v0',
      policy: 'p',
      ...d,
      bytes: more(d.bytes, i),
    })),
    diskSnapshots: [{ group: 'g', region: 'eastus', bytes: series(spec.disk) }],
  };
}

/** The table with every money amount (not sizes or days) times k. */
function scaled(prices: PriceTable, k: number): PriceTable {
  const p = prices;
  const money = (x: { value: number }): number => x.value * k;
  return mergePrices(p, {
    protectedInstance: {
      small: money(p.protectedInstance.small),
      perBlock: money(p.protectedInstance.perBlock),
    },
    vaultStorage: {
      LRS: money(p.vaultStorage.LRS),
      ZRS: money(p.vaultStorage.ZRS),
      GRS: money(p.vaultStorage.GRS),
      'RA-GRS': money(p.vaultStorage['RA-GRS']),
    },
    vaultArchive: money(p.vaultArchive),
    instantRestoreSnapshot: money(p.instantRestoreSnapshot),
    diskSnapshot: money(p.diskSnapshot),
  });
}

const near = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('monthlyCosts properties', () => {
  it('should never give a negative amount or quantity, and each total is the sum of its meters', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        for (const m of monthlyCosts(build(spec))) {
          let sum = 0;
          for (const meter of METERS) {
            expect(m.meters[meter].amount).toBeGreaterThanOrEqual(0);
            expect(m.meters[meter].quantity).toBeGreaterThanOrEqual(0);
            sum += m.meters[meter].amount;
          }
          expect(near(m.total, sum)).toBe(true);
          expect(m.fraction > 0 && m.fraction <= 1).toBe(true);
        }
      }),
    );
  });

  it('should always scale linearly with prices: doubling every price doubles every amount', () => {
    const doubled = scaled(DEFAULT_PRICES, 2);
    fc.assert(
      fc.property(specArb, (spec) => {
        const base = monthlyCosts(build(spec));
        const twice = monthlyCosts(build(spec), doubled);
        base.forEach((m, i) => {
          for (const meter of METERS) {
            expect(near(twice[i].meters[meter].amount, 2 * m.meters[meter].amount)).toBe(true);
            expect(twice[i].meters[meter].quantity).toBe(m.meters[meter].quantity);
          }
        });
      }),
    );
  });

  it('should always sum the months to the horizon total, however the horizon is split at a day', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 120 }), (spec, splitDay) => {
        const input = build(spec);
        const months = monthlyCosts(input);
        const summary = costSummary(months);
        expect(
          near(
            summary.total,
            months.reduce((s, m) => s + m.total, 0),
          ),
        ).toBe(true);
        // Pricing [start, s) and [s, end) apart bills each month what pricing [start, end) does.
        const s = Math.min(Math.max(splitDay * DAY, input.start), input.end);
        const parts = [...monthlyCosts({ ...input, end: s }), ...monthlyCosts({ ...input, start: s })];
        const byMonth = new Map<string, number>();
        for (const m of parts) byMonth.set(m.month, (byMonth.get(m.month) ?? 0) + m.total);
        expect([...byMonth.keys()]).toEqual(months.map((m) => m.month));
        for (const m of months) expect(near(byMonth.get(m.month) ?? 0, m.total)).toBe(true);
        expect(near(costSummary(parts).total, summary.total)).toBe(true);
      }),
    );
  });

  it('should never lower any month’s cost when more bytes are stored or used at any time', () => {
    fc.assert(
      fc.property(
        specArb,
        fc.array(fc.integer({ min: 0, max: 500 * GB }), { minLength: 6, maxLength: 6 }),
        (spec, extra) => {
          const less = monthlyCosts(build(spec));
          const more = monthlyCosts(build(spec, (v, i) => v + extra[i % extra.length]));
          less.forEach((m, i) => {
            for (const meter of METERS) {
              const a = m.meters[meter].amount;
              expect(more[i].meters[meter].amount).toBeGreaterThanOrEqual(a - 1e-9 * Math.max(1, a));
            }
          });
        },
      ),
    );
  });

  it('should always bill a constant size for whole months at exactly GB × rate each month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 24 }), (gb, count) => {
        const start = utc(2027, 1, 1);
        const input = usage(start, utc(2027, 1 + count, 1), {
          vaults: [aVault({ standard: constant(gb * GB, start) })],
        });
        for (const m of monthlyCosts(input))
          expect(near(m.meters.vaultStandard.amount, gb * 0.056)).toBe(true);
      }),
    );
  });
});
