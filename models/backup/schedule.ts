// When a policy's scheduled backups happen: the next slot at or after an instant, in
// epoch ms, from the policy's local schedule (reference/azure.md §1.3–1.4).

import { MS } from '../../engine/units.js';
import { nextDailyAt, nextWeeklyAt } from '../calendar.js';
import type { Schedule } from '../scenario/types.js';

/** One scheduled backup: when, and whether it is the last slot of its day's window. */
export interface Slot {
  at: number;
  /** True for the last slot of an hourly window, and for every daily/weekly slot. */
  lastOfDay: boolean;
}

/** The first scheduled slot at or after `after` (epoch ms). */
export function nextSlot(schedule: Schedule, after: number): Slot {
  const { frequency, at, timeZone } = schedule;
  if (frequency === 'daily') return { at: nextDailyAt(after, at, timeZone), lastOfDay: true };
  if (frequency === 'weekly')
    return { at: nextWeeklyAt(after, schedule.days, at, timeZone), lastOfDay: true };
  const every = schedule.every ?? 4 * MS.hour;
  const window = schedule.window;
  const slots = Math.floor((window - 1) / every) + 1;
  // The window holding `after`, if any, started within the last `window` ms.
  let start = nextDailyAt(Math.max(0, after - window + 1), at, timeZone);
  for (;;) {
    const k = Math.max(0, Math.ceil((after - start) / every));
    if (k < slots) return { at: start + k * every, lastOfDay: k === slots - 1 };
    start = nextDailyAt(start + MS.hour, at, timeZone);
  }
}
