// The result of one run, as plain JSON-safe data with a fixed key order. Reports read
// these types; nothing here is computed lazily.

import type { CostSummary, MonthCost } from '../pricing/types.js';

/** Bytes per storage tier. */
export interface TierBytes {
  snapshot: number;
  standard: number;
  archive: number;
  softDeleted: number;
}

/** Recovery points: instant-restore snapshots, vault points (standard and archive), and GFS memberships. */
export interface PointCounts {
  snapshot: number;
  vault: number;
  archive: number;
  daily: number;
  weekly: number;
  monthly: number;
  yearly: number;
  onDemand: number;
}

/** Per-day samples of one vault (entry k is taken at the end of day k of the run). */
export interface VaultDaily {
  day: number[];
  snapshot: number[];
  standard: number[];
  archive: number[];
  softDeleted: number[];
  snapshotPoints: number[];
  vaultPoints: number[];
  archivePoints: number[];
}

/** One vault's storage and recovery points. */
export interface VaultResult {
  name: string;
  region: string;
  redundancy: string;
  crossRegionRestore: boolean;
  items: number;
  storage: { end: TierBytes; peak: TierBytes };
  points: { end: PointCounts; peak: PointCounts };
  daily: VaultDaily;
}

/** Summary statistics of a sample. */
export interface Summary5 {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Backup jobs of one policy (or of one group of MARS servers). */
export interface JobResult {
  policy: string;
  kind: 'azure-vm' | 'mars';
  items: number;
  scheduled: number;
  attempts: number;
  succeeded: number;
  failed: number;
  failedByCause: Record<string, number>;
  retried: number;
  snapshots: number;
  vaultTransfers: number;
  bytesTransferred: number;
  /** Vault-transfer durations, seconds. */
  transferSeconds: Summary5;
  points: { end: PointCounts; peak: PointCounts };
}

/** Cost of the run: per month by meter, and totals. */
export interface CostResult {
  currency: string;
  months: MonthCost[];
  summary: CostSummary;
}

/** Everything one run produced. */
export interface RunResult {
  scenario: string;
  variant: string;
  seed: number;
  start: string;
  end: string;
  days: number;
  eventsProcessed: number;
  fingerprint: string;
  vaults: VaultResult[];
  storage: { end: TierBytes; peak: TierBytes; diskSnapshots: { end: number; peak: number } };
  jobs: JobResult[];
  cost: CostResult;
}
