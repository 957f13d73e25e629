// A SQL database's full backups (docs/reference.md §12.2–12.3, docs/reference.md
// §2.4): every full ever started (the base of the logs and differentials after it), the live
// ones kept by their GFS tiers, held while something depends on them (§12.3: "retained until
// the retention of the last log backup has expired"), and moved to vault-archive when §2.4
// allows it.

import { MS } from '../../engine/units.js';
import { RetentionQueue } from '../retention/queue.js';
import { cachedTierMask, untilsInto } from '../retention/tags.js';
import type { SqlPolicy } from '../scenario/workloads.js';
import type { ContentState } from '../storage/types.js';
import type { LogBase } from './logs.js';

// §2.4: an archived point needs at least 6 months of retention left (taken as 180 days).
const ARCHIVE_MIN_REMAINING = 180 * MS.day;
const UNTIL = new Float64Array(4);

/** A full backup of the database. */
export interface FullPoint extends LogBase {
  readonly id: number;
  /** Its data instant: the slot it started at (sim ms). */
  readonly takenAt: number;
  readonly bytes: number;
  /** Its content, the base of later differentials. */
  readonly state: ContentState;
  /** When it reached the vault (NaN while in flight). */
  landedAt: number;
  /** Its own (GFS) retention has run out. */
  lapsed: boolean;
  /** Its own expiry (sim ms), once landed. */
  expiresAt: number;
  /** When it moved to vault-archive (NaN: in vault-standard). */
  archivedAt: number;
}

/** Live counts and bytes of a database's backups by type (the fulls' part kept here). */
export interface LiveCounts {
  full: number;
  fullBytes: number;
  archive: number;
  archiveBytes: number;
  diff: number;
  diffBytes: number;
}

/** Changes of the vault tiers, in bytes, that a cleanup makes (the item counts them in the ledger). */
export interface TierDelta {
  standard: number;
  archive: number;
}

/** The number of entries ≤ x in a sorted array. */
export function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A database's full backups. */
export class FullBackups {
  /** Data instants of every full ever started, in order. */
  readonly startedAt: number[] = [];
  /** The records of those fulls, null once released. */
  readonly started: (FullPoint | null)[] = [];
  /** Slots where a full took the place of the log (§12.3's auto-heal), in order. */
  readonly converted: number[] = [];
  /** The latest full started (the base of new logs and differentials), or null. */
  latest: FullPoint | null = null;
  private readonly live: FullPoint[] = [];
  private readonly queue = new RetentionQueue(8);
  private readonly byId = new Map<number, FullPoint>();
  private seq = 0;

  constructor(
    private readonly policy: SqlPolicy,
    private readonly origin: number,
    private readonly counts: LiveCounts,
  ) {}

  /** Records a full started at slot t (converted: in place of that slot's log or differential). */
  start(t: number, bytes: number, state: ContentState, converted: boolean): FullPoint {
    const p: FullPoint = {
      id: ++this.seq,
      takenAt: t,
      bytes,
      state,
      landedAt: Number.NaN,
      lapsed: false,
      expiresAt: Number.POSITIVE_INFINITY,
      archivedAt: Number.NaN,
      dependUntil: Number.NEGATIVE_INFINITY,
    };
    this.startedAt.push(t);
    this.started.push(p);
    this.live.push(p);
    if (converted) this.converted.push(t);
    this.latest = p;
    return p;
  }

  /** A full landed at `now`, scheduled at `slotEpoch`: kept by the GFS tiers its day earns. */
  landed(p: FullPoint, now: number, slotEpoch: number): void {
    p.landedAt = now;
    const { retention, full } = this.policy;
    const mask = cachedTierMask(retention, full, slotEpoch);
    const created = this.origin + now;
    const expiresAt = untilsInto(retention, full.timeZone, mask, created, UNTIL);
    this.queue.addPoint(p.id, created, UNTIL, expiresAt);
    this.byId.set(p.id, p);
    p.expiresAt = expiresAt - this.origin;
    this.counts.full++;
    this.counts.fullBytes += p.bytes;
  }

  /** The full a log or differential at t is based on (the latest started by then), or null. */
  baseAt(t: number): FullPoint | null {
    const k = upperBound(this.startedAt, t) - 1;
    return k < 0 ? null : this.started[k];
  }

  /** Whether a full took the place of the log of slot t. */
  convertedAt(t: number): boolean {
    const k = upperBound(this.converted, t) - 1;
    return k >= 0 && this.converted[k] === t;
  }

  /** Marks the fulls whose own retention has run out by `now`. */
  lapse(now: number): void {
    for (const p of this.queue.advance(this.origin + now)) this.byId.get(p.id)!.lapsed = true;
  }

  /**
   * Fulls whose own retention has lapsed go once nothing depends on them, the latest full and
   * those a log not yet decided will be based on (taken at or after `pending`) staying; each
   * one released is told to `released` (an archived one may owe an early deletion).
   */
  release(now: number, pending: number, delta: TierDelta, released: (p: FullPoint) => void): void {
    let w = 0;
    for (let r = 0; r < this.live.length; r++) {
      const p = this.live[r];
      const free =
        p.lapsed &&
        p !== this.latest &&
        p.dependUntil <= now &&
        !Number.isNaN(p.landedAt) &&
        p.takenAt < pending;
      if (!free) {
        this.live[w++] = p;
        continue;
      }
      this.byId.delete(p.id);
      this.started[upperBound(this.startedAt, p.takenAt) - 1] = null;
      if (Number.isNaN(p.archivedAt)) {
        this.counts.full--;
        this.counts.fullBytes -= p.bytes;
        delta.standard -= p.bytes;
      } else {
        this.counts.archive--;
        this.counts.archiveBytes -= p.bytes;
        delta.archive -= p.bytes;
      }
      released(p);
    }
    this.live.length = w;
  }

  /**
   * §2.4: full points at least `after` old with at least 6 months of retention left, on which
   * no kept differential or log depends, move to vault-archive (a full is a full copy already).
   */
  archive(now: number, after: number, delta: TierDelta): void {
    for (const p of this.live) {
      if (!Number.isNaN(p.archivedAt) || Number.isNaN(p.landedAt) || p.lapsed) continue;
      if (now - p.takenAt < after || p.expiresAt - now < ARCHIVE_MIN_REMAINING || p.dependUntil > now)
        continue;
      p.archivedAt = now;
      this.counts.full--;
      this.counts.fullBytes -= p.bytes;
      this.counts.archive++;
      this.counts.archiveBytes += p.bytes;
      delta.standard -= p.bytes;
      delta.archive += p.bytes;
    }
  }

  /** GFS memberships of the kept fulls in tier k (daily, weekly, monthly, yearly). */
  tierCount(k: number): number {
    return this.queue.tierCount(k);
  }

  /** The live fulls, oldest first. */
  points(): readonly FullPoint[] {
    return this.live;
  }
}
