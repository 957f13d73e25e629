// The layout bench: the fleet bench's daily work done without the model, in two memory
// layouts. It is not a simulator and its figures are not the product's: it measures what a
// VM-day costs when every VM is an index into shared typed arrays (columnar), the floor a
// data-oriented rewrite of the backup model would start from, and what the same code costs
// when every VM is an object owning its own small typed arrays, as the model's are (objects).
// docs/performance.md, "What 10 s would take".
//
// Per VM and day it does what the fleet bench's model does at its core, with the same
// random streams (Alea through seedrandom) and the same policy shape:
// - draws the start jitter, the snapshot duration and each disk's churn (Box–Muller);
// - advances each disk's log survival and takes a snapshot into a ring of instant-restore
//   points (2 days), its bytes the delta from the snapshot before;
// - queues the transfer in the kernel's event queue (time, VM and kind) for its snapshot's end, then
//   for its landing (size over a per-transfer rate: no shared link, no slot pool);
// - on landing, appends the vault point to a linked chain (middle removal hands blocks
//   to the successor) and gives it its GFS tiers: daily 30, weekly 12 on Sunday,
//   monthly 12 on the first Sunday, yearly 3 on January's first Sunday, each tier a FIFO;
// - at midnight lapses the tiers due, removes points no tier keeps, expires snapshots,
//   and sums the points per tier and the stored bytes.
// What it leaves out (retention heaps for changing policies, the link's processor
// sharing, the slot pool, job statistics, failures, archive, series) is what makes the
// model's VM-day dearer even with its data in the caches; the gap is the price of that
// generality plus the layout. Both layouts run the same functions on the same draws (a VM's
// arrays and its offset in them are the only difference) and must compute the same figures.

import seedrandom from 'seedrandom';
import { EventQueue } from '../index.js';
import { type BenchResult, clock, peakRss } from './measure.js';

const DAY = 86_400_000;
const DISKS = 2;
const SNAP_CAP = 8; // ring of instant-restore snapshots
const VAULT_CAP = 64; // chain slots: 30 daily + 12 weekly + 12 monthly + 3 yearly, and spares
const TIERS = 4;
const TIER_CAP = 32; // FIFO capacity per tier
// Tier retention: daily 30 days, weekly 12 weeks, monthly 12 months and yearly 3 years (as 365-day years).
const KEEP = [30 * DAY, 12 * 7 * DAY, 365 * DAY, 3 * 365 * DAY];
// Content per VM: used × disks, log survival × disks.
const CONTENT = 2 * DISKS;
// Snapshot slot: bytes, used × disks, log survival × disks.
const SNAP = 1 + 2 * DISKS;
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
const SNAP_HEAD = 0;
const SNAP_COUNT = 1;
const HEAD = 2;
const TAIL = 3;
const FREE = 4;
const FIFO_HEAD = 5;
const FIFO_COUNT = FIFO_HEAD + TIERS;
const INTS = FIFO_COUNT + TIERS;

/** The arrays holding VMs' state: one VM's own (offset 0), or every VM's side by side (offset v). */
interface VmArrays {
  readonly content: Float64Array;
  readonly snaps: Float64Array;
  readonly chain: Float64Array;
  readonly fifo: Float64Array;
  readonly ints: Int32Array;
}

/** Sums over the fleet: stored bytes and live memberships per tier. */
interface Totals {
  stored: number;
  readonly tierCount: Float64Array;
}

function vmArrays(n: number): VmArrays {
  const a: VmArrays = {
    content: new Float64Array(n * CONTENT),
    snaps: new Float64Array(n * SNAP_CAP * SNAP),
    chain: new Float64Array(n * VAULT_CAP * SLOT),
    fifo: new Float64Array(n * FIFO),
    ints: new Int32Array(n * INTS),
  };
  for (let o = 0; o < n; o++) {
    a.content[o * CONTENT] = 128 * 0.6 * 2 ** 30;
    a.content[o * CONTENT + 1] = 512 * 0.4 * 2 ** 30;
    a.ints[o * INTS + HEAD] = -1;
    a.ints[o * INTS + TAIL] = -1;
    // The chain's free list threads every slot.
    for (let k = 0; k < VAULT_CAP; k++)
      a.chain[(o * VAULT_CAP + k) * SLOT + NEXT] = k + 1 < VAULT_CAP ? k + 1 : -1;
  }
  return a;
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

// Advances the VM's content by a day of churn drawn from its disks' streams.
function advance(a: VmArrays, o: number, draws: (() => number)[]): void {
  for (let d = 0; d < DISKS; d++) {
    const churn = Math.min(1, Math.max(0, (d === 0 ? 0.03 : 0.02) + 0.01 * normal(draws[2 + d])));
    a.content[o * CONTENT + DISKS + d] += Math.max(-50, Math.log1p(-churn));
  }
}

// Takes an instant-restore snapshot of the VM's content into its ring.
function snapshot(a: VmArrays, o: number, t: Totals): void {
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
}

// The bytes of the VM's newest vault point (a proxy for the next transfer's size), or 1 TiB before the first.
function newestBytes(a: VmArrays, o: number): number {
  const last = a.ints[o * INTS + TAIL];
  return last < 0 ? 2 ** 40 : a.chain[(o * VAULT_CAP + last) * SLOT + BYTES];
}

// Appends the VM's content to its vault chain at `at`, kept by the tiers of `mask`.
function land(a: VmArrays, o: number, at: number, mask: number, t: Totals): void {
  const c = a.chain;
  const i = o * INTS;
  const base = o * VAULT_CAP;
  const k = a.ints[i + FREE];
  const b = (base + k) * SLOT;
  a.ints[i + FREE] = c[b + NEXT];
  for (let d = 0; d < CONTENT; d++) c[b + USED + d] = a.content[o * CONTENT + d];
  const tail = a.ints[i + TAIL];
  c[b + PREV] = tail;
  c[b + NEXT] = -1;
  const bytes = tail < 0 ? full(c, b, USED) : delta(c, (base + tail) * SLOT, b, USED, LOG);
  c[b + BYTES] = bytes;
  c[b + MASK] = mask;
  t.stored += bytes;
  if (tail < 0) a.ints[i + HEAD] = k;
  else c[(base + tail) * SLOT + NEXT] = k;
  a.ints[i + TAIL] = k;
  for (let tier = 0; tier < TIERS; tier++) {
    if ((mask & (1 << tier)) === 0) continue;
    const q = o * TIERS + tier;
    const e =
      (q * TIER_CAP + ((a.ints[i + FIFO_HEAD + tier] + a.ints[i + FIFO_COUNT + tier]) % TIER_CAP)) * 2;
    a.fifo[e] = at + KEEP[tier];
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
}

// Midnight: lapses the tiers due by `now`, removes points no tier keeps, expires snapshots.
function cleanup(a: VmArrays, o: number, now: number, t: Totals): void {
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
  // Instant-restore snapshots: two kept, the oldest handing its blocks to the next.
  const base = o * SNAP_CAP;
  while (a.ints[i + SNAP_COUNT] > 2) {
    const b = (base + a.ints[i + SNAP_HEAD]) * SNAP;
    t.stored -= a.snaps[b];
    a.ints[i + SNAP_HEAD] = (a.ints[i + SNAP_HEAD] + 1) % SNAP_CAP;
    a.ints[i + SNAP_COUNT]--;
    const nb = (base + a.ints[i + SNAP_HEAD]) * SNAP;
    const fullBytes = full(a.snaps, nb, 1);
    t.stored += fullBytes - a.snaps[nb];
    a.snaps[nb] = fullBytes;
  }
}

/** Which layout a run uses: shared arrays indexed by VM, or an object per VM. */
export type Layout = 'columnar' | 'objects';

/** What one run of the sketch computed and how long it took. */
export interface LayoutRun {
  seconds: number;
  stored: number;
  pointDays: number;
}

/** Runs `vms` × `days` of the sketch in one layout. */
export function runLayout(vms: number, days: number, layout: Layout): LayoutRun {
  const shared = layout === 'columnar' ? vmArrays(vms) : null;
  const own = shared === null ? Array.from({ length: vms }, () => vmArrays(1)) : [];
  // A VM's arrays and its offset in them.
  const arrays = (v: number): VmArrays => shared ?? own[v];
  const offset = shared === null ? () => 0 : (v: number) => v;
  const draws = Array.from({ length: vms }, (_, v) =>
    ['jitter', 'duration', 'churn0', 'churn1'].map((s) => seedrandom.alea(`layout/${v}/${s}`)),
  );
  const totals: Totals = { stored: 0, tierCount: new Float64Array(TIERS) };
  // The kernel's event queue, entries (time, VM × 2 + kind): 0 the snapshot's end, 1 the landing.
  const queue = new EventQueue();
  let seq = 0;
  const rate = 100 * 2 ** 20; // bytes per second per transfer
  const t0 = clock();
  let pointDays = 0;
  for (let day = 0; day < days; day++) {
    const date = new Date(Date.UTC(2026, 0, 1) + day * DAY);
    // Tiers as bits: daily always, weekly on Sunday, monthly on the first Sunday, yearly in January.
    const sunday = date.getUTCDay() === 0;
    const first = sunday && date.getUTCDate() <= 7;
    const mask = 1 | (sunday ? 2 : 0) | (first ? 4 : 0) | (first && date.getUTCMonth() === 0 ? 8 : 0);
    const slot = day * DAY + 3 * 3_600_000;
    for (let v = 0; v < vms; v++) {
      const d = draws[v];
      const start = slot + Math.floor(d[0]() * 7_200_000);
      const done = start + Math.max(0, Math.round(300_000 + 60_000 * normal(d[1])));
      advance(arrays(v), offset(v), d);
      snapshot(arrays(v), offset(v), totals);
      queue.push(done, seq++, v * 2);
    }
    const midnight = (day + 1) * DAY;
    while (queue.size > 0 && queue.topTime() < midnight) {
      const time = queue.topTime();
      const ref = queue.pop();
      const v = ref >> 1;
      if ((ref & 1) === 0) {
        const size = newestBytes(arrays(v), offset(v));
        queue.push(time + Math.ceil((size / rate) * 1000), seq++, v * 2 + 1);
      } else land(arrays(v), offset(v), time, mask, totals);
    }
    for (let v = 0; v < vms; v++) cleanup(arrays(v), offset(v), midnight, totals);
    const c = totals.tierCount;
    pointDays += c[0] + c[1] + c[2] + c[3];
  }
  return { seconds: clock() - t0, stored: totals.stored, pointDays };
}

/** Runs `vms` × `days` in both layouts; returns their figures. */
export function benchLayout(vms: number, days: number): { results: BenchResult[]; ratios: BenchResult[] } {
  const columnar = runLayout(vms, days, 'columnar');
  const objects = runLayout(vms, days, 'objects');
  const perVmDay = (r: LayoutRun) => Math.round((r.seconds * 1e8) / (vms * days)) / 100;
  const same = columnar.stored === objects.stored && columnar.pointDays === objects.pointDays;
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
    ],
    ratios: [
      {
        name: 'layout.objects_over_columnar',
        value: Math.round((objects.seconds / columnar.seconds) * 100) / 100,
        unit: '×',
      },
    ],
  };
}
