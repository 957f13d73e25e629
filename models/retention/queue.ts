// One protected item's live recovery points under GFS retention: which tiers still keep
// each point, how many memberships each tier holds, and which points expire when.
//
// Why one sorted ring per tier: under one fixed policy each tier's untils come in creation
// order, so a membership is appended at its tier's tail and lapses from its head, O(1) each.
// That order can break: a policy change applies to new backups at once (docs/reference.md
// §1.5) and re-adds old points with new untils (readd), so a new daily-7 point lapses before
// an old daily-30 one; on-demand points carry their own retention; and a monthly expiry keeps
// the wall-clock time, so two points a day apart can lapse in the other order around a clamped
// month end. So an add assumes nothing: it scans back from the tail past the entries that
// lapse later and inserts there (none, in the usual case), which keeps every ring sorted by
// time in every case, with one structure and no fallback. A fifth ring holds the expiries of
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
// Cost: a fleet-year adds millions of points, and the queues of 10,000 items do not stay in
// the processor's caches, so nothing here allocates per point and a point touches little
// memory: one Float64Array per queue holds the point records (id, creation, expiry, the four
// tier untils, active-tier mask, expiry ring, generation), the creation order and the rings,
// each region sized once by a caller that knows its policy (`capacity`): a tier's ring has room
// for as many memberships as there are live points, so it fills only when removed points'
// entries linger (they are dropped then) or the capacity was short (it doubles). A header
// keeps each ring's first and last times, so a day's lapse check and the usual add touch a
// ring only where they pop or write: measured on the fleet bench (1,000 VMs × 365 days), rings
// that read their five heads every day cost as much as the heap did, with the header a quarter
// less. Removal frees the record; its generation number tells stale ring and order entries
// from the record's next occupant. A point's expiry is the lapse of its last tier when that is
// when it expires (the usual case), so it needs no entry of its own. The id → record index is
// a Map built on the first lookup by id (remove, activeMask, an id not above all before it):
// callers that only add and advance never need it. Points handed in as objects are handed back
// as the same objects; `addPoint` takes the numbers alone and the object-returning methods
// build one.
import type { BufferArena } from '../../engine/arena.js';
import { type PointTags, type RetainedPoint, TIERS, type Tier } from './types.js';

// The ring of the points' own expiries, after the four tiers' rings (0–3).
const EXPIRE = TIERS.length;
const RINGS = EXPIRE + 1;
const NONE = -1;
const MIN_CAPACITY = 4;

// Record layout (stride REC): id, creation, expiry, untils (NaN: not kept by that tier),
// active-tier mask, the ring whose pop expires the point, generation.
const ID = 0;
const CREATED = 1;
const EXPIRES = 2;
const UNTIL = 3;
const MASK = UNTIL + TIERS.length;
const EXPIRY_KIND = MASK + 1;
const GEN = EXPIRY_KIND + 1;
const REC = GEN + 1;
// The buffer starts with a header: per ring the time of its first entry (+Infinity when
// empty), the four tiers' live membership counts, then per ring k, at stride RS, its number of
// entries, the buffer index of its first entry and the time of its last (−Infinity when
// empty). A day's lapse check and the usual add read the header alone, not the rings'
// far-apart ends. Records follow.
const NEXT = 0;
const COUNTS = NEXT + RINGS;
const LEN = COUNTS + TIERS.length;
const HEAD = LEN + 1;
const LAST = LEN + 2;
const RS = 3;
const RECORDS = LEN + RS * RINGS;
// A ring entry (stride ENTRY) is its time and a reference, (generation × SLOTS) + slot; an
// order entry (stride ORDER) is a reference. Generations wrap at GENERATIONS so references
// stay exact integers (GENERATIONS × SLOTS = 2^50).
const ENTRY = 2;
const ORDER = 1;
const SLOTS = 2 ** 20;
const GENERATIONS = 2 ** 30;

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
    for (let k = 0; k < RINGS; k++) {
      r[NEXT + k] = Number.POSITIVE_INFINITY;
      r[HEAD + RS * k] = this.ringsAt + k * this.tierRoom;
      r[LAST + RS * k] = Number.NEGATIVE_INFINITY;
    }
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
    const u = point.tags.until;
    const s = this.scratch;
    TIERS.forEach((tier, k) => {
      s[k] = u[tier] ?? Number.NaN;
    });
    this.insert(point.id, point.createdAt, s, point.tags.expiresAt, point);
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
    const u = point.tags.until;
    const s = this.scratch;
    TIERS.forEach((tier, k) => {
      s[k] = u[tier] ?? Number.NaN;
    });
    this.insert(point.id, point.createdAt, s, point.tags.expiresAt, undefined, true);
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
    return mask < 0 ? null : TIERS.filter((_, k) => mask & (1 << k));
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

  // Adds (time, ref) to ring k after every entry not later than `time`: at the tail, unless
  // entries there lapse later (out of creation order), which it then moves up one each.
  private enqueue(k: number, time: number, ref: number): void {
    let r = this.buf;
    if (ENTRY * r[LEN + RS * k] === this.room(k)) {
      this.makeRoom(k);
      r = this.buf;
    }
    const start = this.ringsAt + k * this.tierRoom;
    const end = start + this.room(k);
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

  // The doubles ring k spans (it starts at ringsAt + k × tierRoom).
  private room(k: number): number {
    return k === EXPIRE ? this.expireRoom : this.tierRoom;
  }

  // Ring k is full: drops the entries of removed points, in place and in order, and doubles
  // the ring when that leaves it over three quarters full (so filling costs O(1) per add).
  private makeRoom(k: number): void {
    const r = this.buf;
    const start = this.ringsAt + k * this.tierRoom;
    const end = start + this.room(k);
    const n = r[LEN + RS * k];
    const head = r[HEAD + RS * k];
    let from = head;
    let to = head;
    let kept = 0;
    for (let m = 0; m < n; m++) {
      if (this.current(r[from + 1])) {
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
      // An empty ring's NEXT is +Infinity, which advance(+Infinity) reaches too.
      if (!(r[NEXT + k] <= now) || r[LEN + RS * k] === 0) continue;
      let len = r[LEN + RS * k];
      let at = r[HEAD + RS * k];
      const start = this.ringsAt + k * this.tierRoom;
      const end = start + this.room(k);
      do {
        const ref = r[at + 1];
        at = at + ENTRY === end ? start : at + ENTRY;
        len--;
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
      } while (len > 0 && r[at] <= now);
      r[HEAD + RS * k] = at;
      r[LEN + RS * k] = len;
      r[NEXT + k] = len > 0 ? r[at] : Number.POSITIVE_INFINITY;
      if (len === 0) r[LAST + RS * k] = Number.NEGATIVE_INFINITY;
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
    // Insertion into (expiresAt, id) order; usually a day's expiries are one or two points.
    for (let i = n; i > 0 && laterThan(expiries, i - 1, i); i--) {
      swapPairs(expiries, i - 1, i);
      if (points !== null) swap(points, i - 1, i);
    }
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
    const obj = this.objs?.[slot];
    if (obj !== undefined) return obj;
    const r = this.buf;
    const b = RECORDS + slot * REC;
    const value = (k: number): number | null => {
      const u = r[b + UNTIL + k];
      return Number.isNaN(u) ? null : u;
    };
    const until: Record<Tier, number | null> = {
      daily: value(0),
      weekly: value(1),
      monthly: value(2),
      yearly: value(3),
    };
    const tags: PointTags = {
      tiers: TIERS.filter((t) => until[t] !== null),
      until,
      expiresAt: r[b + EXPIRES],
    };
    return { id: r[b + ID], createdAt: r[b + CREATED], tags };
  }

  // Whether a reference still names its slot's occupant (not one removed since).
  private current(ref: number): boolean {
    const gen = Math.floor(ref / SLOTS);
    return this.buf[RECORDS + (ref - gen * SLOTS) * REC + GEN] === gen;
  }

  private liveAt(i: number): boolean {
    return this.current(this.buf[this.orderAt + ORDER * i]);
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
    for (let k = 0; k < RINGS; k++) {
      const start = this.ringsAt + k * this.tierRoom;
      const end = start + this.room(k);
      const head = old[HEAD + RS * k];
      const used = ENTRY * old[LEN + RS * k];
      const first = Math.min(used, end - head);
      const at = ringsAt + k * tierRoom;
      buf.set(old.subarray(head, head + first), at);
      buf.set(old.subarray(start, start + used - first), at + first);
      buf[HEAD + RS * k] = at;
    }
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

// The record slot a reference names.
function slotOf(ref: number): number {
  return ref - Math.floor(ref / SLOTS) * SLOTS;
}

// Whether entry i of (expiresAt, id) pairs comes after entry j.
function laterThan(pairs: Float64Array, i: number, j: number): boolean {
  const ti = pairs[2 * i];
  const tj = pairs[2 * j];
  return ti !== tj ? ti > tj : pairs[2 * i + 1] > pairs[2 * j + 1];
}

// Swaps pairs i and j of (expiresAt, id) pairs.
function swapPairs(pairs: Float64Array, i: number, j: number): void {
  const t = pairs[2 * i];
  const id = pairs[2 * i + 1];
  pairs[2 * i] = pairs[2 * j];
  pairs[2 * i + 1] = pairs[2 * j + 1];
  pairs[2 * j] = t;
  pairs[2 * j + 1] = id;
}

function swap<T>(list: T[], i: number, j: number): void {
  const t = list[i];
  list[i] = list[j];
  list[j] = t;
}
