// Restore jobs in AddonAzureBackupJobs (docs/reference.md §16.1–16.2; models/logs/restore-rows.ts):
// every restore job that ends in the run — a user's, a drill's, disaster recovery's — is one
// row with JobOperation "Restore", stamped with its end; a rejected one is Failed at its
// request. Timings are the restore goldens' constants (test/models/restore/golden.test.ts):
// backups at 22:00 UTC with a 5-minute snapshot kept 2 days; staging 30 min, snapshot-tier
// restore 10 min, boot 2 min, 60 MiB/s per disk; Cross Region Restore lag 12 h. Each VM has
// one 64 GiB disk with 32 GiB used and no churn.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../../models/logs/rows.js';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const BASE = (duration: string, more: string) => `
name: restore-logs
seed: 1
start: "2026-01-01T00:00:00Z"
duration: ${duration}
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
recovery: { detection: 15m, boot: 2m, snapshotRestore: 10m, vaultRestoreOverhead: 30m, restoreThroughput: 60MiB/s, crossRegionLag: 12h }
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
vaults:
  - { name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: true }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    instantRestore: 2d
    retention: { daily: 30 }
fleet:
  - { name: web, count: 3, region: eastus, zone: 1, disks: [{ size: 64GiB, used: 50%, churn: { daily: 0% } }], backup: { vault: rsv, policy: daily } }
${more}`;

function run(text: string): { result: RunResult; rows: [string, LogRow][] } {
  const loaded = loadScenarioText(text, 'restore-logs.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  const rows: [string, LogRow][] = [];
  const result = simulate(loaded.scenarios[0], { logs: (table, row) => rows.push([table, row]) });
  return { result, rows };
}

const restoreRows = (rows: [string, LogRow][]) =>
  rows.filter(([t, r]) => t === 'AddonAzureBackupJobs' && r.JobOperation === 'Restore').map(([, r]) => r);
const at = (iso: string) => Date.parse(iso);

const EVENTS = `events:
  - { at: 20d, deleteVm: { vms: [web-003] } }
  - { at: 20d5m, restore: { vms: [web-003], option: replace-disks } }
  - { at: 20d12h, restore: { vms: [web-001], option: new-vm } }
  - { at: 20d12h, restore: { vms: [web-002], option: restore-disks, point: { before: 17d } } }
  - { at: 21d1h, restore: { vms: [web-001], option: restore-disks, target: cross-region } }`;

describe('restore jobs are rows of AddonAzureBackupJobs', () => {
  const { result, rows } = run(BASE('22d', `${EVENTS}\ndiagnostics: {}`));
  const restores = restoreRows(rows);
  // The vault copy: 32 GiB at 60 MiB/s = 32,768 / 60 = 546.13 s, which the link ends on the
  // next millisecond (546,134 ms); with 30 min of staging 2,346.134 s, written as 2,346.
  const vaultCopy = 1_800_000 + Math.ceil((32_768 / 60) * 1000);
  const common = {
    OperationName: 'Job',
    SchemaVersion: 'V2',
    JobOperation: 'Restore',
    JobOperationSubType: '',
  };
  const vault = { AdhocOrScheduledJob: 'Adhoc', VaultUniqueId: 'vaults/rsv', VaultName: 'rsv' };

  it('writes one row per restore job that ended, in the order they were pushed', () => {
    // Five jobs (restores.csv): the rejected replace-disks, disaster recovery's restore of the
    // deleted web-003, and three users' restores.
    expect(result.restores!.jobs.map((j) => j.status)).toEqual([
      'rejected',
      'completed',
      'completed',
      'completed',
      'completed',
    ]);
    expect(restores.map((r) => r.JobUniqueId)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `5e570000-0000-4000-8000-00000000000${n}`),
    );
  });

  it('a rejected restore: Failed at its request with the rule’s code, no duration, no data', () => {
    // web-003 was deleted at day 20 (Jan 21 00:00); replace-disks at 00:05 needs it (§15.1).
    expect(restores[0]).toEqual({
      TimeGenerated: at('2026-01-21T00:05:00Z'),
      ...common,
      JobUniqueId: '5e570000-0000-4000-8000-000000000001',
      JobStatus: 'Failed',
      JobFailureCode: 'vm-deleted',
      JobStartDateTime: at('2026-01-21T00:05:00Z'),
      JobDurationInSecs: 0,
      DataTransferredInMB: 0,
      ...vault,
      BackupItemUniqueId: 'web-003',
      RecoveryJobDestination: null,
      RecoveryJobRPDateTime: null,
      RecoveryJobLocation: null,
      RecoveryLocationType: 'OriginalLocation',
    });
  });

  it('disaster recovery’s restore starts after detection and ends after boot', () => {
    // Deletion at 00:00, detected 15 min later: a new VM from the Jan 20 22:00 snapshot (kept
    // 2 days): 10 min to create the disks + 2 min boot = 720 s, 00:15 → 00:27; nothing moves
    // through the vault (0 MB).
    expect(restores[1]).toMatchObject({
      TimeGenerated: at('2026-01-21T00:27:00Z'),
      JobStatus: 'Completed',
      JobFailureCode: '',
      JobStartDateTime: at('2026-01-21T00:15:00Z'),
      JobDurationInSecs: 720,
      DataTransferredInMB: 0,
      BackupItemUniqueId: 'web-003',
      RecoveryJobDestination: 'eastus (zone 1)',
      RecoveryJobRPDateTime: at('2026-01-20T22:00:00Z'),
      RecoveryJobLocation: 'Snapshot',
      RecoveryLocationType: 'AlternateLocation',
    });
  });

  it('a new VM from the snapshot tier and disks from the vault: start, duration, data, point', () => {
    // web-001 at Jan 21 12:00: the same 720 s from the snapshot → 12:12.
    expect(restores[2]).toMatchObject({
      TimeGenerated: at('2026-01-21T12:12:00Z'),
      JobStartDateTime: at('2026-01-21T12:00:00Z'),
      JobDurationInSecs: 720,
      DataTransferredInMB: 0,
      BackupItemUniqueId: 'web-001',
      RecoveryJobLocation: 'Snapshot',
      RecoveryLocationType: 'AlternateLocation',
    });
    // web-002's point before Jan 18 00:00 is Jan 17 22:00, gone from the snapshot tier: its
    // disks come from the vault, 32 GiB = 32,768 MB, in 2,346 s.
    expect(restores[3]).toEqual({
      TimeGenerated: at('2026-01-21T12:00:00Z') + vaultCopy,
      ...common,
      JobUniqueId: '5e570000-0000-4000-8000-000000000004',
      JobStatus: 'Completed',
      JobFailureCode: '',
      JobStartDateTime: at('2026-01-21T12:00:00Z'),
      JobDurationInSecs: 2346,
      DataTransferredInMB: 32_768,
      ...vault,
      BackupItemUniqueId: 'web-002',
      RecoveryJobDestination: 'eastus (zone 1)',
      RecoveryJobRPDateTime: at('2026-01-17T22:00:00Z'),
      RecoveryJobLocation: 'VaultStandard',
      RecoveryLocationType: 'RestoreDisks',
    });
  });

  it('a Cross Region Restore lands in the paired region from the copy that reached it', () => {
    // Jan 22 01:00: the Jan 21 22:00 point reaches West US 12 h after it lands, so the newest
    // there is Jan 20 22:00; the same 2,346 s through the pair's restore link.
    expect(restores[4]).toMatchObject({
      TimeGenerated: at('2026-01-22T01:00:00Z') + vaultCopy,
      JobStartDateTime: at('2026-01-22T01:00:00Z'),
      JobDurationInSecs: 2346,
      DataTransferredInMB: 32_768,
      RecoveryJobDestination: 'westus',
      RecoveryJobRPDateTime: at('2026-01-20T22:00:00Z'),
      RecoveryJobLocation: 'VaultStandard',
      RecoveryLocationType: 'RestoreDisks',
    });
  });

  it('leaves the Backup Reports as they were: their views read backup jobs only', () => {
    // The same run without the users' restores (drills and users' restores touch no production
    // figure) has the same views.
    const without = run(
      BASE('22d', 'events:\n  - { at: 20d, deleteVm: { vms: [web-003] } }\ndiagnostics: {}'),
    );
    expect(result.backupReports).toEqual(without.result.backupReports);
  });
});

describe('which restore rows the workspace gets', () => {
  it('writes none for a vault that does not send the jobs table, nor for a job still running', () => {
    const quiet = run(
      BASE('22d', `${EVENTS}\ndiagnostics: { vaults: [{ vault: rsv, tables: [CoreAzureBackup] }] }`),
    );
    expect(restoreRows(quiet.rows)).toEqual([]);
    // A restore asked 10 minutes before the end: its 40-minute vault copy is not done.
    const late = run(
      BASE(
        '21d',
        'events:\n  - { at: 20d23h50m, restore: { vms: [web-001], option: restore-disks, point: { before: 19d } } }\ndiagnostics: {}',
      ),
    );
    expect(late.result.restores!.jobs[0].status).toBe('running');
    expect(restoreRows(late.rows)).toEqual([]);
  });

  it('writes drills’ restores too', () => {
    // Drills at days 10 and 20, two VMs each: new VMs from the latest snapshot, 720 s each.
    const { rows } = run(
      BASE('21d', 'restoreTests:\n  - { name: monthly, every: 10d, group: web, count: 2 }\ndiagnostics: {}'),
    );
    const drills = restoreRows(rows);
    expect(drills.map((r) => [r.JobStartDateTime, r.JobDurationInSecs])).toEqual([
      [at('2026-01-11T00:00:00Z'), 720],
      [at('2026-01-11T00:00:00Z'), 720],
      [at('2026-01-21T00:00:00Z'), 720],
      [at('2026-01-21T00:00:00Z'), 720],
    ]);
  });

  it('should always write each restore job that ended exactly once, with its own start and end', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            hour: fc.integer({ min: 24, max: 7 * 24 - 1 }),
            vm: fc.integer({ min: 1, max: 3 }),
            option: fc.constantFrom('new-vm', 'restore-disks', 'replace-disks', 'files'),
            before: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (asks) => {
          const events = asks
            .map(
              (a) =>
                `  - { at: ${a.hour}h, restore: { vms: [web-00${a.vm}], option: ${a.option}${a.option === 'files' ? ', files: 2GiB' : ''}${a.before === null ? '' : `, point: { before: ${a.before}d }`} } }`,
            )
            .join('\n');
          const { result, rows } = run(BASE('7d', `events:\n${events}\ndiagnostics: {}`));
          const ended = result.restores!.jobs.filter((j) => j.status !== 'running');
          const written = restoreRows(rows);
          expect(written).toHaveLength(ended.length);
          const byId = new Map(written.map((r) => [r.JobUniqueId as string, r]));
          for (const j of ended) {
            const n = Number(j.id.replace('restore-', ''));
            const row = byId.get(`5e570000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`)!;
            expect(row.BackupItemUniqueId).toBe(j.vm);
            expect(row.JobStatus).toBe(j.status === 'completed' ? 'Completed' : 'Failed');
            const end = j.endedAt === null ? Date.parse(j.requestedAt) : Date.parse(j.endedAt);
            expect(row.TimeGenerated).toBe(end);
            expect(row.JobStartDateTime).toBe(Date.parse(j.requestedAt) + j.phases.queueing * 1000);
          }
          const stamps = rows
            .filter(([t]) => t === 'AddonAzureBackupJobs')
            .map(([, r]) => r.TimeGenerated as number);
          expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('a restore that boots a VM is written when it ends, in order with the backup jobs', () => {
  // Boot 2 h: web-001's new VM is requested at 21:00 on day 3 from its snapshot (10 min), so the
  // copy ends at 21:10 and the job at 23:10. The other VMs' backups start at 22:00 and end at
  // 22:05 (5-minute snapshot, then the 32 GiB-or-less transfer): their rows come between.
  const text = BASE(
    '4d',
    'events:\n  - { at: 3d21h, restore: { vms: [web-001], option: new-vm } }\ndiagnostics: {}',
  ).replace('boot: 2m', 'boot: 2h');
  const { rows } = run(text);
  const jobs = rows.filter(([t]) => t === 'AddonAzureBackupJobs').map(([, r]) => r);

  it('stamps the restore with its end after boot, 23:10', () => {
    const restore = jobs.find((r) => r.JobOperation === 'Restore')!;
    expect(restore.TimeGenerated).toBe(at('2026-01-04T23:10:00Z'));
  });

  it('writes it after the backup rows of 22:00–23:10, never before: the table is in stamp order', () => {
    const i = jobs.findIndex((r) => r.JobOperation === 'Restore');
    const before = jobs.slice(0, i).filter((r) => (r.TimeGenerated as number) >= at('2026-01-04T22:00:00Z'));
    expect(before.length).toBeGreaterThan(0);
    const stamps = jobs.map((r) => r.TimeGenerated as number);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });
});
