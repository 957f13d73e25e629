// One Azure VM under a backup policy: scheduled jobs in two phases (snapshot, then
// transfer to the vault), failures and retries, retention, instant-restore snapshot
// garbage collection, archive tiering, stop protection and on-demand backups.
// Rules: docs/reference.md §1.1–1.5, §2.3–2.4; simplifications in docs/model.md.
//
// Cost: a fleet-year runs millions of jobs, and at 10,000 VMs a VM's data is out of the
// processor's caches whenever it is visited, so the VM is visited as seldom as possible and in
// fleet order (docs/performance.md). A VM runs at most one job at a time (a second attempt
// fails with job-in-progress), so the job in flight lives in fields. Slots come from the
// shared SlotBoard (one event per instant for the whole fleet). With nothing watching
// (world.eagerStarts), a job is decided at its slot and its snapshot done there too
// (startsEarly, snapshotsAhead); its transfer (VaultTransfer) waits for a slot, moves and
// lands without touching the VM, which files the point at its next visit (settle).

import { BufferArena } from '../../engine/arena.js';
import type { StartOptions } from '../../engine/link.js';
import type { RandomStream } from '../../engine/random.js';
import { MS } from '../../engine/units.js';
import type { BackupSignals } from '../monitor/signals.js';
import { retag } from '../retention/change.js';
import { RetentionQueue } from '../retention/queue.js';
import { cachedTierMask, maxPointsKept, untilsInto } from '../retention/tags.js';
import { type RetainedPoint, TIERS, type Tier } from '../retention/types.js';
import type { BackupJobSettings, Policy, Vm } from '../scenario/types.js';
import { deltaBytes, fullBytes } from '../storage/content.js';
import type { LedgerItem } from '../storage/ledger.js';
import type { ContentState } from '../storage/types.js';
import { ItemContent } from '../workload/item-content.js';
import { DrawAhead } from './draws.js';
import { EXPOSURE_NUMBERS, Exposure, exposureSnapshot, exposureVaultPoint } from './exposure.js';
import { cachedNextSlot, type Slot, SlotBoard, type SlotTarget } from './schedule.js';
import type { FailureCause, JobStats } from './stats.js';
import { type TransferOwner, VaultTransfer } from './vault-transfer.js';
import type { ItemPoints, ProtectedItem, VaultRuntime, World } from './world.js';

// §2.4: an archived point needs at least 6 months of retention left (taken as 180 days).
const ARCHIVE_MIN_REMAINING = 180 * MS.day;
// The draws made ahead (DrawAhead): start jitter, snapshot duration.
const JITTER = 0;
const DURATION = 1;
// §1.4: snapshots "are cleaned up at most 24 hours after they expire"; without a successful
// backup to collect them, the daily round removes them a day past expiry (so within two days:
// the round's granularity, an assumption).
const SNAPSHOT_GC_AFTER = MS.day;
// Bits of TIERS in a retention mask.
const DAILY_OR_WEEKLY = 0b0011;
const MONTHLY_OR_YEARLY = 0b1100;

// Per-VM numbers (VmBackup.nums). In one Float64Array rather than fields: a field holding a
// number that is not a small integer points to a box of its own, one more place in memory
// to fetch, and with 10,000 VMs every fetch tends to miss the processor's cache.
const TAKEN_AT = 0; // the job's snapshot instant (ms)
const FAILURE_RATE = 1;
const CONSTANT_USED = 2; // used bytes when no disk grows (protected-instance size), else NaN
const PROTECTED_FROM = 3;
const EXPOSURE = 4; // the Exposure's numbers (EXPOSURE_NUMBERS of them)
const LAST_VAULT = EXPOSURE + EXPOSURE_NUMBERS; // the last vault point's content: time, used × disks, log survival × disks

// Scratch for vaultDone's tier untils and cleanup's expired ids (see VmBackup.until).
const UNTIL_SCRATCH = new Float64Array(TIERS.length);
const EXPIRED_SCRATCH: number[] = [];

/** A content state this item keeps: its own copy of the numbers. */
interface KeptState {
  time: number;
  readonly used: Float64Array;
  readonly logSurvival: Float64Array;
}

// Link options of first (full) and later (incremental) transfers, per job settings.
const transferOptions = new WeakMap<BackupJobSettings, { first: StartOptions; next: StartOptions }>();

function optionsFor(jobs: BackupJobSettings): { first: StartOptions; next: StartOptions } {
  let options = transferOptions.get(jobs);
  if (options === undefined) {
    options = {
      first: { cap: jobs.initialThroughput, tag: 'backup/transfer' },
      next: { cap: jobs.incrementalThroughput, tag: 'backup/transfer' },
    };
    transferOptions.set(jobs, options);
  }
  return options;
}

// Instant-restore snapshots a policy keeps at most within `span` (its retention, or a run
// shorter than it): the span over the shortest gap between backups, plus the one kept past
// expiry until the next success (§1.4) and one spare.
function snapshotsKept(policy: Policy, span: number): number {
  const { schedule } = policy;
  const gap =
    schedule.frequency === 'daily' || schedule.frequency === 'weekly' ? MS.day : (schedule.every ?? MS.hour);
  return Math.ceil(span / gap) + 2;
}

/** Where an item's protection stands (§1.5, §2.3). */
export type ProtectionState = 'protected' | 'stopped' | 'soft-deleted' | 'deleted';

/** What a stop with delete data did: the points and vault bytes deleted, and their purge time (null: purged at once). */
export interface Deletion {
  points: number;
  bytes: number;
  purgeAt: number | null;
}

// The retention of an item whose data is in soft delete, for an undelete (§2.3).
interface SoftHeld {
  points: RetainedPoint[];
  archived: ReadonlySet<number>;
  onDemand: Set<number> | null;
}

/** What an item holds at an instant (VmBackup.held). */
export interface HeldPoints {
  /** Instant-restore snapshots: data instant (sim ms, null when times are not kept) and expiry (sim ms). */
  snapshots: { takenAt: number | null; expiresAt: number }[];
  /** Vault points: the retained point (epoch ms), data instant (sim ms or null), tier, tiers keeping it. */
  vault: {
    point: RetainedPoint;
    takenAt: number | null;
    tier: 'standard' | 'archive' | null;
    onDemand: boolean;
    tiers: Tier[];
  }[];
}

/** A recovery point as a restore sees it (VmBackup.restorePoints). */
export interface RestorePoint {
  id: number;
  /** When the snapshot was taken: the point's data instant (sim ms). */
  takenAt: number;
  /** Whether its instant-restore snapshot is still kept. */
  snapshot: boolean;
  /** Its vault tier, or null when it is not (or not yet) in the vault. */
  vault: 'standard' | 'archive' | null;
  /** When it reached the vault (sim ms), NaN when it has not. */
  vaultAt: number;
}

/** The backup process of one VM. */
export class VmBackup implements ProtectedItem, SlotTarget, TransferOwner {
  // Fields in the order the hot paths read them (V8 lays them out so).
  private busy = false;
  private stopped = false;
  private vaultOwed = false;
  private deleted = false;
  private hasLastVault = false;
  private pointSeq = 0;
  // The data instant of the latest snapshot (ms), or −1 before the first.
  private lastPointAt = -1;
  /** The worst data-loss windows of the VM's schedule so far (objectives judged by the schedule). */
  readonly exposure: Exposure;

  /** When protection stops (Infinity when it never does): the schedule guarantees nothing after. */
  get protectionEnd(): number {
    return this.stopAt;
  }
  // The job in flight (set while busy): its slot (null on demand), on-demand retention,
  // point and content; its numbers are in nums (the transfer is a VaultTransfer).
  private jobSlot: Slot | null = null;
  private jobRetain: number | null = null;
  private jobId = 0;
  private jobState: ContentState | null = null;
  // The slot of the pending start event that calls onStart (others carry their own closure).
  private startSlot: Slot | null = null;
  // Attempts scheduled by an event but not yet made (starts, retries): while any is pending,
  // a slot's start keeps its own event (see startsEarly).
  private pendingAttempts = 0;
  // When protection stops (sim ms), Infinity when it never does.
  private readonly stopAt: number;
  // Whether the plan has on-demand backups (read at every slot: the plan itself is cold).
  private readonly hasOnDemand: boolean;
  // When the next scheduled slot is delivered (sim ms; at or past the horizon when none is).
  private nextSlotAt = 0;
  // The job's transfer to the vault, while it runs or has landed unfiled (see settle).
  private inFlight: VaultTransfer | null = null;
  // The transfer object every job of this VM uses in turn (VaultTransfer.reuse), once made.
  private transfer: VaultTransfer | null = null;
  // The id of the last vault point filed, and whether it is still the newest in the chain.
  private lastVaultId = 0;
  private tailIsLastVault = false;
  private readonly nums: Float64Array;
  // Start delays as fractions of the window (JITTER), snapshot durations in ms (DURATION).
  private readonly draws: DrawAhead;
  private readonly content: ItemContent;
  private readonly retention: RetentionQueue;
  // Instant-restore snapshots, oldest first: (id, expiry) pairs from 2 × snapHead on.
  private snaps: number[] = [];
  private snapHead = 0;
  private archived = 0;
  private readonly vmAgent: boolean;
  private readonly retries: number;
  private readonly retryAfter: number;
  private readonly onStart = (): void => {
    const slot = this.startSlot!;
    this.startSlot = null;
    this.pendingAttempts--;
    this.attempt(slot, 0, null);
  };
  private readonly onSnapshot = (): void => this.snapshotDone();
  // The last vault point's content: views into nums.
  private readonly lastVault: KeptState;
  // Scratch shared by every VM (each use ends within one call): one less array per VM to miss.
  private readonly until = UNTIL_SCRATCH;
  private readonly expiredIds = EXPIRED_SCRATCH;
  private readonly archiveCandidates: { id: number; createdAt: number; expiresAt: number }[] = [];
  // Live on-demand points, made on the first one.
  private onDemandIds: Set<number> | null = null;
  // The retention kept while the data is in soft delete (null otherwise).
  private softHeld: SoftHeld | null = null;
  // Failure draws: scheduled first attempts from one stream, retries and on-demand attempts from
  // another, so that a variant adding retries or on-demand backups leaves every scheduled job's
  // draw where it was (common random numbers across variants, docs/model.md).
  private failures: RandomStream | null = null;
  private extraFailures: RandomStream | null = null;
  // Monitoring (issue 6): where job outcomes and deletions are reported, if anywhere.
  private signals: BackupSignals | null = null;
  // Per point id: [taken at, in the vault at] (sim ms), kept only when the world asks (keepPointTimes).
  private readonly times: Map<number, [number, number]> | null;
  private readonly transfers: { first: StartOptions; next: StartOptions };
  private readonly slots: SlotBoard;
  // This VM in its vault's ledger: passed instead of the id, it saves a Map lookup per change.
  private readonly stored: LedgerItem;
  readonly id: string;

  constructor(
    private readonly world: World,
    private readonly vm: Vm,
    private policy: Policy,
    private readonly vault: VaultRuntime,
    private readonly stats: JobStats,
  ) {
    this.id = vm.id;
    this.times = world.keepPointTimes === true ? new Map() : null;
    const s = world.streams;
    this.content = new ItemContent(
      vm.disks.map((d) => ({
        used: d.used,
        growth: d.growth,
        size: d.size,
        churn: d.churn,
        stream: s.get(`vm/${vm.id}/disk/${d.name}/churn`),
      })),
    );
    // Sized once for what the policy can keep (plus a few on-demand points), so it never grows,
    // but never beyond what the run can make: a vault point a day at most (§1.1), and the
    // on-demand ones (a policy keeping 9,999 points on a short run must not cost 9,999 each).
    const inRun = Math.ceil(world.horizon / MS.day) + 4 + vm.backup!.onDemand.length;
    const kept = Math.min(maxPointsKept(policy.retention, policy.schedule) + 4, inRun);
    world.arena ??= new BufferArena();
    this.retention = new RetentionQueue(kept, world.arena);
    const jitter = s.get(`vm/${vm.id}/backup/jitter`);
    const snapshotTimes = s.get(`vm/${vm.id}/backup/snapshot`);
    const duration = world.snapshotDuration;
    this.draws = new DrawAhead([() => jitter.next(), () => Math.max(0, Math.round(duration(snapshotTimes)))]);
    const disks = vm.disks.length;
    const nums = new Float64Array(LAST_VAULT + 1 + 2 * disks);
    this.nums = nums;
    this.exposure = new Exposure(nums, EXPOSURE);
    this.lastVault = {
      time: 0,
      used: nums.subarray(LAST_VAULT + 1, LAST_VAULT + 1 + disks),
      logSurvival: nums.subarray(LAST_VAULT + 1 + disks, LAST_VAULT + 1 + 2 * disks),
    };
    const plan = vm.backup!;
    this.vmAgent = vm.vmAgent;
    nums[FAILURE_RATE] = plan.failureRate;
    this.retries = plan.retries;
    this.retryAfter = plan.retryAfter;
    nums[CONSTANT_USED] = this.content.usedIsConstant ? this.content.usedAt(0) : Number.NaN;
    nums[PROTECTED_FROM] = plan.from;
    this.stopAt = plan.stop === null ? Number.POSITIVE_INFINITY : plan.stop.at;
    this.hasOnDemand = plan.onDemand.length > 0;
    world.slots ??= new SlotBoard(world.sim);
    this.slots = world.slots;
    this.transfers = optionsFor(world.jobs);
    const snapshots = Math.min(
      snapshotsKept(policy, policy.instantRestore),
      snapshotsKept(policy, world.horizon),
    );
    this.stored = vault.ledger.item(vm.id, { standard: kept, snapshot: snapshots, disks });
  }

  /** Reports job outcomes and deletions to the monitor (docs/reference.md §7.5; issue 6). */
  observe(signals: BackupSignals): void {
    this.signals = signals;
  }

  /** Schedules the first slot, on-demand backups and the stop, if any. */
  start(): void {
    const plan = this.vm.backup!;
    const sim = this.world.sim;
    this.bookSlot(this.world.origin + plan.from);
    for (const o of plan.onDemand) sim.at(o.at, () => this.attempt(null, 0, o.retain), `backup/on-demand`);
    if (plan.stop !== null) sim.at(plan.stop.at, () => this.stop(plan.stop!.deleteData), 'backup/stop');
  }

  private get now(): number {
    return this.world.sim.now;
  }

  private bookSlot(afterEpoch: number): void {
    const slot = cachedNextSlot(this.policy.schedule, afterEpoch);
    const at = slot.at - this.world.origin;
    this.nextSlotAt = at;
    if (at >= this.world.horizon) return;
    this.slots.book(at, this, slot);
  }

  /** A scheduled slot has come (delivered by the SlotBoard). */
  onSlot(slot: Slot): void {
    this.settle();
    this.bookSlot(slot.at + 1);
    if (this.stopped) return;
    this.stats.scheduled++;
    // §1.1: with an hourly policy the last backup of the day goes to the vault; if it fails,
    // the first successful backup of the next day does.
    if (slot.lastOfDay) this.vaultOwed = true;
    // §1.2: a scheduled job starts within the start window (2 h by default).
    const delay = Math.floor(this.draws.take(JITTER) * this.world.jobs.startWindow);
    if (this.startsEarly(delay)) {
      this.attempt(slot, 0, null, this.now + delay);
      return;
    }
    this.pendingAttempts++;
    if (this.startSlot === null) {
      this.startSlot = slot;
      this.world.sim.after(delay, this.onStart, 'backup/start');
    } else
      this.world.sim.after(
        delay,
        () => {
          this.pendingAttempts--;
          this.attempt(slot, 0, null);
        },
        'backup/start',
      );
  }

  // Whether this slot's job can be decided now, `delay` before its start, rather than by an
  // event at the start: nothing can happen to this VM in between that an attempt reads or
  // that reads what it changes. No job in flight, no other attempt pending (a retry), no
  // on-demand backup planned, no stop and no next slot before the start (a later slot with
  // a shorter delay would start first), no cleanup round (it samples the job counts) and no
  // end of run before it, and nothing outside watching when (world.eagerStarts: no trace,
  // monitor or faults). The attempt then draws and decides exactly what it would at the
  // start, and one event per job-day is saved (a fleet-year has millions).
  private startsEarly(delay: number): boolean {
    const start = this.now + delay;
    return (
      this.world.eagerStarts === true &&
      !this.busy &&
      this.pendingAttempts === 0 &&
      !this.hasOnDemand &&
      this.quietUntil(start)
    );
  }

  // Whether no stop, next slot, cleanup round or end of run comes between now and t.
  private quietUntil(t: number): boolean {
    return t < this.stopAt && t < this.nextSlotAt && this.beforeCleanup(t);
  }

  // Whether no cleanup round comes between now and t (inclusive). Not when now is a round's
  // instant: a slot booked before the round was scheduled runs before it at that instant.
  private beforeCleanup(t: number): boolean {
    const every = this.world.cleanupEvery;
    return every !== undefined && this.now % every !== 0 && t < this.nextCleanup();
  }

  // The next cleanup round after now: rounds run at whole multiples of world.cleanupEvery and
  // at the end of the run (Infinity when there are none).
  private nextCleanup(): number {
    const every = this.world.cleanupEvery;
    if (every === undefined) return Number.POSITIVE_INFINITY;
    return Math.min((Math.floor(this.now / every) + 1) * every, this.world.horizon);
  }

  // Whether phase 1 of a scheduled job may be done now, though it ends at `doneAt`: nothing
  // watches (world.eagerStarts), the job goes to the vault (so only its transfer's events
  // follow), and no cleanup round, stop, next slot or end of run comes before doneAt.
  private snapshotsAhead(doneAt: number): boolean {
    return this.world.eagerStarts === true && this.vaultOwed && this.quietUntil(doneAt);
  }

  // Schedules attempt number `retry` of a job at `at` (counted as retried now).
  private retryAt(at: number, slot: Slot | null, retry: number, onDemandRetain: number | null): void {
    this.stats.retried++;
    this.pendingAttempts++;
    this.world.sim.at(
      at,
      () => {
        this.pendingAttempts--;
        this.attempt(slot, retry, onDemandRetain);
      },
      'backup/retry',
    );
  }

  // One attempt of a job: a scheduled slot, or an on-demand backup with its own retention. It
  // is made now, or decided now for its start at `at` (startsEarly: nothing it reads can
  // change before then), the snapshot or the retry then scheduled from `at`.
  private attempt(slot: Slot | null, retry: number, onDemandRetain: number | null, at = this.now): void {
    this.settle();
    if (this.stopped) return;
    this.stats.attempts++;
    let cause: FailureCause | null = null;
    if (!this.vmAgent) cause = 'vm-agent-missing';
    else if (this.busy) cause = 'job-in-progress';
    // The VM or its region is down (disaster recovery): the job fails with that cause.
    else if (this.world.blocked !== undefined) cause = this.world.blocked(this.id, at);
    // A rate of 0 never fails, and the stream serves nothing else: no draw, and no stream.
    else if (
      this.nums[FAILURE_RATE] > 0 &&
      this.failureStream(retry > 0 || slot === null).next() < this.nums[FAILURE_RATE]
    )
      cause = 'transient';
    if (cause !== null) {
      this.stats.fail(cause);
      if (this.world.trace !== null) this.trace('job-failed', { cause, retry });
      this.signals?.jobFailed(this.id, this.vault.spec.name, at, cause, undefined, {
        adhoc: onDemandRetain !== null,
      });
      if (cause !== 'vm-agent-missing' && retry < this.retries)
        this.retryAt(at + this.retryAfter, slot, retry + 1, onDemandRetain);
      return;
    }
    this.busy = true;
    this.jobSlot = slot;
    this.jobRetain = onDemandRetain;
    this.nums[TAKEN_AT] = at;
    const doneAt = at + this.draws.take(DURATION);
    if (onDemandRetain === null && this.snapshotsAhead(doneAt)) this.snapshotDone(doneAt, true);
    else this.world.sim.at(doneAt, this.onSnapshot, 'backup/snapshot');
  }

  private failureStream(extra: boolean): RandomStream {
    if (extra) {
      this.extraFailures ??= this.world.streams.get(`vm/${this.vm.id}/backup/retry-failures`);
      return this.extraFailures;
    }
    this.failures ??= this.world.streams.get(`vm/${this.vm.id}/backup/failures`);
    return this.failures;
  }

  // Phase 1 done at `doneAt`: a recovery point of type "Snapshot" exists (§1.1). Done ahead
  // (snapshotsAhead), the chain takes the point now and the transfer's event counts its bytes
  // at doneAt (Ledger.appendSnapshotAhead).
  private snapshotDone(doneAt = this.now, ahead = false): void {
    // The data was deleted while the snapshot ran: the job is dropped with it.
    if (this.deleted) {
      this.busy = false;
      return;
    }
    // The live content state stays valid until the next job's snapshot: none starts while busy.
    const state = this.content.advanceTo(this.nums[TAKEN_AT]);
    const id = ++this.pointSeq;
    const ledger = this.vault.ledger;
    // The snapshot and the garbage collection it brings (collectSnapshots) are one change of the
    // snapshot bytes at doneAt; ahead, the transfer's event counts it there (beginAt, below).
    let snapshotBytes: number = ledger.appendSnapshotAhead(this.stored, id, state);
    if (this.times !== null) this.times.set(id, [this.nums[TAKEN_AT], Number.NaN]);
    this.snaps.push(id, doneAt + this.policy.instantRestore);
    snapshotBytes += this.collectSnapshots(doneAt);
    if (!ahead) ledger.countSnapshot(doneAt, snapshotBytes, this.stored);
    if (this.world.trace !== null) this.trace('snapshot', { id, takenAt: this.nums[TAKEN_AT] });
    this.stats.snapshotsTaken++;
    // RPO exposure: how old the latest point was when this one arrived (data instants).
    if (this.lastPointAt >= 0) this.stats.gap(this.nums[TAKEN_AT] - this.lastPointAt);
    exposureSnapshot(this.nums, EXPOSURE, this.nums[TAKEN_AT], doneAt);
    this.lastPointAt = this.nums[TAKEN_AT];
    const onDemandRetain = this.jobRetain;
    const toVault = onDemandRetain !== null || this.vaultOwed;
    if (!toVault) {
      this.busy = false;
      this.stats.succeeded++;
      this.signals?.jobCompleted(this.id, this.vault.spec.name, this.now, this.now - this.nums[TAKEN_AT]);
      return;
    }
    if (onDemandRetain === null) this.vaultOwed = false;
    this.jobId = id;
    this.jobState = state;
    // Phase 2: the changed blocks go to the vault over the vault's link, a few VMs at a time.
    const size = this.hasLastVault ? deltaBytes(this.lastVault, state) : fullBytes(state);
    const options = this.hasLastVault ? this.transfers.next : this.transfers.first;
    const transfer =
      this.transfer === null
        ? new VaultTransfer(this, size, this.vault.link, options)
        : this.transfer.reuse(size, options);
    this.transfer = transfer;
    this.inFlight = transfer;
    // Nothing watches the landing (world.eagerStarts): it may count itself, before the next
    // cleanup round, stop or end of run. The point adds to the vault chain what the transfer
    // carries, its delta from the last vault point, as long as that point is the chain's
    // newest (no cleanup or archive move has taken it since): the chain is not touched now.
    const filed = this.world.cleanupEvery !== undefined; // a cleanup round will file it
    if (this.world.eagerStarts === true && filed && (!this.hasLastVault || this.tailIsLastVault))
      transfer.landAhead(Math.min(this.nextCleanup(), this.stopAt), ledger, this.stats, this.stored);
    if (ahead) transfer.beginAt(this.world.sim, doneAt, this.vault.pool, ledger, snapshotBytes, this.stored);
    else transfer.begin(this.world.sim, this.vault.pool);
  }

  /** The job's bytes are in the vault (called by its VaultTransfer, slot released). */
  transferred(transfer: VaultTransfer): void {
    this.inFlight = null;
    const now = this.now;
    this.stats.succeeded++;
    this.stats.transfer(now - transfer.started, transfer.size);
    // Issue 19: the jobs table's DataTransferredInMB and AdhocOrScheduledJob.
    this.signals?.jobCompleted(this.id, this.vault.spec.name, now, now - this.nums[TAKEN_AT], undefined, {
      bytes: transfer.size,
      adhoc: this.jobRetain !== null,
    });
    if (this.deleted) {
      this.jobState = null;
      this.busy = false;
      return;
    }
    this.vault.ledger.addVaultPoint(now, this.stored, this.jobId, this.jobState!);
    this.vaultDone(transfer.size, now);
  }

  // Files a transfer that landed and counted itself (VaultTransfer.landAhead), if there is one:
  // every entry that reads the job or the points calls this first.
  private settle(): void {
    const transfer = this.inFlight;
    if (transfer === null || !transfer.landed) return;
    this.inFlight = null;
    this.vault.ledger.fileVaultPoint(this.stored, this.jobId, this.jobState!, transfer.size);
    this.vaultDone(transfer.size, transfer.landedAt);
  }

  // The point, in the vault's chain since `landedAt`, is now "Snapshot and vault" (§1.1), kept
  // by the tiers its date earns.
  private vaultDone(size: number, landedAt: number): void {
    const id = this.jobId;
    const state = this.jobState!;
    const slot = this.jobSlot;
    const onDemandRetain = this.jobRetain;
    this.jobState = null;
    this.busy = false;
    this.keepVaultState(state);
    this.lastVaultId = id;
    this.tailIsLastVault = true;
    const times = this.times?.get(id);
    if (times !== undefined) times[1] = landedAt;
    exposureVaultPoint(this.nums, EXPOSURE, this.nums[TAKEN_AT], landedAt);
    const created = this.world.origin + landedAt;
    const until = this.until;
    let mask = 0;
    let expiresAt: number;
    if (onDemandRetain !== null || slot === null) {
      until.fill(Number.NaN);
      expiresAt = created + (onDemandRetain ?? 0);
    } else {
      const { retention, schedule } = this.policy;
      // §1.1: an hourly policy's vault point is the day's last backup; its tiers are those of
      // the day whose window it closes (tags are keyed on the window start, R5).
      mask = cachedTierMask(retention, schedule, slot.windowStart);
      expiresAt = untilsInto(retention, schedule.timeZone, mask, created, until);
    }
    if (onDemandRetain !== null) {
      this.onDemandIds ??= new Set();
      this.onDemandIds.add(id);
    }
    this.retention.addPoint(id, created, until, expiresAt);
    if (this.policy.archive !== null && (mask & MONTHLY_OR_YEARLY) !== 0)
      this.archiveCandidates.push({ id, createdAt: created, expiresAt });
    if (this.world.trace !== null) {
      const tiers = TIERS.filter((_, k) => mask & (1 << k)).join('+');
      this.trace('vault-point', { id, bytes: size, tiers: tiers || 'on-demand' });
    }
  }

  // The last vault point's content, for the next delta (copied: the live state moves on).
  private keepVaultState(state: ContentState): void {
    const kept = this.lastVault;
    kept.time = state.time;
    for (let d = 0; d < state.used.length; d++) {
      kept.used[d] = state.used[d];
      kept.logSurvival[d] = state.logSurvival[d];
    }
    this.hasLastVault = true;
  }

  /** Daily cleanup: expired vault points, snapshots a day past expiry (never the latest), archive moves. */
  cleanup(now: number): void {
    this.settle();
    if (this.deleted) return;
    const ledger = this.vault.ledger;
    // Stopped with data retained: points are kept until deleted by hand (§1.5).
    if (!this.stopped) {
      const expired = this.expiredIds;
      const n = this.retention.advanceIds(this.world.origin + now, expired);
      for (let i = 0; i < n; i++) {
        const id = expired[i];
        if (this.archived > 0 && ledger.vaultTierOf(this.stored, id) === 'archive') this.archived--;
        if (id === this.lastVaultId) this.tailIsLastVault = false;
        ledger.expireVaultPoint(now, this.stored, id);
        this.onDemandIds?.delete(id);
      }
    }
    // §1.4: expired snapshots go with the next successful backup (collectSnapshots); when none
    // comes, a round removes them once a day past expiry (never the latest, kept until a success).
    const snaps = this.snaps;
    while (this.snapshotCount > 1 && snaps[2 * this.snapHead + 1] + SNAPSHOT_GC_AFTER <= now) {
      ledger.expireSnapshot(now, this.stored, snaps[2 * this.snapHead++]);
    }
    if (this.snapHead > 16 && this.snapHead * 4 > snaps.length) {
      this.snaps = snaps.slice(2 * this.snapHead);
      this.snapHead = 0;
    }
    if (this.policy.archive !== null) this.archive(now);
    if (this.times !== null) this.pruneTimes(this.times);
  }

  // §1.4: a successful backup's snapshot garbage-collects the snapshots expired by `at` (the new
  // one, the latest, stays); returns the change of the snapshot bytes, counted with the new one.
  // So a VM keeping n days of daily snapshots shows n or n + 1 at every instant (the n + 1st
  // expires about when the next backup takes its place).
  private collectSnapshots(at: number): number {
    const snaps = this.snaps;
    let change = 0;
    while (this.snapshotCount > 1 && snaps[2 * this.snapHead + 1] <= at)
      change += this.vault.ledger.removeSnapshotAhead(this.stored, snaps[2 * this.snapHead++]);
    return change;
  }

  // Forgets the times of points kept nowhere any more, once they outnumber the live ones.
  private pruneTimes(times: Map<number, [number, number]>): void {
    const live = this.snapshotCount + this.retention.size;
    if (times.size <= 2 * live + 16) return;
    const keep = new Set<number>();
    for (let k = this.snapHead; k < this.snaps.length / 2; k++) keep.add(this.snaps[2 * k]);
    for (const r of this.retention.points()) keep.add(r.id);
    if (this.busy) keep.add(this.jobId);
    for (const id of [...times.keys()]) if (!keep.has(id) && id <= this.pointSeq - 1) times.delete(id);
  }

  private get snapshotCount(): number {
    return this.snaps.length / 2 - this.snapHead;
  }

  // §2.4: monthly/yearly points at least `after` old, no longer kept by daily or weekly
  // tiers, with at least 6 months of retention left, move to vault-archive as full copies.
  private archive(now: number): void {
    const after = this.policy.archive!.after;
    const epoch = this.world.origin + now;
    while (this.archiveCandidates.length > 0) {
      const point = this.archiveCandidates[0];
      const id = point.id;
      const tiers = this.retention.activeMask(id);
      if (tiers < 0) {
        this.archiveCandidates.shift();
        continue;
      }
      if (epoch - point.createdAt < after) return;
      if (point.expiresAt - epoch < ARCHIVE_MIN_REMAINING) {
        this.archiveCandidates.shift();
        continue;
      }
      if ((tiers & DAILY_OR_WEEKLY) !== 0) return;
      this.vault.ledger.moveToArchive(now, this.id, id);
      if (id === this.lastVaultId) this.tailIsLastVault = false;
      this.archived++;
      this.archiveCandidates.shift();
      this.trace('archived', { id });
    }
  }

  /** Takes an on-demand backup now, kept for `retain` ms (an alert's backup:<group> action). */
  backupNow(retain: number): void {
    this.attempt(null, 0, retain);
  }

  /** Stops protection now (§1.5, §2.3); with deleteData the points go to soft delete. Null when nothing was deleted. */
  stopProtection(deleteData: boolean): Deletion | null {
    if (this.deleted) return null;
    return this.stop(deleteData);
  }

  /** Where protection stands now. */
  get state(): ProtectionState {
    if (!this.stopped) return 'protected';
    if (!this.deleted) return 'stopped';
    return this.softHeld !== null && this.vault.ledger.heldUntil(this.stored) !== null
      ? 'soft-deleted'
      : 'deleted';
  }

  /** The policy the item is under now. */
  get policyNow(): Policy {
    return this.policy;
  }

  /**
   * Undeletes the item's data in soft delete (§2.3): its points come back and it is in "stop
   * protection with retain data". Returns the points back, or null when none are held (never
   * deleted, already purged).
   */
  undelete(): number | null {
    this.settle();
    const held = this.softHeld;
    if (!this.deleted || held === null || this.vault.ledger.undelete(this.now, this.stored) === null)
      return null;
    this.deleted = false;
    this.softHeld = null;
    for (const p of held.points) this.retention.readd(p);
    this.archived = held.archived.size;
    this.onDemandIds = held.onDemand;
    this.trace('undeleted', { points: held.points.length });
    return held.points.length;
  }

  /**
   * Resumes protection (§2.3): backups run again from the next slot and retention applies to
   * the kept points again (expired ones go at the next cleanup); after a purge, protection
   * starts again with a full backup. False when protection is not stopped, or the data is in
   * soft delete (undelete it first).
   */
  resume(): boolean {
    this.settle();
    const state = this.state;
    if (state === 'protected' || state === 'soft-deleted') return false;
    if (state === 'deleted') {
      this.deleted = false;
      this.softHeld = null;
      this.hasLastVault = false;
      this.tailIsLastVault = false;
    }
    this.stopped = false;
    this.trace('protection-resumed', {});
    return true;
  }

  /**
   * Puts the item under `next` now: a changed policy or a move to another one (reference/
   * docs/reference.md §18.5). Existing points are re-timed by the new retention (retag; on-demand
   * points keep theirs), later backups follow its schedule from the slot after the one already
   * booked. Returns how many points the change expires (they go at the next cleanup).
   */
  setPolicy(next: Policy): number {
    this.settle();
    const now = this.world.origin + this.now;
    const rule = { retention: next.retention, schedule: next.schedule };
    const onDemand = this.deleted ? this.softHeld?.onDemand : this.onDemandIds;
    const moved = (p: RetainedPoint): RetainedPoint =>
      onDemand?.has(p.id) === true ? p : { ...p, tags: retag(p.tags, p.createdAt, rule, now) };
    this.policy = next;
    if (this.softHeld !== null) {
      this.softHeld.points = this.softHeld.points.map(moved);
      return 0;
    }
    const points = this.retention.points().map(moved);
    for (const p of points) this.retention.remove(p.id);
    for (const p of points) this.retention.readd(p);
    const expiry = new Map(points.map((p) => [p.id, p.tags.expiresAt]));
    for (const c of this.archiveCandidates) c.expiresAt = expiry.get(c.id) ?? c.expiresAt;
    return points.filter((p) => p.tags.expiresAt <= now).length;
  }

  /**
   * The recovery points a restore could use now, oldest first (needs keepPointTimes): when
   * each was taken, whether its instant-restore snapshot is still kept, its vault tier, and
   * when it reached the vault (sim ms, NaN when not there).
   */
  restorePoints(): RestorePoint[] {
    this.settle();
    if (this.deleted) return [];
    return this.pointsOf(
      this.retention.points(),
      (id) => this.vault.ledger.vaultTierOf(this.id, id),
      this.snapHead,
    );
  }

  /** The points in soft delete that an undelete would bring back, oldest first, as restorePoints gives them; empty when none are. */
  softDeletedPoints(): RestorePoint[] {
    const held = this.softHeld;
    if (held === null || this.state !== 'soft-deleted') return [];
    return this.pointsOf(
      held.points,
      (id) => (held.archived.has(id) ? 'archive' : 'standard'),
      this.snaps.length / 2,
    );
  }

  // Restore points of vault points `kept` (their tier by `tier`) and the snapshots from `snapFrom` on.
  private pointsOf(
    kept: readonly RetainedPoint[],
    tier: (id: number) => 'standard' | 'archive' | null,
    snapFrom: number,
  ): RestorePoint[] {
    const times = this.times;
    if (times === null) return [];
    const byId = new Map<number, RestorePoint>();
    const entry = (id: number): RestorePoint | null => {
      let p = byId.get(id);
      if (p === undefined) {
        const t = times.get(id);
        if (t === undefined) return null;
        p = { id, takenAt: t[0], snapshot: false, vault: null, vaultAt: t[1] };
        byId.set(id, p);
      }
      return p;
    };
    for (let k = snapFrom; k < this.snaps.length / 2; k++) {
      const p = entry(this.snaps[2 * k]);
      if (p !== null) p.snapshot = true;
    }
    for (const r of kept) {
      const p = entry(r.id);
      if (p !== null) p.vault = tier(r.id);
    }
    return [...byId.values()].sort((a, b) => a.takenAt - b.takenAt || a.id - b.id);
  }

  // Stop protection (§1.5, §2.3): no more jobs; deleting the data sends it to soft delete at the
  // vault's retention now (or purges it when soft delete is off), its points kept for an undelete.
  private stop(deleteData: boolean): Deletion | null {
    this.settle();
    this.stopped = true;
    this.trace('protection-stopped', { deleteData });
    if (!deleteData) return null;
    const ledger = this.vault.ledger;
    const points = this.retention.points();
    const archived = new Set(
      this.archived === 0
        ? []
        : points.filter((p) => ledger.vaultTierOf(this.stored, p.id) === 'archive').map((p) => p.id),
    );
    const bytes = ledger.itemBytes(this.stored, 'standard') + ledger.itemBytes(this.stored, 'archive');
    const softDelete = this.vault.protection.softDelete;
    this.deleted = true;
    const entry = ledger.deleteItem(this.now, this.stored, softDelete);
    this.softHeld = entry === null ? null : { points, archived, onDemand: this.onDemandIds };
    const purgeAt = softDelete === null ? null : this.now + softDelete;
    this.world.security?.deleted(this.id, this.vault.spec.name, purgeAt, () => this.state === 'soft-deleted');
    for (const p of points) this.retention.remove(p.id);
    this.snaps = [];
    this.snapHead = 0;
    this.archived = 0;
    this.onDemandIds = null;
    return { points: points.length, bytes, purgeAt: entry === null ? null : entry.purgeAt };
  }

  /** Live recovery points of this VM. */
  points(): ItemPoints {
    this.settle();
    const byTier = this.retention.countByTier();
    const vault = this.retention.size - this.archived;
    return {
      snapshot: this.snapshotCount,
      vault,
      archive: this.archived,
      ...byTier,
      onDemand: this.onDemandIds?.size ?? 0,
    };
  }

  addPointsTo(sum: ItemPoints): void {
    this.settle();
    const r = this.retention;
    sum.snapshot += this.snapshotCount;
    sum.vault += r.size - this.archived;
    sum.archive += this.archived;
    sum.daily += r.tierCount(0);
    sum.weekly += r.tierCount(1);
    sum.monthly += r.tierCount(2);
    sum.yearly += r.tierCount(3);
    if (this.onDemandIds !== null) sum.onDemand += this.onDemandIds.size;
  }

  /**
   * The live vault points, oldest first, with the GFS tiers still keeping each (as of the
   * last cleanup) and its expiry, both epoch ms; on-demand points name 'on-demand' instead.
   */
  keptPoints(): { createdAt: number; tiers: string[]; expiresAt: number }[] {
    this.settle();
    return this.retention.points().map((p) => ({
      createdAt: p.createdAt,
      tiers: this.onDemandIds?.has(p.id) === true ? ['on-demand'] : (this.retention.activeTiers(p.id) ?? []),
      expiresAt: p.tags.expiresAt,
    }));
  }

  /**
   * What the item holds now, oldest first: its instant-restore snapshots (expiry in sim ms) and
   * its vault points with their tier, the GFS tiers still keeping each (as of the last cleanup)
   * and their retention (RetainedPoint.tags, epoch ms); data instants (sim ms) when the world
   * keeps point times. For inspections (`vaultsim explain points`).
   */
  held(): HeldPoints {
    this.settle();
    const taken = (id: number) => this.times?.get(id)?.[0] ?? null;
    const snapshots: HeldPoints['snapshots'] = [];
    for (let k = this.snapHead; k < this.snaps.length / 2; k++)
      snapshots.push({ takenAt: taken(this.snaps[2 * k]), expiresAt: this.snaps[2 * k + 1] });
    return {
      snapshots,
      vault: this.retention.points().map((point) => ({
        point,
        takenAt: taken(point.id),
        tier: this.vault.ledger.vaultTierOf(this.stored, point.id),
        onDemand: this.onDemandIds?.has(point.id) === true,
        tiers: this.retention.activeTiers(point.id) ?? [],
      })),
    };
  }

  /** §2.6: billed from the first successful backup while any backup data exists. */
  protectedSize(now: number): number | null {
    this.settle();
    if (this.deleted || !this.hasLastVault || now < this.nums[PROTECTED_FROM]) return null;
    if (this.stopped) return fullBytes(this.lastVault);
    const constant = this.nums[CONSTANT_USED];
    return Number.isNaN(constant) ? this.content.usedAt(now) : constant;
  }

  private trace(kind: string, detail: Record<string, number | string | boolean>): void {
    this.world.trace?.({ t: this.now, kind, subject: this.id, detail });
  }
}
