// The storage ledger's plain data: content states, tiers, and the records the ledger
// hands to pricing and reports. The model behind them is written up in content.ts.

import type { Bytes } from '../../engine/units.js';

/**
 * What a protected item holds at one instant, per disk (index = disk): its used bytes
 * (whole bytes) and its cumulative log survival L, the log of the fraction of blocks
 * that survive unchanged from time 0 (content.ts explains it).
 */
export interface ContentState {
  /** When the content was captured (ms). */
  readonly time: number;
  /** Used bytes per disk, whole numbers. */
  readonly used: Float64Array;
  /** Cumulative log survival per disk: Σ ln(1 − churn) plus ln(shrink ratio), never positive. */
  readonly logSurvival: Float64Array;
}

/** A content state its owner advances in place (content.ts advanceInPlace). */
export interface MutableContentState extends ContentState {
  time: number;
}

/**
 * A recovery point's id within one protected item: a counter (any finite number). Numbers, not
 * names, so chains can index points in typed arrays (chain.ts, "Cost").
 */
export type PointId = number;

/** Where bytes live: instant-restore snapshots, the vault's standard and archive tiers, or soft delete. */
export type Tier = 'snapshot' | 'standard' | 'archive' | 'softDeleted';

/** The tiers in report order. */
export const TIERS: readonly Tier[] = ['snapshot', 'standard', 'archive', 'softDeleted'];

/** The tiers that hold incremental chains. */
export type ChainTier = 'snapshot' | 'standard';

/** One retained point of a chain as plain data: its id, content and current unique bytes. */
export interface ChainPoint {
  readonly id: PointId;
  readonly state: ContentState;
  /** Bytes this point alone accounts for: full for the oldest, the delta from its predecessor otherwise. */
  readonly bytes: Bytes;
}

/** A point held in the archive tier as a full copy (docs/reference.md §2.4). */
export interface ArchiveEntry {
  readonly item: string;
  readonly pointId: PointId;
  readonly bytes: Bytes;
  /** When it entered the archive (ms), for the 180-day early-deletion rule. */
  readonly archivedAt: number;
}

/** An archive point deleted before 180 days: the remaining days are charged (docs/reference.md §2.4). */
export interface EarlyDeletion {
  readonly item: string;
  readonly pointId: PointId;
  readonly bytes: Bytes;
  readonly archivedAt: number;
  /** When its bytes left the archive (ms). */
  readonly deletedAt: number;
  /** Days it spent in the archive (fractional). */
  readonly daysInArchive: number;
  /** Days charged at the archive price: max(0, 180 − daysInArchive). */
  readonly daysCharged: number;
}

/** Vault data of a deleted item kept until its purge time (docs/reference.md §2.3). */
export interface SoftDeletedEntry {
  readonly item: string;
  /** All bytes held: standard + archive. */
  readonly bytes: Bytes;
  /** The part that was in the standard tier. */
  readonly standardBytes: Bytes;
  /** The part that was in the archive tier (archive copies keep their early-deletion clocks). */
  readonly archiveBytes: Bytes;
  readonly deletedAt: number;
  /** deletedAt + the soft-delete retention in force at deletion (§2.3). */
  readonly purgeAt: number;
}

/** What moving a point to the archive did to the two vault tiers. */
export interface ArchiveMove {
  /** Change of the standard tier (≤ 0): the point leaves, its blocks go to its successor. */
  readonly standardDelta: Bytes;
  /** Bytes of the full copy added to the archive tier. */
  readonly archiveBytes: Bytes;
}

/** How a ledger records its per-tier series. */
export interface LedgerOptions {
  /** Bucket width of the tier series (ms); default one hour. */
  readonly resolution?: number;
  /** Most samples a tier series keeps; default 10,000 (over a year of hourly buckets). */
  readonly maxPoints?: number;
  /**
   * Names of the vault's parts (its policies), for billing split by policy; with two or more
   * the ledger also keeps each part's tier series (Ledger.partSeries).
   */
  readonly parts?: readonly string[];
  /** The index in `parts` of an item, asked once per item id (default: 0). */
  readonly partOf?: (item: string) => number;
}
