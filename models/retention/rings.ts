// The five sorted rings of a retention queue (queue.ts), in its buffer (layout.ts): one per
// tier of its (until, point) memberships, and EXPIRE for the expiries no tier's lapse gives.
//
// Why one sorted ring per tier: under one fixed policy each tier's untils come in creation
// order, so a membership is appended at its tier's tail and lapses from its head, O(1) each.
// That order can break: a policy change applies to new backups at once (docs/reference.md
// §1.5) and re-adds old points with new untils (readd), so a new daily-7 point lapses before
// an old daily-30 one; on-demand points carry their own retention; and a monthly expiry keeps
// the wall-clock time, so two points a day apart can lapse in the other order around a clamped
// month end. So an add assumes nothing: it scans back from the tail past the entries that
// lapse later and inserts there (none, in the usual case), which keeps every ring sorted by
// time in every case, with one structure and no fallback. The fifth ring holds the expiries of
// the points whose expiry is not the lapse of one of their tiers (kept by no tier, outlasted
// by a tier, or on-demand with their own retention). Advancing to `now` pops each ring's head
// while it is ≤ now: lapses at one instant commute (a membership's lapse and its point's
// expiry leave the same counts in either order), and the points removed are sorted into
// (expiresAt, id) order as they come, so nothing depends on which ring is read first. Removal
// is lazy: a removed point's ring entries stay and are skipped when they come up (STYLE.md
// habit 3), or dropped when their ring fills. An out-of-order add costs a step per entry it
// passes: at most the item's live points (Azure caps them at 9999 per item, §1.5) and the
// removed ones' entries not yet dropped.
//
// Ring k occupies [start, end) of the buffer (ring k starts at ringsAt + k × tierRoom: the
// four tiers' rings span tierRoom doubles each, the expiry ring the room after them); its
// header fields (layout.ts) keep its first time, length, first entry and last time.
import { ENTRY, EXPIRE, HEAD, isCurrent, LAST, LEN, NEXT, RINGS, RS } from './layout.js';

/** Writes the header of five empty rings, ring k starting at ringsAt + k × tierRoom. */
export function initRings(r: Float64Array, ringsAt: number, tierRoom: number): void {
  for (let k = 0; k < RINGS; k++) {
    r[NEXT + k] = Number.POSITIVE_INFINITY;
    r[HEAD + RS * k] = ringsAt + k * tierRoom;
    r[LAST + RS * k] = Number.NEGATIVE_INFINITY;
  }
}

/** Whether ring k, `room` doubles long, has no room for another entry. */
export function ringFull(r: Float64Array, k: number, room: number): boolean {
  return ENTRY * r[LEN + RS * k] === room;
}

/**
 * Adds (time, ref) to ring k in [start, end), which has room for it, after every entry not
 * later than `time`: at the tail, unless entries there lapse later (out of creation order),
 * which it then moves up one each.
 */
export function ringPush(
  r: Float64Array,
  k: number,
  start: number,
  end: number,
  time: number,
  ref: number,
): void {
  const n = r[LEN + RS * k];
  const head = r[HEAD + RS * k];
  let i = head + ENTRY * n;
  if (i >= end) i -= end - start;
  // NaN (a point given no expiry) is later than nothing: it goes at the tail.
  if (r[LAST + RS * k] > time) {
    for (let m = 0; m < n; m++) {
      const p = (i === start ? end : i) - ENTRY;
      if (!(r[p] > time)) break;
      r[i] = r[p];
      r[i + 1] = r[p + 1];
      i = p;
    }
  } else r[LAST + RS * k] = time;
  r[i] = time;
  r[i + 1] = ref;
  r[LEN + RS * k] = n + 1;
  if (i === head) r[NEXT + k] = time;
}

/** Whether ring k's first entry is due at `now` (an empty ring's never is, not even at +Infinity). */
export function ringDue(r: Float64Array, k: number, now: number): boolean {
  return r[NEXT + k] <= now && r[LEN + RS * k] !== 0;
}

/** Takes the first entry off ring k in [start, end), which has one, and returns its reference. */
export function ringShift(r: Float64Array, k: number, start: number, end: number): number {
  const at = r[HEAD + RS * k];
  const ref = r[at + 1];
  const next = at + ENTRY === end ? start : at + ENTRY;
  const len = r[LEN + RS * k] - 1;
  r[HEAD + RS * k] = next;
  r[LEN + RS * k] = len;
  r[NEXT + k] = len > 0 ? r[next] : Number.POSITIVE_INFINITY;
  if (len === 0) r[LAST + RS * k] = Number.NEGATIVE_INFINITY;
  return ref;
}

/**
 * Drops the entries of removed points from ring k in [start, end), in place and in order;
 * returns how many entries stay.
 */
export function ringDropStale(r: Float64Array, k: number, start: number, end: number): number {
  const n = r[LEN + RS * k];
  const head = r[HEAD + RS * k];
  let from = head;
  let to = head;
  let kept = 0;
  for (let m = 0; m < n; m++) {
    if (isCurrent(r, r[from + 1])) {
      r[to] = r[from];
      r[to + 1] = r[from + 1];
      to = to + ENTRY === end ? start : to + ENTRY;
      kept++;
    }
    from = from + ENTRY === end ? start : from + ENTRY;
  }
  r[LEN + RS * k] = kept;
  r[NEXT + k] = kept > 0 ? r[head] : Number.POSITIVE_INFINITY;
  r[LAST + RS * k] = kept > 0 ? r[(to === start ? end : to) - ENTRY] : Number.NEGATIVE_INFINITY;
  return kept;
}

/**
 * Copies each ring of `old` (its region at oldAt, tiers' rings oldTierRoom doubles each, the
 * expiry ring oldExpireRoom) to the start of its region in `buf` (at `at`, tierRoom each), and
 * points the header's HEAD there; `buf` already holds old's header.
 */
export function moveRings(
  old: Float64Array,
  oldAt: number,
  oldTierRoom: number,
  oldExpireRoom: number,
  buf: Float64Array,
  at: number,
  tierRoom: number,
): void {
  for (let k = 0; k < RINGS; k++) {
    const start = oldAt + k * oldTierRoom;
    const end = start + (k === EXPIRE ? oldExpireRoom : oldTierRoom);
    const head = old[HEAD + RS * k];
    const used = ENTRY * old[LEN + RS * k];
    const first = Math.min(used, end - head);
    const to = at + k * tierRoom;
    buf.set(old.subarray(head, head + first), to);
    buf.set(old.subarray(start, start + used - first), to + first);
    buf[HEAD + RS * k] = to;
  }
}
