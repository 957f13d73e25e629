// When a MARS agent does things, in epoch ms (docs/reference.md §3): its backup slots (up
// to three local times a day, every day or on some weekdays) and the instants its network
// throttling switches between work-hours and non-work-hours bandwidth. All date
// arithmetic goes through the calendar module.

import { localDayKey, nextDailyAt, nextWeeklyAt, zonedParts } from '../calendar.js';
import type { MarsServer, WorkHours } from '../scenario/types.js';

/** One scheduled MARS backup: when, and whether it is the last one of its local day. */
export interface MarsSlot {
  at: number;
  lastOfDay: boolean;
}

type MarsSchedule = MarsServer['schedule'];
type Network = NonNullable<MarsServer['network']>;

// The first instant at or after `after` showing one of the schedule's times (on a scheduled day).
function nextTime(schedule: MarsSchedule, after: number): number {
  const { times, days, timeZone } = schedule;
  let best = Number.POSITIVE_INFINITY;
  for (const t of times) {
    const at = days.length === 0 ? nextDailyAt(after, t, timeZone) : nextWeeklyAt(after, days, t, timeZone);
    if (at < best) best = at;
  }
  return best;
}

/**
 * The first MARS slot at or after `after` (epoch ms). It is the last of its day when the
 * following slot falls on another local date: with DST a gap time moves later, so the
 * order of the instants, not of the listed times, decides.
 */
export function nextMarsSlot(schedule: MarsSchedule, after: number): MarsSlot {
  const at = nextTime(schedule, after);
  const following = nextTime(schedule, at + 1);
  const tz = schedule.timeZone;
  return { at, lastOfDay: localDayKey(following, tz) !== localDayKey(at, tz) };
}

/**
 * Whether an instant is inside work hours: local [from, to) on a work day, or, when `to`
 * is before `from` (a night shift), from `from` on a work day to `to` the next morning.
 * from = to means no work hours. It reads the wall clock, so on a spring-forward day a
 * boundary inside the gap (which nextThrottleChange places an hour later, by the calendar's
 * rule) is already passed here: for up to an hour on that day a transfer starting then gets
 * the new bandwidth while one already running keeps the old until the boundary.
 */
export function inWorkHours(hours: WorkHours, epochMs: number): boolean {
  const { from, to, days } = hours;
  if (from === to) return false;
  const p = zonedParts(epochMs, hours.timeZone);
  const minute = p.hour * 60 + p.minute;
  if (from < to) return days.includes(p.weekday) && minute >= from && minute < to;
  return (days.includes(p.weekday) && minute >= from) || (days.includes((p.weekday + 6) % 7) && minute < to);
}

/** The bandwidth the agent may use at an instant (bytes/s). */
export function throttleAt(network: Network, epochMs: number): number {
  return inWorkHours(network.workHours, epochMs) ? network.work : network.nonWork;
}

/**
 * The first work-hours boundary at or after `after` (epoch ms): a start on a work day or
 * an end on the day it falls on; null when there are no work hours. A boundary may leave
 * the bandwidth unchanged (two work days back to back over midnight); that costs an event,
 * not a wrong answer.
 */
export function nextThrottleChange(hours: WorkHours, after: number): number | null {
  const { from, to, days, timeZone } = hours;
  if (from === to || days.length === 0) return null;
  const endDays = from < to ? days : days.map((d) => (d + 1) % 7);
  return Math.min(nextWeeklyAt(after, days, from, timeZone), nextWeeklyAt(after, endDays, to, timeZone));
}
