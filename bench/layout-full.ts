// The layout bench's third variant, columnar-full: the columnar sketch (bench/layout.ts), in
// the same arrays and on the same draws, plus the model's features that the summary reports,
// each done the cheapest sensible columnar way but really done. It measures the floor a
// columnar core with every feature would start from (issue 20: is 2.5 µs per VM-day reachable
// without dropping features?). It is a sketch, not a second model: the product never runs it.
//
// What it adds to the columnar sketch:
// - the kernel (Simulation) instead of a bare event queue: the snapshot's end is an event, and
//   the link and the pools schedule theirs on it;
// - a VM runs one job at a time (models/backup/vm-backup.ts): a slot finding its transfer
//   still in flight fails with job-in-progress (no snapshot), as the model's does;
// - the transient failure draw per attempt from a stream per VM, when the scenario's failure
//   rate is above 0 (the fleet bench's is 0, so, like the model, it draws nothing);
// - phase 2 at the snapshot's end: a slot of the VM's vault from the real Pool (the model's
//   count, models/simulate.ts `new Pool(… slots: v.maxConcurrentTransfers, handoff: true)`,
//   100 by default: scenarios/normalise/topology.ts), then the changed blocks over the real
//   processor-sharing Link shared by every vault (the fleet's `backbone`, 40 Gbps), capped at
//   the initial or incremental throughput as the model's transfers are; the point lands in
//   the chain when the link says, with the snapshot's content and the tiers of its day. The
//   owner is an index: one closure per VM, made once, serves the kernel, the pool and the link;
// - job statistics: each landed transfer's duration and size and each snapshot's RPO gap
//   appended to growable Float64Arrays, sorted in place at the end for quantiles
//   (models/backup/stats.ts);
// - per vault, step Series of the standard and snapshot totals (resolution one hour, at most
//   10,000 samples, as models/storage/ledger.ts makes them), recorded at every change made by
//   an event; the midnight round records each vault once, after its VMs (one instant: the
//   step curve is the same as recording every removal, only extremes within it could differ);
// - each VM's worst data-loss windows (models/backup/exposure.ts's arithmetic, which bench/
//   may not import): updated at every snapshot and vault point, judged at the end;
// - the daily round's per-vault row (models/simulate.ts endOfDay): snapshot and standard
//   bytes, snapshot and vault points, points per tier (running counters), and the cumulative
//   job outcomes.
// Still left out: archive, policy changes, retries (the fleet's plan has none), on-demand
// backups, soft delete, protected-instance sizes, the fingerprint's notes, trace and monitor.
// Simplification kept from the sketch: the 03:00 UTC slot and 365/12-day months. The transfer
// carries the snapshot's own delta: every snapshot of this daily policy goes to the vault and
// the next is taken only once it has landed, so the snapshot before it is the last vault point.

import { createStreams, type Lease, Link, Pool, Series, Simulation, type StartOptions } from '../index.js';
import {
  AHEAD,
  advance,
  DAY,
  DRAWS,
  drawAhead,
  expireSnapshots,
  INTS,
  type LayoutRun,
  land,
  lapse,
  newTotals,
  type Sketch,
  SNAP,
  SNAP_CAP,
  SNAP_COUNT,
  SNAP_HEAD,
  snapshot,
  TAIL,
  TIERS,
  type Totals,
  tierMask,
  type VmArrays,
  vmArrays,
  vmStreams,
} from './layout.js';
import { clock } from './measure.js';

const HOUR = 3_600_000;
// A job's phase (FullSketch.phase): none in flight, snapshot running, waiting for a vault
// slot, transferring.
const IDLE = 0;
const SNAPSHOT = 1;
const SLOT = 2;
const LAND = 3;
const SNAPSHOT_TAG = 'layout/snapshot';
// Exposure numbers per VM (models/backup/exposure.ts): data instants of the latest snapshot
// and vault point (−1 before the first), then the worst window of each kind as (ms, from, to).
const LAST_LOCAL = 0;
const LAST_VAULT = 1;
const LOCAL = 2;
const VAULT = 5;
const EXPOSURE = 8;
// The daily round's row per vault: snapshot bytes, standard bytes, snapshot points, vault
// points, then points per tier (4 + TIERS; a literal, as this module and layout.ts import each
// other, so nothing of layout.ts is read before both are loaded).
const ROW = 8;

/** What columnar-full computed besides the sketch's figures: jobs, transfers, windows, series. */
export interface FullFigures {
  /** Job attempts: one a VM and day. */
  scheduled: number;
  snapshots: number;
  /** Jobs whose transfer landed (each one transfer). */
  succeeded: number;
  transfers: number;
  /** Failed attempts: the VM's previous job still in flight, a transient failure drawn. */
  failedBusy: number;
  failedTransient: number;
  /** Jobs whose snapshot was taken but whose transfer had not landed by the end. */
  inFlight: number;
  bytesTransferred: number;
  transferP50Ms: number;
  transferP95Ms: number;
  transferMaxMs: number;
  gaps: number;
  gapP50Ms: number;
  gapMaxMs: number;
  /** The fleet's worst data-loss windows (ms), for a failure of a VM and of its region. */
  worstLocalMs: number;
  worstVaultMs: number;
  /** The vaults' standard bytes at the end. */
  standardStored: number;
  /** Sums over the vaults' series: last values (the stored bytes), peaks, retained samples. */
  seriesLast: number;
  peakStandard: number;
  peakSnapshot: number;
  samples: number;
  /** Kernel events processed. */
  events: number;
  /** Sum of every daily round's numbers, so none of them can be optimised away. */
  dailySum: number;
}

/** A growable column of numbers (models/backup/stats.ts's arrays). */
class Column {
  private values = new Float64Array(1024);
  private n = 0;

  /** Appends a number. */
  push(x: number): void {
    if (this.n === this.values.length) {
      const next = new Float64Array(this.n * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.n++] = x;
  }

  /** The numbers sorted ascending, in place (a view, not a copy). */
  sorted(): Float64Array {
    return this.values.subarray(0, this.n).sort();
  }
}

// The value at quantile p of sorted numbers (nearest rank; NaN when there are none).
function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

// The window (from, to) replaces the one at `w` when it is wider (exposure.ts widen).
function widen(buf: Float64Array, w: number, from: number, to: number): void {
  const ms = to - from;
  if (buf[w] >= ms) return;
  buf[w] = ms;
  buf[w + 1] = from;
  buf[w + 2] = to;
}

// A point of data instant `takenAt` became usable at `usableAt`: the window of kind `kind`
// (LOCAL or VAULT) from the last one's instant, at `last` (exposureSnapshot, exposureVaultPoint).
function exposed(
  buf: Float64Array,
  e: number,
  last: number,
  kind: number,
  takenAt: number,
  usableAt: number,
) {
  const before = buf[e + last];
  if (before >= 0) widen(buf, e + kind, before, usableAt);
  buf[e + last] = Math.max(before, takenAt);
}

// The worst window of a kind counting the open one up to `end` (exposure.ts localWindow).
function worstWindow(buf: Float64Array, e: number, last: number, kind: number, end: number): number {
  const from = buf[e + last];
  if (from < 0) return 0;
  const open = Math.max(end, from) - from;
  // NaN while no window has closed: the open one is then the worst.
  const closed = buf[e + kind];
  return Number.isNaN(closed) || closed < open ? open : closed;
}

/** One columnar-full run's state: the sketch's arrays, per-VM job columns, per-vault books. */
class FullSketch {
  readonly sim = new Simulation();
  readonly a: VmArrays;
  private readonly streams: ReturnType<typeof vmStreams>;
  private readonly failures: ReturnType<typeof vmStreams>[number] | null;
  private readonly perVault: number;
  // Per VM: its vault, the job's phase, data instant, slot start, size, snapshot ring slot
  // and tier mask, the last point's data instant, exposure numbers, lease, and its callback.
  private readonly vaultOf: Int32Array;
  private readonly phase: Uint8Array;
  private readonly takenAt: Float64Array;
  private readonly started: Float64Array;
  private readonly size: Float64Array;
  private readonly snapSlot: Int32Array;
  private readonly jobMask: Uint8Array;
  private readonly lastPoint: Float64Array;
  private readonly exposure: Float64Array;
  private readonly leases: (Lease | null)[];
  private readonly steps: ((sim: Simulation, x?: unknown) => void)[];
  // Per vault: standard and snapshot totals, their series, and the transfer slots.
  private readonly standard: Totals[];
  private readonly snapshots: Totals[];
  private readonly standardSeries: Series[];
  private readonly snapshotSeries: Series[];
  private readonly pools: Pool[];
  private readonly link: Link;
  private readonly first: StartOptions;
  private readonly next: StartOptions;
  // Snapshots are taken in the day's loop; their bytes count at their end (an event), so the
  // loop's own totals are scratch.
  private readonly scratch = newTotals();
  private readonly durations = new Column();
  private readonly sizes = new Column();
  private readonly gaps = new Column();
  private readonly daily: Float64Array;
  private readonly jobsDaily: Float64Array;
  private scheduled = 0;
  private snapshotsTaken = 0;
  private succeeded = 0;
  private failedBusy = 0;
  private failedTransient = 0;
  private bytesTransferred = 0;
  pointDays = 0;

  constructor(
    private readonly vms: number,
    days: number,
    private readonly sketch: Sketch,
  ) {
    this.a = vmArrays(vms, sketch.used);
    this.streams = vmStreams(sketch.seed, vms);
    // models/backup/vm-backup.ts: a rate of 0 never fails, and then no stream is made or drawn.
    const random = sketch.failureRate > 0 ? createStreams(sketch.seed) : null;
    this.failures =
      random === null ? null : Array.from({ length: vms }, (_, v) => random.get(`layout/${v}/failures`));
    const vaults = sketch.vaults;
    // bench/fleet.ts fleetScenario: the VMs in order, ceil(vms / vaults) to a vault.
    this.perVault = Math.ceil(vms / vaults);
    this.vaultOf = Int32Array.from({ length: vms }, (_, v) => Math.floor(v / this.perVault));
    this.phase = new Uint8Array(vms);
    this.takenAt = new Float64Array(vms);
    this.started = new Float64Array(vms);
    this.size = new Float64Array(vms);
    this.snapSlot = new Int32Array(vms);
    this.jobMask = new Uint8Array(vms);
    this.lastPoint = new Float64Array(vms).fill(-1);
    this.exposure = new Float64Array(vms * EXPOSURE).fill(Number.NaN);
    for (let v = 0; v < vms; v++) {
      this.exposure[v * EXPOSURE + LAST_LOCAL] = -1;
      this.exposure[v * EXPOSURE + LAST_VAULT] = -1;
    }
    this.leases = new Array<Lease | null>(vms).fill(null);
    this.steps = Array.from({ length: vms }, (_, v) => (_: Simulation, x?: unknown) => this.step(v, x));
    const series = (name: string) => new Series(name, { kind: 'step', resolution: HOUR, maxPoints: 10_000 });
    this.standard = Array.from({ length: vaults }, newTotals);
    this.snapshots = Array.from({ length: vaults }, newTotals);
    this.standardSeries = Array.from({ length: vaults }, (_, k) => series(`rsv-${k}/standard`));
    this.snapshotSeries = Array.from({ length: vaults }, (_, k) => series(`rsv-${k}/snapshot`));
    this.pools = Array.from(
      { length: vaults },
      (_, k) => new Pool(this.sim, { name: `rsv-${k}/transfers`, slots: sketch.slots, handoff: true }),
    );
    this.link = new Link(this.sim, { name: 'backbone', capacity: sketch.linkCapacity });
    this.first = { cap: sketch.initial, tag: 'backup/transfer' };
    this.next = { cap: sketch.incremental, tag: 'backup/transfer' };
    if (ROW !== 4 + TIERS) throw new Error('layout bench: ROW must be 4 + TIERS');
    this.daily = new Float64Array(days * vaults * ROW);
    this.jobsDaily = new Float64Array(days * 2);
  }

  /** The day's slot: every VM's draws and content move on, and each attempts its job. */
  slots(day: number): void {
    const { a, sketch } = this;
    const mask = tierMask(sketch.start + day * DAY);
    const slot = day * DAY + 3 * HOUR;
    for (let v = 0; v < this.vms; v++) {
      if (day % AHEAD === 0) drawAhead(a, v, sketch, this.streams[v]);
      const row = (v * AHEAD + (day % AHEAD)) * DRAWS;
      advance(a, v, row);
      this.attempt(v, row, slot, mask);
    }
  }

  // A job's attempt at the slot: fails when one is in flight or a transient failure is drawn,
  // else takes the snapshot (its bytes counted at its end) and schedules that end.
  private attempt(v: number, row: number, slot: number, mask: number): void {
    const a = this.a;
    this.scheduled++;
    if (this.phase[v] !== IDLE) {
      this.failedBusy++;
      return;
    }
    if (this.failures !== null && this.failures[v].next() < this.sketch.failureRate) {
      this.failedTransient++;
      return;
    }
    const start = slot + Math.floor(a.draws[row] * this.sketch.startWindow);
    const done = start + Math.max(0, Math.round(a.draws[row + 1]));
    const i = v * INTS;
    this.snapSlot[v] = (a.ints[i + SNAP_HEAD] + a.ints[i + SNAP_COUNT]) % SNAP_CAP;
    this.size[v] = snapshot(a, v, this.scratch);
    this.takenAt[v] = start;
    this.jobMask[v] = mask;
    this.phase[v] = SNAPSHOT;
    this.sim.at(done, this.steps[v], SNAPSHOT_TAG);
  }

  // The one callback of VM v's job for the kernel, its vault's pool and the link.
  private step(v: number, x: unknown): void {
    const phase = this.phase[v];
    if (phase === SNAPSHOT) this.snapshotDone(v);
    else if (phase === SLOT) this.granted(v, x as Lease);
    else if (phase === LAND) this.landed(v);
  }

  // Phase 1 done: the snapshot's bytes count in its vault, the gap and window are noted, and
  // the transfer takes a slot now or waits for one.
  private snapshotDone(v: number): void {
    const now = this.sim.now;
    const k = this.vaultOf[v];
    const snap = this.snapshots[k];
    snap.stored += this.size[v];
    snap.points++;
    this.snapshotSeries[k].record(now, snap.stored);
    this.snapshotsTaken++;
    const takenAt = this.takenAt[v];
    if (this.lastPoint[v] >= 0) this.gaps.push(takenAt - this.lastPoint[v]);
    this.lastPoint[v] = takenAt;
    exposed(this.exposure, v * EXPOSURE, LAST_LOCAL, LOCAL, takenAt, now);
    const lease = this.pools[k].tryAcquire();
    if (lease !== null) this.granted(v, lease);
    else {
      this.phase[v] = SLOT;
      this.pools[k].acquire(this.steps[v]);
    }
  }

  // A vault slot is VM v's: its changed blocks start over the link.
  private granted(v: number, lease: Lease): void {
    this.leases[v] = lease;
    this.started[v] = this.sim.now;
    this.phase[v] = LAND;
    const options = this.a.ints[v * INTS + TAIL] < 0 ? this.first : this.next;
    this.link.start(this.size[v], this.steps[v], options);
  }

  // The transfer's last byte is in: the slot goes back, the job is counted, and the point
  // lands in the chain with its snapshot's content.
  private landed(v: number): void {
    const lease = this.leases[v] as Lease;
    this.leases[v] = null;
    lease.release();
    const now = this.sim.now;
    const size = this.size[v];
    this.durations.push(now - this.started[v]);
    this.sizes.push(size);
    this.bytesTransferred += size;
    this.succeeded++;
    const k = this.vaultOf[v];
    const std = this.standard[k];
    const from = (v * SNAP_CAP + this.snapSlot[v]) * SNAP + 1;
    land(this.a, v, this.a.snaps, from, now, this.jobMask[v], this.sketch.keep, std);
    this.standardSeries[k].record(now, std.stored);
    exposed(this.exposure, v * EXPOSURE, LAST_VAULT, VAULT, this.takenAt[v], now);
    this.phase[v] = IDLE;
  }

  /** Midnight ending `day`: each vault's VMs lapse tiers and expire snapshots; the vault's row is written. */
  midnight(day: number): void {
    const now = (day + 1) * DAY;
    const vaults = this.sketch.vaults;
    for (let k = 0; k < vaults; k++) {
      const std = this.standard[k];
      const snap = this.snapshots[k];
      const stored = std.stored;
      const snapStored = snap.stored;
      const end = Math.min(this.vms, (k + 1) * this.perVault);
      for (let v = k * this.perVault; v < end; v++) {
        lapse(this.a, v, now, std);
        expireSnapshots(this.a, v, this.sketch.snapshotsKept, snap);
      }
      if (std.stored !== stored) this.standardSeries[k].record(now, std.stored);
      if (snap.stored !== snapStored) this.snapshotSeries[k].record(now, snap.stored);
      this.writeRow(day, k, std, snap);
    }
    this.jobsDaily[day * 2] = this.succeeded;
    this.jobsDaily[day * 2 + 1] = this.failedBusy + this.failedTransient;
  }

  // The vault's row of the daily round (models/simulate.ts endOfDay), and its point-days.
  private writeRow(day: number, k: number, std: Totals, snap: Totals): void {
    const r = (day * this.sketch.vaults + k) * ROW;
    const d = this.daily;
    d[r] = snap.stored;
    d[r + 1] = std.stored;
    d[r + 2] = snap.points;
    d[r + 3] = std.points;
    const c = std.tierCount;
    for (let tier = 0; tier < TIERS; tier++) d[r + 4 + tier] = c[tier];
    this.pointDays += c[0] + c[1] + c[2] + c[3];
  }

  /** Bytes stored at the end: every vault's standard and snapshot totals. */
  stored(): number {
    let sum = 0;
    for (let k = 0; k < this.sketch.vaults; k++) sum += this.standard[k].stored + this.snapshots[k].stored;
    return sum;
  }

  /** The run's figures at `end`: statistics sorted for quantiles, windows judged, series read. */
  figures(end: number): FullFigures {
    const durations = this.durations.sorted();
    const gaps = this.gaps.sorted();
    let worstLocalMs = 0;
    let worstVaultMs = 0;
    let inFlight = 0;
    for (let v = 0; v < this.vms; v++) {
      const e = v * EXPOSURE;
      worstLocalMs = Math.max(worstLocalMs, worstWindow(this.exposure, e, LAST_LOCAL, LOCAL, end));
      worstVaultMs = Math.max(worstVaultMs, worstWindow(this.exposure, e, LAST_VAULT, VAULT, end));
      if (this.phase[v] !== IDLE) inFlight++;
    }
    let standardStored = 0;
    let seriesLast = 0;
    let peakStandard = 0;
    let peakSnapshot = 0;
    let samples = 0;
    for (let k = 0; k < this.sketch.vaults; k++) {
      const std = this.standardSeries[k];
      const snap = this.snapshotSeries[k];
      standardStored += this.standard[k].stored;
      seriesLast += std.last() + snap.last();
      peakStandard += std.max();
      peakSnapshot += snap.max();
      samples += std.size + snap.size;
    }
    let dailySum = 0;
    for (const x of this.daily) dailySum += x;
    for (const x of this.jobsDaily) dailySum += x;
    return {
      scheduled: this.scheduled,
      snapshots: this.snapshotsTaken,
      succeeded: this.succeeded,
      transfers: durations.length,
      failedBusy: this.failedBusy,
      failedTransient: this.failedTransient,
      inFlight,
      bytesTransferred: this.bytesTransferred,
      transferP50Ms: quantile(durations, 0.5),
      transferP95Ms: quantile(durations, 0.95),
      transferMaxMs: quantile(durations, 1),
      gaps: gaps.length,
      gapP50Ms: quantile(gaps, 0.5),
      gapMaxMs: quantile(gaps, 1),
      worstLocalMs,
      worstVaultMs,
      standardStored,
      seriesLast,
      peakStandard,
      peakSnapshot,
      samples,
      events: this.sim.processed,
      dailySum,
    };
  }
}

/** Runs `vms` × `days` of the columnar sketch with the model's reported features (see the header). */
export function runFull(vms: number, days: number, sketch: Sketch): LayoutRun {
  const run = new FullSketch(vms, days, sketch);
  const t0 = clock();
  for (let day = 0; day < days; day++) {
    run.slots(day);
    run.sim.run((day + 1) * DAY);
    run.midnight(day);
  }
  const full = run.figures(days * DAY);
  return { seconds: clock() - t0, stored: run.stored(), pointDays: run.pointDays, full };
}
