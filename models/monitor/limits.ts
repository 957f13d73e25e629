// Azure Monitor's documented numbers, in one place, each with its source in
// docs/reference.md §7. Normalisers check scenarios against these; the evaluator uses them.

import { MS } from '../../engine/units.js';

/** §7.2: metric rule `evaluationFrequency` allowed values (PT1M … PT1H). */
export const METRIC_FREQUENCIES: readonly number[] = [1, 5, 15, 30, 60].map((m) => m * MS.minute);
/** §7.2: metric rule `windowSize` allowed values (PT1M … PT24H). */
export const METRIC_WINDOWS: readonly number[] = [1, 5, 15, 30, 60, 360, 720, 1440].map((m) => m * MS.minute);
/** Conditions one metric rule may hold (Azure's multi-condition limit; assumption: five, as the portal allows). */
export const MAX_CONDITIONS = 5;
/** §7.3: log rule frequency from 1 minute to 1 day. */
export const LOG_FREQUENCY = { min: MS.minute, max: MS.day } as const;
/** §7.3: a log query's time range is at most two days. */
export const MAX_LOOKBACK = 2 * MS.day;
/** §7.3: a log rule splits by at most six dimensions. */
export const MAX_LOG_SPLIT = 6;
/** Samples are kept per minute: the finest window and frequency (§7.2, §7.3) are whole minutes. */
export const BUCKET = MS.minute;
/** §7.1: a stateful metric alert resolves after three consecutive healthy checks. */
export const METRIC_RESOLVE_CHECKS = 3;
/** §7.4: SMS and voice at most one every five minutes per number. */
export const PHONE_INTERVAL = 5 * MS.minute;
/** §7.4: email at most 100 per hour per address. */
export const EMAIL_PER_HOUR = 100;
/** §7.4: webhook retry delays between attempts, then a 15-minute blackout of the endpoint. */
export const WEBHOOK_RETRY_DELAYS: readonly number[] = [5, 20, 5, 40, 5].map((s) => s * MS.second);
/** §7.4: after the retries fail, the endpoint is not called for 15 minutes. */
export const WEBHOOK_BLACKOUT = 15 * MS.minute;
/** §2.3, §7.5: the Upcoming Purge alert fires two days before soft-deleted data is purged. */
export const UPCOMING_PURGE_LEAD = 2 * MS.day;

/**
 * §7.1: consecutive healthy evaluations after which a stateful log alert resolves. The table
 * gives 1 min → 10 minutes; 5–15 min → three periods; 15 min–11 h → two; 11–12 h → one. Its
 * 15-minute overlap is read as three; frequencies between 1 and 5 minutes (not in the table)
 * take ten minutes' worth of checks; above 12 h, one (assumptions).
 */
export function logResolveChecks(every: number): number {
  if (every < 5 * MS.minute) return Math.ceil((10 * MS.minute) / every);
  if (every <= 15 * MS.minute) return 3;
  if (every <= 11 * MS.hour) return 2;
  return 1;
}

/**
 * §7.1: a stateless metric alert re-notifies while its condition holds "sometime between 1
 * and 6 minutes" (frequency under 5 min) or "between the frequency and double it". The point
 * chosen, deterministically: every max(frequency, 5 min) — 5 minutes for a 1-minute rule, the
 * frequency itself otherwise (every evaluation that holds notifies).
 */
export function statelessCadence(every: number): number {
  return Math.max(every, 5 * MS.minute);
}
