// A restore job's row in AddonAzureBackupJobs (docs/reference.md §16.1: JobOperation
// "Restore", with the recovery columns; §16.2: restore jobs are pushed when they finish). Every
// restore job of the run gets one — a user's, a restore drill's and disaster recovery's
// (models/restore/jobs.ts) —, stamped with its end; one still running at the end of the run
// has none. The data model names the recovery columns but not their values, so these are
// assumptions, taken from Azure Backup's own names for the same things:
//   - RecoveryLocationType: the restore's kind, as Azure's restore API calls it —
//     OriginalLocation (replace-disks), AlternateLocation (new-vm), RestoreDisks
//     (restore-disks) — and FileRecovery (file-level recovery);
//   - RecoveryJobLocation: the tier the point was read from — Snapshot, VaultStandard (a Cross
//     Region Restore reads the paired region's copy: its destination says so), VaultArchive;
//   - RecoveryJobDestination: the region (and zone) the data went to.
// A rejected restore is a Failed job at its request with the rule's code (JobFailureCode) and
// no duration (assumption: as a backup that could not start). Restores are ad hoc: Azure
// has no scheduled restore (a restore drill is triggered by the user's automation).

import type { EndedRestore } from '../restore/jobs.js';
import { BYTES_PER_MB, emptyRow, jobGuid, type LogRow, SCHEMA_VERSION, vaultId } from './rows.js';
import { JOBS_TABLE } from './tables.js';

/** JobUniqueId's first group for restore jobs (backup jobs: 00000000; Site Recovery: a5e00000). */
export const RESTORE_JOB_PREFIX = '5e570000';

/** RecoveryLocationType per restore option (assumption, above). */
export const RECOVERY_TYPE: Readonly<Record<string, string>> = {
  'new-vm': 'AlternateLocation',
  'restore-disks': 'RestoreDisks',
  'replace-disks': 'OriginalLocation',
  files: 'FileRecovery',
};

/** RecoveryJobLocation per tier a point was read from (assumption, above). */
export const RECOVERY_LOCATION: Readonly<Record<string, string>> = {
  snapshot: 'Snapshot',
  vault: 'VaultStandard',
  'secondary-vault': 'VaultStandard',
  archive: 'VaultArchive',
};

/** The AddonAzureBackupJobs row of a restore job that ended (`origin`: epoch ms of sim time 0). */
export function restoreRow(origin: number, e: EndedRestore): LogRow {
  const { job } = e;
  const row = emptyRow(JOBS_TABLE);
  row.TimeGenerated = origin + e.end;
  row.OperationName = 'Job';
  row.SchemaVersion = SCHEMA_VERSION;
  row.JobUniqueId = jobGuid(e.seq, RESTORE_JOB_PREFIX);
  row.JobOperation = 'Restore';
  row.JobOperationSubType = '';
  row.JobStatus = e.rejected === null ? 'Completed' : 'Failed';
  row.JobFailureCode = e.rejected ?? '';
  row.JobStartDateTime = origin + e.start;
  row.JobDurationInSecs = Math.round((e.end - e.start) / 1000);
  row.DataTransferredInMB = e.rejected === null ? job.bytes / BYTES_PER_MB : 0;
  row.AdhocOrScheduledJob = 'Adhoc';
  row.BackupItemUniqueId = job.vm;
  const to = job.destination;
  row.RecoveryJobDestination =
    to === null ? null : to.zone === null ? to.region : `${to.region} (zone ${to.zone})`;
  row.RecoveryJobRPDateTime = e.pointAt === null ? null : origin + e.pointAt;
  row.RecoveryJobLocation = job.point === null ? null : (RECOVERY_LOCATION[job.point.source] ?? null);
  row.RecoveryLocationType = RECOVERY_TYPE[job.option] ?? null;
  row.VaultUniqueId = vaultId(e.vault);
  row.VaultName = e.vault;
  return row;
}
