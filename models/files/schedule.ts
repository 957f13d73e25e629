// When a file-share policy's scheduled backups happen (docs/reference.md §13.2): daily at a
// time, or every 4–12 h in a window whose end is a slot too — "a 9:00 start every 4 hours for
// 12 hours gives 9, 13, 17 and 21". The loader's 200-snapshot count (§13.3) and the runtime
// both count a window's slots with windowSlots, so they cannot disagree.

import { MS } from '../../engine/units.js';
import { cachedNextSlot, type Slot } from '../backup/schedule.js';
import { nextDailyAt } from '../calendar.js';
import type { Schedule } from '../scenario/types.js';

/**
 * Scheduled backups in a day: 1 for a daily schedule; for an hourly one the window's start and
 * every `every` after it up to and including its end (§13.2), except a slot at the local
 * midnight ending the window's day (**assumption**: it would fall on the next day, which §13.2
 * forbids: "extends backup window to next day") and, for a 24 h window, its end, which is the
 * next window's start. So 09:00 + 12 h every 4 h is 4 (9, 13, 17, 21); 00:00 + 24 h every 4 h
 * is 6 (0, 4 … 20: §13.2's "up to 6 a day"); 12:00 + 12 h every 4 h is 3 (12, 16, 20).
 */
export function windowSlots(s: Schedule): number {
  if (s.frequency !== 'hourly') return 1;
  const every = s.every ?? 4 * MS.hour;
  // The last offset a slot may have from the window's start.
  const last = s.window >= MS.day ? s.window - 1 : Math.min(s.window, MS.day - s.at * MS.minute - 1);
  return Math.floor(last / every) + 1;
}

// The last answer of nextShareSlot: an item's shares and a policy's items ask in turn.
let lastSchedule: Schedule | null = null;
let lastAfter = Number.NaN;
let lastSlot: Slot | null = null;

/** The first slot of a file-share schedule at or after `after` (epoch ms). */
export function nextShareSlot(schedule: Schedule, after: number): Slot {
  if (schedule.frequency !== 'hourly') return cachedNextSlot(schedule, after);
  if (after === lastAfter && schedule === lastSchedule) return lastSlot!;
  const every = schedule.every ?? 4 * MS.hour;
  const slots = windowSlots(schedule);
  const span = (slots - 1) * every;
  // The window holding `after`, if any, started at most `span` ms before it (its last slot).
  let start = nextDailyAt(Math.max(0, after - span), schedule.at, schedule.timeZone);
  let slot: Slot;
  for (;;) {
    const k = Math.max(0, Math.ceil((after - start) / every));
    if (k < slots) {
      slot = { at: start + k * every, lastOfDay: k === slots - 1, windowStart: start };
      break;
    }
    start = nextDailyAt(start + MS.hour, schedule.at, schedule.timeZone);
  }
  lastSchedule = schedule;
  lastAfter = after;
  lastSlot = slot;
  return slot;
}
