// One Azure VM under a backup policy: scheduled jobs in two phases (snapshot, then
// transfer to the vault), failures and retries, retention, instant-restore snapshot
// garbage collection, archive tiering, stop protection and on-demand backups.
// Rules: reference/azure.md §1.1–1.5, §2.3–2.4; simplifications in docs/model.md.

import type { RandomStream } from '../../engine/random.js';
import { MS } from '../../engine/units.js';
import { RetentionQueue } from '../retention/queue.js';
import { tagPoint } from '../retention/tags.js';
import type { PointTags } from '../retention/types.js';
import type { Policy, Vm } from '../scenario/types.js';
import { deltaBytes, fullBytes } from '../storage/content.js';
import type { ContentState } from '../storage/types.js';
import { ItemContent } from '../workload/item-content.js';
import { nextSlot, type Slot } from './schedule.js';
import type { FailureCause, JobStats } from './stats.js';
import type { ItemPoints, ProtectedItem, VaultRuntime, World } from './world.js';

// §2.4: an archived point needs at least 6 months of retention left (taken as 180 days).
const ARCHIVE_MIN_REMAINING = 180 * MS.day;

type Snap = { id: number; expiresAt: number };

/** The backup process of one VM. */
export class VmBackup implements ProtectedItem {
  readonly id: string;
  private readonly content: ItemContent;
  private readonly retention = new RetentionQueue();
  private readonly snapshots: Snap[] = [];
  private readonly archiveCandidates: { id: number; createdAt: number; expiresAt: number }[] = [];
  private archived = 0;
  private readonly onDemandIds = new Set<number>();
  private readonly jitter: RandomStream;
  private readonly failures: RandomStream;
  private readonly snapshotTimes: RandomStream;
  private lastVaultState: ContentState | null = null;
  private vaultOwed = false;
  private busy = false;
  private stopped = false;
  private deleted = false;
  private pointSeq = 0;
  private protectedFrom: number;

  constructor(
    private readonly world: World,
    private readonly vm: Vm,
    private readonly policy: Policy,
    private readonly vault: VaultRuntime,
    private readonly stats: JobStats,
  ) {
    this.id = vm.id;
    const s = world.streams;
    this.content = new ItemContent(
      vm.disks.map((d) => ({
        used: d.used,
        growth: d.growth,
        churn: d.churn,
        stream: s.get(`vm/${vm.id}/disk/${d.name}/churn`),
      })),
    );
    this.jitter = s.get(`vm/${vm.id}/backup/jitter`);
    this.failures = s.get(`vm/${vm.id}/backup/failures`);
    this.snapshotTimes = s.get(`vm/${vm.id}/backup/snapshot`);
    this.protectedFrom = vm.backup?.from ?? 0;
  }

  /** Schedules the first slot, on-demand backups and the stop, if any. */
  start(): void {
    const plan = this.vm.backup!;
    const sim = this.world.sim;
    this.scheduleSlot(this.world.origin + plan.from);
    for (const o of plan.onDemand) sim.at(o.at, () => this.attempt(null, 0, o.retain), `backup/on-demand`);
    if (plan.stop !== null) sim.at(plan.stop.at, () => this.stop(plan.stop!.deleteData), 'backup/stop');
  }

  private get now(): number {
    return this.world.sim.now;
  }

  private scheduleSlot(afterEpoch: number): void {
    const slot = nextSlot(this.policy.schedule, afterEpoch);
    const at = slot.at - this.world.origin;
    if (at >= this.world.horizon) return;
    this.world.sim.at(at, () => this.onSlot(slot), 'backup/slot');
  }

  private onSlot(slot: Slot): void {
    this.scheduleSlot(slot.at + 1);
    if (this.stopped) return;
    this.stats.scheduled++;
    // §1.1: with an hourly policy the last backup of the day goes to the vault; if it fails,
    // the first successful backup of the next day does.
    if (slot.lastOfDay) this.vaultOwed = true;
    // §1.2: a scheduled job starts within the start window (2 h by default).
    const delay = Math.floor(this.jitter.next() * this.world.jobs.startWindow);
    this.world.sim.after(delay, () => this.attempt(slot, 0, null), 'backup/start');
  }

  // One attempt of a job: a scheduled slot, or an on-demand backup with its own retention.
  private attempt(slot: Slot | null, retry: number, onDemandRetain: number | null): void {
    if (this.stopped) return;
    this.stats.attempts++;
    let cause: FailureCause | null = null;
    if (!this.vm.vmAgent) cause = 'vm-agent-missing';
    else if (this.busy) cause = 'job-in-progress';
    else if (this.failures.next() < this.vm.backup!.failureRate) cause = 'transient';
    if (cause !== null) {
      this.stats.fail(cause);
      this.trace('job-failed', { cause, retry });
      const plan = this.vm.backup!;
      if (cause !== 'vm-agent-missing' && retry < plan.retries) {
        this.stats.retried++;
        this.world.sim.after(
          plan.retryAfter,
          () => this.attempt(slot, retry + 1, onDemandRetain),
          'backup/retry',
        );
      }
      return;
    }
    this.busy = true;
    const takenAt = this.now;
    const duration = Math.max(0, Math.round(this.world.snapshotDuration(this.snapshotTimes)));
    this.world.sim.after(duration, () => this.snapshotDone(slot, takenAt, onDemandRetain), 'backup/snapshot');
  }

  // Phase 1 done: a recovery point of type "Snapshot" exists (§1.1).
  private snapshotDone(slot: Slot | null, takenAt: number, onDemandRetain: number | null): void {
    const state = this.content.at(takenAt);
    const id = ++this.pointSeq;
    this.vault.ledger.addSnapshot(this.now, this.id, id, state);
    this.snapshots.push({ id, expiresAt: this.now + this.policy.instantRestore });
    this.stats.snapshotsTaken++;
    const toVault = onDemandRetain !== null || this.vaultOwed;
    if (!toVault) {
      this.busy = false;
      this.stats.succeeded++;
      return;
    }
    if (onDemandRetain === null) this.vaultOwed = false;
    this.transfer(id, state, slot, onDemandRetain);
  }

  // Phase 2: the changed blocks go to the vault over the vault's link, a few VMs at a time.
  private transfer(id: number, state: ContentState, slot: Slot | null, onDemandRetain: number | null): void {
    const first = this.lastVaultState === null;
    const size = first ? fullBytes(state) : deltaBytes(this.lastVaultState!, state);
    const jobs = this.world.jobs;
    const cap = first ? jobs.initialThroughput : jobs.incrementalThroughput;
    this.vault.pool.acquire((sim, lease) => {
      const started = sim.now;
      const done = () => {
        lease.release();
        this.vaultDone(id, state, slot, onDemandRetain, started, size);
      };
      if (this.vault.link === null) sim.after(Math.ceil((size / cap) * 1000), done, 'backup/transfer');
      else this.vault.link.start(size, done, { cap, tag: 'backup/transfer' });
    });
  }

  // The point is now "Snapshot and vault" (§1.1), kept by the tiers its date earns.
  private vaultDone(
    id: number,
    state: ContentState,
    slot: Slot | null,
    onDemandRetain: number | null,
    started: number,
    size: number,
  ): void {
    this.busy = false;
    this.stats.succeeded++;
    this.stats.transfer(this.now - started, size);
    if (this.deleted) return;
    this.vault.ledger.addVaultPoint(this.now, this.id, id, state);
    this.lastVaultState = state;
    const created = this.world.origin + this.now;
    const tags: PointTags =
      onDemandRetain !== null || slot === null
        ? {
            tiers: [],
            until: { daily: null, weekly: null, monthly: null, yearly: null },
            expiresAt: created + (onDemandRetain ?? 0),
          }
        : tagPoint(this.policy.retention, this.policy.schedule, slot.at, created);
    if (onDemandRetain !== null) this.onDemandIds.add(id);
    this.retention.add({ id, createdAt: created, tags });
    if (this.policy.archive !== null && (tags.until.monthly !== null || tags.until.yearly !== null))
      this.archiveCandidates.push({ id, createdAt: created, expiresAt: tags.expiresAt });
    this.trace('vault-point', { id, bytes: size, tiers: tags.tiers.join('+') || 'on-demand' });
  }

  /** Daily cleanup: expired vault points, snapshots past retention (never the latest), archive moves. */
  cleanup(now: number): void {
    if (this.deleted) return;
    const ledger = this.vault.ledger;
    // Stopped with data retained: points are kept until deleted by hand (§1.5).
    if (!this.stopped) {
      for (const p of this.retention.advance(this.world.origin + now)) {
        if (this.archived > 0 && ledger.vaultTierOf(this.id, p.id) === 'archive') this.archived--;
        ledger.expireVaultPoint(now, this.id, p.id);
        this.onDemandIds.delete(p.id);
      }
    }
    // §1.4: the latest snapshot is kept until the next successful backup, even if expired.
    while (this.snapshots.length > 1 && this.snapshots[0].expiresAt <= now) {
      ledger.expireSnapshot(now, this.id, this.snapshots.shift()!.id);
    }
    if (this.policy.archive !== null) this.archive(now);
  }

  // §2.4: monthly/yearly points at least `after` old, no longer kept by daily or weekly
  // tiers, with at least 6 months of retention left, move to vault-archive as full copies.
  private archive(now: number): void {
    const after = this.policy.archive!.after;
    const epoch = this.world.origin + now;
    while (this.archiveCandidates.length > 0) {
      const point = this.archiveCandidates[0];
      const id = point.id;
      const tiers = this.retention.activeTiers(id);
      if (tiers === null) {
        this.archiveCandidates.shift();
        continue;
      }
      if (epoch - point.createdAt < after) return;
      if (point.expiresAt - epoch < ARCHIVE_MIN_REMAINING) {
        this.archiveCandidates.shift();
        continue;
      }
      if (tiers.includes('daily') || tiers.includes('weekly')) return;
      this.vault.ledger.moveToArchive(now, this.id, id);
      this.archived++;
      this.archiveCandidates.shift();
      this.trace('archived', { id });
    }
  }

  // Stop protection (§1.5, §2.3): no more jobs; deleting the data sends it to soft delete.
  private stop(deleteData: boolean): void {
    this.stopped = true;
    this.trace('protection-stopped', { deleteData });
    if (!deleteData) return;
    this.deleted = true;
    this.vault.ledger.deleteItem(this.now, this.id, this.vault.spec.softDelete);
    for (const p of this.retention.points()) this.retention.remove(p.id);
    this.snapshots.length = 0;
    this.archived = 0;
  }

  /** Live recovery points of this VM. */
  points(): ItemPoints {
    const byTier = this.retention.countByTier();
    const vault = this.retention.size - this.archived;
    return {
      snapshot: this.snapshots.length,
      vault,
      archive: this.archived,
      ...byTier,
      onDemand: this.onDemandIds.size,
    };
  }

  /** §2.6: billed from the first successful backup while any backup data exists. */
  protectedSize(now: number): number | null {
    if (this.deleted || this.lastVaultState === null || now < this.protectedFrom) return null;
    return this.stopped ? fullBytes(this.lastVaultState) : this.content.usedAt(now);
  }

  private trace(kind: string, detail: Record<string, number | string | boolean>): void {
    this.world.trace?.({ t: this.now, kind, subject: this.id, detail });
  }
}
