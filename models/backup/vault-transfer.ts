// Phase 2 of one Azure VM backup job: the wait for a vault transfer slot, then the transfer
// of the changed blocks over the vault's link (reference/azure.md §1.1).
//
// Cost: a job waits in its vault's pool for hours when the link is saturated, and by the time
// its slot comes the VM's own data is out of the processor's caches. So the transfer carries
// all its grant needs (size, link, options): the grant starts it without touching the VM,
// which is only touched again when the bytes are in. A fresh small object per job lives
// among the other recent jobs' objects, where the cache is warm.

import type { Link, StartOptions } from '../../engine/link.js';
import type { Lease, Pool } from '../../engine/pool.js';
import type { Simulation } from '../../engine/simulation.js';
import type { Ledger } from '../storage/ledger.js';

/** Told when a transfer's bytes are all in the vault (its slot already released). */
export interface TransferOwner {
  transferred(transfer: VaultTransfer): void;
}

/** One job's transfer to the vault: its slot lease, start instant and size. */
export class VaultTransfer {
  private lease: Lease | null = null;
  // Set by beginAt: where to count the snapshot's bytes, and the pool to wait in.
  private ledger: Ledger | null = null;
  private pool: Pool | null = null;
  private snapshotBytes = 0;
  /** When the transfer started (the slot was granted), sim ms; NaN while waiting. */
  started = Number.NaN;

  constructor(
    private readonly owner: TransferOwner,
    /** Bytes to move. */
    readonly size: number,
    private readonly link: Link | null,
    private readonly options: StartOptions,
  ) {}

  /** Takes a slot of `pool` now when one is free, else waits in line for one; then transfers. */
  begin(sim: Simulation, pool: Pool): void {
    const lease = pool.tryAcquire();
    if (lease !== null) this.granted(sim, lease);
    else pool.acquire(this.granted);
  }

  /**
   * Begins at `at` (an event), first counting `snapshotBytes` in the ledger's snapshot total:
   * for a job whose phase 1 the VM did ahead (Ledger.appendSnapshotAhead), so that neither
   * the snapshot's instant nor the grant touches the VM.
   */
  beginAt(sim: Simulation, at: number, pool: Pool, ledger: Ledger, snapshotBytes: number): void {
    this.pool = pool;
    this.ledger = ledger;
    this.snapshotBytes = snapshotBytes;
    sim.at(at, this.snapshotted, 'backup/snapshot');
  }

  private readonly snapshotted = (sim: Simulation): void => {
    this.ledger!.countSnapshot(sim.now, this.snapshotBytes);
    this.begin(sim, this.pool!);
  };

  private readonly granted = (sim: Simulation, lease: Lease): void => {
    this.lease = lease;
    this.started = sim.now;
    // Without a link the transfer runs at its cap alone.
    if (this.link === null)
      sim.after(Math.ceil((this.size / this.options.cap!) * 1000), this.done, 'backup/transfer');
    else this.link.start(this.size, this.done, this.options);
  };

  private readonly done = (): void => {
    this.lease!.release();
    this.lease = null;
    this.owner.transferred(this);
  };
}
