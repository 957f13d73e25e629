// Golden disaster-recovery figures, worked by hand from docs/reference.md (§1.2, §2.2,
// §5.1, §5.4, §5.5). Every timing distribution is a constant so each figure is exact:
// detection 15m, failover 4m, boot 2m, snapshot restore 10m, vault restore 30m + the disk
// at 60 MiB/s, Site Recovery processing 5m, Cross Region Restore lag 12h.

import { describe, expect, it } from 'vitest';
import type { Incident, RunResult, VmRecovery } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const HOUR = 3600;

function run(yaml: string): RunResult {
  const loaded = loadScenarioText(yaml, 'golden.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(loaded.scenarios[0]);
}

const BASE = `
name: golden
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 20d
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
recovery:
  detection: 15m
  failover: 4m
  boot: 2m
  snapshotRestore: 10m
  vaultRestoreOverhead: 30m
  restoreThroughput: 60MiB/s
  crossRegionLag: 12h
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    instantRestore: 2d
    retention: { daily: 30 }
`;

function only(result: RunResult): { incident: Incident; vm: VmRecovery } {
  const incidents = result.dr!.incidents;
  expect(incidents).toHaveLength(1);
  expect(incidents[0].vms).toHaveLength(1);
  return { incident: incidents[0], vm: incidents[0].vms[0] };
}

// One replicated VM (100 GiB used, no churn of its own, 20 MiB/s of bandwidth) and a burst of
// 30 MiB/s of writes from 10d 12:00 for an hour; `more` adds events.
const burst = (more: string) => `${BASE}
fleet:
  - name: app
    region: eastus
    disks: [{ size: 100GiB, used: 60%, churn: { daily: 0% } }]
    replicate: { to: westus, bandwidth: 20MiB/s }
events:
  - { at: 10d12h, churnSpike: { group: app, rate: 30MiB/s, for: 1h } }${more}
`;

describe('Site Recovery failover at a region outage', () => {
  it('churn below bandwidth: RPO is the 5-minute point grid, within 5 minutes plus processing', () => {
    // 1% of 60 GiB a day = 7.3 KB/s, far below the 54 MB/s churn limit: nothing is ever queued,
    // so all data up to the outage (10d 14:03) is uploaded. Crash-consistent points every 5
    // minutes (§5.1): the latest at or before 14:03 is 14:00 → RPO 180 s ≤ 300 s + processing.
    // RTO = detection 900 s + failover 240 s + boot 120 s = 1260 s.
    const r = run(`${BASE}
fleet:
  - name: app
    region: eastus
    disks: [{ size: 100GiB, used: 60%, churn: { daily: 1% } }]
    replicate: { to: westus }
events:
  - { at: 10d14h3m, outage: { region: eastus, for: 6h } }
`);
    const { vm } = only(r);
    expect(vm.path).toBe('failover');
    expect(vm.point).toEqual({ at: '2026-01-11T14:00:00.000Z', source: 'asr-crash', region: 'westus' });
    expect(vm.rpoSeconds).toBe(180);
    expect(vm.rtoSeconds).toBe(1260);
    expect(vm.phases).toEqual({ detection: 900, waiting: 0, recovery: 240, boot: 120 });
    expect(vm.region).toBe('westus');
    // Reprotect (§5.7) once East US is back at 20:03: checksum = the initial replication,
    // 60 GiB at the 54 MiB/s churn limit = 61,440 / 54 = 1137.78 s; the changes made in westus
    // from 14:24 (back up) to 20:03 (20,340 s at 1% × 60 GiB a day = 0.1446 GiB) go back at
    // 23% of 60 MiB/s = 10.73 s; processing (1137.78 + 10.73) / 5 = 229.70 s; auto-scale
    // 1500 s → 2878.2 s. Failback ≈ the failover, 240 s (§5.4).
    const gib = 1024 ** 3;
    const differential = (0.01 * 60 * gib * 20_340) / 86_400;
    const transfer = differential / (0.23 * 60 * 1024 ** 2);
    const checksum = 61_440 / 54;
    expect(vm.reprotect!.reprotectSeconds).toBeCloseTo(
      checksum + transfer + (checksum + transfer) / 5 + 1500,
      2,
    );
    expect(vm.reprotect!.failbackSeconds).toBe(240);
  });

  it('churn above bandwidth for an hour: the backlog sets the RPO', () => {
    // Writes of 30 MiB/s against 20 MiB/s of bandwidth from 12:00 to 13:00; the region goes
    // down at 13:00. Backlog B = (30 − 20) MiB/s × 3600 s = 36,000 MiB. The issue's lag —
    // the time to drain it — is B / bandwidth = (c − b)·T/b = 1800 s. What a failover loses is
    // the age of the oldest byte not uploaded: the backlog holds the last B / c = 1200 s of
    // writes, so everything up to 12:40 is safe, and 12:40 is a 5-minute point → RPO 1200 s.
    const r = run(burst('\n  - { at: 10d13h, outage: { region: eastus, for: 6h } }'));
    const { vm } = only(r);
    expect(vm.point?.at).toBe('2026-01-11T12:40:00.000Z');
    expect(vm.rpoSeconds).toBe(1200);
    // Data lost: the 20 minutes of writes at 30 MiB/s not uploaded = 36,000 MiB (the backlog).
    expect(vm.dataLostBytes).toBe(36_000 * 1024 ** 2);
  });

  it('the planner figures: peak RPO of a burst, and the bandwidth that keeps RPO within 15 minutes', () => {
    // The same burst with no outage. While the backlog drains (at b, nothing new written),
    // the data age keeps growing — at rate 1 − b/c — until the last burst byte is uploaded at
    // cT/b after 12:00; the age then is cT/b − T = (c − b)·T/b = 10 × 3600 / 20 = 1800 s: the
    // issue's "lag" is the peak RPO of the episode. To keep it ≤ 900 s (the planner's default
    // 15 min, no objective set): (30 − b) × 3600 / b ≤ 900 → b ≥ 24 MiB/s.
    const r = run(burst(''));
    const g = r.dr!.replication[0];
    expect(g.peakRpoSeconds.max).toBeCloseTo(1800, 3);
    expect(g.rpoTargetSeconds).toBe(900);
    expect(g.daysOverTarget).toBe(1);
    const needed = 24 * 1024 ** 2;
    expect(g.bandwidthForTarget!).toBeGreaterThanOrEqual(needed);
    expect(g.bandwidthForTarget! / needed).toBeLessThan(1.001);
  });

  it('a replication group fails over to the latest point all its members have', () => {
    // As above, but only app-001 writes the burst; app-002 is caught up to 13:00. They share
    // a replication group (multi-VM consistency, §5.1), so both use app-001's 12:40 point:
    // RPO 1200 s for both, though app-002 alone would have lost nothing.
    const r = run(`${BASE}
fleet:
  - name: app
    count: 2
    region: eastus
    disks: [{ size: 100GiB, used: 60%, churn: { daily: 0% } }]
    replicate: { to: westus, bandwidth: 20MiB/s, group: rg }
events:
  - { at: 10d12h, churnSpike: { vms: [app-001], rate: 30MiB/s, for: 1h } }
  - { at: 10d13h, outage: { region: eastus, for: 6h } }
`);
    const vms = r.dr!.incidents[0].vms;
    expect(vms.map((v) => [v.vm, v.point?.at, v.rpoSeconds])).toEqual([
      ['app-001', '2026-01-11T12:40:00.000Z', 1200],
      ['app-002', '2026-01-11T12:40:00.000Z', 1200],
    ]);
  });

  it('a three-group recovery plan: groups in sequence, VMs of a group in parallel', () => {
    // Decision at 14:15. Group 1 (db-001, db-002 in parallel): 14:15 → 14:21 (4m + 2m).
    // Group 2 after a 10-minute manual step: 14:31 → 14:37. Group 3: 14:37 → 14:43.
    // RTO (from 14:00): db 21 min = 1260 s, app 37 min = 2220 s, web 43 min = 2580 s
    // = 15 + 6 + (10 + 6) + 6 minutes: the sum of the group times.
    const r = run(`${BASE}
fleet:
  - { name: db, count: 2, region: eastus, disks: [{ size: 64GiB, used: 50% }], replicate: { to: westus } }
  - { name: app, region: eastus, disks: [{ size: 64GiB, used: 50% }], replicate: { to: westus } }
  - { name: web, region: eastus, disks: [{ size: 64GiB, used: 50% }], replicate: { to: westus } }
recoveryPlans:
  - name: shop
    groups:
      - { group: db }
      - { group: app, manual: 10m }
      - { group: web }
events:
  - { at: 10d14h, outage: { region: eastus, for: 6h } }
`);
    const rto = Object.fromEntries(r.dr!.incidents[0].vms.map((v) => [v.vm, v.rtoSeconds]));
    expect(rto).toEqual({ 'db-001': 1260, 'db-002': 1260, 'app-001': 2220, 'web-001': 2580 });
    const web = r.dr!.incidents[0].vms.find((v) => v.vm === 'web-001')!;
    // Waiting = the two earlier groups and the manual step: 6 + 10 + 6 minutes.
    expect(web.phases).toEqual({ detection: 900, waiting: 1320, recovery: 240, boot: 120 });
  });
});

describe('detection by an alert', () => {
  // The same three-group plan, with a metric alert on the "VMs Unavailable" signal disaster
  // recovery reports per region each minute. A 1-minute rule at tick T sees samples in
  // [T − 5m, T) (§7.2 windows; ticks from the scenario start): the first sample, at 14:00,
  // is seen by the tick at 14:01, so the rule fires at 14:01 instead of the 15-minute delay.
  const plan = (actions: string) => `${BASE}
fleet:
  - { name: db, count: 2, region: eastus, disks: [{ size: 64GiB, used: 50% }], replicate: { to: westus } }
recoveryPlans:
  - { name: shop, groups: [{ group: db }] }
monitor:
  alerts:
    - { name: vms-down, metric: VMs Unavailable, aggregation: maximum, window: 5m, every: 1m, when: "> 0", actions: [${actions}] }
events:
  - { at: 10d14h, outage: { region: eastus, for: 6h } }
`;

  it('an automated failover action starts the plan at the firing: RTO 1 + 4 + 2 minutes', () => {
    const r = run(plan('failover:shop'));
    const incident = r.dr!.incidents[0];
    expect(incident.detectedAt).toBe('2026-01-11T14:01:00.000Z');
    expect(incident.detectedBy).toBe('alert vms-down (automated failover)');
    expect(incident.vms.map((v) => v.rtoSeconds)).toEqual([420, 420]);
    expect(r.alerts!.timeline[0]).toMatchObject({ rule: 'vms-down', firedAt: '2026-01-11T14:01:00.000Z' });
  });

  it('a notification gets a person to act after recovery.acknowledge (5 minutes): RTO 6 + 6 minutes', () => {
    const r = run(plan('notify'));
    expect(r.dr!.incidents[0].detectedAt).toBe('2026-01-11T14:06:00.000Z');
    expect(r.dr!.incidents[0].vms.map((v) => v.rtoSeconds)).toEqual([720, 720]);
  });
});

describe('restore from backup at a region outage', () => {
  // Daily backups at 22:00 (no start jitter), snapshot phase 5 minutes, churn 0, so each
  // incremental point reaches the vault at 22:05. The outage starts at 10d 08:00 for 6 hours.
  const backupOnly = (vault: string) => `${BASE}
vaults:
  - ${vault}
fleet:
  - name: web
    region: eastus
    disks: [{ size: 100GiB, used: 60%, churn: { daily: 0% } }]
    backup: { vault: rsv, policy: daily }
events:
  - { at: 10d8h, outage: { region: eastus, for: 6h } }
`;

  it('GRS + Cross Region Restore: the last point that had reached the pair', () => {
    // Day 9's point reached the vault at 9d 22:05 and the pair 12 h later, 10d 10:05: after
    // the outage began, so it never arrived. Day 8's arrived at 9d 10:05. RPO = 10d 08:00 −
    // 8d 22:00 = 34 h = 122,400 s. Restore in westus at the decision (08:15): 30 min + 60 GiB
    // at 60 MiB/s (61,440 MiB / 60 = 1024 s) = 2824 s. RTO = 900 + 2824 + 120 = 3844 s.
    const r = run(backupOnly('{ name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: true }'));
    const { vm } = only(r);
    expect(vm.path).toBe('cross-region-restore');
    expect(vm.point).toEqual({ at: '2026-01-09T22:00:00.000Z', source: 'secondary-vault', region: 'westus' });
    expect(vm.rpoSeconds).toBe(34 * HOUR);
    expect(vm.rtoSeconds).toBe(3844);
    expect(vm.region).toBe('westus');
  });

  it('without Cross Region Restore the VM waits for its region, then restores (RTO = outage + restore)', () => {
    // Nothing readable until 14:00. Then day 9's instant-restore snapshot (kept 2 days) is
    // restored in minutes: RTO = 6 h + 10 min + 2 min = 22,320 s; RPO = 08:00 − 9d 22:00 = 10 h.
    const r = run(backupOnly('{ name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: false }'));
    const { vm } = only(r);
    expect(vm.path).toBe('restore-snapshot');
    expect(vm.point?.at).toBe('2026-01-10T22:00:00.000Z');
    expect(vm.rpoSeconds).toBe(10 * HOUR);
    expect(vm.rtoSeconds).toBe(6 * HOUR + 600 + 120);
    expect(vm.phases).toEqual({ detection: 900, waiting: 6 * HOUR - 900, recovery: 600, boot: 120 });
    // No job was due during the outage (08:00–14:00), and the VM was back before 22:00.
    expect(r.jobs[0].failed).toBe(0);
  });
});

describe('ransomware', () => {
  it('recovers from the last point before the encryption began, though later ones exist', () => {
    // Encryption starts at 10d 12:00 and is found 3 days later (13d 12:00); the decision is at
    // 12:15. Points of days 10, 11 and 12 (22:00) hold encrypted data. Day 9's point (9d 22:00)
    // is the last clean one; its snapshot expired at 11d 22:00, so it comes from the vault:
    // RPO = 12:00 − 9d 22:00 = 14 h; RTO (from discovery) = 900 + 1800 + 1024 + 120 = 3844 s.
    const r = run(`${BASE}
vaults:
  - { name: rsv, region: eastus }
fleet:
  - name: web
    region: eastus
    disks: [{ size: 100GiB, used: 60%, churn: { daily: 0% } }]
    backup: { vault: rsv, policy: daily }
events:
  - { at: 10d12h, ransomware: { vms: [web-001], detectedAfter: 3d } }
`);
    const { incident, vm } = only(r);
    expect(incident.at).toBe('2026-01-11T12:00:00.000Z');
    expect(vm.path).toBe('restore-vault');
    expect(vm.point?.at).toBe('2026-01-10T22:00:00.000Z');
    expect(vm.rpoSeconds).toBe(14 * HOUR);
    expect(vm.rtoSeconds).toBe(3844);
    // Later (bad) points were made: days 0–12 each added one, all still kept (30 daily).
    expect(r.jobs[0].succeeded).toBeGreaterThanOrEqual(13);
  });
});
