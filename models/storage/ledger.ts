// The storage ledger of one vault: bytes per tier and per protected item over time
// (DESIGN.md "Storage"). Each item has two incremental chains (instant-restore snapshots,
// vault-standard; chain.ts), a set of full copies in vault-archive, and, once deleted,
// soft-deleted entries until their purge. Per tier the ledger keeps a running total and a
// step Series of the vault total, recorded at every change.
//
// Tier rules, from docs/reference.md:
// - archive (§2.4): moving a point converts it to a full copy, so total storage may grow
//   (the standard chain shrinks by at most the point's own bytes, the archive grows by all of
//   them). Deleting an archive copy before 180 days charges the remaining days, prorated: the
//   ledger records an EarlyDeletion. Which points may move (monthly/yearly, age, remaining
//   retention) is the policy's business, not the ledger's.
// - soft delete (§2.3): stop protection with delete data keeps the item's vault data
//   (standard and archive) until now + the vault's soft-delete retention, billed for the
//   period's days before its last 14 (pricing reads softDeleteHistory()). Instant-restore
//   snapshots are not covered by soft delete (§2.3, "operational-tier … VM snapshot
//   backups"), so (inferred) they are released at once. The item's vault chain and archive
//   copies move to its soft-delete record as they were (no longer counted in standard or
//   archive; the item may be filled again) until the purge clears them, or an undelete (§2.3:
//   back to "stop protection with retain data") gives them back to the item and its tiers.
//   Archive copies keep their early-deletion clocks throughout.
//
// Every method that changes bytes takes `now` (ms, non-decreasing) and records the touched
// tiers' totals at `now`. Several changes at one instant all count for peak(): adding the
// new point before expiring the old one shows the overlap, as Azure does when it cleans up
// expired points after the new one lands (§1.4: up to 24 hours after expiry).
//
// Determinism: results never come from iterating a Map in insertion order; lists are sorted
// by item id or by a sequence number the ledger assigns.

import { BufferArena } from '../../engine/arena.js';
import { Series } from '../../engine/series.js';
import { type Bytes, bytes, MS } from '../../engine/units.js';
import { Chain, type ChainView } from './chain.js';
import { fullBytes } from './content.js';
import type {
  ArchiveEntry,
  ArchiveMove,
  ChainTier,
  ContentState,
  EarlyDeletion,
  LedgerOptions,
  PointId,
  SoftDeletedEntry,
  Tier,
} from './types.js';
import { TIERS } from './types.js';

// Tier indices, in TIERS order.
const SNAPSHOT = 0;
const STANDARD = 1;
const ARCHIVE = 2;
const SOFT = 3;

function tierIndex(tier: Tier): number {
  const k = TIERS.indexOf(tier);
  if (k < 0) throw new RangeError(`ledger: unknown tier ${String(tier)}`);
  return k;
}

/** docs/reference.md §2.4: archive points deleted within 180 days pay for the rest. */
export const ARCHIVE_EARLY_DELETION_DAYS = 180;

interface ArchiveRecord extends ArchiveEntry {
  readonly seq: number;
}

/**
 * An item of one ledger, for callers that change it often (ledger.item(id)): passing it
 * instead of the id saves a Map lookup per change, which at fleet scale is a few cache misses
 * (the id string's hash, the table, the entry). Measured on the fleet bench at 2,000 VMs ×
 * 365 d (four ledger changes per VM a day): 17.9 s → 9.5 s of CPU. It stays valid for the
 * ledger's life, also across the item being emptied, dropped and refilled.
 */
export interface LedgerItem {
  /** The item's id. */
  readonly id: string;
}

/** An item named by its id or by its LedgerItem. */
export type ItemRef = string | LedgerItem;

interface ItemState extends LedgerItem {
  readonly ledger: Ledger;
  // Index of the item's part (LedgerOptions.parts).
  readonly part: number;
  // In `items` (holds data); a dropped state stays in `known` for its handles.
  live: boolean;
  readonly snapshot: Chain;
  // Replaced by an empty chain when a soft delete takes it (SoftRecord.standard).
  standard: Chain;
  // Created at the first archive move: most items never archive.
  archive: Map<PointId, ArchiveRecord> | null;
  archiveBytes: number;
}

/** How many points an item's chains will usually hold, and of how many disks (Ledger.item's size hint). */
export interface ExpectedPoints {
  snapshot?: number;
  standard?: number;
  /** The disk count of the item's points: given, the chains take their buffers at once. */
  disks?: number;
}

// A line of the soft-delete history: when the entry left soft delete, and whether by an undelete.
interface SoftHistory {
  readonly entry: SoftDeletedEntry;
  leftAt: number | undefined;
  undeleted: boolean;
}

interface SoftRecord {
  readonly entry: SoftDeletedEntry;
  // Its line in the ledger's soft-delete history, where the purge or undelete records when it left.
  readonly history: SoftHistory;
  readonly archived: readonly ArchiveRecord[];
  readonly seq: number;
  // The item, and the vault chain and archive copies it had: cleared by the purge, given back by an undelete.
  readonly state: ItemState;
  readonly standard: Chain;
  readonly archive: Map<PointId, ArchiveRecord> | null;
}

/** Bytes per tier and per item of one vault over time, with chains, archive copies and soft delete. */
export class Ledger {
  /** Vault name, used in series names and errors. */
  readonly name: string;
  // Items holding data; `known` also keeps dropped ones, whose handles may be used again.
  private readonly items = new Map<string, ItemState>();
  private readonly known = new Map<string, ItemState>();
  // Chain buffers, snapshot chains apart from standard ones: a daily cleanup walks each kind in
  // item order, and small snapshot chains side by side share pages.
  private readonly arena = new BufferArena();
  private readonly snapshotArena = new BufferArena();
  // Indexed by SNAPSHOT…SOFT: a keyed Record lookup was the ledger's largest cost per change.
  private readonly totals = new Float64Array(TIERS.length);
  private readonly tierSeries: readonly Series[];
  // With two or more parts: per part × tier, a running total and its series (else empty).
  private readonly parts: readonly string[];
  private readonly partOf: (item: string) => number;
  private readonly partTotals: Float64Array;
  private readonly partSeriesOf: readonly Series[];
  // Every soft-deleted entry ever made, in deletion order, with when it left soft delete.
  private readonly softHistory: SoftHistory[] = [];
  // Sorted by (purgeAt, seq) so purgeDue takes from the front.
  private readonly soft: SoftRecord[] = [];
  private readonly softByItem = new Map<string, number>();
  // Each item's latest soft-deleted record still held (what an undelete brings back).
  private readonly heldBy = new Map<string, SoftRecord>();
  private readonly early: EarlyDeletion[] = [];
  private lastNow = Number.NEGATIVE_INFINITY;
  private lastItem: string | null = null;
  private lastState: ItemState | undefined;
  private seq = 0;
  /** Told of every soft-deleted entry purged (its time come, or soft delete disabled), as it goes. */
  onPurge: ((entry: SoftDeletedEntry, now: number) => void) | null = null;
  /** Told of every entry that goes to soft delete, so that its purge can happen at its purgeAt. */
  onSoftDelete: ((entry: SoftDeletedEntry) => void) | null = null;

  /** An empty ledger; series default to one-hour buckets and at most 10,000 samples per tier. */
  constructor(name: string, options: LedgerOptions = {}) {
    this.name = name;
    const make = (tier: Tier, part = ''): Series =>
      new Series(`${name}/${part}${tier}`, {
        kind: 'step',
        resolution: options.resolution ?? MS.hour,
        maxPoints: options.maxPoints ?? 10_000,
      });
    this.tierSeries = TIERS.map((tier) => make(tier));
    this.parts = options.parts ?? [];
    this.partOf = options.partOf ?? (() => 0);
    const split = this.parts.length > 1;
    this.partTotals = new Float64Array(split ? this.parts.length * TIERS.length : 0);
    this.partSeriesOf = split
      ? this.parts.flatMap((part) => TIERS.map((tier) => make(tier, `${part}/`)))
      : [];
  }

  /** Adds an instant-restore snapshot; returns the bytes it adds (full for the item's first, else its delta). */
  addSnapshot(now: number, item: ItemRef, pointId: PointId, state: ContentState): Bytes {
    this.tick(now);
    const st = this.stateFor(item);
    const added = st.snapshot.append(pointId, state);
    this.change(now, SNAPSHOT, added, st.part);
    return added;
  }

  /**
   * Adds an instant-restore snapshot to the item's chain ahead of its instant and returns its
   * bytes, which count in the totals only when the caller passes them to countSnapshot at the
   * instant. For a backup that knows its snapshot early, when nothing reads the ledger in
   * between (VmBackup): the item is touched once, in order with the fleet, not at a random time.
   */
  appendSnapshotAhead(item: ItemRef, pointId: PointId, state: ContentState): Bytes {
    return this.stateFor(item).snapshot.append(pointId, state);
  }

  /**
   * Counts in the standard total, at `now`, a vault point the item files later (fileVaultPoint):
   * for a backup whose point lands at a random time, when nothing reads the item in between
   * (VmBackup), so that the landing does not touch the item.
   */
  countVaultPoint(now: number, added: Bytes | number, item?: ItemRef): void {
    this.tick(now);
    this.change(now, STANDARD, added, this.partIndex(item));
  }

  /** Files in the item's chain a vault point already counted; throws if its bytes are not those counted. */
  fileVaultPoint(item: ItemRef, pointId: PointId, state: ContentState, counted: Bytes | number): void {
    const added = this.appendVault(item, pointId, state);
    if (added !== counted)
      throw new RangeError(
        `ledger ${this.name}: ${this.stateFor(item).id} point ${String(pointId)} adds ${added} bytes, ${counted} were counted`,
      );
  }

  // Appends a vault point to the item's standard chain (not to a point already archived);
  // returns the bytes it adds.
  private appendVault(item: ItemRef, pointId: PointId, state: ContentState): Bytes {
    const st = this.stateFor(item);
    if (st.archive?.has(pointId)) {
      throw new RangeError(
        `ledger ${this.name}: ${st.id} point ${String(pointId)} is already in the archive`,
      );
    }
    return st.standard.append(pointId, state);
  }

  /** Counts in the snapshot total, at `now`, the bytes a snapshot appended ahead added. */
  countSnapshot(now: number, added: Bytes | number, item?: ItemRef): void {
    this.tick(now);
    this.change(now, SNAPSHOT, added, this.partIndex(item));
  }

  /**
   * Counts, at `now`, a change of a tier's total for points the ledger does not chain: SQL
   * backups, file-share snapshots and DPM points are independent pieces of data whose bytes
   * their workload models keep themselves (models/sql, models/files, models/dpm; issue 17).
   * `item` names the part the bytes belong to; nothing is filed under it.
   */
  countLoose(now: number, tier: 'snapshot' | 'standard' | 'archive', delta: number, item?: ItemRef): void {
    this.tick(now);
    this.change(now, tierIndex(tier), delta, this.partIndex(item));
  }

  /**
   * A loose archive copy (countLoose) of `bytes`, archived at `archivedAt`, left the archive at
   * `now`: records and returns its early deletion when under 180 days (§2.4), else null. Taking
   * its bytes out of the total is the caller's (countLoose).
   */
  looseArchiveLeft(
    now: number,
    item: string,
    pointId: PointId,
    bytes: number,
    archivedAt: number,
  ): EarlyDeletion | null {
    return this.leaveArchive({ item, pointId, bytes: bytes as Bytes, archivedAt, seq: -1 }, now);
  }

  /**
   * Deletes an instant-restore snapshot from the item's chain ahead of its instant, its blocks
   * going to its successor, and returns the change (≤ 0), which counts in the totals only when
   * the caller passes it to countSnapshot at the instant. The chain must keep a newer snapshot
   * (the item stays known): for a backup's garbage collection of expired snapshots, made with
   * its new snapshot (VmBackup).
   */
  removeSnapshotAhead(item: ItemRef, pointId: PointId): Bytes {
    return this.existing(item).snapshot.remove(pointId);
  }

  /** Deletes an instant-restore snapshot, its blocks going to its successor; returns the change (≤ 0). */
  expireSnapshot(now: number, item: ItemRef, pointId: PointId): Bytes {
    this.tick(now);
    const st = this.existing(item);
    const change = st.snapshot.remove(pointId);
    this.change(now, SNAPSHOT, change, st.part);
    this.dropIfEmpty(st);
    return change;
  }

  /** Adds a vault-standard recovery point; returns the bytes it adds, which is also what the backup transfers. */
  addVaultPoint(now: number, item: ItemRef, pointId: PointId, state: ContentState): Bytes {
    this.tick(now);
    const added = this.appendVault(item, pointId, state);
    this.change(now, STANDARD, added, this.partIndex(item));
    return added;
  }

  /** Expires a vault point from standard (blocks to its successor) or archive; an early archive deletion is returned and kept. */
  expireVaultPoint(now: number, item: ItemRef, pointId: PointId): EarlyDeletion | null {
    this.tick(now);
    const st = this.existing(item);
    if (st.standard.has(pointId)) {
      this.change(now, STANDARD, st.standard.remove(pointId), st.part);
      this.dropIfEmpty(st);
      return null;
    }
    const rec = st.archive?.get(pointId);
    if (st.archive === null || rec === undefined) {
      throw new RangeError(`ledger ${this.name}: ${st.id} has no vault point ${String(pointId)}`);
    }
    st.archive.delete(pointId);
    st.archiveBytes -= rec.bytes;
    this.change(now, ARCHIVE, -rec.bytes, st.part);
    this.dropIfEmpty(st);
    return this.leaveArchive(rec, now);
  }

  /**
   * Moves a vault point to the archive as a full copy. standard + archive changes by exactly
   * standardDelta + archiveBytes, where archiveBytes = fullBytes(point) and
   * −bytesOf(point) ≤ standardDelta ≤ 0 (chain.ts): the vault grows by at least
   * fullBytes − bytesOf, the full-conversion difference, and at most fullBytes.
   */
  moveToArchive(now: number, item: ItemRef, pointId: PointId): ArchiveMove {
    this.tick(now);
    const st = this.existing(item);
    const state = st.standard.stateOf(pointId);
    const standardDelta = st.standard.remove(pointId);
    const archiveBytes = fullBytes(state);
    st.archive ??= new Map();
    st.archive.set(pointId, { item: st.id, pointId, bytes: archiveBytes, archivedAt: now, seq: this.seq++ });
    st.archiveBytes += archiveBytes;
    this.change(now, STANDARD, standardDelta, st.part);
    this.change(now, ARCHIVE, archiveBytes, st.part);
    return { standardDelta, archiveBytes };
  }

  /**
   * Stops protection with delete data: snapshots go at once; standard and archive bytes move to
   * soft delete until now + softDeleteMs (gone at once when null). Returns the entry, or null
   * when nothing was soft-deleted.
   */
  deleteItem(now: number, ref: ItemRef, softDeleteMs: number | null): SoftDeletedEntry | null {
    this.tick(now);
    if (softDeleteMs !== null && !(softDeleteMs >= 0 && Number.isFinite(softDeleteMs))) {
      throw new RangeError(
        `ledger ${this.name}: soft-delete retention must be >= 0 ms or null, got ${softDeleteMs}`,
      );
    }
    const st = this.lookup(ref);
    if (st === undefined) return null;
    const item = st.id;
    const standardBytes = st.standard.stored;
    const archiveBytes = bytes(st.archiveBytes);
    const archived = [...(st.archive?.values() ?? [])].sort((a, b) => a.seq - b.seq);
    this.change(now, SNAPSHOT, -st.snapshot.stored, st.part);
    this.change(now, STANDARD, -standardBytes, st.part);
    this.change(now, ARCHIVE, -archiveBytes, st.part);
    if (softDeleteMs === null || standardBytes + archiveBytes === 0) {
      this.forget(st);
      for (const rec of archived) this.leaveArchive(rec, now);
      return null;
    }
    const held = { state: st, standard: st.standard, archive: st.archive };
    st.standard = new Chain(this.arena);
    this.forget(st);
    const total = bytes(standardBytes + archiveBytes);
    const entry = {
      item,
      bytes: total,
      standardBytes,
      archiveBytes,
      deletedAt: now,
      purgeAt: now + softDeleteMs,
    };
    const history: SoftHistory = { entry, leftAt: undefined, undeleted: false };
    this.softHistory.push(history);
    const rec: SoftRecord = { entry, history, archived, seq: this.seq++, ...held };
    this.insertSoft(rec);
    this.heldBy.set(item, rec);
    this.softByItem.set(item, (this.softByItem.get(item) ?? 0) + total);
    this.change(now, SOFT, total, st.part);
    this.onSoftDelete?.(entry);
    return entry;
  }

  /** Purges soft-deleted entries whose purge time has come (call it at each entry's purgeAt); returns the bytes released. */
  purgeDue(now: number): Bytes {
    this.tick(now);
    let k = 0;
    while (k < this.soft.length && this.soft[k].entry.purgeAt <= now) k++;
    if (k === 0) return bytes(0);
    return this.purge(this.soft.splice(0, k), now);
  }

  /** Purges every soft-deleted entry now, due or not (§18.2: disabling soft delete purges deleted data); returns the bytes released. */
  purgeAll(now: number): Bytes {
    this.tick(now);
    if (this.soft.length === 0) return bytes(0);
    return this.purge(this.soft.splice(0), now);
  }

  /**
   * Undeletes an item in soft delete (§2.3): the vault chain and archive copies of its latest
   * deletion are its own again and count in their tiers from `now`, and that entry leaves soft
   * delete. Returns the entry, or null when the item holds nothing in soft delete (never
   * deleted, already purged, or undeleted); throws when the item holds new data (it cannot
   * take both).
   */
  undelete(now: number, ref: ItemRef): SoftDeletedEntry | null {
    this.tick(now);
    const id = typeof ref === 'string' ? ref : this.own(ref).id;
    const rec = this.heldBy.get(id);
    if (rec === undefined) return null;
    const st = rec.state;
    if (st.live)
      throw new RangeError(
        `ledger ${this.name}: ${st.id} holds new data; its soft-deleted data cannot come back`,
      );
    this.soft.splice(this.soft.indexOf(rec), 1);
    this.heldBy.delete(id);
    const { entry, history, standard, archive } = rec;
    history.leftAt = now;
    history.undeleted = true;
    this.releaseSoft(entry, now, true);
    st.standard.clear();
    st.standard = standard;
    st.archive = archive;
    st.archiveBytes = entry.archiveBytes;
    st.live = true;
    this.items.set(st.id, st);
    if (st.id === this.lastItem) this.lastState = st;
    this.change(now, STANDARD, entry.standardBytes, st.part);
    this.change(now, ARCHIVE, entry.archiveBytes, st.part);
    return entry;
  }

  /** When the data of an item's latest deletion is purged (sim ms), or null when it is not in soft delete. */
  heldUntil(ref: ItemRef): number | null {
    const id = typeof ref === 'string' ? ref : this.own(ref).id;
    return this.heldBy.get(id)?.entry.purgeAt ?? null;
  }

  // Soft-deleted records leave for good at `now`: their bytes, chains and archive copies go.
  private purge(records: readonly SoftRecord[], now: number): Bytes {
    let released = 0;
    for (const rec of records) {
      const { entry, archived, history, standard } = rec;
      if (this.heldBy.get(entry.item) === rec) this.heldBy.delete(entry.item);
      history.leftAt = now;
      released += entry.bytes;
      this.releaseSoft(entry, now, this.partTotals.length > 0);
      for (const rec of archived) this.leaveArchive(rec, now);
      standard.clear();
      this.onPurge?.(entry, now);
    }
    // A split ledger recorded each entry's release in its part above; the vault total is the same.
    if (this.partTotals.length === 0) this.change(now, SOFT, -released, 0);
    return bytes(released);
  }

  // An entry's bytes leave the item's soft-deleted total; with `count`, the tier total too.
  private releaseSoft(entry: SoftDeletedEntry, now: number, count: boolean): void {
    if (count) this.change(now, SOFT, -entry.bytes, this.partIndex(entry.item));
    const left = (this.softByItem.get(entry.item) ?? 0) - entry.bytes;
    if (left === 0) this.softByItem.delete(entry.item);
    else this.softByItem.set(entry.item, left);
  }

  /** The vault's current bytes in a tier. */
  total(tier: Tier): Bytes {
    return bytes(this.totals[tierIndex(tier)]);
  }

  /** An item's current bytes in a tier (0 when it holds none). */
  itemBytes(item: ItemRef, tier: Tier): Bytes {
    if (tier === 'softDeleted')
      return bytes(this.softByItem.get(typeof item === 'string' ? item : item.id) ?? 0);
    const st = this.lookup(item);
    if (st === undefined) return bytes(0);
    if (tier === 'archive') return bytes(st.archiveBytes);
    return st[tier].stored;
  }

  /** The step series of the vault's total in a tier, sampled at every change. */
  series(tier: Tier): Series {
    return this.tierSeries[tierIndex(tier)];
  }

  /** The largest total a tier has held (exact, including several changes at one instant). */
  peak(tier: Tier): Bytes {
    return bytes(this.tierSeries[tierIndex(tier)].max());
  }

  /** The vault's current bytes over all tiers. */
  grandTotal(): Bytes {
    let sum = 0;
    for (const t of this.totals) sum += t;
    return bytes(sum);
  }

  /** Ids of the items holding snapshot, standard or archive data, sorted. */
  itemIds(): string[] {
    return [...this.items.keys()].sort();
  }

  /** An item's chain in a tier, read-only (for explanations), or undefined when it holds nothing. */
  chainOf(item: ItemRef, tier: ChainTier): ChainView | undefined {
    return this.lookup(item)?.[tier];
  }

  /** Whether an item's snapshot is retained. */
  hasSnapshot(item: ItemRef, pointId: PointId): boolean {
    return this.lookup(item)?.snapshot.has(pointId) ?? false;
  }

  /** Which vault tier holds an item's point, or null. */
  vaultTierOf(item: ItemRef, pointId: PointId): 'standard' | 'archive' | null {
    const st = this.lookup(item);
    if (st === undefined) return null;
    if (st.standard.has(pointId)) return 'standard';
    return st.archive?.has(pointId) ? 'archive' : null;
  }

  /** An item's archive copies in the order they were archived. */
  archiveEntries(item: ItemRef): ArchiveEntry[] {
    const st = this.lookup(item);
    if (st?.archive == null) return [];
    return [...st.archive.values()]
      .sort((a, b) => a.seq - b.seq)
      .map(({ item: i, pointId, bytes: b, archivedAt }) => ({ item: i, pointId, bytes: b, archivedAt }));
  }

  /** Soft-deleted entries not yet purged, by purge time then deletion order (pricing bills past 14 days, §2.3). */
  softDeletedEntries(): SoftDeletedEntry[] {
    return this.soft.map((r) => r.entry);
  }

  /**
   * Every entry soft-deleted during the run, in deletion order, with when it left soft delete
   * (undefined: still held) and whether by an undelete (else by its purge).
   */
  softDeleteHistory(): (SoftDeletedEntry & { leftAt?: number; undeleted?: true })[] {
    return this.softHistory.map((h) =>
      h.leftAt === undefined
        ? h.entry
        : { ...h.entry, leftAt: h.leftAt, ...(h.undeleted ? { undeleted: true as const } : {}) },
    );
  }

  /** The parts' names (empty when the ledger was not split). */
  partNames(): readonly string[] {
    return this.parts;
  }

  /** The step series of one part's total in a tier; the vault's series when the ledger is not split. */
  partSeries(tier: Tier, part: number): Series {
    if (this.partTotals.length === 0) return this.series(tier);
    const s = this.partSeriesOf[part * TIERS.length + tierIndex(tier)];
    if (s === undefined) throw new RangeError(`ledger ${this.name}: no part ${part}`);
    return s;
  }

  /** Archive copies deleted before 180 days, in the order they left the archive. */
  earlyDeletions(): EarlyDeletion[] {
    return [...this.early];
  }

  private tick(now: number): void {
    if (!Number.isFinite(now))
      throw new RangeError(`ledger ${this.name}: time ${now} is not a finite number`);
    if (now < this.lastNow) {
      throw new RangeError(`ledger ${this.name}: time ${now} is before the last change at ${this.lastNow}`);
    }
    this.lastNow = now;
  }

  private change(now: number, tier: number, delta: number, part: number): void {
    // Totals are whole bytes, exact below 2^53 (8 PiB); a vault past that rounds, and taking
    // everything out again could leave a few bytes below 0: a total is never negative.
    this.totals[tier] = Math.max(0, this.totals[tier] + delta);
    this.tierSeries[tier].record(now, this.totals[tier]);
    if (this.partTotals.length === 0) return;
    const k = part * TIERS.length + tier;
    this.partTotals[k] = Math.max(0, this.partTotals[k] + delta);
    this.partSeriesOf[k].record(now, this.partTotals[k]);
  }

  // The part of an item named by handle or id (0 when the ledger is not split).
  private partIndex(ref: ItemRef | undefined): number {
    if (this.partTotals.length === 0 || ref === undefined) return 0;
    if (typeof ref !== 'string') return this.own(ref).part;
    return this.known.get(ref)?.part ?? this.checkedPart(ref);
  }

  private checkedPart(id: string): number {
    const k = this.partOf(id);
    if (!(Number.isInteger(k) && k >= 0 && k < Math.max(1, this.parts.length))) {
      throw new RangeError(`ledger ${this.name}: item ${id} has part ${k}, not one of ${this.parts.length}`);
    }
    return k;
  }

  /**
   * The item's handle, to pass instead of its id (see LedgerItem); made on first use, holding
   * nothing. `expected` sizes its chains for the points its policy keeps (a hint, not a limit).
   */
  item(id: string, expected?: ExpectedPoints): LedgerItem {
    return this.known.get(id) ?? this.newState(id, expected);
  }

  // The live state of an item, or undefined when it holds nothing. A backup touches one item
  // several times in a row (snapshot, vault point, expiries), so the last item looked up by
  // id is remembered: at fleet scale each Map lookup is a cache miss.
  private lookup(ref: ItemRef): ItemState | undefined {
    if (typeof ref !== 'string') {
      const st = this.own(ref);
      return st.live ? st : undefined;
    }
    if (ref !== this.lastItem) {
      this.lastItem = ref;
      this.lastState = this.items.get(ref);
    }
    return this.lastState;
  }

  private own(ref: LedgerItem): ItemState {
    const st = ref as ItemState;
    if (st.ledger !== this) throw new RangeError(`ledger ${this.name}: item ${ref.id} is another ledger's`);
    return st;
  }

  // Drops an item whose bytes have been accounted for, returning its chains' buffers.
  private forget(st: ItemState): void {
    st.snapshot.clear();
    st.standard.clear();
    st.archive = null;
    st.archiveBytes = 0;
    st.live = false;
    this.items.delete(st.id);
    if (st.id === this.lastItem) this.lastState = undefined;
  }

  private stateFor(ref: ItemRef): ItemState {
    const st = this.lookup(ref);
    if (st !== undefined) return st;
    const known = typeof ref === 'string' ? (this.known.get(ref) ?? this.newState(ref)) : this.own(ref);
    known.live = true;
    this.items.set(known.id, known);
    if (known.id === this.lastItem) this.lastState = known;
    return known;
  }

  private newState(id: string, expected: ExpectedPoints = {}): ItemState {
    const st: ItemState = {
      id,
      ledger: this,
      part: this.partTotals.length === 0 ? 0 : this.checkedPart(id),
      live: false,
      snapshot: new Chain(this.snapshotArena, expected.snapshot, expected.disks),
      standard: new Chain(this.arena, expected.standard, expected.disks),
      archive: null,
      archiveBytes: 0,
    };
    this.known.set(id, st);
    return st;
  }

  private existing(ref: ItemRef): ItemState {
    const st = this.lookup(ref);
    if (st === undefined)
      throw new RangeError(`ledger ${this.name}: no data for item ${typeof ref === 'string' ? ref : ref.id}`);
    return st;
  }

  private dropIfEmpty(st: ItemState): void {
    if (st.snapshot.size === 0 && st.standard.size === 0 && (st.archive?.size ?? 0) === 0) this.forget(st);
  }

  // An archive copy's bytes are gone at `now`: record an early deletion if under 180 days.
  private leaveArchive(rec: ArchiveRecord, now: number): EarlyDeletion | null {
    const daysInArchive = (now - rec.archivedAt) / MS.day;
    if (daysInArchive >= ARCHIVE_EARLY_DELETION_DAYS) return null;
    const { item, pointId, bytes: b, archivedAt } = rec;
    const daysCharged = ARCHIVE_EARLY_DELETION_DAYS - daysInArchive;
    const record = { item, pointId, bytes: b, archivedAt, deletedAt: now, daysInArchive, daysCharged };
    this.early.push(record);
    return record;
  }

  // Binary insertion keeps (purgeAt, seq) order; deletions are rare, so the splice is cheap.
  private insertSoft(rec: SoftRecord): void {
    let lo = 0;
    let hi = this.soft.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.soft[mid].entry.purgeAt <= rec.entry.purgeAt) lo = mid + 1;
      else hi = mid;
    }
    this.soft.splice(lo, 0, rec);
  }
}
