// Azure file shares and MABS/DPM datasources in the diagnostic tables (docs/reference.md §16.1,
// §16.3; models/files/item.ts and models/dpm/machine.ts logItems): each share and each protected
// machine is a backup item with the bytes the model keeps for it in the vault, its latest
// recovery point and the ids its jobs carry; protected instances are one row per protected
// container — the storage account (§13.6), the MABS/DPM server (§14.6) — as the bill counts them.
// Worked by hand over 2 days (no growth, uniform churn, nothing fails):
//   - stfin/fin-01 and fin-02: 250 GiB each, 4% a day, vault tier, a snapshot at 20:00 UTC whose
//     copy goes to the vault (the first one whole at 160 Mbps, later ones at 640 Mbps);
//   - stteam/team: 40 GiB, snapshot tier at 06:00 (its snapshots stay in the storage account);
//   - mabs-001: 2 file servers of 600 GiB, 1% a day, compressed by 50%, online at 02:00 UTC over
//     the server's WAN link (no throttling: the agent's 1,023 Mbps, shared by the two).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../../models/logs/rows.js';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const HEAD = `regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
`;

const SCENARIO = (offline = '') => `name: workload-items
start: 2026-01-01T00:00:00Z
duration: 2d
${HEAD}fileSharePolicies:
  - name: vaulted
    tier: vault
    schedule: { frequency: daily, at: "20:00", timeZone: UTC }
    snapshotRetention: 5d
    retention: { daily: 30 }
  - name: snaps
    schedule: { frequency: daily, at: "06:00", timeZone: UTC }
    retention: { daily: 7 }
fileShares:
  - { name: fin, count: 2, storageAccount: stfin, region: eastus, vault: rsv, policy: vaulted, size: 250GiB, churn: { daily: 4% } }
  - { name: team, storageAccount: stteam, region: eastus, vault: rsv, policy: snaps, size: 40GiB, churn: { daily: 5% } }
backupServers:
  - name: mabs
    vault: rsv
    compression: 50%
    protectionGroups:
      - name: fs
        workload: files
        machines: 2
        data: 600GiB
        churn: { daily: 1% }
        disk: { sync: 1h, retention: 2d }
        online: { times: ["02:00"], timeZone: UTC, retention: { daily: 30 } }
${offline}diagnostics: {}
`;

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const day1 = Date.UTC(2026, 0, 2);
const day2 = Date.UTC(2026, 0, 3);
const SHARES = ['stfin/fin-01', 'stfin/fin-02', 'stteam/team'];
const MACHINES = ['mabs-001/fs-001', 'mabs-001/fs-002'];

function run(text: string): { result: RunResult; rows: [string, LogRow][] } {
  const loaded = loadScenarioText(text, 'workload-items.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  const rows: [string, LogRow][] = [];
  const result = simulate(loaded.scenarios[0], { logs: (table, row) => rows.push([table, row]) });
  return { result, rows };
}

const of = (rows: [string, LogRow][], table: string, op: string) =>
  rows.filter(([t, r]) => t === table && r.OperationName === op).map(([, r]) => r);
const at = (rows: LogRow[], t: number) => rows.filter((r) => r.TimeGenerated === t);

describe('file shares and MABS datasources are backup items with the bytes the model keeps', () => {
  const { result, rows } = run(SCENARIO());

  it('stores per share and per machine what its vault points hold, adding up to the vault', () => {
    // Jan 2 00:00: each fin share's first copy (250 GiB = 256,000 MB) landed at 23:43 (below);
    // team's snapshots are in its storage account: 0 MB in the vault. Each machine sent its
    // data compressed by half: 600 GiB × 50% = 300 GiB = 307,200 MB.
    // Jan 3 00:00: + the day's changes: fin 4% × 250 GiB = 10 GiB (266,240 MB); a machine
    // 1% × 300 GiB = 3 GiB (310,272 MB).
    const assoc = of(rows, 'AddonAzureBackupStorage', 'StorageAssociation');
    expect(assoc.map((r) => [r.TimeGenerated, r.BackupItemUniqueId, r.StorageConsumedInMBs])).toEqual([
      [day1, 'stfin/fin-01', 256_000],
      [day1, 'stfin/fin-02', 256_000],
      [day1, 'stteam/team', 0],
      [day1, 'mabs-001/fs-001', 307_200],
      [day1, 'mabs-001/fs-002', 307_200],
      [day2, 'stfin/fin-01', 266_240],
      [day2, 'stfin/fin-02', 266_240],
      [day2, 'stteam/team', 0],
      [day2, 'mabs-001/fs-001', 310_272],
      [day2, 'mabs-001/fs-002', 310_272],
    ]);
    // The vault's Storage row is their sum: 2 × 256,000 + 2 × 307,200 = 1,126,400 MB, then
    // 2 × 266,240 + 2 × 310,272 = 1,153,024 MB; the ledger's vault-standard is the same bytes.
    expect(
      of(rows, 'AddonAzureBackupStorage', 'Storage')
        .filter((r) => r.StorageType === 'Cloud')
        .map((r) => r.StorageConsumedInMBs),
    ).toEqual([1_126_400, 1_153_024]);
    expect(result.vaults[0].storage.end.standard).toBe(1_153_024 * MiB);
  });

  it('shows each share and machine with its type, container, policy, size and latest point', () => {
    const items = at(of(rows, 'CoreAzureBackup', 'BackupItem'), day2);
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
      ['stfin/fin-01', 'AzureFileShare', 'AzureStorage', 'stfin', 'policies/vaulted', 256_000],
      ['stfin/fin-02', 'AzureFileShare', 'AzureStorage', 'stfin', 'policies/vaulted', 256_000],
      ['stteam/team', 'AzureFileShare', 'AzureStorage', 'stteam', 'policies/snaps', 40_960],
      // A machine's size is its data uncompressed: 600 GiB = 614,400 MB.
      ['mabs-001/fs-001', 'FileFolder', 'AzureBackupServer', 'mabs-001', 'policies/mabs-001/fs', 614_400],
      ['mabs-001/fs-002', 'FileFolder', 'AzureBackupServer', 'mabs-001', 'policies/mabs-001/fs', 614_400],
    ]);
    // Latest points, as the jobs that made them ended:
    //   fin, Jan 1: 250 GiB at 160 Mbps (20 MB/s): 268,435,456,000 / 20e6 = 13,421.773 s after
    //     20:00 → 23:43:41.773; Jan 2: 10 GiB at 640 Mbps (80 MB/s): 134.218 s → 20:02:14.218;
    //   team: the snapshot itself, 06:00 (a snapshot job takes no time);
    //   machines, Jan 1: 2 × 300 GiB over 1,023 Mbps (127.875 MB/s): 644,245,094,400 /
    //     127.875e6 = 5,038.085 s after 02:00 → 03:23:58.085; Jan 2: 2 × 3 GiB: 50.381 s.
    const latest = (t: number) =>
      at(of(rows, 'CoreAzureBackup', 'BackupItem'), t).map((r) => r.LatestRecoveryPointTime);
    const fin1 = Date.UTC(2026, 0, 1, 20) + Math.ceil((250 * GiB) / 20e3);
    const fin2 = Date.UTC(2026, 0, 2, 20) + Math.ceil((10 * GiB) / 80e3);
    const mabs1 = Date.UTC(2026, 0, 1, 2) + Math.ceil((2 * 300 * GiB) / 127_875);
    const mabs2 = Date.UTC(2026, 0, 2, 2) + Math.ceil((2 * 3 * GiB) / 127_875);
    expect(new Date(fin1).toISOString()).toBe('2026-01-01T23:43:41.773Z');
    expect(new Date(mabs1).toISOString()).toBe('2026-01-01T03:23:58.085Z');
    expect(latest(day1)).toEqual([fin1, fin1, Date.UTC(2026, 0, 1, 6), mabs1, mabs1]);
    expect(latest(day2)).toEqual([fin2, fin2, Date.UTC(2026, 0, 2, 6), mabs2, mabs2]);
  });

  it('counts protected instances at the storage account and at the server (§16.1), as the bill does', () => {
    // stfin: 2 × 250 GiB = 500 GB (GB = GiB in the price table) → ⌈500 / 500⌉ = 1 instance;
    // stteam: 40 GiB ≤ 50 GB → 1; mabs-001: each machine ⌈600 / 500⌉ = 2 (billed per machine,
    // §14.6), counted at the server: 4.
    const pi = of(rows, 'AddonAzureBackupProtectedInstance', 'ProtectedInstance');
    const expected = (t: number) => [
      [t, null, 'stfin', 1],
      [t, null, 'stteam', 1],
      [t, null, 'mabs-001', 4],
    ];
    expect(
      pi.map((r) => [
        r.TimeGenerated,
        r.BackupItemUniqueId,
        r.ProtectedContainerUniqueId,
        r.ProtectedInstanceCount,
      ]),
    ).toEqual([...expected(day1), ...expected(day2)]);
    // The bill: 6 instance-units a day × 2 days of January's 31 = 12 / 31 instance-months.
    const billed = result.cost.lines
      .filter((l) => l.meter === 'protectedInstances' && l.month === '2026-01')
      .reduce((s, l) => s + l.quantity, 0);
    expect(billed * 31).toBeCloseTo(12, 9);
    expect(result.backupReports!.usage.protectedInstanceDays).toBe(12);
  });

  it('writes the bytes each job moved under the item ids of the item rows', () => {
    const jobs = of(rows, 'AddonAzureBackupJobs', 'Job');
    const moved = (item: string) =>
      jobs.filter((r) => r.BackupItemUniqueId === item).map((r) => r.DataTransferredInMB);
    // A snapshot moves nothing (§13.1: "Data transferred in MB" = 0); a copy its bytes.
    expect(moved('stfin/fin-01')).toEqual([0, 256_000, 0, 10_240]);
    expect(moved('stteam/team')).toEqual([0, 0]);
    // An online backup its compressed bytes: 300 GiB, then 3 GiB.
    expect(moved('mabs-001/fs-001')).toEqual([307_200, 3_072]);
    // The jobs' ids are the item rows' ids, and no others.
    const items = new Set(of(rows, 'CoreAzureBackup', 'BackupItem').map((r) => r.BackupItemUniqueId));
    expect([...items]).toEqual([...SHARES, ...MACHINES]);
    expect([...new Set(jobs.map((r) => r.BackupItemUniqueId))].sort()).toEqual([...items].sort());
  });

  it('gives the Backup Reports each share and machine: type, storage, latest point, usage, adherence', () => {
    const br = result.backupReports!;
    expect(br.summary).toEqual({
      backupItems: 5,
      cloudStorageBytes: 1_153_024 * MiB,
      protectedInstances: 6,
      // fin: 2 snapshots + 2 copies each; team: 2 snapshots; each machine 2 online backups.
      jobs: [
        { type: 'AzureFileShare', completed: 10, failed: 0, successRate: 1 },
        { type: 'FileFolder', completed: 4, failed: 0, successRate: 1 },
      ],
    });
    expect(
      br.items.rows.map((r) => [r.item, r.type, r.policy, r.cloudStorageBytes, r.latestRecoveryPoint]),
    ).toEqual([
      ['mabs-001/fs-001', 'FileFolder', 'mabs-001/fs', 303 * GiB, '2026-01-02T02:00:50.381Z'],
      ['mabs-001/fs-002', 'FileFolder', 'mabs-001/fs', 303 * GiB, '2026-01-02T02:00:50.381Z'],
      ['stfin/fin-01', 'AzureFileShare', 'vaulted', 260 * GiB, '2026-01-02T20:02:14.218Z'],
      ['stfin/fin-02', 'AzureFileShare', 'vaulted', 260 * GiB, '2026-01-02T20:02:14.218Z'],
      ['stteam/team', 'AzureFileShare', 'snaps', 0, '2026-01-02T06:00:00.000Z'],
    ]);
    expect(
      br.usage.entities.rows.map((e) => [e.container, e.protectedInstances, e.cloudStorageBytes]),
    ).toEqual([
      ['mabs-001', 4, 606 * GiB],
      ['stfin', 1, 520 * GiB],
      ['stteam', 1, 0],
    ]);
    expect(br.policies.map((p) => [p.policy, p.type, p.items, p.cloudStorageBytes])).toEqual([
      ['mabs-001/fs', 'AzureBackupServer', 2, 606 * GiB],
      ['snaps', 'AzureStorage', 1, 0],
      ['vaulted', 'AzureStorage', 2, 520 * GiB],
    ]);
    // A successful backup every day for all five.
    expect(br.adherence.daily!.periods.map((p) => [p.from, p.items, p.adherent])).toEqual([
      ['2026-01-01', 5, 5],
      ['2026-01-02', 5, 5],
    ]);
    expect(br.optimize.inactive.total).toBe(0);
  });
});

describe('a MABS protection group: its name on its machines’ rows, its synchronisations on its policy', () => {
  const { rows } = run(SCENARIO());

  it('each machine’s BackupItem row names its protection group, fs; other workloads’ none', () => {
    const items = of(rows, 'CoreAzureBackup', 'BackupItem').filter((r) => r.TimeGenerated === day1);
    expect(items.map((r) => [r.BackupItemUniqueId, r.ProtectionGroupName])).toEqual([
      ['stfin/fin-01', null],
      ['stfin/fin-02', null],
      ['stteam/team', null],
      ['mabs-001/fs-001', 'fs'],
      ['mabs-001/fs-002', 'fs'],
    ]);
  });

  it('the group’s policy synchronises to disk 24 times a day (every hour)', () => {
    const policies = of(rows, 'AddonAzureBackupPolicy', 'Policy').filter((r) => r.TimeGenerated === day1);
    expect(policies.map((r) => [r.PolicyName, r.SynchronisationFrequencyPerDay])).toEqual([
      ['vaulted', null],
      ['snaps', null],
      ['mabs-001/fs', 24],
    ]);
  });
});

describe('a MABS server’s own storage is a Storage row of type Volume, once a day', () => {
  const { result, rows } = run(SCENARIO());
  const volume = of(rows, 'AddonAzureBackupStorage', 'Storage').filter((r) => r.StorageType === 'Volume');

  it('one row per day for mabs-001, named for the server, with no item', () => {
    expect(
      volume.map((r) => [r.TimeGenerated, r.StorageUniqueId, r.StorageName, r.BackupItemUniqueId]),
    ).toEqual([
      [day1, 'mabs-001/storage/volume', 'mabs-001 storage', null],
      [day2, 'mabs-001/storage/volume', 'mabs-001 storage', null],
    ]);
  });

  it('holds the replicas (2 × 600 GiB, uncompressed) and the disk points’ changed blocks', () => {
    // Jan 2 00:00: two replicas of 600 GiB = 1,228,800 MB, and each machine's hourly disk
    // points since 00:00 keep the blocks the day's 1% churn overwrote, 600 GiB × (1 − 0.99) = 6 GiB
    // each, a little more as the hourly steps compound: between 1,241,088 and 1,241,088 × 1.001 MB.
    const [first, second] = volume.map((r) => r.StorageConsumedInMBs as number);
    expect(first).toBeGreaterThanOrEqual(2 * 606 * 1024);
    expect(first).toBeLessThan(2 * 606 * 1024 * 1.001);
    // Jan 3: the points of two days (the disk retention) are kept, so more old blocks.
    expect(second).toBeGreaterThan(first);
    // The end of the run's row is the workloads result's own figure for the server's disk.
    expect(second * MiB).toBeCloseTo(result.workloads!.servers[0].disk.bytes, 0);
  });

  it('adds nothing to the Backup Reports’ cloud storage (they read StorageAssociation rows)', () => {
    expect(result.backupReports!.summary.cloudStorageBytes).toBe(
      of(rows, 'AddonAzureBackupStorage', 'StorageAssociation')
        .filter((r) => r.TimeGenerated === day2)
        .reduce((n, r) => n + (r.StorageConsumedInMBs as number) * MiB, 0),
    );
  });
});

describe('a MABS server offline from the start: its machines are items that never backed up', () => {
  // Offline for the whole run: every 02:00 online backup fails (`no-connectivity`, §14.4). Azure
  // lists a datasource once protection is configured, so the machines are backup items from day 1
  // with no latest point and nothing in the vault — not adherent, and inactive.
  const { result, rows } = run(SCENARIO('    offline: [{ at: 0s, for: 2d }]\n'));
  const br = result.backupReports!;

  it('writes their BackupItem rows each day, no latest point, 0 MB in the vault', () => {
    const items = of(rows, 'CoreAzureBackup', 'BackupItem').filter((r) =>
      MACHINES.includes(r.BackupItemUniqueId as string),
    );
    expect(items.map((r) => [r.TimeGenerated, r.BackupItemUniqueId, r.LatestRecoveryPointTime])).toEqual([
      [day1, MACHINES[0], null],
      [day1, MACHINES[1], null],
      [day2, MACHINES[0], null],
      [day2, MACHINES[1], null],
    ]);
    const assoc = of(rows, 'AddonAzureBackupStorage', 'StorageAssociation').filter((r) =>
      MACHINES.includes(r.BackupItemUniqueId as string),
    );
    expect(assoc.every((r) => r.StorageConsumedInMBs === 0)).toBe(true);
  });

  it('the reports count them as not adherent and inactive', () => {
    expect(br.adherence.daily!.periods.map((p) => [p.items, p.adherent])).toEqual([
      [5, 3],
      [5, 3],
    ]);
    expect(br.optimize.inactive.rows.map((r) => r.item)).toEqual(MACHINES);
  });
});

describe('a MABS server offline on day 2: its machines miss that day', () => {
  // Offline from Jan 2 00:00 for 12 h: the 02:00 online backups fail (`no-connectivity`, §14.4),
  // disk synchronisations go on (under 15 days). The machines keep Jan 1's point and bytes.
  const { result, rows } = run(SCENARIO('    offline: [{ at: 1d, for: 12h }]\n'));

  it('writes the failures under the machines’ ids and keeps their bytes and latest point', () => {
    const failed = of(rows, 'AddonAzureBackupJobs', 'Job').filter((r) => r.JobStatus === 'Failed');
    expect(failed.map((r) => [r.BackupItemUniqueId, r.JobFailureCode, r.JobStartDateTime])).toEqual(
      MACHINES.map((m) => [m, 'no-connectivity', Date.UTC(2026, 0, 2, 2)]),
    );
    const machines = at(of(rows, 'AddonAzureBackupStorage', 'StorageAssociation'), day2).filter((r) =>
      MACHINES.includes(r.BackupItemUniqueId as string),
    );
    expect(machines.map((r) => r.StorageConsumedInMBs)).toEqual([307_200, 307_200]);
    const mabs1 = Date.UTC(2026, 0, 1, 2) + Math.ceil((2 * 300 * GiB) / 127_875);
    expect(
      at(of(rows, 'CoreAzureBackup', 'BackupItem'), day2)
        .filter((r) => MACHINES.includes(r.BackupItemUniqueId as string))
        .map((r) => r.LatestRecoveryPointTime),
    ).toEqual([mabs1, mabs1]);
  });

  it('shows them non-adherent on Jan 2 only, and the failures in the Jobs view', () => {
    const br = result.backupReports!;
    expect(br.adherence.daily!.periods.map((p) => [p.from, p.adherent, p.nonAdherent])).toEqual([
      ['2026-01-01', 5, 0],
      ['2026-01-02', 3, 2],
    ]);
    expect(br.adherence.daily!.instances.rows.slice(0, 2)).toEqual(
      MACHINES.map((item) => ({
        item,
        policy: 'mabs-001/fs',
        periods: 2,
        nonAdherent: 1,
        nonAdherentPeriods: ['2026-01-02'],
      })),
    );
    expect(br.jobs.daily).toEqual([
      { day: '2026-01-01', completed: 7, failed: 0 },
      { day: '2026-01-02', completed: 5, failed: 2 },
    ]);
    expect(br.jobs.causes).toEqual([{ code: 'no-connectivity', failed: 2 }]);
    expect(br.summary.jobs.find((j) => j.type === 'FileFolder')).toEqual({
      type: 'FileFolder',
      completed: 2,
      failed: 2,
      successRate: 0.5,
    });
  });
});

// February 2026: 28 days, so the reports' range is the calendar month the cost model bills.
const FEBRUARY = (w: {
  shares: { count: number; sizeGiB: number; growthPct: number; vault: boolean; account: number }[];
  servers: { machines: number; dataGiB: number; growthPct: number; compressionPct: number }[];
}) => `name: workload-property
start: 2026-02-01T00:00:00Z
duration: 28d
${HEAD}fileSharePolicies:
  - { name: vaulted, tier: vault, schedule: { frequency: daily, at: "21:00", timeZone: UTC }, snapshotRetention: 5d, retention: { daily: 10 } }
  - { name: snaps, schedule: { frequency: hourly, every: 6h, window: { start: "00:00", duration: 24h }, timeZone: UTC }, retention: { daily: 7 } }
fileShares:
${w.shares
  .map(
    (s, i) =>
      `  - { name: s${i}, count: ${s.count}, storageAccount: st${s.account}, region: eastus, vault: rsv, policy: ${s.vault ? 'vaulted' : 'snaps'}, size: ${s.sizeGiB}GiB, growth: ${s.growthPct}%, churn: { daily: 3% } }`,
  )
  .join('\n')}
backupServers:
${w.servers
  .map(
    (s, i) => `  - name: mabs${i}
    vault: rsv
    compression: ${s.compressionPct}%
    protectionGroups:
      - { name: pg, workload: sql, machines: ${s.machines}, data: ${s.dataGiB}GiB, growth: ${s.growthPct}%, churn: { daily: 2% }, disk: { sync: 1h, retention: 1d }, online: { times: ["23:00"], timeZone: UTC, retention: { daily: 7 } } }`,
  )
  .join('\n')}
diagnostics: { reports: { range: 28d } }
`;

describe('file shares and MABS datasources against the vault and the bill', () => {
  it('should always add up to the vault’s storage, name every job’s item, and count the bill’s instances', () => {
    fc.assert(
      fc.property(
        fc.record({
          shares: fc.array(
            fc.record({
              count: fc.integer({ min: 1, max: 3 }),
              sizeGiB: fc.integer({ min: 1, max: 600 }),
              growthPct: fc.integer({ min: 0, max: 200 }),
              vault: fc.boolean(),
              account: fc.integer({ min: 0, max: 1 }),
            }),
            { minLength: 1, maxLength: 3 },
          ),
          servers: fc.array(
            fc.record({
              machines: fc.integer({ min: 1, max: 3 }),
              dataGiB: fc.integer({ min: 1, max: 1200 }),
              growthPct: fc.integer({ min: 0, max: 200 }),
              compressionPct: fc.integer({ min: 0, max: 60 }),
            }),
            { minLength: 1, maxLength: 2 },
          ),
        }),
        (w) => {
          const { result, rows } = run(FEBRUARY(w));
          const all = of(rows, 'AddonAzureBackupStorage', 'Storage');
          const storage = all.filter((r) => r.StorageType === 'Cloud');
          const assoc = of(rows, 'AddonAzureBackupStorage', 'StorageAssociation');
          expect(storage).toHaveLength(28);
          // Each MABS server with disk points writes its own storage's row (type Volume) each day.
          for (const r of all) expect(['Cloud', 'Volume']).toContain(r.StorageType);
          for (const vault of storage) {
            const sum = at(assoc, vault.TimeGenerated as number).reduce(
              (s, r) => s + (r.StorageConsumedInMBs as number),
              0,
            );
            expect(sum).toBeCloseTo(vault.StorageConsumedInMBs as number, 3);
          }
          const items = new Set(of(rows, 'CoreAzureBackup', 'BackupItem').map((r) => r.BackupItemUniqueId));
          for (const job of of(rows, 'AddonAzureBackupJobs', 'Job'))
            expect(items).toContain(job.BackupItemUniqueId);
          const billed = result.cost.lines
            .filter((l) => l.meter === 'protectedInstances' && l.month === '2026-02')
            .reduce((s, l) => s + l.quantity, 0);
          expect(result.backupReports!.usage.protectedInstanceDays / 28).toBeCloseTo(billed, 9);
        },
      ),
      { numRuns: 10 },
    );
  });
});
