// How a MARS vault point is kept (M5, models/mars/mars-backup.ts), and a MABS/DPM online
// backup's the same way (docs/model.md D3): the last scheduled backup of a local day carries
// every tier its date earns, an earlier one the daily tier only.

import { MS, millis } from '../../engine/units.js';
import { tagPoint } from '../retention/tags.js';
import type { PointTags } from '../retention/types.js';
import type { Retention, Schedule } from '../scenario/types.js';
import type { MarsSlot } from './schedule.js';

/** The schedule a day's last backup is tagged by: at the day's last time, daily, or weekly on `days` when set. */
export function longTermSchedule(times: readonly number[], days: number[], timeZone: string): Schedule {
  return {
    frequency: days.length > 0 ? 'weekly' : 'daily',
    at: times[times.length - 1],
    days,
    every: null,
    window: millis(MS.day),
    timeZone,
  };
}

/** The tags of a vault point of `slot`, created at `created` (epoch ms), under `retention` (M5). */
export function slotTags(
  retention: Retention,
  longTerm: Schedule,
  slot: MarsSlot,
  created: number,
): PointTags {
  return slot.lastOfDay
    ? tagPoint(retention, longTerm, slot.at, created)
    : dailyOnly(retention.daily, created);
}

// An earlier backup of the day: the daily tier only; with no daily tier (a weekly schedule)
// none, so it expires at the next cleanup.
function dailyOnly(daily: number | null, created: number): PointTags {
  const until = daily !== null && daily > 0 ? created + daily * MS.day : null;
  return {
    tiers: until === null ? [] : ['daily'],
    until: { daily: until, weekly: null, monthly: null, yearly: null },
    expiresAt: until ?? created,
  };
}
