// One machine a MABS/DPM server protects, as a vault's protected item (docs/reference.md §3;
// docs/reference.md §14; billed per protected machine, §14.6). Its data is
// synchronised to the server's disk every `sync` (a disk recovery point each, kept
// `retention`), and at most twice a day the latest disk point goes online to the vault, over
// the server's WAN link, compressed (§2.5, §14.2).
//
// Synchronisations cost no event: they are whole multiples of the interval (in UTC, as SQL
// logs: an assumption) and each is filed, in order, the next time the machine is visited (an
// online slot or the daily round). A disk point keeps the old versions of the blocks changed
// after it, as a share snapshot does (models/files/share.ts): the disk holds the replica plus
// Σᵢ old(pᵢ → pᵢ₊₁) + old(p_newest → now). The server's storage is not Azure's: it is
// reported, not billed.

import type { FailureCause } from '../backup/stats.js';
import type { ItemPoints, ProtectedItem, VaultRuntime, World } from '../backup/world.js';
import type { LogItem, SplitItem } from '../logs/facts.js';
import { type MarsSlot, nextMarsSlot } from '../mars/schedule.js';
import { longTermSchedule, slotTags } from '../mars/slot-tags.js';
import type { BackupSignals } from '../monitor/signals.js';
import { addVaultQueue, pointsOf } from '../results/item-points.js';
import { RetentionQueue } from '../retention/queue.js';
import type { Schedule } from '../scenario/types.js';
import type { ProtectionGroup } from '../scenario/workloads.js';
import { deltaBytes, fullBytes } from '../storage/content.js';
import type { ContentState } from '../storage/types.js';
import { grownUsed } from '../workload/growth.js';
import { ItemContent } from '../workload/item-content.js';
import type { WorkloadGroup } from '../workloads/group.js';
import type { ServerRuntime } from './server.js';

/** The old blocks of a point (used p, log survival lp) that a later one (used q, lq) no longer has. */
function old(usedP: number, lp: number, usedQ: number, lq: number): number {
  return usedP - Math.min(usedQ, Math.floor(usedP * Math.exp(Math.min(0, lq - lp))));
}

/** A machine protected by a MABS/DPM server. */
export class DpmMachine implements ProtectedItem, SplitItem {
  readonly id: string;
  private readonly content: ItemContent;
  private readonly every: number;
  private readonly keep: number;
  // The disk points: a ring of (time, used, log survival, unique) from `head`, `count` of them.
  private readonly ringT: Float64Array;
  private readonly ringUsed: Float64Array;
  private readonly ringL: Float64Array;
  private readonly ringUnique: Float64Array;
  private head = 0;
  private count = 0;
  private chainUnique = 0;
  private nextSync: number;
  private readonly retention = new RetentionQueue(8);
  private readonly longTerm: Schedule;
  private lastVault: ContentState | null = null;
  private busy = false;
  private pointSeq = 0;
  private lastPointAt = Number.NaN;
  // The data instant of the latest online point (the disk point it sent), NaN before the first.
  private lastOnlineAt = Number.NaN;
  private protectedFrom = Number.NaN;
  private signals: BackupSignals | null = null;

  constructor(
    private readonly world: World,
    /** Its id: `<server>/<group>-NNN`. */
    id: string,
    /** Its protection group. */
    readonly pg: ProtectionGroup,
    /** The server protecting it. */
    readonly server: ServerRuntime,
    private readonly vault: VaultRuntime,
    private readonly group: WorkloadGroup,
    private readonly vaultDown: (t: number) => boolean,
  ) {
    this.id = id;
    const compression = server.spec.compression;
    this.content = new ItemContent([
      {
        used: Math.round(pg.data * (1 - compression)),
        growth: pg.growth,
        size: Number.POSITIVE_INFINITY,
        churn: pg.churn,
        stream: world.streams.get(`dpm/${id}/churn`),
      },
    ]);
    this.every = pg.disk.sync;
    this.keep = pg.disk.retention;
    const cap = Math.floor(this.keep / this.every) + 2;
    this.ringT = new Float64Array(cap);
    this.ringUsed = new Float64Array(cap);
    this.ringL = new Float64Array(cap);
    this.ringUnique = new Float64Array(cap);
    this.nextSync = Math.ceil(world.origin / this.every) * this.every - world.origin;
    const { times, timeZone } = pg.online;
    this.longTerm = longTermSchedule(times, [], timeZone);
    server.whenLost(() => this.lose());
  }

  /** Reports online jobs to the monitor. */
  observe(signals: BackupSignals): void {
    this.signals = signals;
  }

  private get now(): number {
    return this.world.sim.now;
  }

  // Files every synchronisation up to t, in order (each a disk point, or a failure).
  private syncTo(t: number): void {
    let ok = 0;
    let failed = 0;
    let cause: FailureCause | null = null;
    while (this.nextSync <= t && !this.server.lost(this.nextSync)) {
      const at = this.nextSync;
      this.nextSync += this.every;
      const blocked = this.server.syncBlocked(at);
      if (blocked !== null) {
        failed++;
        cause = blocked;
        continue;
      }
      const s = this.content.advanceTo(at);
      this.push(at, s.used[0], s.logSurvival[0]);
      ok++;
      if (!Number.isNaN(this.lastPointAt) && at > this.lastPointAt) this.group.rpo.add(at - this.lastPointAt);
      this.lastPointAt = at;
    }
    if (ok > 0) this.group.succeeded('disk', ok);
    if (failed > 0) this.group.failed('disk', cause!, failed);
  }

  private push(t: number, used: number, L: number): void {
    const cap = this.ringT.length;
    if (this.count > 0) {
      const k = (this.head + this.count - 1) % cap;
      this.ringUnique[k] = old(this.ringUsed[k], this.ringL[k], used, L);
      this.chainUnique += this.ringUnique[k];
    }
    if (this.count === cap) this.pop();
    const k = (this.head + this.count) % cap;
    this.ringT[k] = t;
    this.ringUsed[k] = used;
    this.ringL[k] = L;
    this.ringUnique[k] = 0;
    this.count++;
  }

  private pop(): void {
    this.chainUnique -= this.ringUnique[this.head];
    this.head = (this.head + 1) % this.ringT.length;
    this.count--;
    if (this.count === 0) this.chainUnique = 0;
  }

  // §14.5: the disk points go with the server.
  private lose(): void {
    this.head = 0;
    this.count = 0;
    this.chainUnique = 0;
  }

  /** Schedules the first online slot. */
  start(): void {
    this.book(this.world.origin);
  }

  private book(afterEpoch: number): void {
    const slot = nextMarsSlot({ ...this.pg.online, days: [] }, afterEpoch);
    const at = slot.at - this.world.origin;
    if (at < this.world.horizon) this.world.sim.at(at, () => this.online(slot), 'dpm/online');
  }

  // §14.2: an online backup of the latest disk point (the changes since the last online one).
  private online(slot: MarsSlot): void {
    const t = this.now;
    if (this.server.lost(t)) return;
    this.book(slot.at + 1);
    this.syncTo(t);
    const cause = this.server.onlineBlocked(t, this.vaultDown(t)) ?? (this.busy ? 'job-in-progress' : null);
    if (cause !== null || this.count === 0) {
      // No disk point to send is a failure of the disk's cause (the server could not sync).
      this.fail(t, cause ?? 'no-connectivity');
      return;
    }
    const k = (this.head + this.count - 1) % this.ringT.length;
    const used = new Float64Array([this.ringUsed[k]]);
    const L = new Float64Array([this.ringL[k]]);
    const state: ContentState = { time: this.ringT[k], used, logSurvival: L };
    const size = this.lastVault === null ? fullBytes(state) : deltaBytes(this.lastVault, state);
    this.busy = true;
    this.server.send(
      size,
      () => this.landed(slot, state, t, size),
      () => {
        this.busy = false;
        this.fail(this.now, 'server-lost');
      },
    );
  }

  private fail(t: number, cause: FailureCause): void {
    this.group.failed('vault', cause);
    this.signals?.jobFailed(this.id, this.vault.spec.name, t, cause, 'DPM');
  }

  private landed(slot: MarsSlot, state: ContentState, started: number, size: number): void {
    const now = this.now;
    this.busy = false;
    const id = ++this.pointSeq;
    this.vault.ledger.addVaultPoint(now, this.id, id, state);
    this.lastVault = state;
    // Online gaps by data instant, as the disk's (two slots sending one disk point add none).
    if (Number.isNaN(this.lastOnlineAt)) this.lastOnlineAt = state.time;
    else if (state.time > this.lastOnlineAt) {
      this.group.onlineRpo.add(state.time - this.lastOnlineAt);
      this.lastOnlineAt = state.time;
    }
    if (Number.isNaN(this.protectedFrom)) this.protectedFrom = now;
    const created = this.world.origin + now;
    const tags = slotTags(this.pg.online.retention, this.longTerm, slot, created);
    this.retention.add({ id, createdAt: created, tags });
    this.group.succeeded('vault');
    this.group.stats.transfer(now - started, size);
    this.signals?.jobCompleted(this.id, this.vault.spec.name, now, now - started, 'DPM', { bytes: size });
  }

  /**
   * Adds the windows still open at `end` (the run's end) since its latest disk and online points
   * to the group's gaps, as a VM's exposure counts them (docs/model.md, RPO exposure). After the
   * server's loss they run on to the end: the machine is still there, and nothing protects it.
   * A machine with no point of a kind adds none for it.
   */
  closeGaps(end: number): void {
    if (end > this.lastPointAt) this.group.rpo.add(end - this.lastPointAt);
    if (end > this.lastOnlineAt) this.group.onlineRpo.add(end - this.lastOnlineAt);
  }

  /** Daily round: synchronisations filed, disk and vault retention, samples. */
  cleanup(now: number): void {
    this.syncTo(now);
    while (this.count > 0 && this.ringT[this.head] <= now - this.keep) this.pop();
    // With the server gone nothing prunes the vault points (assumption, server.ts).
    if (!this.server.lost(now))
      for (const p of this.retention.advance(this.world.origin + now))
        this.vault.ledger.expireVaultPoint(now, this.id, p.id);
    this.group.addDay(now, 'disk', this.count, this.diskBytes(now));
    this.group.addDay(now, 'vault', this.retention.size, this.vault.ledger.itemBytes(this.id, 'standard'));
  }

  /** Disk points on the server now. */
  get diskPoints(): number {
    return this.count;
  }

  /** Vault points now. */
  get vaultPoints(): number {
    return this.retention.size;
  }

  /** Bytes of its vault points now. */
  vaultBytes(): number {
    return this.vault.ledger.itemBytes(this.id, 'standard');
  }

  /** Bytes on the server's disk at t: the replica and the disk points' old blocks, uncompressed (0 once lost). */
  diskBytes(t: number): number {
    if (this.count === 0) return 0;
    const s = this.content.advanceTo(
      Math.max(t, this.ringT[(this.head + this.count - 1) % this.ringT.length]),
    );
    const k = (this.head + this.count - 1) % this.ringT.length;
    const compressed =
      s.used[0] + this.chainUnique + old(this.ringUsed[k], this.ringL[k], s.used[0], s.logSurvival[0]);
    const kept = 1 - this.server.spec.compression;
    return Math.round(kept > 0 ? compressed / kept : compressed);
  }

  /** Live recovery points in Azure: the vault points, and their GFS memberships. */
  points(): ItemPoints {
    return pointsOf(this);
  }

  addPointsTo(sum: ItemPoints): void {
    addVaultQueue(sum, this.retention);
  }

  /** §14.6: billed per protected machine, its data (uncompressed) from its first online backup while vault data exists. */
  protectedSize(now: number): number | null {
    if (Number.isNaN(this.protectedFrom) || this.retention.size === 0) return null;
    return grownUsed(this.pg.data, this.pg.growth, Number.POSITIVE_INFINITY, now);
  }

  /**
   * The diagnostic tables' backup item (issue 19; docs/reference.md §16.1): the machine's
   * datasource from the start of the run (protection is configured then, whether or not an
   * online backup succeeds), its data (uncompressed, with growth) and the
   * bytes of its vault points; its protected instances count at its server (§14.6).
   */
  logItems(now: number): LogItem[] {
    const ledger = this.vault.ledger;
    return [
      {
        id: this.id,
        frontEndBytes: grownUsed(this.pg.data, this.pg.growth, Number.POSITIVE_INFINITY, now),
        standardBytes: ledger.itemBytes(this.id, 'standard'),
        archiveBytes: ledger.itemBytes(this.id, 'archive'),
      },
    ];
  }
}
