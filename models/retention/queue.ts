// One protected item's live recovery points under GFS retention: which tiers still keep
// each point, how many memberships each tier holds, and which points expire when.
//
// Why a binary heap of lapse events rather than per-tier FIFO queues: under one fixed
// policy each tier's expiries do follow creation order, and FIFOs would be amortised O(1).
// But that breaks as soon as the points of one item carry different retentions (a policy
// change applies to new backups at once, docs/reference.md §1.5, so a new daily-7 point
// lapses before an old daily-30 one), and a monthly expiry keeps the wall-clock time, so two
// points a day apart can lapse in the other order around a clamped month end. A heap keyed
// (time, point id, tier) is right in every case and costs O(log n): n ≤ 5 × the live
// points, which Azure caps at 9999 per item (§1.5), so at most ~16 levels. Removal is lazy:
// a removed point's heap entries stay and are skipped when they come up (STYLE.md habit 3).
//
// Cost: a fleet-year adds millions of points, and the queues of 10,000 items do not stay in
// the processor's caches, so nothing here allocates per point and a point touches little
// memory: one Float64Array per queue holds the point records (id, creation, expiry, the four
// tier untils, active-tier mask, expiry kind, generation), the heap's keys and the creation
// order, each region sized once by a caller that knows its policy (`capacity`). Removal frees
// the record; its generation number tells stale heap and order entries from the record's next
// occupant. A point's expiry is the lapse of its last tier when that is when it expires (the
// usual case), so it needs no heap entry of its own. The id → record index is a Map built on
// the first lookup by id (remove, activeMask, an id not above all before it): callers that
// only add and advance never need it. Points handed in as objects are handed back as the same
// objects; `addPoint` takes the numbers alone and the object-returning methods build one.
import type { BufferArena } from '../../engine/arena.js';
import { type PointTags, type RetainedPoint, TIERS, type Tier } from './types.js';

// Heap kind of a point's own expiry: after the four tiers (0–3), so at one instant a point's
// memberships lapse before it is popped.
const EXPIRE = TIERS.length;
const NONE = -1;
const MIN_CAPACITY = 4;

// Record layout (stride REC): id, creation, expiry, untils (NaN: not kept by that tier),
// active-tier mask, the heap kind whose pop expires the point, generation.
const ID = 0;
const CREATED = 1;
const EXPIRES = 2;
const UNTIL = 3;
const MASK = UNTIL + TIERS.length;
const EXPIRY_KIND = MASK + 1;
const GEN = EXPIRY_KIND + 1;
const REC = GEN + 1;
// The buffer starts with the four tiers' live membership counts; records follow.
const COUNTS = 0;
const RECORDS = TIERS.length;
// A heap entry (stride ENTRY) is its time and a reference, ((generation × SLOTS) + slot) × 8 +
// kind; an order entry (stride ORDER) is (generation × SLOTS) + slot. Generations wrap at
// GENERATIONS so references stay exact integers (GENERATIONS × SLOTS × 8 = 2^53).
const ENTRY = 2;
const ORDER = 1;
const SLOTS = 2 ** 20;
const GENERATIONS = 2 ** 30;

/**
 * The live recovery points of one protected item and the tiers keeping them. Time moves
 * forward through `advance(now)`; counts and sizes describe the item at the last `now`.
 */
export class RetentionQueue {
  // Regions: counts, records [RECORDS, heapAt), heap [heapAt, orderAt), order [orderAt, end).
  // A record's slot k starts at RECORDS + k × REC; a free one holds the next free slot at ID.
  private buf: Float64Array;
  private recCap: number;
  private heapCap: number;
  private orderCap: number;
  private heapAt: number;
  private orderAt: number;
  private heapSize = 0;
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
    this.heapCap = 2 * points;
    this.orderCap = 2 * points;
    this.heapAt = RECORDS + this.recCap * REC;
    this.orderAt = this.heapAt + this.heapCap * ENTRY;
    this.buf = this.zeroed(this.orderAt + this.orderCap * ORDER);
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
    return this.head < this.tail ? this.pointAt(this.buf[this.orderAt + ORDER * this.head] % SLOTS) : null;
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
      if (this.liveAt(i)) out.push(this.pointAt(this.buf[this.orderAt + ORDER * i] % SLOTS));
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
    // The tier whose lapse expires the point: the last (by kind) of those lapsing at expiresAt,
    // if no active tier outlasts expiresAt; else the point's own EXPIRE entry.
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
    const ref = (gen * SLOTS + slot) * 8;
    for (let k = 0; k < TIERS.length; k++) if (mask & (1 << k)) this.push(until[k], ref + k);
    if (expiryKind === EXPIRE) this.push(expiresAt, ref + EXPIRE);
    this.live++;
    this.byId?.set(id, slot);
    if (obj !== undefined) {
      this.objs ??= [];
      this.objs[slot] = obj;
    } else if (this.objs !== null) this.objs[slot] = undefined;
    this.pushOrder(gen * SLOTS + slot);
  }

  // advance(): the removed points' (expiresAt, id) pairs go to `expiries` (their number is
  // returned) and, when `points` is given, the points to it, in the same order. The heap is
  // keyed by time alone: lapses at one instant commute, and the points removed are sorted
  // into (expiresAt, id) order as they come.
  private lapse(now: number, points: RetainedPoint[] | null): number {
    if (now < this.clock) throw new RangeError(`retention clock moved back from ${this.clock} to ${now}`);
    this.clock = now;
    let n = 0;
    while (this.heapSize > 0 && this.buf[this.heapAt] <= now) {
      const r = this.buf;
      const ref = r[this.heapAt + 1];
      this.pop();
      const kind = ref % 8;
      const slotGen = (ref - kind) / 8;
      const slot = slotGen % SLOTS;
      const b = RECORDS + slot * REC;
      if (r[b + GEN] !== (slotGen - slot) / SLOTS) continue; // removed earlier: a lazy tombstone
      const mask = r[b + MASK];
      if (kind !== EXPIRE && mask & (1 << kind)) {
        r[b + MASK] = mask & ~(1 << kind);
        r[COUNTS + kind]--;
      }
      if (kind === r[b + EXPIRY_KIND]) {
        if (2 * n + 2 > this.expiries.length) {
          const grown = new Float64Array(2 * this.expiries.length);
          grown.set(this.expiries);
          this.expiries = grown;
        }
        const expiries = this.expiries;
        expiries[2 * n] = r[b + EXPIRES];
        expiries[2 * n + 1] = r[b + ID];
        points?.push(this.pointAt(slot));
        this.drop(slot);
        // Insertion into (expiresAt, id) order; usually a day's expiries are one or two points.
        for (let i = n; i > 0 && laterThan(expiries, i - 1, i); i--) {
          swapPairs(expiries, i - 1, i);
          if (points !== null) swap(points, i - 1, i);
        }
        n++;
      }
    }
    return n;
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
    r[b + GEN] = (r[b + GEN] + 1) % GENERATIONS;
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
        const slot = this.buf[this.orderAt + ORDER * i] % SLOTS;
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

  private push(time: number, ref: number): void {
    if (this.heapSize === this.heapCap) this.grow(this.recCap, this.heapCap * 2, this.orderCap);
    const e = this.buf;
    const at = this.heapAt;
    // Sift up: move parents down until the hole is where the new key belongs.
    let i = this.heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pb = at + p * ENTRY;
      if (e[pb] <= time) break;
      const ib = at + i * ENTRY;
      e[ib] = e[pb];
      e[ib + 1] = e[pb + 1];
      i = p;
    }
    const ib = at + i * ENTRY;
    e[ib] = time;
    e[ib + 1] = ref;
  }

  // Removes the heap's smallest entry (read it first); only when the heap is not empty.
  private pop(): void {
    const n = --this.heapSize;
    if (n === 0) return;
    const e = this.buf;
    const at = this.heapAt;
    const lb = at + n * ENTRY;
    const time = e[lb];
    const ref = e[lb + 1];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cb = at + c * ENTRY;
      if (c + 1 < n && e[cb + ENTRY] < e[cb]) {
        c++;
        cb += ENTRY;
      }
      if (!(e[cb] < time)) break;
      const ib = at + i * ENTRY;
      e[ib] = e[cb];
      e[ib + 1] = e[cb + 1];
      i = c;
    }
    const ib = at + i * ENTRY;
    e[ib] = time;
    e[ib + 1] = ref;
  }

  private liveAt(i: number): boolean {
    const slotGen = this.buf[this.orderAt + ORDER * i];
    const slot = slotGen % SLOTS;
    return this.buf[RECORDS + slot * REC + GEN] === (slotGen - slot) / SLOTS;
  }

  private newestSlot(): number {
    while (this.tail > this.head && !this.liveAt(this.tail - 1)) {
      this.tail--;
      this.dead--;
    }
    return this.tail > this.head ? this.buf[this.orderAt + ORDER * (this.tail - 1)] % SLOTS : NONE;
  }

  private pushOrder(slotGen: number): void {
    if (this.tail === this.orderCap) {
      if (this.head > 0 || this.dead > 0) this.compactOrder();
      if (this.tail === this.orderCap) this.grow(this.recCap, this.heapCap, this.orderCap * 2);
    }
    this.buf[this.orderAt + ORDER * this.tail++] = slotGen;
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
    if (this.high === this.recCap) this.grow(Math.min(SLOTS, this.recCap * 2), this.heapCap, this.orderCap);
    return this.high++;
  }

  // Moves the regions into a bigger buffer.
  private grow(recCap: number, heapCap: number, orderCap: number): void {
    const old = this.buf;
    const heapAt = RECORDS + recCap * REC;
    const orderAt = heapAt + heapCap * ENTRY;
    const buf = this.zeroed(orderAt + orderCap * ORDER);
    buf.set(old.subarray(0, RECORDS + this.recCap * REC), 0);
    buf.set(old.subarray(this.heapAt, this.heapAt + this.heapSize * ENTRY), heapAt);
    buf.set(old.subarray(this.orderAt, this.orderAt + this.tail * ORDER), orderAt);
    this.arena?.give(old);
    this.buf = buf;
    this.recCap = recCap;
    this.heapCap = heapCap;
    this.orderCap = orderCap;
    this.heapAt = heapAt;
    this.orderAt = orderAt;
  }
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
