// Phase 2 of one Azure VM backup job: the wait for a vault transfer slot, then the transfer
// of the changed blocks over the vault's link (docs/reference.md §1.1).
//
// Cost: a job waits in its vault's pool for hours when the link is saturated, and by the time
// its slot comes the VM's own data is out of the processor's caches. So the transfer carries
// all its grant needs (size, link, options): the grant starts it without touching the VM.
// When nothing reads the VM before `landBy` (landAhead), the landing does not touch it
// either: the transfer counts the point's bytes in the ledger and the job's statistics, and
// the VM files the point (chain, retention) the next time it is visited, in fleet order. A
// fresh small object per job lives among the other recent jobs' objects, where the cache is
// warm.

import type { Link, StartOptions } from '../../engine/link.js';
import type { Lease, Pool } from '../../engine/pool.js';
import { MAX_TIME, type Simulation } from '../../engine/simulation.js';
import type { Ledger, LedgerItem } from '../storage/ledger.js';
import type { JobStats } from './stats.js';

/** Told when a transfer's bytes are all in the vault (its slot already released). */
export interface TransferOwner {
  transferred(transfer: VaultTransfer): void;
}

// What the transfer's one callback (step) does next: count the snapshot, take the slot, land.
const SNAPSHOT = 0;
const SLOT = 1;
const LAND = 2;

/** One job's transfer to the vault: its slot lease, start instant and size. */
export class VaultTransfer {
  private phase = SLOT;
  private lease: Lease | null = null;
  // Set by beginAt and landAhead: where to count the snapshot's or the point's bytes, and the
  // pool to wait in.
  private ledger: Ledger | null = null;
  // The owner's item in the ledger, so a count lands in its part (policy).
  private item: LedgerItem | undefined = undefined;
  private pool: Pool | null = null;
  private snapshotBytes = 0;
  /** When the transfer started (the slot was granted), sim ms; NaN while waiting. */
  started = Number.NaN;
  /** When its bytes were all in, counted by the transfer itself (landAhead), sim ms; NaN before. */
  landedAt = Number.NaN;
  // A landing before this instant is counted here (landAhead); -Infinity: the owner is told.
  private landBy = Number.NEGATIVE_INFINITY;
  private stats: JobStats | null = null;

  constructor(
    private readonly owner: TransferOwner,
    /** Bytes to move. */
    public size: number,
    private readonly link: Link | null,
    private options: StartOptions,
  ) {}

  /**
   * Makes this object the owner's next transfer, of `size` bytes with `options`: an owner runs
   * one job at a time, so it keeps one transfer for all its jobs rather than one object (and
   * one closure) per job. Only once the last one is over (its owner told, or filed after
   * landAhead): nothing else holds it then.
   */
  reuse(size: number, options: StartOptions): this {
    this.size = size;
    this.options = options;
    this.phase = SLOT;
    this.lease = null;
    this.ledger = null;
    this.item = undefined;
    this.pool = null;
    this.snapshotBytes = 0;
    this.started = Number.NaN;
    this.landedAt = Number.NaN;
    this.landBy = Number.NEGATIVE_INFINITY;
    this.stats = null;
    return this;
  }

  /** Takes a slot of `pool` now when one is free, else waits in line for one; then transfers. */
  begin(sim: Simulation, pool: Pool): void {
    const lease = pool.tryAcquire();
    this.phase = SLOT;
    if (lease !== null) this.granted(sim, lease);
    else pool.acquire(this.step);
  }

  /**
   * Begins at `at` (an event), first counting `snapshotBytes` in the ledger's snapshot total:
   * for a job whose phase 1 the VM did ahead (Ledger.appendSnapshotAhead), so that neither
   * the snapshot's instant nor the grant touches the VM.
   */
  beginAt(
    sim: Simulation,
    at: number,
    pool: Pool,
    ledger: Ledger,
    snapshotBytes: number,
    item?: LedgerItem,
  ): void {
    this.pool = pool;
    this.ledger = ledger;
    this.item = item;
    this.snapshotBytes = snapshotBytes;
    this.phase = SNAPSHOT;
    sim.at(at, this.step, 'backup/snapshot');
  }

  // The one callback the kernel, the pool and the link call (one closure per transfer, not three).
  private readonly step = (sim: Simulation, lease?: unknown): void => {
    if (this.phase === LAND) this.done(sim);
    else if (this.phase === SLOT) this.granted(sim, lease as Lease);
    else this.snapshotted(sim);
  };

  private snapshotted(sim: Simulation): void {
    this.ledger!.countSnapshot(sim.now, this.snapshotBytes, this.item);
    this.begin(sim, this.pool!);
  }

  /**
   * Lets a landing before `landBy` count itself: `size` in the ledger's standard total
   * (Ledger.countVaultPoint: the owner asks this only while its last vault point is the
   * chain's newest, so the point adds exactly the delta it carries) and the job in `stats`,
   * setting landedAt for the owner to file the point when it next looks
   * (Ledger.fileVaultPoint). Later landings tell the owner.
   */
  landAhead(landBy: number, ledger: Ledger, stats: JobStats, item?: LedgerItem): void {
    this.landBy = landBy;
    this.ledger = ledger;
    this.item = item;
    this.stats = stats;
  }

  /** Whether it landed and counted itself (landAhead), waiting for its owner to file it. */
  get landed(): boolean {
    return !Number.isNaN(this.landedAt);
  }

  private granted(sim: Simulation, lease: Lease): void {
    this.lease = lease;
    this.started = sim.now;
    this.phase = LAND;
    // Without a link the transfer runs at its cap alone. A finish beyond the clock's range (a
    // crawl at a tiny rate) is never reached, so it is not scheduled: the slot stays taken, as
    // on a Link (engine/simulation.ts MAX_TIME).
    if (this.link === null) {
      const delay = Math.ceil((this.size / this.options.cap!) * 1000);
      if (sim.now + delay <= MAX_TIME) sim.after(delay, this.step, 'backup/transfer');
    } else this.link.start(this.size, this.step, this.options);
  }

  private done(sim: Simulation): void {
    this.lease!.release();
    this.lease = null;
    const now = sim.now;
    if (now >= this.landBy) {
      this.owner.transferred(this);
      return;
    }
    this.ledger!.countVaultPoint(now, this.size, this.item);
    this.stats!.succeeded++;
    this.stats!.transfer(now - this.started, this.size);
    this.landedAt = now;
  }
}
