// One Azure Backup Server (MABS) or System Center DPM server during a run (docs/reference.md
// §3; docs/reference.md §14): its WAN link to Azure, throttled as the MARS agent's
// (the online backups run through that agent), its windows without connectivity, and its loss.
//
/* Rules and assumptions (docs/model.md, "MABS / DPM"):
 * - §14.4: with no connectivity to Azure Backup for more than 15 days there is no backup to
 *   disk or Azure; restores stay possible. Online backups fail from the first instant offline
 *   (`no-connectivity`); synchronisations to disk go on for 15 days, then fail too.
 * - §14.5: losing the server loses its disk points ("disk-based recovery points won't be
 *   recoverable"); the vault's points stay. Nothing runs after the loss; a transfer in flight
 *   fails (`server-lost`). The vault points are then kept as they are, with no server to
 *   prune them (assumption: the sources do not say).
 */

import { Link, type Transfer } from '../../engine/link.js';
import type { Simulation } from '../../engine/simulation.js';
import { MS } from '../../engine/units.js';
import type { FailureCause } from '../backup/stats.js';
import { MAX_AGENT_BANDWIDTH } from '../mars/mars-backup.js';
import { nextThrottleChange, throttleAt } from '../mars/schedule.js';
import type { BackupServer } from '../scenario/workloads.js';

/** §14.4: offline longer than this stops backups to disk too. */
export const OFFLINE_STOPS_DISK = 15 * MS.day;

interface InFlight {
  transfer: Transfer | null;
  fail: () => void;
}

/** A MABS/DPM server's link, connectivity and fate. */
export class ServerRuntime {
  /** The server's WAN link to Azure (its own, shared by its machines' online backups). */
  readonly link: Link;
  /** When the server was lost (sim ms), NaN while it runs. */
  lostAt = Number.NaN;
  private inFlight = 0;
  private readonly transfers = new Set<InFlight>();
  private readonly onLost: (() => void)[] = [];

  constructor(
    private readonly sim: Simulation,
    readonly spec: BackupServer,
    private readonly origin: number,
    private readonly horizon: number,
  ) {
    const network = spec.network;
    this.link = new Link(sim, {
      name: `dpm/${spec.id}/wan`,
      capacity: network === null ? MAX_AGENT_BANDWIDTH : Math.max(network.work, network.nonWork),
    });
  }

  /** Schedules the loss, if any. */
  start(): void {
    const at = this.spec.lostAt;
    if (at !== null && at < this.horizon) this.sim.at(at, () => this.lose(), 'dpm/lost');
  }

  /** Calls `listener` when the server is lost. */
  whenLost(listener: () => void): void {
    this.onLost.push(listener);
  }

  private lose(): void {
    this.lostAt = this.sim.now;
    // Fail the transfers in flight in the order they started.
    for (const t of [...this.transfers]) {
      if (t.transfer !== null) this.link.cancel(t.transfer);
      t.fail();
    }
    this.transfers.clear();
    this.inFlight = 0;
    this.link.followSchedule(null);
    for (const listener of this.onLost) listener();
  }

  /** Whether the server is gone at t. */
  lost(t: number): boolean {
    return !Number.isNaN(this.lostAt) && t >= this.lostAt;
  }

  // The offline window holding t, or null.
  private offlineAt(t: number): { at: number; for: number } | null {
    for (const w of this.spec.offline) if (t >= w.at && t < w.at + w.for) return w;
    return null;
  }

  /** Why an online backup cannot start at t, or null (`vaultDown`: the vault's region is out). */
  onlineBlocked(t: number, vaultDown: boolean): FailureCause | null {
    if (this.offlineAt(t) !== null) return 'no-connectivity';
    return vaultDown ? 'region-outage' : null;
  }

  /** Why a synchronisation to disk cannot run at t (offline more than 15 days), or null. */
  syncBlocked(t: number): FailureCause | null {
    const w = this.offlineAt(t);
    return w !== null && t - w.at > OFFLINE_STOPS_DISK ? 'no-connectivity' : null;
  }

  /** The instants (sim ms) at which an offline window passed 15 days (backups to disk stopped), in order. */
  stoppedAfter15Days(): number[] {
    const end = Math.min(this.horizon, Number.isNaN(this.lostAt) ? Number.POSITIVE_INFINITY : this.lostAt);
    return this.spec.offline
      .filter((w) => w.for > OFFLINE_STOPS_DISK && w.at + OFFLINE_STOPS_DISK < end)
      .map((w) => w.at + OFFLINE_STOPS_DISK);
  }

  /** Sends `size` bytes over the WAN link (throttled while anything is sent); `done` when in, `fail` if the server is lost first. */
  send(size: number, done: () => void, fail: () => void): void {
    if (this.inFlight++ === 0) this.throttle();
    const entry: InFlight = { transfer: null, fail };
    this.transfers.add(entry);
    entry.transfer = this.link.start(
      size,
      () => {
        this.transfers.delete(entry);
        if (--this.inFlight === 0) this.link.followSchedule(null);
        done();
      },
      { tag: 'dpm/transfer' },
    );
  }

  // While transfers run, the link's capacity follows the throttling schedule (§3, as MARS).
  private throttle(): void {
    const network = this.spec.network;
    if (network === null) return;
    const origin = this.origin;
    this.link.setCapacity(throttleAt(network, origin + this.sim.now));
    this.link.followSchedule((now) => {
      const at = nextThrottleChange(network.workHours, origin + now + 1);
      if (at === null || at - origin >= this.horizon) return null;
      return { at: at - origin, capacity: throttleAt(network, at) };
    });
  }
}
