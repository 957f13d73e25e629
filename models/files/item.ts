// The file shares of one storage account under one policy, as a vault's protected item
// (docs/reference.md §13): a share snapshot at every slot (daily, or every 4–12 h in
// a window), kept by the policy's GFS retention (snapshot tier: every snapshot by the daily
// tier, the day's last one by weekly/monthly/yearly too) or for `snapshotRetention` (vault
// tier, whose day's last snapshot is copied to the vault and kept there by GFS retention);
// at most 200 snapshots a share (§13.3: a backup past them fails); restores (§13.5). One kernel
// event per slot instant for all the item's shares, one per vault copy, one per restore.

import type { StartOptions } from '../../engine/link.js';
import type { Slot } from '../backup/schedule.js';
import type { FailureCause } from '../backup/stats.js';
import { type TransferOwner, VaultTransfer } from '../backup/vault-transfer.js';
import type { ItemPoints, ProtectedItem, VaultRuntime, World } from '../backup/world.js';
import type { LogItem, SplitItem } from '../logs/facts.js';
import type { BackupSignals } from '../monitor/signals.js';
import { addTierCounts, pointsOf } from '../results/item-points.js';
import type { FileRestoreResult } from '../results/workloads.js';
import { cachedTierMask, untilsInto } from '../retention/tags.js';
import type { Schedule } from '../scenario/types.js';
import type { FileShare, FileSharePolicy } from '../scenario/workloads.js';
import type { ContentState } from '../storage/types.js';
import type { WorkloadGroup } from '../workloads/group.js';
import { nextShareSlot } from './schedule.js';
import { ShareState } from './share.js';

/** §13.3: snapshots a share may hold at once. */
export const SNAPSHOT_LIMIT = 200;
/** §13.4: restores of a share a day. */
export const RESTORES_PER_DAY = 20;
/** The datasource type file-share jobs report to the monitor. */
export const FILES_DATASOURCE = 'AzureFileShare';
const UNTIL = new Float64Array(4);
const DAILY_BIT = 1;

// The long-term tiers of a day's last snapshot are those of a daily schedule on its window's day.
const dailyOf = new WeakMap<Schedule, Schedule>();
function asDaily(s: Schedule): Schedule {
  let d = dailyOf.get(s);
  if (d === undefined) {
    d = { ...s, frequency: 'daily' };
    dailyOf.set(s, d);
  }
  return d;
}

// A copy of the day's last snapshot to the vault, in flight.
class Copy implements TransferOwner {
  constructor(
    private readonly item: FilesItem,
    readonly share: ShareState,
    readonly state: ContentState,
    readonly slot: Slot,
  ) {}

  transferred(transfer: VaultTransfer): void {
    this.item.copied(this, transfer);
  }
}

/** The shares of a storage account under one policy. */
export class FilesItem implements ProtectedItem, SplitItem {
  readonly id: string;
  readonly shares: ShareState[];
  /** Restores done, in time order. */
  readonly restores: FileRestoreResult[] = [];
  private signals: BackupSignals | null = null;
  private protectedFrom = Number.NaN;
  private readonly restoresByDay = new Map<string, number>();

  constructor(
    private readonly world: World,
    /** The storage account. */
    readonly account: string,
    readonly policy: FileSharePolicy,
    specs: readonly FileShare[],
    private readonly vault: VaultRuntime,
    private readonly group: WorkloadGroup,
    /** Why the storage account (or, for a copy, the vault) cannot back up at t, or null. */
    private readonly blocked: (region: string, t: number) => FailureCause | null,
    /** The storage account's protected-instance size at t (§13.6), or null: billed by another item of the account. */
    private readonly instanceSize: ((t: number) => number) | null,
  ) {
    this.id = `${account}/files/${policy.name}`;
    this.shares = specs.map((s) => new ShareState(s, world.streams));
    group.items += specs.length;
  }

  /** Reports job outcomes to the monitor (docs/reference.md §7.5). */
  observe(signals: BackupSignals): void {
    this.signals = signals;
  }

  /** Schedules the first slot and the restores. */
  start(): void {
    this.book(this.world.origin);
    for (const share of this.shares)
      for (const r of share.spec.restores)
        if (r.at < this.world.horizon) this.world.sim.at(r.at, () => this.restore(share, r), 'files/restore');
  }

  private get now(): number {
    return this.world.sim.now;
  }

  private book(afterEpoch: number): void {
    const slot = nextShareSlot(this.policy.schedule, afterEpoch);
    const at = slot.at - this.world.origin;
    if (at < this.world.horizon) this.world.sim.at(at, () => this.onSlot(slot), 'files/slot');
  }

  private onSlot(slot: Slot): void {
    this.book(slot.at + 1);
    const t = this.now;
    const region = this.shares[0].spec.region;
    const outage = this.blocked(region, t);
    for (const share of this.shares) {
      const cause: FailureCause | null =
        outage ?? (share.snapshots >= SNAPSHOT_LIMIT ? 'snapshot-limit' : null);
      if (cause !== null) {
        this.failed(share, 'snapshot', t, cause);
        continue;
      }
      const { id, state, gap } = share.snapshot(t);
      if (!Number.isNaN(gap)) this.group.rpo.add(gap);
      this.group.succeeded('snapshot');
      if (Number.isNaN(this.protectedFrom)) this.protectedFrom = t;
      this.signals?.jobCompleted(share.id, this.vault.spec.name, t, 0, FILES_DATASOURCE);
      this.tagSnapshot(share, id, slot);
      // §13.1: the day's last scheduled snapshot goes to the vault (vault tier).
      if (this.policy.tier === 'vault' && slot.lastOfDay) this.copy(share, state, slot);
    }
    this.countSnapshots(t);
  }

  /**
   * Adds each share's window still open at `end` (the run's end) to the group's gaps, as a VM's
   * exposure counts it (docs/model.md, RPO exposure): a share whose snapshots stopped, in a
   * region outage or at the 200 limit, shows the whole stretch. A share never snapshotted adds none.
   */
  closeGaps(end: number): void {
    for (const share of this.shares) {
      const gap = share.openGap(end);
      if (gap > 0) this.group.rpo.add(gap);
    }
  }

  // Snapshot tier: the daily tier keeps every snapshot, the long-term tiers the day's last (§13.3).
  private tagSnapshot(share: ShareState, id: number, slot: Slot): void {
    if (this.policy.tier !== 'snapshot') return;
    const { retention, schedule } = this.policy;
    const all = cachedTierMask(retention, asDaily(schedule), slot.windowStart);
    const mask = slot.lastOfDay ? all : all & DAILY_BIT;
    const created = this.world.origin + this.now;
    const expiresAt = untilsInto(retention, schedule.timeZone, mask, created, UNTIL);
    share.snapshotTags.addPoint(id, created, UNTIL, expiresAt);
  }

  private copy(share: ShareState, state: ContentState, slot: Slot): void {
    const cause = this.blocked(this.vault.spec.region, this.now) ?? (share.busy ? 'job-in-progress' : null);
    if (cause !== null) {
      this.failed(share, 'vault', this.now, cause);
      return;
    }
    share.busy = true;
    const first = share.lastVault === null;
    const options: StartOptions = {
      cap: first ? this.world.jobs.initialThroughput : this.world.jobs.incrementalThroughput,
      tag: 'files/transfer',
    };
    new VaultTransfer(
      new Copy(this, share, state, slot),
      share.copySize(state),
      this.vault.link,
      options,
    ).begin(this.world.sim, this.vault.pool);
  }

  /** A copy is in the vault: a point of the share's vault chain, kept by GFS retention. */
  copied(copy: Copy, transfer: VaultTransfer): void {
    const now = this.now;
    const share = copy.share;
    share.busy = false;
    const id = share.nextId();
    this.vault.ledger.addVaultPoint(now, share.id, id, copy.state);
    share.lastVault = copy.state;
    share.vaultPoints.set(id, { id, takenAt: copy.state.time, landedAt: now, state: copy.state });
    const { retention, schedule } = this.policy;
    const mask = cachedTierMask(retention, asDaily(schedule), copy.slot.windowStart);
    const created = this.world.origin + now;
    share.vaultTags.addPoint(
      id,
      created,
      UNTIL,
      untilsInto(retention, schedule.timeZone, mask, created, UNTIL),
    );
    this.group.succeeded('vault');
    this.group.stats.transfer(now - transfer.started, transfer.size);
    // Issue 19: the copy's bytes in the jobs table (a snapshot job's are 0, §13.1).
    this.signals?.jobCompleted(share.id, this.vault.spec.name, now, now - copy.state.time, FILES_DATASOURCE, {
      bytes: transfer.size,
    });
  }

  private failed(share: ShareState, type: 'snapshot' | 'vault', t: number, cause: FailureCause): void {
    this.group.failed(type, cause);
    this.signals?.jobFailed(share.id, this.vault.spec.name, t, cause, FILES_DATASOURCE);
    this.world.trace?.({ t, kind: `files-${type}-failed`, subject: share.id, detail: { cause } });
  }

  // The shares' snapshot bytes in the ledger follow what they hold at t.
  private countSnapshots(t: number): void {
    let delta = 0;
    for (const share of this.shares) {
      const bytes = share.snapshotBytes(t);
      delta += bytes - share.counted;
      share.counted = bytes;
    }
    if (delta !== 0) this.vault.ledger.countLoose(t, 'snapshot', delta, this.id);
  }

  // §13.5: a restore reads the latest point old enough from the snapshots, else from the vault.
  private restore(share: ShareState, r: FileShare['restores'][number]): void {
    const now = this.now;
    const iso = (t: number) => new Date(this.world.origin + t).toISOString();
    const day = iso(now).slice(0, 10);
    const count = (this.restoresByDay.get(`${share.id}/${day}`) ?? 0) + 1;
    this.restoresByDay.set(`${share.id}/${day}`, count);
    const point = share.pointAtOrBefore(now - r.age, now);
    let refusal: string | null = null;
    if (count > RESTORES_PER_DAY)
      refusal = `more than ${RESTORES_PER_DAY} restores of the share today (§13.4)`;
    else if (point === null) refusal = 'no recovery point that old is kept';
    else if (point.tier === 'vault' && r.kind === 'items')
      refusal = 'item-level restore is not supported from the vault tier (§13.5)';
    else if (point.tier === 'vault' && r.to === 'original')
      refusal = 'original-location restore is not supported from the vault tier (§13.5)';
    this.restores.push({
      share: share.id,
      at: iso(now),
      kind: r.kind,
      items: r.items,
      to: r.to,
      outcome: refusal === null ? 'ok' : 'refused',
      tier: refusal === null ? point!.tier : null,
      point: refusal === null ? iso(point!.takenAt) : null,
      bytes: refusal === null && r.kind === 'share' ? point!.bytes : 0,
      note:
        refusal ??
        (point!.tier === 'snapshot' ? 'from a share snapshot' : 'from the vault, to an empty folder'),
    });
  }

  /** Daily round: expired snapshots and vault points go; samples are taken. */
  cleanup(now: number): void {
    const epoch = this.world.origin + now;
    let snaps = 0;
    let vaultPoints = 0;
    let vaultBytes = 0;
    for (const share of this.shares) {
      if (this.policy.tier === 'snapshot')
        for (const p of share.snapshotTags.advance(epoch)) share.remove(p.id);
      else for (const id of share.snapshotsBefore(now - this.policy.snapshotRetention!)) share.remove(id);
      for (const p of share.vaultTags.advance(epoch)) {
        this.vault.ledger.expireVaultPoint(now, share.id, p.id);
        share.vaultPoints.delete(p.id);
      }
      snaps += share.snapshots;
      vaultPoints += share.vaultPoints.size;
      vaultBytes += this.vault.ledger.itemBytes(share.id, 'standard');
    }
    this.countSnapshots(now);
    let snapBytes = 0;
    for (const share of this.shares) snapBytes += share.counted;
    this.group.addDay(now, 'snapshot', snaps, snapBytes);
    this.group.addDay(now, 'vault', vaultPoints, vaultBytes);
  }

  /** Live points: snapshots, vault points, and the GFS memberships of whichever the policy tags. */
  points(): ItemPoints {
    return pointsOf(this);
  }

  addPointsTo(sum: ItemPoints): void {
    for (const share of this.shares) {
      sum.snapshot += share.snapshots;
      sum.vault += share.vaultPoints.size;
      addTierCounts(sum, this.policy.tier === 'snapshot' ? share.snapshotTags : share.vaultTags);
    }
  }

  /** §13.6: the storage account's protected shares' data, from their first backup; null for the account's other items. */
  protectedSize(now: number): number | null {
    if (this.instanceSize === null || Number.isNaN(this.protectedFrom)) return null;
    return this.instanceSize(now);
  }

  /**
   * The diagnostic tables' backup items (issue 19; docs/reference.md §16.1): each share from
   * the start of the run (backed up yet or not), its used data (with growth) and the bytes of its vault points (the
   * vault tier's; share snapshots stay in the storage account, §13.1, and are not the vault's).
   */
  logItems(now: number): LogItem[] {
    const out: LogItem[] = [];
    const ledger = this.vault.ledger;
    for (const share of this.shares) {
      out.push({
        id: share.id,
        frontEndBytes: share.usedAt(now),
        standardBytes: ledger.itemBytes(share.id, 'standard'),
        archiveBytes: ledger.itemBytes(share.id, 'archive'),
      });
    }
    return out;
  }
}
