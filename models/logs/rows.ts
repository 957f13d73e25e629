// Rows of the diagnostic tables, built from what the models know, with every column of the
// table (tables.ts) in order. Ids follow the shape of the run's other outputs (costs.csv's
// `vaults/<name>`), not Azure's ARM ids, which a simulation has no subscription for. Sizes
// in "MB" are MiB (2^20 bytes), how Azure Backup counts them (assumption: the data model does
// not define its MB). Instants are epoch ms (the exported files print them as ISO 8601).

import type { Value } from '../kql/ast.js';
import { CORE_TABLE, INSTANCE_TABLE, JOBS_TABLE, POLICY_TABLE, STORAGE_TABLE, TABLES } from './tables.js';

/** A row of a diagnostic table: column → value. */
export type LogRow = Record<string, Value>;

/** Bytes in one "MB" of the tables (assumption: MiB). */
export const BYTES_PER_MB = 2 ** 20;
/** §16.1: the resource-specific schema's version. */
export const SCHEMA_VERSION = 'V2';

/** A row of `table` with every column null. */
export function emptyRow(table: string): LogRow {
  // The busy tables' rows as literals: one hidden class per table, built at literal speed (a
  // fleet-year makes millions); the others from the table's columns.
  const blank = BLANK[table];
  if (blank !== undefined) return blank();
  const row: LogRow = {};
  for (const c of TABLES.get(table)?.columns ?? []) row[c.name] = null;
  return row;
}

const BLANK: Readonly<Record<string, () => LogRow>> = {
  [JOBS_TABLE]: () => ({
    TimeGenerated: null,
    OperationName: null,
    SchemaVersion: null,
    JobUniqueId: null,
    JobOperation: null,
    JobOperationSubType: null,
    JobStatus: null,
    JobFailureCode: null,
    JobStartDateTime: null,
    JobDurationInSecs: null,
    DataTransferredInMB: null,
    AdhocOrScheduledJob: null,
    BackupItemUniqueId: null,
    RecoveryJobDestination: null,
    RecoveryJobRPDateTime: null,
    RecoveryJobLocation: null,
    RecoveryLocationType: null,
    VaultUniqueId: null,
    VaultName: null,
  }),
  [CORE_TABLE]: () => ({
    TimeGenerated: null,
    OperationName: null,
    SchemaVersion: null,
    State: null,
    BackupItemUniqueId: null,
    BackupItemName: null,
    BackupItemFriendlyName: null,
    BackupItemType: null,
    BackupItemProtectionState: null,
    BackupItemFrontEndSize: null,
    BackupManagementType: null,
    ProtectedContainerUniqueId: null,
    ProtectionGroupName: null,
    PolicyUniqueId: null,
    LatestRecoveryPointTime: null,
    LatestRecoveryPointLocation: null,
    OldestRecoveryPointTime: null,
    OldestRecoveryPointLocation: null,
    StorageReplicationType: null,
    VaultUniqueId: null,
    VaultName: null,
    AzureDataCenter: null,
  }),
  [STORAGE_TABLE]: () => ({
    TimeGenerated: null,
    OperationName: null,
    SchemaVersion: null,
    StorageUniqueId: null,
    StorageType: null,
    StorageName: null,
    StorageConsumedInMBs: null,
    StorageAllocatedInMBs: null,
    StorageTotalSizeInGBs: null,
    BackupItemUniqueId: null,
    VaultUniqueId: null,
    VaultName: null,
  }),
  [INSTANCE_TABLE]: () => ({
    TimeGenerated: null,
    OperationName: null,
    SchemaVersion: null,
    ProtectedInstanceCount: null,
    BackupItemUniqueId: null,
    ProtectedContainerUniqueId: null,
    VaultUniqueId: null,
    VaultName: null,
  }),
};

/** The unique id of a vault in the tables. */
export const vaultId = (vault: string): string => `vaults/${vault}`;
/** The unique id of a policy in the tables (policies are named once per scenario). */
export const policyId = (policy: string): string => `policies/${policy}`;

/** A GUID-shaped job id from the run's job sequence (deterministic, unique in a run). */
export function jobGuid(seq: number, prefix = '00000000'): string {
  const hex = seq.toString(16).padStart(12, '0');
  return `${prefix}-0000-4000-8000-${hex}`;
}

/** What a backup job's row says (times in ms of simulated time). */
export interface JobFacts {
  item: string;
  vault: string;
  status: 'Completed' | 'Failed';
  /** The failure cause ('' when it completed). */
  cause: string;
  start: number;
  end: number;
  bytes: number;
  adhoc: boolean;
  subType: string;
}

/** An AddonAzureBackupJobs row; `pushedAt` (sim ms) is its TimeGenerated, the job's end unless batched. */
export function jobRow(origin: number, seq: number, j: JobFacts, pushedAt = j.end): LogRow {
  const row = emptyRow(JOBS_TABLE);
  row.TimeGenerated = origin + pushedAt;
  row.OperationName = 'Job';
  row.SchemaVersion = SCHEMA_VERSION;
  row.JobUniqueId = jobGuid(seq);
  row.JobOperation = 'Backup';
  row.JobOperationSubType = j.subType;
  row.JobStatus = j.status;
  row.JobFailureCode = j.cause;
  row.JobStartDateTime = origin + j.start;
  row.JobDurationInSecs = Math.round((j.end - j.start) / 1000);
  row.DataTransferredInMB = j.bytes / BYTES_PER_MB;
  row.AdhocOrScheduledJob = j.adhoc ? 'Adhoc' : 'Scheduled';
  row.BackupItemUniqueId = j.item;
  row.VaultUniqueId = vaultId(j.vault);
  row.VaultName = j.vault;
  return row;
}

/** What the tables say about a protected item, from the scenario. */
export interface ItemFacts {
  item: string;
  vault: string;
  /** BackupItemType: VM, SQLDataBase, FileFolder (MARS), … */
  type: string;
  /** BackupManagementType: IaaSVM, AzureWorkload, MAB, … */
  management: string;
  /** The protected container (the billing entity of Usage, §16.3): the VM, the server. */
  container: string;
  /** ProtectionGroupName: a MABS/DPM protection group's name; null for other workloads. */
  group?: string | null;
  policy: string | null;
}

/** An item's state at a daily push. */
export interface ItemState {
  protection: 'Protected' | 'ProtectionStopped';
  /** Front-end (protected) size, bytes, or null while not protected. */
  frontEndBytes: number | null;
  /** Latest recovery point (sim ms), or null. */
  latestPoint: number | null;
  /** Cloud storage (vault-standard + vault-archive), bytes. */
  cloudBytes: number;
  /** Protected instances (the billing units, §8.2), or null while not billed. */
  instances: number | null;
}

// The head every Azure Backup row shares.
function head(table: string, operation: string, origin: number, t: number, vault: string): LogRow {
  const row = emptyRow(table);
  row.TimeGenerated = origin + t;
  row.OperationName = operation;
  row.SchemaVersion = SCHEMA_VERSION;
  row.VaultUniqueId = vaultId(vault);
  row.VaultName = vault;
  return row;
}

/** The daily rows of one item: CoreAzureBackup BackupItem and BackupItemAssociation, the storage association, its protected instances. */
export function itemRows(origin: number, t: number, f: ItemFacts, s: ItemState): [string, LogRow][] {
  const item = head(CORE_TABLE, 'BackupItem', origin, t, f.vault);
  item.State = 'Active';
  item.BackupItemUniqueId = f.item;
  item.BackupItemName = f.item;
  item.BackupItemFriendlyName = f.item;
  item.BackupItemType = f.type;
  item.BackupItemProtectionState = s.protection;
  item.BackupItemFrontEndSize = s.frontEndBytes === null ? null : s.frontEndBytes / BYTES_PER_MB;
  item.BackupManagementType = f.management;
  item.ProtectedContainerUniqueId = f.container;
  item.ProtectionGroupName = f.group ?? null;
  item.PolicyUniqueId = f.policy === null ? null : policyId(f.policy);
  item.LatestRecoveryPointTime = s.latestPoint === null ? null : origin + s.latestPoint;
  item.LatestRecoveryPointLocation = s.latestPoint === null ? null : 'Cloud';
  const assoc = head(CORE_TABLE, 'BackupItemAssociation', origin, t, f.vault);
  assoc.State = 'Active';
  assoc.BackupItemUniqueId = f.item;
  assoc.ProtectedContainerUniqueId = f.container;
  assoc.PolicyUniqueId = item.PolicyUniqueId;
  const storage = head(STORAGE_TABLE, 'StorageAssociation', origin, t, f.vault);
  storage.StorageUniqueId = `${vaultId(f.vault)}/storage/cloud`;
  storage.StorageType = 'Cloud';
  storage.BackupItemUniqueId = f.item;
  storage.StorageConsumedInMBs = s.cloudBytes / BYTES_PER_MB;
  const out: [string, LogRow][] = [
    [CORE_TABLE, item],
    [CORE_TABLE, assoc],
    [STORAGE_TABLE, storage],
  ];
  if (s.instances !== null) out.push([INSTANCE_TABLE, instanceRow(origin, t, f, s.instances, f.item)]);
  return out;
}

/** A ProtectedInstance row: per backup item (Azure VM, `item`), or per protected container (`item` null, §16.1). */
export function instanceRow(
  origin: number,
  t: number,
  f: Pick<ItemFacts, 'vault' | 'container'>,
  count: number,
  item: string | null,
): LogRow {
  const pi = head(INSTANCE_TABLE, 'ProtectedInstance', origin, t, f.vault);
  pi.ProtectedInstanceCount = count;
  pi.BackupItemUniqueId = item;
  pi.ProtectedContainerUniqueId = f.container;
  return pi;
}

/**
 * A MABS/DPM server's daily Storage row: the bytes its machines keep on its own storage (disk
 * replicas and points), as Modern Backup Storage keeps them on volumes (§14: ReFS; StorageType
 * Volume, an assumption: §16.1 lists Cloud, Volume and Disk without saying which a server writes).
 */
export function serverStorageRow(
  origin: number,
  t: number,
  f: Pick<ItemFacts, 'vault' | 'container'>,
  bytes: number,
): LogRow {
  const storage = head(STORAGE_TABLE, 'Storage', origin, t, f.vault);
  storage.StorageUniqueId = `${f.container}/storage/volume`;
  storage.StorageType = 'Volume';
  storage.StorageName = `${f.container} storage`;
  storage.StorageConsumedInMBs = bytes / BYTES_PER_MB;
  return storage;
}

/** The daily rows of a vault: CoreAzureBackup Vault and its Storage total. */
export function vaultRows(
  origin: number,
  t: number,
  v: { name: string; region: string; redundancy: string; cloudBytes: number },
): [string, LogRow][] {
  const vault = head(CORE_TABLE, 'Vault', origin, t, v.name);
  vault.State = 'Active';
  vault.StorageReplicationType =
    { LRS: 'LocallyRedundant', ZRS: 'ZoneRedundant', GRS: 'GeoRedundant' }[v.redundancy] ?? v.redundancy;
  vault.AzureDataCenter = v.region;
  const storage = head(STORAGE_TABLE, 'Storage', origin, t, v.name);
  storage.StorageUniqueId = `${vaultId(v.name)}/storage/cloud`;
  storage.StorageType = 'Cloud';
  storage.StorageName = `${v.name} cloud storage`;
  storage.StorageConsumedInMBs = v.cloudBytes / BYTES_PER_MB;
  return [
    [CORE_TABLE, vault],
    [STORAGE_TABLE, storage],
  ];
}

/** A policy's daily row (its schedule and retention as the Policy table names them). */
export interface PolicyFacts {
  name: string;
  vault: string;
  subType: 'Standard' | 'Enhanced';
  management: string;
  frequency: 'Daily' | 'Weekly' | 'Hourly';
  times: string;
  days: string;
  intervalHours: number | null;
  windowHours: number | null;
  retention: { daily: number | null; weekly: number | null; monthly: number | null; yearly: number | null };
  log: { everyMinutes: number; retentionDays: number } | null;
  /** SQL differential backups: their weekdays and retention in days; null when none. */
  differential?: { days: string; retentionDays: number } | null;
  /** A MABS/DPM protection group's synchronisations to disk a day; null for other workloads. */
  syncPerDay?: number | null;
  timeZone: string;
}

/** An AddonAzureBackupPolicy row. */
export function policyRow(origin: number, t: number, p: PolicyFacts): LogRow {
  const row = head(POLICY_TABLE, 'Policy', origin, t, p.vault);
  row.PolicyUniqueId = policyId(p.name);
  row.PolicyName = p.name;
  row.PolicySubType = p.subType;
  row.BackupManagementType = p.management;
  row.BackupFrequency = p.frequency;
  row.BackupTimes = p.times;
  row.BackupDaysOfTheWeek = p.days;
  row.BackupIntervalInHours = p.intervalHours;
  row.ScheduleWindowDuration = p.windowHours;
  row.DailyRetentionDuration = p.retention.daily;
  row.WeeklyRetentionDuration = p.retention.weekly;
  row.MonthlyRetentionDuration = p.retention.monthly;
  row.YearlyRetentionDuration = p.retention.yearly;
  row.DiffBackupDaysOfTheWeek = p.differential?.days ?? null;
  row.DiffBackupRetentionDuration = p.differential?.retentionDays ?? null;
  row.LogBackupFrequency = p.log?.everyMinutes ?? null;
  row.LogBackupRetentionDuration = p.log?.retentionDays ?? null;
  row.SynchronisationFrequencyPerDay = p.syncPerDay ?? null;
  row.PolicyTimeZone = p.timeZone;
  return row;
}
