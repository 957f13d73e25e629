// When a SQL policy's backups happen (docs/reference.md §12.2), in simulation
// ms: fulls (daily or weekly at a local time), differentials (some weekdays), and log backups
// every 15 min to 24 h. All calendar questions go through the calendar module.
//
// Assumption (docs/model.md): log backups run at whole multiples of their interval in UTC
// (the intervals all divide a day, so they line up with UTC midnight); Azure does not say
// where the series starts.

import { cachedNextSlot } from '../backup/schedule.js';
import { nextWeeklyAt } from '../calendar.js';
import type { SqlPolicy } from '../scenario/workloads.js';

/** A policy's slots on one run's timeline (sim ms; `origin` is the epoch ms of time 0). */
export class SqlSchedule {
  constructor(
    private readonly policy: SqlPolicy,
    private readonly origin: number,
  ) {}

  /** The first full slot at or after t. */
  nextFull(t: number): number {
    return cachedNextSlot(this.policy.full, this.origin + t).at - this.origin;
  }

  /** The first differential slot at or after t (Infinity without differentials). */
  nextDifferential(t: number): number {
    const d = this.policy.differential;
    if (d === null) return Number.POSITIVE_INFINITY;
    return nextWeeklyAt(this.origin + t, d.days, d.at, this.policy.full.timeZone) - this.origin;
  }

  /** The log interval (ms), or null when the policy takes no log backups. */
  get logEvery(): number | null {
    return this.policy.log?.every ?? null;
  }

  /** The first log slot at or after t (Infinity without log backups). */
  nextLog(t: number): number {
    const every = this.logEvery;
    if (every === null) return Number.POSITIVE_INFINITY;
    return Math.ceil((this.origin + t) / every) * every - this.origin;
  }

  /**
   * The first slot strictly after t that a log (full recovery model) or a differential would
   * use: where §12.3's auto-heal turns the next log or differential into a full.
   */
  nextLogOrDifferential(t: number, logs: boolean): number {
    return Math.min(logs ? this.nextLog(t + 1) : Number.POSITIVE_INFINITY, this.nextDifferential(t + 1));
  }
}
