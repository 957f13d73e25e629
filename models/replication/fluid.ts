// Site Recovery replication of one VM as a fluid backlog (docs/reference.md §5.1: disk writes
// go continuously to the cache storage account and on to the target). No kernel events: the
// stream is a piecewise-linear function of time, advanced lazily to whatever instant is asked.

import { MS } from '../../engine/units.js';
import { lastAtOrBefore, Profile, type Window } from './profile.js';

/** What one VM's replication stream is built from; times ms of simulation time, rates bytes/s. */
export interface ReplicationInput {
  /** Bytes to copy before the first recovery point (initial replication), written at t=0; 0 = already in sync. */
  initialBytes: number;
  /** Upload capacity, bytes/s (the caller passes min(configured bandwidth, churn limit)). */
  bandwidth: number;
  /** Base write rate of day k (k = 0,1,2,… days of sim time), bytes/s, constant within the day. Called at most once per k, in increasing k. */
  dayRate: (k: number) => number;
  /** Extra write-rate windows (churn spikes) [from, to) ms, bytes/s added. */
  spikes: readonly { from: number; to: number; rate: number }[];
  /** Bandwidth scaling windows (degradation) [from, to) ms, factor ≥ 0; overlapping factors multiply. */
  bandwidthScale: readonly { from: number; to: number; factor: number }[];
  /** Windows when the source VM is down (outage, failure): no writes, no uploads, no new recovery points. */
  down: readonly { from: number; to: number }[];
  horizon: number;
  /**
   * When the stream starts (ms, default 0): a replication reprotected or re-enabled during the
   * run, its two sides in sync at `start` (so `initialBytes` must then be 0). Before it the
   * source counts as down and no point exists.
   */
  start?: number;
  /** How far (ms) a query may go back before the latest instant asked so far; default one hour. */
  lookback?: number;
}

const DEFAULT_LOOKBACK = MS.hour;
const COMPACT_AT = 256;

/**
 * One VM's replication: W(t) bytes written (initialBytes at 0, then the integral of the write
 * rate), U(t) bytes uploaded, B(t) = W − U the backlog. While B > 0 the upload runs at the
 * capacity b and dB/dt = rate − b; while B = 0 the upload keeps up with min(rate, b). All three
 * are piecewise linear between breakpoints (day boundaries, window edges, the instant the
 * backlog empties) and are computed, never stepped.
 *
 * Two different "lags" are exposed, and they are not the same number:
 * - the **data age** t − coveredAt(t): the backlog is FIFO, so the oldest byte not yet uploaded
 *   was written when W reached U(t); everything written before that instant is safe. After a
 *   stretch of constant write rate c the backlog B holds the last B/c seconds of writes, so the
 *   age is B/c. This is the RPO (§5.3: RPO = age of the latest recoverable point) before the
 *   5-minute point granularity (points.ts);
 * - the **drain time** lagAt(t) = B/b: how long the upload needs to empty the backlog if no more
 *   data arrived. With churn c over bandwidth b for T seconds from an empty backlog,
 *   B = (c − b)·T, so the drain time is (c − b)·T/b and the age (c − b)·T/c: smaller, as c > b.
 *
 * Queries must be asked with non-decreasing t, except that any query may go back up to
 * `lookback` ms before the latest instant asked (recovery-point processing looks back a few
 * minutes); anything older throws a RangeError. The stream keeps only what those queries can
 * need: the write segments since the data at the head of the backlog `lookback` ago was
 * written, the state at its breakpoints over the last `lookback`, and one peak RPO per day.
 */
export class ReplicationStream {
  /** Upload capacity before degradation, bytes/s. */
  readonly bandwidth: number;
  /** Bytes of the initial replication. */
  readonly initialBytes: number;
  /** The last instant that may be asked. */
  readonly horizon: number;
  /** How far a query may go back before the latest instant asked. */
  readonly lookback: number;
  private readonly profile: Profile;
  private readonly dayRate: (k: number) => number;
  private day = -1;
  private dayBase = 0;
  private piece = 0;
  // The frontier: time, W, B and U there, and when U reached initialBytes (null: not yet). U is
  // kept in its own sum rather than as W − B so that it never decreases by a rounding.
  private t = 0;
  private w: number;
  private b: number;
  private sent = 0;
  private done: number | null;
  // Write segments from sHead on: W = sW + sR·(τ − sT)/1000 from sT to the next start.
  private readonly sT: number[] = [];
  private readonly sW: number[] = [];
  private readonly sR: number[] = [];
  private sHead = 0;
  // Knots from kHead on: the state (time, W, B, U) after each step, with that step's write and upload rates.
  private readonly kT: number[] = [0];
  private readonly kW: number[];
  private readonly kB: number[];
  private readonly kS: number[] = [0];
  private readonly kR: number[] = [0];
  private readonly kU: number[] = [0];
  private kHead = 0;
  // Peak data age of each finished day (null: no recovery was possible that day), and of the current one.
  private readonly peaks: (number | null)[] = [];
  private peak = Number.NEGATIVE_INFINITY;

  constructor(input: ReplicationInput) {
    const problems: string[] = [];
    const nonNegative = (name: string, v: number) => {
      if (!(Number.isFinite(v) && v >= 0)) problems.push(`${name} must be a finite number >= 0, got ${v}`);
    };
    nonNegative('initialBytes', input.initialBytes);
    nonNegative('bandwidth', input.bandwidth);
    nonNegative('lookback', input.lookback ?? DEFAULT_LOOKBACK);
    const start = input.start ?? 0;
    nonNegative('start', start);
    if (start > 0 && input.initialBytes !== 0)
      problems.push(`initialBytes must be 0 with a start, got ${input.initialBytes}`);
    if (problems.length > 0) throw new RangeError(`replication: ${problems.join('; ')}`);
    this.profile = new Profile(
      start > 0 ? { ...input, down: [{ from: 0, to: start }, ...input.down] } : input,
    );
    this.bandwidth = input.bandwidth;
    this.initialBytes = input.initialBytes;
    this.horizon = input.horizon;
    this.lookback = input.lookback ?? DEFAULT_LOOKBACK;
    this.dayRate = input.dayRate;
    this.w = input.initialBytes;
    this.b = input.initialBytes;
    this.done = input.initialBytes === 0 ? start : null;
    this.kW = [this.w];
    this.kB = [this.b];
  }

  /** Bytes written by t (initialBytes included). */
  writtenAt(t: number): number {
    return this.stateAt(t, 'writtenAt').w;
  }

  /** Bytes uploaded by t. */
  uploadedAt(t: number): number {
    const s = this.stateAt(t, 'uploadedAt');
    return s.sent;
  }

  /** Bytes written but not yet uploaded at t. */
  backlogAt(t: number): number {
    return this.stateAt(t, 'backlogAt').b;
  }

  /** When the initial replication finished, if it had by t (0 when there was none). */
  initialDoneAt(t: number): number | null {
    this.ask(t, 'initialDoneAt');
    return this.done !== null && this.done <= t ? this.done : null;
  }

  /**
   * The latest instant c ≤ t such that everything written up to c had been uploaded by t
   * (c = W⁻¹(U(t)), FIFO), capped at the last instant the source was up; null while the
   * initial bytes are not all uploaded. A real number of ms: the backlog empties between ms.
   */
  coveredAt(t: number): number | null {
    const s = this.stateAt(t, 'coveredAt');
    if (this.done === null || t < this.done) return null;
    const limit = this.profile.downAt(t)?.from ?? t;
    return s.b === 0 ? limit : this.invert(s.sent, limit);
  }

  /** The data age at t, t − coveredAt(t): the RPO a failover at t gets before point granularity (§5.3). */
  rpoAt(t: number): number | null {
    const c = this.coveredAt(t);
    return c === null ? null : t - c;
  }

  /** The drain time at t, ms: backlog / current capacity (down windows ignored; Infinity at capacity 0). */
  lagAt(t: number): number {
    const { b } = this.stateAt(t, 'lagAt');
    if (b === 0) return 0;
    const capacity = this.bandwidth * this.profile.scale[this.profile.pieceAt(t)];
    return capacity > 0 ? (b / capacity) * 1000 : Number.POSITIVE_INFINITY;
  }

  /** The highest data age during day k, [k·day, (k+1)·day) (supremum, exact); null if none was defined. */
  peakRpo(k: number): number | null {
    const days = Math.ceil(this.horizon / MS.day);
    if (!Number.isInteger(k) || k < 0 || k >= days) {
      throw new RangeError(`replication: peakRpo needs a day index in 0…${days - 1}, got ${k}`);
    }
    if (k >= this.peaks.length) {
      const end = Math.min((k + 1) * MS.day, this.horizon);
      throw new RangeError(`replication: day ${k} is not finished; ask any query at t >= ${end} first`);
    }
    return this.peaks[k];
  }

  /** The source's down window holding p, or null when it is up at p (any p, no ordering rule). */
  downAt(p: number): Window | null {
    return this.profile.downAt(p);
  }

  /** Advances the stream to t (a query like any other), e.g. to make peakRpo of the days before t available. */
  advanceTo(t: number): void {
    this.ask(t, 'advanceTo');
  }

  /** How many write segments and knots are kept now (memory stays bounded however long the run). */
  get retained(): { segments: number; knots: number } {
    return { segments: this.sT.length - this.sHead, knots: this.kT.length - this.kHead };
  }

  // ------------------------------------------------------------ queries

  /** Checks t and advances the frontier to it. */
  private ask(t: number, name: string): void {
    if (!(Number.isFinite(t) && t >= 0 && t <= this.horizon)) {
      throw new RangeError(`replication: ${name}(${t}) is outside 0…${this.horizon}`);
    }
    if (t > this.t) {
      while (this.t < t) this.step(t);
      this.prune();
    } else if (t < this.t - this.lookback) {
      throw new RangeError(
        `replication: ${name}(${t}) is more than the lookback (${this.lookback} ms) before an earlier query ` +
          `at ${this.t}; queries must be asked with non-decreasing t`,
      );
    }
  }

  /** W, B and U at t (t within the lookback of the frontier), from the knot before it. */
  private stateAt(t: number, name: string): { w: number; b: number; sent: number } {
    this.ask(t, name);
    if (t === this.t) return { w: this.w, b: this.b, sent: this.sent };
    const j = lastAtOrBefore(this.kT, t, this.kHead);
    if (this.kT[j] === t) return { w: this.kW[j], b: this.kB[j], sent: this.kS[j] };
    const r = this.kR[j + 1];
    const u = this.kU[j + 1];
    const dt = t - this.kT[j];
    const b0 = this.kB[j];
    return {
      w: Math.min(this.kW[j] + (r * dt) / 1000, this.kW[j + 1]),
      b: b0 === 0 && r <= u ? 0 : Math.max(0, b0 + ((r - u) * dt) / 1000),
      sent: Math.min(this.kS[j] + (u * dt) / 1000, this.kS[j + 1]),
    };
  }

  /** The latest c ≤ limit with W(c) ≤ u, by inverting the kept write segments. */
  private invert(u: number, limit: number): number {
    const { sT, sW, sR } = this;
    let lo = this.sHead;
    if (lo >= sT.length) return limit;
    if (u < sW[lo]) return sT[lo];
    let hi = sT.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sW[mid] <= u && sT[mid] <= limit) lo = mid;
      else hi = mid - 1;
    }
    let c = sR[lo] > 0 ? sT[lo] + ((u - sW[lo]) / sR[lo]) * 1000 : Number.POSITIVE_INFINITY;
    if (lo + 1 < sT.length) c = Math.min(c, sT[lo + 1]);
    return Math.min(c, limit);
  }

  // ------------------------------------------------------------ advancing

  /** The base write rate of day k, asking the caller once per day. */
  private base(k: number): number {
    if (k !== this.day) {
      const v = this.dayRate(k);
      if (!(Number.isFinite(v) && v >= 0)) {
        throw new RangeError(`replication: dayRate(${k}) must be a finite number >= 0, got ${v}`);
      }
      this.day = k;
      this.dayBase = v;
    }
    return this.dayBase;
  }

  /** One step from the frontier towards `target`, with constant rates, ending at the next breakpoint. */
  private step(target: number): void {
    const T = this.t;
    const { profile } = this;
    while (profile.starts[this.piece + 1] <= T && this.piece < profile.starts.length - 2) this.piece++;
    const p = this.piece;
    const k = Math.floor(T / MS.day);
    const up = !profile.down[p];
    const r = up ? this.base(k) + profile.spike[p] : 0;
    const cap = up ? this.bandwidth * profile.scale[p] : 0;
    let e = Math.min(target, profile.starts[p + 1], (k + 1) * MS.day);
    let u = Math.min(r, cap);
    let empties = false;
    if (this.b > 0) {
      u = cap;
      if (cap > r) {
        // A remnant below the clock's resolution (tz = T) empties in a step of length 0.
        const tz = T + (this.b / (cap - r)) * 1000;
        if (tz <= e) {
          e = tz;
          empties = true;
        }
      }
    }
    this.take(T, e, r, u, up, empties);
  }

  /** Applies a step [T, e) with write rate r and upload rate u: segments, peaks, state, knots. */
  private take(T: number, e: number, r: number, u: number, up: boolean, empties: boolean): void {
    const last = this.sT.length - 1;
    if (last < this.sHead || this.sR[last] !== r) {
      this.sT.push(T);
      this.sW.push(this.w);
      this.sR.push(r);
    }
    const dt = e - T;
    const u0 = this.sent;
    const doneBefore = this.done !== null && this.done <= T;
    if (this.done === null && u > 0 && (empties || u0 + (u * dt) / 1000 >= this.initialBytes)) {
      this.done = Math.min(e, T + (Math.max(0, this.initialBytes - u0) / u) * 1000);
    }
    this.notePeaks(T, e, r, u, up, empties, doneBefore);
    this.w += (r * dt) / 1000;
    this.b = empties ? 0 : Math.max(0, this.b + ((r - u) * dt) / 1000);
    // With the backlog empty, U is W exactly (and stays monotone).
    this.sent = this.b === 0 ? Math.max(this.sent, this.w) : this.sent + (u * dt) / 1000;
    this.t = e;
    this.pushKnot(r, u);
    const days = this.peaks.length;
    if (days * MS.day < this.horizon && e >= Math.min((days + 1) * MS.day, this.horizon)) {
      this.peaks.push(this.peak === Number.NEGATIVE_INFINITY ? null : this.peak);
      this.peak = Number.NEGATIVE_INFINITY;
    }
  }

  /**
   * Notes every candidate for the day's peak data age during [T, e). The age is linear between
   * breakpoints: the step's ends and the instants coveredAt passes the start of a write segment
   * (it may jump forward there, over data written at rate 0), so its supremum is the largest of
   * the values at T, the left limits at those instants and the left limit at e.
   */
  private notePeaks(
    T: number,
    e: number,
    r: number,
    u: number,
    up: boolean,
    empties: boolean,
    doneBefore: boolean,
  ): void {
    const note = (v: number) => {
      if (v > this.peak) this.peak = v;
    };
    const doneAtE = this.done !== null && this.done <= e;
    if (!up) {
      // Down: no writes, no uploads; the covered instant is frozen (and capped at the window's start).
      if (!doneBefore) return;
      const limit = this.profile.downAt(T)?.from ?? T;
      const c = this.b === 0 ? limit : this.invert(this.sent, limit);
      note(T - c);
      note(e - c);
      return;
    }
    if (this.b === 0 && r <= u) {
      note(0);
      return;
    }
    const u0 = this.sent;
    // Emptying, U(e) is W(e) exactly: computed from u it may fall a rounding short of a segment start.
    const u1 = empties ? this.w + (r * (e - T)) / 1000 : u0 + (u * (e - T)) / 1000;
    if (doneBefore) note(T - (this.b === 0 ? T : this.invert(u0, T)));
    if (u > 0) {
      const { sT, sW } = this;
      let i = doneBefore ? lastAtOrBefore(sW, u0, this.sHead) + 1 : this.sHead;
      for (; i < sT.length && sW[i] <= u1; i++) {
        if (sW[i] > u0 || !doneBefore) note(T + ((sW[i] - u0) / u) * 1000 - sT[i]);
      }
    }
    if (doneAtE) note(empties ? 0 : e - this.invert(u1, e));
  }

  /** Records the frontier state as a knot, merging it into the last one when the rates did not change. */
  private pushKnot(r: number, u: number): void {
    const n = this.kT.length - 1;
    if (n > this.kHead && this.kR[n] === r && this.kU[n] === u) {
      this.kT[n] = this.t;
      this.kW[n] = this.w;
      this.kB[n] = this.b;
      this.kS[n] = this.sent;
      return;
    }
    this.kT.push(this.t);
    this.kW.push(this.w);
    this.kB.push(this.b);
    this.kS.push(this.sent);
    this.kR.push(r);
    this.kU.push(u);
  }

  /** Drops knots and write segments that no query within the lookback can need any more. */
  private prune(): void {
    const s0 = this.t - this.lookback;
    if (s0 <= 0) return;
    const c0 = this.coveredAt(s0);
    while (this.kHead + 1 < this.kT.length && this.kT[this.kHead + 1] <= s0) this.kHead++;
    if (c0 !== null) {
      while (this.sHead + 1 < this.sT.length && this.sT[this.sHead + 1] <= c0) this.sHead++;
    }
    if (this.kHead > COMPACT_AT && 2 * this.kHead > this.kT.length) {
      for (const a of [this.kT, this.kW, this.kB, this.kS, this.kR, this.kU]) a.splice(0, this.kHead);
      this.kHead = 0;
    }
    if (this.sHead > COMPACT_AT && 2 * this.sHead > this.sT.length) {
      for (const a of [this.sT, this.sW, this.sR]) a.splice(0, this.sHead);
      this.sHead = 0;
    }
  }
}
