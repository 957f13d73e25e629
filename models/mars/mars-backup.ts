// One on-premises Windows server backed up to a Recovery Services vault by the MARS agent
// (docs/reference.md §3): up to three scheduled backups a day, each sending the changes
// since the last backup, compressed, over the server's own throttled WAN link.
//
/* Assumptions (copy to docs/model.md):
 * M1. No snapshot phase and no start window: a job reads the server's data at its scheduled
 *     instant and starts its transfer at once. The data is one "disk" of
 *     data × (1 − compression) bytes: §2.5 says MARS traffic to the vault is compressed, and
 *     the ratio is the scenario's assumption; it shrinks what is sent and what is stored
 *     alike. Churn and growth apply to the compressed bytes as fractions.
 * M2. A job sends the delta since the last vault point (the whole data for the first) over
 *     a link of the server's own, shared by nothing else. With `network` the link's capacity
 *     follows the throttling schedule (§3: work-hours and non-work-hours bandwidth, switched
 *     at the work-hours boundaries in their time zone); without it the WAN is taken not to
 *     be the bottleneck and the link carries the agent's maximum, 1,023 Mbps (§3). The
 *     vault's transfer pool and link (Azure VM backup's) are not used.
 * M3. The agent does not overlap backups: a job scheduled while the previous transfer runs
 *     fails with 'job-in-progress'. No transient failures and no retries are modelled.
 * M4. §3: since March 2018 every agent below 2.0.9083.0 fails its backups; such a server
 *     fails every scheduled job with 'mars-agent-outdated' and stores nothing.
 * M5. Retention (simplification): MARS keeps daily points by the count of days and tags
 *     weekly/monthly/yearly points by date (§3's example: daily backups at midnight and
 *     6 PM kept 7 days; Saturday backups kept 4 weeks; the last Saturday of the month
 *     12 months; the last Saturday in March 10 years). Here the LAST scheduled backup of a
 *     local day carries all the tiers its date earns (tagPoint with a daily schedule, or a
 *     weekly one when days are set, at the last time of the day); earlier backups of the day
 *     get only the daily tier, kept `daily` days, and with a weekly schedule, which has no
 *     daily tier, no tier at all: they expire at the next cleanup, their blocks going to
 *     their successor.
 * M6. Billed protected-instance size (§2.6): the server's uncompressed data (with growth)
 *     from its first successful backup on.
 * M7. A server has no provisioned size in the scenario, so its data grows without Azure's
 *     limit; it stops at 2^53 bytes (8 PiB), the model's exact range (assumption: a numeric
 *     guard, not a disk, so no "full" note).
 * M8. Its jobs are reported (observe) to the diagnostics' jobs table only: the vault lists the
 *     MARS agent's jobs (§7.5), but Azure Backup's metrics cover Azure VMs, SQL and SAP HANA in
 *     VMs, Azure Files and Blobs (§7.5), so a MARS job makes no Backup Health Event; that no
 *     built-in job-failure alert fires for it follows the metrics' list (assumption: the alerts'
 *     page lists no workloads).
 */

import { Link } from '../../engine/link.js';
import type { FailureCause, JobStats } from '../backup/stats.js';
import type { ItemPoints, ProtectedItem, VaultRuntime, World } from '../backup/world.js';
import type { BackupSignals } from '../monitor/signals.js';
import { addVaultQueue, pointsOf } from '../results/item-points.js';
import { RetentionQueue } from '../retention/queue.js';
import type { MarsServer, Schedule } from '../scenario/types.js';
import { deltaBytes, fullBytes } from '../storage/content.js';
import type { ContentState } from '../storage/types.js';
import { grownUsed } from '../workload/growth.js';
import { ItemContent } from '../workload/item-content.js';
import { type MarsSlot, nextMarsSlot, nextThrottleChange, throttleAt } from './schedule.js';
import { longTermSchedule, slotTags } from './slot-tags.js';

/** §3: agents below this version fail every backup since March 2018. */
export const MIN_AGENT_VERSION = '2.0.9083.0';
/** The trace message of a job failed by an outdated agent. */
export const OUTDATED_AGENT_MESSAGE = `MARS agent below ${MIN_AGENT_VERSION}: upgrade the agent`;
/** §3: the most bandwidth the agent's throttling allows, 1,023 Mbps, in bytes/s. */
export const MAX_AGENT_BANDWIDTH = 1_023_000_000 / 8;

/** The datasource type a MARS job is reported with (M8; the tables' BackupItemType is FileFolder). */
export const MARS_DATASOURCE = 'MAB';

// M7: where a server's data stops growing.
const DATA_LIMIT = Number.MAX_SAFE_INTEGER;

/** Whether a version like 2.0.9000.0 is below 2.0.9083.0, comparing part by part as numbers. */
export function agentOutdated(version: string): boolean {
  const have = version.split('.').map(Number);
  const need = MIN_AGENT_VERSION.split('.').map(Number);
  for (let i = 0; i < need.length; i++) {
    const h = have[i] ?? 0;
    if (h !== need[i]) return h < need[i];
  }
  return false;
}

/** The backup process of one MARS-protected server. */
export class MarsBackup implements ProtectedItem {
  readonly id: string;
  private readonly content: ItemContent;
  private readonly retention = new RetentionQueue();
  private readonly link: Link;
  private readonly outdated: boolean;
  private readonly longTerm: Schedule;
  private lastVaultState: ContentState | null = null;
  private busy = false;
  private pointSeq = 0;
  // Where job outcomes are reported (M8), if anywhere.
  private signals: BackupSignals | null = null;

  constructor(
    private readonly world: World,
    private readonly server: MarsServer,
    private readonly vault: VaultRuntime,
    private readonly stats: JobStats,
  ) {
    this.id = server.id;
    this.content = new ItemContent([
      {
        used: Math.round(server.data * (1 - server.compression)),
        growth: server.growth,
        size: DATA_LIMIT,
        churn: server.churn,
        stream: world.streams.get(`mars/${server.id}/churn`),
      },
    ]);
    this.outdated = agentOutdated(server.agentVersion);
    const { times, days, timeZone } = server.schedule;
    this.longTerm = longTermSchedule(times, days, timeZone);
    const network = server.network;
    this.link = new Link(world.sim, {
      name: `mars/${server.id}/wan`,
      capacity: network === null ? MAX_AGENT_BANDWIDTH : Math.max(network.work, network.nonWork),
    });
  }

  /** Reports job outcomes to `signals` (the diagnostics' jobs table, M8). */
  observe(signals: BackupSignals): void {
    this.signals = signals;
  }

  /** Schedules the first backup slot. */
  start(): void {
    this.scheduleSlot(this.world.origin);
  }

  private get now(): number {
    return this.world.sim.now;
  }

  private scheduleSlot(afterEpoch: number): void {
    const slot = nextMarsSlot(this.server.schedule, afterEpoch);
    const at = slot.at - this.world.origin;
    if (at >= this.world.horizon) return;
    this.world.sim.at(at, () => this.onSlot(slot), 'mars/slot');
  }

  private onSlot(slot: MarsSlot): void {
    this.scheduleSlot(slot.at + 1);
    this.stats.scheduled++;
    this.stats.attempts++;
    const cause: FailureCause | null = this.outdated
      ? 'mars-agent-outdated'
      : this.busy
        ? 'job-in-progress'
        : null;
    if (cause !== null) {
      this.stats.fail(cause);
      this.trace(
        'job-failed',
        cause === 'mars-agent-outdated' ? { cause, message: OUTDATED_AGENT_MESSAGE } : { cause },
      );
      this.signals?.jobFailed(this.id, this.vault.spec.name, this.now, cause, MARS_DATASOURCE);
      return;
    }
    this.busy = true;
    const state = this.content.at(this.now);
    const size = this.lastVaultState === null ? fullBytes(state) : deltaBytes(this.lastVaultState, state);
    const started = this.now;
    this.throttle();
    this.link.start(size, () => this.transferDone(slot, state, started, size), { tag: 'mars/transfer' });
  }

  // While a transfer runs, the link's capacity follows the throttling schedule (M2); idle,
  // it needs no events.
  private throttle(): void {
    const network = this.server.network;
    if (network === null) return;
    const origin = this.world.origin;
    this.link.setCapacity(throttleAt(network, origin + this.now));
    this.link.followSchedule((now) => {
      const at = nextThrottleChange(network.workHours, origin + now + 1);
      if (at === null || at - origin >= this.world.horizon) return null;
      return { at: at - origin, capacity: throttleAt(network, at) };
    });
  }

  // The point is in the vault, kept by the tiers its slot earns (M5).
  private transferDone(slot: MarsSlot, state: ContentState, started: number, size: number): void {
    this.link.followSchedule(null);
    this.busy = false;
    this.stats.succeeded++;
    this.stats.transfer(this.now - started, size);
    this.signals?.jobCompleted(this.id, this.vault.spec.name, this.now, this.now - started, MARS_DATASOURCE, {
      bytes: size,
    });
    const id = ++this.pointSeq;
    this.vault.ledger.addVaultPoint(this.now, this.id, id, state);
    this.lastVaultState = state;
    const created = this.world.origin + this.now;
    const tags = slotTags(this.server.retention, this.longTerm, slot, created);
    this.retention.add({ id, createdAt: created, tags });
    this.trace('vault-point', { id, bytes: size, tiers: tags.tiers.join('+') || 'none' });
  }

  /** Daily cleanup: vault points past their retention leave the ledger. */
  cleanup(now: number): void {
    for (const p of this.retention.advance(this.world.origin + now)) {
      this.vault.ledger.expireVaultPoint(now, this.id, p.id);
    }
  }

  /** Live recovery points: vault points only (MARS has no snapshot or archive tier here). */
  points(): ItemPoints {
    return pointsOf(this);
  }

  addPointsTo(sum: ItemPoints): void {
    addVaultQueue(sum, this.retention);
  }

  /** The server's uncompressed data from its first successful backup on (M6), else null. */
  protectedSize(now: number): number | null {
    if (this.lastVaultState === null) return null;
    const { data, growth } = this.server;
    // The same compounding as ItemContent's used bytes, before compression.
    return grownUsed(data, growth, DATA_LIMIT, now);
  }

  private trace(kind: string, detail: Record<string, number | string | boolean>): void {
    this.world.trace?.({ t: this.now, kind, subject: this.id, detail });
  }
}
