// Golden figures of the Azure VM backup model, worked by hand from the content model
// (models/storage/content.ts): a point holds the blocks changed since its predecessor,
// and an expired point's blocks pass to its successor (union of change sets).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const GiB = 2 ** 30;

/** One VM, one 100 GiB disk fully used, constant daily churn, no start jitter, instant snapshots. */
function oneVm(opts: { days: number; retention: string; churn: string; extra?: string }) {
  const text = `
name: golden
seed: 7
duration: ${opts.days}d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus, redundancy: LRS }]
backupJobs: { startWindow: 0s, snapshotDuration: 0s }
policies:
  - name: p
    schedule: { frequency: daily, at: "00:00" }
    instantRestore: 2d
    retention: ${opts.retention}
fleet:
  - name: vm
    region: eastus
    disks: [{ size: 100GiB, churn: { daily: ${opts.churn} } }]
    backup: { vault: v, policy: p }
${opts.extra ?? ''}`;
  const loaded = loadScenarioText(text, 'golden.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return simulate(loaded.scenarios[0]);
}

// Rounding: each delta is used − ⌊used × 0.98⌋, within a byte of the real value.
const near = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(64);

describe('Azure VM backup: stored bytes', () => {
  it('keeps a full copy plus one increment per retained day while nothing expires', () => {
    // Slots at 00:00 on days 0..9 (the slot at 10d is the horizon): 10 vault points.
    // Day 0 is the full copy: 100 GiB. Each later point changed 2% of 100 GiB = 2 GiB.
    // Stored at the end: 100 + 9 × 2 = 118 GiB.
    const r = simulate10();
    const v = r.vaults[0];
    near(v.storage.end.standard, 118 * GiB);
    expect(v.points.end.vault).toBe(10);
    expect(v.points.end.daily).toBe(10);
    // Instant-restore snapshots expire 2 days after they are taken and go with the next
    // successful backup (§1.4): the backup at 9d removes those taken at 0d..7d (expiry ≤ 9d).
    // At 10d (the horizon: no backup) the one of 8d has just expired and waits for the next
    // backup, as Azure shows n + 1 = 3 before a backup, n = 2 here; the round removes a
    // snapshot only a day past expiry. Two remain: 8d (the oldest, holding its predecessors'
    // blocks: the full 100 GiB disk) and 9d (one day's 2%): 102 GiB.
    expect(v.points.end.snapshot).toBe(2);
    near(v.storage.end.snapshot, 102 * GiB);
    // Transfers: the first is the full 100 GiB, then nine 2 GiB increments.
    near(r.jobs[0].bytesTransferred, 118 * GiB);
    expect(r.jobs[0].succeeded).toBe(10);
  });

  it('after retention starts expiring, stores the oldest point in full and the rest as increments', () => {
    // 40 days, daily retention 30: slots at 00:00 on days 0..39. A point exists once its
    // transfer ends: 2 GiB at the 640 Mbps incremental cap (80 MB/s) takes 26.8 s, so
    // point k is made at k days + 27 s and expires 30 days later, at (k + 30) d + 27 s.
    // The cleanup at the end of day 40 (40 d) removes k + 30 < 40, so k = 0..9, and
    // points 10..39 remain: 30 points. The oldest holds the full disk (its predecessors'
    // blocks passed to it), each of the other 29 one day's 2% change: 100 + 29 × 2 = 158 GiB.
    const r = oneVm({ days: 40, retention: '{ daily: 30 }', churn: '2%' });
    expect(r.vaults[0].points.end.vault).toBe(30);
    near(r.vaults[0].storage.end.standard, 158 * GiB);
    // The 31st point (day 30) appears before the first expires (day 30 + 5,369 s: the
    // first, full transfer took 100 GiB / 20 MB/s): 100 + 30 × 2 = 160 GiB for a moment,
    // but the samples are daily, after cleanup, so the sampled peak is 158 GiB; the
    // ledger's own peak sees the instant.
    near(r.vaults[0].storage.peak.standard, 160 * GiB);
  });

  it('a point whose neighbour expired holds the union of both days of change', () => {
    // Weekly retention keeps every Sunday point for 12 weeks while dailies expire after 7
    // days. 2026-01-04 and 2026-01-11 are Sundays (days 3 and 10). At the end of day 21,
    // dailies 14..20 remain (7 points) plus the Sundays of days 3, 10 and 17 (17 is
    // also a daily). Live points in order: 3, 10, 14, 15, 16, 17, 18, 19, 20.
    // Day 3 is the oldest: a full copy, 100 GiB. Day 10 holds the change over 7 days:
    // 1 − 0.98^7 = 13.187...%. Day 14 holds 4 days: 1 − 0.98^4 = 7.763...%. Days 15..20
    // hold one day each: 6 × 2%.
    const r = oneVm({ days: 21, retention: '{ daily: 7, weekly: { count: 12, on: Sunday } }', churn: '2%' });
    const expected = (100 + 100 * (1 - 0.98 ** 7) + 100 * (1 - 0.98 ** 4) + 6 * 2) * GiB;
    const weekly = r.vaults[0].points.end;
    expect(weekly.vault).toBe(9);
    near(r.vaults[0].storage.end.standard, expected);
  });
});

describe('enhanced hourly policy', () => {
  it('sends the last backup of each day to the vault and tags it with its window day', () => {
    // Every 4 h from 08:00 UTC over 24 h: slots 08, 12, 16, 20, 00, 04; the 04:00 slot
    // closes the window and goes to the vault. Over 30 days (1–30 Jan 2026) the windows
    // of 1..29 Jan close inside the run (the 30 Jan window closes on 31 Jan): 29 points.
    // Daily 10 keeps the last ten (windows 20..29 Jan); weekly 4 on Sunday keeps the
    // windows of Sundays 4, 11, 18 and 25 Jan; 25 Jan is also daily: 10 + 3 = 13 points.
    // Instant restore defaults to 7 days for enhanced: the last backup, at day 29 20:00,
    // removes the snapshots expired by then, those taken at or before day 22 20:00 (§1.4); the
    // round at day 30 removes none (none is a day past expiry). Those of day 23 at 00, 04,
    // 08, 12, 16 and 20 h remain, plus 6 on each of days 24..29: 6 + 36 = 42 = 7 days × 6 a day.
    const text = `
name: hourly
duration: 30d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
backupJobs: { startWindow: 0s, snapshotDuration: 0s }
policies:
  - name: p
    type: enhanced
    schedule: { frequency: hourly, every: 4h, window: { start: "08:00", duration: 24h } }
    retention: { daily: 10, weekly: { count: 4, on: Sunday } }
fleet:
  - { name: vm, region: eastus, disks: [{ size: 100GiB, churn: { daily: 2% } }], backup: { vault: v, policy: p } }
`;
    const loaded = loadScenarioText(text, 'hourly.yaml');
    if (!loaded.ok) throw new Error(loaded.issues[0].message);
    const r = simulate(loaded.scenarios[0]);
    expect(r.vaults[0].points.end.vault).toBe(13);
    expect(r.vaults[0].points.end.daily).toBe(10);
    expect(r.vaults[0].points.end.weekly).toBe(4);
    expect(r.vaults[0].points.end.snapshot).toBe(42);
  });
});

function simulate10() {
  return oneVm({ days: 10, retention: '{ daily: 30 }', churn: '2%' });
}
