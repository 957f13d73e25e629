// One Azure file share's backups (docs/reference.md §13): its share snapshots and,
// under a vaulted policy, its points in the vault. A share snapshot holds no copy of the share:
// it keeps the old version of every block changed after it (§13.6: "100 GiB of data but only 5
// GiB has changed since your last share snapshot … you are billed for 105 GiB"). With the
// content model's uniform churn, the snapshots of a share hold
//
//     Σ_i old(s_i → s_{i+1})  +  old(s_newest → the share now)
//
// where old(p → q) = used_p − ⌊used_p × exp(L_q − L_p)⌋ (capped at used_q): the blocks of p
// changed or gone by q, each version counted once, by the last snapshot that holds it.
// Deleting a snapshot hands its blocks to its predecessor (old(s_{i−1} → s_{i+1})).

import type { Streams } from '../../engine/random.js';
import { RetentionQueue } from '../retention/queue.js';
import type { FileShare } from '../scenario/workloads.js';
import { deltaBytes, fullBytes } from '../storage/content.js';
import type { ContentState } from '../storage/types.js';
import { grownUsed } from '../workload/growth.js';
import { ItemContent } from '../workload/item-content.js';

/** The old blocks of p that q no longer has (p before q). */
export function oldBytes(p: ContentState, q: ContentState): number {
  let total = 0;
  for (let d = 0; d < p.used.length; d++) {
    const kept = Math.min(
      q.used[d],
      Math.floor(p.used[d] * Math.exp(Math.min(0, q.logSurvival[d] - p.logSurvival[d]))),
    );
    total += p.used[d] - kept;
  }
  return total;
}

interface Snap {
  readonly id: number;
  readonly takenAt: number;
  readonly state: ContentState;
  // Blocks this snapshot alone keeps, against its successor (0 while it is the newest).
  unique: number;
}

/** A vault point of the share (vault tier). */
export interface SharePoint {
  readonly id: number;
  /** Data instant (the snapshot it was copied from). */
  readonly takenAt: number;
  /** When it reached the vault (sim ms). */
  readonly landedAt: number;
  readonly state: ContentState;
}

/** A share's snapshots and vault points. */
export class ShareState {
  readonly id: string;
  private readonly content: ItemContent;
  private snaps: Snap[] = [];
  // Σ unique over every snapshot but the newest.
  private chainUnique = 0;
  /** Snapshot-tier tags (snapshot tier) of the snapshots. */
  readonly snapshotTags = new RetentionQueue(8);
  /** GFS tags of the vault points (vault tier). */
  readonly vaultTags = new RetentionQueue(8);
  readonly vaultPoints = new Map<number, SharePoint>();
  /** The last vault point's content (the base of the next copy), or null before the first. */
  lastVault: ContentState | null = null;
  /** A copy to the vault is in flight. */
  busy = false;
  /** Bytes of its snapshots counted in the ledger so far. */
  counted = 0;
  private seq = 0;
  private lastPointAt = Number.NaN;

  constructor(
    readonly spec: FileShare,
    streams: Streams,
  ) {
    this.id = spec.id;
    this.content = new ItemContent([
      {
        used: spec.size,
        growth: spec.growth,
        size: Number.POSITIVE_INFINITY,
        churn: spec.churn,
        stream: streams.get(`files/${spec.id}/churn`),
      },
    ]);
  }

  /** Snapshots kept now. */
  get snapshots(): number {
    return this.snaps.length;
  }

  /** Used data at t (what the storage account's protected instance counts, §13.6). */
  usedAt(t: number): number {
    return grownUsed(this.spec.size, this.spec.growth, Number.POSITIVE_INFINITY, t);
  }

  /** Takes a snapshot at t; returns its id and the gap since the previous one (NaN for the first). */
  snapshot(t: number): { id: number; state: ContentState; gap: number } {
    const state = this.content.at(t);
    const last = this.snaps[this.snaps.length - 1];
    if (last !== undefined) {
      last.unique = oldBytes(last.state, state);
      this.chainUnique += last.unique;
    }
    const id = ++this.seq;
    this.snaps.push({ id, takenAt: t, state, unique: 0 });
    const gap = Number.isNaN(this.lastPointAt) ? Number.NaN : t - this.lastPointAt;
    this.lastPointAt = t;
    return { id, state, gap };
  }

  /** The window still open at `end` since its newest snapshot (NaN before the first). */
  openGap(end: number): number {
    return end - this.lastPointAt;
  }

  /** Deletes a snapshot; its blocks go to its predecessor. */
  remove(id: number): void {
    const k = this.snaps.findIndex((s) => s.id === id);
    if (k < 0) return;
    const gone = this.snaps[k];
    const prev = this.snaps[k - 1];
    const next = this.snaps[k + 1];
    this.chainUnique -= gone.unique;
    if (prev !== undefined) {
      this.chainUnique -= prev.unique;
      // The predecessor now keeps what differs from the one after (or, newest now, the share).
      prev.unique = next === undefined ? 0 : oldBytes(prev.state, next.state);
      this.chainUnique += prev.unique;
    }
    this.snaps.splice(k, 1);
  }

  /** Snapshots taken at or before `before` (vault tier: kept a fixed time), oldest first. */
  snapshotsBefore(before: number): number[] {
    const out: number[] = [];
    for (const s of this.snaps) if (s.takenAt <= before) out.push(s.id);
    return out;
  }

  /** Bytes its snapshots hold at t: the chain's plus what the share changed since the newest. */
  snapshotBytes(t: number): number {
    const newest = this.snaps[this.snaps.length - 1];
    if (newest === undefined) return 0;
    return this.chainUnique + oldBytes(newest.state, this.content.advanceTo(t));
  }

  /** Bytes a copy of `state` to the vault moves: the changes since the last vault point, or all of it. */
  copySize(state: ContentState): number {
    return this.lastVault === null ? fullBytes(state) : deltaBytes(this.lastVault, state);
  }

  /** The latest point with data instant ≤ t in the snapshots, else in the vault (landed by `now`), or null. */
  pointAtOrBefore(
    t: number,
    now: number,
  ): { tier: 'snapshot' | 'vault'; takenAt: number; bytes: number } | null {
    for (let k = this.snaps.length - 1; k >= 0; k--) {
      const s = this.snaps[k];
      if (s.takenAt <= t) return { tier: 'snapshot', takenAt: s.takenAt, bytes: fullBytes(s.state) };
    }
    let best: SharePoint | null = null;
    for (const p of this.vaultPoints.values())
      if (p.takenAt <= t && p.landedAt <= now && (best === null || p.takenAt > best.takenAt)) best = p;
    return best === null ? null : { tier: 'vault', takenAt: best.takenAt, bytes: fullBytes(best.state) };
  }

  /** The snapshots' data instants, oldest first (tests). */
  snapshotTimes(): number[] {
    return this.snaps.map((s) => s.takenAt);
  }

  /** A new vault point id. */
  nextId(): number {
    return ++this.seq;
  }
}
