// Site Recovery's per-VM churn limits (docs/reference.md §5.2): the most data change a VM may
// send, which caps the upload whatever bandwidth the network would give.

/** One MB as the churn tables use it: 2^20 bytes (§5.2: 2 MB/s × 86,400 s = 168.75 GiB ≈ "168 GB per disk"). */
export const MB = 1_048_576;
/** §5.2: per-VM data churn limit with normal churn (Standard cache storage), 54 MB/s "regardless of size". */
export const NORMAL_CHURN_LIMIT = 54 * MB;
/** §5.2: per-VM data churn limit with the High Churn option (Premium Block Blob cache), 100 MB/s. */
export const HIGH_CHURN_LIMIT = 100 * MB;

/** The per-VM churn limit, bytes/s, for a VM with or without the High Churn option. */
export function churnLimit(highChurn: boolean): number {
  return highChurn ? HIGH_CHURN_LIMIT : NORMAL_CHURN_LIMIT;
}

/** A VM's upload capacity under the churn limit, and whether its write rate exceeds the limit. */
export interface UploadLimit {
  /** Upload capacity, bytes/s: min(configured bandwidth, churn limit). */
  rate: number;
  /** The churn limit that applies, bytes/s. */
  limit: number;
  /** Whether the peak write rate is over the limit (replication falls behind while it lasts). */
  overLimit: boolean;
}

/**
 * The effective upload rate of a VM: its configured bandwidth (null: unlimited) capped by the
 * churn limit, and whether its peak write rate (bytes/s) exceeds that limit (§5.2).
 */
export function effectiveUpload(
  bandwidth: number | null,
  highChurn: boolean,
  peakWriteRate: number,
): UploadLimit {
  for (const [name, v] of [
    ['bandwidth', bandwidth ?? 0],
    ['peakWriteRate', peakWriteRate],
  ] as const) {
    if (!(Number.isFinite(v) && v >= 0))
      throw new RangeError(`churn limit: ${name} must be a finite number >= 0, got ${v}`);
  }
  const limit = churnLimit(highChurn);
  return { rate: Math.min(bandwidth ?? limit, limit), limit, overLimit: peakWriteRate > limit };
}

/**
 * §5.2's per-disk churn limit, bytes/s, taking an average write of 16 KB where the table
 * depends on it (**assumption**: the scenario has no I/O size). Normal churn: Standard 2 MB/s
 * (its only row, 8 KB); Premium P10/P15 (up to 256 GiB, the planner's mapping §6) 4 MB/s;
 * P20 and larger 20 MB/s. High Churn: Standard/P10/P15 4 MB/s; P20 (up to 512 GiB) 20 MB/s;
 * P30 and larger 35 MB/s.
 */
export function diskChurnLimit(type: 'premium' | 'standard', size: number, highChurn: boolean): number {
  const gib = size / 2 ** 30;
  if (!highChurn) return (type === 'standard' ? 2 : gib <= 256 ? 4 : 20) * MB;
  return (type === 'standard' || gib <= 256 ? 4 : gib <= 512 ? 20 : 35) * MB;
}
