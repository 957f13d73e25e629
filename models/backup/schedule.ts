// When a policy's scheduled backups happen: the next slot at or after an instant, in
// epoch ms, from the policy's local schedule (docs/reference.md §1.3–1.4), and the board
// that delivers a fleet's slots with one kernel event per instant.

import type { Simulation } from '../../engine/simulation.js';
import { MS } from '../../engine/units.js';
import { nextDailyAt, nextWeeklyAt } from '../calendar.js';
import type { Schedule } from '../scenario/types.js';

/** One scheduled backup: when, and whether it is the last slot of its day's window. */
export interface Slot {
  at: number;
  /** True for the last slot of an hourly window, and for every daily/weekly slot. */
  lastOfDay: boolean;
  /** Start of the slot's daily window (= at for daily/weekly): the day its vault point belongs to. */
  windowStart: number;
}

/** The first scheduled slot at or after `after` (epoch ms). */
export function nextSlot(schedule: Schedule, after: number): Slot {
  const { frequency, at, timeZone } = schedule;
  if (frequency === 'daily') {
    const t = nextDailyAt(after, at, timeZone);
    return { at: t, lastOfDay: true, windowStart: t };
  }
  if (frequency === 'weekly') {
    const t = nextWeeklyAt(after, schedule.days, at, timeZone);
    return { at: t, lastOfDay: true, windowStart: t };
  }
  const every = schedule.every ?? 4 * MS.hour;
  const window = schedule.window;
  const slots = Math.floor((window - 1) / every) + 1;
  // The window holding `after`, if any, started within the last `window` ms.
  let start = nextDailyAt(Math.max(0, after - window + 1), at, timeZone);
  for (;;) {
    const k = Math.max(0, Math.ceil((after - start) / every));
    if (k < slots) return { at: start + k * every, lastOfDay: k === slots - 1, windowStart: start };
    start = nextDailyAt(start + MS.hour, at, timeZone);
  }
}

// nextSlot per (schedule, instant): the items of a policy ask for the same slots in turn.
const slotMemo = new WeakMap<Schedule, Map<number, Slot>>();

// The last answer of cachedNextSlot: a policy's items book their next slot one after another
// from the same instant (the slot just delivered), so most calls ask it again.
let lastSchedule: Schedule | null = null;
let lastAfter = Number.NaN;
let lastSlot: Slot | null = null;

/** nextSlot, remembered per schedule (taken as immutable) and instant; the same Slot object each time. */
export function cachedNextSlot(schedule: Schedule, after: number): Slot {
  if (after === lastAfter && schedule === lastSchedule) return lastSlot!;
  const slot = memoNextSlot(schedule, after);
  lastSchedule = schedule;
  lastAfter = after;
  lastSlot = slot;
  return slot;
}

function memoNextSlot(schedule: Schedule, after: number): Slot {
  let memo = slotMemo.get(schedule);
  if (memo === undefined) {
    memo = new Map();
    slotMemo.set(schedule, memo);
  }
  let slot = memo.get(after);
  if (slot === undefined) {
    slot = nextSlot(schedule, after);
    memo.set(after, slot);
  }
  return slot;
}

/** What a booked slot is delivered to. */
export interface SlotTarget {
  onSlot(slot: Slot): void;
}

// The bookings of one instant: the first `count` entries of the arrays. A spent batch keeps
// its arrays' room (emptying them with length = 0 would make every push of the next day's
// thousands of bookings allocate again).
interface Batch {
  targets: (SlotTarget | null)[];
  slots: (Slot | null)[];
  count: number;
}

/**
 * Delivers booked slots with one kernel event per distinct instant, however many items
 * share it (a policy's whole fleet does), calling the targets in booking order. That is the
 * order one event per booking would run them in, since the kernel breaks ties by scheduling
 * order; the batch's event is scheduled at the instant's first booking.
 */
export class SlotBoard {
  private readonly batches = new Map<number, Batch>();
  private readonly spare: Batch[] = [];
  // The batch of the last booking (book's memo), until that instant is delivered.
  private lastAt = Number.NaN;
  private lastBatch: Batch | undefined = undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly tag = 'backup/slot',
  ) {}

  /** Delivers `slot` to `target` at simulation time `at` (not before now). */
  book(at: number, target: SlotTarget, slot: Slot): void {
    // Bookings come in runs for one instant (a policy's items book the same next slot).
    let batch = at === this.lastAt ? this.lastBatch : this.batches.get(at);
    if (batch === undefined) {
      batch = this.spare.pop() ?? { targets: [], slots: [], count: 0 };
      this.batches.set(at, batch);
      this.sim.at(at, () => this.deliver(at), this.tag);
    }
    this.lastAt = at;
    this.lastBatch = batch;
    const k = batch.count++;
    if (k === batch.targets.length) {
      batch.targets.push(target);
      batch.slots.push(slot);
    } else {
      batch.targets[k] = target;
      batch.slots[k] = slot;
    }
  }

  private deliver(at: number): void {
    const batch = this.batches.get(at)!;
    this.batches.delete(at);
    if (at === this.lastAt) {
      this.lastAt = Number.NaN;
      this.lastBatch = undefined;
    }
    const { targets, slots } = batch;
    // Bookings made while delivering are for later instants, so count does not change here.
    for (let i = 0; i < batch.count; i++) {
      targets[i]!.onSlot(slots[i]!);
      targets[i] = null;
      slots[i] = null;
    }
    batch.count = 0;
    this.spare.push(batch);
  }
}
