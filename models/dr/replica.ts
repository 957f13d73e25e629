// One VM's Site Recovery replication as disaster recovery asks it: a fluid replication stream
// (models/replication) built from the VM's write rates, the churn spikes and degradations
// that hit it, and the windows it is down; recovery points chosen on demand.

import { MS } from '../../engine/units.js';
import {
  choosePoint,
  diskChurnLimit,
  effectiveUpload,
  groupSource,
  type PointCensus,
  type PointPolicy,
  pointCensus,
  ReplicationStream,
} from '../replication/index.js';
import type { PointChoice, RecoverySettings, ReplicationPlan } from '../scenario/dr.js';
import type { Vm } from '../scenario/types.js';
import type { Fault } from './faults.js';
import type { ReplicaPoint } from './recovery-types.js';
import { bytesWritten, type DayRates } from './write-log.js';

/** A replicated VM's stream and point policy, with the facts reports need. */
export class VmReplica {
  readonly stream: ReplicationStream;
  private readonly policy: PointPolicy;
  private last = 0;
  // The same replication at another bandwidth (the planner's what-if).
  private readonly streamWith: (bandwidth: number) => ReplicationStream;
  private readonly highChurn: boolean;
  /** Upload capacity after the churn limit, bytes/s, and the limit. */
  readonly upload: { rate: number; limit: number };
  /** When replication stopped for the rest of the run (sim ms), or the horizon. */
  readonly endsAt: number;
  /** The region a failover brings the VM up in. */
  readonly to: string;

  constructor(
    readonly vm: Vm,
    plan: ReplicationPlan,
    private readonly rates: DayRates,
    private readonly spikes: readonly { from: number; to: number; rate: number }[],
    down: readonly { from: number; to: number }[],
    bandwidthScale: readonly { from: number; to: number; factor: number }[],
    settings: RecoverySettings,
    horizon: number,
    private readonly diskPeaks: Float64Array = new Float64Array(0),
    /** When this replication starts (ms): 0, or the end of a reprotect or re-enable during the run. */
    readonly start = 0,
  ) {
    this.highChurn = plan.highChurn;
    this.to = plan.to;
    this.endsAt = down.find((w) => w.to >= horizon)?.from ?? horizon;
    const limit = effectiveUpload(plan.bandwidth, plan.highChurn, 0);
    this.upload = { rate: limit.rate, limit: limit.limit };
    this.streamWith = (bandwidth: number) =>
      new ReplicationStream({
        initialBytes: plan.initialSync ? vm.disks.reduce((s, d) => s + d.used, 0) : 0,
        bandwidth,
        dayRate: rates.rate,
        spikes,
        bandwidthScale,
        down,
        horizon,
        ...(start > 0 ? { start } : {}),
      });
    this.stream = this.streamWith(limit.rate);
    this.policy = {
      retention: plan.retention,
      appConsistentEvery: plan.appConsistentEvery,
      processingDelay: settings.processing,
    };
  }

  // Queries go forward only: an instant before the latest one asked is read as that one
  // (the VM is down by then, so nothing changes in between). Nothing is simulated after the
  // run's end, so an instant past it (a plan's manual steps running on) reads the end.
  private clamp(t: number): number {
    this.last = Math.max(Math.min(t, this.stream.horizon), this.last);
    return this.last;
  }

  /**
   * The latest point every member of a replication group has (§5.1 multi-VM consistency):
   * the replication module's group source, whose covered instant is the members' minimum.
   * Every member is asked at the same instant, the latest any of them was asked.
   */
  static groupPoint(
    members: readonly VmReplica[],
    t: number,
    choice: PointChoice,
    notAfter: number,
  ): ReplicaPoint | null {
    const at = Math.min(Math.max(t, ...members.map((m) => m.last)), members[0].stream.horizon);
    for (const m of members) m.clamp(at);
    return choosePoint(groupSource(members.map((m) => m.stream)), members[0].policy, at, choice, notAfter);
  }

  /** The point a failover deciding at t would use (queries clamp to the latest instant asked). */
  point(t: number, choice: PointChoice, notAfter: number): ReplicaPoint | null {
    return choosePoint(this.stream, this.policy, this.clamp(t), choice, notAfter);
  }

  /**
   * The recovery points kept at t (capped at the horizon), counted by kind and age band (§5.1).
   * With `replay` (an instant asked during the run), or for an instant before the latest one
   * asked, from a fresh copy of the stream, so the run's own queries are not moved.
   */
  census(t: number, replay = false): PointCensus {
    // Capped at the horizon, or at the stop when replication stopped for good (a down window
    // to the horizon): the points stay those of the stop (P3), and the window's end at the
    // horizon must not read as the source coming back.
    const at = Math.min(t, this.endsAt);
    if (replay || at < this.last) return pointCensus(this.replay(), this.policy, at);
    return pointCensus(this.stream, this.policy, this.clamp(at));
  }

  /** The data age of the latest recoverable point at t (ms), or null before the first one. */
  rpoAt(t: number): number | null {
    return this.stream.rpoAt(this.clamp(t));
  }

  /** Bytes written but not yet uploaded at t (queries clamp as point() does). */
  backlogAt(t: number): number {
    return this.stream.backlogAt(this.clamp(t));
  }

  /** Upload capacity of the replication, bytes/s. */
  get uploadRate(): number {
    return this.upload.rate;
  }

  /**
   * The peak data age (ms) of each day replication ran, at `bandwidth` (default: the VM's
   * own); null for a day with no recovery point yet. Days from the one replication ended in
   * (failover, lost VM) on have no meaningful RPO and are left out.
   */
  dailyPeaks(bandwidth?: number): (number | null)[] {
    const stream = bandwidth === undefined ? this.stream : this.streamWith(bandwidth);
    const last = Math.min(this.endsAt, stream.horizon);
    stream.advanceTo(stream.horizon);
    // The stream is at its end now: later queries before it replay a fresh copy (census).
    if (bandwidth === undefined) this.last = stream.horizon;
    const out: (number | null)[] = [];
    for (let k = 0; (k + 1) * MS.day <= last; k++) out.push(stream.peakRpo(k));
    return out;
  }

  /** The peak data age (ms) while replication ran, at `bandwidth`, and the days it exceeded `target` (ms). */
  peakAge(target: number, bandwidth?: number): { peak: number; daysOver: number } {
    let peak = 0;
    let daysOver = 0;
    for (const p of this.dailyPeaks(bandwidth)) {
      if (p === null) continue;
      peak = Math.max(peak, p);
      if (p > target) daysOver++;
    }
    return { peak, daysOver };
  }

  /**
   * The least upload bandwidth (bytes/s, to 0.1%) at which the data age
   * never exceeds `target` while replication runs, or null when even the churn limit is not
   * enough (§6: the Deployment Planner's "bandwidth to meet RPO 100% of the time", which it
   * does not offer for Azure-to-Azure). Data age falls as bandwidth grows (a tested property),
   * so bisection finds it.
   */
  bandwidthFor(target: number): number | null {
    const limit = this.upload.limit;
    if (this.peakAge(target, limit).peak > target) return null;
    // At the highest write rate nothing ever queues after the initial copy: start there.
    let spike = 0;
    for (const sp of this.spikes) spike += sp.rate;
    const fastest = Math.min(limit, this.rates.peak + spike);
    let hi = fastest > 0 && this.peakAge(target, fastest).peak <= target ? fastest : limit;
    // A whole day at rate c over bandwidth b ages the data by (c − b)·day/c, so below
    // c·(1 − target/day) the busiest day alone breaks the target — when that day ran in full;
    // checked, else the search starts from 0.
    const guess = Math.min(hi, this.rates.peak * Math.max(0, 1 - target / MS.day));
    let lo = guess > 0 && this.peakAge(target, guess).peak > target ? guess : 0;
    while (hi - lo > Math.max(1, hi / 1000)) {
      const mid = (lo + hi) / 2;
      if (this.peakAge(target, mid).peak > target) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** A fresh copy of this replication's stream at the VM's own bandwidth, to replay from time 0 (billing.ts). */
  replay(): ReplicationStream {
    return this.streamWith(this.upload.rate);
  }

  /** Bytes written in [from, to). */
  written(from: number, to: number): number {
    return bytesWritten(this.rates, this.spikes, from, to);
  }

  /**
   * Whether the VM's write rate went over a Site Recovery churn limit (§5.2): the per-VM
   * limit (with its spikes), or a disk's own limit on its daily rate. Per-disk limits are
   * reported, not enforced as an upload cap: they are the supported churn, and the table's
   * figures depend on an I/O size the scenario does not give.
   */
  overLimit(): boolean {
    let spike = 0;
    for (const s of this.spikes) spike = Math.max(spike, s.rate);
    if (this.rates.peak + spike > this.upload.limit) return true;
    return this.vm.disks.some((d, i) => this.diskPeaks[i] > diskChurnLimit(d.type, d.size, this.highChurn));
  }
}

/** The churn spikes that hit a VM, [from, to) with their extra rate. */
export function spikesFor(
  vm: Vm,
  faults: readonly Fault[],
  horizon: number,
): { from: number; to: number; rate: number }[] {
  const out: { from: number; to: number; rate: number }[] = [];
  for (const f of faults)
    if (f.kind === 'churn-spike' && f.targets.vms.includes(vm.id) && f.start < horizon)
      out.push({ from: f.start, to: Math.min(f.end, horizon), rate: f.rate });
  return out;
}

/** Degradations of replication out of the VM's region. */
export function scaleFor(vm: Vm, faults: readonly Fault[]): { from: number; to: number; factor: number }[] {
  const out: { from: number; to: number; factor: number }[] = [];
  for (const f of faults)
    if (f.kind === 'link-degradation' && f.replicationFrom === vm.region && f.end > f.start)
      out.push({ from: f.start, to: f.end, factor: f.factor });
  return out;
}

/**
 * When the VM's replication is down: from the first fault that takes it down. An outage that
 * ends before anyone acts (the VM restarts in place) pauses replication for its length; any
 * other fault ends replication for the rest of the run (a failed-over VM is unprotected until
 * reprotected, §5.4: its reverse replication is another VmReplica, reprotection.ts).
 * `region` and `from`: a replication that runs from another region (the VM failed over
 * there), hit only by faults found from `from` on; zone outages hit the VM's home zone only.
 */
export function downFor(
  vm: Vm,
  faults: readonly Fault[],
  detection: number,
  horizon: number,
  region = vm.region,
  from = 0,
): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const hits = faults
    .filter((f) => f.found >= from)
    .filter((f) =>
      f.kind === 'region-outage'
        ? f.region === region
        : f.kind === 'zone-outage'
          ? f.region === region && region === vm.region && vm.zone === f.zone
          : (f.kind === 'vm-failure' ||
              f.kind === 'disk-corruption' ||
              f.kind === 'vm-deletion' ||
              f.kind === 'ransomware') &&
            f.targets.vms.includes(vm.id),
    )
    .sort((a, b) => a.found - b.found || a.index - b.index);
  for (const f of hits) {
    const from = f.found;
    if (from >= horizon) break;
    const pause = (f.kind === 'region-outage' || f.kind === 'zone-outage') && f.end <= f.start + detection;
    if (pause) {
      // An outage drawn to last 0 ms (a distribution's clamped tail) leaves no window.
      if (f.end > from) out.push({ from, to: f.end });
      continue;
    }
    out.push({ from, to: horizon });
    break;
  }
  return out;
}
