// How a protected item's data changes over time: per disk, a churn fraction drawn for
// every day from the disk's own random stream, and used bytes growing at a yearly rate.
// Content is computed on demand at the instants that need it (a snapshot, a transfer),
// never stepped per day by events.

import { type Distribution, makeSampler, type Sampler } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import { MS } from '../../engine/units.js';
import { advance, contentState } from '../storage/content.js';
import type { ContentState } from '../storage/types.js';

/** What the workload needs to know about one disk. */
export interface DiskWorkload {
  /** Used bytes at time 0. */
  used: number;
  /** Yearly growth of used bytes, as a fraction (0.2 = 20% a year, compounded). */
  growth: number;
  /** Distribution of the fraction of used data changed per day. */
  churn: Distribution;
  /** The disk's own stream: day k's churn is its k-th draw, whatever the policy does. */
  stream: RandomStream;
}

const YEAR = 365 * MS.day;

/** One item's content over time; `at(t)` must be asked with non-decreasing t. */
export class ItemContent {
  private state: ContentState;
  private readonly samplers: Sampler[];
  private readonly dayChurn: Float64Array;
  private day = -1;

  constructor(private readonly disks: readonly DiskWorkload[]) {
    this.samplers = disks.map((d) => makeSampler(d.churn));
    this.dayChurn = new Float64Array(disks.length);
    this.state = contentState(
      0,
      disks.map((d) => d.used),
    );
    this.drawDay(0);
  }

  /** Used bytes of every disk at time t (growth only). */
  usedAt(t: number): number {
    let total = 0;
    for (const d of this.disks) total += usedOf(d, t);
    return total;
  }

  /** The content at time t: churn of every day segment since the last call folded in. */
  at(t: number): ContentState {
    const from = this.state.time;
    if (t === from) return this.state;
    const n = this.disks.length;
    const logKeep = new Float64Array(n);
    let a = from;
    while (a < t) {
      const k = Math.floor(a / MS.day);
      this.drawDay(k);
      const b = Math.min(t, (k + 1) * MS.day);
      // A part f of a day with churn c keeps (1 − c)^f of the blocks (same uniform model).
      const f = (b - a) / MS.day;
      for (let d = 0; d < n; d++) logKeep[d] += f * Math.log1p(-this.dayChurn[d]);
      a = b;
    }
    const churn = Array.from(logKeep, (l) => -Math.expm1(l));
    this.state = advance(
      this.state,
      churn,
      this.disks.map((d) => usedOf(d, t)),
      t,
    );
    return this.state;
  }

  // Draws churn for every day up to k, in order, so day k's value never depends on when it is asked.
  private drawDay(k: number): void {
    while (this.day < k) {
      this.day++;
      for (let d = 0; d < this.disks.length; d++) {
        const c = this.samplers[d](this.disks[d].stream);
        // A draw outside [0, 1) (a normal's tail) means "none" or "nearly all" of the data.
        this.dayChurn[d] = c <= 0 ? 0 : c >= 1 ? 0.999999 : c;
      }
    }
  }
}

function usedOf(d: DiskWorkload, t: number): number {
  return d.growth === 0 ? d.used : Math.round(d.used * (1 + d.growth) ** (t / YEAR));
}
