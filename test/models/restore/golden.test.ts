// Restores as users run them (issue 18), worked by hand. Every timing is a constant: backups at
// 22:00 UTC with no start jitter and a 5-minute snapshot; restore staging (vault) 30 min, a
// snapshot-tier restore 10 min, boot 2 min, 60 MiB/s per disk; file-level recovery mounts in
// 10 min and copies 1 GiB/h from the vault tier, 4 GiB/h from the snapshot tier (the defaults);
// Cross Region Restore lag 12 h. Each VM has one 64 GiB disk with 32 GiB used and no churn.

import { describe, expect, it } from 'vitest';
import { planRestore } from '../../../models/restore/rules.js';
import type { RestoreJobResult } from '../../../models/results/restores.js';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';
import { DEFAULT_RECOVERY } from '../../../scenarios/normalise/dr.js';

const HOUR = 3600;
const GiB = 2 ** 30;

function load(yaml: string) {
  const loaded = loadScenarioText(yaml, 'restore.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  return loaded;
}
const run = (yaml: string): RunResult => simulate(load(yaml).scenarios[0]);
const jobs = (r: RunResult, origin = 'user'): RestoreJobResult[] =>
  r.restores!.jobs.filter((j) => j.origin === origin);

const BASE = (recovery = '', fleet = '', more = '') => `
name: restore
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 40d
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
recovery: { detection: 15m, boot: 2m, snapshotRestore: 10m, vaultRestoreOverhead: 30m, restoreThroughput: 60MiB/s, crossRegionLag: 12h${recovery} }
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
vaults:
  - { name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: true }
  - { name: lrs, region: eastus, redundancy: LRS }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    instantRestore: 2d
    retention: { daily: 30 }
fleet:
  - { name: web, count: 3, region: eastus, zone: 1, disks: [{ size: 64GiB, used: 50%, churn: { daily: 0% } }], backup: { vault: rsv, policy: daily } }
${fleet}
${more}`;

describe('file-level recovery (docs/reference.md §15.2)', () => {
  it('8 GB from a point in the snapshot tier vs one only in the vault', () => {
    // At day 20 12:00 (Jan 21 12:00). web-001's latest point (Jan 20 22:00) is still in the
    // snapshot tier (2 days): mount 10 min + 8 GiB at 4 GiB/h = 2 h → 600 + 7,200 = 7,800 s.
    // web-002 asks for the point before day 17 (Jan 18 00:00): Jan 17 22:00, whose snapshot is
    // gone, so only in the vault: mount 10 min + 8 GiB at 1 GiB/h = 8 h → 600 + 28,800 = 29,400 s.
    const r = run(
      BASE(
        '',
        '',
        `events:
  - { at: 20d12h, restore: { vms: [web-001], option: files, files: 8GiB } }
  - { at: 20d12h, restore: { vms: [web-002], option: files, files: 8GiB, point: { before: 17d } } }`,
      ),
    );
    const [snap, vault] = jobs(r);
    expect([snap.point, snap.phases, snap.durationSeconds]).toEqual([
      { at: '2026-01-20T22:00:00.000Z', source: 'snapshot' },
      { queueing: 0, preparing: 600, transfer: 7200, boot: 0 },
      7800,
    ]);
    expect([vault.point, vault.phases, vault.durationSeconds]).toEqual([
      { at: '2026-01-17T22:00:00.000Z', source: 'vault' },
      { queueing: 0, preparing: 600, transfer: 28_800, boot: 0 },
      29_400,
    ]);
    expect(vault.bytes).toBe(8 * GiB);
  });

  it('40 GB warns (beyond the 10 GB guidance) and takes four 12-hour mounts', () => {
    // 40 GiB at 1 GiB/h = 40 h of copying; a mount is valid 12 h, so ⌈40 / 12⌉ = 4 mounts of
    // 10 min: 4 × 600 + 40 × 3,600 = 146,400 s.
    const yaml = BASE(
      '',
      '',
      `events:
  - { at: 20d12h, restore: { vms: [web-001], option: files, files: 40GiB, point: { before: 17d } } }`,
    );
    expect(load(yaml).warnings.map((w) => w.code)).toEqual(['restore-beyond-guidance']);
    const [job] = jobs(run(yaml));
    expect([job.phases.preparing, job.phases.transfer, job.durationSeconds]).toEqual([
      2400, 144_000, 146_400,
    ]);
    expect(job.note).toBe(
      'beyond the file-level recovery guidance of 10 GB (docs/reference.md §15.2): 4 mounts of 12 hours',
    );
  });
});

describe('restores share the vault’s restore throughput (processor sharing)', () => {
  it('100 VMs restored at once from one vault: the last finishes at total bytes / throughput + preparation', () => {
    // 100 VMs × 32 GiB from the vault tier (the point before day 17), the vault's restore
    // throughput 600 MiB/s, each disk capped at 60 MiB/s: 100 copies share 600 MiB/s, 6 MiB/s
    // each, so all end together at 100 × 32,768 MiB / 600 MiB/s = 5,461.333 s after the 30 min
    // staging: 1,800 + 5,461.333 = 7,261.333 s — not the single-VM 1,800 + 32,768 / 60 = 2,346.133 s.
    const r = run(
      BASE(
        ', restoreCapacity: 600MiB/s',
        '  - { name: app, count: 100, region: eastus, disks: [{ size: 64GiB, used: 50%, churn: { daily: 0% } }], backup: { vault: lrs, policy: daily } }',
        `events:
  - { at: 20d12h, restore: { group: app, option: restore-disks, point: { before: 17d } } }
  - { at: 20d12h, restore: { vms: [web-001], option: restore-disks, point: { before: 17d } } }`,
      ),
    );
    const app = jobs(r).filter((j) => j.vm.startsWith('app-'));
    expect(app).toHaveLength(100);
    const last = Math.max(...app.map((j) => j.durationSeconds!));
    expect(last).toBeCloseTo(1800 + (100 * 32 * 1024) / 600, 2);
    // web-001 reads another vault (rsv): alone on its link, it takes the single-VM time.
    const web = jobs(r).find((j) => j.vm === 'web-001')!;
    expect(web.durationSeconds).toBeCloseTo(1800 + (32 * 1024) / 60, 2);
  });

  it('disaster recovery queues too: a region-wide recovery of 50 VMs shares the paired copy', () => {
    // East US goes down at day 20 12:00; the 50 app VMs and the 3 web VMs of the same vault are
    // restored in West US (Cross Region Restore) from the point that reached it 12 h after
    // landing (Jan 20 22:00). 53 × 32 GiB at 300 MiB/s shared: 53 × 32,768 / 300 = 5,789.013 s of
    // copying after 15 min detection and 30 min staging, then 2 min boot: RTO = 900 + 1,800 +
    // 5,789.013 + 120 = 8,609.013 s for every VM (alone: 900 + 1,800 + 546.133 + 120 = 3,366.133 s).
    const r = run(
      BASE(
        ', restoreCapacity: 300MiB/s',
        '  - { name: app, count: 50, region: eastus, disks: [{ size: 64GiB, used: 50%, churn: { daily: 0% } }], backup: { vault: rsv, policy: daily } }',
        `events:
  - { at: 20d12h, outage: { region: eastus, for: 1d } }`,
      ),
    );
    const app = r.dr!.incidents[0].vms.filter((v) => v.group === 'app');
    expect(new Set(app.map((v) => v.path))).toEqual(new Set(['cross-region-restore']));
    for (const v of app) expect(v.rtoSeconds!).toBeCloseTo(900 + 1800 + (53 * 32 * 1024) / 300 + 120, 2);
    // The jobs log has them, from disaster recovery, with the shared copy as their transfer.
    const dr = r.restores!.jobs.filter((j) => j.origin === 'dr' && j.vm.startsWith('app-'));
    expect(dr).toHaveLength(50);
    expect(dr[0]).toMatchObject({ label: 'region-outage-1', target: 'cross-region', status: 'completed' });
    expect(dr[0].phases.transfer).toBeCloseTo((53 * 32 * 1024) / 300, 2);
  });
});

describe('points and tiers', () => {
  it('restores from an archived point after rehydration: rehydration + transfer', () => {
    // Monthly points (first Sunday) move to vault-archive 90 days old (§2.4); at day 190 the
    // point before day 40 still kept is the one of Sunday Feb 1, archived: rehydration 15 h (the
    // staging overhead set to 0 here) + 32 GiB at 60 MiB/s = 32,768 / 60 = 546.133 s.
    const r = run(`
name: archive
start: "2026-01-01T00:00:00Z"
duration: 200d
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
recovery: { vaultRestoreOverhead: 0s, restoreThroughput: 60MiB/s }
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults: [{ name: rsv, region: eastus }]
policies:
  - name: gfs
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    retention: { daily: 7, monthly: { count: 12, on: first Sunday } }
    archive: { after: 90d }
fleet:
  - { name: web, region: eastus, disks: [{ size: 64GiB, used: 50%, churn: { daily: 0% } }], backup: { vault: rsv, policy: gfs } }
events:
  - { at: 190d, restore: { vms: [web-001], option: restore-disks, point: { before: 40d } } }
`);
    const [job] = jobs(r);
    expect(job.point).toEqual({ at: '2026-02-01T22:00:00.000Z', source: 'archive' });
    expect(job.phases).toEqual({
      queueing: 0,
      preparing: 15 * HOUR,
      transfer: expect.closeTo(32_768 / 60, 2),
      boot: 0,
    });
  });

  it('Cross Region Restore uses only points that reached the paired region', () => {
    // At day 21 01:00 (Jan 22 01:00) the Jan 21 22:00 point is in the vault but reaches West US
    // only 12 h after it lands: the newest there is Jan 20 22:00.
    const r = run(
      BASE('', '', 'events:\n  - { at: 21d1h, restore: { vms: [web-001], target: cross-region } }'),
    );
    expect(jobs(r)[0]).toMatchObject({
      point: { at: '2026-01-20T22:00:00.000Z', source: 'secondary-vault' },
      destination: { region: 'westus', zone: null },
    });
  });
});

describe('rules (docs/reference.md §1.8; workloads §15.1)', () => {
  it('rejects replace-disks on a deleted VM, with the rule', () => {
    // web-001 is deleted at day 20; the admin asks to replace its disks 5 minutes later.
    const r = run(
      BASE(
        '',
        '',
        `events:
  - { at: 20d, deleteVm: { vms: [web-001] } }
  - { at: 20d5m, restore: { vms: [web-001], option: replace-disks } }`,
      ),
    );
    expect(jobs(r)[0]).toMatchObject({
      status: 'rejected',
      point: null,
      durationSeconds: null,
      note: 'replace-disks needs the original VM; web-001 was deleted (docs/reference.md §15.1: "VM must exist")',
    });
  });

  it('rejects a cross-zonal restore from an LRS vault, where the scenario names it', () => {
    const yaml = BASE(
      '',
      '  - { name: db, region: eastus, zone: 1, disks: [{ size: 64GiB }], backup: { vault: lrs, policy: daily } }',
      'events:\n  - { at: 20d, restore: { vms: [db-001], target: { zone: 2 } } }',
    );
    const loaded = loadScenarioText(yaml, 'restore.yaml');
    expect(loaded.ok ? [] : loaded.issues.map(renderIssue)).toEqual([
      'restore.yaml:23:50 events[0].restore.target: db-001: cross-zonal restore needs a ZRS vault or one with Cross Region Restore; lrs is LRS (docs/reference.md §15.1)',
    ]);
    // And at run time (the vault a VM is in may change, relocate.ts): the same rule.
    const vm = load(BASE()).scenarios[0].vms[0];
    const plan = planRestore(
      { point: { kind: 'latest' }, option: 'new-vm', target: { kind: 'zone', zone: 2 }, files: null },
      {
        vm,
        region: 'eastus',
        zone: 1,
        exists: true,
        vault: { ...load(BASE()).scenarios[0].vaults[1] },
        pair: 'westus',
        points: [],
        crossRegionLag: 0,
      },
      0,
      DEFAULT_RECOVERY,
      { snapshotRestore: 0, boot: 0 },
    );
    expect(plan).toEqual({
      rejected:
        'cross-zonal restore needs a ZRS vault or one with Cross Region Restore; lrs is LRS (docs/reference.md §15.1)',
      code: 'restore-not-allowed',
    });
  });

  it('restores into another zone from the vault tier only, and a Linux VM has no app-consistent point', () => {
    const r = run(
      BASE(
        '',
        '',
        'events:\n  - { at: 21d, restore: { vms: [web-003], option: restore-disks, target: { zone: 2 } } }',
      ),
    );
    expect(jobs(r)[0]).toMatchObject({
      point: { source: 'vault' },
      destination: { region: 'eastus', zone: 2 },
    });
    const linux = loadScenarioText(
      BASE('', '', 'events:\n  - { at: 21d, restore: { vms: [web-001], point: latest-app-consistent } }'),
      'restore.yaml',
    );
    expect(linux.ok ? [] : linux.issues.map((i) => i.path)).toEqual(['events[0].restore.point']);
  });
});

describe('restore drills (restoreTests)', () => {
  it('restores `count` random VMs every `every`, judged by objectives.restoreTest', () => {
    // Drills at days 10, 20 and 30, two of the three VMs each time, new VMs from the latest
    // snapshot: 10 min + 2 min boot = 720 s, within 15 min; each test VM is billed from its
    // creation until 4 h after it is up (recovery.drillCleanupAfter): 4 h 2 min.
    const r = run(
      BASE(
        '',
        '',
        `restoreTests:
  - { name: monthly, every: 10d, group: web, count: 2 }
objectives: { restoreTest: 15m }`,
      ),
    );
    const drills = jobs(r, 'drill');
    expect(drills.map((j) => j.label)).toEqual([
      'monthly #1',
      'monthly #1',
      'monthly #2',
      'monthly #2',
      'monthly #3',
      'monthly #3',
    ]);
    for (const j of drills) expect(j.durationSeconds).toBe(720);
    const o = r.objectives.find((x) => x.metric === 'restore-test')!;
    expect([o.status, o.judged, o.worstSeconds]).toEqual(['pass', 6, 720]);
    expect(r.cost.summary.totals.drillCompute.quantity).toBeCloseTo(6 * (4 + 2 / 60), 6);
    // Stricter than the restores take: every drill breaks it.
    const strict = run(
      BASE(
        '',
        '',
        'restoreTests:\n  - { name: monthly, every: 10d, group: web, count: 2 }\nobjectives: { restoreTest: 11m }',
      ),
    );
    expect(strict.objectives.find((x) => x.metric === 'restore-test')).toMatchObject({
      status: 'fail',
      failed: 6,
    });
  });
});
