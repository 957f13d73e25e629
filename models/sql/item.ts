// The SQL databases of one Azure VM under one SQL policy, as a vault's protected item
// (docs/reference.md §12): full and differential jobs at their slots, each taking
// one of the VM's backup tasks (§12.4: DefaultBackupTasksThreshold, 20) and then the vault's
// link at a SQL stream's rate; §12.3's auto-heal turning the next log or differential into a
// full; log backups decided in bulk at the daily round (database.ts). One kernel event per
// slot instant for all the item's databases; with something watching (trace, monitor,
// disaster recovery) also one per log slot, which records whether the VM was down and
// reports each log job.

import type { StartOptions } from '../../engine/link.js';
import type { Pool } from '../../engine/pool.js';
import type { FailureCause } from '../backup/stats.js';
import { type TransferOwner, VaultTransfer } from '../backup/vault-transfer.js';
import type { ItemPoints, ProtectedItem, VaultRuntime, World } from '../backup/world.js';
import type { LogItem, SplitItem } from '../logs/facts.js';
import type { BackupSignals } from '../monitor/signals.js';
import { pointsOf } from '../results/item-points.js';
import type { SqlDatabase, SqlPolicy } from '../scenario/workloads.js';
import { grownUsed } from '../workload/growth.js';
import type { WorkloadGroup } from '../workloads/group.js';
import {
  AUTO_HEAL_AGE,
  type BlockedSlots,
  type FullPoint,
  SQL_STREAM_RATE,
  SqlDb,
  type TierDelta,
} from './database.js';
import { SqlSchedule } from './schedule.js';

/** The datasource type SQL jobs report to the monitor (Azure Backup's name for the workload). */
export const SQL_DATASOURCE = 'SQLDataBase';

// The jobs table's JobOperationSubType of each backup (issue 19).
const LOG_JOB = { subType: 'Log' } as const;
const subTypeOf = (type: 'full' | 'differential') => (type === 'full' ? 'Full' : 'Differential');
const OPTIONS: StartOptions = { cap: SQL_STREAM_RATE, tag: 'sql/transfer' };

// The figures of the daily sample (Tally's slots): points and bytes by type, the vault's
// points, and the fulls' GFS memberships (daily, weekly, monthly, yearly).
const FULL = 0;
const FULL_BYTES = 1;
const DIFF = 2;
const DIFF_BYTES = 3;
const LOG = 4;
const LOG_BYTES = 5;
const ARCHIVE = 6;
const ARCHIVE_BYTES = 7;
const VAULT = 8;
const TIERS = 9;
const TALLY = TIERS + 4;

// One full or differential job in flight: told by its transfer when its bytes are in.
class Job implements TransferOwner {
  constructor(
    private readonly item: SqlItem,
    readonly db: SqlDb,
    readonly takenAt: number,
    /** The slot whose GFS tiers the full earns (an auto-heal full standing in for a scheduled one takes its slot). */
    public slotEpoch: number,
    readonly full: FullPoint | null,
    readonly base: FullPoint | null,
  ) {}

  transferred(transfer: VaultTransfer): void {
    this.item.landed(this, transfer);
  }
}

/** The SQL databases of a VM under one policy. */
export class SqlItem implements ProtectedItem, BlockedSlots, SplitItem {
  readonly id: string;
  readonly dbs: SqlDb[];
  private readonly schedule: SqlSchedule;
  private nextFull: number;
  private nextDiff: number;
  private nextLogTick = Number.POSITIVE_INFINITY;
  private watched = false;
  // Log slots at which the VM was down (recorded only when watched), in order.
  private blockedAt: number[] = [];
  private blockedCause: FailureCause[] = [];
  private lastTick = Number.NEGATIVE_INFINITY;
  private signals: BackupSignals | null = null;
  private protectedFrom = Number.NaN;
  // Auto-heal fulls in flight, by database (a scheduled full that finds one does not run).
  private readonly healing = new Map<SqlDb, Job>();
  // The state just before the daily round, and the day's sample: each figure's most held since
  // the last round (docs/model.md Q14).
  private readonly before = new Float64Array(TALLY);
  private readonly day = new Float64Array(TALLY);

  constructor(
    private readonly world: World,
    /** The VM hosting the databases. */
    readonly vm: string,
    readonly policy: SqlPolicy,
    specs: readonly SqlDatabase[],
    private readonly vault: VaultRuntime,
    private readonly tasks: Pool,
    private readonly group: WorkloadGroup,
    /** The VM's protected-instance size at t (§12.7: the SQL Server, all its databases), or null: billed by another item of the VM. */
    private readonly instanceSize: ((t: number) => number) | null,
  ) {
    this.id = `${vm}/sql/${policy.name}`;
    this.schedule = new SqlSchedule(policy, world.origin);
    this.dbs = specs.map((s) => new SqlDb(s, policy, world.origin, world.streams, group));
    group.items += specs.length;
    this.nextFull = this.schedule.nextFull(0);
    this.nextDiff = this.schedule.nextDifferential(0);
  }

  /** Reports job outcomes to the monitor (docs/reference.md §7.5). */
  observe(signals: BackupSignals): void {
    this.signals = signals;
  }

  /** Schedules the first instant; with something watching (not world.eagerStarts), log slots too. */
  start(): void {
    this.watched = this.world.eagerStarts !== true;
    if (this.watched) this.nextLogTick = this.schedule.nextLog(0);
    // No full yet: §12.3's auto-heal makes the first log or differential slot a full.
    for (const db of this.dbs) db.convertAt = this.schedule.nextLogOrDifferential(-1, db.logs);
    this.book();
  }

  private get now(): number {
    return this.world.sim.now;
  }

  private book(): void {
    let at = Math.min(this.nextFull, this.nextDiff, this.nextLogTick);
    for (const db of this.dbs) if (db.convertAt < at) at = db.convertAt;
    if (at < this.world.horizon) this.world.sim.at(at, this.onInstant, 'sql/slot');
  }

  private readonly onInstant = (): void => {
    const t = this.now;
    const fullDue = t === this.nextFull;
    const diffDue = t === this.nextDiff;
    for (const db of this.dbs) {
      if (fullDue) this.attempt(db, t, false);
      else if (db.convertAt === t) this.attempt(db, t, true);
      else if (diffDue) this.attemptDifferential(db, t);
    }
    if (fullDue) this.nextFull = this.schedule.nextFull(t + 1);
    if (diffDue) this.nextDiff = this.schedule.nextDifferential(t + 1);
    if (t === this.nextLogTick) {
      this.logTick(t);
      this.nextLogTick = this.schedule.nextLog(t + 1);
    }
    this.book();
  };

  // Why the VM cannot back up at t (disaster recovery), or null.
  private blocked(t: number): FailureCause | null {
    return this.world.blocked?.(this.vm, t) ?? null;
  }

  // A full (converted: auto-heal in place of a log or differential) of one database at t.
  private attempt(db: SqlDb, t: number, converted: boolean): void {
    const cause = this.blocked(t) ?? (db.busy ? 'job-in-progress' : null);
    const healing = converted ? undefined : this.healing.get(db);
    if (cause === 'job-in-progress' && healing !== undefined) {
      // Q7 (assumption): the model's own auto-heal full, still running, is the full this slot
      // would take (§12.1: one scheduled full a day), so the slot runs nothing and fails nothing;
      // that full earns this slot's GFS tiers.
      healing.slotEpoch = this.world.origin + t;
      this.trace('sql-full-covered', db, { byAutoHealAt: healing.takenAt });
    } else if (cause !== null) this.failed(db, 'full', t, cause);
    else {
      db.busy = true;
      const { bytes, state } = db.fullSize(t);
      const point = db.fullStarted(t, bytes, state, converted);
      this.trace('sql-full', db, { bytes, ...(converted ? { autoHeal: true } : {}) });
      const job = new Job(this, db, t, this.world.origin + t, point, null);
      if (converted) this.healing.set(db, job);
      this.send(job, bytes);
    }
    // The next log or differential after 15 days without a new full is a full (§12.3).
    const latest = db.latest;
    db.convertAt = this.schedule.nextLogOrDifferential(
      latest === null ? t : Math.max(t, latest.takenAt + AUTO_HEAL_AGE),
      db.logs,
    );
  }

  private attemptDifferential(db: SqlDb, t: number): void {
    const cause = this.blocked(t) ?? (db.busy ? 'job-in-progress' : null);
    if (cause !== null) {
      this.failed(db, 'differential', t, cause);
      return;
    }
    db.busy = true;
    const bytes = db.differentialSize(t);
    db.pointStarted(t);
    this.trace('sql-differential', db, { bytes });
    this.send(new Job(this, db, t, this.world.origin + t, null, db.latest), bytes);
  }

  private send(job: Job, bytes: number): void {
    new VaultTransfer(job, bytes, this.vault.link, OPTIONS).begin(this.world.sim, this.tasks);
  }

  private failed(db: SqlDb, type: 'full' | 'differential', t: number, cause: FailureCause): void {
    this.group.failed(type, cause);
    this.signals?.jobFailed(db.id, this.vault.spec.name, t, cause, SQL_DATASOURCE, {
      subType: subTypeOf(type),
    });
    this.trace(`sql-${type}-failed`, db, { cause });
  }

  /** A full or differential is in the vault (its task released). */
  landed(job: Job, transfer: VaultTransfer): void {
    const now = this.now;
    const db = job.db;
    db.busy = false;
    if (this.healing.get(db) === job) this.healing.delete(db);
    this.vault.ledger.countLoose(now, 'standard', transfer.size, this.id);
    if (job.full !== null) db.fullLanded(job.full, now, job.slotEpoch);
    else db.differentialLanded(job.takenAt, transfer.size, now, job.base!);
    if (Number.isNaN(this.protectedFrom)) this.protectedFrom = now;
    const type = job.full !== null ? 'full' : 'differential';
    this.group.succeeded(type);
    this.group.stats.transfer(now - transfer.started, transfer.size);
    this.signals?.jobCompleted(db.id, this.vault.spec.name, now, now - job.takenAt, SQL_DATASOURCE, {
      subType: subTypeOf(type),
      bytes: transfer.size,
    });
  }

  // A log slot while watched: whether the VM was down, and each database's log job reported.
  private logTick(t: number): void {
    const cause = this.blocked(t);
    this.lastTick = t;
    if (cause !== null) {
      this.blockedAt.push(t);
      this.blockedCause.push(cause);
    }
    if (this.signals === null && this.world.trace === null) return;
    const vault = this.vault.spec.name;
    for (const db of this.dbs) {
      if (!db.logs) continue;
      const log = db.logAt(t, this);
      if (log === null) continue;
      // Issue 19: JobOperationSubType 'Log' (docs/reference.md §16.1).
      if (log.cause !== null) this.signals?.jobFailed(db.id, vault, t, log.cause, SQL_DATASOURCE, LOG_JOB);
      else
        this.signals?.jobCompleted(db.id, vault, t + log.duration, log.duration, SQL_DATASOURCE, {
          ...LOG_JOB,
          bytes: log.bytes,
        });
      this.trace('sql-log', db, { bytes: log.bytes, ...(log.cause === null ? {} : { cause: log.cause }) });
    }
  }

  /** Why the VM could not back up at log slot t: as recorded at the slot, or (not yet reached) as it stands. */
  causeAt(t: number): FailureCause | null {
    if (t > this.lastTick) return this.watched ? this.blocked(t) : null;
    let lo = 0;
    let hi = this.blockedAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.blockedAt[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return this.blockedAt[lo] === t ? this.blockedCause[lo] : null;
  }

  /** Daily round: the day's log backups filed, retention applied, fulls archived, samples taken. */
  cleanup(now: number): void {
    const ledger = this.vault.ledger;
    const delta: TierDelta = { standard: 0, archive: 0 };
    this.tally(this.before);
    for (const db of this.dbs) {
      delta.standard += db.decideLogs(now, this.watched ? this : null);
      const d = db.expire(now);
      delta.standard += d.standard;
      db.releaseFulls(now, delta, (p) => {
        if (!Number.isNaN(p.archivedAt)) ledger.looseArchiveLeft(now, this.id, p.id, p.bytes, p.archivedAt);
        if (this.world.trace !== null)
          this.trace('sql-full-released', db, {
            takenAt: p.takenAt,
            keptBy: p.dependUntil > p.expiresAt ? 'dependent backups' : 'retention',
          });
      });
      db.archive(now, delta);
    }
    if (delta.standard !== 0) ledger.countLoose(now, 'standard', delta.standard, this.id);
    if (delta.archive !== 0) ledger.countLoose(now, 'archive', delta.archive, this.id);
    this.sample(now);
  }

  // Each figure's most held since the last round (docs/model.md Q14). Between rounds an item
  // only gains (fulls and differentials land; logs are filed, points released and fulls
  // archived at rounds), so that is the larger of the state just before and just after this
  // round: a full that lands at 01:12 and a full released at the next midnight are both in it.
  private sample(now: number): void {
    const day = this.day;
    this.tally(day);
    // GFS memberships as the round leaves them: one that lapses at this round had lapsed during
    // the day already (its expiry is at or before now), as the next full took its place.
    for (let k = 0; k < TIERS; k++) if (this.before[k] > day[k]) day[k] = this.before[k];
    const g = this.group;
    g.addDay(now, 'full', day[FULL], day[FULL_BYTES]);
    g.addDay(now, 'differential', day[DIFF], day[DIFF_BYTES]);
    g.addDay(now, 'log', day[LOG], day[LOG_BYTES]);
    g.addDay(now, 'archive', day[ARCHIVE], day[ARCHIVE_BYTES]);
  }

  // The item's points and bytes as they stand, into `out` (the slots above).
  private tally(out: Float64Array): void {
    out.fill(0);
    for (const db of this.dbs) {
      const live = db.live;
      out[FULL] += live.full;
      out[FULL_BYTES] += live.fullBytes;
      out[DIFF] += live.diff;
      out[DIFF_BYTES] += live.diffBytes;
      out[LOG] += db.logCount;
      out[LOG_BYTES] += db.logBytes;
      out[ARCHIVE] += live.archive;
      out[ARCHIVE_BYTES] += live.archiveBytes;
      for (let k = 0; k < 4; k++) out[TIERS + k] += db.tierCount(k);
    }
    out[VAULT] = out[FULL] + out[DIFF] + out[LOG];
  }

  /**
   * Recovery points as the last daily round sampled them (docs/model.md Q14: each count the most
   * held since the round before): fulls, differentials and logs in the vault; archived fulls;
   * GFS memberships of fulls.
   */
  points(): ItemPoints {
    return pointsOf(this);
  }

  addPointsTo(sum: ItemPoints): void {
    const day = this.day;
    sum.vault += day[VAULT];
    sum.archive += day[ARCHIVE];
    sum.daily += day[TIERS];
    sum.weekly += day[TIERS + 1];
    sum.monthly += day[TIERS + 2];
    sum.yearly += day[TIERS + 3];
  }

  /** Adds each database's window still open at `end` (the run's end) to the group's gaps. */
  closeGaps(end: number): void {
    for (const db of this.dbs) db.closeGaps(end);
  }

  /** §12.7: the VM's databases' data, from the first backup in the vault; null for the VM's other items. */
  protectedSize(now: number): number | null {
    if (this.instanceSize === null || Number.isNaN(this.protectedFrom)) return null;
    return this.instanceSize(now);
  }

  /**
   * The diagnostic tables' backup items (issue 19; docs/reference.md §16.3: "cloud storage per
   * item (e.g. each SQL DB)"): each database from the start of the run, its data size (as
   * protectedSize, uncompressed, with growth) and the bytes of its fulls, differentials and
   * logs kept — the bytes this item counts in the ledger, split by database.
   */
  logItems(now: number): LogItem[] {
    const out: LogItem[] = [];
    for (const db of this.dbs) {
      out.push({
        id: db.id,
        frontEndBytes: grownUsed(db.spec.size, db.spec.growth, Number.POSITIVE_INFINITY, now),
        standardBytes: db.live.fullBytes + db.live.diffBytes + db.logBytes,
        archiveBytes: db.live.archiveBytes,
      });
    }
    return out;
  }

  private trace(kind: string, db: SqlDb, detail: Record<string, number | string | boolean>): void {
    this.world.trace?.({ t: this.now, kind, subject: db.id, detail });
  }
}
