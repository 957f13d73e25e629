// The DR model's holes closed (issue 15): VMs short of cores wait for their region or for cores;
// once back, a VM's replication is reprotected (§5.7) and its backup follows it to the region
// it now runs in (backup.afterFailover), so a second incident sees the new points and the
// schedule's guarantee follows the VM. Timings are constants (as golden.test.ts): detection
// 15m, failover 4m, boot 2m, snapshot restore 10m, vault restore 30m + the disk at 60 MiB/s,
// Site Recovery processing 5m, Cross Region Restore lag 12h; backups at 22:00 UTC, no jitter.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Capacity } from '../../../models/dr/capacity.js';
import type { RunResult, VmRecovery } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

function run(yaml: string): RunResult {
  const loaded = loadScenarioText(yaml, 'reprotection.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(loaded.scenarios[0]);
}

const BASE = `
name: reprotection
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 20d
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

const vms = (r: RunResult, incident = 0): VmRecovery[] => r.dr!.incidents[incident].vms;

// 12 replicated and backed-up VMs of 4 cores each in one recovery plan; West US has 8 cores for
// them. East US is down from day 10 14:00 for 6 hours.
const SHORT = (planExtra = '') => `${BASE}
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus, cores: 8 }
vaults:
  - { name: rsv, region: eastus, redundancy: LRS }
fleet:
  - name: app
    count: 12
    region: eastus
    cores: 4
    disks: [{ size: 64GiB, used: 50%, churn: { daily: 1% } }]
    backup: { vault: rsv, policy: daily }
    replicate: { to: westus }
recoveryPlans:
  - { name: app, groups: [{ group: app }]${planExtra} }
events:
  - { at: 10d14h, outage: { region: eastus, for: 6h } }
`;

describe('VMs short of cores in the target region', () => {
  it('10 VMs short of 4 cores: they recover when the region returns, with RTO = outage end + restore', () => {
    // 8 cores fit two VMs: app-001 and app-002 fail over (15 + 4 + 2 min = 1,260 s). The other
    // ten are short of 4 cores each and wait for East US (recovery.afterOutage: restore, the
    // default): back at 20:00, each is restored from its instant-restore snapshot of the 22:00
    // backup the day before (RPO 14:00 − 22:00 = 16 h = 57,600 s). RTO = outage end 6 h +
    // restore 10 min + boot 2 min = 21,600 + 600 + 120 = 22,320 s; waiting 14:15 → 20:00 = 20,700 s.
    const r = run(SHORT());
    const [failed, waited] = [vms(r).slice(0, 2), vms(r).slice(2)];
    expect(failed.map((v) => [v.vm, v.path, v.rtoSeconds])).toEqual([
      ['app-001', 'failover', 1260],
      ['app-002', 'failover', 1260],
    ]);
    expect(waited).toHaveLength(10);
    for (const v of waited) {
      expect([v.path, v.region, v.rpoSeconds, v.rtoSeconds]).toEqual([
        'restore-snapshot',
        'eastus',
        57_600,
        22_320,
      ]);
      expect(v.phases).toEqual({ detection: 900, waiting: 20_700, recovery: 600, boot: 120 });
      expect(v.note).toBe('short of 4 cores in westus; waited for the region');
    }
    // Restored disks are new: replication is enabled again with a full initial replication,
    // 32 GiB at the 54 MiB/s churn limit = 606.815 s after 20:12 → 20:22:06.815.
    expect(waited[0].afterwards).toEqual({
      replication: { to: 'westus', from: '2026-01-11T20:22:06.815Z', why: 'enable' },
      backup: { vault: 'rsv', from: '2026-01-11T20:12:00.000Z' },
      note: '',
    });
  });

  it("with the plan's afterOutage: restart, they restart in place: RTO = outage end + boot, nothing lost", () => {
    const r = run(SHORT(', afterOutage: restart'));
    for (const v of vms(r).slice(2)) {
      expect([v.path, v.rpoSeconds, v.rtoSeconds]).toEqual(['restart-in-place', 0, 6 * HOUR + 2 * MIN]);
      // Its disks are the replicated ones: replication resumes in sync at once.
      expect(v.afterwards!.replication).toEqual({
        to: 'westus',
        from: '2026-01-11T20:02:00.000Z',
        why: 'resume',
      });
    }
  });

  it('fails over as soon as cores free up: a VM deleted in the target region gives its cores back', () => {
    // West US has 4 cores: a-001 (group 1) fails over; b-001 (group 2) is short and waits for
    // East US, down for 2 days. At 16:00 a-001 is deleted in West US: its 4 cores are free, and
    // b-001 fails over then to its 13:55 point (the last 5-minute point before the 14:00
    // outage, §5.1): RTO = 16:00 + 4 + 2 min − 14:00 = 7,560 s, waiting 14:15 → 16:00 = 6,300 s.
    const r = run(`${BASE}
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus, cores: 4 }
fleet:
  - { name: a, region: eastus, cores: 4, disks: [{ size: 64GiB, used: 50% }], replicate: { to: westus } }
  - { name: b, region: eastus, cores: 4, disks: [{ size: 64GiB, used: 50% }], replicate: { to: westus } }
recoveryPlans:
  - { name: app, groups: [{ group: a }, { group: b }] }
events:
  - { at: 10d14h, outage: { region: eastus, for: 2d } }
  - { at: 10d16h, deleteVm: { group: a } }
`);
    const b = vms(r).find((v) => v.vm === 'b-001')!;
    expect([b.path, b.point!.at, b.rpoSeconds, b.rtoSeconds]).toEqual([
      'failover',
      '2026-01-11T13:55:00.000Z',
      300,
      7560,
    ]);
    expect(b.phases).toEqual({ detection: 900, waiting: 6300, recovery: 240, boot: 120 });
    expect(b.note).toBe('recovery plan app: failed over once cores freed up');
  });
});

describe('protected again after a recovery', () => {
  it('a failed-over VM is reprotected back and a second outage fails it over with the new points', () => {
    // Failover at 14:21 (point 13:55). East US is back at 20:00; reprotect (§5.7): checksum =
    // the initial replication, 32 GiB at 54 MiB/s = 606.815 s; the changes since 14:21 (20,340 s
    // at 1% of 32 GiB a day = 0.07533 GiB) at 23% of 60 MiB/s = 5.589 s; processing
    // (606.815 + 5.589) / 5 = 122.481 s; auto-scale 1,500 s → 2,234.886 s: replicating West US →
    // East US from 20:37:14.886. West US then goes down on day 12 at 00:00: the VM fails back to
    // East US to its 23:55 point, lost 5 minutes.
    const r = run(`${BASE}
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
fleet:
  - { name: app, region: eastus, disks: [{ size: 64GiB, used: 50%, churn: { daily: 1% } }], replicate: { to: westus } }
events:
  - { at: 10d14h, outage: { region: eastus, for: 6h } }
  - { at: 12d, outage: { region: westus, for: 6h } }
`);
    const [first, second] = [vms(r, 0)[0], vms(r, 1)[0]];
    expect(first.afterwards!.replication).toEqual({
      to: 'eastus',
      from: '2026-01-11T20:37:14.886Z',
      why: 'reprotect',
    });
    expect(first.reprotect!.reprotectSeconds).toBeCloseTo(2234.886, 3);
    expect([second.path, second.region, second.point!.at, second.rpoSeconds, second.rtoSeconds]).toEqual([
      'failover',
      'eastus',
      '2026-01-12T23:55:00.000Z',
      300,
      1260,
    ]);
    // The guarantee follows the VM: unreplicated from the 13:55 point until the reverse
    // replication's first point, 20:40 (the next 5-minute point after 20:37:14.886) + 5 min
    // processing = 20:45 → 6 h 50 min. The second hand-over (23:55 → West US back at 06:00 +
    // reprotect) is shorter.
    const g = r.guarantees.find((x) => x.vm === 'app-001')!;
    expect(g.rpo).toBe(6 * HOUR * 1000 + 50 * MIN * 1000);
    expect(g.rpoEvidence).toContain("until its next replication's first point at 2026-01-11T20:45:00.000Z");
  });

  const CRR = (afterFailover: string) => `${BASE}
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: true }
  - { name: rsv-west, region: westus, redundancy: GRS, crossRegionRestore: true }
fleet:
  - name: web
    region: eastus
    disks: [{ size: 64GiB, used: 50%, churn: { daily: 1% } }]
    backup: { vault: rsv, policy: daily${afterFailover} }
events:
  - { at: 10d21h30m, outage: { region: eastus, for: 6h } }
  - { at: 12d12h, vmFailure: { group: web } }
`;

  it('a VM restored across regions is backed up there, and a second incident restores from those points', () => {
    // East US goes down at 21:30 on Jan 11, before its 22:00 backup: the Cross Region Restore
    // uses the Jan 10 22:00 point (it reached West US by 10:05). Back at 22:26:06 in West US,
    // the VM is a new protected item of rsv-west; its first backup is Jan 12 22:00. On Jan 13
    // at 12:00 the VM fails: restored in place in West US from that snapshot, RPO 14 h.
    const r = run(CRR(', afterFailover: { vault: rsv-west }'));
    const [first, second] = [vms(r, 0)[0], vms(r, 1)[0]];
    expect([first.path, first.point!.at, first.region]).toEqual([
      'cross-region-restore',
      '2026-01-10T22:00:00.000Z',
      'westus',
    ]);
    expect(first.afterwards).toMatchObject({ backup: { vault: 'rsv-west' }, note: '' });
    expect([second.path, second.point, second.rpoSeconds]).toEqual([
      'restore-snapshot',
      { at: '2026-01-12T22:00:00.000Z', source: 'snapshot', region: 'westus' },
      14 * HOUR,
    ]);
    // The guarantee follows the VM into rsv-west: its worst window (a region outage, read in the
    // paired region) runs from the last East US vault point, Jan 10 22:00, to the first rsv-west
    // point: a full backup (a new item) of 32 GiB at 160 Mbps = 1,717.987 s after its snapshot
    // ended at Jan 12 22:05, landing 22:33:37.987, + 12 h lag = Jan 13 10:33:37.987: 2 d 12 h 33 m 37.987 s.
    const g = r.guarantees.find((x) => x.vm === 'web-001')!;
    expect(g.rpo).toBe((2 * DAY + 12 * HOUR + 33 * MIN + 37.987) * 1000);
    expect(r.vaults.find((v) => v.name === 'rsv-west')!.items).toBe(1);
  });

  it('without a vault there, it is reported unprotected and its exposure grows to the end of the run', () => {
    const r = run(CRR(''));
    const [first, second] = [vms(r, 0)[0], vms(r, 1)[0]];
    expect(first.afterwards).toEqual({
      replication: null,
      backup: null,
      note: 'unprotected by backup in westus: no vault there (name one with backup.afterFailover)',
    });
    // The second incident finds only the East US points: restored across regions again from
    // the copy in the pair (its vault is in East US), to the Jan 10 22:00 point.
    expect([second.path, second.point!.at]).toEqual(['cross-region-restore', '2026-01-10T22:00:00.000Z']);
    // The window from the last point (Jan 10 22:00) grows to the end of the run (day 20), +12 h lag.
    const g = r.guarantees.find((x) => x.vm === 'web-001')!;
    expect(g.rpo).toBe((10 * DAY + 2 * HOUR + 12 * HOUR) * 1000);
  });
});

describe('Capacity', () => {
  it('should never hand out more cores than a region has, nor leave a waiter waiting for cores that are free', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.tuple(fc.constantFrom('take', 'release', 'wait'), fc.integer({ min: 1, max: 16 })), {
          maxLength: 60,
        }),
        (cores, steps) => {
          const c = new Capacity(new Map([['westus', cores]]));
          let held = 0;
          const holdings: number[] = [];
          const waiting = new Set<{ n: number }>();
          for (const [op, n] of steps) {
            if (op === 'take' && c.take('westus', n)) {
              held += n;
              holdings.push(n);
            } else if (op === 'release' && holdings.length > 0) {
              const back = holdings.shift()!;
              held -= back;
              c.release('westus', back);
              // After a release, whoever still waits needs more than is free.
              for (const w of waiting) expect(w.n).toBeGreaterThan(cores - held);
            } else if (op === 'wait') {
              const w = { n };
              waiting.add(w);
              c.wait('westus', n, () => {
                expect(c.take('westus', n)).toBe(true);
                held += n;
                holdings.push(n);
                waiting.delete(w);
              });
            }
            expect(held).toBeLessThanOrEqual(cores);
          }
        },
      ),
    );
  });
});
