// Backup job outcomes → monitoring signals (docs/reference.md §7.5): a Backup Health Events
// sample per job with its Health Status, a row in the backup jobs log table, and the
// built-in job failure alert. The built-in security alerts (deletions, purges, protection
// changes) come from security.ts.
//
// Health status: a success is Healthy. A failure is Unhealthy when the service failed
// (transient errors, a region outage) and Degraded when the user's setup did (no VM agent,
// an outdated MARS agent, a job already running, the VM unavailable); it is Persistent when
// the item's previous attempt failed with the same cause, else Transient (§7.5: "repeated
// same error → Transient→Persistent").

import { jobRow } from '../logs/rows.js';
import {
  BACKUP_HEALTH_EVENTS,
  BACKUP_JOBS_TABLE,
  type BackupSignals,
  type Fields,
  type HealthStatus,
  type JobDetail,
  type SignalSink,
} from './signals.js';

/**
 * The built-in backup alerts (§7.5; docs/reference.md §18.4) with their severities:
 * job failure (Sev 1), then the security alerts (Sev 0, cannot be turned off). `title` is
 * Azure's name. The order is the rules' order in results; new alerts go at the end.
 */
export const BUILT_IN_ALERTS = {
  jobFailure: { name: 'backup-failure', severity: 1, title: 'Backup Failure' },
  dataDeleted: { name: 'backup-data-deleted', severity: 0, title: 'Delete Backup Data' },
  upcomingPurge: { name: 'upcoming-purge', severity: 0, title: 'Upcoming Purge' },
  purgeComplete: { name: 'purge-complete', severity: 0, title: 'Purge Complete' },
  softDeleteDisabled: { name: 'soft-delete-disabled', severity: 0, title: 'Soft Delete Disabled for Vault' },
  policyShorterRetention: {
    name: 'policy-shorter-retention',
    severity: 0,
    title: 'Modify Policy with Shorter Retention',
  },
  protectionShorterRetention: {
    name: 'protection-shorter-retention',
    severity: 0,
    title: 'Modify Protection with Shorter Retention',
  },
  muaDisabled: { name: 'mua-disabled', severity: 0, title: 'MUA Disabled' },
} as const;

/** The built-in alerts listed for every monitored run; the others only when they fire or the run has operations. */
export const ALWAYS_LISTED: ReadonlySet<BuiltInKind> = new Set([
  'jobFailure',
  'dataDeleted',
  'upcomingPurge',
]);

/** Which built-in alert. */
export type BuiltInKind = keyof typeof BUILT_IN_ALERTS;

/** Receives built-in alert firings: which, when (ms; may be later than now), for which item. */
export type BuiltInSink = (kind: BuiltInKind, t: number, instance: Record<string, string>) => void;

// Failures caused by the service rather than the user's setup.
const SERVICE_ERRORS = new Set(['transient', 'region-outage', 'zone-outage']);
// §7.5: "VM backup failure alerts not sent when … another backup job in progress".
const NO_FAILURE_ALERT = new Set(['job-in-progress']);

/** The Health Status of a failed attempt, given the item's previous failure cause (null: it succeeded). */
export function failureStatus(cause: string, previous: string | null): HealthStatus {
  const persistent = previous === cause;
  if (SERVICE_ERRORS.has(cause)) return persistent ? 'Persistent Unhealthy' : 'Transient Unhealthy';
  return persistent ? 'Persistent Degraded' : 'Transient Degraded';
}

/** Turns backup job outcomes into signals and built-in alerts. */
export class BackupHealth implements BackupSignals {
  // Each item's last failure cause since its last success.
  private readonly lastFailure = new Map<string, string>();
  // Jobs seen, for the rows' JobUniqueId (issue 19).
  private seq = 0;

  constructor(
    private readonly sink: SignalSink,
    private readonly alerts: BuiltInSink,
    /** Whether job failure alerts are on (§7.5: they can be turned off). */
    private readonly jobFailureAlerts: boolean,
    /** Which signals some rule reads (the others are not built: a fleet-year has millions of jobs). */
    private readonly wants: { metric: boolean; log: boolean } = { metric: true, log: true },
    /** Epoch ms of simulated time 0 (the rows' instants). */
    private readonly origin = 0,
  ) {}

  jobCompleted(
    item: string,
    vault: string,
    t: number,
    durationMs: number,
    type?: string,
    detail?: JobDetail,
  ): void {
    this.lastFailure.delete(item);
    this.seq++;
    if (this.wants.metric) this.sink.metric(BACKUP_HEALTH_EVENTS, dims(item, vault, 'Healthy', type), t, 1);
    if (this.wants.log)
      this.sink.log(
        BACKUP_JOBS_TABLE,
        row(this.origin, this.seq, item, vault, t - durationMs, t, '', detail),
        t,
      );
  }

  jobFailed(item: string, vault: string, t: number, cause: string, type?: string, detail?: JobDetail): void {
    const status = failureStatus(cause, this.lastFailure.get(item) ?? null);
    this.lastFailure.set(item, cause);
    this.seq++;
    if (this.wants.metric) this.sink.metric(BACKUP_HEALTH_EVENTS, dims(item, vault, status, type), t, 1);
    if (this.wants.log)
      this.sink.log(BACKUP_JOBS_TABLE, row(this.origin, this.seq, item, vault, t, t, cause, detail), t);
    if (this.jobFailureAlerts && !NO_FAILURE_ALERT.has(cause))
      this.alerts('jobFailure', t, { datasourceId: item, vault });
  }
}

// Issue 17: workloads name their own datasource type (SQLDataBase, AzureFileShare, …).
function dims(item: string, vault: string, status: HealthStatus, type = 'Microsoft.Compute/virtualMachines') {
  return {
    datasourceId: item,
    datasourceType: type,
    backupInstanceName: item,
    healthStatus: status,
    vault,
  };
}

// The job's AddonAzureBackupJobs row, every column of the table (models/logs; issue 19); `cause` '' when it completed.
function row(
  origin: number,
  seq: number,
  item: string,
  vault: string,
  start: number,
  end: number,
  cause: string,
  detail: JobDetail | undefined,
): Fields {
  const facts = {
    item,
    vault,
    status: cause === '' ? ('Completed' as const) : ('Failed' as const),
    cause,
    start,
    end,
    bytes: cause === '' ? (detail?.bytes ?? 0) : 0,
    adhoc: detail?.adhoc === true,
    subType: detail?.subType ?? '',
  };
  return jobRow(origin, seq, facts) as Fields;
}
