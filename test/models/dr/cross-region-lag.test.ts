// Cross Region Restore's lag as a distribution (docs/reference.md §2.2: the secondary region
// "can take up to 12 hours" to receive backup data): drawn per VM and incident from the named
// stream `dr/<event index>/<vm>/crr-lag`, so the secondary-region RPO is not a fixed 36 h;
// what the schedule guarantees takes the lag at its maximum.
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../../engine/random.js';
import { MS } from '../../../engine/units.js';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const SEED = 5;

// 12 VMs in a GRS vault with Cross Region Restore, daily backups at 22:00 UTC (no start
// jitter, 5-minute snapshots, no churn: each point reaches the vault at 22:05). eastus is out
// from 10d 08:00; recovery.crossRegionLag is left at its default, uniform 0–12 h.
function run(lag = ''): RunResult {
  const loaded = loadScenarioText(
    `
name: crr
seed: ${SEED}
start: "2026-01-01T00:00:00Z"
duration: 14d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults: [{ name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: true }]
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
recovery: { detection: 15m, boot: 2m, vaultRestoreOverhead: 30m, restoreThroughput: 60MiB/s${lag} }
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00" }, instantRestore: 2d, retention: { daily: 30 } }
fleet:
  - { name: web, count: 12, region: eastus, disks: [{ size: 64GiB, used: 50%, churn: { daily: 0% } }], backup: { vault: rsv, policy: daily } }
events:
  - { at: 10d8h, outage: { region: eastus, for: 6h } }
`,
    'crr.yaml',
  );
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(loaded.scenarios[0]);
}

describe('Cross Region Restore lag (§2.2)', () => {
  it('draws each VM its own lag, so the secondary-region RPO is 10 h or 34 h, not always 34 h', () => {
    // Day 9's point lands at 9d 22:05; it is in westus at the outage (10d 08:00) when the lag
    // is at most 9 h 55 m: then RPO = 10d 08:00 − 9d 22:00 = 10 h. Otherwise day 8's point
    // (in westus by 9d 22:05 at the latest) is used: RPO = 34 h. The lag of each VM is the
    // first draw of its stream × 12 h (uniform 0–12 h), rounded to the millisecond.
    const r = run();
    const vms = r.dr!.incidents[0].vms;
    expect(vms).toHaveLength(12);
    const streams = createStreams(SEED);
    const drawn = vms.map((v) => Math.round(streams.get(`dr/0/${v.vm}/crr-lag`).next() * 12 * MS.hour));
    const expected = drawn.map((lag) => (lag <= 9 * MS.hour + 55 * MS.minute ? 10 * 3600 : 34 * 3600));
    console.log('lags drawn (h):', drawn.map((l) => (l / MS.hour).toFixed(2)).join(' '));
    for (const v of vms) expect(v.path).toBe('cross-region-restore');
    expect(vms.map((v) => v.rpoSeconds)).toEqual(expected);
    // Both outcomes occur with this seed (P(10 h) = 9 h 55 m / 12 h ≈ 83%).
    expect(new Set(expected)).toEqual(new Set([10 * 3600, 34 * 3600]));
  });

  it('a constant lag gives every VM the same point, as before', () => {
    const r = run(', crossRegionLag: 12h');
    expect(new Set(r.dr!.incidents[0].vms.map((v) => v.rpoSeconds))).toEqual(new Set([34 * 3600]));
  });

  it('guarantees against the lag at its maximum, whatever was drawn', () => {
    // The last vault point before the outage is day 9's (data instant 9d 22:00); the VMs then
    // run in westus and are not backed up again, so the widest window between vault points is
    // the one left open at the end of the run: 14d − 9d 22:00 = 98 h, plus the lag at its
    // maximum: 12 h by default (uniform 0–12 h), 8 h for a triangular 1h/2h/8h.
    for (const g of run().guarantees) expect(g.rpo).toBe((98 + 12) * MS.hour);
    const tri = run(', crossRegionLag: { distribution: triangular, min: 1h, mode: 2h, max: 8h }');
    for (const g of tri.guarantees) expect(g.rpo).toBe((98 + 8) * MS.hour);
  });
});
