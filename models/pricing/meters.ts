// The per-meter rules of Azure Backup pricing (docs/reference.md §8): how a protected
// instance is tiered, which storage rate a vault pays, what deleting from archive early
// costs. Pure functions of bytes, days and a price table.

import { MS } from '../../engine/units.js';
import type { Redundancy } from '../scenario/types.js';
import { BYTES_PER_GB, DEFAULT_PRICES } from './defaults.js';
import type { PriceTable, ProtectedInstanceUnits } from './types.js';

/**
 * Days in the month an archive early-deletion charge is prorated over: price per GB-month ×
 * days / 30. Assumption: §2.4 says only "prorated"; Azure Blob's archive early-deletion charge
 * is computed this way (a 30-day month), and the reference names no other rule.
 */
export const EARLY_DELETION_DAYS_PER_MONTH = 30;

function checkBytes(what: string, bytes: number): void {
  if (!Number.isFinite(bytes) || bytes < 0) {
    throw new RangeError(`${what}: bytes must be a finite number >= 0, got ${bytes}`);
  }
}

/**
 * How a protected instance of `usedBytes` is billed (docs/reference.md §8.2): at most 50 GB
 * is one small instance; above that one fee per started 500-GB block, so 500 GB is one block
 * and 501 GB two. An item with 0 bytes used is still a small instance: billing follows
 * protection (§2.6, from the first successful backup while any backup data exists), not size.
 */
export function protectedInstanceUnits(
  usedBytes: number,
  prices: PriceTable = DEFAULT_PRICES,
): ProtectedInstanceUnits {
  checkBytes('protected instance', usedBytes);
  const p = prices.protectedInstance;
  return instanceUnits(usedBytes, p.smallMaxGB.value * BYTES_PER_GB, p.blockGB.value * BYTES_PER_GB);
}

/** The tiering rule of protectedInstanceUnits on plain byte limits (the cost lines read the limits per region). */
export function instanceUnits(
  usedBytes: number,
  smallMaxBytes: number,
  blockBytes: number,
): ProtectedInstanceUnits {
  if (usedBytes <= smallMaxBytes) return { tier: 'small', units: 1 };
  // An exact quotient is exact in floating point, so 1,000 GB is 2 blocks, not 2.000…1.
  return { tier: 'blocks', units: Math.ceil(usedBytes / blockBytes) };
}

/** The monthly protected-instance fee of an item of `usedBytes` (§8.2). */
export function protectedInstanceFee(usedBytes: number, prices: PriceTable = DEFAULT_PRICES): number {
  const { tier, units } = protectedInstanceUnits(usedBytes, prices);
  const p = prices.protectedInstance;
  return tier === 'small' ? p.small.value : units * p.perBlock.value;
}

/**
 * The vault-standard rate a vault pays per GB-month: its redundancy's, or RA-GRS when Cross
 * Region Restore is on (§8.1). CRR exists only on GRS vaults (§2.2), so CRR on LRS or ZRS is
 * a RangeError.
 */
export function vaultStorageRate(
  vault: { readonly name: string; readonly redundancy: Redundancy; readonly crossRegionRestore: boolean },
  prices: PriceTable = DEFAULT_PRICES,
): number {
  return prices.vaultStorage[vaultStorageKey(vault)].value;
}

/** Which vault-storage rate a vault is billed at: its redundancy, or RA-GRS with Cross Region Restore (§8.1, §2.2). */
export function vaultStorageKey(vault: {
  readonly name: string;
  readonly redundancy: Redundancy;
  readonly crossRegionRestore: boolean;
}): keyof PriceTable['vaultStorage'] {
  if (!vault.crossRegionRestore) return vault.redundancy;
  if (vault.redundancy !== 'GRS') {
    throw new RangeError(`vault "${vault.name}": Cross Region Restore needs GRS, got ${vault.redundancy}`);
  }
  return 'RA-GRS';
}

/**
 * Days of the archive early-deletion period left when a point that spent `inArchiveMs` in
 * archive is deleted (§2.4: 180 days); fractional days count as fractions, never below 0.
 */
export function archiveEarlyDeletionDaysLeft(
  inArchiveMs: number,
  prices: PriceTable = DEFAULT_PRICES,
): number {
  if (!Number.isFinite(inArchiveMs) || inArchiveMs < 0) {
    throw new RangeError(`archive early deletion: time in archive must be >= 0 ms, got ${inArchiveMs}`);
  }
  return Math.max(0, prices.archiveEarlyDeletionDays.value - inArchiveMs / MS.day);
}

/** The charge for deleting `bytes` from archive with `daysCharged` of the period left: GB × price × days / 30. */
export function archiveEarlyDeletionFee(
  bytes: number,
  daysCharged: number,
  prices: PriceTable = DEFAULT_PRICES,
): number {
  checkBytes('archive early deletion', bytes);
  if (!Number.isFinite(daysCharged) || daysCharged < 0) {
    throw new RangeError(`archive early deletion: days charged must be >= 0, got ${daysCharged}`);
  }
  return (bytes / BYTES_PER_GB) * prices.vaultArchive.value * (daysCharged / EARLY_DELETION_DAYS_PER_MONTH);
}

/** An amount rounded to cents, half away from zero, for presentation only (costs are kept unrounded). */
export function roundCents(amount: number): number {
  // toPrecision(15) drops the binary noise in amount × 100 (1.005 × 100 = 100.49999…).
  const cents = Number((Math.abs(amount) * 100).toPrecision(15));
  return (Math.sign(amount) * Math.round(cents)) / 100;
}
