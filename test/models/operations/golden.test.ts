// The figures issue 14 pins, worked by hand (docs/reference.md §2.3; reference/azure-
// workloads.md §18). One VM backed up daily at 22:00 UTC with no start window and 5-minute
// snapshots, so point k is taken at day k 22:00 exactly (k = 0, 1, …) and lands in the vault a
// few minutes later: retention daily 30 keeps it until day k + 30 22:05 or so. The daily round
// runs at every whole day; an operation at day d runs after that day's round.

import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

function run(yaml: string, variant = 0): RunResult {
  const loaded = loadScenarioText(yaml, 'golden.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(loaded.scenarios[variant]);
}

// A 60-day run of one VM (64 GiB used, no churn) in vault rsv; `vault` adds vault fields,
// `events` the events.
const scenario = (vault: string, events: string, more = '') => `
name: golden-ops
seed: 1
duration: 60d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
backupJobs: { startWindow: 0s, snapshotDuration: 5m, initialThroughput: 1GiB/s, incrementalThroughput: 1GiB/s }
recovery: { detection: 15m, boot: 2m, snapshotRestore: 10m, vaultRestoreOverhead: 30m, restoreThroughput: 64MiB/s, undelete: 5m }
vaults:
  - { name: rsv, region: eastus, ${vault} }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    instantRestore: 2d
    retention: { daily: 30 }
  - name: weekly-only
    schedule: { frequency: weekly, at: "22:00", days: Sunday, timeZone: UTC }
    retention: { weekly: { count: 4 } }
fleet:
  - name: app
    region: eastus
    disks: [{ size: 128GiB, used: 50%, churn: { daily: 0% } }]
    backup: { vault: rsv, policy: daily }
events:
${events}
${more}`;

// Day k's end-of-day sample (daily arrays start with day 1).
const onDay = (r: RunResult, k: number) => {
  const d = r.vaults[0].daily;
  return {
    points: d.vaultPoints[k - 1],
    standard: d.standard[k - 1],
    softDeleted: d.softDeleted[k - 1],
    snapshot: d.snapshot[k - 1],
  };
};

describe('a locked vault: stop protection with delete data by the admin at day 20', () => {
  const blocked = run(
    scenario('immutability: locked', '  - { at: 20d, stopProtection: { group: app, data: delete } }'),
  );
  const without = run(scenario('immutability: locked', '  []'));
  // The same kind of event at the same instant that changes nothing by definition: the vault is
  // locked already. Both runs then have one operation event; if the blocked one changed
  // anything, their fingerprints would differ.
  const noop = run(
    scenario('immutability: locked', '  - { at: 20d, setImmutability: { vault: rsv, state: locked } }'),
  );

  it('fails, blocked by immutability, with the documented reason', () => {
    const [op] = blocked.operations!.log;
    expect(op).toMatchObject({
      operation: 'stopProtection',
      actor: 'admin',
      outcome: 'blocked',
      blockedBy: 'immutability',
    });
    expect(op.reason).toContain("can't have its recovery points deleted before their expiry");
    expect(op.changes).toMatchObject({ items: 0, pointsDeleted: 0, bytesSoftDeleted: 0, bytesPurged: 0 });
    expect(noop.operations!.log[0]).toMatchObject({
      outcome: 'failed',
      reason: 'immutability is already locked',
    });
  });

  it('leaves the points and bytes at day 60 as a run without it', () => {
    // Daily 30: at day 60's round the points of days 30..59 are kept (day 29's lapsed at
    // 59d 22:05): 30 points, none soft-deleted.
    expect(onDay(blocked, 60)).toEqual(onDay(without, 60));
    expect(onDay(blocked, 60)).toMatchObject({ points: 30, softDeleted: 0 });
    expect(blocked.vaults[0].daily).toEqual(without.vaults[0].daily);
    expect(blocked.storage).toEqual(without.storage);
    expect(blocked.jobs).toEqual(without.jobs);
    expect(blocked.cost.summary).toEqual(without.cost.summary);
  });

  it('has the fingerprint of a run whose operation at that instant changes nothing', () => {
    expect(blocked.fingerprint).toBe(noop.fingerprint);
    expect(blocked.eventsProcessed).toBe(noop.eventsProcessed);
    // The blocked attempt still raises Delete Backup Data, marked as blocked.
    expect(blocked.operations!.alerts).toEqual([
      {
        alert: 'Delete Backup Data',
        rule: 'backup-data-deleted',
        severity: 0,
        at: '2026-01-21T00:00:00.000Z',
        instance: { datasourceId: 'app-001', outcome: 'blocked', vault: 'rsv' },
      },
    ]);
  });
});

describe('soft delete 30 days: delete at day 20', () => {
  const deleteAt20 = '  - { at: 20d, stopProtection: { group: app, data: delete } }';
  const undone = run(
    scenario(
      'softDelete: 30d',
      `${deleteAt20}\n  - { at: 35d, undelete: { group: app } }\n  - { at: 36d, vmFailure: { group: app } }`,
    ),
  );
  const purged = run(scenario('softDelete: 30d', deleteAt20));

  it('moves the 20 points to soft delete, none billed as vault-standard', () => {
    // Points of days 0..19 (day 19's taken at 19d 22:00), all within daily 30 at day 20.
    const [del] = purged.operations!.log;
    expect(del.changes).toMatchObject({ items: 1, pointsDeleted: 20, purgeAt: '2026-02-20T00:00:00.000Z' });
    const before = onDay(purged, 20);
    expect(before.points).toBe(20);
    // Day 20's round (at 20d, before the operation at 20d) sees the 20; day 21's is the first after it.
    expect(onDay(purged, 21)).toEqual({ points: 0, standard: 0, softDeleted: before.standard, snapshot: 0 });
    expect(del.changes.bytesSoftDeleted).toBe(before.standard);
  });

  it('undeleted at day 35: the points are back, and the restore at day 36 uses the newest of them', () => {
    expect(undone.operations!.log[1]).toMatchObject({
      operation: 'undelete',
      outcome: 'succeeded',
      changes: { items: 1, pointsRestored: 20 },
    });
    // Back in vault-standard, kept with no expiry (stop protection with retain data).
    expect(onDay(undone, 36)).toMatchObject({
      points: 20,
      softDeleted: 0,
      standard: onDay(undone, 20).standard,
    });
    const [vm] = undone.dr!.incidents[0].vms;
    // The newest point was taken at day 19 22:00 → RPO = 36d − 19d 22h = 16d 2h = 1,389,600 s.
    expect(vm.path).toBe('restore-vault');
    expect(vm.point).toEqual({ at: '2026-01-20T22:00:00.000Z', source: 'vault', region: 'eastus' });
    expect(vm.rpoSeconds).toBe(1_389_600);
    // RTO = detection 900 s + 30 min + 64 GiB at 64 MiB/s (1,024 s) + boot 120 s = 3,844 s.
    expect(vm.rtoSeconds).toBe(900 + 1800 + 1024 + 120);
    expect(vm.note).toBe('');
  });

  it('not undeleted: purged at day 50, Upcoming Purge at day 48, Purge Complete at day 50', () => {
    expect(onDay(purged, 49).softDeleted).toBeGreaterThan(0);
    expect(onDay(purged, 50)).toEqual({ points: 0, standard: 0, softDeleted: 0, snapshot: 0 });
    expect(purged.operations!.alerts.map((a) => [a.alert, a.at])).toEqual([
      ['Delete Backup Data', '2026-01-21T00:00:00.000Z'],
      ['Upcoming Purge', '2026-02-18T00:00:00.000Z'], // 50d − 2d = day 48
      ['Purge Complete', '2026-02-20T00:00:00.000Z'],
    ]);
    // An undelete before day 48 cancels the Upcoming Purge alert.
    expect(undone.operations!.alerts.map((a) => a.alert)).toEqual(['Delete Backup Data']);
  });

  it('bills soft delete for the period before its last 14 days, until the undelete', () => {
    // §2.3: period 30 d, last 14 free → billed from day 20 to day 36 when purged (16 d), to
    // day 35 when undeleted at 35 (15 d). Day 20 is 21 January: 21 Jan → 1 Feb is 11 d of
    // January (31 d), the rest in February (28 d): 5 d, or 4 d.
    const gb = onDay(purged, 20).standard / 2 ** 30;
    const softDelete = (r: RunResult) =>
      r.cost.lines.filter((l) => l.meter === 'softDelete').map((l) => [l.month, l.quantity]);
    expect(softDelete(purged)).toEqual([
      ['2026-01', expect.closeTo((gb * 11) / 31, 9)],
      ['2026-02', expect.closeTo((gb * 5) / 28, 9)],
    ]);
    expect(softDelete(undone)).toEqual([
      ['2026-01', expect.closeTo((gb * 11) / 31, 9)],
      ['2026-02', expect.closeTo((gb * 4) / 28, 9)],
    ]);
  });

  it('an undelete undoes the delete when recovery needs it: ransomware at day 30, no undelete issued', () => {
    const r = run(scenario('softDelete: 30d', `${deleteAt20}\n  - { at: 30d, ransomware: { group: app } }`));
    const [vm] = r.dr!.incidents[0].vms;
    expect(vm.path).toBe('restore-vault');
    expect(vm.note).toBe('undeleted from soft delete first');
    // RTO = detection 900 + undelete 300 + 30 min + 1,024 s + boot 120 s.
    expect(vm.rtoSeconds).toBe(900 + 300 + 1800 + 1024 + 120);
    expect(r.operations!.log[1]).toMatchObject({
      index: 0,
      operation: 'undelete',
      actor: 'admin',
      outcome: 'succeeded',
    });
  });
});

describe('retention daily 30 → 10 at day 40', () => {
  const change = '  - { at: 40d, changePolicy: { policy: daily, retention: { daily: 10 } } }';
  const changed = run(scenario('softDelete: 14d', change));
  const unchanged = run(
    scenario('softDelete: 14d', '  - { at: 40d, setImmutability: { vault: rsv, state: disabled } }'),
  );
  const immutable = run(scenario('immutability: enabled', change));

  it('prunes the points older than 10 days at the next cleanup', () => {
    // At day 40's round the points of days 10..39 are kept (30). Under daily 10, point k
    // expires at k + 10 d 22:05: those of days 10..29 (20 points) are past it at day 40.
    expect(changed.operations!.log[0]).toMatchObject({
      outcome: 'succeeded',
      changes: { items: 1, pointsPruned: 20 },
    });
    expect(onDay(changed, 40).points).toBe(30);
    // Day 41's round removes them, and day 30's (expired at 40d 22:05): days 31..40 remain.
    expect(onDay(changed, 41).points).toBe(10);
    expect(onDay(unchanged, 41).points).toBe(30);
    // From then on the policy keeps 10 a day.
    expect(onDay(changed, 60).points).toBe(10);
    expect(changed.operations!.alerts.map((a) => a.alert)).toEqual(['Modify Policy with Shorter Retention']);
  });

  it('is blocked in an immutable vault, keeps every point, and the alert fires', () => {
    expect(immutable.operations!.log[0]).toMatchObject({ outcome: 'blocked', blockedBy: 'immutability' });
    expect(immutable.operations!.log[0].reason).toContain('changes that could reduce the retention');
    expect(onDay(immutable, 41).points).toBe(30);
    expect(immutable.operations!.alerts).toEqual([
      expect.objectContaining({
        alert: 'Modify Policy with Shorter Retention',
        at: '2026-02-10T00:00:00.000Z',
        instance: { outcome: 'blocked', policy: 'daily', vault: 'rsv' },
      }),
    ]);
  });

  it('a longer retention is allowed in an immutable vault and keeps the points longer', () => {
    const longer = run(
      scenario(
        'immutability: locked',
        '  - { at: 40d, changePolicy: { policy: daily, retention: { daily: 45 } } }',
      ),
    );
    expect(longer.operations!.log[0]).toMatchObject({ outcome: 'succeeded', changes: { pointsPruned: 0 } });
    // Daily 45 from day 40: no point lapses before day 45 22:05, so day 60 keeps days 15..59.
    expect(onDay(longer, 60).points).toBe(45);
  });

  it('daily → weekly cleans up the daily points: moving the VM to a weekly-only policy', () => {
    const moved = run(
      scenario('softDelete: 14d', '  - { at: 40d, changePolicy: { group: app, to: weekly-only } }'),
    );
    expect(moved.operations!.log[0]).toMatchObject({ outcome: 'succeeded', changes: { pointsPruned: 30 } });
    expect(moved.operations!.alerts.map((a) => a.alert)).toEqual([
      'Modify Protection with Shorter Retention',
    ]);
    // No point was tagged weekly (not re-tagged), so all 30 go at day 41's round; then one a
    // week (the slot already booked, day 40 22:00 on a Tuesday, is kept by no tier): Sundays
    // 15 and 22 February and 1 March (days 45, 52 and 59) by day 60.
    expect(onDay(moved, 41).points).toBe(0);
    expect(onDay(moved, 60).points).toBe(3);
  });
});

describe('multi-user authorization with a 2-hour approval', () => {
  const attacks = (actor: string) =>
    [
      `  - { at: 20d, stopProtection: { group: app, data: delete, actor: ${actor} } }`,
      `  - { at: 21d, changePolicy: { policy: daily, retention: { daily: 10 }, actor: ${actor} } }`,
      `  - { at: 22d, setSoftDelete: { vault: rsv, state: disabled, actor: ${actor} } }`,
      `  - { at: 23d, disableMua: { vault: rsv, actor: ${actor} } }`,
    ].join('\n');
  const guard = 'softDelete: 14d, resourceGuard: { approvalDelay: 2h }';

  it('an attacker fails every critical operation, and nothing changes', () => {
    const r = run(scenario(guard, attacks('attacker')));
    expect(r.operations!.log.map((o) => [o.operation, o.outcome, o.blockedBy])).toEqual([
      ['stopProtection', 'blocked', 'mua'],
      ['changePolicy', 'blocked', 'mua'],
      ['setSoftDelete', 'blocked', 'mua'],
      ['disableMua', 'blocked', 'mua'],
    ]);
    expect(onDay(r, 60).points).toBe(30);
    const clean = run(scenario(guard, '  []'));
    expect(r.vaults[0].daily).toEqual(clean.vaults[0].daily);
  });

  it('moving to a lower retention is critical too: an attacker fails', () => {
    const r = run(
      scenario(guard, '  - { at: 20d, changePolicy: { group: app, to: weekly-only, actor: attacker } }'),
    );
    expect(r.operations!.log[0]).toMatchObject({ outcome: 'blocked', blockedBy: 'mua' });
  });

  it('an admin succeeds after the approval delay', () => {
    const r = run(scenario(guard, attacks('admin')));
    expect(
      r.operations!.log.map((o) => [o.operation, o.outcome, o.at.slice(0, 16), o.effectiveAt?.slice(0, 16)]),
    ).toEqual([
      ['stopProtection', 'succeeded', '2026-01-21T00:00', '2026-01-21T02:00'],
      ['changePolicy', 'succeeded', '2026-01-22T00:00', '2026-01-22T02:00'],
      ['setSoftDelete', 'succeeded', '2026-01-23T00:00', '2026-01-23T02:00'],
      ['disableMua', 'succeeded', '2026-01-24T00:00', '2026-01-24T02:00'],
    ]);
    expect(r.operations!.log[0].reason).toBe('approved on the Resource Guard after 120 min');
    // Disabling soft delete purged the data deleted at day 20 at once (§18.2).
    expect(r.operations!.log[2].changes.bytesPurged).toBe(onDay(r, 20).standard);
    expect(onDay(r, 23).softDeleted).toBe(0);
  });

  it('traces the request, the approval and the outcome of each operation, and each security alert', () => {
    const loaded = loadScenarioText(scenario(guard, attacks('admin')), 'golden.yaml');
    if (!loaded.ok) throw new Error('invalid');
    const records: { t: number; kind: string; subject: string; detail?: Record<string, unknown> }[] = [];
    simulate(loaded.scenarios[0], { trace: (r) => records.push(r) });
    const first = records
      .filter((r) => r.kind.startsWith('operation') || r.kind === 'security-alert')
      .slice(0, 3);
    expect(first.map((r) => [r.t / 3_600_000, r.kind, r.subject])).toEqual([
      [480, 'operation-pending', 'group app'], // day 20
      [482, 'security-alert', 'app-001'], // approved 2 h later: Delete Backup Data
      [482, 'operation', 'group app'],
    ]);
    expect(first[2].detail).toMatchObject({
      operation: 'stopProtection',
      actor: 'admin',
      outcome: 'succeeded',
      pointsDeleted: 20,
    });
  });

  it('an excluded operation needs no approval', () => {
    const r = run(
      scenario(
        'softDelete: 14d, resourceGuard: { approvalDelay: 2h, exclude: [stopProtectionDelete] }',
        '  - { at: 20d, stopProtection: { group: app, data: delete, actor: attacker } }',
      ),
    );
    expect(r.operations!.log[0]).toMatchObject({
      outcome: 'succeeded',
      effectiveAt: '2026-01-21T00:00:00.000Z',
    });
  });
});

describe('soft delete always-on and immutability states', () => {
  it('always-on soft delete cannot be disabled; enabled immutability can, then the delete goes through', () => {
    const r = run(
      scenario(
        'softDelete: 14d, softDeleteAlwaysOn: true, immutability: enabled',
        [
          '  - { at: 20d, setSoftDelete: { vault: rsv, state: disabled, actor: attacker } }',
          '  - { at: 20d1m, stopProtection: { group: app, data: delete, actor: attacker } }',
          '  - { at: 20d2m, setImmutability: { vault: rsv, state: disabled, actor: attacker } }',
          '  - { at: 20d3m, stopProtection: { group: app, data: delete, actor: attacker } }',
          '  - { at: 20d4m, setImmutability: { vault: rsv, state: locked } }',
          '  - { at: 20d5m, setImmutability: { vault: rsv, state: disabled } }',
        ].join('\n'),
      ),
    );
    expect(r.operations!.log.map((o) => [o.outcome, o.blockedBy])).toEqual([
      ['blocked', 'soft-delete-always-on'],
      ['blocked', 'immutability'],
      ['succeeded', null],
      ['succeeded', null],
      ['succeeded', null],
      ['blocked', 'immutability'],
    ]);
    // The data went to soft delete for 14 days: due at 34d 00:03, purged by day 35's round.
    expect(onDay(r, 34).softDeleted).toBeGreaterThan(0);
    expect(onDay(r, 35).softDeleted).toBe(0);
    // What survived the attack (after its last operation, 20d 3m): the 20 points, only in soft delete.
    expect(r.operations!.attack).toMatchObject({
      after: '2026-01-21T00:03:00.000Z',
      points: 20,
      lost: 0,
      needUndelete: 1,
      items: [
        {
          item: 'app-001',
          state: 'soft-deleted',
          points: 20,
          needsUndelete: true,
          oldest: '2026-01-01T22:00:00.000Z',
          newest: '2026-01-20T22:00:00.000Z',
        },
      ],
    });
  });

  it('resuming protection of soft-deleted data fails until it is undeleted; then backups run again', () => {
    const r = run(
      scenario(
        'softDelete: 14d',
        [
          '  - { at: 20d, stopProtection: { group: app, data: delete } }',
          '  - { at: 21d, resumeProtection: { group: app } }',
          '  - { at: 22d, undelete: { group: app } }',
          '  - { at: 23d, resumeProtection: { group: app } }',
        ].join('\n'),
      ),
    );
    expect(r.operations!.log.map((o) => o.outcome)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
      'succeeded',
    ]);
    expect(r.operations!.log[1].reason).toContain('undelete it before resuming');
    // Resumed at day 23: daily 30 applies again, so at day 60 the points of days 30..59 are kept.
    expect(onDay(r, 60).points).toBe(30);
  });

  it('an increase of retention with a suspended item fails in an immutable vault (§18.3)', () => {
    const r = run(
      scenario(
        'immutability: enabled',
        [
          '  - { at: 20d, stopProtection: { group: app, data: retain } }',
          '  - { at: 21d, changePolicy: { policy: daily, retention: { daily: 60 } } }',
        ].join('\n'),
      ),
    );
    expect(r.operations!.log[1]).toMatchObject({ outcome: 'blocked', blockedBy: 'suspended-items' });
  });
});
