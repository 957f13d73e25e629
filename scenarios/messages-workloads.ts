// The sentences of the scenario loader about SQL Server in Azure VMs, Azure file shares and
// MABS/DPM servers (issue 17; STYLE.md §9). Each rule names where it comes from: the Azure
// page the reference summarises and its section of docs/reference.md.

const SQL = 'SQL in Azure VM backup docs, workloads §12.2';
const SQL_MATRIX = 'SQL support matrix, workloads §12.4';

/** User-facing sentences about SQL Server in Azure VM backup. */
export const SQL_MSG = {
  differentialNeedsWeekly: () =>
    `differential backups need weekly full backups: a daily full policy cannot have them (${SQL})`,
  differentialOnFullDay: (day: string) =>
    `a differential cannot run on a full backup's day (${day}): at most one full or differential a day (${SQL})`,
  logInterval: (got: string) =>
    `log backups run every 15m, 30m, 1h, 2h, 4h, 8h, 12h or 24h, got ${got} (${SQL})`,
  logRetention: (got: string) => `log backups are kept 7d to 35d, in whole days, got ${got} (${SQL})`,
  differentialRetention: (got: string) =>
    `differentials are kept 7d to 180d, in whole days, got ${got} (${SQL})`,
  differentialLongerThanFull: (diff: string, full: string) =>
    `differentials are kept ${diff}, longer than the full backups' ${full}: a differential's retention cannot be greater than the full's (${SQL})`,
  minimumRetention: (got: number) =>
    `every SQL backup type is kept at least 7 days, got daily ${got} (${SQL})`,
  archiveTooSoon: (got: string) =>
    `SQL full points become eligible for archive at 45 days old; archive.after must be at least 45d, got ${got} (Azure Backup archive tier docs, reference §2.4)`,
  tooManyDatabases: (where: string, count: number) =>
    `${where} protects ${count} databases; Azure protects at most 2000 per server and per vault (${SQL_MATRIX})`,
  oneVaultPerVm: (vm: string, first: string, second: string) =>
    `the databases of VM ${vm} go to vaults ${first} and ${second}; vaultsim registers a VM's SQL instance with one vault (a simplification, docs/model.md)`,
  duplicateDatabase: (id: string) => `two databases would both be named ${id}; rename a sqlDatabases group`,
  vaultRegion: (vault: string, vaultRegion: string, vmRegion: string) =>
    `vault ${vault} is in ${vaultRegion} but the databases' VMs run in ${vmRegion}; a workload is backed up to a vault in its own region (Azure Backup support matrix, reference §2.5)`,
  savingWithoutCompression: (policy: string) =>
    `compressionSaving acts only when the policy compresses, and SQL policy ${policy} has compression off (the default): its backups are the databases' full size, so this changes nothing (set compression: true on the policy, or remove it)`,
  churnWithoutDifferentials: (policy: string) =>
    `churn is what a differential carries, and SQL policy ${policy} takes no differentials: nothing reads it (add differential to the policy, or remove it)`,
} as const;

const FILES = 'Azure Files backup docs, workloads';

/** User-facing sentences about Azure Files backup. */
export const FILES_MSG = {
  hourlyInterval: (got: string) =>
    `hourly file-share backups run every 4h, 6h, 8h or 12h, got ${got} (${FILES} §13.2)`,
  windowStart: (got: string) =>
    `the backup window starts on the hour or half hour, got "${got}" (${FILES} §13.2)`,
  windowDuration: (got: string, every: string) =>
    `the backup window lasts 4h to 24h, a multiple of the interval ${every}, got ${got} (${FILES} §13.2)`,
  windowPastMidnight: (start: string, duration: string) =>
    `a window from ${start} lasting ${duration} extends the backup window to the next day; it must end by midnight (${FILES} §13.2)`,
  tooManySnapshots: (total: number, formula: string) =>
    `this policy keeps up to ${total} snapshots per share (${formula}); a share holds at most 200 snapshots at a time (${FILES} §13.3)`,
  snapshotTierMax: (tier: string, max: string, got: string) =>
    `the snapshot tier keeps ${tier} points at most ${max}, got ${got} (${FILES} §13.3)`,
  snapshotRetentionRange: (got: string) =>
    `vault-tier snapshots are kept 1d to 30d, in whole days, got ${got} (${FILES} §13.3)`,
  snapshotRetentionTier: () =>
    'snapshotRetention applies to the vault tier; the snapshot tier keeps its snapshots by retention',
  shareTooLarge: (got: string) =>
    `a share backed up to the vault may be at most 10TiB, got ${got} (${FILES} §13.1)`,
  accountVaults: (account: string, first: string, second: string) =>
    `the shares of storage account ${account} use vaults ${first} and ${second}; all shares of a storage account must use the same vault (${FILES} §13.4)`,
  tooMany: (vault: string, count: number, what: string, max: number) =>
    `vault ${vault} protects ${count} ${what}; a vault protects at most ${max} (${FILES} §13.4)`,
  tooManyItems: (got: number) =>
    `an item-level restore takes at most 99 files or folders, got ${got} (${FILES} §13.4)`,
  itemsNeedItemRestore: () => 'items applies to an item-level restore (kind: items)',
  duplicateShare: (id: string) => `two shares would both be named ${id}; rename a fileShares group`,
  vaultRegion: (vault: string, vaultRegion: string, account: string, region: string) =>
    `vault ${vault} is in ${vaultRegion} but storage account ${account} is in ${region}; a workload is backed up to a vault in its own region (Azure Backup support matrix, reference §2.5)`,
} as const;

/** User-facing sentences about Azure Backup Server (MABS) and System Center DPM. */
export const DPM_MSG = {
  syncFrequency: (got: string) =>
    `disk synchronisation runs every 15m, 30m, 45m, 1h, 2h, 4h, 6h, 12h or 24h, got ${got} (DPM Set-DPMPolicyObjective, workloads §14.1)`,
  syncTooOften: (workload: string, got: string) =>
    `${workload} protection groups synchronise to disk at most hourly (every 15 minutes is for SQL Server), got ${got} (Azure Backup support matrix, reference §3)`,
  diskRetentionShort: (got: string, sync: string) =>
    `disk retention ${got} keeps no recovery point: it must be at least the synchronisation interval ${sync}`,
  tooManyDiskPoints: (count: number, what: string, max: number) =>
    `this group keeps up to ${count} recovery points on disk (retention / sync); a MABS/DPM server keeps at most ${max} for ${what} (Azure Backup support matrix, reference §3)`,
  onlineTwice: (count: number) =>
    `online backups to the vault run at most twice a day, got ${count} times (MABS/DPM docs, workloads §14.2)`,
  tooManyServers: (vault: string, count: number) =>
    `vault ${vault} has ${count} MABS/DPM servers; a vault takes at most 50 (Azure Backup support matrix, reference §2.5)`,
} as const;
