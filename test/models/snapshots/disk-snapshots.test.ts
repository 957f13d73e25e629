import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Series } from '../../../engine/series.js';
import { type Bytes, MS, millis } from '../../../engine/units.js';
import type { TraceRecord } from '../../../models/backup/world.js';
import type { Disk, DiskSnapshotPlan, Vm } from '../../../models/scenario/types.js';
import { simulate } from '../../../models/simulate.js';
import { DiskSnapshots } from '../../../models/snapshots/disk-snapshots.js';
import { loadScenarioText } from '../../../scenarios/load.js';
import { aWorld } from '../../support/world.js';

const DAY = MS.day;
const GB = 1e9;

// ------------------------------------------------------------------ builders

/** A 100 GB-used disk with 2% daily churn unless told otherwise. */
function aDisk(over: Partial<Disk> = {}): Disk {
  return {
    name: 'os',
    size: (128 * GB) as Bytes,
    type: 'premium',
    used: (100 * GB) as Bytes,
    churn: { kind: 'constant', value: 0.02 },
    growth: 0,
    ...over,
  };
}

/** Daily incremental snapshots at 00:00 UTC, keep 7, unless told otherwise. */
function aPlan(over: Partial<DiskSnapshotPlan> = {}): DiskSnapshotPlan {
  return { every: millis(DAY), at: 0, timeZone: 'UTC', keep: 7, incremental: true, ...over };
}

function aVm(plan: DiskSnapshotPlan, disks: Disk[] = [aDisk()]): Vm {
  return {
    id: 'web-001',
    group: 'web',
    region: 'eastus',
    zone: null,
    os: 'linux',
    vmAgent: true,
    tags: {},
    disks,
    backup: null,
    snapshots: plan,
    cores: 2,
    size: null,
    replicate: null,
  };
}

const newSeries = () => new Series('disk-snapshots', { kind: 'step', resolution: MS.hour, maxPoints: 1000 });

/** Runs one VM's snapshots to `horizon`, checking `keep` after every snapshot. */
function run(vm: Vm, horizon: number, seed = 1, total = newSeries()) {
  const traces: TraceRecord[] = [];
  let maxCount = 0;
  let proc: DiskSnapshots | null = null;
  const world = aWorld(horizon, seed, (r) => {
    traces.push(r);
    maxCount = Math.max(maxCount, proc!.count);
  });
  proc = new DiskSnapshots(world, vm, total);
  proc.start();
  world.sim.run(horizon);
  return { proc, total, traces, maxCount };
}

// ------------------------------------------------------------------ examples

describe('DiskSnapshots', () => {
  it('keeps a full copy and six one-day deltas of daily incremental snapshots', () => {
    // Snapshots at 00:00 on days 0–9 (horizon 10 days), keep 7: days 3–9 remain. Deleting
    // the oldest makes its successor the full copy, so:
    //   stored = used + 6 × used × (1 − (1 − 0.02)^1) = 100e9 + 6 × 2e9 = 112e9
    // (whole bytes: kept blocks round down, each delta may be a byte over).
    const { proc, total, traces } = run(aVm(aPlan()), 10 * DAY);
    expect(traces).toHaveLength(10);
    expect(proc.count).toBe(7);
    expect(Math.abs(proc.stored - 112 * GB)).toBeLessThanOrEqual(6);
    expect(total.last()).toBe(proc.stored);
  });

  it('counts changes between snapshots by the union rule', () => {
    // Every 2 days on days 0, 2, 4, 6, 8, keep 3: days 4, 6, 8 remain. Each delta spans two
    // days of 2% churn: 1 − 0.98² = 3.96% of the data, not 4%.
    //   stored = 100e9 + 2 × 100e9 × 0.0396 = 107.92e9
    const { proc } = run(aVm(aPlan({ every: millis(2 * DAY), keep: 3 })), 10 * DAY);
    expect(proc.count).toBe(3);
    expect(Math.abs(proc.stored - 107.92 * GB)).toBeLessThanOrEqual(3);
  });

  it('keeps seven full copies of the used bytes when snapshots are full', () => {
    // 7 × 100e9 = 700e9, whatever the churn; with two disks (100 + 50 GB) 7 × 150e9.
    const one = run(aVm(aPlan({ incremental: false })), 10 * DAY);
    expect(one.proc.stored).toBe(700 * GB);
    const two = run(
      aVm(aPlan({ incremental: false }), [aDisk(), aDisk({ name: 'data-1', used: (50 * GB) as Bytes })]),
      10 * DAY,
    );
    expect(two.proc.stored).toBe(1050 * GB);
    expect(two.proc.count).toBe(7);
  });

  it('sums the chains of all disks, keep applying per disk', () => {
    // Two disks taken together: (100 + 50) × (1 + 6 × 0.02) = 168e9.
    const { proc } = run(
      aVm(aPlan(), [aDisk(), aDisk({ name: 'data-1', used: (50 * GB) as Bytes })]),
      10 * DAY,
    );
    expect(proc.count).toBe(7);
    expect(Math.abs(proc.stored - 168 * GB)).toBeLessThanOrEqual(12);
  });

  it('takes the first snapshot at the first local `at` on or after the start', () => {
    // The run starts 1 January 00:00 UTC = 31 December 19:00 in New York; 22:30 New York
    // is 03:30 UTC, 3.5 h in, then every 12 h.
    const plan = aPlan({ at: 22 * 60 + 30, timeZone: 'America/New_York', every: millis(12 * MS.hour) });
    const { traces } = run(aVm(plan), DAY);
    expect(traces.map((t) => t.t)).toEqual([3.5 * MS.hour, 15.5 * MS.hour]);
  });

  it('adds every VM into one shared series', () => {
    // Two VMs, one full snapshot each: 2 × 100e9.
    const total = newSeries();
    run(aVm(aPlan()), DAY, 1, total);
    run({ ...aVm(aPlan()), id: 'web-002' }, DAY, 1, total);
    expect(total.last()).toBe(200 * GB);
  });

  it('sees the same data changes as the VM’s Azure backup (common random numbers)', () => {
    // The snapshot process reads its own copy of the VM's churn streams, so adding a backup
    // (which draws from the same names) changes nothing in the snapshots.
    const scenario = (backup: boolean) => `
name: crn
start: 2026-01-01T00:00:00Z
duration: 20d
seed: 7
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus }]
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:30" }
    retention: { daily: 7 }
fleet:
  - name: web
    count: 2
    region: eastus
    disks: [{ size: 128GiB, used: 50%, churn: { daily: 3%, spread: 2% } }]
    snapshots: { every: 6h, keep: 10 }
${backup ? '    backup: { vault: rsv, policy: daily }' : ''}
`;
    const results = [false, true].map((backup) => {
      const loaded = loadScenarioText(scenario(backup), 'crn.yaml');
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      return simulate(loaded.scenarios[0]);
    });
    expect(results[1].storage.end.standard).toBeGreaterThan(0);
    expect(results[0].storage.diskSnapshots.end).toBeGreaterThan(2 * 64 * 2 ** 30);
    expect(results[1].storage.diskSnapshots).toEqual(results[0].storage.diskSnapshots);
    expect(results[0].cost.summary.totals.diskSnapshots.quantity).toBeGreaterThan(0);
  });

  // ---------------------------------------------------------------- properties

  const caseArb = fc.record({
    every: fc.integer({ min: 5, max: 3 * 24 * 60 }).map((m) => m * MS.minute),
    at: fc.integer({ min: 0, max: 1439 }),
    keep: fc.integer({ min: 1, max: 12 }),
    incremental: fc.boolean(),
    days: fc.integer({ min: 1, max: 30 }),
    disks: fc.array(
      fc.record({
        used: fc.integer({ min: 0, max: 4e12 }),
        churn: fc.double({ min: 0, max: 0.6, noNaN: true }),
        spread: fc.double({ min: 0, max: 0.3, noNaN: true }),
        growth: fc.double({ min: -0.9, max: 5, noNaN: true }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  });
  type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

  // At most ~1500 snapshots a case, however small the interval.
  const vmOf = (c: Case): { vm: Vm; horizon: number } => ({
    vm: aVm(
      aPlan({
        every: millis(c.every),
        at: c.at,
        keep: c.keep,
        incremental: c.incremental,
        timeZone: 'Europe/Berlin',
      }),
      c.disks.map((d, k) =>
        aDisk({
          name: `d${k}`,
          used: d.used as Bytes,
          growth: d.growth,
          churn: {
            kind: 'uniform',
            min: Math.max(0, d.churn - d.spread),
            max: Math.min(0.99, d.churn + d.spread),
          },
        }),
      ),
    ),
    horizon: Math.min(c.days * DAY, 1500 * c.every),
  });

  it('should never hold negative bytes nor keep more than `keep` snapshots per disk', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { vm, horizon } = vmOf(c);
        const { proc, total, maxCount, traces } = run(vm, horizon);
        expect(maxCount).toBeLessThanOrEqual(c.keep);
        expect(total.min()).toBeGreaterThanOrEqual(0);
        for (const t of traces) expect(t.detail!.bytes as number).toBeGreaterThanOrEqual(0);
        expect(total.last()).toBe(proc.stored);
      }),
      { numRuns: 60 },
    );
  });

  it('should always give the same results for the same seed', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (c, seed) => {
        const { vm, horizon } = vmOf(c);
        const a = run(vm, horizon, seed);
        const b = run(vm, horizon, seed);
        expect(b.traces).toEqual(a.traces);
        expect(b.total.points()).toEqual(a.total.points());
      }),
      { numRuns: 30 },
    );
  });
});
