// The diagnostic tables a run writes (issue 19; docs/reference.md §16): every job of
// the run's statistics once in AddonAzureBackupJobs, rows with every documented column in order,
// what each vault sends, the workspace's retention, SQL jobs pushed every 6 hours, and the
// daily tables once per item per day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyRow, type LogRow } from '../../../models/logs/rows.js';
import { columnsOf, LOG_TABLES } from '../../../models/logs/tables.js';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const HEAD = `name: logs
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
  - { name: rsv2, region: eastus }
policies:
  - name: daily
    schedule: { frequency: daily, at: "02:00", timeZone: UTC }
    retention: { daily: 7 }
`;

function run(text: string): { result: RunResult; rows: [string, LogRow][] } {
  const loaded = loadScenarioText(text, 'logs.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  const rows: [string, LogRow][] = [];
  const result = simulate(loaded.scenarios[0], { logs: (table, row) => rows.push([table, row]) });
  return { result, rows };
}

const count = (rows: [string, LogRow][], table: string, where: (r: LogRow) => boolean = () => true) =>
  rows.filter(([t, r]) => t === table && where(r)).length;

describe('the diagnostic tables of a run', () => {
  const { rows } = run(`${HEAD}duration: 3d
backupJobs: { startWindow: 0s }
fleet:
  - { name: a, count: 2, region: eastus, disks: [{ size: 16GiB }], backup: { vault: rsv, policy: daily } }
  - { name: b, region: eastus, disks: [{ size: 16GiB }], backup: { vault: rsv2, policy: daily } }
diagnostics:
  vaults:
    - { vault: rsv, tables: [AddonAzureBackupJobs, CoreAzureBackup, AddonAzureBackupProtectedInstance] }
`);

  it('writes every column of its table, in order, and nothing else', () => {
    for (const [table, row] of rows) expect(Object.keys(row), table).toEqual(columnsOf(table));
  });

  it('sends only what each vault’s setting lists', () => {
    // rsv2 has no setting: b-001 appears nowhere. rsv sends three tables, not Storage or Policy.
    expect(rows.some(([, r]) => r.VaultName === 'rsv2')).toBe(false);
    expect(new Set(rows.map(([t]) => t))).toEqual(
      new Set(['AddonAzureBackupJobs', 'CoreAzureBackup', 'AddonAzureBackupProtectedInstance']),
    );
  });

  it('pushes the daily tables once per day: per item BackupItem and its association, per vault Vault', () => {
    // 3 daily rounds × (2 items × 2 + 1 vault) = 15 CoreAzureBackup rows; PI rows: 3 × 2.
    expect(count(rows, 'CoreAzureBackup')).toBe(15);
    expect(count(rows, 'CoreAzureBackup', (r) => r.OperationName === 'Vault')).toBe(3);
    expect(count(rows, 'AddonAzureBackupProtectedInstance')).toBe(6);
    // Jobs: 2 VMs × 3 days, each stamped when it finished, started at 02:00 UTC.
    const jobs = rows.filter(([t]) => t === 'AddonAzureBackupJobs').map(([, r]) => r);
    expect(jobs).toHaveLength(6);
    for (const j of jobs) {
      expect(new Date(j.JobStartDateTime as number).toISOString().slice(11, 16)).toBe('02:00');
      expect(j.TimeGenerated as number).toBeGreaterThanOrEqual(j.JobStartDateTime as number);
      expect(j.JobDurationInSecs).toBe(
        Math.round(((j.TimeGenerated as number) - (j.JobStartDateTime as number)) / 1000),
      );
    }
  });

  it('describes each table Azure documents, Backup’s and Site Recovery’s', () => {
    expect(LOG_TABLES.map((t) => t.name)).toEqual([
      'CoreAzureBackup',
      'AddonAzureBackupJobs',
      'AddonAzureBackupStorage',
      'AddonAzureBackupProtectedInstance',
      'AddonAzureBackupPolicy',
      'ASRJobs',
      'ASRReplicatedItems',
    ]);
  });
});

describe('the workspace keeps rows for its retention', () => {
  it('drops rows stamped before the end minus the retention', () => {
    const { rows } = run(`${HEAD}duration: 10d
fleet:
  - { name: a, region: eastus, disks: [{ size: 16GiB }], backup: { vault: rsv, policy: daily } }
diagnostics: { retention: 3d }
`);
    // The run ends 2026-01-11 00:00; the workspace keeps rows from 01-08 00:00 on.
    const cut = Date.UTC(2026, 0, 8);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(([, r]) => (r.TimeGenerated as number) >= cut)).toBe(true);
    // Daily pushes at 01-08, 01-09, 01-10, 01-11 00:00: 4 BackupItem rows.
    expect(count(rows, 'CoreAzureBackup', (r) => r.OperationName === 'BackupItem')).toBe(4);
  });
});

describe('SQL jobs are pushed every 6 hours (§16.2)', () => {
  it('stamps each SQL job with the next 00/06/12/18 UTC push, logs marked Log', () => {
    const { rows } = run(`${HEAD}duration: 2d
fleet:
  - { name: sqlvm, region: eastus, disks: [{ size: 1TiB }] }
sqlPolicies:
  - name: p
    full: { frequency: daily, at: "22:00", timeZone: UTC }
    log: { every: 1h, retention: 7d }
    retention: { daily: 7 }
sqlDatabases:
  - { name: db, host: sqlvm, size: 10GiB, log: { daily: 5% }, vault: rsv, policy: p }
diagnostics: {}
`);
    const jobs = rows.filter(([t]) => t === 'AddonAzureBackupJobs').map(([, r]) => r);
    expect(jobs.length).toBeGreaterThan(0);
    for (const j of jobs) {
      const pushed = j.TimeGenerated as number;
      const finished = (j.JobStartDateTime as number) + (j.JobDurationInSecs as number) * 1000;
      expect(pushed % (6 * 3_600_000)).toBe(0);
      // The first push at or after the job's end (durations are rounded to seconds here).
      expect(pushed).toBeGreaterThanOrEqual(finished - 500);
      expect(pushed - finished).toBeLessThan(6 * 3_600_000 + 500);
    }
    expect(jobs.filter((j) => j.JobOperationSubType === 'Log').length).toBeGreaterThan(0);
    expect(jobs.filter((j) => j.JobOperationSubType === 'Full').length).toBeGreaterThan(0);
  });
});

describe('every job of the run, once', () => {
  it('should always write each job of the job statistics exactly once in AddonAzureBackupJobs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 2, max: 6 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        (n, failurePct, retries, days, agent, stopDay) => {
          const stop = stopDay === null || stopDay >= days ? '' : `, stop: { at: ${stopDay}d }`;
          const { result, rows } = run(`${HEAD}duration: ${days}d
fleet:
  - name: a
    count: ${n}
    region: eastus
    vmAgent: ${agent}
    disks: [{ size: 16GiB, churn: { daily: 3% } }]
    backup: { vault: rsv, policy: daily, failureRate: ${failurePct}%, retries: ${retries}, retryAfter: 30m, onDemand: [{ at: 1d6h }]${stop} }
diagnostics: { vaults: [{ vault: rsv, tables: [AddonAzureBackupJobs] }] }
`);
          const jobs = rows.filter(([t]) => t === 'AddonAzureBackupJobs').map(([, r]) => r);
          const stats = result.jobs.reduce(
            (s, j) => ({ ok: s.ok + j.succeeded, failed: s.failed + j.failed }),
            { ok: 0, failed: 0 },
          );
          expect(jobs.filter((j) => j.JobStatus === 'Completed')).toHaveLength(stats.ok);
          expect(jobs.filter((j) => j.JobStatus === 'Failed')).toHaveLength(stats.failed);
          expect(new Set(jobs.map((j) => j.JobUniqueId)).size).toBe(jobs.length);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('row shapes', () => {
  it('an empty row of every table has each of its columns, in order', () => {
    for (const t of LOG_TABLES) expect(Object.keys(emptyRow(t.name)), t.name).toEqual(columnsOf(t.name));
  });
});
