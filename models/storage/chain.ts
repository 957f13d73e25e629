// An incremental chain: the retained recovery points of one item in one tier (vault-standard,
// or instant-restore snapshots), oldest to newest. The oldest is stored as a full copy, each
// later point as its delta from the retained point before it (content.ts):
//
//   stored = fullBytes(oldest) + Σ deltaBytes(prev, next) over consecutive retained points
//
// Expiring a point hands its still-referenced blocks to its successor, whose delta becomes
// deltaBytes(predecessor, successor), or, when the expired point was the oldest, whose full
// copy becomes the base (reference/azure.md §4: the first incremental snapshot is a full copy,
// later ones deltas; §2.6: vault bytes ≈ first full + Σ increments of the retained points).
//
// Removing a point never increases `stored`, whatever the used sizes do. Per disk write u_x
// for used bytes at x and A_xy = exp(L_y − L_x) ∈ [0, 1] for the survival from x to y, so
// A_pr = A_pq·A_qr, and (content.ts) δ(x, y) = u_y − u_x·A_xy with u_x·A_xy ≤ u_y.
// - Middle point q between p and r: the change is δ(p,r) − δ(p,q) − δ(q,r), and
//     δ(p,q) + δ(q,r) − δ(p,r) = u_q − u_p·A_pq − u_q·A_qr + u_p·A_pq·A_qr
//                              = (u_q − u_p·A_pq)·(1 − A_qr) ≥ 0.
// - Oldest point o with successor s: the base goes from u_o + δ(o,s) = u_o + u_s − u_o·A_os
//   to u_s, a change of −u_o·(1 − A_os) ≤ 0.
// - Last point, or its only point: the change is −(its bytes) ≤ 0.
// In whole bytes the kept blocks are rounded down, and ⌊x⌋ + ⌊y⌋ ≤ ⌊x + y⌋ carries both
// inequalities over. (A delta of used_p·(1 − e^ΔL) + max(0, u_q − u_p) with L counting churn
// only could make a merge grow when a disk shrinks; folding the shrink into L prevents that.)
//
// Also: the successor never takes over more than the removed point held, since
// δ(p,s) ≥ δ(q,s) ⇔ u_p·A_pq ≤ u_q; so removing q changes stored by at least −bytesOf(q).
//
// Cost: append, remove, has, bytesOf, stored and size are O(1) and allocate nothing per point
// (amortised: the arrays double when full). At fleet scale (10,000 items × 60 live points,
// measured on this machine) an object per point, a kept ContentState with its typed arrays,
// or a Map per chain, lived for weeks of simulated time, and allocation, garbage collection and
// scattered memory made a fleet-year of appends and removes take 10–20 s. So a chain keeps its
// points in one growable Float64Array (time, bytes, links, then used and log survival per
// disk) with a free list of slots, finds them through an open-addressing table in typed arrays
// (SlotIndex, below), and copies a state's numbers in: states passed to append can die young,
// and a caller may reuse one. stateOf, newest, oldest and points() build fresh objects.

import { type Bytes, bytes } from '../../engine/units.js';
import { diskDelta, fullBytes } from './content.js';
import type { ChainPoint, ContentState, PointId } from './types.js';

// Slot layout: [time, bytes, prev, next, used × disks, logSurvival × disks].
const TIME = 0;
const BYTES = 1;
const PREV = 2;
const NEXT = 3;
const HEADER = 4;
const NONE = -1;
const MIN_SLOTS = 4;

/** Read-only view of a chain, for explanations ("why is storage what it is"). */
export interface ChainView {
  /** Bytes the chain stores: full oldest plus the deltas between consecutive points. */
  readonly stored: Bytes;
  /** Number of retained points. */
  readonly size: number;
  /** Whether the point is retained. */
  has(id: PointId): boolean;
  /** The point's current unique bytes (full for the oldest, its delta otherwise); throws if absent. */
  bytesOf(id: PointId): Bytes;
  /** A copy of the point's content; throws if absent. */
  stateOf(id: PointId): ContentState;
  /** The newest retained point, or undefined when empty. */
  newest(): ChainPoint | undefined;
  /** The oldest retained point, or undefined when empty. */
  oldest(): ChainPoint | undefined;
  /** The retained points, oldest first. */
  points(): ChainPoint[];
}

/** An incremental chain of retained points in one tier; expiry hands blocks to the successor. */
export class Chain implements ChainView {
  private readonly index = new SlotIndex();
  private ids = new Float64Array(0);
  private buf = new Float64Array(0);
  private disks = 0;
  private stride = HEADER;
  private highWater = 0;
  private free = NONE;
  private head = NONE;
  private tail = NONE;
  private total = 0;

  get stored(): Bytes {
    return bytes(this.total);
  }

  get size(): number {
    return this.index.size;
  }

  /** Adds the newest point and returns the bytes it adds (full for the first, else its delta: what a backup transfers). */
  append(id: PointId, state: ContentState): Bytes {
    if (!Number.isFinite(id)) throw new RangeError(`chain: point id ${id} is not a finite number`);
    if (this.index.get(id) !== NONE) throw new RangeError(`chain: point ${id} is already in the chain`);
    const n = state.used.length;
    if (this.index.size === 0 && n !== this.disks) this.reset(n);
    if (n !== this.disks) throw new RangeError(`chain: point ${id} has ${n} disks, the chain ${this.disks}`);
    const tail = this.tail;
    const last = tail === NONE ? Number.NEGATIVE_INFINITY : this.buf[this.at(tail) + TIME];
    if (state.time < last) {
      throw new RangeError(`chain: point ${id} at ${state.time} is older than the newest point at ${last}`);
    }
    let added = 0;
    if (tail === NONE) added = fullBytes(state);
    else {
      const t = this.at(tail) + HEADER;
      for (let d = 0; d < n; d++) {
        added += diskDelta(this.buf[t + d], this.buf[t + n + d], state.used[d], state.logSurvival[d]);
      }
    }
    const k = this.allocate();
    const b = this.at(k);
    const buf = this.buf;
    buf[b + TIME] = state.time;
    buf[b + BYTES] = added;
    buf[b + PREV] = tail;
    buf[b + NEXT] = NONE;
    buf.set(state.used, b + HEADER);
    buf.set(state.logSurvival, b + HEADER + n);
    if (tail === NONE) this.head = k;
    else buf[this.at(tail) + NEXT] = k;
    this.tail = k;
    this.ids[k] = id;
    this.index.set(id, k);
    this.total += added;
    return bytes(added);
  }

  /** Expires a point, handing its blocks to its successor; returns the change in stored bytes (never positive). */
  remove(id: PointId): Bytes {
    const k = this.slot(id);
    const buf = this.buf;
    const b = this.at(k);
    const prev = buf[b + PREV];
    const next = buf[b + NEXT];
    let change = -buf[b + BYTES];
    if (next !== NONE) {
      const nb = this.at(next);
      const taken = prev === NONE ? this.fullAt(nb) : this.deltaAt(this.at(prev), nb);
      change += taken - buf[nb + BYTES];
      buf[nb + BYTES] = taken;
      buf[nb + PREV] = prev;
    } else this.tail = prev;
    if (prev !== NONE) buf[this.at(prev) + NEXT] = next;
    else this.head = next;
    buf[b + NEXT] = this.free;
    this.free = k;
    this.index.delete(id);
    this.total += change;
    return bytes(change);
  }

  has(id: PointId): boolean {
    return this.index.get(id) !== NONE;
  }

  bytesOf(id: PointId): Bytes {
    return bytes(this.buf[this.at(this.slot(id)) + BYTES]);
  }

  stateOf(id: PointId): ContentState {
    return this.stateAt(this.slot(id));
  }

  newest(): ChainPoint | undefined {
    return this.tail === NONE ? undefined : this.view(this.tail);
  }

  oldest(): ChainPoint | undefined {
    return this.head === NONE ? undefined : this.view(this.head);
  }

  points(): ChainPoint[] {
    const out: ChainPoint[] = [];
    for (let k = this.head; k !== NONE; k = this.buf[this.at(k) + NEXT]) out.push(this.view(k));
    return out;
  }

  private at(k: number): number {
    return k * this.stride;
  }

  private slot(id: PointId): number {
    const k = this.index.get(id);
    if (k === NONE) throw new RangeError(`chain: no point ${id}`);
    return k;
  }

  // fullBytes and deltaBytes on slots, with the same arithmetic as content.ts.
  private fullAt(b: number): number {
    let total = 0;
    for (let d = 0; d < this.disks; d++) total += this.buf[b + HEADER + d];
    return total;
  }

  private deltaAt(pb: number, qb: number): number {
    const n = this.disks;
    const p = pb + HEADER;
    const q = qb + HEADER;
    let total = 0;
    for (let d = 0; d < n; d++) {
      total += diskDelta(this.buf[p + d], this.buf[p + n + d], this.buf[q + d], this.buf[q + n + d]);
    }
    return total;
  }

  private allocate(): number {
    if (this.free !== NONE) {
      const k = this.free;
      this.free = this.buf[this.at(k) + NEXT];
      return k;
    }
    if (this.highWater === this.ids.length) {
      const slots = Math.max(MIN_SLOTS, this.highWater * 2);
      const buf = new Float64Array(slots * this.stride);
      buf.set(this.buf);
      this.buf = buf;
      const ids = new Float64Array(slots);
      ids.set(this.ids);
      this.ids = ids;
    }
    return this.highWater++;
  }

  // An empty chain takes the disk count of its next point.
  private reset(disks: number): void {
    this.disks = disks;
    this.stride = HEADER + 2 * disks;
    this.buf = new Float64Array(0);
    this.ids = new Float64Array(0);
    this.highWater = 0;
    this.free = NONE;
    this.head = NONE;
    this.tail = NONE;
  }

  private stateAt(k: number): ContentState {
    const b = this.at(k);
    const n = this.disks;
    const u = b + HEADER;
    return {
      time: this.buf[b + TIME],
      used: this.buf.slice(u, u + n),
      logSurvival: this.buf.slice(u + n, u + 2 * n),
    };
  }

  private view(k: number): ChainPoint {
    return { id: this.ids[k], state: this.stateAt(k), bytes: bytes(this.buf[this.at(k) + BYTES]) };
  }
}

// Open addressing with linear probing from a point id to its slot, in typed arrays; NaN marks
// an empty cell, and deletion shifts the following cells back (no tombstones), so a table
// under constant append/expire never degrades. Load stays at most 1/2.
class SlotIndex {
  private keys = new Float64Array(8).fill(Number.NaN);
  private values = new Int32Array(8);
  private shift = 29;
  private count = 0;

  get size(): number {
    return this.count;
  }

  // The slot of `id`, or NONE.
  get(id: number): number {
    const mask = this.keys.length - 1;
    for (let i = this.home(id); ; i = (i + 1) & mask) {
      const key = this.keys[i];
      if (key === id) return this.values[i];
      if (Number.isNaN(key)) return NONE;
    }
  }

  // Adds an id known to be absent.
  set(id: number, slot: number): void {
    if (2 * (this.count + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = this.home(id);
    while (!Number.isNaN(this.keys[i])) i = (i + 1) & mask;
    this.keys[i] = id;
    this.values[i] = slot;
    this.count++;
  }

  delete(id: number): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    let i = this.home(id);
    while (keys[i] !== id) i = (i + 1) & mask;
    // Backward shift: move each later cell of the probe run into the gap unless its home lies
    // cyclically within (gap, cell], where it must stay to be found.
    for (let j = (i + 1) & mask; !Number.isNaN(keys[j]); j = (j + 1) & mask) {
      const h = this.home(keys[j]);
      const stays = i <= j ? i < h && h <= j : i < h || h <= j;
      if (stays) continue;
      keys[i] = keys[j];
      this.values[i] = this.values[j];
      i = j;
    }
    keys[i] = Number.NaN;
    this.count--;
  }

  // Fibonacci hashing of the id's low and high 32 bits (any finite number; fractions only collide).
  private home(id: number): number {
    const lo = id >>> 0;
    const hi = Math.floor(id / 4294967296) | 0;
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2).fill(Number.NaN);
    this.values = new Int32Array(keys.length * 2);
    this.shift--;
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (!Number.isNaN(keys[i])) this.set(keys[i], values[i]);
  }
}
