// How models tell the monitor what happened: metric samples with dimensions and log records,
// stamped with simulated time. A model calls these as things happen (at or after `t`); the
// monitor keeps only what some rule needs, aggregated per minute. Names follow Azure where
// Azure has them (docs/reference.md §7.5, §5.3).

/** Dimension values of a metric sample or fields of a log record. */
export type Fields = Readonly<Record<string, string | number | boolean>>;

/** Where models send signals; the monitor implements it (a model may hold a no-op one). */
export interface SignalSink {
  /** A metric sample `value` of metric `name` with dimensions `dims`, stamped `t` (ms). */
  metric(name: string, dims: Fields, t: number, value: number): void;
  /** A log record in table `table`, stamped `t` (ms). */
  log(table: string, record: Fields, t: number): void;
}

/** A sink that drops everything (for models run without a monitor). */
export const NO_SIGNALS: SignalSink = { metric: () => {}, log: () => {} };

/** §7.5: metric emitted when a backup job completes or fails, one sample of value 1 per job. */
export const BACKUP_HEALTH_EVENTS = 'Backup Health Events';
/** Vault storage in bytes, dimensions `vault` and `tier` (snapshot, standard, archive, softDeleted), sampled daily. */
export const VAULT_STORAGE = 'Vault Storage';
/** Metric: a network link's utilisation over the last 5 minutes, percent (dimension `link`). */
export const LINK_UTILIZATION = 'Link Utilization';
/** Log table of backup jobs (Azure's resource-specific table for Azure Backup jobs). */
export const BACKUP_JOBS_TABLE = 'AddonAzureBackupJobs';

/** §7.5: the Health Status dimension's values. Unhealthy = service errors, Degraded = user errors. */
export type HealthStatus =
  | 'Healthy'
  | 'Transient Unhealthy'
  | 'Persistent Unhealthy'
  | 'Transient Degraded'
  | 'Persistent Degraded';

/** What a job's row in the jobs table says besides its outcome (issue 19; all optional). */
export interface JobDetail {
  /** Bytes it sent to the vault (0 for a snapshot-only job). */
  bytes?: number;
  /** An on-demand (ad hoc) job rather than a scheduled one. */
  adhoc?: boolean;
  /** Kind of backup: 'Log' for a SQL log backup (§16.1), 'Full', 'Differential'; '' when not told. */
  subType?: string;
}

/** What the backup model reports about a protected item's jobs (deletions go to security.ts). */
export interface BackupSignals {
  /** A job attempt succeeded at `t`; it ran `durationMs`. `type`: the datasource type (default an Azure VM's). */
  jobCompleted(
    item: string,
    vault: string,
    t: number,
    durationMs: number,
    type?: string,
    detail?: JobDetail,
  ): void;
  /** A job attempt failed at `t` with `cause` (a backup failure cause, like 'transient'). */
  jobFailed(item: string, vault: string, t: number, cause: string, type?: string, detail?: JobDetail): void;
}
