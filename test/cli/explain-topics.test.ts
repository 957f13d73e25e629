// `vaultsim explain rpo|rto|points|alert` (issue 15): the answer behind a verdict, worked by
// hand on one small scenario, --json as the same object, and names that exist nowhere as
// exit 2 listing what does.
//
// The scenario: daily backups at 22:00 UTC (no start jitter, 5-minute snapshots, no churn) of
// web-001 into an LRS vault, db-001 replicated to westus, and eastus out on 6 Jan 21:00–23:00.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertExplanation } from '../../reports/explain-alert.js';
import type { PointsExplanation } from '../../reports/explain-points.js';
import type { RpoExplanation } from '../../reports/explain-rpo.js';
import type { RtoExplanation } from '../../reports/explain-rto.js';
import { hasStack, runIn, tempDir } from './harness.js';

const WHY = `
name: why
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 10d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults: [{ name: rsv, region: eastus, redundancy: LRS }]
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
recovery: { detection: 15m, boot: 2m, failover: 4m, snapshotRestore: 10m, vaultRestoreOverhead: 30m, restoreThroughput: 60MiB/s }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00" }
    instantRestore: 2d
    retention: { daily: 7, weekly: { count: 4, on: Sunday } }
fleet:
  - { name: web, region: eastus, disks: [{ size: 64GiB, used: 50%, churn: { daily: 0% } }], backup: { vault: rsv, policy: daily } }
  - { name: db, region: eastus, disks: [{ size: 64GiB, used: 50% }], replicate: { to: westus, retention: 1d, appConsistentEvery: 1h } }
events:
  - { at: 5d21h, outage: { region: eastus, for: 2h } }
monitor:
  alerts:
    - { name: vms-down, metric: VMs Unavailable, aggregation: maximum, window: 5m, every: 1m, when: "> 0" }
objectives: { rpo: 24h, rto: 4h }
`;

let dir: string;
beforeEach(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'why.yaml'), WHY);
});
const run = (...argv: string[]) => runIn(dir, ...argv);
const json = async <T>(...argv: string[]): Promise<T> => {
  const r = await run(...argv, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

describe('vaultsim explain rpo', () => {
  it('shows the worst window the schedule leaves, the points that bound it and the failed job inside', async () => {
    // The job of 6 Jan 22:00 fails: its region is out (21:00–23:00). So no point is usable from
    // the one of 5 Jan 22:00 until the snapshot of 7 Jan 22:00 is done at 22:05: 48 h 5 m.
    const e = await json<RpoExplanation>('explain', 'rpo', 'why.yaml', '--vm', 'web-001');
    expect(e.guaranteed.rpoSeconds).toBe(48 * 3600 + 300);
    expect(e.guaranteed.window).toEqual({
      kind: 'vm-failure',
      from: '2026-01-05T22:00:00.000Z',
      to: '2026-01-07T22:05:00.000Z',
    });
    expect(e.guaranteed.after).toBe('2026-01-07T22:00:00.000Z');
    expect(e.guaranteed.because).toEqual([
      '2026-01-06T22:00:00.000Z: a backup job failed (region-outage): no point',
    ]);
    // The outage at 6 Jan 21:00: the VM waits for its region and restores the snapshot of
    // 5 Jan 22:00 (kept 2 days): RPO 23 h.
    expect(e.incidents).toHaveLength(1);
    expect(e.incidents[0]).toMatchObject({
      incident: 'region-outage-1',
      path: 'restore-snapshot',
      rpoSeconds: 23 * 3600,
    });
    expect(e.worstSeconds).toBe(48 * 3600 + 300);
    expect(e.worstFrom).toBe('the schedule');
  });

  it('prints the same as text, and a replicated VM by its replication', async () => {
    const r = await run('explain', 'rpo', 'why.yaml', '--vm', 'web-001');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^web-001 \(why, base, seed 1\): worst RPO 2d 0h, from the schedule$/m);
    expect(r.stdout).toMatch(
      /^ {2}bounded {3}by the point of 2026-01-05T22:00:00\.000Z and the point of 2026-01-07T22:00:00\.000Z$/m,
    );
    const db = await json<RpoExplanation>('explain', 'rpo', 'why.yaml', '--vm', 'db-001');
    expect(db.guaranteed.window).toBeNull();
    expect(db.guaranteed.evidence).toMatch(/^Site Recovery: /);
    expect(db.incidents[0]).toMatchObject({
      path: 'failover',
      point: { source: 'asr-crash', at: '2026-01-06T20:55:00.000Z' },
    });
  });

  it('an unknown VM is bad input naming the closest one', async () => {
    const r = await run('explain', 'rpo', 'why.yaml', '--vm', 'web-01');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'vaultsim: --vm web-01: no such VM in the run. Did you mean web-001? (VMs: web-001, db-001)\n',
    );
    expect(hasStack(r.stderr)).toBe(false);
  });
});

describe('vaultsim explain rto', () => {
  it('splits the recovery into its phases and what each waited for', async () => {
    // Down at 21:00; someone acts at 21:15 (detection 15 m); the region is back at 23:00
    // (waiting 1 h 45 m); the snapshot restore takes 10 m and the boot 2 m: RTO 2 h 12 m.
    const e = await json<RtoExplanation>(
      'explain',
      'rto',
      'why.yaml',
      '--vm',
      'web-001',
      '--incident',
      'region-outage-1',
    );
    expect(e.rtoSeconds).toBe(7920);
    expect(e.phases.map((p) => [p.phase, p.seconds, p.from])).toEqual([
      ['detection', 900, '2026-01-06T21:00:00.000Z'],
      ['waiting', 6300, '2026-01-06T21:15:00.000Z'],
      ['recovery', 600, '2026-01-06T23:00:00.000Z'],
      ['boot', 120, '2026-01-06T23:10:00.000Z'],
    ]);
    expect(e.phases[1].waitedFor).toBe(
      'the region to come back (the outage ended at 2026-01-06T23:00:00.000Z)',
    );
    expect(e.recoveredAt).toBe('2026-01-06T23:12:00.000Z');
  });

  it('an incident the VM was not in is bad input listing its incidents', async () => {
    const r = await run('explain', 'rto', 'why.yaml', '--vm', 'web-001', '--incident', 'zone-outage-1');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'vaultsim: --incident zone-outage-1: not an incident of web-001 (its incidents: region-outage-1)\n',
    );
  });
});

describe('vaultsim explain points', () => {
  it('lists each vault point with the tiers keeping it and until when, and the snapshots, at the end', async () => {
    // At the end (11 Jan 00:00), daily 7 keeps the points of 4…10 Jan but 6 Jan (its job
    // failed); 4 Jan is a Sunday, so weekly keeps it too, 4 weeks: to 1 Feb. Snapshots kept
    // 2 days: those of 9 and 10 Jan (8 Jan's went with the backup of 10 Jan, §1.4).
    const e = await json<PointsExplanation>('explain', 'points', 'why.yaml', '--vm', 'web-001');
    const b = e.held.backup!;
    expect(b.points.map((p) => p.taken)).toEqual(
      [4, 5, 7, 8, 9, 10].map((d) => `2026-01-${String(d).padStart(2, '0')}T22:00:00.000Z`),
    );
    expect(b.points[0].keptBy.map((k) => k.tier)).toEqual(['daily', 'weekly']);
    expect(b.points[0].keptBy[1].until.slice(0, 10)).toBe('2026-02-01');
    expect(b.points[1].keptBy.map((k) => k.tier)).toEqual(['daily']);
    expect(b.snapshots.map((s) => s.taken)).toEqual(['2026-01-09T22:00:00.000Z', '2026-01-10T22:00:00.000Z']);
  });

  it('--at looks earlier in the run: Site Recovery points of the replicated VM by age band', async () => {
    // 6 Jan 19:12: the latest point is 19:10; the last 2 h hold 25 points (17:10…19:10 every
    // 5 min), 2 of them on the hour (app-consistent every hour); beyond, one per hour back to
    // 24 h: 20:00 on 5 Jan … 17:00 on 6 Jan, 22 points, all on the hour.
    const e = await json<PointsExplanation>(
      'explain',
      'points',
      'why.yaml',
      '--vm',
      'db-001',
      '--at',
      '5d19h12m',
    );
    const r = e.held.replication!;
    expect(e.held.at).toBe('2026-01-06T19:12:00.000Z');
    expect([r.crashConsistent, r.appConsistent]).toEqual([23, 24]);
    expect(r.bands.map((band) => [band.oneEverySeconds, band.crashConsistent, band.appConsistent])).toEqual([
      [null, 23, 2],
      [3600, 0, 22],
    ]);
    expect(r.oldest).toBe('2026-01-05T20:00:00.000Z');
  });

  it('an --at outside the run is bad input', async () => {
    const r = await run('explain', 'points', 'why.yaml', '--vm', 'web-001', '--at', '2027-01-01T00:00:00Z');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vaultsim: --at 2027-01-01T00:00:00Z: outside the run/);
  });
});

describe('vaultsim explain alert', () => {
  it('shows the evaluation that fired the rule, the period it saw and its samples, and the one that resolved it', async () => {
    // VMs go down at 21:00: a sample of VMs Unavailable at 21:00 (1: the first VM down starts
    // the per-minute samples). The 1-minute rule at 21:01 sees [20:56, 21:01): maximum 1 > 0,
    // fired. web-001 is back at 23:12 (db-001 failed over at 21:21), so the last positive sample
    // is 23:11 and the sample of 23:12 is 0. The 5-minute windows of 23:17, 23:18 and 23:19
    // hold no positive sample: a stateful metric rule resolves at the third healthy
    // evaluation (§7.1), 23:19, whose window [23:14, 23:19) has no samples at all.
    const e = await json<AlertExplanation>('explain', 'alert', 'why.yaml', 'vms-down');
    expect(e.evaluations.map((v) => [v.at, v.kind])).toEqual([
      ['2026-01-06T21:01:00.000Z', 'fired'],
      ['2026-01-06T23:19:00.000Z', 'resolved'],
    ]);
    const period = e.evaluations[0].conditions[0].periods[0];
    expect(period).toEqual({
      from: '2026-01-06T20:56:00.000Z',
      to: '2026-01-06T21:01:00.000Z',
      value: 1,
      violates: true,
      samples: [{ minute: '2026-01-06T21:00:00.000Z', count: 1, sum: 1, min: 1, max: 1 }],
    });
  });

  it('an unknown rule is bad input naming the closest one', async () => {
    const r = await run('explain', 'alert', 'why.yaml', 'vm-down');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vaultsim: vm-down: no such alert rule in the run\. Did you mean vms-down\?/);
  });
});
