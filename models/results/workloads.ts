// What SQL Server in Azure VMs, Azure file shares and MABS/DPM servers produced in a run
// (issue 17): per job group, recovery points, storage and jobs by type, the log-backup RPO,
// and what happened to SQL databases in incidents, to file-share restores and to backup
// servers. Plain JSON-safe data with a fixed key order.

import type { Summary5 } from './types.js';

/** Which workload a group protects. */
export type WorkloadKind = 'sql' | 'files' | 'dpm';

/**
 * Recovery-point (and job) types, in report order: SQL full, differential and log backups and
 * full points in vault-archive; share snapshots; vault points (a share's vaulted copies, a
 * DPM server's online points); DPM disk (short-term) points on the server's own storage.
 */
export const POINT_TYPES = ['full', 'differential', 'log', 'archive', 'snapshot', 'disk', 'vault'] as const;

/** A recovery-point type. */
export type PointType = (typeof POINT_TYPES)[number];

/** The types each workload has, in report order. */
export const WORKLOAD_TYPES: Readonly<Record<WorkloadKind, readonly PointType[]>> = {
  sql: ['full', 'differential', 'log', 'archive'],
  files: ['snapshot', 'vault'],
  dpm: ['disk', 'vault'],
};

/** The job types each workload runs (a SQL full, a share snapshot, a DPM synchronisation to disk, …). */
export const WORKLOAD_JOBS: Readonly<Record<WorkloadKind, readonly PointType[]>> = {
  sql: ['full', 'differential', 'log'],
  files: ['snapshot', 'vault'],
  dpm: ['disk', 'vault'],
};

/** A figure per type of the group's workload (only its types, in WORKLOAD_TYPES order). */
export type ByType = Partial<Record<PointType, number>>;

/** Job attempts of one type: succeeded, failed, and the failures by cause (causes in code-unit order). */
export interface TypeJobs {
  succeeded: number;
  failed: number;
  failedByCause: Record<string, number>;
}

/** One workload job group: a SQL policy, a file-share policy, or a group of MABS/DPM servers. */
export interface WorkloadGroupResult {
  workload: WorkloadKind;
  /** The group as in the run's jobs: `sql:<policy>`, `files:<policy>`, `dpm:<server group>`. */
  group: string;
  /** Protected items: databases, file shares, or protected machines. */
  items: number;
  /** Recovery points by type at the end of the run and at the highest end-of-day count (each type on its own day). */
  points: { end: ByType; peak: ByType };
  /** Stored bytes by type at the end of the run and at the highest end-of-day value. */
  storage: { end: ByType; peak: ByType };
  /** Job attempts by type (WORKLOAD_JOBS: a SQL log, a snapshot, a DPM synchronisation, …). */
  jobs: Partial<Record<PointType, TypeJobs>>;
  /**
   * Time between an item's consecutive recovery points that reached their tier, by their data
   * instants, seconds: for SQL in the full recovery model the log-backup RPO (what a failure
   * just before a backup would lose, point-in-time restore to the last log), else the full and
   * differential points'; for shares the snapshots'; for DPM the disk points' (synchronisations).
   * For shares and DPM machines the last gap is the window still open at the end of the run
   * (after a lost MABS server, until the end: nothing protects its machines any more).
   */
  rpoSeconds: Summary5;
  /** DPM only: the same over the machines' online (vault) points, with the window open at the end. */
  onlineRpoSeconds?: Summary5;
  /** Per-day samples (entry k at the end of day k), by type. */
  daily: { day: number[]; points: ByTypeSeries; bytes: ByTypeSeries };
}

/** A series per type of the group's workload. */
export type ByTypeSeries = Partial<Record<PointType, number[]>>;

/** A SQL database's recovery in an incident (§12.3): point-in-time restore to its last usable backup. */
export interface SqlRecovery {
  /** The incident, as in dr.incidents (like region-outage-1). */
  incident: string;
  database: string;
  vm: string;
  /** When the fault hit (ISO 8601 UTC). */
  at: string;
  /**
   * The backup restored to: a log (point in time up to its start), or a full or differential
   * (simple recovery model, or no log yet), with where it was read; null when none was usable.
   */
  point: { at: string; type: 'full' | 'differential' | 'log'; source: 'vault' | 'secondary-vault' } | null;
  /** Fault until the restored instant, seconds (null when nothing was usable). */
  rpoSeconds: number | null;
  /** When that copy could be read: at once, when the paired region's copy serves (Cross Region Restore), or when the region came back (ISO 8601), or null. */
  availableAt: string | null;
  note: string;
}

/** A file-share restore (§13.5) and how it went. */
export interface FileRestoreResult {
  share: string;
  at: string;
  kind: 'share' | 'items';
  /** Files or folders of an item-level restore, else 0. */
  items: number;
  to: 'original' | 'alternate';
  /** 'ok', or why it could not run. */
  outcome: 'ok' | 'refused';
  /** The tier restored from, or null when refused. */
  tier: 'snapshot' | 'vault' | null;
  /** The data instant of the point restored (ISO 8601), or null. */
  point: string | null;
  /** Bytes restored: the share's used data at the point for a whole-share restore; 0 for items (their sizes are not modelled) or when refused. */
  bytes: number;
  note: string;
}

/** A MABS/DPM server over the run (§14.4–14.5). */
export interface BackupServerResult {
  server: string;
  kind: 'mabs' | 'dpm';
  machines: number;
  /** Windows without connectivity to Azure Backup (ISO 8601 from/to). */
  offline: { from: string; to: string }[];
  /** When backups to disk stopped because connectivity was lost more than 15 days (ISO 8601 instants), empty when never. */
  stoppedAfter15Days: string[];
  /** When the server was lost (its disk points with it), or null. */
  lostAt: string | null;
  /** Disk recovery points and bytes on the server at the end (0 after a loss). */
  disk: { points: number; bytes: number };
  /** Online (vault) points and bytes of its machines at the end. */
  vault: { points: number; bytes: number };
}

/** Everything the workloads produced in a run. */
export interface WorkloadsResult {
  groups: WorkloadGroupResult[];
  sqlRecoveries: SqlRecovery[];
  fileRestores: FileRestoreResult[];
  servers: BackupServerResult[];
}
