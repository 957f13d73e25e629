// The shapes of Azure Backup pricing: a price table whose every number carries its source,
// the usage a run hands to the monthly cost calculation, and the cost lines it returns.
// Plain data only; the functions live in meters.ts and monthly.ts.

import type { Series } from '../../engine/series.js';
import type { Redundancy } from '../scenario/types.js';

/** One number of the price table with where it comes from, so a report can cite it. */
export interface Priced {
  /** The number itself, in `unit`. */
  readonly value: number;
  /** What the number measures, e.g. "USD per GB-month". */
  readonly unit: string;
  /** Where the number comes from: a reference/azure.md section and the source it names. */
  readonly source: string;
  /** When the source stated it (as precise as the source is: "2026-04", "2015"). */
  readonly date: string;
  /** Present when the number is not in the reference: why this value was picked. */
  readonly assumption?: string;
}

/** Vault storage rates: the three redundancies plus RA-GRS, billed when Cross Region Restore is on. */
export interface VaultStorageRates {
  readonly LRS: Priced;
  readonly ZRS: Priced;
  readonly GRS: Priced;
  readonly 'RA-GRS': Priced;
}

/** Azure Backup (and, for later, ASR) list prices and the billing periods that go with them. */
export interface PriceTable {
  /** ISO 4217 code every amount is in. */
  readonly currency: string;
  readonly protectedInstance: {
    /** Monthly fee of an instance of at most `smallMaxGB`. */
    readonly small: Priced;
    /** Largest used size, in GB, that still counts as a small instance. */
    readonly smallMaxGB: Priced;
    /** Monthly fee per started block of `blockGB` for a larger instance. */
    readonly perBlock: Priced;
    /** Size of one block in GB. */
    readonly blockGB: Priced;
  };
  /** Vault-standard storage per GB-month, by billed redundancy. */
  readonly vaultStorage: VaultStorageRates;
  /** Vault-archive storage per GB-month. */
  readonly vaultArchive: Priced;
  /** Instant-restore snapshots made by Azure Backup, per GB-month of used snapshot data. */
  readonly instantRestoreSnapshot: Priced;
  /** Managed-disk snapshots taken outside Azure Backup, per GB-month. */
  readonly diskSnapshot: Priced;
  /** Days of soft delete that cost nothing. */
  readonly softDeleteFreeDays: Priced;
  /** Days a recovery point must stay in archive before it can be deleted without a charge. */
  readonly archiveEarlyDeletionDays: Priced;
  /** Azure Site Recovery, per protected instance-month (not used by Backup's costs yet). */
  readonly asrPerInstance: Priced;
}

/** A scenario's changes to a price table: any leaf as a bare value or a partial `Priced`. */
export type PriceOverrides = {
  readonly currency?: string;
  readonly protectedInstance?: Partial<Record<keyof PriceTable['protectedInstance'], PriceOverride>>;
  readonly vaultStorage?: Partial<Record<keyof VaultStorageRates, PriceOverride>>;
} & Partial<Record<PricedLeaf, PriceOverride>>;

/** The top-level price-table fields that are single numbers. */
export type PricedLeaf =
  | 'vaultArchive'
  | 'instantRestoreSnapshot'
  | 'diskSnapshot'
  | 'softDeleteFreeDays'
  | 'archiveEarlyDeletionDays'
  | 'asrPerInstance';

/** One overridden number: a bare value (source "override") or a value with its own citation. */
export type PriceOverride =
  | number
  | { readonly value: number; readonly source?: string; readonly date?: string };

/** How a protected instance is billed in a month: one small instance, or so many blocks. */
export interface ProtectedInstanceUnits {
  readonly tier: 'small' | 'blocks';
  /** 1 for a small instance; the number of started blocks otherwise. */
  readonly units: number;
}

/** Data held in soft delete: billed only after the free days, until it leaves soft delete. */
export interface SoftDeletedEntry {
  /** Protected item the data belonged to (for explanations). */
  readonly item: string;
  /** Bytes held while soft-deleted (not also counted in the vault's `standard` series). */
  readonly bytes: number;
  /** When the data was deleted (entered soft delete). */
  readonly deletedAt: number;
  /** When it left soft delete: purged, or undeleted back into the vault's `standard` series. */
  readonly purgeAt: number;
}

/** One Recovery Services vault's stored bytes over time. */
export interface VaultUsage {
  readonly name: string;
  readonly redundancy: Redundancy;
  /** Billed as RA-GRS; only valid on a GRS vault (reference/azure.md §2.2). */
  readonly crossRegionRestore: boolean;
  /** Bytes in vault-standard, soft-deleted data excluded. */
  readonly standard: Series;
  /** Bytes in vault-archive. */
  readonly archive: Series;
  /** Bytes of instant-restore snapshots of the vault's items (billed as snapshot storage). */
  readonly snapshot: Series;
  /** Soft-deleted data of the vault's items. */
  readonly softDeleted: readonly SoftDeletedEntry[];
}

/** One protected item (a VM) and the used size its protected-instance fee is tiered on. */
export interface ProtectedItemUsage {
  readonly item: string;
  /** Start of billing (the first successful backup, reference/azure.md §2.6). */
  readonly from: number;
  /** End of billing (when no backup data of the item is left). */
  readonly to: number;
  /** Protected-instance size in bytes over time (used data, or the last backup's size after stop-protection). */
  readonly used: Series;
}

/** A recovery point deleted from archive before the early-deletion period was over. */
export interface ArchiveEarlyDeletion {
  readonly item: string;
  /** When it was deleted; the charge falls in this month. */
  readonly at: number;
  readonly bytes: number;
  /** Days of the early-deletion period left at deletion (see `archiveEarlyDeletionDaysLeft`). */
  readonly daysCharged: number;
}

/**
 * What `monthlyCosts` prices. Every time (start, end, series samples, events) is on one
 * timeline whose 0 is the UTC instant `origin`: pass the scenario's start as `origin` and
 * simulation times as they are, or leave `origin` 0 and pass epoch ms. Calendar months are
 * UTC months of `origin + t`.
 */
export interface CostInput {
  /** Epoch ms of time 0 on the input's timeline; defaults to 0 (times are epoch ms). */
  readonly origin?: number;
  /** Start of the horizon (inclusive). */
  readonly start: number;
  /** End of the horizon (exclusive). */
  readonly end: number;
  readonly vaults: readonly VaultUsage[];
  readonly protectedItems: readonly ProtectedItemUsage[];
  readonly archiveEarlyDeletions: readonly ArchiveEarlyDeletion[];
  /** Bytes of managed-disk snapshots taken outside Azure Backup, if any. */
  readonly diskSnapshots?: Series;
}

/** The cost meters, in report order. */
export const METERS = [
  'protectedInstances',
  'vaultStandard',
  'vaultArchive',
  'snapshots',
  'softDelete',
  'archiveEarlyDeletion',
  'diskSnapshots',
] as const;

/** A cost meter's name. */
export type Meter = (typeof METERS)[number];

/** The unit a meter's quantity is counted in. */
export type MeterUnit = 'instance-month' | 'GB-month';

/** One cost line: what was consumed on a meter and what it cost. */
export interface MeterCost {
  /** Cost in the price table's currency, unrounded. */
  readonly amount: number;
  /** How much of the meter was used. */
  readonly quantity: number;
  readonly unit: MeterUnit;
}

/** The costs of one calendar month (or the part of it inside the horizon). */
export interface MonthCost {
  /** UTC calendar month, "YYYY-MM". */
  readonly month: string;
  /** Start of the month's part inside the horizon, on the input's timeline. */
  readonly from: number;
  /** End (exclusive) of that part. */
  readonly to: number;
  /** Share of the calendar month inside the horizon, 0 < fraction ≤ 1. */
  readonly fraction: number;
  readonly meters: Readonly<Record<Meter, MeterCost>>;
  /** Sum of the meters' amounts. */
  readonly total: number;
}

/** Costs over a whole horizon. */
export interface CostSummary {
  /** Per meter, the sum over the months. */
  readonly totals: Readonly<Record<Meter, MeterCost>>;
  /** Sum of every month's total. */
  readonly total: number;
  /** Length of the horizon in calendar months (sum of the months' fractions). */
  readonly monthsCovered: number;
  /** `total / monthsCovered` (0 for an empty horizon). */
  readonly averagePerMonth: number;
  /** Twelve times the last full month's total, or the average per month's when no month is full. */
  readonly yearlyRunRate: number;
  /** The month the run rate is based on, or "average" when no month is full. */
  readonly runRateBasis: string;
}
