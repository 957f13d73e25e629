// How a protected item's data changes over time: per disk, a churn fraction drawn for
// every day from the disk's own random stream, and used bytes growing at a yearly rate up to
// the disk's size (workload/growth.ts).
// Content is computed on demand at the instants that need it (a snapshot, a transfer),
// never stepped per day by events.
//
// Cost: a fleet-year asks for content millions of times, and with 10,000 items an item's
// data is rarely in the processor's cache, so the hot path (`advanceTo`) allocates nothing
// and reads one buffer: the live state (updated in place, with the arithmetic of
// storage/content.ts `advance`, which a test checks), the disks' sizes and growth, and the
// churn of the next days, drawn DRAW_AHEAD days at a time (a day's draws do not depend on
// when they are made: the disks' streams serve nothing else, and the order stays day by
// day, disk by disk). `at` returns a copy, for callers that keep states.

import { type Distribution, makeSampler, type Sampler } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import { MS } from '../../engine/units.js';
import { contentState } from '../storage/content.js';
import type { ContentState } from '../storage/types.js';
import { grownUsed } from './growth.js';

/** What the workload needs to know about one disk. */
export interface DiskWorkload {
  /** Used bytes at time 0. */
  used: number;
  /** Yearly growth of used bytes, as a fraction (0.2 = 20% a year, compounded). */
  growth: number;
  /** Provisioned size: growth stops there (workload/growth.ts); Infinity for data without one. */
  size: number;
  /** Distribution of the fraction of used data changed per day. */
  churn: Distribution;
  /** The disk's own stream: day k's churn is its k-th draw, whatever the policy does. */
  stream: RandomStream;
}

const DRAW_AHEAD = 16;
// The buffer's per-disk fields before the draws: used, log survival, log kept, used at 0, growth, size.
const FIRST_DRAW = 6;
// storage/content.ts: one interval's log survival is floored at −50 (a full rewrite in whole bytes).
const MIN_LOG_STEP = -50;

// The live state: the same shape as ContentState, with a writable time.
interface LiveState {
  time: number;
  readonly used: Float64Array;
  readonly logSurvival: Float64Array;
}

/** One item's content over time; `at(t)` and `advanceTo(t)` must be asked with non-decreasing t. */
export class ItemContent {
  private readonly n: number;
  // Per disk d: used (the state's view), log survival (view), log kept this call, used at 0,
  // growth, size; then ln(1 − churn) of days drawnFrom … drawnFrom + DRAW_AHEAD − 1, day-major.
  private readonly buf: Float64Array;
  private readonly state: LiveState;
  private readonly samplers: Sampler[];
  private readonly streams: RandomStream[];
  private drawnFrom = 0;
  private drawnTo = 0;
  private readonly constantUsed: boolean;

  constructor(disks: readonly DiskWorkload[]) {
    const n = disks.length;
    this.n = n;
    this.samplers = disks.map((d) => makeSampler(d.churn));
    this.streams = disks.map((d) => d.stream);
    this.constantUsed = disks.every((d) => d.growth === 0);
    const initial = contentState(
      0,
      disks.map((d) => d.used),
    );
    this.buf = new Float64Array(FIRST_DRAW * n + DRAW_AHEAD * n);
    this.buf.set(initial.used, 0);
    this.buf.set(initial.logSurvival, n);
    disks.forEach((d, k) => {
      this.buf[3 * n + k] = d.used;
      this.buf[4 * n + k] = d.growth;
      this.buf[5 * n + k] = d.size;
    });
    this.state = { time: 0, used: this.buf.subarray(0, n), logSurvival: this.buf.subarray(n, 2 * n) };
  }

  /** Used bytes of every disk at time t (growth only). */
  usedAt(t: number): number {
    let total = 0;
    for (let d = 0; d < this.n; d++) total += this.usedOf(d, t);
    return total;
  }

  /** Whether used bytes never change (no disk grows), so usedAt is the same at every t. */
  get usedIsConstant(): boolean {
    return this.constantUsed;
  }

  /** The content at time t, as a new state the caller may keep. */
  at(t: number): ContentState {
    const s = this.advanceTo(t);
    return { time: s.time, used: s.used.slice(), logSurvival: s.logSurvival.slice() };
  }

  /**
   * The content at time t: churn of every day segment since the last call folded in. The
   * returned state is this item's live one, updated in place by the next call: copy what
   * must outlive it (chains and ledgers copy what they keep).
   */
  advanceTo(t: number): ContentState {
    const s = this.state;
    const from = s.time;
    if (t === from) return s;
    if (!Number.isFinite(t)) throw new RangeError(`content: time ${t} is not a finite number`);
    if (t < from) throw new RangeError(`content: time ${t} is before the state's time ${from}`);
    const n = this.n;
    const buf = this.buf;
    const keep = 2 * n;
    for (let d = 0; d < n; d++) buf[keep + d] = 0;
    let a = from;
    while (a < t) {
      const k = Math.floor(a / MS.day);
      if (k >= this.drawnTo) this.drawAhead(k);
      const at = FIRST_DRAW * n + (k - this.drawnFrom) * n;
      const b = Math.min(t, (k + 1) * MS.day);
      // A part f of a day with churn c keeps (1 − c)^f of the blocks (same uniform model).
      const f = (b - a) / MS.day;
      for (let d = 0; d < n; d++) buf[keep + d] += f * buf[at + d];
      a = b;
    }
    // storage/content.ts `advance`, in place: churn c = 1 − exp(log kept), used rounded to
    // whole bytes, a shrink folded into the log survival.
    for (let d = 0; d < n; d++) {
      const c = -Math.expm1(buf[keep + d]);
      if (!(c >= 0 && c <= 1)) throw new RangeError(`content: disk ${d} churn must be in [0, 1], got ${c}`);
      const x = this.usedOf(d, t);
      if (!(x >= 0 && Number.isFinite(x))) {
        throw new RangeError(`content: disk ${d} used bytes must be a finite number >= 0, got ${x}`);
      }
      const before = buf[d];
      const after = Math.round(x);
      let step = Math.max(MIN_LOG_STEP, Math.log1p(-c));
      if (after < before) step += Math.max(MIN_LOG_STEP, Math.log(after / before));
      buf[d] = after;
      buf[n + d] = buf[n + d] + step;
    }
    s.time = t;
    return s;
  }

  // Used bytes of disk d at time t: used at 0, compounded yearly, at most the disk's size.
  private usedOf(d: number, t: number): number {
    const n = this.n;
    return grownUsed(this.buf[3 * n + d], this.buf[4 * n + d], this.buf[5 * n + d], t);
  }

  // Draws churn for every day up to k and DRAW_AHEAD − 1 more, in order (days, then disks),
  // so day k's value never depends on when it is asked; keeps the last DRAW_AHEAD days.
  private drawAhead(k: number): void {
    const n = this.n;
    const buf = this.buf;
    while (this.drawnTo <= k) {
      this.drawnFrom = this.drawnTo;
      this.drawnTo += DRAW_AHEAD;
      for (let j = 0; j < DRAW_AHEAD; j++) {
        for (let d = 0; d < n; d++) {
          const c = this.samplers[d](this.streams[d]);
          // A draw outside [0, 1) (a normal's tail) means "none" or "nearly all" of the data.
          const churn = c <= 0 ? 0 : c >= 1 ? 0.999999 : c;
          buf[FIRST_DRAW * n + j * n + d] = Math.log1p(-churn);
        }
      }
    }
  }
}
