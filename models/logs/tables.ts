// The Log Analytics tables vaults and Site Recovery write in resource-specific mode, with the
// documented columns (docs/reference.md §16.1 for Azure Backup's schema V2, §16.4
// for Site Recovery). A row's kind is its OperationName (§16.1: "Record type is given by
// OperationName"). vaultsim writes the columns below, in this order, and no others; a column
// the model has nothing for is null (the restore columns of a backup job, …), and so is
// OldestRecoveryPointTime: a run keeps point instants only when something reads them
// (docs/monitoring.md, Log Analytics tables). Types are Kusto's, for queries.

import type { Column, Schema } from '../kql/values.js';
import { BACKUP_JOBS_TABLE } from '../monitor/signals.js';
import { CORE_TABLE, INSTANCE_TABLE, POLICY_TABLE, STORAGE_TABLE } from './signals.js';

/** How often a table gets rows (§16.2, §16.4). */
export type Cadence = 'per-job' | 'daily';

/** One table: its name, who writes it, how often, and its columns in order. */
export interface LogTable {
  name: string;
  source: 'backup' | 'site-recovery';
  cadence: Cadence;
  /** The OperationName values vaultsim writes. */
  operations: readonly string[];
  columns: readonly Column[];
}

const col = (spec: string): Column[] =>
  spec
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [name, type] = pair.split(':');
      return { name, type: (type ?? 'string') as Column['type'] };
    });

/** Columns every Azure Backup table starts with. */
const HEAD = 'TimeGenerated:datetime OperationName SchemaVersion';

/** Azure Backup's jobs table: a row per job when it finishes (§16.2); the monitor's BACKUP_JOBS_TABLE. */
export const JOBS_TABLE = BACKUP_JOBS_TABLE;
export { CORE_TABLE, INSTANCE_TABLE, POLICY_TABLE, STORAGE_TABLE };
/** Site Recovery's jobs: a row when a job completes (§16.4). */
export const ASR_JOBS_TABLE = 'ASRJobs';
/** Site Recovery's replicated items: daily (§16.4). */
export const ASR_ITEMS_TABLE = 'ASRReplicatedItems';

/** Every table vaultsim writes, Azure Backup's first. */
export const LOG_TABLES: readonly LogTable[] = [
  {
    name: CORE_TABLE,
    source: 'backup',
    cadence: 'daily',
    operations: ['Vault', 'BackupItem', 'BackupItemAssociation'],
    columns: col(`${HEAD} State BackupItemUniqueId BackupItemName BackupItemFriendlyName BackupItemType
      BackupItemProtectionState BackupItemFrontEndSize:real BackupManagementType ProtectedContainerUniqueId
      ProtectionGroupName PolicyUniqueId LatestRecoveryPointTime:datetime LatestRecoveryPointLocation OldestRecoveryPointTime:datetime
      OldestRecoveryPointLocation StorageReplicationType VaultUniqueId VaultName AzureDataCenter`),
  },
  {
    name: JOBS_TABLE,
    source: 'backup',
    cadence: 'per-job',
    operations: ['Job'],
    columns: col(`${HEAD} JobUniqueId JobOperation JobOperationSubType JobStatus JobFailureCode
      JobStartDateTime:datetime JobDurationInSecs:real DataTransferredInMB:real AdhocOrScheduledJob
      BackupItemUniqueId RecoveryJobDestination RecoveryJobRPDateTime:datetime RecoveryJobLocation
      RecoveryLocationType VaultUniqueId VaultName`),
  },
  {
    name: STORAGE_TABLE,
    source: 'backup',
    cadence: 'daily',
    operations: ['Storage', 'StorageAssociation'],
    columns: col(`${HEAD} StorageUniqueId StorageType StorageName StorageConsumedInMBs:real
      StorageAllocatedInMBs:real StorageTotalSizeInGBs:real BackupItemUniqueId VaultUniqueId VaultName`),
  },
  {
    name: INSTANCE_TABLE,
    source: 'backup',
    cadence: 'daily',
    operations: ['ProtectedInstance'],
    columns: col(`${HEAD} ProtectedInstanceCount:long BackupItemUniqueId ProtectedContainerUniqueId
      VaultUniqueId VaultName`),
  },
  {
    name: POLICY_TABLE,
    source: 'backup',
    cadence: 'daily',
    operations: ['Policy'],
    columns: col(`${HEAD} PolicyUniqueId PolicyName PolicySubType BackupManagementType BackupFrequency
      BackupTimes BackupDaysOfTheWeek BackupIntervalInHours:long ScheduleWindowDuration:long
      DailyRetentionDuration:long WeeklyRetentionDuration:long MonthlyRetentionDuration:long
      YearlyRetentionDuration:long DiffBackupDaysOfTheWeek DiffBackupRetentionDuration:long
      LogBackupFrequency:long LogBackupRetentionDuration:long SynchronisationFrequencyPerDay:long PolicyTimeZone
      VaultUniqueId VaultName`),
  },
  {
    name: ASR_JOBS_TABLE,
    source: 'site-recovery',
    cadence: 'per-job',
    operations: ['Failover', 'Test failover'],
    columns: col(`TimeGenerated:datetime OperationName JobUniqueId Status StartTime:datetime
      EndTime:datetime DurationMs:long ResultDescription CorrelationId ReplicatedItemUniqueId
      ReplicatedItemFriendlyName PolicyFriendlyName ReplicationScenario SourceResourceId SourceFriendlyName
      SourceType VaultName VaultLocation VaultType`),
  },
  {
    name: ASR_ITEMS_TABLE,
    source: 'site-recovery',
    cadence: 'daily',
    operations: [],
    columns: col(`TimeGenerated:datetime ReplicatedItemUniqueId ReplicatedItemFriendlyName ReplicationStatus
      ReplicationHealthErrors FailoverReadiness ProtectionInfo ActiveLocation LastHeartbeat:datetime
      LastRpoCalculatedTime:datetime LastSuccessfulTestFailoverTime:datetime OSFamily PrimaryFabricName
      RecoveryFabricName RecoveryRegion PolicyFriendlyName DatasourceType SourceResourceId VaultName`),
  },
];

/** The tables by name. */
export const TABLES: ReadonlyMap<string, LogTable> = new Map(LOG_TABLES.map((t) => [t.name, t]));

/** Every table's columns, for checking queries (models/kql). */
export const TABLE_SCHEMA: Schema = new Map(LOG_TABLES.map((t) => [t.name, t.columns]));

/** The column names of a table, in order. */
export function columnsOf(table: string): readonly string[] {
  return TABLES.get(table)?.columns.map((c) => c.name) ?? [];
}

/** Azure Backup's tables, in order. */
export const BACKUP_TABLES: readonly string[] = LOG_TABLES.filter((t) => t.source === 'backup').map(
  (t) => t.name,
);
/** Site Recovery's tables, in order. */
export const ASR_TABLES: readonly string[] = LOG_TABLES.filter((t) => t.source === 'site-recovery').map(
  (t) => t.name,
);
