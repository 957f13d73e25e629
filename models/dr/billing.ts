// What disaster recovery bills (docs/reference.md §5.6, docs/reference.md §17):
// each replicated VM's Site Recovery usage (replica disks, cache, recovery points, transfer)
// and the compute of VMs a failover or a drill started. Plain data for models/pricing
// (ReplicatedVmUsage, ComputeRun); the prices are applied there (site-recovery.ts).
//
// Usage is read from a fresh replay of each VM's replication stream (VmReplica.replay), so the
// run's own stream and its events are untouched (no kernel event, same fingerprint). It is
// sampled where the rates change — every day boundary, every edge of the VM's spike,
// degradation and down windows, those shifted by the retention — and where a backlog empties
// (solved from the drain time); hourly while a backlog drains; collinear samples are dropped.
// Cache and sent are linear between those samples, so their series are exact; recovery points
// are exact but while a backlog drains, where they are linear between hourly samples.
//
// Simplifications (each an assumption):
// - Cache storage holds the replication backlog: bytes written but not yet uploaded (§17: "All
//   the changes happening on the source VMs are tracked and sent to cache storage account"),
//   the initial copy included; processed data is taken to leave the cache at once.
// - Recovery-point storage holds the bytes written between the oldest retained point and the
//   latest (retention before the latest point, §5.1 pruning), every written byte a distinct
//   block: an upper bound, as overwrites of one block within the window are counted twice.
//   The sources give no meter for it (§17: "not found").
// - Sent is every byte uploaded source → target, the initial replication included.
// - Replication is billed from the run's start until it ends (a fault that ends it, or the
//   horizon); a failed-over VM's disks are then the recovered VM's, outside these meters. A
//   replication reprotected or re-enabled during the run (reprotection.ts) is billed as another
//   instance from its start, its free days counted again (the sources do not say whether a
//   reprotected VM's free days restart: an assumption).
// - A failed-over VM runs in the target region from its creation until the end of the run
//   (failback is not modelled), or until the same VM fails over again. A restore from backup
//   (in place or Cross Region Restore) brings up a VM that replaces the source one, so it is
//   not billed as extra compute.

import { Series } from '../../engine/series.js';
import { MS } from '../../engine/units.js';
import type { ComputeRun, ReplicatedVmUsage } from '../pricing/types.js';
import type { ReplicationStream } from '../replication/fluid.js';
import type { Vm } from '../scenario/types.js';

/** A VM a failover or a drill started: where, from when, and until when (null: the end of the run). */
export interface RecoveredVm {
  readonly kind: 'failover' | 'drill';
  readonly vm: string;
  readonly region: string;
  readonly from: number;
  readonly to: number | null;
}

/** What billing needs of one replicated VM. */
export interface ReplicaSource {
  readonly vm: Vm;
  /** A fresh stream of the VM's replication, queried from time 0 (VmReplica.replay). */
  readonly replay: () => ReplicationStream;
  /** When replication stopped for the rest of the run, or the horizon (VmReplica.endsAt). */
  readonly endsAt: number;
  /** Edges of the windows where the VM's write or upload rate changes (spikes, degradations, down). */
  readonly edges: readonly number[];
  /** When this replication started (0, or the end of a reprotect or re-enable: VmReplica.start). */
  readonly from?: number;
  /** The region it replicates from (default the VM's own). */
  readonly region?: string;
}

/** A run's disaster-recovery billing usage: the `replicated` and `compute` fields of CostInput. */
export interface DrBilling {
  readonly replicated: ReplicatedVmUsage[];
  readonly compute: ComputeRun[];
}

/** The billing usage of a run's replicated VMs and recovered VMs, on simulation time [0, horizon). */
export function billingUsage(
  sources: readonly ReplicaSource[],
  recovered: readonly RecoveredVm[],
  vms: readonly Vm[],
  horizon: number,
): DrBilling {
  return {
    replicated: sources.map((s) => replicatedUsage(s, horizon)),
    compute: computeRuns(recovered, vms, horizon),
  };
}

/** One replicated VM's Site Recovery usage, from a replay of its replication stream. */
export function replicatedUsage(src: ReplicaSource, horizon: number): ReplicatedVmUsage {
  const plan = src.vm.replicate!;
  const to = Math.min(src.endsAt, horizon);
  const from = src.from ?? 0;
  const series = (what: string) => new Series(`${src.vm.id}/asr-${what}`, { kind: 'linear' });
  const cache = new Collinear(series('cache'));
  const points = new Collinear(series('recovery-points'));
  const sent = new Collinear(series('sent'));
  const stream = src.replay();
  const retention = plan.retention;
  const edges = [...new Set(src.edges)].sort((a, b) => a - b);
  const shifted = edges.map((e) => e + retention);
  // W at each sample: W is linear between samples, so W at any earlier instant is interpolated exactly.
  const hist = { t: [] as number[], w: [] as number[] };
  let first: number | null = null;
  const emit = (t: number, w: number, u: number, b: number, c: number | null): void => {
    hist.t.push(t);
    hist.w.push(w);
    cache.add(t, b);
    sent.add(t, u);
    // Everything written up to c is uploaded (W(c) = U(t)); the oldest kept point is `retention` before it.
    const kept =
      c === null || first === null || retention === 0
        ? 0
        : Math.max(0, u - writtenAt(hist, Math.max(first, c - retention)));
    points.add(t, kept);
  };
  // The previous sample: time, W, backlog and drain time (backlog / upload capacity).
  let prev = { t: 0, w: 0, b: 0, lag: 0 };
  for (let t = 0; ; ) {
    const w = stream.writtenAt(t);
    const b = stream.backlogAt(t);
    first ??= stream.initialDoneAt(t);
    // The backlog emptied since the previous sample: rates were constant in between, so it fell
    // linearly at capacity − write rate and emptied at prev.t + prev.b / (capacity − rate).
    if (prev.b > 0 && b === 0 && t > prev.t) {
      const rate = (w - prev.w) / (t - prev.t);
      const capacity = prev.b / prev.lag;
      const tz = capacity > rate ? prev.t + prev.b / (capacity - rate) : t;
      if (tz > prev.t && tz < t) {
        const wz = prev.w + rate * (tz - prev.t);
        emit(tz, wz, wz, 0, tz);
      }
    }
    emit(t, w, stream.uploadedAt(t), b, stream.coveredAt(t));
    prev = { t, w, b, lag: b > 0 ? stream.lagAt(t) : 0 };
    if (t >= to) break;
    t = Math.min(
      to,
      nextDay(t),
      nextDay(t - retention) + retention,
      after(edges, t),
      after(shifted, t),
      first !== null && first + retention > t ? first + retention : Number.POSITIVE_INFINITY,
      // While a backlog drains, the recovery points' oldest instant moves along W's past pieces.
      b > 0 ? (Math.floor(t / MS.hour) + 1) * MS.hour : Number.POSITIVE_INFINITY,
    );
  }
  return {
    vm: src.vm.id,
    group: src.vm.group,
    sourceRegion: src.region ?? src.vm.region,
    targetRegion: src.region === undefined || src.region === src.vm.region ? plan.to : src.vm.region,
    from,
    to,
    disks: src.vm.disks.map((d) => ({ name: d.name, size: d.size, type: d.type })),
    cache: cache.done(),
    recoveryPoints: points.done(),
    sent: sent.done(),
  };
}

/**
 * The compute runs of recovered VMs, clipped to the horizon: a failover's VM runs until the
 * end of the run or the VM's next failover; a drill's until its cleanup. Sorted by start, then VM.
 */
export function computeRuns(
  recovered: readonly RecoveredVm[],
  vms: readonly Vm[],
  horizon: number,
): ComputeRun[] {
  const byId = new Map(vms.map((vm) => [vm.id, vm]));
  // Each VM's failover starts: a later failover of the same VM ends the run before it.
  const failovers = new Map<string, number[]>();
  for (const r of recovered)
    if (r.kind === 'failover') failovers.set(r.vm, [...(failovers.get(r.vm) ?? []), r.from]);
  const out: ComputeRun[] = [];
  for (const r of recovered) {
    const vm = byId.get(r.vm);
    if (vm === undefined) continue;
    let to = Math.min(r.to ?? horizon, horizon);
    if (r.kind === 'failover')
      for (const next of failovers.get(r.vm)!) if (next > r.from) to = Math.min(to, next);
    if (!(to > r.from)) continue;
    out.push({
      kind: r.kind,
      vm: r.vm,
      group: vm.group,
      region: r.region,
      cores: vm.cores,
      size: vm.size,
      from: r.from,
      to,
    });
  }
  return out.sort((a, b) => a.from - b.from || (a.vm < b.vm ? -1 : a.vm > b.vm ? 1 : 0));
}

// The next day boundary after t.
const nextDay = (t: number): number => (Math.floor(t / MS.day) + 1) * MS.day;

// The first value of a sorted list after t, or +Infinity (binary search).
function after(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : Number.POSITIVE_INFINITY;
}

// W at x from the samples (linear between them; the first sample's value before it).
function writtenAt(hist: { t: number[]; w: number[] }, x: number): number {
  const { t, w } = hist;
  let lo = 0;
  let hi = t.length - 1;
  if (x <= t[0]) return w[0];
  if (x >= t[hi]) return w[hi];
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] <= x) lo = mid;
    else hi = mid;
  }
  return w[lo] + ((w[hi] - w[lo]) * (x - t[lo])) / (t[hi] - t[lo]);
}

/** Records a linear series, leaving out a sample that lies on the line through its neighbours. */
class Collinear {
  private last: { t: number; v: number } | null = null;
  private pending: { t: number; v: number } | null = null;

  constructor(private readonly series: Series) {}

  /** Adds a sample (time not before the previous one). */
  add(t: number, v: number): void {
    const a = this.last;
    const p = this.pending;
    if (a === null) {
      this.series.record(t, v);
      this.last = { t, v };
      return;
    }
    if (p !== null) {
      const line = a.v + ((v - a.v) * (p.t - a.t)) / (t - a.t);
      // A relative tolerance far below any billed figure: floating sums of one line differ by ulps.
      if (Math.abs(line - p.v) > 1e-12 * Math.max(1, Math.abs(a.v), Math.abs(v))) {
        this.series.record(p.t, p.v);
        this.last = p;
      }
    }
    this.pending = { t, v };
  }

  /** The series with every sample in. */
  done(): Series {
    if (this.pending !== null) this.series.record(this.pending.t, this.pending.v);
    this.pending = null;
    return this.series;
  }
}
