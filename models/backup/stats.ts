// Job statistics of a run: counts by outcome and cause, transfer durations and bytes.

/** Why a job attempt failed. */
export type FailureCause =
  | 'vm-agent-missing'
  | 'transient'
  | 'job-in-progress'
  | 'mars-agent-outdated'
  | 'vm-unavailable'
  | 'region-outage'
  // The VM's availability zone is out (it runs in the zone that is down).
  | 'zone-outage'
  // Issue 17: a MABS/DPM server without connectivity to Azure Backup (§14.4), a file share at
  // its 200 snapshots (§13.3).
  | 'no-connectivity'
  | 'snapshot-limit'
  // A MABS/DPM server lost while a transfer ran (§14.5).
  | 'server-lost';

/** Counts and durations of backup jobs, accumulated as they happen. */
export class JobStats {
  scheduled = 0;
  attempts = 0;
  succeeded = 0;
  failed = 0;
  retried = 0;
  snapshotsTaken = 0;
  vaultTransfers = 0;
  bytesTransferred = 0;
  readonly failedBy = new Map<FailureCause, number>();
  private durations = new Float64Array(1024);
  private gaps = new Float64Array(1024);
  private gapCount = 0;
  private count = 0;

  /** Records a failed attempt and its cause. */
  fail(cause: FailureCause): void {
    this.failed++;
    this.failedBy.set(cause, (this.failedBy.get(cause) ?? 0) + 1);
  }

  /** Records a finished vault transfer: its duration (ms) and size (bytes). */
  transfer(durationMs: number, bytes: number): void {
    this.vaultTransfers++;
    this.bytesTransferred += bytes;
    if (this.count === this.durations.length) {
      const next = new Float64Array(this.count * 2);
      next.set(this.durations);
      this.durations = next;
    }
    this.durations[this.count++] = durationMs;
  }

  /** Records the time between an item's consecutive recovery points (ms): its RPO exposure. */
  gap(ms: number): void {
    if (this.gapCount === this.gaps.length) {
      const next = new Float64Array(this.gapCount * 2);
      next.set(this.gaps);
      this.gaps = next;
    }
    this.gaps[this.gapCount++] = ms;
  }

  /**
   * Gaps between consecutive recovery points recorded so far (ms), sorted ascending. Sorted
   * in place, a view rather than a copy (a fleet-year records millions, read once at the end,
   * when a copy would add to the run's peak memory); later gaps are still recorded after it.
   */
  sortedGaps(): Float64Array {
    return this.gaps.subarray(0, this.gapCount).sort();
  }

  /** Transfer durations recorded so far (ms), sorted ascending: in place, as sortedGaps. */
  sortedDurations(): Float64Array {
    return this.durations.subarray(0, this.count).sort();
  }

  /** Failure counts by cause, causes in alphabetical order. */
  failures(): Record<string, number> {
    return Object.fromEntries([...this.failedBy].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
