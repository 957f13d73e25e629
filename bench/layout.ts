// The layout bench: the fleet bench's daily work done without the model, in two memory
// layouts. It is not a simulator and its figures are not the product's: it measures what a
// VM-day costs when every VM is an index into shared typed arrays (columnar), the floor a
// data-oriented rewrite of the backup model would start from, and what the same code costs
// when every VM is an object owning its own small typed arrays, as the model's are (objects).
// docs/performance.md, "What 10 s would take".
//
// Per VM and day it does what the fleet bench's model does at its core, with its numbers
// read from the fleet bench's own scenario (bench/fleet.ts: disks, churn distributions, start
// window, snapshot duration, throughputs, retention) and the project's random streams and
// samplers:
// - draws the start jitter, the snapshot duration and each disk's churn (16 days ahead);
// - advances each disk's log survival and takes a snapshot into a ring of instant-restore
//   points (the policy's instant-restore days), its bytes the delta from the snapshot before;
// - queues the transfer in the kernel's event queue (time, VM and kind) for its snapshot's
//   end, then for its landing: a first full copy at the initial throughput, later ones at the
//   incremental throughput (no shared link, no slot pool), sized by the newest vault point's
//   bytes as a stand-in for the delta;
// - on landing, appends the vault point to a linked chain (middle removal hands blocks
//   to the successor) and gives it its GFS tiers (the fleet policy's: daily, weekly on Sunday,
//   monthly on the first Sunday, yearly on January's first Sunday), each tier a FIFO, months
//   taken as 365/12 days and years as 365;
// - at midnight lapses the tiers due, removes points no tier keeps, expires snapshots,
//   and sums the points per tier and the stored bytes.
// What it leaves out (retention heaps for changing policies, the link's processor
// sharing, the slot pool, job statistics, failures, archive, series) is what makes the
// model's VM-day dearer even with its data in the caches; the gap is the price of that
// generality plus the layout. Its own simplifications: the slot is 03:00 UTC every day (the
// policy's 22:00 New York in winter time), and a day's point is kept by its tiers from landing.
// Both layouts run the same functions on the same draws (a VM's
// arrays and its offset in them are the only difference) and must compute the same figures.
// A third variant, columnar-full (bench/layout-full.ts), runs the columnar layout with what
// this one leaves out that the summary reports: the floor of a columnar core with every feature.

import {
  createStreams,
  EventQueue,
  loadScenarioText,
  makeSampler,
  type RandomStream,
  type Sampler,
  type Seed,
} from '../index.js';
import { fleetScenario } from './fleet.js';
import { type FullFigures, runFull } from './layout-full.js';
import { type BenchResult, clock, peakRss } from './measure.js';

/** A day in ms. */
export const DAY = 86_400_000;
const DISKS = 2;
// Capacities (sketchFor checks the policy fits): instant-restore ring, chain slots, FIFO per tier.
/** Instant-restore snapshots a VM's ring holds. */
export const SNAP_CAP = 8;
const VAULT_CAP = 64;
/** GFS tiers: daily, weekly, monthly, yearly. */
export const TIERS = 4;
const TIER_CAP = 32;
// Draws made ahead, as the model makes them (models/workload/item-content.ts, backup/draws.ts):
// AHEAD days at a time of the start jitter (a fraction of the window), the snapshot duration
// (ms) and each disk's churn, so a VM's random streams are touched once in AHEAD days.
/** Days drawn at a time. */
export const AHEAD = 16;
/** Numbers drawn per VM and day: start jitter, snapshot duration, churn × disks. */
export const DRAWS = 2 + DISKS;
/** Content numbers per VM: used × disks, log survival × disks. */
export const CONTENT = 2 * DISKS;
/** Numbers per snapshot slot: bytes, then the content (used × disks, log survival × disks). */
export const SNAP = 1 + 2 * DISKS;
// Chain slot: prev, next, bytes, tier mask, used × disks, log survival × disks.
const PREV = 0;
const NEXT = 1;
const BYTES = 2;
const MASK = 3;
const USED = 4;
const LOG = USED + DISKS;
const SLOT = LOG + DISKS;
// FIFO entries per VM: (until, chain slot) pairs, TIER_CAP per tier.
const FIFO = TIERS * TIER_CAP * 2;
// Counters per VM: snapshot ring head and count, chain head, tail and free list, then each
// tier's FIFO head and count.
/** Counter offsets: snapshot ring head and count, chain tail (see INTS). */
export const SNAP_HEAD = 0;
export const SNAP_COUNT = 1;
const HEAD = 2;
export const TAIL = 3;
const FREE = 4;
const FIFO_HEAD = 5;
const FIFO_COUNT = FIFO_HEAD + TIERS;
/** Counters per VM. */
export const INTS = FIFO_COUNT + TIERS;

/** The arrays holding VMs' state: one VM's own (offset 0), or every VM's side by side (offset v). */
export interface VmArrays {
  readonly content: Float64Array;
  readonly snaps: Float64Array;
  readonly chain: Float64Array;
  readonly fifo: Float64Array;
  readonly ints: Int32Array;
  readonly draws: Float64Array;
}

/** Sums over VMs (the fleet, or one vault's tier): stored bytes, points, live memberships per tier. */
export interface Totals {
  stored: number;
  points: number;
  readonly tierCount: Float64Array;
}

/** Empty totals. */
export const newTotals = (): Totals => ({ stored: 0, points: 0, tierCount: new Float64Array(TIERS) });

/** What the sketch reads from the fleet bench's scenario. */
export interface Sketch {
  readonly seed: Seed;
  readonly start: number;
  /** Used bytes and a churn sampler per disk. */
  readonly used: readonly number[];
  readonly churn: readonly Sampler[];
  readonly startWindow: number;
  readonly snapshot: Sampler;
  /** Bytes per second of a first (full) and a later (incremental) transfer. */
  readonly initial: number;
  readonly incremental: number;
  /** Instant-restore snapshots kept; each tier's retention in ms (daily, weekly, monthly, yearly). */
  readonly snapshotsKept: number;
  readonly keep: readonly number[];
  /** For columnar-full: the shared link's bytes per second, the vaults and each one's transfer slots, the failure rate. */
  readonly linkCapacity: number;
  readonly vaults: number;
  readonly slots: number;
  readonly failureRate: number;
}

/** The sketch's numbers for a `days`-day run, from the fleet bench's scenario (its first VM and policy). */
export function sketchFor(days: number): Sketch {
  const loaded = loadScenarioText(fleetScenario(10, days), 'fleet-bench.yaml');
  if (!loaded.ok) throw new Error(`bench scenario invalid: ${loaded.issues[0].message}`);
  const s = loaded.scenarios[0];
  const { disks, backup } = s.vms[0];
  const { retention, instantRestore } = s.policies[0];
  const month = (365 / 12) * DAY;
  const keep = [
    (retention.daily ?? 0) * DAY,
    (retention.weekly?.count ?? 0) * 7 * DAY,
    (retention.monthly?.count ?? 0) * month,
    (retention.yearly?.count ?? 0) * 12 * month,
  ];
  const snapshotsKept = Math.round(instantRestore / DAY);
  if (
    disks.length !== DISKS ||
    snapshotsKept >= SNAP_CAP ||
    (retention.daily ?? 0) > TIER_CAP ||
    s.links.length !== 1 ||
    s.vaults.some((v) => v.link !== s.links[0].name) ||
    backup === null ||
    backup.retries !== 0
  )
    throw new Error('layout bench: the fleet scenario no longer fits the sketch');
  return {
    seed: s.seed,
    start: s.start,
    used: disks.map((d) => d.used),
    churn: disks.map((d) => makeSampler(d.churn)),
    startWindow: s.backupJobs.startWindow,
    snapshot: makeSampler(s.backupJobs.snapshotDuration),
    initial: s.backupJobs.initialThroughput,
    incremental: s.backupJobs.incrementalThroughput,
    snapshotsKept,
    keep,
    linkCapacity: s.links[0].capacity,
    vaults: s.vaults.length,
    // The model's vault pool: models/simulate.ts, `new Pool(… slots: v.maxConcurrentTransfers …)`.
    slots: s.vaults[0].maxConcurrentTransfers,
    failureRate: backup.failureRate,
  };
}

/** Arrays for `n` VMs side by side, each VM's disks holding `used` bytes and its chain empty. */
export function vmArrays(n: number, used: readonly number[]): VmArrays {
  const a: VmArrays = {
    content: new Float64Array(n * CONTENT),
    snaps: new Float64Array(n * SNAP_CAP * SNAP),
    chain: new Float64Array(n * VAULT_CAP * SLOT),
    fifo: new Float64Array(n * FIFO),
    ints: new Int32Array(n * INTS),
    draws: new Float64Array(n * AHEAD * DRAWS),
  };
  for (let o = 0; o < n; o++) {
    for (let d = 0; d < DISKS; d++) a.content[o * CONTENT + d] = used[d];
    a.ints[o * INTS + HEAD] = -1;
    a.ints[o * INTS + TAIL] = -1;
    // The chain's free list threads every slot.
    for (let k = 0; k < VAULT_CAP; k++)
      a.chain[(o * VAULT_CAP + k) * SLOT + NEXT] = k + 1 < VAULT_CAP ? k + 1 : -1;
  }
  return a;
}

// Bytes of q not shared with p: used_q − used_p·exp(log_q − log_p) per disk, floored (the
// arithmetic of models/storage/content.ts diskDelta, which bench/ may not import).
function delta(a: Float64Array, p: number, q: number, used: number, log: number): number {
  let bytes = 0;
  for (let d = 0; d < DISKS; d++) {
    const kept = Math.floor(a[p + used + d] * Math.exp(Math.min(0, a[q + log + d] - a[p + log + d])));
    bytes += a[q + used + d] - Math.min(a[q + used + d], kept);
  }
  return bytes;
}

function full(a: Float64Array, p: number, used: number): number {
  let bytes = 0;
  for (let d = 0; d < DISKS; d++) bytes += a[p + used + d];
  return bytes;
}

/** Draws the VM's next AHEAD days of jitter, snapshot duration and churn from its streams. */
export function drawAhead(a: VmArrays, o: number, sketch: Sketch, streams: readonly RandomStream[]): void {
  for (let k = 0; k < AHEAD; k++) {
    const row = (o * AHEAD + k) * DRAWS;
    a.draws[row] = streams[0].next();
    a.draws[row + 1] = sketch.snapshot(streams[1]);
    for (let d = 0; d < DISKS; d++) a.draws[row + 2 + d] = sketch.churn[d](streams[2 + d]);
  }
}

/**
 * Advances the VM's content by a day's churn, drawn at `row` of its draws (a fraction
 * clamped to [0, 1]; the log step floored at −50 as in models/workload/item-content.ts).
 */
export function advance(a: VmArrays, o: number, row: number): void {
  for (let d = 0; d < DISKS; d++) {
    const churn = Math.min(1, Math.max(0, a.draws[row + 2 + d]));
    a.content[o * CONTENT + DISKS + d] += Math.max(-50, Math.log1p(-churn));
  }
}

/** Takes an instant-restore snapshot of the VM's content into its ring; returns its bytes. */
export function snapshot(a: VmArrays, o: number, t: Totals): number {
  const i = o * INTS;
  const base = o * SNAP_CAP;
  const k = (a.ints[i + SNAP_HEAD] + a.ints[i + SNAP_COUNT]) % SNAP_CAP;
  const b = (base + k) * SNAP;
  for (let d = 0; d < CONTENT; d++) a.snaps[b + 1 + d] = a.content[o * CONTENT + d];
  const prev = (base + ((k + SNAP_CAP - 1) % SNAP_CAP)) * SNAP;
  const bytes = a.ints[i + SNAP_COUNT] > 0 ? delta(a.snaps, prev, b, 1, 1 + DISKS) : full(a.snaps, b, 1);
  a.snaps[b] = bytes;
  a.ints[i + SNAP_COUNT]++;
  t.stored += bytes;
  t.points++;
  return bytes;
}

// How long the VM's next transfer takes (ms): its full content at the initial throughput
// before the first vault point, else the newest vault point's bytes (a stand-in for the
// delta) at the incremental throughput.
function transferMs(a: VmArrays, o: number, sketch: Sketch): number {
  const last = a.ints[o * INTS + TAIL];
  const seconds =
    last < 0
      ? full(a.content, o * CONTENT, 0) / sketch.initial
      : a.chain[(o * VAULT_CAP + last) * SLOT + BYTES] / sketch.incremental;
  return Math.ceil(seconds * 1000);
}

/**
 * Appends a content state to the VM's vault chain at `at`, kept by the tiers of `mask`: the
 * CONTENT numbers of `src` from `from` (the VM's live content, or a snapshot slot's).
 */
export function land(
  a: VmArrays,
  o: number,
  src: Float64Array,
  from: number,
  at: number,
  mask: number,
  keep: readonly number[],
  t: Totals,
): void {
  const c = a.chain;
  const i = o * INTS;
  const base = o * VAULT_CAP;
  const k = a.ints[i + FREE];
  const b = (base + k) * SLOT;
  a.ints[i + FREE] = c[b + NEXT];
  for (let d = 0; d < CONTENT; d++) c[b + USED + d] = src[from + d];
  const tail = a.ints[i + TAIL];
  c[b + PREV] = tail;
  c[b + NEXT] = -1;
  const bytes = tail < 0 ? full(c, b, USED) : delta(c, (base + tail) * SLOT, b, USED, LOG);
  c[b + BYTES] = bytes;
  c[b + MASK] = mask;
  t.stored += bytes;
  t.points++;
  if (tail < 0) a.ints[i + HEAD] = k;
  else c[(base + tail) * SLOT + NEXT] = k;
  a.ints[i + TAIL] = k;
  for (let tier = 0; tier < TIERS; tier++) {
    if ((mask & (1 << tier)) === 0) continue;
    const q = o * TIERS + tier;
    const e =
      (q * TIER_CAP + ((a.ints[i + FIFO_HEAD + tier] + a.ints[i + FIFO_COUNT + tier]) % TIER_CAP)) * 2;
    a.fifo[e] = at + keep[tier];
    a.fifo[e + 1] = k;
    a.ints[i + FIFO_COUNT + tier]++;
    t.tierCount[tier]++;
  }
}

// Removes slot k from the VM's chain, its successor taking over the blocks it still needs.
function removePoint(a: VmArrays, o: number, k: number, t: Totals): void {
  const c = a.chain;
  const i = o * INTS;
  const base = o * VAULT_CAP;
  const b = (base + k) * SLOT;
  const prev = c[b + PREV];
  const next = c[b + NEXT];
  let change = -c[b + BYTES];
  if (next >= 0) {
    const nb = (base + next) * SLOT;
    const taken = prev < 0 ? full(c, nb, USED) : delta(c, (base + prev) * SLOT, nb, USED, LOG);
    change += taken - c[nb + BYTES];
    c[nb + BYTES] = taken;
    c[nb + PREV] = prev;
  } else a.ints[i + TAIL] = prev;
  if (prev >= 0) c[(base + prev) * SLOT + NEXT] = next;
  else a.ints[i + HEAD] = next;
  c[b + NEXT] = a.ints[i + FREE];
  a.ints[i + FREE] = k;
  t.stored += change;
  t.points--;
}

// Midnight: lapses the tiers due by `now`, removes points no tier keeps, expires snapshots.
function cleanup(a: VmArrays, o: number, now: number, snapshotsKept: number, t: Totals): void {
  lapse(a, o, now, t);
  expireSnapshots(a, o, snapshotsKept, t);
}

/** Lapses the VM's tiers due by `now`, removing the points no tier keeps. */
export function lapse(a: VmArrays, o: number, now: number, t: Totals): void {
  const i = o * INTS;
  for (let tier = 0; tier < TIERS; tier++) {
    const q = o * TIERS + tier;
    while (a.ints[i + FIFO_COUNT + tier] > 0) {
      const e = (q * TIER_CAP + a.ints[i + FIFO_HEAD + tier]) * 2;
      if (a.fifo[e] > now) break;
      const k = a.fifo[e + 1];
      a.ints[i + FIFO_HEAD + tier] = (a.ints[i + FIFO_HEAD + tier] + 1) % TIER_CAP;
      a.ints[i + FIFO_COUNT + tier]--;
      t.tierCount[tier]--;
      const b = (o * VAULT_CAP + k) * SLOT;
      a.chain[b + MASK] &= ~(1 << tier);
      if (a.chain[b + MASK] === 0) removePoint(a, o, k, t);
    }
  }
}

/** Expires the VM's oldest instant-restore snapshots past the policy's count, each handing its blocks to the next. */
export function expireSnapshots(a: VmArrays, o: number, snapshotsKept: number, t: Totals): void {
  const i = o * INTS;
  const base = o * SNAP_CAP;
  while (a.ints[i + SNAP_COUNT] > snapshotsKept) {
    const b = (base + a.ints[i + SNAP_HEAD]) * SNAP;
    t.stored -= a.snaps[b];
    a.ints[i + SNAP_HEAD] = (a.ints[i + SNAP_HEAD] + 1) % SNAP_CAP;
    a.ints[i + SNAP_COUNT]--;
    t.points--;
    const nb = (base + a.ints[i + SNAP_HEAD]) * SNAP;
    const fullBytes = full(a.snaps, nb, 1);
    t.stored += fullBytes - a.snaps[nb];
    a.snaps[nb] = fullBytes;
  }
}

/**
 * Which layout a run uses: shared arrays indexed by VM, an object per VM, or the shared
 * arrays with the model's reported features (bench/layout-full.ts).
 */
export type Layout = 'columnar' | 'objects' | 'columnar-full';

/** What one run of the sketch computed and how long it took (`full`: columnar-full's own figures). */
export interface LayoutRun {
  seconds: number;
  stored: number;
  pointDays: number;
  full?: FullFigures;
}

/** The tiers, as bits, a point of the day starting at `epoch` (UTC midnight) is kept by. */
export function tierMask(epoch: number): number {
  const date = new Date(epoch);
  // Daily always, weekly on Sunday, monthly on the first Sunday, yearly in January.
  const sunday = date.getUTCDay() === 0;
  const first = sunday && date.getUTCDate() <= 7;
  return 1 | (sunday ? 2 : 0) | (first ? 4 : 0) | (first && date.getUTCMonth() === 0 ? 8 : 0);
}

/** Each VM's random streams, in DRAWS order (the names the sketch has always used). */
export function vmStreams(seed: Seed, vms: number): RandomStream[][] {
  const random = createStreams(seed);
  return Array.from({ length: vms }, (_, v) =>
    ['jitter', 'snapshot', 'churn/0', 'churn/1'].map((name) => random.get(`layout/${v}/${name}`)),
  );
}

/** Runs `vms` × `days` of the sketch in one layout. */
export function runLayout(vms: number, days: number, layout: Layout, sketch = sketchFor(days)): LayoutRun {
  if (layout === 'columnar-full') return runFull(vms, days, sketch);
  const shared = layout === 'columnar' ? vmArrays(vms, sketch.used) : null;
  const own = shared === null ? Array.from({ length: vms }, () => vmArrays(1, sketch.used)) : [];
  const streams = vmStreams(sketch.seed, vms);
  const { keep, snapshotsKept } = sketch;
  const totals = newTotals();
  // The kernel's event queue, entries (time, VM × 2 + kind): 0 the snapshot's end, 1 the landing.
  const queue = new EventQueue();
  let seq = 0;
  const t0 = clock();
  let pointDays = 0;
  for (let day = 0; day < days; day++) {
    const mask = tierMask(sketch.start + day * DAY);
    const slot = day * DAY + 3 * 3_600_000;
    for (let v = 0; v < vms; v++) {
      const a = shared ?? own[v];
      const o = shared === null ? 0 : v;
      if (day % AHEAD === 0) drawAhead(a, o, sketch, streams[v]);
      const row = (o * AHEAD + (day % AHEAD)) * DRAWS;
      const start = slot + Math.floor(a.draws[row] * sketch.startWindow);
      const done = start + Math.max(0, Math.round(a.draws[row + 1]));
      advance(a, o, row);
      snapshot(a, o, totals);
      queue.push(done, seq++, v * 2);
    }
    const midnight = (day + 1) * DAY;
    while (queue.size > 0 && queue.topTime() < midnight) {
      const time = queue.topTime();
      const ref = queue.pop();
      const v = ref >> 1;
      const a = shared ?? own[v];
      const o = shared === null ? 0 : v;
      if ((ref & 1) === 0) queue.push(time + transferMs(a, o, sketch), seq++, v * 2 + 1);
      else land(a, o, a.content, o * CONTENT, time, mask, keep, totals);
    }
    for (let v = 0; v < vms; v++)
      cleanup(shared ?? own[v], shared === null ? 0 : v, midnight, snapshotsKept, totals);
    const c = totals.tierCount;
    pointDays += c[0] + c[1] + c[2] + c[3];
  }
  return { seconds: clock() - t0, stored: totals.stored, pointDays };
}

/** Runs `vms` × `days` in both layouts, then columnar-full; returns their figures. */
export function benchLayout(vms: number, days: number): { results: BenchResult[]; ratios: BenchResult[] } {
  const sketch = sketchFor(days);
  const columnar = runLayout(vms, days, 'columnar', sketch);
  const objects = runLayout(vms, days, 'objects', sketch);
  const cpu0 = process.cpuUsage();
  const full = runLayout(vms, days, 'columnar-full', sketch);
  const cpu = process.cpuUsage(cpu0);
  const perVmDay = (r: LayoutRun) => Math.round((r.seconds * 1e8) / (vms * days)) / 100;
  const same = columnar.stored === objects.stored && columnar.pointDays === objects.pointDays;
  const f = full.full as FullFigures;
  return {
    results: [
      { name: 'layout.vms', value: vms, unit: 'VMs' },
      { name: 'layout.days', value: days, unit: 'days' },
      { name: 'layout.columnar.wall', value: Math.round(columnar.seconds * 1000) / 1000, unit: 's' },
      { name: 'layout.columnar.wall_per_vm_day', value: perVmDay(columnar), unit: 'µs' },
      { name: 'layout.objects.wall', value: Math.round(objects.seconds * 1000) / 1000, unit: 's' },
      { name: 'layout.objects.wall_per_vm_day', value: perVmDay(objects), unit: 'µs' },
      { name: 'layout.peak_rss', value: Math.round(peakRss() / 2 ** 20), unit: 'MiB' },
      // What the runs computed, so no step can be optimised away and a change of it shows.
      { name: 'layout.stored_tib', value: Math.round(columnar.stored / 2 ** 40), unit: 'TiB' },
      { name: 'layout.tier_point_days', value: columnar.pointDays, unit: 'point-days' },
      { name: 'layout.same_result', value: same ? 1 : 0, unit: 'flag' },
      // The columnar layout with the model's reported features (bench/layout-full.ts), its
      // whole run's CPU (setup included, as fleet.sketch_full_cpu_per_vm_day) and what it computed.
      { name: 'layout.columnar_full.wall', value: Math.round(full.seconds * 1000) / 1000, unit: 's' },
      { name: 'layout.columnar_full.wall_per_vm_day', value: perVmDay(full), unit: 'µs' },
      {
        name: 'layout.columnar_full.cpu_per_vm_day',
        value: Math.round((cpu.user + cpu.system) / ((vms * days) / 100)) / 100,
        unit: 'µs',
      },
      { name: 'layout.columnar_full.stored_tib', value: Math.round(full.stored / 2 ** 40), unit: 'TiB' },
      { name: 'layout.columnar_full.transfers', value: f.transfers, unit: 'jobs' },
      { name: 'layout.columnar_full.failed', value: f.failedBusy + f.failedTransient, unit: 'jobs' },
      { name: 'layout.columnar_full.transfer_p95', value: Math.round(f.transferP95Ms / 1000), unit: 's' },
    ],
    ratios: [
      {
        name: 'layout.objects_over_columnar',
        value: Math.round((objects.seconds / columnar.seconds) * 100) / 100,
        unit: '×',
      },
      {
        name: 'layout.columnar_full_over_columnar',
        value: Math.round((full.seconds / columnar.seconds) * 100) / 100,
        unit: '×',
      },
    ],
  };
}
