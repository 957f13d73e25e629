// A protected item's recovery-point counts (ProtectedItem.points and addPointsTo), the parts
// every kind of item sums the same way: GFS memberships read from what keeps them, and
// points() as addPointsTo into fresh zero counts.

import { zeroPoints } from './collect.js';
import type { PointCounts } from './types.js';

/** Whatever keeps GFS memberships: a retention queue, or an item holding one (k indexes TIERS). */
export interface TierCounts {
  tierCount(k: number): number;
}

/** Adds the daily, weekly, monthly and yearly memberships `tiers` keeps into `sum`, allocating nothing. */
export function addTierCounts(sum: PointCounts, tiers: TierCounts): void {
  sum.daily += tiers.tierCount(0);
  sum.weekly += tiers.tierCount(1);
  sum.monthly += tiers.tierCount(2);
  sum.yearly += tiers.tierCount(3);
}

/** Adds a retention queue of vault points into `sum`: its points in the vault, and their GFS memberships. */
export function addVaultQueue(sum: PointCounts, queue: TierCounts & { readonly size: number }): void {
  sum.vault += queue.size;
  addTierCounts(sum, queue);
}

/** An item's live recovery points: its addPointsTo summed into fresh zero counts. */
export function pointsOf(item: { addPointsTo(sum: PointCounts): void }): PointCounts {
  const sum = zeroPoints();
  item.addPointsTo(sum);
  return sum;
}
