// Which days a protected instance is billed (models/pricing/instance-spans.ts; docs/model.md,
// Cost: "Protected-instance days"), worked by hand: a day counts whole when, at its close, the
// item holds backup data that bills the fee — protected or stopped with data retained, or in soft
// delete during the period's days before its last 14 (§2.3) — and no later event changes it.
import { describe, expect, it } from 'vitest';
import { Series } from '../../../engine/series.js';
import { MS } from '../../../engine/units.js';
import type { TraceRecord } from '../../../models/backup/world.js';
import { BYTES_PER_GB, type CostInput, priceRun } from '../../../models/pricing/index.js';
import { closedDays, heldDays } from '../../../models/pricing/instance-spans.js';
import { type SimulateOptions, simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const DAY = MS.day;

function run(text: string, options: SimulateOptions = {}) {
  const loaded = loadScenarioText(text, 'instance-spans.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return simulate(loaded.scenarios[0], options);
}

// Instance-months of the protectedInstances meter per month, e.g. { '2026-03': 1 }.
function instanceMonths(r: ReturnType<typeof run>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of r.cost.lines.filter((x) => x.meter === 'protectedInstances'))
    out[l.month] = (out[l.month] ?? 0) + l.quantity;
  return out;
}

// One VM holding 100 GiB (> 50 GiB: one $10 instance, §8.2), no churn, jobs at fixed times.
const vm = (backup: string) => `
regions: [{ name: eastus }]
backupJobs: { startWindow: 0s, snapshotDuration: 0s }
fleet:
  - name: a
    region: eastus
    disks: [{ size: 1TiB, used: 100GiB, churn: { daily: 0% } }]
    backup: { vault: v1, policy: p${backup} }
`;

describe('protected-instance days across a soft-delete period (§2.3, §2.6)', () => {
  // Deleted at 10d (Mar 11 00:00) into a 60-day soft-delete period: purge at 70d (May 10).
  const scenario = (undelete: boolean) => `
name: sd60
start: "2026-03-01T00:00:00Z"
duration: 120d
vaults: [{ name: v1, region: eastus, redundancy: LRS, softDelete: 60d }]
policies: [{ name: p, schedule: { frequency: daily, at: "00:00" }, instantRestore: 1d, retention: { daily: 7 } }]
${vm('')}
events:
  - { at: 10d, deleteBackup: { vms: [a-001], actor: admin } }
${undelete ? '  - { at: 62d, undelete: { vms: [a-001] } }' : ''}
`;
  const kept = run(scenario(false));
  const undeleted = run(scenario(true));

  it('should bill the soft-delete days before the last 14 and never change them after an undelete', () => {
    // Protected Mar 1–10: the deletion at Mar 11 00:00 comes after Mar 10's close.
    // Soft delete: the 60-day period bills its first 60 − 14 = 46 days (§2.3), Mar 11 – Apr 25
    // (to 10d + 46d = 56d, Apr 26 00:00), at the last size, 100 GiB: 1 instance.
    // March: 10 + 21 = 31 of 31 days → 1 instance-month ($10).
    // April: Apr 1–25 = 25 of 30 days → 25/30 = 0.8333 instance-months ($8.33).
    // (Before the fix: with the undelete, March 1.0 and April 1.0 — the gap billed at the last
    // size — and without it March 10/31 = 0.323, the soft-delete days not billed at all.)
    for (const r of [kept, undeleted]) {
      const months = instanceMonths(r);
      expect(months['2026-03']).toBeCloseTo(31 / 31, 12);
      expect(months['2026-04']).toBeCloseTo(25 / 30, 12);
    }
    expect(instanceMonths(kept)).not.toHaveProperty('2026-05');
  });

  it('should leave the free days unbilled and bill again from the undelete', () => {
    // Free: Apr 26 – May 1 (the period's last 14 days until the undelete at 62d, May 2 00:00,
    // which comes after May 1's close). Stopped with data retained from May 2 (§2.3, §2.6):
    // May 2–31 = 30 of 31 days → 0.9677; June 1–28 (the run ends at 120d, Jun 29 00:00) =
    // 28 of 30 days → 0.9333.
    const months = instanceMonths(undeleted);
    expect(months['2026-05']).toBeCloseTo(30 / 31, 12);
    expect(months['2026-06']).toBeCloseTo(28 / 30, 12);
  });

  it('should bill the same days as the softDelete meter bills the storage', () => {
    // The softDelete meter: 100 GiB × 21/31 in March, × 25/30 in April (the same 46 days).
    const storage = kept.cost.lines.filter((l) => l.meter === 'softDelete');
    expect(storage.map((l) => l.month)).toEqual(['2026-03', '2026-04']);
    expect(storage[0].quantity).toBeCloseTo((100 * 21) / 31, 9);
    expect(storage[1].quantity).toBeCloseTo((100 * 25) / 30, 9);
    const april = kept.cost.lines.find((l) => l.meter === 'protectedInstances' && l.month === '2026-04');
    expect(april?.rule).toMatch(/25 d billed .*25 d of them in soft delete before the period's free days/);
  });
});

describe('a stop at midnight, spelled two ways', () => {
  // Stop with delete data at 10d (Mar 11 00:00), soft delete off: the data goes at once.
  const scenario = (name: string, stop: string, events: string) => `
name: ${name}
start: "2026-03-01T00:00:00Z"
duration: 31d
vaults: [{ name: v1, region: eastus, redundancy: LRS, softDelete: false }]
policies: [{ name: p, schedule: { frequency: daily, at: "00:00" }, instantRestore: 1d, retention: { daily: 7 } }]
${vm(stop)}
${events}
`;
  const inFleet = run(scenario('in-fleet', ', stop: { at: 10d, deleteData: true }', ''));
  const asEvent = run(
    scenario('as-event', '', 'events: [{ at: 10d, stopProtection: { vms: [a-001], data: delete } }]'),
  );

  it('should bill the same days either way: those closed before the stop', () => {
    // Mar 1–10 close with data (the stop at Mar 11 00:00 comes after Mar 10's close):
    // 10/31 = 0.3226 instance-months, $3.23 — the 10 days the vault storage covers too.
    // (Before the fix the fleet spelling billed 9/31 = 0.2903: its stop ran before the close.)
    for (const r of [inFleet, asEvent])
      expect(instanceMonths(r)).toEqual({ '2026-03': expect.closeTo(10 / 31, 12) });
    const storage = (r: typeof inFleet) =>
      r.cost.lines.filter((l) => l.meter === 'vaultStandard').reduce((sum, l) => sum + l.quantity, 0);
    expect(storage(inFleet)).toBeCloseTo(storage(asEvent), 12);
  });
});

describe('the first day', () => {
  const scenario = (at: string) => `
name: first-day
start: "2026-03-01T00:00:00Z"
duration: 31d
vaults: [{ name: v1, region: eastus, redundancy: LRS, softDelete: false }]
policies: [{ name: p, schedule: { frequency: daily, at: "${at}" }, instantRestore: 1d, retention: { daily: 7 } }]
${vm('')}
`;
  // When the first backup succeeded: its vault point landed (§1.1: the job ends with the transfer).
  function firstLanding(at: string) {
    let landed = Number.NaN;
    const trace = (t: TraceRecord) => {
      if (t.kind === 'vault-point' && Number.isNaN(landed)) landed = t.t;
    };
    return { r: run(scenario(at), { trace }), landed };
  }

  it('should bill the day of the first backup only when the backup succeeded by its close', () => {
    // 12:00: the 100 GiB first copy lands the same day, before Mar 1 closes → Mar 1–31, 31/31.
    const noon = firstLanding('12:00');
    expect(noon.landed).toBeLessThan(DAY);
    expect(instanceMonths(noon.r)['2026-03']).toBeCloseTo(31 / 31, 12);
    // 23:45: it lands after midnight → Mar 1 closes with no backup; Mar 2–31, 30/31 = 0.9677.
    const late = firstLanding('23:45');
    expect(late.landed).toBeGreaterThan(DAY);
    expect(late.landed).toBeLessThan(2 * DAY);
    expect(instanceMonths(late.r)['2026-03']).toBeCloseTo(30 / 31, 12);
  });
});

describe('closedDays and heldDays', () => {
  it('should give the days whose close falls in (after, until]', () => {
    // Run days [0, 1d), [1d, 2d), …; closes at 1d, 2d, …
    expect(closedDays(10 * DAY, 56 * DAY, 0, 120 * DAY)).toEqual({ from: 10 * DAY, to: 56 * DAY });
    // Deleted mid-day (10.5d): the day [10d, 11d) closes after it; until 26.5d: last close 26d.
    expect(closedDays(10.5 * DAY, 26.5 * DAY, 0, 120 * DAY)).toEqual({ from: 10 * DAY, to: 26 * DAY });
    // The horizon cuts the last day: 20.5d closes [20d, 20.5d).
    expect(closedDays(10 * DAY, 100 * DAY, 0, 20.5 * DAY)).toEqual({ from: 10 * DAY, to: 20.5 * DAY });
    // Nothing closes in (10d, 10.9d].
    expect(closedDays(10 * DAY, 10.9 * DAY, 0, 120 * DAY)).toBeNull();
  });

  it("should bill §2.3's example: a 60-day period undeleted after 52 days bills 46 days", () => {
    const entry = { item: 'a', bytes: 1, deletedAt: 10 * DAY, purgeAt: 70 * DAY, leftAt: 62 * DAY };
    const days = heldDays({ entry, freeDays: 14 }, 0, 120 * DAY);
    // min(leftAt 62d, purgeAt 70d − 14d = 56d) = 56d: 56 − 10 = 46 days.
    expect(days).toEqual({ from: 10 * DAY, to: 56 * DAY });
    // A 14-day period is free throughout (§2.3: the default costs nothing).
    const short = { item: 'a', bytes: 1, deletedAt: 10 * DAY, purgeAt: 24 * DAY };
    expect(heldDays({ entry: short, freeDays: 14 }, 0, 120 * DAY)).toBeNull();
  });
});

describe('protected-instance lines over spans with a gap', () => {
  const utc = (d: number): number => Date.UTC(2026, 0, d);
  const size = new Series('s', { kind: 'step' });
  size.record(utc(1), 100 * BYTES_PER_GB);
  const input = (spans: { from: number; to: number }[]): CostInput => ({
    start: utc(1),
    end: utc(32),
    vaults: [],
    protectedItems: [
      { item: 'vm1', vault: 'rsv', policy: 'p', from: utc(1), to: utc(32), spans, used: size },
    ],
    archiveEarlyDeletions: [],
  });

  it('should never bill the days between two spans', () => {
    // Jan 1–10 and Jan 21–31: 10 + 11 = 21 of 31 days × 1 instance = 0.6774 instance-months,
    // $6.77; the gap Jan 11–20 unbilled (before the fix: 31/31, the gap at the last size).
    const lines = priceRun(
      input([
        { from: utc(1), to: utc(11) },
        { from: utc(21), to: utc(32) },
      ]),
    ).lines.filter((l) => l.meter === 'protectedInstances');
    expect(lines).toHaveLength(1);
    expect(lines[0].quantity).toBeCloseTo(21 / 31, 12);
    expect(lines[0].amount).toBeCloseTo(210 / 31, 10);
    expect(lines[0].rule).toMatch(/21 d billed/);
  });

  it('should reject spans out of order or outside [from, to]', () => {
    expect(() =>
      priceRun(
        input([
          { from: utc(21), to: utc(32) },
          { from: utc(1), to: utc(11) },
        ]),
      ),
    ).toThrow(/spans must be disjoint, in order/);
  });
});

describe("the instance tiers' unit (§8.2; GB read as 2³⁰ bytes)", () => {
  const scenario = (used: string) => `
name: tiers
start: "2026-03-01T00:00:00Z"
duration: 31d
regions: [{ name: eastus }]
vaults: [{ name: v1, region: eastus, redundancy: LRS, softDelete: false }]
policies: [{ name: p, schedule: { frequency: daily, at: "00:00" }, instantRestore: 1d, retention: { daily: 7 } }]
backupJobs: { startWindow: 0s, snapshotDuration: 0s }
fleet:
  - name: a
    region: eastus
    disks: [{ size: 1TiB, used: ${used}, churn: { daily: 0% } }]
    backup: { vault: v1, policy: p }
`;

  it('should count 501GB (10⁹ bytes each) as 1 instance of 500 GiB and 501GiB as 2, and say GiB', () => {
    // 501 × 10⁹ B / 2³⁰ = 466.6 GiB ≤ 500 GiB → 1 instance for 31/31 days = 1 instance-month.
    const decimal = run(scenario('501GB')).cost.lines.filter((l) => l.meter === 'protectedInstances');
    expect(decimal).toHaveLength(1);
    expect(decimal[0].quantity).toBeCloseTo(1, 12);
    expect(decimal[0].rule).toMatch(/^1 instance\(s\) of 500 GiB /);
    // 501 GiB > 500 GiB → ceil(501 / 500) = 2 instances × 31/31 = 2 instance-months, $20.
    const binary = run(scenario('501GiB')).cost.lines.filter((l) => l.meter === 'protectedInstances');
    expect(binary[0].quantity).toBeCloseTo(2, 12);
    expect(binary[0].amount).toBeCloseTo(20, 10);
    expect(binary[0].rule).toMatch(/^2 instance\(s\) of 500 GiB /);
  });
});
