// Bookkeeping behind Link (engine/link.ts): transfers are grouped into classes by rate
// cap. Every member of a class receives the same rate, so one virtual-work clock per
// class (bytes each member has received since the class's origin) replaces per-transfer
// progress counters, and a member finishes when its class clock reaches the finish work
// it was given on arrival. Members sit in a min-heap keyed by (finish work, id).

import type { Simulation } from './simulation.js';
import type { Bytes, Millis } from './units.js';

/** Where a transfer is in its life, as callers see it. */
export type TransferState = 'active' | 'done' | 'cancelled';

/** Read-only handle to one transfer on a link. */
export interface Transfer {
  /** Per-link sequence number in start order; it breaks every tie. */
  readonly id: number;
  /** Bytes to move. */
  readonly size: Bytes;
  /** Time the transfer was started, in ms. */
  readonly startedAt: Millis;
  /** Rate cap in bytes/s; Infinity when uncapped. */
  readonly cap: number;
  /** Caller's label, carried for traces. */
  readonly tag: string;
  /** Active until its completion is delivered or it is cancelled. */
  readonly state: TransferState;
  /** Time the completion was delivered or the cancel happened; null while active. */
  readonly endedAt: Millis | null;
}

/** Called once a transfer's last byte has arrived (observed at the next whole ms). */
export type TransferDone = (sim: Simulation, transfer: Transfer) => void;

/** Internal phases: SHARING holds a share of the link; ARRIVED has all its bytes but
 *  its completion event has not fired yet; DONE and CANCELLED are final. */
export const SHARING = 0;
/** All bytes delivered in the fluid model; completion not yet observed. */
export const ARRIVED = 1;
/** Completion delivered to the caller. */
export const DONE = 2;
/** Cancelled before its completion was delivered. */
export const CANCELLED = 3;

// Past this much virtual work a class clock is shifted back to 0, so that differences
// of large, nearly equal floats (finish work minus clock) keep their precision.
const REBASE_WORK = 2 ** 40;

/** A transfer as the link tracks it; callers only ever see the Transfer interface. */
export class Member implements Transfer {
  phase = SHARING;
  endedAt: Millis | null = null;
  /** Bytes delivered when it was cancelled (size once it arrived). */
  deliveredAtEnd = 0;
  /** Class clock value when it arrived and when it will be done. */
  startWork = 0;
  finishWork = 0;
  heapIndex = -1;
  klass: CapClass | null = null;
  /** The next transfer in the link's list of arrived ones (a list, so arriving allocates nothing). */
  nextArrived: Member | null = null;

  constructor(
    readonly owner: object,
    readonly id: number,
    readonly size: Bytes,
    readonly startedAt: Millis,
    readonly cap: number,
    readonly tag: string,
    readonly onDone: TransferDone,
  ) {}

  /** Public view of the phase: an arrived transfer is still active until observed. */
  get state(): TransferState {
    if (this.phase === DONE) return 'done';
    return this.phase === CANCELLED ? 'cancelled' : 'active';
  }
}

/** The members sharing one rate cap, with their common virtual-work clock. */
export class CapClass {
  /** Bytes each member has received since the class's origin, as of the last settle. */
  work = 0;
  /** Current rate of each member, bytes/s. */
  rate = 0;
  /** Sum over members of (work - startWork): bytes the members hold so far. */
  progress = 0;
  private readonly heap: Member[] = [];

  constructor(readonly cap: number) {}

  /** Number of members. */
  get size(): number {
    return this.heap.length;
  }

  /** The member that finishes first (smallest finish work, then id). */
  head(): Member | undefined {
    return this.heap[0];
  }

  /** Adds a member that has `size` bytes to receive from now on. */
  add(m: Member): void {
    m.klass = this;
    m.startWork = this.work;
    m.finishWork = this.work + m.size;
    m.heapIndex = this.heap.length;
    this.heap.push(m);
    this.siftUp(m.heapIndex);
  }

  /** Removes a member (head or not) in O(log n); returns the bytes it had received. */
  remove(m: Member): number {
    const got = Math.min(m.size, Math.max(0, this.work - m.startWork));
    this.progress -= this.work - m.startWork;
    const i = m.heapIndex;
    const last = this.heap.pop() as Member;
    if (last !== m) {
      this.heap[i] = last;
      last.heapIndex = i;
      this.siftUp(i);
      this.siftDown(last.heapIndex);
    }
    m.heapIndex = -1;
    m.klass = null;
    // An empty class is dropped by the link; resetting here keeps drift from carrying over.
    if (this.heap.length === 0) this.progress = 0;
    return got;
  }

  /** Moves the class clock forward by `dtMs` at the current rate. */
  advance(dtMs: number): void {
    const perMember = (this.rate * dtMs) / 1000;
    this.work += perMember;
    this.progress += perMember * this.heap.length;
    if (this.work > REBASE_WORK) this.rebase();
  }

  /** The class clock `dtMs` after the last settle, without moving it. */
  workAfter(dtMs: number): number {
    return this.work + (this.rate * dtMs) / 1000;
  }

  /** Ms from the last settle until the head finishes (Infinity at rate 0). */
  headRemainingMs(): number {
    const h = this.heap[0];
    if (h === undefined || this.rate <= 0) return Number.POSITIVE_INFINITY;
    return ((h.finishWork - this.work) / this.rate) * 1000;
  }

  /** Bytes members would hold at clock value `v`, not counting work past a finish. */
  progressAt(v: number): number {
    return Math.max(0, this.progress + (v - this.work) * this.heap.length - this.overshoot(v));
  }

  /** Sum of (v - finishWork) over members already past their finish at clock `v`. */
  private overshoot(v: number): number {
    const heap = this.heap;
    if (heap.length === 0 || heap[0].finishWork >= v) return 0;
    // Heap order lets the walk prune every subtree whose root is not past v, so this
    // costs O(members past v); that only happens within the ms before an observation.
    let sum = 0;
    const stack = [0];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      if (i >= heap.length || heap[i].finishWork >= v) continue;
      sum += v - heap[i].finishWork;
      stack.push(2 * i + 1, 2 * i + 2);
    }
    return sum;
  }

  private rebase(): void {
    // A uniform shift keeps heap order; ties it might create are broken by id, which
    // is start order within the class anyway.
    const base = this.work;
    for (const m of this.heap) {
      m.startWork -= base;
      m.finishWork -= base;
    }
    this.work = 0;
  }

  private less(a: Member, b: Member): boolean {
    return a.finishWork < b.finishWork || (a.finishWork === b.finishWork && a.id < b.id);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const m = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(m, heap[parent])) break;
      heap[i] = heap[parent];
      heap[i].heapIndex = i;
      i = parent;
    }
    heap[i] = m;
    m.heapIndex = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const m = heap[i];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.less(heap[child + 1], heap[child])) child++;
      if (!this.less(heap[child], m)) break;
      heap[i] = heap[child];
      heap[i].heapIndex = i;
      i = child;
    }
    heap[i] = m;
    m.heapIndex = i;
  }
}

/**
 * Water-filling (max-min fairness) over classes sorted by ascending cap: a class whose
 * cap is below the fair share of what is left gets its cap, the rest split the remainder
 * equally. O(k) for k classes; k is the number of distinct caps, small in practice.
 */
export function shareRates(classes: readonly CapClass[], capacity: number, members: number): void {
  let left = capacity;
  let n = members;
  let i = 0;
  for (; i < classes.length; i++) {
    const c = classes[i];
    if (c.cap >= left / n) break;
    c.rate = c.cap;
    left = Math.max(0, left - c.cap * c.size);
    n -= c.size;
  }
  const share = n > 0 ? left / n : 0;
  for (; i < classes.length; i++) classes[i].rate = share;
}
