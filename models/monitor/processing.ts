// Alert processing rules that suppress notifications during scheduled windows (§7.4:
// "maintenance-window suppression"). The alert still fires and resolves; only its actions
// are withheld.

import { nextDailyAt, nextWeeklyAt } from '../calendar.js';
import type { ProcessingRule, RecurringWindow } from './types.js';

/** Whether any processing rule suppresses actions of `rule` at simulated time `t`; `origin` is epoch ms of time 0. */
export function suppressedAt(
  rules: readonly ProcessingRule[],
  rule: string,
  t: number,
  origin: number,
): boolean {
  for (const p of rules) {
    if (p.rules !== null && !p.rules.includes(rule)) continue;
    for (const w of p.windows) if (w.from <= t && t < w.to) return true;
    if (p.recurring !== null && inRecurring(p.recurring, origin + t)) return true;
  }
  return false;
}

// A window starting at s covers [s, s + duration): the epoch is inside one when the first
// start after epoch − duration is not after it.
function inRecurring(w: RecurringWindow, epoch: number): boolean {
  if (w.duration <= 0) return false;
  const after = epoch - w.duration + 1;
  const start =
    w.days.length === 7
      ? nextDailyAt(after, w.at, w.timeZone)
      : nextWeeklyAt(after, w.days, w.at, w.timeZone);
  return start <= epoch;
}
