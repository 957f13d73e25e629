// The vocabulary of GFS retention (docs/reference.md §1.4–1.5): the four tiers, what a
// recovery point learns from them when it is created, and the point a retention queue holds.

/** A grandfather-father-son retention tier. */
export type Tier = 'daily' | 'weekly' | 'monthly' | 'yearly';

/** The tiers in their fixed order, shortest first: tags, counts and explanations list them so. */
export const TIERS: readonly Tier[] = ['daily', 'weekly', 'monthly', 'yearly'];

/** Which tiers keep one recovery point and until when: the point's answer to "why are you still here?". */
export interface PointTags {
  /** The tiers that keep the point, in TIERS order; empty when no tier does. */
  tiers: Tier[];
  /** Per tier, the epoch-ms instant its membership lapses (exclusive), or null when that tier does not keep the point. */
  until: Record<Tier, number | null>;
  /** When the point expires: the latest `until`, or the creation instant when no tier keeps it. */
  expiresAt: number;
}

/** A recovery point as a retention queue holds it. */
export interface RetainedPoint {
  /** Unique per protected item (a counter, never reused). */
  id: number;
  /** Epoch ms at which the point was created. */
  createdAt: number;
  tags: PointTags;
}
