// The layout bench: the fleet bench's daily work done in a columnar layout, without the
// model. It is not a simulator and its figures are not the product's: it measures what a
// VM-day costs when every VM is an index into shared typed arrays, the floor a data-oriented
// rewrite of the backup model would start from (docs/performance.md, "What 10 s would take").
//
// Per VM and day it does what the fleet bench's model does at its core, with the same
// random streams (Alea through seedrandom) and the same policy shape:
// - draws the start jitter, the snapshot duration and each disk's churn (Box–Muller);
// - advances each disk's log survival and takes a snapshot into a ring of instant-restore
//   points (2 days), its bytes the delta from the snapshot before;
// - queues the transfer in one event heap (time, VM, kind) for its snapshot's end, then
//   for its landing (size over a per-transfer rate: no shared link, no slot pool);
// - on landing, appends the vault point to a linked chain (middle removal hands blocks
//   to the successor) and gives it its GFS tiers: daily 30, weekly 12 on Sunday,
//   monthly 12 on the first Sunday, yearly 3 on January's first Sunday, each tier a FIFO;
// - at midnight lapses the tiers due, removes points no tier keeps, expires snapshots,
//   and sums the points per tier and the stored bytes.
// What it leaves out (retention heaps for changing policies, the link's processor
// sharing, the slot pool, job statistics, failures, archive, series) is what makes the
// model's VM-day dearer even with its data in the caches; the gap is the price of that
// generality plus the layout.

import seedrandom from 'seedrandom';
import { type BenchResult, clock, peakRss } from './measure.js';

const DAY = 86_400_000;
const DISKS = 2;
const SNAP_CAP = 8; // ring of instant-restore snapshots
const VAULT_CAP = 64; // chain slots: 30 daily + 12 weekly + 12 monthly + 3 yearly, and spares
const TIERS = 4;
const TIER_CAP = 32; // FIFO capacity per tier
const KEEP = [30 * DAY, 12 * 7 * DAY, 365 * DAY, 3 * 365 * DAY]; // daily, weekly, monthly, yearly
// Chain slot: prev, next, bytes, tier mask, used × disks, log survival × disks.
const PREV = 0;
const NEXT = 1;
const BYTES = 2;
const MASK = 3;
const USED = 4;
const LOG = USED + DISKS;
const SLOT = LOG + DISKS;
// Snapshot slot: bytes, used × disks, log survival × disks.
const SNAP = 1 + 2 * DISKS;

/** Columnar state of a fleet: every array indexed by VM (times a per-VM stride). */
class Fleet {
  readonly used: Float64Array;
  readonly log: Float64Array;
  readonly snaps: Float64Array;
  readonly snapHead: Int32Array;
  readonly snapCount: Int32Array;
  readonly chain: Float64Array;
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly free: Int32Array;
  readonly fifo: Float64Array; // (until, chain slot) pairs, per VM and tier
  readonly fifoHead: Int32Array;
  readonly fifoCount: Int32Array;
  readonly tierCount = new Float64Array(TIERS);
  readonly draws: (() => number)[][];
  stored = 0;

  constructor(n: number) {
    this.used = new Float64Array(n * DISKS);
    this.log = new Float64Array(n * DISKS);
    this.snaps = new Float64Array(n * SNAP_CAP * SNAP);
    this.snapHead = new Int32Array(n);
    this.snapCount = new Int32Array(n);
    this.chain = new Float64Array(n * VAULT_CAP * SLOT);
    this.head = new Int32Array(n).fill(-1);
    this.tail = new Int32Array(n).fill(-1);
    this.free = new Int32Array(n);
    this.fifo = new Float64Array(n * TIERS * TIER_CAP * 2);
    this.fifoHead = new Int32Array(n * TIERS);
    this.fifoCount = new Int32Array(n * TIERS);
    this.draws = Array.from({ length: n }, (_, v) =>
      ['jitter', 'duration', 'churn0', 'churn1'].map((s) => seedrandom.alea(`layout/${v}/${s}`)),
    );
    for (let v = 0; v < n; v++) {
      this.used[v * DISKS] = 128 * 0.6 * 2 ** 30;
      this.used[v * DISKS + 1] = 512 * 0.4 * 2 ** 30;
      // The chain's free list threads every slot.
      const base = v * VAULT_CAP;
      for (let k = 0; k < VAULT_CAP; k++)
        this.chain[(base + k) * SLOT + NEXT] = k + 1 < VAULT_CAP ? k + 1 : -1;
    }
  }
}

function normal(draw: () => number): number {
  const u = 1 - draw();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * draw());
}

// Bytes of q not shared with p: used_q − used_p·exp(log_q − log_p) per disk, floored.
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

/** A min-heap of (time, VM × 2 + kind). */
class Heap {
  private times = new Float64Array(1 << 16);
  private refs = new Int32Array(1 << 16);
  size = 0;
  topTime = 0;
  topRef = 0;

  push(time: number, ref: number): void {
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.times[p] <= time) break;
      this.times[i] = this.times[p];
      this.refs[i] = this.refs[p];
      i = p;
    }
    this.times[i] = time;
    this.refs[i] = ref;
  }

  peek(): number {
    return this.size > 0 ? this.times[0] : Number.POSITIVE_INFINITY;
  }

  pop(): void {
    this.topTime = this.times[0];
    this.topRef = this.refs[0];
    const n = --this.size;
    const time = this.times[n];
    const ref = this.refs[n];
    let i = 0;
    while (2 * i + 1 < n) {
      let c = 2 * i + 1;
      if (c + 1 < n && this.times[c + 1] < this.times[c]) c++;
      if (time <= this.times[c]) break;
      this.times[i] = this.times[c];
      this.refs[i] = this.refs[c];
      i = c;
    }
    this.times[i] = time;
    this.refs[i] = ref;
  }
}

function snapshot(f: Fleet, v: number): number {
  const base = v * SNAP_CAP;
  const k = (f.snapHead[v] + f.snapCount[v]) % SNAP_CAP;
  const b = (base + k) * SNAP;
  for (let d = 0; d < DISKS; d++) {
    f.snaps[b + 1 + d] = f.used[v * DISKS + d];
    f.snaps[b + 1 + DISKS + d] = f.log[v * DISKS + d];
  }
  const prev = (base + ((k + SNAP_CAP - 1) % SNAP_CAP)) * SNAP;
  const bytes = f.snapCount[v] > 0 ? delta(f.snaps, prev, b, 1, 1 + DISKS) : full(f.snaps, b, 1);
  f.snaps[b] = bytes;
  f.snapCount[v]++;
  f.stored += bytes;
  return bytes;
}

function land(f: Fleet, v: number, at: number, weekday: number, monthDay: number, month: number): void {
  const c = f.chain;
  const base = v * VAULT_CAP;
  const k = f.free[v];
  const b = (base + k) * SLOT;
  f.free[v] = c[b + NEXT];
  for (let d = 0; d < DISKS; d++) {
    c[b + USED + d] = f.used[v * DISKS + d];
    c[b + LOG + d] = f.log[v * DISKS + d];
  }
  const t = f.tail[v];
  c[b + PREV] = t;
  c[b + NEXT] = -1;
  const bytes = t < 0 ? full(c, b, USED) : delta(c, (base + t) * SLOT, b, USED, LOG);
  c[b + BYTES] = bytes;
  f.stored += bytes;
  if (t < 0) f.head[v] = k;
  else c[(base + t) * SLOT + NEXT] = k;
  f.tail[v] = k;
  // Tiers as bits: daily always, weekly on Sunday, monthly on the first Sunday, yearly in January.
  const firstSunday = weekday === 0 && monthDay <= 7;
  const mask = 1 | (weekday === 0 ? 2 : 0) | (firstSunday ? 4 : 0) | (firstSunday && month === 0 ? 8 : 0);
  for (let tier = 0; tier < TIERS; tier++) {
    if ((mask & (1 << tier)) === 0) continue;
    const q = v * TIERS + tier;
    const i = (q * TIER_CAP + ((f.fifoHead[q] + f.fifoCount[q]) % TIER_CAP)) * 2;
    f.fifo[i] = at + KEEP[tier];
    f.fifo[i + 1] = k;
    f.fifoCount[q]++;
    f.tierCount[tier]++;
  }
  c[b + MASK] = mask;
}

function removePoint(f: Fleet, v: number, k: number): void {
  const c = f.chain;
  const base = v * VAULT_CAP;
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
  } else f.tail[v] = prev;
  if (prev >= 0) c[(base + prev) * SLOT + NEXT] = next;
  else f.head[v] = next;
  c[b + NEXT] = f.free[v];
  f.free[v] = k;
  f.stored += change;
}

function cleanup(f: Fleet, v: number, now: number): void {
  for (let tier = 0; tier < TIERS; tier++) {
    const q = v * TIERS + tier;
    while (f.fifoCount[q] > 0) {
      const at = (q * TIER_CAP + f.fifoHead[q]) * 2;
      if (f.fifo[at] > now) break;
      const k = f.fifo[at + 1];
      f.fifoHead[q] = (f.fifoHead[q] + 1) % TIER_CAP;
      f.fifoCount[q]--;
      f.tierCount[tier]--;
      const b = (v * VAULT_CAP + k) * SLOT;
      f.chain[b + MASK] &= ~(1 << tier);
      if (f.chain[b + MASK] === 0) removePoint(f, v, k);
    }
  }
  // Instant-restore snapshots: two kept, the oldest handing its blocks to the next.
  while (f.snapCount[v] > 2) {
    const base = v * SNAP_CAP;
    const b = (base + f.snapHead[v]) * SNAP;
    f.stored -= f.snaps[b];
    f.snapHead[v] = (f.snapHead[v] + 1) % SNAP_CAP;
    f.snapCount[v]--;
    const nb = (base + f.snapHead[v]) * SNAP;
    const fullBytes = full(f.snaps, nb, 1);
    f.stored += fullBytes - f.snaps[nb];
    f.snaps[nb] = fullBytes;
  }
}

/** Runs `vms` × `days` of the columnar sketch; returns its figures. */
export function benchLayout(vms: number, days: number): { results: BenchResult[]; ratios: BenchResult[] } {
  const f = new Fleet(vms);
  const heap = new Heap();
  const rate = 100 * 2 ** 20; // bytes per second per transfer
  const t0 = clock();
  let pointDays = 0;
  for (let day = 0; day < days; day++) {
    const date = new Date(Date.UTC(2026, 0, 1) + day * DAY);
    const slot = day * DAY + 3 * 3_600_000;
    for (let v = 0; v < vms; v++) {
      const draws = f.draws[v];
      const start = slot + Math.floor(draws[0]() * 7_200_000);
      const done = start + Math.max(0, Math.round(300_000 + 60_000 * normal(draws[1])));
      for (let d = 0; d < DISKS; d++) {
        const churn = Math.min(1, Math.max(0, (d === 0 ? 0.03 : 0.02) + 0.01 * normal(draws[2 + d])));
        f.log[v * DISKS + d] += Math.max(-50, Math.log1p(-churn));
      }
      snapshot(f, v);
      heap.push(done, v * 2);
    }
    const midnight = (day + 1) * DAY;
    while (heap.peek() < midnight) {
      heap.pop();
      const v = heap.topRef >> 1;
      if ((heap.topRef & 1) === 0) {
        const last = f.tail[v];
        const size = last < 0 ? 2 ** 40 : f.chain[(v * VAULT_CAP + last) * SLOT + BYTES];
        heap.push(heap.topTime + Math.ceil((size / rate) * 1000), v * 2 + 1);
      } else land(f, v, heap.topTime, date.getUTCDay(), date.getUTCDate(), date.getUTCMonth());
    }
    for (let v = 0; v < vms; v++) cleanup(f, v, midnight);
    pointDays += f.tierCount[0] + f.tierCount[1] + f.tierCount[2] + f.tierCount[3];
  }
  const seconds = clock() - t0;
  return {
    results: [
      { name: 'layout.vms', value: vms, unit: 'VMs' },
      { name: 'layout.days', value: days, unit: 'days' },
      { name: 'layout.wall', value: Math.round(seconds * 1000) / 1000, unit: 's' },
      { name: 'layout.wall_per_vm_day', value: Math.round((seconds * 1e8) / (vms * days)) / 100, unit: 'µs' },
      { name: 'layout.peak_rss', value: Math.round(peakRss() / 2 ** 20), unit: 'MiB' },
      // What the run computed, so no step can be optimised away and a change of it shows.
      { name: 'layout.stored_tib', value: Math.round(f.stored / 2 ** 40), unit: 'TiB' },
      { name: 'layout.tier_point_days', value: pointDays, unit: 'point-days' },
    ],
    ratios: [],
  };
}
