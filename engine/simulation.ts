// The simulation kernel: a clock in integer milliseconds, a future-event list ordered
// by (time, seq), lazy cancellation, and the run loop. It knows nothing of what the
// events mean: a handler is a function, a tag is an opaque label for traces and the
// run's fingerprint.

import { EventQueue } from './event-queue.js';
import { Fingerprint } from './fingerprint.js';

/** What runs when an event fires; it may schedule or cancel further events. */
export type Handler = (sim: Simulation) => void;

/** Opaque handle for cancelling a scheduled event. */
export type EventId = number;

/** Called after each processed event, e.g. to write a trace. */
export type TraceListener = (time: number, tag: string) => void;

// An EventId packs (generation, slot): a slot is reused after its event fires, and the
// generation tells a stale id from the live one, so cancel() is O(1) and never a scan.
const SLOT_BITS = 26;
const SLOT_LIMIT = 2 ** SLOT_BITS;
// Generations wrap at 2^27 so that gen * 2^26 + slot stays a safe integer.
const GEN_MASK = 2 ** (53 - SLOT_BITS) - 1;

/**
 * The clock's range: times are integer ms from 0 to MAX_TIME (2^53 − 1, about 285,000 years),
 * where integer arithmetic on doubles is exact. Scheduling beyond it throws; a caller whose
 * event could fall past it (a crawl at a tiny rate) leaves it unscheduled, as it would never
 * be reached.
 */
export const MAX_TIME = Number.MAX_SAFE_INTEGER;

/** Options for a new simulation. */
export interface SimulationOptions {
  /** Clock value at the start, in ms (default 0). */
  start?: number;
}

/** The event loop: schedule handlers at times, then run them in (time, seq) order. */
export class Simulation {
  private clock: number;
  private seq = 0;
  private processedCount = 0;
  private liveCount = 0;
  private stopRequested = false;
  private readonly queue = new EventQueue();
  private handlers: (Handler | null)[] = [];
  private tags: string[] = [];
  private gens = new Uint32Array(64);
  private freeSlots: number[] = [];
  private readonly print = new Fingerprint();
  private listener: TraceListener | null = null;

  constructor(options: SimulationOptions = {}) {
    const start = options.start ?? 0;
    checkTime(start, 'start');
    this.clock = start;
  }

  /** Current simulation time in ms. */
  get now(): number {
    return this.clock;
  }

  /** Events processed so far. */
  get processed(): number {
    return this.processedCount;
  }

  /** Events scheduled and neither fired nor cancelled. */
  get pending(): number {
    return this.liveCount;
  }

  /** Schedules `handler` at absolute time `time` (ms, integer, not before now). */
  at(time: number, handler: Handler, tag = ''): EventId {
    checkTime(time, 'time');
    if (time < this.clock) throw new RangeError(`schedule in the past: ${time} < now ${this.clock}`);
    return this.enqueue(time, handler, tag);
  }

  /** Schedules `handler` after `delay` ms (integer, >= 0) from now. */
  after(delay: number, handler: Handler, tag = ''): EventId {
    if (!Number.isInteger(delay)) throw new RangeError(`delay must be an integer number of ms, got ${delay}`);
    if (delay < 0) throw new RangeError(`negative delay ${delay} ms`);
    const time = this.clock + delay;
    if (time > MAX_TIME)
      throw new RangeError(`delay ${delay} ms from ${this.clock} passes the clock's range (${MAX_TIME} ms)`);
    return this.enqueue(time, handler, tag);
  }

  /** Cancels a scheduled event; returns false if it already fired or was cancelled. */
  cancel(id: EventId): boolean {
    const slot = id % SLOT_LIMIT;
    const gen = Math.floor(id / SLOT_LIMIT);
    if (slot >= this.handlers.length || this.gens[slot] !== gen || this.handlers[slot] === null) return false;
    // Lazy: the heap entry stays as a tombstone and is skipped when it reaches the top.
    this.handlers[slot] = null;
    this.liveCount--;
    return true;
  }

  /** Time of the next live event, or Infinity when none is pending. */
  peek(): number {
    this.dropTombstones();
    return this.queue.size === 0 ? Number.POSITIVE_INFINITY : this.queue.topTime();
  }

  /** Processes the next live event; returns false when none is pending. */
  step(): boolean {
    this.dropTombstones();
    if (this.queue.size === 0) return false;
    this.fire();
    return true;
  }

  /**
   * Processes every event with time <= `until` (ms), then sets the clock to `until`.
   * Without `until`, runs until no event is pending. A handler may call stop().
   */
  run(until = Number.POSITIVE_INFINITY): void {
    if (until !== Number.POSITIVE_INFINITY) {
      checkTime(until, 'until');
      if (until < this.clock) throw new RangeError(`run until ${until} is before now ${this.clock}`);
    }
    this.stopRequested = false;
    const queue = this.queue;
    const handlers = this.handlers;
    while (!this.stopRequested && queue.size > 0) {
      if (handlers[queue.topSlot()] === null) {
        this.releaseSlot(queue.pop());
        continue;
      }
      if (queue.topTime() > until) break;
      this.fire();
    }
    if (!this.stopRequested && until !== Number.POSITIVE_INFINITY) this.clock = until;
  }

  /** Asks run() to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Registers a listener called after every processed event (one at a time). */
  onEvent(listener: TraceListener | null): void {
    this.listener = listener;
  }

  /**
   * Folds a value observed now into the fingerprint, so state that changes without an
   * event of its own (work done inside a handler) still tells two runs apart.
   */
  note(tag: string, value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`note "${tag}" needs a finite value, got ${value}`);
    this.print.add(this.clock, tag);
    this.print.add(Math.abs(Math.round(value)), tag);
  }

  /** Hex digest over the (time, tag) of every processed event, in order. */
  fingerprint(): string {
    return this.print.digest();
  }

  private enqueue(time: number, handler: Handler, tag: string): EventId {
    const slot = this.allocSlot();
    this.handlers[slot] = handler;
    this.tags[slot] = tag;
    this.queue.push(time, this.seq++, slot);
    this.liveCount++;
    return this.gens[slot] * SLOT_LIMIT + slot;
  }

  private fire(): void {
    const time = this.queue.topTime();
    const slot = this.queue.pop();
    const handler = this.handlers[slot] as Handler;
    const tag = this.tags[slot];
    this.releaseSlot(slot);
    this.liveCount--;
    this.clock = time;
    this.processedCount++;
    this.print.add(time, tag);
    handler(this);
    if (this.listener !== null) this.listener(time, tag);
  }

  private dropTombstones(): void {
    const queue = this.queue;
    while (queue.size > 0 && this.handlers[queue.topSlot()] === null) this.releaseSlot(queue.pop());
  }

  private allocSlot(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    const slot = this.handlers.length;
    if (slot >= SLOT_LIMIT) throw new RangeError(`more than ${SLOT_LIMIT} events pending`);
    if (slot === this.gens.length) {
      const gens = new Uint32Array(slot * 2);
      gens.set(this.gens);
      this.gens = gens;
    }
    this.handlers.push(null);
    this.tags.push('');
    return slot;
  }

  private releaseSlot(slot: number): void {
    this.handlers[slot] = null;
    this.gens[slot] = (this.gens[slot] + 1) & GEN_MASK;
    this.freeSlots.push(slot);
  }

  /** Bytes held by the kernel's per-event arrays (heap keys, slot tables). */
  byteSize(): number {
    // Pointer-sized entries for handlers, tags and the free list; typed arrays exactly.
    const pointer = 8;
    return (
      this.queue.byteSize() +
      this.gens.byteLength +
      pointer * (this.handlers.length * 2 + this.freeSlots.length)
    );
  }
}

function checkTime(value: number, what: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${what} must be an integer number of ms, got ${value}`);
  if (value < 0) throw new RangeError(`${what} must be >= 0 ms, got ${value}`);
  if (value > MAX_TIME) throw new RangeError(`${what} ${value} ms passes the clock's range (${MAX_TIME} ms)`);
}
