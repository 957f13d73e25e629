// One protected item's live recovery points under GFS retention: which tiers still keep
// each point, how many memberships each tier holds, and which points expire when.
//
// Why a binary heap of lapse events rather than per-tier FIFO queues: under one fixed
// policy each tier's expiries do follow creation order, and FIFOs would be amortised O(1).
// But that breaks as soon as the points of one item carry different retentions (a policy
// change applies to new backups at once, reference/azure.md §1.5, so a new daily-7 point
// lapses before an old daily-30 one), and a monthly expiry keeps the wall-clock time, so two
// points a day apart can lapse in the other order around a clamped month end. A heap keyed
// (time, point id, tier) is right in every case and costs O(log n): n ≤ 5 × the live
// points, which Azure caps at 9999 per item (§1.5), so at most ~16 levels. Removal is lazy:
// a removed point's heap entries stay and are skipped when they come up (STYLE.md habit 3).
import { type RetainedPoint, TIERS, type Tier } from './types.js';

interface Entry {
  point: RetainedPoint;
  /** One bit per tier (index in TIERS) whose membership has not lapsed. */
  active: number;
  live: boolean;
}

// Heap kind of a point's own expiry: after the four tiers (0–3), so at one instant a point's
// memberships lapse before it is popped.
const EXPIRE = TIERS.length;

// A min-heap of (time, entry, kind), ordered by time, then point id, then kind: a total
// order, so pops never depend on heap internals. Parallel arrays, no object per item.
class LapseHeap {
  private readonly times: number[] = [];
  private readonly entries: Entry[] = [];
  private readonly kinds: number[] = [];

  get size(): number {
    return this.times.length;
  }

  topTime(): number {
    return this.times[0];
  }

  push(time: number, entry: Entry, kind: number): void {
    this.times.push(time);
    this.entries.push(entry);
    this.kinds.push(kind);
    let i = this.times.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the smallest item; read it from `entry`/`kind` first. Only when size > 0. */
  pop(): void {
    const last = this.times.length - 1;
    this.swap(0, last);
    this.times.pop();
    this.entries.pop();
    this.kinds.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const c = l + 1 < last && this.less(l + 1, l) ? l + 1 : l;
      if (!this.less(c, i)) break;
      this.swap(i, c);
      i = c;
    }
  }

  entry(): Entry {
    return this.entries[0];
  }

  kind(): number {
    return this.kinds[0];
  }

  private less(a: number, b: number): boolean {
    const { times, entries, kinds } = this;
    if (times[a] !== times[b]) return times[a] < times[b];
    const ia = entries[a].point.id;
    const ib = entries[b].point.id;
    return ia !== ib ? ia < ib : kinds[a] < kinds[b];
  }

  private swap(a: number, b: number): void {
    const { times, entries, kinds } = this;
    [times[a], times[b]] = [times[b], times[a]];
    [entries[a], entries[b]] = [entries[b], entries[a]];
    [kinds[a], kinds[b]] = [kinds[b], kinds[a]];
  }
}

/**
 * The live recovery points of one protected item and the tiers keeping them. Time moves
 * forward through `advance(now)`; counts and sizes describe the item at the last `now`.
 */
export class RetentionQueue {
  private readonly byId = new Map<number, Entry>();
  private readonly heap = new LapseHeap();
  private readonly counts = TIERS.map(() => 0);
  // Entries in creation order, dead ones dropped lazily from both ends and compacted
  // when they outnumber the live ones: oldest/newest are amortised O(1).
  private order: Entry[] = [];
  private head = 0;
  private dead = 0;
  private clock = Number.NEGATIVE_INFINITY;

  /** The instant of the last advance (−Infinity before the first). */
  get now(): number {
    return this.clock;
  }

  /** Number of distinct live points. */
  get size(): number {
    return this.byId.size;
  }

  /**
   * Records a point created now or later, in creation order, with a fresh id. A point kept
   * by no tier (expiresAt = createdAt) is popped by the next advance at or after its creation.
   */
  add(point: RetainedPoint): void {
    if (point.createdAt < this.clock)
      throw new RangeError(`point ${point.id} created at ${point.createdAt}, before now (${this.clock})`);
    const newest = this.newest();
    if (newest !== null && point.createdAt < newest.createdAt)
      throw new RangeError(`point ${point.id} added out of creation order`);
    if (this.byId.has(point.id)) throw new RangeError(`point ${point.id} is already held`);
    const entry: Entry = { point, active: 0, live: true };
    TIERS.forEach((tier, k) => {
      const until = point.tags.until[tier];
      if (until === null || until <= this.clock) return;
      entry.active |= 1 << k;
      this.counts[k]++;
      this.heap.push(until, entry, k);
    });
    this.heap.push(point.tags.expiresAt, entry, EXPIRE);
    this.byId.set(point.id, entry);
    this.order.push(entry);
  }

  /**
   * Moves the clock to `now` (never backwards): lapses every tier membership whose until
   * ≤ now and removes and returns every point whose expiresAt ≤ now, in (expiresAt, id) order.
   */
  advance(now: number): RetainedPoint[] {
    if (now < this.clock) throw new RangeError(`retention clock moved back from ${this.clock} to ${now}`);
    this.clock = now;
    const expired: RetainedPoint[] = [];
    const heap = this.heap;
    while (heap.size > 0 && heap.topTime() <= now) {
      const entry = heap.entry();
      const kind = heap.kind();
      heap.pop();
      if (!entry.live) continue; // removed earlier: a lazy tombstone
      if (kind === EXPIRE) {
        this.drop(entry);
        expired.push(entry.point);
      } else if (entry.active & (1 << kind)) {
        entry.active &= ~(1 << kind);
        this.counts[kind]--;
      }
    }
    return expired;
  }

  /** The same as advance: the points that expire by `now`, for callers that read better so. */
  popExpired(now: number): RetainedPoint[] {
    return this.advance(now);
  }

  /** Removes a point before it expires (deleted by a user, or protection stopped with data deleted); null if not held. */
  remove(id: number): RetainedPoint | null {
    const entry = this.byId.get(id);
    if (entry === undefined) return null;
    this.drop(entry);
    return entry.point;
  }

  /** Live memberships per tier at `now`: a point kept by daily and weekly counts in both until its daily membership lapses. */
  countByTier(): Record<Tier, number> {
    const [daily, weekly, monthly, yearly] = this.counts;
    return { daily, weekly, monthly, yearly };
  }

  /** The tiers still keeping a live point at `now`, in TIERS order, or null if the point is not held. */
  activeTiers(id: number): Tier[] | null {
    const entry = this.byId.get(id);
    return entry === undefined ? null : TIERS.filter((_, k) => entry.active & (1 << k));
  }

  /** The live point created first, or null when none is held. */
  oldest(): RetainedPoint | null {
    while (this.head < this.order.length && !this.order[this.head].live) {
      this.head++;
      this.dead--;
    }
    return this.head < this.order.length ? this.order[this.head].point : null;
  }

  /** The live point created last, or null when none is held. */
  newest(): RetainedPoint | null {
    while (this.order.length > this.head && !this.order[this.order.length - 1].live) {
      this.order.pop();
      this.dead--;
    }
    return this.order.length > this.head ? this.order[this.order.length - 1].point : null;
  }

  /** The live points in creation order (a copy). */
  points(): RetainedPoint[] {
    const out: RetainedPoint[] = [];
    for (let i = this.head; i < this.order.length; i++) if (this.order[i].live) out.push(this.order[i].point);
    return out;
  }

  private drop(entry: Entry): void {
    entry.live = false;
    TIERS.forEach((_, k) => {
      if (entry.active & (1 << k)) this.counts[k]--;
    });
    entry.active = 0;
    this.byId.delete(entry.point.id);
    if (++this.dead > 16 && this.dead > this.byId.size) {
      this.order = this.order.slice(this.head).filter((e) => e.live);
      this.head = 0;
      this.dead = 0;
    }
  }
}
