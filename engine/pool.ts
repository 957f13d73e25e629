// A counting pool of n slots: a request is granted when a slot is free, else it waits
// in FIFO order of request. Every grant through acquire() is delivered by a zero-delay
// kernel event, even when a slot is free at once, so the granted handler never runs inside
// acquire() or release() and ordering among simultaneous grants is the kernel's (time, seq)
// order. tryAcquire() is the synchronous alternative: a free slot now, or nothing.
// The slot is reserved when the grant is scheduled, so nobody can overtake in between.
// Cancelling a waiting request is O(1): it is marked and skipped when it reaches the head.
//
// Handoff (PoolOptions.handoff): a released slot goes straight to the first waiter, whose
// handler runs inside release(), after the pool's books are updated, with no kernel event.
// A handler that releases again does not recurse: the next handoff runs when the current
// handler returns, still inside the outermost release(), in FIFO order. Measured on the
// largest bench (`npm run bench -- fleet`), busy pools made 3.6 M of its 13.9 M events
// zero-delay grants.

import type { EventId, Simulation } from './simulation.js';
import type { Millis } from './units.js';

/** Options for a new pool. */
export interface PoolOptions {
  /** Name used in event tags. */
  name: string;
  /** Number of slots: an integer >= 1. */
  slots: number;
  /**
   * Hand a released slot to the first waiter inside release() instead of through a
   * zero-delay event (default false). Grants through acquire() with a free slot still go
   * through an event.
   */
  handoff?: boolean;
}

/** Where a request is: waiting (queued, or its grant event pending), granted, cancelled. */
export type RequestState = 'waiting' | 'granted' | 'cancelled';

/** Read-only handle to one acquire() call. */
export interface Request {
  /** Per-pool sequence number in request order. */
  readonly id: number;
  /** Time of the acquire() call. */
  readonly requestedAt: Millis;
  readonly state: RequestState;
  /** The lease once granted, else null. */
  readonly lease: Lease | null;
}

/** A held slot; release it exactly once. */
export interface Lease {
  readonly request: Request;
  /** Time the slot was granted. */
  readonly grantedAt: Millis;
  readonly released: boolean;
  /** Gives the slot back (to the next waiting request, if any); throws if already released. */
  release(): void;
}

/** Called when a request is granted its slot. */
export type Granted = (sim: Simulation, lease: Lease) => void;

const QUEUED = 0;
const RESERVED = 1;
const GRANTED = 2;
const CANCELLED = 3;

// Pool's method behind Lease.release(), keyed by a symbol only this module holds.
const GIVE_BACK = Symbol('giveBack');

// A request and, once granted, its lease: one object, so a grant allocates nothing more.
class Waiter implements Request, Lease {
  phase = QUEUED;
  event: EventId | null = null;
  grantedAt = 0 as Millis;
  released = false;
  constructor(
    readonly owner: Pool,
    readonly id: number,
    readonly requestedAt: Millis,
    readonly onGranted: Granted,
  ) {}

  get state(): RequestState {
    if (this.phase === GRANTED) return 'granted';
    return this.phase === CANCELLED ? 'cancelled' : 'waiting';
  }

  get lease(): Lease | null {
    return this.phase === GRANTED ? this : null;
  }

  get request(): Request {
    return this;
  }

  release(): void {
    if (this.released) {
      throw new Error(`lease of request ${this.id} on pool ${this.owner.name} released twice`);
    }
    this.released = true;
    this.owner[GIVE_BACK]();
  }
}

// The handler of a request granted by tryAcquire, which has none to call.
const NO_HANDLER: Granted = () => {};

// Cancelled requests left in the queue before it is compacted (see cancel()).
const COMPACT_AFTER = 32;

/** A fixed number of slots handed out first come, first served. */
export class Pool {
  /** Name used in event tags. */
  readonly name: string;
  /** Number of slots. */
  readonly slots: number;
  private readonly sim: Simulation;
  private held = 0;
  private queue: Waiter[] = [];
  private head = 0;
  private queued = 0;
  private tombstones = 0;
  private peak = 0;
  private waitMs = 0;
  private grants = 0;
  private nextId = 0;
  private readonly grantTag: string;
  private readonly handoff: boolean;
  // Handoffs waiting for the handler now running to return (see "Handoff" above).
  private readonly handing: Waiter[] = [];
  private handingHead = -1;

  constructor(sim: Simulation, options: PoolOptions) {
    const { slots } = options;
    if (!(Number.isInteger(slots) && slots >= 1)) {
      throw new RangeError(`pool slots must be an integer >= 1, got ${slots}`);
    }
    this.sim = sim;
    this.name = options.name;
    this.slots = slots;
    this.grantTag = `${options.name}/grant`;
    this.handoff = options.handoff === true;
  }

  /** Slots held or reserved for a grant about to be delivered. */
  get inUse(): number {
    return this.held;
  }

  /** Requests queued for a slot. */
  get waiting(): number {
    return this.queued;
  }

  /** Largest inUse seen so far. */
  get maxInUse(): number {
    return this.peak;
  }

  /** Sum over granted requests of (grant time - request time), in ms. */
  get totalWaitTime(): Millis {
    return this.waitMs as Millis;
  }

  /** Requests granted so far. */
  get granted(): number {
    return this.grants;
  }

  /** Asks for a slot; `onGranted` runs (from a kernel event) once one is this request's. */
  acquire(onGranted: Granted): Request {
    const w = new Waiter(this, this.nextId++, this.sim.now as Millis, onGranted);
    // Waiters exist only while every slot is taken, so a free slot means nobody is ahead.
    if (this.held < this.slots) this.reserve(w);
    else {
      this.queue.push(w);
      this.queued++;
    }
    return w;
  }

  /**
   * Takes a free slot at once and returns its lease, or null when every slot is held or
   * reserved (then acquire() waits in line). The lease is granted inside this call, with no
   * kernel event: for a caller already running in an event that would otherwise wait for a
   * zero-delay grant. A free slot means nobody is waiting, so no one is overtaken.
   */
  tryAcquire(): Lease | null {
    if (this.held >= this.slots) return null;
    const now = this.sim.now as Millis;
    const w = new Waiter(this, this.nextId++, now, NO_HANDLER);
    this.held++;
    if (this.held > this.peak) this.peak = this.held;
    w.phase = GRANTED;
    w.grantedAt = now;
    this.grants++;
    return w;
  }

  /**
   * Withdraws a request not yet granted (queued, or its grant event still pending);
   * returns false if it was already granted or cancelled (release its lease instead).
   */
  cancel(request: Request): boolean {
    const w = this.own(request);
    if (w.phase === QUEUED) {
      w.phase = CANCELLED;
      this.queued--;
      if (++this.tombstones > COMPACT_AFTER && this.tombstones > this.queued) this.compact();
      return true;
    }
    if (w.phase === RESERVED) {
      // A handoff waiting for its turn inside release() has no event; it is skipped.
      if (w.event !== null) this.sim.cancel(w.event);
      w.event = null;
      w.phase = CANCELLED;
      this[GIVE_BACK]();
      return true;
    }
    return false;
  }

  /** Returns a slot (a lease's release): hands it to the first live waiter, or frees it. */
  [GIVE_BACK](): void {
    this.held--;
    const next = this.dequeue();
    if (next === null) return;
    if (!this.handoff) {
      this.reserve(next);
      return;
    }
    this.take(next);
    this.handing.push(next);
    if (this.handingHead >= 0) return; // a handler is running: the loop below reaches this one
    try {
      for (this.handingHead = 0; this.handingHead < this.handing.length; this.handingHead++) {
        const w = this.handing[this.handingHead];
        if (w.phase === RESERVED) this.grant(w);
      }
    } finally {
      this.handing.length = 0;
      this.handingHead = -1;
    }
  }

  private take(w: Waiter): void {
    this.held++;
    if (this.held > this.peak) this.peak = this.held;
    w.phase = RESERVED;
  }

  private reserve(w: Waiter): void {
    this.take(w);
    w.event = this.sim.after(0, () => this.grant(w), this.grantTag);
  }

  private grant(w: Waiter): void {
    const now = this.sim.now as Millis;
    w.phase = GRANTED;
    w.event = null;
    w.grantedAt = now;
    this.grants++;
    this.waitMs += now - w.requestedAt;
    w.onGranted(this.sim, w);
  }

  private dequeue(): Waiter | null {
    while (this.head < this.queue.length) {
      const w = this.queue[this.head++];
      if (w.phase === QUEUED) {
        this.queued--;
        if (this.head > COMPACT_AFTER && this.head * 2 > this.queue.length) this.compact();
        return w;
      }
      this.tombstones--;
    }
    this.queue = [];
    this.head = 0;
    return null;
  }

  /** Drops the consumed prefix and cancelled entries; amortised by what it drops. */
  private compact(): void {
    this.queue = this.queue.slice(this.head).filter((w) => w.phase === QUEUED);
    this.head = 0;
    this.tombstones = 0;
  }

  private own(request: Request): Waiter {
    if (!(request instanceof Waiter) || request.owner !== this) {
      throw new Error(`request ${request.id} does not belong to pool ${this.name}`);
    }
    return request;
  }
}
