// How long reprotect and failback take (docs/reference.md §5.7 reprotect timing, §5.4
// failback). Pure functions of documented inputs, durations in ms.

import { MS } from '../../engine/units.js';

/** §5.7: the checksum differentials transfer at "approximately 23%" of disk throughput. */
export const DIFFERENTIAL_SHARE = 0.23;
/** §5.7: processing the recovery points takes about 1/5 of (checksum calculation + transfer). */
export const PROCESSING_SHARE = 1 / 5;
/** §5.7: auto-scale takes 20–30 minutes; the midpoint, 25 minutes, is used. */
export const AUTO_SCALE = 25 * MS.minute;

/** What reprotecting one VM depends on. */
export interface ReprotectInput {
  /** Duration of the VM's original enable-replication (initial replication) job, ms. */
  initialReplication: number;
  /** Bytes that differ between the two sides (changed since failover), to send back. */
  differentialBytes: number;
  /** The disks' throughput, bytes/s. */
  diskThroughput: number;
  /** Whether the source VM's data is still there; if not, reprotect is a full initial replication. */
  sourceAvailable: boolean;
}

/** The phases of a reprotect, ms; `total` is their sum (a lower bound, §5.7 "greater than or equal"). */
export interface ReprotectPhases {
  checksum: number;
  transfer: number;
  processing: number;
  autoScale: number;
  /** Full initial replication, when the source data is gone (else 0). */
  fullReplication: number;
  total: number;
}

/**
 * §5.7: reprotect ≥ checksum calculation (≥ the original initial-replication duration; taken
 * equal) + differential transfer (differentialBytes at 23% of disk throughput) + recovery-point
 * processing (1/5 of the two) + auto-scale (25 min). Without the source data: a full initial
 * replication, taken as long as the original one.
 */
export function reprotectDuration(input: ReprotectInput): ReprotectPhases {
  const { initialReplication, differentialBytes, diskThroughput } = input;
  const bad = Object.entries({ initialReplication, differentialBytes, diskThroughput }).filter(
    ([, v]) => !(Number.isFinite(v) && v >= 0),
  );
  if (bad.length > 0) {
    throw new RangeError(
      `reprotect: ${bad.map(([k, v]) => `${k} must be a finite number >= 0, got ${v}`).join('; ')}`,
    );
  }
  if (!input.sourceAvailable) {
    return {
      checksum: 0,
      transfer: 0,
      processing: 0,
      autoScale: 0,
      fullReplication: initialReplication,
      total: initialReplication,
    };
  }
  const checksum = initialReplication;
  const transfer =
    differentialBytes === 0
      ? 0
      : diskThroughput > 0
        ? (differentialBytes / (DIFFERENTIAL_SHARE * diskThroughput)) * 1000
        : Number.POSITIVE_INFINITY;
  const processing = (checksum + transfer) * PROCESSING_SHARE;
  const total = checksum + transfer + processing + AUTO_SCALE;
  return { checksum, transfer, processing, autoScale: AUTO_SCALE, fullReplication: 0, total };
}

/** §5.4: "After reprotection, failback takes about the same amount of time it took to fail over." */
export function failbackDuration(failover: number): number {
  if (!(Number.isFinite(failover) && failover >= 0)) {
    throw new RangeError(`failback: failover duration must be a finite number >= 0, got ${failover}`);
  }
  return failover;
}
