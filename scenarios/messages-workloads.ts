// The sentences of the scenario loader about SQL Server in Azure VMs, Azure file shares and
// MABS/DPM servers (issue 17; STYLE.md §9). Each rule names where it comes from: the Azure
// page the reference summarises and its section of ../shared/reference/.

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
} as const;
