// SQL databases in the diagnostic tables (docs/reference.md §16.1, §16.3; models/sql/item.ts
// logItems): each database is a backup item with the bytes the SQL model keeps for it, its jobs
// carry the bytes they moved, and the protected instances are one row per VM (the protected
// container). Worked by hand: one VM with databases a (10 GiB) and b (4 GiB), no compression
// and no growth, a daily full at 22:00 UTC, logs every 8 hours of 5% of the data a day,
// everything kept 7 days, over 2 days. Auto-heal (§12.3) turns the first log slot (Jan 1
// 00:00) into each database's first full.
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../../models/logs/rows.js';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const SCENARIO = `name: sql-logs
start: 2026-01-01T00:00:00Z
duration: 2d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
fleet:
  - { name: sqlvm, region: eastus, disks: [{ size: 1TiB }] }
sqlPolicies:
  - name: p
    full: { frequency: daily, at: "22:00", timeZone: UTC }
    log: { every: 8h, retention: 7d }
    retention: { daily: 7 }
sqlDatabases:
  - { name: a, host: sqlvm, size: 10GiB, log: { daily: 5% }, vault: rsv, policy: p }
  - { name: b, host: sqlvm, size: 4GiB, log: { daily: 5% }, vault: rsv, policy: p }
diagnostics: {}
`;

const MiB = 2 ** 20;
const GiB = 2 ** 30;
// A log holds its 8 hours' share of the day's 5%: a: 10 GiB × 5% / 3 = 178,956,970.67 → 178,956,971 B;
// b: 4 GiB × 5% / 3 = 71,582,788.27 → 71,582,788 B.
const LOG_A = 178_956_971;
const LOG_B = 71_582_788;

function run(text: string): { result: RunResult; rows: [string, LogRow][] } {
  const loaded = loadScenarioText(text, 'sql-logs.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  const rows: [string, LogRow][] = [];
  const result = simulate(loaded.scenarios[0], { logs: (table, row) => rows.push([table, row]) });
  return { result, rows };
}

const of = (rows: [string, LogRow][], table: string, op: string) =>
  rows.filter(([t, r]) => t === table && r.OperationName === op).map(([, r]) => r);
const day1 = Date.UTC(2026, 0, 2);
const day2 = Date.UTC(2026, 0, 3);

describe('SQL databases are backup items with the bytes the model keeps for them', () => {
  const { result, rows } = run(SCENARIO);

  it('stores per database what its fulls and logs hold, adding up to the vault', () => {
    // Jan 2 00:00: each database has 2 fulls (00:00, 22:00) and 2 logs (08:00, 16:00; the
    // 00:00 slot was the auto-healed full). Jan 3 00:00: 3 fulls and 5 logs (the Jan 3 00:00
    // log is still landing: it counts at the next round).
    const expected = [
      [day1, 'sqlvm-001/a', (2 * 10 * GiB + 2 * LOG_A) / MiB], // 20,480 + 341.33 = 20,821.33 MB
      [day1, 'sqlvm-001/b', (2 * 4 * GiB + 2 * LOG_B) / MiB], // 8,192 + 136.53 = 8,328.53 MB
      [day2, 'sqlvm-001/a', (3 * 10 * GiB + 5 * LOG_A) / MiB], // 30,720 + 853.33 = 31,573.33 MB
      [day2, 'sqlvm-001/b', (3 * 4 * GiB + 5 * LOG_B) / MiB], // 12,288 + 341.33 = 12,629.33 MB
    ];
    const assoc = of(rows, 'AddonAzureBackupStorage', 'StorageAssociation');
    expect(assoc.map((r) => [r.TimeGenerated, r.BackupItemUniqueId, r.StorageConsumedInMBs])).toEqual(
      expected,
    );
    // Each day the databases add up to the vault's Storage row, and to the ledger's vault-standard.
    for (const t of [day1, day2]) {
      const vault = of(rows, 'AddonAzureBackupStorage', 'Storage').find((r) => r.TimeGenerated === t)!;
      const sum = assoc
        .filter((r) => r.TimeGenerated === t)
        .reduce((s, r) => s + (r.StorageConsumedInMBs as number), 0);
      expect(sum).toBeCloseTo(vault.StorageConsumedInMBs as number, 6);
    }
    expect(result.vaults[0].storage.end.standard).toBe(3 * 14 * GiB + 5 * (LOG_A + LOG_B));
  });

  it('shows each database as a SQLDataBase item of its VM, with its size and latest point', () => {
    const items = of(rows, 'CoreAzureBackup', 'BackupItem').filter((r) => r.TimeGenerated === day2);
    expect(
      items.map((r) => [
        r.BackupItemUniqueId,
        r.BackupItemType,
        r.BackupManagementType,
        r.ProtectedContainerUniqueId,
        r.PolicyUniqueId,
        r.BackupItemFrontEndSize,
      ]),
    ).toEqual([
      ['sqlvm-001/a', 'SQLDataBase', 'AzureWorkload', 'sqlvm-001', 'policies/p', 10_240],
      ['sqlvm-001/b', 'SQLDataBase', 'AzureWorkload', 'sqlvm-001', 'policies/p', 4_096],
    ]);
    // The latest point: the Jan 2 22:00 full, in at 200 Mbps (25 MB/s): a 10 GiB / 25e6 =
    // 429.50 s, b 4 GiB / 25e6 = 171.80 s.
    expect(items.map((r) => (r.LatestRecoveryPointTime as number) - Date.UTC(2026, 0, 2, 22))).toEqual([
      Math.ceil((10 * GiB) / 25e3),
      Math.ceil((4 * GiB) / 25e3),
    ]);
  });

  it('counts protected instances once per VM, at the protected container (§16.1)', () => {
    // 14 GiB of databases on sqlvm-001: one instance under 50 GB (§8.2).
    const pi = of(rows, 'AddonAzureBackupProtectedInstance', 'ProtectedInstance');
    expect(
      pi.map((r) => [
        r.TimeGenerated,
        r.BackupItemUniqueId,
        r.ProtectedContainerUniqueId,
        r.ProtectedInstanceCount,
      ]),
    ).toEqual([
      [day1, null, 'sqlvm-001', 1],
      [day2, null, 'sqlvm-001', 1],
    ]);
  });

  it('writes the bytes each full and log job moved', () => {
    const jobs = of(rows, 'AddonAzureBackupJobs', 'Job');
    const moved = (item: string, subType: string) => [
      ...new Set(
        jobs
          .filter((r) => r.BackupItemUniqueId === item && r.JobOperationSubType === subType)
          .map((r) => r.DataTransferredInMB),
      ),
    ];
    expect(moved('sqlvm-001/a', 'Full')).toEqual([10_240]);
    expect(moved('sqlvm-001/b', 'Full')).toEqual([4_096]);
    expect(moved('sqlvm-001/a', 'Log')).toEqual([LOG_A / MiB]); // 170.67 MB
    expect(moved('sqlvm-001/b', 'Log')).toEqual([LOG_B / MiB]); // 68.27 MB
  });

  it('gives the Backup Reports each database: storage, adherence, activity', () => {
    const br = result.backupReports!;
    expect(br.summary).toMatchObject({
      backupItems: 2,
      cloudStorageBytes: 3 * 14 * GiB + 5 * (LOG_A + LOG_B),
      protectedInstances: 1,
      jobs: [{ type: 'SQLDataBase', completed: 6, failed: 0, successRate: 1 }],
    });
    expect(br.items.rows.map((r) => [r.item, r.cloudStorageBytes])).toEqual([
      ['sqlvm-001/a', 3 * 10 * GiB + 5 * LOG_A],
      ['sqlvm-001/b', 3 * 4 * GiB + 5 * LOG_B],
    ]);
    expect(br.usage.entities.rows).toEqual([
      {
        container: 'sqlvm-001',
        type: 'SQLDataBase',
        vault: 'rsv',
        protectedInstances: 1,
        cloudStorageBytes: 3 * 14 * GiB + 5 * (LOG_A + LOG_B),
      },
    ]);
    // A full every day on both days: adherent; a point within 7 days: not inactive.
    expect(br.adherence.daily!.periods.map((p) => [p.items, p.adherent])).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(br.optimize.inactive.total).toBe(0);
  });
});

describe('a SQL policy with differentials: their weekdays and retention in its Policy row', () => {
  // Weekly fulls on Sunday, differentials Monday to Saturday kept 14 days, logs every 8 h kept 7 d.
  const text = SCENARIO.replace(
    `    full: { frequency: daily, at: "22:00", timeZone: UTC }
    log: { every: 8h, retention: 7d }
    retention: { daily: 7 }`,
    `    full: { frequency: weekly, days: Sunday, at: "22:00", timeZone: UTC }
    differential: { days: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday], retention: 14d }
    log: { every: 8h, retention: 7d }
    retention: { weekly: { count: 4, on: Sunday } }`,
  );
  const { rows } = run(text);
  const policy = of(rows, 'AddonAzureBackupPolicy', 'Policy')[0];

  it('names the differential days and keeps them 14 days; logs every 480 minutes, 7 days', () => {
    expect(policy).toMatchObject({
      PolicyName: 'p',
      BackupFrequency: 'Weekly',
      BackupDaysOfTheWeek: 'Sunday',
      DiffBackupDaysOfTheWeek: 'Monday, Tuesday, Wednesday, Thursday, Friday, Saturday',
      DiffBackupRetentionDuration: 14,
      LogBackupFrequency: 480,
      LogBackupRetentionDuration: 7,
      SynchronisationFrequencyPerDay: null,
    });
  });

  it('a policy without differentials leaves both columns null', () => {
    const plain = of(run(SCENARIO).rows, 'AddonAzureBackupPolicy', 'Policy')[0];
    expect([plain.DiffBackupDaysOfTheWeek, plain.DiffBackupRetentionDuration]).toEqual([null, null]);
  });
});

describe('a VM backed up as a VM and hosting SQL databases is two billing entities in Usage', () => {
  // sqlvm-001 also has a VM policy: its VM backup bills one instance at the item (102.4 GiB
  // used, 50–500 GB), its databases one at the VM (14 GiB), §16.1 and §16.3. Merged, they would
  // read as one VM with two instances.
  const text = SCENARIO.replace(
    'fleet:\n  - { name: sqlvm, region: eastus, disks: [{ size: 1TiB }] }',
    `policies:
  - { name: vm, schedule: { frequency: daily, at: "23:00", timeZone: UTC }, retention: { daily: 7 } }
fleet:
  - { name: sqlvm, region: eastus, disks: [{ size: 1TiB, used: 10% }], backup: { vault: rsv, policy: vm } }`,
  );
  const { result } = run(text);
  const rows = result.backupReports!.usage.entities.rows;

  it('lists the VM and its SQL Server side by side, each with its own instances and storage', () => {
    expect(rows.map((e) => [e.container, e.type, e.protectedInstances])).toEqual([
      ['sqlvm-001', 'VM', 1],
      ['sqlvm-001', 'SQLDataBase', 1],
    ]);
    // The SQL entity keeps the databases' bytes as above; the VM's are its vault points'.
    expect(rows[1].cloudStorageBytes).toBe(3 * 14 * GiB + 5 * (LOG_A + LOG_B));
    expect(rows[0].cloudStorageBytes).toBeGreaterThan(0);
  });
});
