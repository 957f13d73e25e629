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
  /** Where the number comes from: a docs/reference.md section and the source it names. */
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

/** Site Recovery (Azure-to-Azure) prices: docs/reference.md §5.6, docs/reference.md §17. */
export interface SiteRecoveryPrices {
  /** Per protected instance-month after the free days, prorated by time replicated. */
  readonly perInstance: Priced;
  /** Days each protected instance is free of the per-instance fee (31). */
  readonly freeDays: Priced;
  /** Replica managed disks in the target region, per provisioned GB-month, by disk type (assumption). */
  readonly replicaDisk: { readonly premium: Priced; readonly standard: Priced };
  /** The cache storage account in the source region, per GB-month held (assumption). */
  readonly cacheStorage: Priced;
  /** Recovery-point storage in the target region, per GB-month (assumption: no meter in the sources). */
  readonly recoveryPoints: Priced;
  /** Inter-region replication transfer, per GB sent (unconfirmed in the sources). */
  readonly transfer: Priced;
}

/** Compute of VMs recovered by failover or started by a drill. */
export interface ComputePrices {
  /** Per vCPU core-hour, for a VM whose size has no price of its own (assumption). */
  readonly perCoreHour: Priced;
  /** Per VM-hour by VM size name (fleet `size:`), when the scenario gives them. */
  readonly sizes: Readonly<Record<string, Priced>>;
}

/** The prices of one region: every number of the table but the currency and the regions. */
export interface RegionPrices {
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
  /** Azure file-share snapshots (Azure Files backup), per GB-month, billed with the storage account (issue 17). */
  readonly fileShareSnapshot: Priced;
  /** The last days of a soft-delete period, which cost nothing (§2.3). */
  readonly softDeleteFreeDays: Priced;
  /** Days a recovery point must stay in archive before it can be deleted without a charge. */
  readonly archiveEarlyDeletionDays: Priced;
  /** Azure Site Recovery. */
  readonly siteRecovery: SiteRecoveryPrices;
  /** Compute of recovered and drill VMs. */
  readonly compute: ComputePrices;
}

/** Azure Backup and Site Recovery list prices: a default table, and full tables for the regions that have entries. */
export interface PriceTable extends RegionPrices {
  /** ISO 4217 code every amount is in. */
  readonly currency: string;
  /** Regions with entries of their own: the default table with the region's entries applied. */
  readonly regions: Readonly<Record<string, RegionPrices>>;
}

/** A scenario's changes to one region's prices (or the default's): any leaf as a bare value or a partial `Priced`. */
export type RegionPriceOverrides = {
  readonly protectedInstance?: Partial<Record<keyof RegionPrices['protectedInstance'], PriceOverride>>;
  readonly vaultStorage?: Partial<Record<keyof VaultStorageRates, PriceOverride>>;
  readonly siteRecovery?: {
    readonly [K in keyof SiteRecoveryPrices]?: K extends 'replicaDisk'
      ? Partial<Record<'premium' | 'standard', PriceOverride>>
      : PriceOverride;
  };
  readonly compute?: {
    readonly perCoreHour?: PriceOverride;
    readonly sizes?: Readonly<Record<string, PriceOverride>>;
  };
} & Partial<Record<PricedLeaf, PriceOverride>>;

/** A scenario's changes to the price table: the default's, and per region. */
export type PriceOverrides = RegionPriceOverrides & {
  readonly currency?: string;
  readonly regions?: Readonly<Record<string, RegionPriceOverrides>>;
};

/** The top-level price-table fields that are single numbers. */
export type PricedLeaf =
  | 'vaultArchive'
  | 'instantRestoreSnapshot'
  | 'diskSnapshot'
  | 'fileShareSnapshot'
  | 'softDeleteFreeDays'
  | 'archiveEarlyDeletionDays';

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

/** Data held in soft delete: billed for the period's days before its last free days (§2.3). */
export interface SoftDeletedEntry {
  /** Protected item the data belonged to (for explanations). */
  readonly item: string;
  /** Bytes held while soft-deleted (not also counted in the vault's `standard` series). */
  readonly bytes: number;
  /** When the data was deleted (entered soft delete). */
  readonly deletedAt: number;
  /** When the soft-delete period ends (deletedAt + the retention in force at deletion, §2.3). */
  readonly purgeAt: number;
  /** When it left soft delete: purgeAt, or earlier when undeleted; undefined while still held. */
  readonly leftAt?: number;
}

/** The stored bytes of one policy's (or MARS group's) items in a vault, over time. */
export interface VaultPartUsage {
  /** Policy name, or `mars:<group>` for MARS servers. */
  readonly policy: string;
  /** Bytes in vault-standard, soft-deleted data excluded. */
  readonly standard: Series;
  /** Bytes in vault-archive. */
  readonly archive: Series;
  /** Bytes of instant-restore snapshots (billed as snapshot storage). */
  readonly snapshot: Series;
  /** The snapshot bytes are Azure file-share snapshots, billed with the storage account (files-lines.ts), not as instant-restore snapshots. */
  readonly shareSnapshots?: boolean;
}

/** One Recovery Services vault's stored bytes over time, split by policy. */
export interface VaultUsage {
  readonly name: string;
  readonly region: string;
  readonly redundancy: Redundancy;
  /** Billed as RA-GRS; only valid on a GRS vault (docs/reference.md §2.2). */
  readonly crossRegionRestore: boolean;
  /** One entry per policy with items in the vault; their series add up to the vault's. */
  readonly parts: readonly VaultPartUsage[];
  /** Soft-deleted data of the vault's items, with the policy each item had. */
  readonly softDeleted: readonly (SoftDeletedEntry & { readonly policy: string })[];
}

/** A stretch [from, to) of run time, in ms from the start of the run. */
export interface TimeSpan {
  readonly from: number;
  readonly to: number;
}

/** One protected item (a VM) and the used size its protected-instance fee is tiered on. */
export interface ProtectedItemUsage {
  readonly item: string;
  readonly vault: string;
  readonly policy: string;
  /** Start of billing (the first day closed with protected data, docs/model.md, Cost). */
  readonly from: number;
  /** End of billing (the end of the last day closed with protected data). */
  readonly to: number;
  /**
   * The days billed as protected, as disjoint spans in time order within [from, to); the gaps
   * between them (data in soft delete, purged) are not billed as protected. Absent: [from, to).
   */
  readonly spans?: readonly TimeSpan[];
  /** Protected-instance size in bytes over time (used data, or the last backup's size after stop-protection). */
  readonly used: Series;
}

/** A recovery point deleted from archive before the early-deletion period was over. */
export interface ArchiveEarlyDeletion {
  readonly item: string;
  readonly vault: string;
  readonly policy: string;
  /** When it was deleted; the charge falls in this month. */
  readonly at: number;
  readonly bytes: number;
  /** Days of the early-deletion period left at deletion (see `archiveEarlyDeletionDaysLeft`). */
  readonly daysCharged: number;
}

/** Managed-disk snapshots of one fleet group taken outside Azure Backup. */
export interface DiskSnapshotUsage {
  /** Fleet group. */
  readonly group: string;
  readonly region: string;
  readonly bytes: Series;
}

/** One Site Recovery-replicated VM's billable usage (docs/reference.md §17). */
export interface ReplicatedVmUsage {
  readonly vm: string;
  /** Fleet group (the cost line's policy is `asr:<group>`). */
  readonly group: string;
  readonly sourceRegion: string;
  readonly targetRegion: string;
  /** When replication was enabled (the free days count from here). */
  readonly from: number;
  /** When replication (and its replica disks) ended: the horizon unless the model ends it. */
  readonly to: number;
  /** Replica managed disks: provisioned size and type (the source disk's, §17). */
  readonly disks: readonly {
    readonly name: string;
    readonly size: number;
    readonly type: 'premium' | 'standard';
  }[];
  /** Bytes held in the source region's cache storage account over time. */
  readonly cache: Series;
  /** Bytes of retained recovery points in the target region over time. */
  readonly recoveryPoints: Series;
  /** Cumulative bytes sent source → target over time (non-decreasing). */
  readonly sent: Series;
}

/** A span of time a recovered VM ran: after a failover, or in a drill (test failover). */
export interface ComputeRun {
  readonly kind: 'failover' | 'drill';
  readonly vm: string;
  readonly group: string;
  /** Region the VM ran in. */
  readonly region: string;
  readonly cores: number;
  /** VM size name, when the scenario gives one. */
  readonly size: string | null;
  readonly from: number;
  readonly to: number;
}

/**
 * What `costLines` prices. Every time (start, end, series samples, events) is on one
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
  /** Managed-disk snapshots taken outside Azure Backup, per fleet group. */
  readonly diskSnapshots?: readonly DiskSnapshotUsage[];
  /** Site Recovery-replicated VMs. */
  readonly replicated?: readonly ReplicatedVmUsage[];
  /** Failover and drill compute. */
  readonly compute?: readonly ComputeRun[];
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
  'asrInstances',
  'asrReplicaDisks',
  'asrCache',
  'asrRecoveryPoints',
  'asrTransfer',
  'failoverCompute',
  'drillCompute',
  'fileShareSnapshots',
] as const;

/** A cost meter's name. */
export type Meter = (typeof METERS)[number];

/** The unit a meter's quantity is counted in. */
export type MeterUnit = 'instance-month' | 'GB-month' | 'GB' | 'hour';

/** The dimensions a run's cost can be split by (`run --cost-by`). */
export const COST_DIMENSIONS = ['vault', 'policy', 'region', 'meter', 'item'] as const;

/** A cost dimension's name. */
export type CostDimension = (typeof COST_DIMENSIONS)[number];

/** What `run --cost-by` splits a run's cost by: a dimension, or the values of one fleet tag key (`tag:<key>`, read from the lines' tags). */
export type CostSplit = CostDimension | `tag:${string}`;

/**
 * One charge: a meter's use by one resource in one calendar month at one unit price. Every
 * amount in a run's cost is the sum of its lines; `price` names the price-table entry
 * (`PriceCitation.path`) the unit price comes from, and `rule` how the quantity was counted.
 */
export interface CostLine {
  /** UTC calendar month, "YYYY-MM". */
  readonly month: string;
  readonly meter: Meter;
  /** The meter as Azure's price sheet names it (FOCUS SkuMeter), e.g. "Protected instance (> 50 GB)". */
  readonly sku: string;
  /** Recovery Services vault, or null (Site Recovery, disk snapshots outside Azure Backup, compute). */
  readonly vault: string | null;
  /** Policy, `mars:<group>`, `asr:<group>` or `snapshots:<group>`: what the charge is for. */
  readonly policy: string;
  /** Azure region billed. */
  readonly region: string;
  /** Protected item (VM or server) for item-level meters, else null. */
  readonly item: string | null;
  /** A resource id for the charge (FOCUS ResourceId), e.g. "vaults/rsv-prod/policies/daily-30". */
  readonly resource: string;
  /** How much of the meter was used, in `unit`. */
  readonly quantity: number;
  readonly unit: MeterUnit;
  /** Price per `unit`. */
  readonly unitPrice: number;
  /** quantity × unitPrice, unrounded. */
  readonly amount: number;
  /** The price-table path of the unit price, e.g. "vaultStorage.GRS" or "regions.westus.vaultStorage.GRS". */
  readonly price: string;
  /** How the quantity was counted (free days, proration, tier), in a sentence. */
  readonly rule: string;
  /**
   * The fleet tags of the VM (or fleet group) the line charges, keys in code-unit order (FOCUS
   * `Tags`); absent when it charges no single tagged resource (vault-level storage, untagged
   * VMs, MARS servers, workloads). Set by tags.ts once the run is priced.
   */
  readonly tags?: CostTags;
}

/** A resource's tags as a cost line carries them: key → value, keys in code-unit order. */
export type CostTags = Readonly<Record<string, string>>;

/** A price-table entry a run used, with where it comes from. */
export interface PriceCitation extends Priced {
  /** Its path in the price table, as in CostLine.price. */
  readonly path: string;
}

/** What a meter consumed and what it cost (a sum of cost lines). */
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

/** One key's share of a run's cost along a dimension. */
export interface CostShare {
  /** The vault, policy, region, meter or item; "(none)" for lines without one (e.g. no vault). */
  readonly key: string;
  /** Cost over the run, unrounded. */
  readonly amount: number;
}
