// One protected item's live recovery points under GFS retention: which tiers still keep
// each point, how many memberships each tier holds, and which points expire when. Each tier's
// memberships lapse from a ring sorted by time, and the expiries no tier's lapse gives from a
// fifth (rings.ts: why sorted rings, and how an add out of order keeps them sorted).
//
// Cost: a fleet-year adds millions of points, and the queues of 10,000 items do not stay in
// the processor's caches, so nothing here allocates per point and a point touches little
// memory: one Float64Array per queue (layout.ts) holds the point records (id, creation,
// expiry, the four tier untils, active-tier mask, expiry ring, generation), the creation order
// and the rings, each region sized once by a caller that knows its policy (`capacity`): a
// tier's ring has room for as many memberships as there are live points, so it fills only when
// removed points' entries linger (they are dropped then) or the capacity was short (it
// doubles). A header keeps each ring's first and last times, so a day's lapse check and the
// usual add touch a ring only where they pop or write: measured on the fleet bench (1,000 VMs
// × 365 days), rings that read their five heads every day cost as much as the heap did, with
// the header a quarter less. Removal frees the record; its generation number tells stale ring
// and order entries from the record's next occupant. A point's expiry is the lapse of its last
// tier when that is when it expires (the usual case), so it needs no entry of its own. The id
// → record index is a Map built on the first lookup by id (remove, activeMask, an id not above
// all before it): callers that only add and advance never need it. Points handed in as objects
// are handed back as the same objects; `addPoint` takes the numbers alone and the
// object-returning methods build one (points.ts).
import type { BufferArena } from '../../engine/arena.js';
import {
  COUNTS,
  CREATED,
  ENTRY,
  EXPIRE,
  EXPIRES,
  EXPIRY_KIND,
  GEN,
  GENERATIONS,
  ID,
  isCurrent,
  MASK,
  NONE,
  ORDER,
  REC,
  RECORDS,
  RINGS,
  SLOTS,
  slotOf,
  UNTIL,
} from './layout.js';
import { pointOf, sortLast, tiersOf, untilsOf } from './points.js';
import { initRings, moveRings, ringDropStale, ringDue, ringFull, ringPush, ringShift } from './rings.js';
import { type RetainedPoint, TIERS, type Tier } from './types.js';

const MIN_CAPACITY = 4;

/**
 * The live recovery points of one protected item and the tiers keeping them. Time moves
 * forward through `advance(now)`; counts and sizes describe the item at the last `now`.
 */
export class RetentionQueue {
  // Regions: header, records [RECORDS, orderAt), order [orderAt, rings), the five rings.
  // A record's slot k starts at RECORDS + k × REC; a free one holds the next free slot at ID.
  private buf: Float64Array;
  private recCap: number;
  private orderCap: number;
  private orderAt: number;
  // Ring k starts at ringsAt + k × tierRoom; the four tiers' rings span tierRoom doubles each,
  // the expiry ring expireRoom.
  private ringsAt: number;
  private tierRoom: number;
  private expireRoom: number;
  private live = 0;
  private maxId = Number.NEGATIVE_INFINITY;
  private byId: Map<number, number> | null = null;
  private objs: (RetainedPoint | undefined)[] | null = null;
  private free = NONE;
  private high = 0;
  // Creation order, dead entries dropped lazily from both ends and compacted when they
  // outnumber the live ones: oldest/newest are amortised O(1).
  private head = 0;
  private tail = 0;
  private dead = 0;
  private clock = Number.NEGATIVE_INFINITY;
  // Creation time of the newest live point (−Infinity when none), NaN when its drop left it
  // unknown: insert's order check reads it here instead of in the buffer's far regions.
  private newestCreated = Number.NEGATIVE_INFINITY;
  private readonly scratch = new Float64Array(TIERS.length);
  // (expiresAt, id) of the points one advance removes, in the order they are handed out. A
  // typed array with a count, not an array emptied per call: `length = 0` drops an array's
  // room, so every day's first push allocated again (a quarter of a fleet-year's allocation).
  private expiries = new Float64Array(8);

  /**
   * An empty queue with room for `capacity` live points before it grows (maxPointsKept is a
   * good size); its buffers come from `arena` when given (queues made in the order a daily
   * cleanup walks them then lie in that order).
   */
  constructor(
    capacity = 8,
    private readonly arena: BufferArena | null = null,
  ) {
    const points = Math.max(MIN_CAPACITY, capacity);
    this.recCap = points;
    this.orderCap = 2 * points;
    this.orderAt = RECORDS + this.recCap * REC;
    this.ringsAt = this.orderAt + this.orderCap * ORDER;
    // A tier keeps at most every live point; the expiry ring is usually near empty (on-demand
    // points and points no tier keeps).
    this.tierRoom = ENTRY * points;
    this.expireRoom = ENTRY * MIN_CAPACITY;
    const r = this.zeroed(this.ringsAt + EXPIRE * this.tierRoom + this.expireRoom);
    initRings(r, this.ringsAt, this.tierRoom);
    this.buf = r;
  }

  // A zeroed buffer of `length` doubles, from the arena when there is one.
  private zeroed(length: number): Float64Array {
    return this.arena === null ? new Float64Array(length) : this.arena.take(length, true);
  }

  /** The instant of the last advance (−Infinity before the first). */
  get now(): number {
    return this.clock;
  }

  /** Number of distinct live points. */
  get size(): number {
    return this.live;
  }

  /**
   * Records a point created now or later, in creation order, with a fresh id. A point kept
   * by no tier (expiresAt = createdAt) is popped by the next advance at or after its creation.
   */
  add(point: RetainedPoint): void {
    untilsOf(point, this.scratch);
    this.insert(point.id, point.createdAt, this.scratch, point.tags.expiresAt, point);
  }

  /**
   * The same as add, from numbers: `until` holds the four tiers' until instants in TIERS
   * order, NaN where a tier does not keep the point. Nothing is allocated.
   */
  addPoint(id: number, createdAt: number, until: ArrayLike<number>, expiresAt: number): void {
    this.insert(id, createdAt, until, expiresAt, undefined);
  }

  /**
   * Puts back a point created before now, after every point held (in creation order): for
   * points that left and return (an undelete) or are re-tagged (a retention change). Tiers
   * whose until has passed do not keep it; a point no tier keeps goes at the next advance.
   */
  readd(point: RetainedPoint): void {
    untilsOf(point, this.scratch);
    this.insert(point.id, point.createdAt, this.scratch, point.tags.expiresAt, undefined, true);
  }

  /**
   * Moves the clock to `now` (never backwards): lapses every tier membership whose until
   * ≤ now and removes and returns every point whose expiresAt ≤ now, in (expiresAt, id) order.
   */
  advance(now: number): RetainedPoint[] {
    const expired: RetainedPoint[] = [];
    this.lapse(now, expired);
    return expired;
  }

  /** The same as advance, writing the removed points' ids into `out` (emptied first); returns how many. */
  advanceIds(now: number, out: number[]): number {
    const n = this.lapse(now, null);
    // Only a change of length touches the array's room (usually a day expires one point a day).
    if (out.length !== n) out.length = n;
    for (let i = 0; i < n; i++) out[i] = this.expiries[2 * i + 1];
    return n;
  }

  /** The same as advance: the points that expire by `now`, for callers that read better so. */
  popExpired(now: number): RetainedPoint[] {
    return this.advance(now);
  }

  /** Removes a point before it expires (deleted by a user, or protection stopped with data deleted); null if not held. */
  remove(id: number): RetainedPoint | null {
    const slot = this.index().get(id);
    if (slot === undefined) return null;
    const point = this.pointAt(slot);
    this.drop(slot);
    return point;
  }

  /** Live memberships per tier at `now`: a point kept by daily and weekly counts in both until its daily membership lapses. */
  countByTier(): Record<Tier, number> {
    const c = this.buf;
    return { daily: c[COUNTS], weekly: c[COUNTS + 1], monthly: c[COUNTS + 2], yearly: c[COUNTS + 3] };
  }

  /** Live memberships of one tier (its index in TIERS) at `now`. */
  tierCount(k: number): number {
    return this.buf[COUNTS + k];
  }

  /** The tiers still keeping a live point at `now`, in TIERS order, or null if the point is not held. */
  activeTiers(id: number): Tier[] | null {
    const mask = this.activeMask(id);
    return mask < 0 ? null : tiersOf(mask);
  }

  /** The tiers still keeping a live point as a bit mask (bit k: TIERS[k]), or −1 if the point is not held. */
  activeMask(id: number): number {
    const slot = this.index().get(id);
    return slot === undefined ? -1 : this.buf[RECORDS + slot * REC + MASK];
  }

  /** The live point created first, or null when none is held. */
  oldest(): RetainedPoint | null {
    while (this.head < this.tail && !this.liveAt(this.head)) {
      this.head++;
      this.dead--;
    }
    return this.head < this.tail ? this.pointAt(slotOf(this.buf[this.orderAt + ORDER * this.head])) : null;
  }

  /** The live point created last, or null when none is held. */
  newest(): RetainedPoint | null {
    const slot = this.newestSlot();
    return slot === NONE ? null : this.pointAt(slot);
  }

  /** The live points in creation order (a copy). */
  points(): RetainedPoint[] {
    const out: RetainedPoint[] = [];
    for (let i = this.head; i < this.tail; i++)
      if (this.liveAt(i)) out.push(this.pointAt(slotOf(this.buf[this.orderAt + ORDER * i])));
    return out;
  }

  private insert(
    id: number,
    createdAt: number,
    until: ArrayLike<number>,
    expiresAt: number,
    obj: RetainedPoint | undefined,
    past = false,
  ): void {
    if (createdAt < this.clock && !past)
      throw new RangeError(`point ${id} created at ${createdAt}, before now (${this.clock})`);
    if (Number.isNaN(this.newestCreated)) {
      const newest = this.newestSlot();
      this.newestCreated =
        newest === NONE ? Number.NEGATIVE_INFINITY : this.buf[RECORDS + newest * REC + CREATED];
    }
    if (createdAt < this.newestCreated) throw new RangeError(`point ${id} added out of creation order`);
    // An id above every id added so far cannot be held; any other needs the index.
    if (!(id > this.maxId) && this.index().has(id)) throw new RangeError(`point ${id} is already held`);
    if (id > this.maxId) this.maxId = id;
    const slot = this.allocate();
    const r = this.buf;
    const b = RECORDS + slot * REC;
    const gen = r[b + GEN];
    r[b + ID] = id;
    r[b + CREATED] = createdAt;
    this.newestCreated = createdAt;
    r[b + EXPIRES] = expiresAt;
    let mask = 0;
    // The tier whose lapse expires the point: the last of those lapsing at expiresAt, if no
    // active tier outlasts expiresAt; else the point's own entry in the EXPIRE ring.
    let expiryKind = EXPIRE;
    let outlasts = false;
    for (let k = 0; k < TIERS.length; k++) {
      const u = until[k];
      r[b + UNTIL + k] = u;
      // NaN (no membership) fails the comparison too.
      if (!(u > this.clock)) continue;
      mask |= 1 << k;
      r[COUNTS + k]++;
      if (u === expiresAt) expiryKind = k;
      else if (u > expiresAt) outlasts = true;
    }
    if (outlasts) expiryKind = EXPIRE;
    r[b + MASK] = mask;
    r[b + EXPIRY_KIND] = expiryKind;
    const ref = gen * SLOTS + slot;
    for (let k = 0; k < TIERS.length; k++) if (mask & (1 << k)) this.enqueue(k, until[k], ref);
    if (expiryKind === EXPIRE) this.enqueue(EXPIRE, expiresAt, ref);
    this.live++;
    this.byId?.set(id, slot);
    if (obj !== undefined) {
      this.objs ??= [];
      this.objs[slot] = obj;
    } else if (this.objs !== null) this.objs[slot] = undefined;
    this.pushOrder(ref);
  }

  // Adds (time, ref) to ring k in its sorted place, making room first when the ring is full.
  private enqueue(k: number, time: number, ref: number): void {
    if (ringFull(this.buf, k, this.room(k))) this.makeRoom(k);
    const start = this.ringsAt + k * this.tierRoom;
    ringPush(this.buf, k, start, start + this.room(k), time, ref);
  }

  // The doubles ring k spans (it starts at ringsAt + k × tierRoom).
  private room(k: number): number {
    return k === EXPIRE ? this.expireRoom : this.tierRoom;
  }

  // Ring k is full: drops the entries of removed points, and doubles the ring when that
  // leaves it over three quarters full (so filling costs O(1) per add).
  private makeRoom(k: number): void {
    const start = this.ringsAt + k * this.tierRoom;
    const end = start + this.room(k);
    const kept = ringDropStale(this.buf, k, start, end);
    if (4 * ENTRY * kept > 3 * (end - start)) this.grow(this.recCap, this.orderCap, k);
  }

  // advance(): the removed points' (expiresAt, id) pairs go to `expiries` (their number is
  // returned) and, when `points` is given, the points to it, in the same order. Each ring is
  // popped while its head is due; lapses at one instant commute, and the points removed are
  // sorted into (expiresAt, id) order as they come.
  private lapse(now: number, points: RetainedPoint[] | null): number {
    if (now < this.clock) throw new RangeError(`retention clock moved back from ${this.clock} to ${now}`);
    this.clock = now;
    const r = this.buf;
    let n = 0;
    for (let k = 0; k < RINGS; k++) {
      if (!ringDue(r, k, now)) continue;
      const start = this.ringsAt + k * this.tierRoom;
      const end = start + this.room(k);
      do {
        const ref = ringShift(r, k, start, end);
        const gen = Math.floor(ref / SLOTS);
        const slot = ref - gen * SLOTS;
        const b = RECORDS + slot * REC;
        if (r[b + GEN] !== gen) continue; // removed earlier: a lazy tombstone
        const mask = r[b + MASK];
        if (k !== EXPIRE && mask & (1 << k)) {
          r[b + MASK] = mask & ~(1 << k);
          r[COUNTS + k]--;
        }
        if (k === r[b + EXPIRY_KIND]) n = this.expire(slot, n, points);
      } while (ringDue(r, k, now));
    }
    return n;
  }

  // Removes the point in `slot` as the (n + 1)th expired by this advance: its (expiresAt, id)
  // goes into `expiries` in order, the point into `points` when given. Returns n + 1.
  private expire(slot: number, n: number, points: RetainedPoint[] | null): number {
    if (2 * n + 2 > this.expiries.length) {
      const grown = new Float64Array(2 * this.expiries.length);
      grown.set(this.expiries);
      this.expiries = grown;
    }
    const expiries = this.expiries;
    const b = RECORDS + slot * REC;
    expiries[2 * n] = this.buf[b + EXPIRES];
    expiries[2 * n + 1] = this.buf[b + ID];
    points?.push(this.pointAt(slot));
    this.drop(slot);
    sortLast(expiries, n, points);
    return n + 1;
  }

  private drop(slot: number): void {
    const r = this.buf;
    const b = RECORDS + slot * REC;
    const mask = r[b + MASK];
    for (let k = 0; k < TIERS.length; k++) if (mask & (1 << k)) r[COUNTS + k]--;
    r[b + MASK] = 0;
    if (r[b + CREATED] === this.newestCreated) this.newestCreated = Number.NaN;
    this.live--;
    this.byId?.delete(r[b + ID]);
    if (this.objs !== null) this.objs[slot] = undefined;
    // A compare, not %: on doubles V8's % calls out to C.
    const gen = r[b + GEN] + 1;
    r[b + GEN] = gen === GENERATIONS ? 0 : gen;
    r[b + ID] = this.free;
    this.free = slot;
    if (++this.dead > 16 && this.dead > this.live) this.compactOrder();
  }

  // The id → slot index, built from the live records on first use and kept from then on.
  private index(): Map<number, number> {
    if (this.byId === null) {
      this.byId = new Map();
      for (let i = this.head; i < this.tail; i++) {
        if (!this.liveAt(i)) continue;
        const slot = slotOf(this.buf[this.orderAt + ORDER * i]);
        this.byId.set(this.buf[RECORDS + slot * REC + ID], slot);
      }
    }
    return this.byId;
  }

  // The point in a slot: the object it was added as, or one built from its numbers.
  private pointAt(slot: number): RetainedPoint {
    return this.objs?.[slot] ?? pointOf(this.buf, slot);
  }

  private liveAt(i: number): boolean {
    return isCurrent(this.buf, this.buf[this.orderAt + ORDER * i]);
  }

  private newestSlot(): number {
    while (this.tail > this.head && !this.liveAt(this.tail - 1)) {
      this.tail--;
      this.dead--;
    }
    return this.tail > this.head ? slotOf(this.buf[this.orderAt + ORDER * (this.tail - 1)]) : NONE;
  }

  private pushOrder(ref: number): void {
    if (this.tail === this.orderCap) {
      if (this.head > 0 || this.dead > 0) this.compactOrder();
      if (this.tail === this.orderCap) this.grow(this.recCap, this.orderCap * 2, NONE);
    }
    this.buf[this.orderAt + ORDER * this.tail++] = ref;
  }

  // Drops the consumed prefix and dead entries, in place.
  private compactOrder(): void {
    const r = this.buf;
    const at = this.orderAt;
    let w = 0;
    for (let i = this.head; i < this.tail; i++) {
      if (!this.liveAt(i)) continue;
      r[at + ORDER * w++] = r[at + ORDER * i];
    }
    this.head = 0;
    this.tail = w;
    this.dead = 0;
  }

  private allocate(): number {
    const reused = this.free;
    if (reused !== NONE) {
      this.free = this.buf[RECORDS + reused * REC + ID];
      return reused;
    }
    if (this.high === SLOTS) throw new RangeError(`retention queue: more than ${SLOTS} live points`);
    if (this.high === this.recCap) this.grow(Math.min(SLOTS, this.recCap * 2), this.orderCap, NONE);
    return this.high++;
  }

  // Moves the regions into a bigger buffer, with twice the room in ring `ring` (the four
  // tiers' rings grow together; NONE: the rings as they are); each ring's entries move to the
  // start of its region.
  private grow(recCap: number, orderCap: number, ring: number): void {
    const old = this.buf;
    const orderAt = RECORDS + recCap * REC;
    const ringsAt = orderAt + orderCap * ORDER;
    const tierRoom = ring !== NONE && ring !== EXPIRE ? 2 * this.tierRoom : this.tierRoom;
    const expireRoom = ring === EXPIRE ? 2 * this.expireRoom : this.expireRoom;
    const buf = this.zeroed(ringsAt + EXPIRE * tierRoom + expireRoom);
    buf.set(old.subarray(0, RECORDS + this.recCap * REC), 0);
    buf.set(old.subarray(this.orderAt, this.orderAt + this.tail * ORDER), orderAt);
    moveRings(old, this.ringsAt, this.tierRoom, this.expireRoom, buf, ringsAt, tierRoom);
    this.arena?.give(old);
    this.buf = buf;
    this.recCap = recCap;
    this.orderCap = orderCap;
    this.orderAt = orderAt;
    this.ringsAt = ringsAt;
    this.tierRoom = tierRoom;
    this.expireRoom = expireRoom;
  }
}
