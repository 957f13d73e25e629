// A shared-bandwidth link under processor sharing: the active transfers split the
// capacity max-min fairly (equal shares, except that a transfer capped below its share
// gets its cap and the others split the rest).
//
// Cost: a virtual clock per cap class (engine/link-classes.ts) means an arrival or a
// departure costs O(log n + k) for n transfers in k distinct caps, with no per-transfer
// rescheduling. At most one completion event per link is pending in the kernel; it is
// cancelled and rescheduled whenever the rates change.
//
// Rounding: the fluid model runs on real-valued time, so no bandwidth is lost to
// rounding: when a transfer's last byte arrives at t*, its share goes to the others from
// t* on. The kernel clock is integer ms, so the completion is *observed* (onDone runs)
// at ceil(t*): at most 1 ms late, never early by more than TIME_TOL_MS, which only
// keeps float noise from pushing an exact whole-ms finish into the next ms. A finished
// transfer is reported as having delivered exactly its size.
//
// Capacity: the constructor needs a capacity > 0; setCapacity and followSchedule accept
// 0, meaning paused: no completion is pending while paused and transfers keep their
// progress.

import {
  ARRIVED,
  CANCELLED,
  CapClass,
  DONE,
  Member,
  SHARING,
  shareRates,
  type Transfer,
  type TransferDone,
} from './link-classes.js';
import { type EventId, MAX_TIME, type Simulation } from './simulation.js';
import type { Bytes, BytesPerSec, Millis } from './units.js';

export type { Transfer, TransferDone, TransferState } from './link-classes.js';

/** Options for a new link. */
export interface LinkOptions {
  /** Name used in event tags. */
  name: string;
  /** Bytes per second; must be > 0 and finite. */
  capacity: number;
  /** Default rate cap per transfer in bytes/s (default: uncapped). */
  perTransferCap?: number;
}

/** Options for one transfer. */
export interface StartOptions {
  /** Rate cap for this transfer in bytes/s, overriding the link's default. */
  cap?: number;
  /** Caller's label, kept on the handle. */
  tag?: string;
}

/** One capacity change: from time `at` (integer ms) the link carries `capacity` bytes/s. */
export interface CapacityStep {
  at: number;
  capacity: number;
}

/** Gives the next capacity change after `now`, or null when there are no more. */
export type CapacitySchedule = (now: Millis) => CapacityStep | null;

// Float tolerance on finish times (ms); see the rounding note at the top.
const TIME_TOL_MS = 1e-4;

/** A link of given capacity shared by concurrent transfers (processor sharing). */
export class Link {
  /** Name used in event tags. */
  readonly name: string;
  private readonly sim: Simulation;
  private readonly defaultCap: number;
  private capacityNow: number;
  /** Classes with at least one member, sorted by ascending cap (uncapped last). */
  private readonly classes: CapClass[] = [];
  private readonly byCap = new Map<number, CapClass>();
  private sharing = 0;
  private activeCount = 0;
  private nextId = 0;
  /** Fluid-model time of the last settle (ms, may be fractional mid-advance). */
  private settledAt: number;
  private finishedBytes = 0;
  private capacityWork = 0;
  private busyMs = 0;
  private busySince = 0;
  /** Transfers whose last byte has arrived, awaiting their completion event, oldest first. */
  private arrivedHead: Member | null = null;
  private arrivedTail: Member | null = null;
  private pending: EventId | null = null;
  private schedule: CapacitySchedule | null = null;
  private scheduleEvent: EventId | null = null;
  private readonly doneTag: string;
  private readonly onCompletion = (): void => this.complete();

  constructor(sim: Simulation, options: LinkOptions) {
    const { capacity } = options;
    if (!(capacity > 0 && Number.isFinite(capacity))) {
      throw new RangeError(`link capacity must be > 0, got ${capacity}`);
    }
    this.defaultCap = checkCap(options.perTransferCap ?? Number.POSITIVE_INFINITY);
    this.sim = sim;
    this.name = options.name;
    this.capacityNow = capacity;
    this.settledAt = sim.now;
    this.doneTag = `${options.name}/done`;
  }

  /** Current capacity in bytes/s (0 while paused). */
  get capacity(): BytesPerSec {
    return this.capacityNow as BytesPerSec;
  }

  /** Transfers started and neither observed complete nor cancelled. */
  get active(): number {
    return this.activeCount;
  }

  /** Starts moving `size` bytes; `onDone` runs once they have all arrived. */
  start(size: number, onDone: TransferDone, options: StartOptions = {}): Transfer {
    if (!(size >= 0 && Number.isFinite(size))) {
      throw new RangeError(`transfer size must be >= 0 bytes, got ${size}`);
    }
    const cap = checkCap(options.cap ?? this.defaultCap);
    const now = this.sim.now;
    this.advance(now);
    const m = new Member(this, this.nextId++, size as Bytes, now as Millis, cap, options.tag ?? '', onDone);
    if (this.activeCount++ === 0) this.busySince = now;
    if (size === 0) {
      // Nothing to move: it arrives at once, and is observed by a zero-delay event.
      m.phase = ARRIVED;
      this.pushArrived(m);
    } else {
      this.classFor(cap).add(m);
      this.sharing++;
      this.reshare();
    }
    this.reschedule();
    return m;
  }

  /**
   * Stops a transfer so that it never completes; returns the bytes it delivered. On a
   * transfer already done or cancelled it changes nothing and returns what it delivered.
   */
  cancel(transfer: Transfer): Bytes {
    const m = this.own(transfer);
    if (m.phase === DONE) return m.size;
    if (m.phase === CANCELLED) return m.deliveredAtEnd as Bytes;
    this.advance(this.sim.now);
    if (m.phase === ARRIVED) {
      // All bytes are in (its size is already counted); only the observation is dropped.
      // (If its completion event is running, m is in that event's batch, not in the list.)
      this.unlinkArrived(m);
      m.deliveredAtEnd = m.size;
    } else {
      const klass = m.klass as CapClass;
      m.deliveredAtEnd = klass.remove(m);
      this.finishedBytes += m.deliveredAtEnd;
      this.leave(klass);
      this.reshare();
    }
    m.phase = CANCELLED;
    this.end(m);
    this.reschedule();
    return m.deliveredAtEnd as Bytes;
  }

  /** Bytes this transfer has received so far (computed for the current time). */
  delivered(transfer: Transfer): Bytes {
    const m = this.own(transfer);
    if (m.phase === SHARING) {
      const klass = m.klass as CapClass;
      const v = klass.workAfter(this.sim.now - this.settledAt);
      return Math.min(m.size, Math.max(0, v - m.startWork)) as Bytes;
    }
    return (m.phase === CANCELLED ? m.deliveredAtEnd : m.size) as Bytes;
  }

  /** Current rate of this transfer in bytes/s (0 once its bytes are in). */
  rate(transfer: Transfer): BytesPerSec {
    const m = this.own(transfer);
    return (m.phase === SHARING ? (m.klass as CapClass).rate : 0) as BytesPerSec;
  }

  /** Sets the capacity from now on (bytes/s, finite, >= 0; 0 pauses the link). */
  setCapacity(bytesPerSec: number): void {
    checkScheduledCapacity(bytesPerSec);
    this.advance(this.sim.now);
    this.capacityNow = bytesPerSec;
    this.reshare();
    this.reschedule();
  }

  /**
   * Follows a capacity schedule: calls next(now) at once for the first change, and again
   * after applying each change. Steps must be at integer ms, each strictly after the
   * previous (the first may be now). A new call replaces the previous schedule; null
   * stops following. setCapacity() in between holds until the next step.
   */
  followSchedule(next: CapacitySchedule | null): void {
    if (this.scheduleEvent !== null) this.sim.cancel(this.scheduleEvent);
    this.scheduleEvent = null;
    this.schedule = next;
    if (next !== null) this.planStep(this.sim.now, true);
  }

  /** Bytes delivered so far over all transfers, including partial progress. */
  get bytesDelivered(): Bytes {
    const dt = this.sim.now - this.settledAt;
    let total = this.finishedBytes;
    for (const c of this.classes) total += c.progressAt(c.workAfter(dt));
    return total as Bytes;
  }

  /** Bytes the link could have carried since it was made: the integral of capacity. */
  get capacityBytes(): Bytes {
    return (this.capacityWork + (this.capacityNow * (this.sim.now - this.settledAt)) / 1000) as Bytes;
  }

  /** Ms during which at least one transfer was active. */
  get busyTime(): Millis {
    return (this.busyMs + (this.activeCount > 0 ? this.sim.now - this.busySince : 0)) as Millis;
  }

  /** Fraction of the offered capacity actually used so far (0 before any time passes). */
  utilisation(): number {
    const offered = this.capacityBytes;
    return offered > 0 ? this.bytesDelivered / offered : 0;
  }

  /** Kernel event: settle up to now, then deliver the completions that are due. */
  private complete(): void {
    this.pending = null;
    this.advance(this.sim.now);
    let m = this.arrivedHead;
    this.arrivedHead = null;
    this.arrivedTail = null;
    this.reschedule();
    while (m !== null) {
      const next = m.nextArrived;
      m.nextArrived = null;
      // A callback earlier in the batch may have cancelled this one.
      if (m.phase === ARRIVED) {
        m.phase = DONE;
        this.end(m);
        m.onDone(this.sim, m);
      }
      m = next;
    }
  }

  private pushArrived(m: Member): void {
    if (this.arrivedTail === null) this.arrivedHead = m;
    else this.arrivedTail.nextArrived = m;
    this.arrivedTail = m;
  }

  // O(arrived), as cancelling was before: arrived transfers wait at most until the next ms.
  private unlinkArrived(m: Member): void {
    let prev: Member | null = null;
    for (let x = this.arrivedHead; x !== null; prev = x, x = x.nextArrived) {
      if (x !== m) continue;
      if (prev === null) this.arrivedHead = m.nextArrived;
      else prev.nextArrived = m.nextArrived;
      if (this.arrivedTail === m) this.arrivedTail = prev;
      m.nextArrived = null;
      return;
    }
  }

  /**
   * Runs the fluid model up to time t: every transfer whose last byte arrives by then
   * leaves at its exact finish time, and the rates are recomputed for the rest.
   */
  private advance(t: number): void {
    for (;;) {
      // Earliest head over the classes, ties by id, so simultaneous finishes go in start order.
      let best: CapClass | null = null;
      let bestMs = Number.POSITIVE_INFINITY;
      for (const c of this.classes) {
        const ms = c.headRemainingMs();
        if (ms < bestMs || (ms === bestMs && best !== null && c.head()!.id < best.head()!.id)) {
          best = c;
          bestMs = ms;
        }
      }
      // The same expression as reschedule() uses, so the event it planned always finds
      // its transfer due (no float disagreement, no event that completes nothing).
      if (best === null || this.observedAt(bestMs) > t) break;
      this.settle(Math.min(Math.max(this.settledAt, this.settledAt + bestMs), t));
      const m = best.head() as Member;
      best.remove(m);
      m.phase = ARRIVED;
      this.finishedBytes += m.size;
      this.pushArrived(m);
      this.leave(best);
      this.reshare();
    }
    this.settle(t);
  }

  /** Moves every class clock and the capacity integral to time t. */
  private settle(t: number): void {
    const dt = t - this.settledAt;
    if (dt <= 0) return;
    for (const c of this.classes) c.advance(dt);
    this.capacityWork += (this.capacityNow * dt) / 1000;
    this.settledAt = t;
  }

  /** Replaces the pending completion event with one at the next observation time. */
  private reschedule(): void {
    if (this.pending !== null) this.sim.cancel(this.pending);
    this.pending = null;
    const now = this.sim.now;
    let when = Number.POSITIVE_INFINITY;
    if (this.arrivedHead !== null) when = now;
    else {
      for (const c of this.classes) when = Math.min(when, c.headRemainingMs());
      when = Math.max(now, this.observedAt(when));
    }
    // A finish beyond the clock's range (a crawl at a tiny rate) is never observed.
    if (when <= MAX_TIME) this.pending = this.sim.at(when, this.onCompletion, this.doneTag);
  }

  /** Whole ms at which a finish `remainingMs` after the last settle is observed. */
  private observedAt(remainingMs: number): number {
    return Math.ceil(this.settledAt + remainingMs - TIME_TOL_MS);
  }

  private reshare(): void {
    shareRates(this.classes, this.capacityNow, this.sharing);
  }

  private classFor(cap: number): CapClass {
    let c = this.byCap.get(cap);
    if (c === undefined) {
      c = new CapClass(cap);
      this.byCap.set(cap, c);
      let i = this.classes.length;
      while (i > 0 && this.classes[i - 1].cap > cap) i--;
      this.classes.splice(i, 0, c);
    }
    return c;
  }

  /** Bookkeeping after a member left its class; an empty class is dropped (re-based). */
  private leave(klass: CapClass): void {
    this.sharing--;
    if (klass.size > 0) return;
    this.byCap.delete(klass.cap);
    this.classes.splice(this.classes.indexOf(klass), 1);
  }

  /** Bookkeeping when a transfer stops being active. */
  private end(m: Member): void {
    const now = this.sim.now;
    m.endedAt = now as Millis;
    if (--this.activeCount === 0) this.busyMs += now - this.busySince;
  }

  private planStep(now: number, first: boolean): void {
    const step = (this.schedule as CapacitySchedule)(now as Millis);
    if (step === null) return;
    if (!Number.isInteger(step.at) || step.at < now || (!first && step.at === now)) {
      throw new RangeError(`capacity step must be at an integer ms after ${now}, got ${step.at}`);
    }
    checkScheduledCapacity(step.capacity);
    this.scheduleEvent = this.sim.at(
      step.at,
      () => {
        this.scheduleEvent = null;
        this.setCapacity(step.capacity);
        this.planStep(step.at, false);
      },
      `${this.name}/capacity`,
    );
  }

  private own(transfer: Transfer): Member {
    if (!(transfer instanceof Member) || transfer.owner !== this) {
      throw new Error(`transfer ${transfer.id} does not belong to link ${this.name}`);
    }
    return transfer;
  }
}

function checkCap(cap: number): number {
  if (!(cap > 0)) throw new RangeError(`transfer cap must be > 0 bytes/s, got ${cap}`);
  return cap;
}

function checkScheduledCapacity(capacity: number): void {
  if (!(capacity >= 0 && Number.isFinite(capacity))) {
    throw new RangeError(`link capacity must be >= 0 and finite, got ${capacity}`);
  }
}
