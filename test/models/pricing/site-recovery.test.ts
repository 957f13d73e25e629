// Site Recovery and failover/drill compute cost lines (docs/reference.md §5.6,
// docs/reference.md §17): the free days and proration of the per-instance fee,
// replica disks by type, cache and recovery-point GB-months, transfer, compute by size or per
// core; then properties over random usage.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Series } from '../../../engine/series.js';
import { MS } from '../../../engine/units.js';
import { pricingContext } from '../../../models/pricing/context.js';
import { BYTES_PER_GB, DEFAULT_PRICES } from '../../../models/pricing/defaults.js';
import { computeLines, siteRecoveryLines } from '../../../models/pricing/site-recovery.js';
import type {
  ComputeRun,
  CostInput,
  CostLine,
  Priced,
  PriceTable,
  RegionPrices,
  ReplicatedVmUsage,
} from '../../../models/pricing/types.js';

const GB = BYTES_PER_GB;
const DAY = MS.day;
const HOUR = MS.hour;
const JAN1 = Date.UTC(2026, 0, 1);
/** Simulation time (ms after 2026-01-01T00:00Z) of a UTC date. */
const at = (m: number, d: number, h = 0): number => Date.UTC(2026, m - 1, d, h) - JAN1;

// ------------------------------------------------------------------ fixtures

const priced = (value: number): Priced => ({ value, unit: 'test', source: 'test', date: '2026' });

/** The shipped table with the Site Recovery and compute prices the tests state, so they pin only those. */
function aTable(over: { regions?: Record<string, RegionPrices> } = {}): PriceTable {
  return {
    ...DEFAULT_PRICES,
    siteRecovery: {
      perInstance: priced(25),
      freeDays: priced(31),
      replicaDisk: { premium: priced(0.12), standard: priced(0.05) },
      cacheStorage: priced(0.02),
      recoveryPoints: priced(0.05),
      transfer: priced(0),
    },
    compute: { perCoreHour: priced(0.05), sizes: { Standard_D4s_v5: priced(0.192) } },
    regions: over.regions ?? {},
  };
}

const zero = (name: string) => new Series(name, { kind: 'linear' });

/** A linear series through [time, bytes] points. */
function linear(points: readonly (readonly [number, number])[]): Series {
  const s = new Series('test', { kind: 'linear' });
  for (const [t, v] of points) s.record(t, v);
  return s;
}

/** One replicated VM, East US → West US from the start, with no disks and no storage unless told. */
function aVm(over: Partial<ReplicatedVmUsage> = {}): ReplicatedVmUsage {
  return {
    vm: 'app-001',
    group: 'app',
    sourceRegion: 'eastus',
    targetRegion: 'westus',
    from: 0,
    to: 45 * DAY,
    disks: [],
    cache: zero('cache'),
    recoveryPoints: zero('points'),
    sent: zero('sent'),
    ...over,
  };
}

function anInput(end: number, over: Partial<CostInput> = {}): CostInput {
  return { origin: JAN1, start: 0, end, vaults: [], protectedItems: [], archiveEarlyDeletions: [], ...over };
}

function linesOf(input: CostInput, table = aTable()): CostLine[] {
  const ctx = pricingContext(input, table);
  return [...siteRecoveryLines(input, ctx), ...computeLines(input, ctx)];
}

const sum = (lines: readonly CostLine[], f: (l: CostLine) => number) => lines.reduce((s, l) => s + f(l), 0);

// ------------------------------------------------------------------ examples

describe('siteRecoveryLines: the per-instance fee (§5.6, §17)', () => {
  it('bills 10 VMs replicated 45 days at $25 for days 32–45 only: $125', () => {
    // Replication from 2026-01-01 00:00 to day 45's end (2026-02-15 00:00). Days 1–31 are free:
    // January has 31 days, so day 32 is February 1. Billed: February 1–14 = 14 days of a
    // 28-day month = 0.5 instance-month per VM; 10 VMs × 0.5 × $25 = $125.
    const replicated = Array.from({ length: 10 }, (_, i) =>
      aVm({ vm: `app-${String(i + 1).padStart(3, '0')}` }),
    );
    const lines = linesOf(anInput(45 * DAY, { replicated })).filter((l) => l.meter === 'asrInstances');
    expect(lines).toHaveLength(10);
    for (const l of lines) {
      expect(l).toMatchObject({
        month: '2026-02',
        region: 'westus',
        vault: null,
        policy: 'asr:app',
        unit: 'instance-month',
        unitPrice: 25,
        price: 'siteRecovery.perInstance',
        sku: 'Site Recovery protected instance',
      });
      expect(l.quantity).toBeCloseTo(0.5, 12);
      expect(l.rule).toMatch(/first 31 days/);
    }
    expect(sum(lines, (l) => l.amount)).toBeCloseTo(125, 9);
  });

  it('counts the free days from when replication started, across a month boundary', () => {
    // Enabled 2026-01-20 00:00: free until 31 days later, 2026-02-20 00:00. January: nothing.
    // February: the 20th to March 1st = 9 of 28 days = 9/28. March (to the horizon, April 1):
    // the whole month = 1 instance-month.
    const lines = linesOf(anInput(at(4, 1), { replicated: [aVm({ from: at(1, 20), to: at(4, 1) })] })).filter(
      (l) => l.meter === 'asrInstances',
    );
    expect(lines.map((l) => [l.month, l.quantity])).toEqual([
      ['2026-02', 9 / 28],
      ['2026-03', 1],
    ]);
  });

  it('prices a region with its own entry from that entry, and cites it', () => {
    const westus: RegionPrices = {
      ...aTable(),
      siteRecovery: { ...aTable().siteRecovery, perInstance: priced(30) },
    };
    const lines = linesOf(anInput(45 * DAY, { replicated: [aVm()] }), aTable({ regions: { westus } }));
    const fee = lines.find((l) => l.meter === 'asrInstances')!;
    // 0.5 instance-month × $30.
    expect(fee).toMatchObject({ unitPrice: 30, price: 'regions.westus.siteRecovery.perInstance' });
    expect(fee.amount).toBeCloseTo(15, 12);
  });
});

describe('siteRecoveryLines: replica disks, cache, recovery points, transfer (§17)', () => {
  it('bills each replica disk by its type in the target region, prorated', () => {
    // 15 days of January (31 days): a 128 GB premium disk is 128 × 15/31 GB-months at $0.12,
    // a 1,024 GB standard disk 1,024 × 15/31 at $0.05.
    const vm = aVm({
      to: 15 * DAY,
      disks: [
        { name: 'os', size: 128 * GB, type: 'premium' },
        { name: 'data-1', size: 1024 * GB, type: 'standard' },
      ],
    });
    const disks = linesOf(anInput(15 * DAY, { replicated: [vm] })).filter(
      (l) => l.meter === 'asrReplicaDisks',
    );
    expect(disks.map((l) => [l.resource, l.region, l.price, l.unitPrice])).toEqual([
      ['siteRecovery/app-001/replicaDisks/os', 'westus', 'siteRecovery.replicaDisk.premium', 0.12],
      ['siteRecovery/app-001/replicaDisks/data-1', 'westus', 'siteRecovery.replicaDisk.standard', 0.05],
    ]);
    expect(disks[0].quantity).toBeCloseTo((128 * 15) / 31, 12);
    expect(disks[1].quantity).toBeCloseTo((1024 * 15) / 31, 12);
    expect(disks[0].sku).toMatch(/Premium/);
    expect(disks[1].sku).toMatch(/Standard/);
  });

  it('bills the cache in the source region and recovery points in the target, as GB-months', () => {
    // Cache 31 GB all January = 31 GB-months at $0.02; recovery points rising linearly from 0 to
    // 62 GB over January average 31 GB = 31 GB-months at $0.05.
    const vm = aVm({
      to: 31 * DAY,
      cache: linear([[0, 31 * GB]]),
      recoveryPoints: linear([
        [0, 0],
        [31 * DAY, 62 * GB],
      ]),
    });
    const lines = linesOf(anInput(31 * DAY, { replicated: [vm] }));
    const cache = lines.find((l) => l.meter === 'asrCache')!;
    const points = lines.find((l) => l.meter === 'asrRecoveryPoints')!;
    expect(cache).toMatchObject({ region: 'eastus', price: 'siteRecovery.cacheStorage', unit: 'GB-month' });
    expect(points).toMatchObject({ region: 'westus', price: 'siteRecovery.recoveryPoints' });
    expect(cache.quantity).toBeCloseTo(31, 9);
    expect(points.quantity).toBeCloseTo(31, 9);
    expect(cache.amount).toBeCloseTo(0.62, 9);
    expect(points.amount).toBeCloseTo(1.55, 9);
  });

  it('keeps a transfer line priced 0 and counts a step at a month’s first instant in that month', () => {
    // 100 GB sent evenly in January; then 50 GB at once at 2026-02-01 00:00, which is February's.
    const sent = new Series('sent', { kind: 'step' });
    sent.record(0, 0);
    sent.record(10 * DAY, 100 * GB);
    sent.record(at(2, 1), 150 * GB);
    const lines = linesOf(anInput(at(3, 1), { replicated: [aVm({ to: at(3, 1), sent })] })).filter(
      (l) => l.meter === 'asrTransfer',
    );
    expect(lines.map((l) => [l.month, l.quantity, l.amount, l.unit, l.region])).toEqual([
      ['2026-01', 100, 0, 'GB', 'eastus'],
      ['2026-02', 50, 0, 'GB', 'eastus'],
    ]);
  });

  it('leaves out lines with nothing used', () => {
    // 10 days, no disks, no storage, no transfer, all within the free days: no line at all.
    expect(linesOf(anInput(10 * DAY, { replicated: [aVm({ to: 10 * DAY })] }))).toEqual([]);
  });
});

describe('computeLines (§17)', () => {
  const run = (over: Partial<ComputeRun>): ComputeRun => ({
    kind: 'failover',
    vm: 'app-001',
    group: 'app',
    region: 'westus',
    cores: 4,
    size: null,
    from: 10 * DAY,
    to: 10 * DAY + 10 * HOUR,
    ...over,
  });

  it('prices a VM by its size when the table has it, else by cores × the per-core price', () => {
    const compute = [
      run({ size: 'Standard_D4s_v5' }),
      run({ vm: 'app-002', size: 'Standard_E8s_v5', cores: 8 }),
      run({ vm: 'app-003', kind: 'drill' }),
    ];
    const lines = linesOf(anInput(31 * DAY, { compute }));
    // 10 h × $0.192 per VM-hour.
    expect(lines[0]).toMatchObject({
      meter: 'failoverCompute',
      quantity: 10,
      unit: 'hour',
      unitPrice: 0.192,
      price: 'compute.sizes.Standard_D4s_v5',
      resource: 'compute/app-001',
      policy: 'asr:app',
      item: 'app-001',
      vault: null,
      region: 'westus',
    });
    expect(lines[0].amount).toBeCloseTo(1.92, 12);
    // No price for Standard_E8s_v5: 8 cores × $0.05 = $0.40 per hour, 10 h = $4.
    expect(lines[1]).toMatchObject({ unitPrice: 0.4, price: 'compute.perCoreHour' });
    expect(lines[1].rule).toMatch(/8 cores × the per-core-hour price \(no price for size Standard_E8s_v5\)/);
    expect(lines[1].amount).toBeCloseTo(4, 12);
    // A drill VM with no size: 4 cores × $0.05 × 10 h = $2.
    expect(lines[2]).toMatchObject({ meter: 'drillCompute', unitPrice: 0.2 });
    expect(lines[2].amount).toBeCloseTo(2, 12);
  });

  it('splits a run at the month boundary', () => {
    // 2026-01-31 20:00 → 2026-02-01 04:00: 4 h in January, 4 h in February.
    const lines = linesOf(anInput(at(3, 1), { compute: [run({ from: at(1, 31, 20), to: at(2, 1, 4) })] }));
    expect(lines.map((l) => [l.month, l.quantity])).toEqual([
      ['2026-01', 4],
      ['2026-02', 4],
    ]);
  });
});

// ------------------------------------------------------------------ properties

const END = at(5, 1);

const aSeries = (monotone: boolean) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: END }), fc.integer({ min: 0, max: 500 })), { maxLength: 6 })
    .chain((raw) =>
      fc.constantFrom('step' as const, 'linear' as const).map((kind) => {
        const s = new Series('p', { kind });
        let total = 0;
        for (const [t, gb] of [...raw].sort((a, b) => a[0] - b[0])) {
          total = monotone ? total + gb : gb;
          s.record(t, total * GB);
        }
        return s;
      }),
    );

const aReplicated: fc.Arbitrary<ReplicatedVmUsage> = fc
  .record({
    from: fc.integer({ min: 0, max: END }),
    length: fc.integer({ min: 0, max: END }),
    disks: fc.array(
      fc.record({
        name: fc.constantFrom('os', 'data-1'),
        size: fc.integer({ min: 1, max: 4096 }).map((g) => g * GB),
        type: fc.constantFrom('premium' as const, 'standard' as const),
      }),
      { maxLength: 2 },
    ),
    cache: aSeries(false),
    recoveryPoints: aSeries(false),
    sent: aSeries(true),
  })
  .map(({ from, length, ...rest }) => aVm({ from, to: Math.min(END, from + length), ...rest }));

const aRun: fc.Arbitrary<ComputeRun> = fc
  .record({
    kind: fc.constantFrom('failover' as const, 'drill' as const),
    from: fc.integer({ min: 0, max: END }),
    length: fc.integer({ min: 0, max: 40 * DAY }),
    cores: fc.integer({ min: 1, max: 64 }),
    size: fc.constantFrom(null, 'Standard_D4s_v5', 'Standard_E8s_v5'),
  })
  .map(({ from, length, ...rest }) => ({
    vm: 'app-001',
    group: 'app',
    region: 'westus',
    from,
    to: Math.min(END, from + length),
    ...rest,
  }));

describe('properties', () => {
  it('should always make every amount quantity × unit price, and never a quantity ≤ 0', () => {
    fc.assert(
      fc.property(
        fc.array(aReplicated, { maxLength: 3 }),
        fc.array(aRun, { maxLength: 3 }),
        (replicated, compute) => {
          for (const l of linesOf(anInput(END, { replicated, compute }))) {
            expect(l.amount).toBe(l.quantity * l.unitPrice);
            expect(l.quantity).toBeGreaterThan(0);
            expect(Number.isFinite(l.amount)).toBe(true);
          }
        },
      ),
    );
  });

  it('should never bill a per-instance fee inside the free days, and bill every replicated ms after', () => {
    fc.assert(
      fc.property(aReplicated, (vm) => {
        const input = anInput(END, { replicated: [vm] });
        const ctx = pricingContext(input, aTable());
        const lines = siteRecoveryLines(input, ctx).filter((l) => l.meter === 'asrInstances');
        const length = new Map(ctx.months.map((m) => [m.month, m.length]));
        const billedMs = sum(lines, (l) => l.quantity * length.get(l.month)!);
        expect(billedMs).toBeCloseTo(Math.max(0, vm.to - (vm.from + 31 * DAY)), 3);
      }),
    );
  });

  it('should always bill the compute hours a run lasted, whatever the months', () => {
    fc.assert(
      fc.property(aRun, (run) => {
        const lines = linesOf(anInput(END, { compute: [run] }));
        expect(sum(lines, (l) => l.quantity)).toBeCloseTo((run.to - run.from) / HOUR, 6);
      }),
    );
  });
});
