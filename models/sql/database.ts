// One SQL Server database under a SQL policy (docs/reference.md §12): its data and
// log volume, its full (fulls.ts), differential and log (logs.ts) backups in the vault, and the
// rules that keep them — GFS retention for fulls, fixed retention for differentials and logs,
// a full kept until the last log or differential that depends on it expires (§12.3). Its item
// (item.ts) runs the jobs; this module keeps the points and decides the log backups.
//
// Log backups are decided in bulk, not by an event each (docs/performance.md): a log's
// outcome depends on nothing that happens after its slot but whether the VM was down then
// (recorded by the item when something watches), so the daily round decides every slot whose
// log has landed, in order, and files it in a run of equal logs. Their bytes count in the
// ledger at that round (an assumption: docs/model.md).

import { makeSampler, type Sampler } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import { MS } from '../../engine/units.js';
import type { FailureCause } from '../backup/stats.js';
import type { SqlDatabase, SqlPolicy } from '../scenario/workloads.js';
import { deltaBytes, fullBytes } from '../storage/content.js';
import type { ContentState } from '../storage/types.js';
import { grownUsed } from '../workload/growth.js';
import { ItemContent } from '../workload/item-content.js';
import type { WorkloadGroup } from '../workloads/group.js';
import { FullBackups, type FullPoint, type LiveCounts, type TierDelta, upperBound } from './fulls.js';
import { type LogBase, LogChain } from './logs.js';

export type { FullPoint, TierDelta } from './fulls.js';

/** §12.4 (2021 matrix): "200 Mbps for full and differential backups of large SQL databases", per stream. */
export const SQL_STREAM_RATE = 200e6 / 8;
/** §12.3: "latest full backup's point-in-time is older than 15 days" → the next log or differential is a full. */
export const AUTO_HEAL_AGE = 15 * MS.day;

/** A differential backup in the vault. */
interface DiffPoint {
  readonly takenAt: number;
  readonly bytes: number;
  readonly landedAt: number;
  readonly expiresAt: number;
}

/** Where a database's blocked log slots are recorded (the item's, when something watches). */
export interface BlockedSlots {
  /** Why the VM could not back up at log slot t, or null. */
  causeAt(t: number): FailureCause | null;
}

/** A database's backups and the rules that keep them. */
export class SqlDb {
  readonly id: string;
  /** Whether log backups run (full recovery model and a log schedule). */
  readonly logs: boolean;
  /** Live counts and bytes by type. */
  readonly live: LiveCounts = { full: 0, fullBytes: 0, archive: 0, archiveBytes: 0, diff: 0, diffBytes: 0 };
  /** Whether a full or differential is in flight. */
  busy = false;
  /** The slot at which auto-heal turns the next log or differential into a full (Infinity: none due). */
  convertAt = Number.POSITIVE_INFINITY;
  private readonly fulls: FullBackups;
  private readonly content: ItemContent;
  // Compressed bytes at time 0 (growth applies to them as to the data).
  private readonly backupUsed: number;
  private readonly logFraction: Sampler;
  private readonly logStream: RandomStream;
  // Per day: log fraction drawn (in day order); the day whose log size and transfer time are current.
  private dayFraction = new Float64Array(0);
  private drawnDays = 0;
  private day = -1;
  private dayBytes = 0;
  private dayDuration = 0;
  // decideLogs' pointers: the latest full started by its slot, the next slot a full took.
  private baseAt = -1;
  private convertedAt = 0;
  private readonly chain: LogChain | null;
  private diffs: DiffPoint[] = [];
  private diffHead = 0;
  // The first log slot not yet decided (sim ms).
  private nextLogSlot = Number.POSITIVE_INFINITY;
  // The data instant of the last recovery point, and full/differential starts not yet merged with logs.
  private lastPointAt = Number.NaN;
  private pendingStarts: number[] = [];

  constructor(
    readonly spec: SqlDatabase,
    readonly policy: SqlPolicy,
    private readonly origin: number,
    streams: { get(name: string): RandomStream },
    private readonly group: WorkloadGroup,
  ) {
    this.id = spec.id;
    this.fulls = new FullBackups(policy, origin, this.live);
    const factor = policy.compression ? 1 - spec.compressionSaving : 1;
    this.backupUsed = Math.round(spec.size * factor);
    this.content = new ItemContent([
      {
        used: this.backupUsed,
        growth: spec.growth,
        size: Number.POSITIVE_INFINITY,
        churn: spec.churn,
        stream: streams.get(`sql/${spec.id}/churn`),
      },
    ]);
    this.logs = spec.recoveryModel === 'full' && policy.log !== null;
    this.chain = this.logs ? new LogChain(policy.log!.every, policy.log!.retention) : null;
    if (this.chain !== null)
      this.nextLogSlot = Math.ceil(origin / this.chain.every) * this.chain.every - origin;
    this.logFraction = makeSampler(spec.log);
    this.logStream = streams.get(`sql/${spec.id}/log`);
  }

  /** The latest full started (the base of new logs and differentials), or null. */
  get latest(): FullPoint | null {
    return this.fulls.latest;
  }

  /** Bytes of a full at t (compressed when the policy compresses). */
  fullSize(t: number): { bytes: number; state: ContentState } {
    const state = this.content.at(t);
    return { bytes: fullBytes(state), state };
  }

  /** Bytes of a differential at t: the pages changed since the latest full (content model). */
  differentialSize(t: number): number {
    return deltaBytes(this.fulls.latest!.state, this.content.advanceTo(t));
  }

  /** Records a full started at slot t (auto-heal: replacing the log or differential of that slot). */
  fullStarted(t: number, bytes: number, state: ContentState, converted: boolean): FullPoint {
    const p = this.fulls.start(t, bytes, state, converted);
    this.pointStarted(t);
    return p;
  }

  /** Records a differential started at t (its point counts for the gaps from now). */
  pointStarted(t: number): void {
    if (this.logs) this.pendingStarts.push(t);
    else this.gap(t);
  }

  /** A full landed at `now`, scheduled at `slotEpoch`: kept by the GFS tiers its day earns. */
  fullLanded(p: FullPoint, now: number, slotEpoch: number): void {
    this.fulls.landed(p, now, slotEpoch);
  }

  /** A differential taken at t landed at `now`. */
  differentialLanded(takenAt: number, bytes: number, now: number, base: FullPoint): void {
    const expiresAt = now + this.policy.differential!.retention;
    this.diffs.push({ takenAt, bytes, landedAt: now, expiresAt });
    if (expiresAt > base.dependUntil) base.dependUntil = expiresAt;
    this.live.diff++;
    this.live.diffBytes += bytes;
  }

  // Makes day k's log size and transfer time current (a day's logs all ask for the same).
  private setDay(k: number): void {
    if (k === this.day) return;
    while (this.drawnDays <= k) {
      if (this.drawnDays === this.dayFraction.length) {
        const next = new Float64Array(Math.max(16, 2 * this.dayFraction.length));
        next.set(this.dayFraction);
        this.dayFraction = next;
      }
      const f = this.logFraction(this.logStream);
      // A draw outside [0, 1] (a normal's tail) means no log or a whole database of it.
      this.dayFraction[this.drawnDays++] = f <= 0 ? 0 : Math.min(f, 1);
    }
    const used = grownUsed(this.backupUsed, this.spec.growth, Number.POSITIVE_INFINITY, k * MS.day);
    this.day = k;
    this.dayBytes = Math.round((used * this.dayFraction[k] * this.chain!.every) / MS.day);
    this.dayDuration = Math.ceil((this.dayBytes / SQL_STREAM_RATE) * 1000);
  }

  /**
   * What the log of slot t is: not attempted (no full yet, or a full replaced it), failed
   * with a cause, or a log of the day's size based on the latest full started by then.
   */
  logAt(
    t: number,
    blocked: BlockedSlots | null,
  ): { cause: FailureCause | null; base: FullPoint | null; bytes: number; duration: number } | null {
    if (upperBound(this.fulls.startedAt, t) === 0 || this.fulls.convertedAt(t)) return null;
    const cause = blocked?.causeAt(t) ?? null;
    this.setDay(Math.floor(t / MS.day));
    const base = cause === null ? this.fulls.baseAt(t) : null;
    return { cause, base, bytes: this.dayBytes, duration: this.dayDuration };
  }

  /**
   * Decides every log slot whose log has landed by `now` and files it; returns the bytes added.
   * The same rule as logAt, walking forwards: the base full and the slots a full replaced by
   * pointers that only move on, the day's size once per day (4 million slots in the bench).
   */
  decideLogs(now: number, blocked: BlockedSlots | null): number {
    const chain = this.chain;
    if (chain === null) return 0;
    const every = chain.every;
    const { startedAt, started, converted } = this.fulls;
    let t = this.nextLogSlot;
    let added = 0;
    let ok = 0;
    while (t <= now) {
      this.setDay(Math.floor(t / MS.day));
      if (t + this.dayDuration > now) break;
      while (this.baseAt + 1 < startedAt.length && startedAt[this.baseAt + 1] <= t) this.baseAt++;
      while (this.convertedAt < converted.length && converted[this.convertedAt] < t) this.convertedAt++;
      // No full yet, or a full took this slot (§12.3's auto-heal): no log.
      if (this.baseAt >= 0 && converted[this.convertedAt] !== t) {
        const cause = blocked === null ? null : blocked.causeAt(t);
        if (cause !== null) this.group.failed('log', cause);
        else {
          chain.append(t, this.dayBytes, this.dayDuration, started[this.baseAt]!);
          added += this.dayBytes;
          ok++;
          if (this.pendingStarts.length > 0) this.mergeStarts(t);
          this.gap(t);
        }
      }
      t += every;
    }
    this.nextLogSlot = t;
    if (ok > 0) {
      this.group.succeeded('log', ok);
      this.group.stats.vaultTransfers += ok;
      this.group.stats.bytesTransferred += added;
    }
    return added;
  }

  // Full and differential starts up to t count as points before the log at t.
  private mergeStarts(t: number): void {
    const pending = this.pendingStarts;
    if (pending[0] > t) return;
    let k = 0;
    while (k < pending.length && pending[k] <= t) this.gap(pending[k++]);
    this.pendingStarts = pending.slice(k);
  }

  /**
   * Adds the window still open at `end` (the run's end) to the group's gaps, as a VM's exposure
   * does: from the last point's data instant, with starts not yet merged counted first.
   */
  closeGaps(end: number): void {
    this.mergeStarts(end);
    if (!Number.isNaN(this.lastPointAt) && end > this.lastPointAt) this.group.rpo.add(end - this.lastPointAt);
  }

  // A point at a new data instant: the gap since the previous one (a log at a full's instant adds none).
  private gap(t: number): void {
    if (Number.isNaN(this.lastPointAt)) this.lastPointAt = t;
    else if (t > this.lastPointAt) {
      this.group.rpo.add(t - this.lastPointAt);
      this.lastPointAt = t;
    }
  }

  /** Retention at the round `now`: logs and differentials that are due go, fulls' tiers lapse; returns the tier changes. */
  expire(now: number): TierDelta {
    const delta: TierDelta = { standard: 0, archive: 0 };
    if (this.chain !== null) delta.standard -= this.chain.expire(now);
    while (this.diffHead < this.diffs.length && this.diffs[this.diffHead].expiresAt <= now) {
      const d = this.diffs[this.diffHead++];
      this.live.diff--;
      this.live.diffBytes -= d.bytes;
      delta.standard -= d.bytes;
    }
    if (this.diffHead > 16 && this.diffHead * 2 > this.diffs.length) {
      this.diffs = this.diffs.slice(this.diffHead);
      this.diffHead = 0;
    }
    this.fulls.lapse(now);
    return delta;
  }

  /**
   * Fulls whose own retention has lapsed go once nothing depends on them (§12.3: "retained
   * until the retention of the last log backup has expired"); the latest full stays while
   * protection goes on. Each one released is told to `released`.
   */
  releaseFulls(now: number, delta: TierDelta, released: (p: FullPoint) => void): void {
    // Logs not yet decided (still landing) will be based on the full of their slot or a later one.
    const base = this.logs ? this.fulls.baseAt(this.nextLogSlot) : null;
    this.fulls.release(now, base === null ? Number.POSITIVE_INFINITY : base.takenAt, delta, released);
  }

  /** §2.4: eligible fulls move to vault-archive (fulls.ts). */
  archive(now: number, delta: TierDelta): void {
    const after = this.policy.archive?.after;
    if (after !== undefined) this.fulls.archive(now, after, delta);
  }

  /** Retained log backups. */
  get logCount(): number {
    return this.chain?.count ?? 0;
  }

  /** Bytes of the retained log backups. */
  get logBytes(): number {
    return this.chain?.bytes ?? 0;
  }

  /** GFS memberships of the retained fulls, by tier (daily, weekly, monthly, yearly). */
  tierCount(k: number): number {
    return this.fulls.tierCount(k);
  }

  /** The retained log slots in order (tests). */
  logSlots(): number[] {
    return this.chain?.slots() ?? [];
  }

  /** The fulls the retained logs depend on, oldest first (tests: each must still be kept). */
  logBases(): readonly LogBase[] {
    return this.chain?.bases() ?? [];
  }

  /** The live fulls, oldest first (tests and restores). */
  fullPoints(): readonly FullPoint[] {
    return this.fulls.points();
  }

  /**
   * The slot of the latest log with data instant ≤ notAfter that had landed by `cutoff` and
   * chains to a full landed by then (point-in-time restore up to it, §12.3), or null.
   */
  latestLog(notAfter: number, cutoff: number, blocked: BlockedSlots | null): number | null {
    const chain = this.chain;
    if (chain === null) return null;
    const every = chain.every;
    const limit = Math.min(notAfter, cutoff);
    let t = Math.floor((this.origin + limit) / every) * every - this.origin;
    for (let steps = Math.ceil(chain.retention / every) + 2; steps > 0 && t >= 0; steps--, t -= every) {
      const log = this.logAt(t, blocked);
      if (log === null || log.cause !== null || t + log.duration > cutoff) continue;
      const at = t;
      return this.fulls.points().some((p) => p.takenAt <= at && p.landedAt <= cutoff) ? t : null;
    }
    return null;
  }

  /** The latest full or differential with data instant ≤ notAfter that had landed by `cutoff` (its taken instant and type). */
  latestLanded(notAfter: number, cutoff: number): { at: number; type: 'full' | 'differential' } | null {
    let best: { at: number; type: 'full' | 'differential' } | null = null;
    for (const p of this.fulls.points())
      if (p.takenAt <= notAfter && p.landedAt <= cutoff && (best === null || p.takenAt > best.at))
        best = { at: p.takenAt, type: 'full' };
    for (let k = this.diffHead; k < this.diffs.length; k++) {
      const d = this.diffs[k];
      if (d.takenAt <= notAfter && d.landedAt <= cutoff && (best === null || d.takenAt >= best.at))
        best = { at: d.takenAt, type: 'differential' };
    }
    return best;
  }
}
