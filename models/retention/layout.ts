// The layout of a retention queue's one Float64Array (queue.ts): a header, the point records,
// the creation order, then the five sorted rings (rings.ts). Ring and order entries name a
// record by a reference that carries the record's generation, so an entry left behind by a
// removed point is told from the record's next occupant.
import { TIERS } from './types.js';

/** The ring of the points' own expiries, after the four tiers' rings (0–3). */
export const EXPIRE = TIERS.length;
/** How many rings a queue has: one per tier, then EXPIRE. */
export const RINGS = EXPIRE + 1;
/** No slot (an empty free list or creation order), or no ring to grow. */
export const NONE = -1;

// Record layout (stride REC): id, creation, expiry, untils (NaN: not kept by that tier),
// active-tier mask, the ring whose pop expires the point, generation.
/** A record's point id (a free record's: the next free slot). */
export const ID = 0;
/** A record's creation instant. */
export const CREATED = 1;
/** A record's expiry instant. */
export const EXPIRES = 2;
/** A record's first tier until (then one per tier, in TIERS order). */
export const UNTIL = 3;
/** A record's active-tier mask (bit k: TIERS[k] still keeps the point). */
export const MASK = UNTIL + TIERS.length;
/** A record's expiry ring: the ring whose pop of its entry expires the point. */
export const EXPIRY_KIND = MASK + 1;
/** A record's generation, bumped when it is freed. */
export const GEN = EXPIRY_KIND + 1;
/** The stride of a record. */
export const REC = GEN + 1;

// The buffer starts with a header: per ring the time of its first entry (+Infinity when
// empty), the four tiers' live membership counts, then per ring k, at stride RS, its number of
// entries, the buffer index of its first entry and the time of its last (−Infinity when
// empty). A day's lapse check and the usual add read the header alone, not the rings'
// far-apart ends. Records follow.
/** Header: ring k's first time at NEXT + k. */
export const NEXT = 0;
/** Header: tier k's live membership count at COUNTS + k. */
export const COUNTS = NEXT + RINGS;
/** Header: ring k's number of entries at LEN + RS × k. */
export const LEN = COUNTS + TIERS.length;
/** Header: the buffer index of ring k's first entry at HEAD + RS × k. */
export const HEAD = LEN + 1;
/** Header: the time of ring k's last entry at LAST + RS × k. */
export const LAST = LEN + 2;
/** The stride of a ring's header fields. */
export const RS = 3;
/** Where the records start, after the header. */
export const RECORDS = LEN + RS * RINGS;

// A ring entry (stride ENTRY) is its time and a reference, (generation × SLOTS) + slot; an
// order entry (stride ORDER) is a reference. Generations wrap at GENERATIONS so references
// stay exact integers (GENERATIONS × SLOTS = 2^50).
/** The stride of a ring entry: its time, then its reference. */
export const ENTRY = 2;
/** The stride of a creation-order entry: a reference. */
export const ORDER = 1;
/** How many record slots a queue may have (the references' slot part). */
export const SLOTS = 2 ** 20;
/** Where generations wrap. */
export const GENERATIONS = 2 ** 30;

/** The record slot a reference names. */
export function slotOf(ref: number): number {
  return ref - Math.floor(ref / SLOTS) * SLOTS;
}

/** Whether a reference still names its slot's occupant (not one removed since). */
export function isCurrent(r: Float64Array, ref: number): boolean {
  const gen = Math.floor(ref / SLOTS);
  return r[RECORDS + (ref - gen * SLOTS) * REC + GEN] === gen;
}
