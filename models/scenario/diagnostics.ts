// The `diagnostics:` section of a scenario as plain typed data (issue 19): which vaults send
// which Log Analytics tables in resource-specific mode (docs/reference.md §16),
// the workspace's retention (docs/reference.md §9), the ingestion latency (§16.2), and the
// conventions of the Backup Reports built on them (§16.3).

import type { Distribution } from '../../engine/distributions.js';
import type { Millis } from '../../engine/units.js';

/** One vault's diagnostic setting: the Azure Backup tables it sends. */
export interface VaultDiagnostics {
  vault: string;
  tables: string[];
}

/** Retention values above which Backup Reports' Optimize tab lists an item (§16.3), in each tier's unit. */
export interface RetentionThresholds {
  /** Daily points kept (days). */
  daily: number;
  /** Weekly points kept (weeks). */
  weekly: number;
  /** Monthly points kept (months). */
  monthly: number;
  /** Yearly points kept (years). */
  yearly: number;
}

/** The diagnostics of a scenario. */
export interface DiagnosticsSpec {
  vaults: VaultDiagnostics[];
  /** The Site Recovery tables sent (ASRJobs, ASRReplicatedItems). */
  siteRecovery: string[];
  /** The workspace's retention: rows older than this at the end of the run are gone. */
  retention: Millis;
  /** From a row's push until the workspace has it (§16.2: 20 to 30 minutes). */
  latency: Distribution;
  /** Backup Reports: the time range (last N completed days; null: all the workspace keeps), Optimize's settings. */
  reports: { range: Millis | null; inactiveAfter: Millis; retentionAbove: RetentionThresholds };
}
