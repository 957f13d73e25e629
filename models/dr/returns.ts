// How a VM decided on comes back (issue 15, issue 18): its recovery record, the restore job
// that brings it back when it is restored from backup (models/restore/jobs.ts: it shares the
// vault's restore throughput with every other restore), the instant it runs again — where,
// holding which cores, protected by what (reprotection.ts, relocate.ts) — and, for a VM short
// of cores, a new decision if cores free up before it is back.

import type { EventId, Simulation } from '../../engine/simulation.js';
import type { TraceRecord } from '../backup/world.js';
import type { RestoreJobs } from '../restore/jobs.js';
import type { VmRecovery } from '../results/types.js';
import type { RecoverySettings } from '../scenario/dr.js';
import type { RecoveredVm } from './billing.js';
import type { Capacity, CoreWaiter } from './capacity.js';
import type { Decided } from './disaster-recovery.js';
import type { Fault } from './faults.js';
import { awaitsRestoreJob, recoveryRecord } from './record.js';
import type { DrVm } from './recovery-types.js';
import {
  firstPointUsable,
  type NextReplication,
  nextReplication,
  type ReprotectTiming,
  reprotectTiming,
} from './reprotection.js';
import type { DownSignal } from './signals.js';

const OUTAGES = new Set(['region-outage', 'zone-outage']);

/** A recovery that fell short of cores in `region`: how it would go once they are there (at t), or null. */
export interface Short {
  region: string;
  retry: (t: number) => Decided | null;
}

// A VM's recovery in progress: its record, the next event of its return, its restore job, its wait for cores.
interface Pending {
  record: VmRecovery;
  decided: Decided;
  fault: Fault;
  incident: string;
  down: number;
  /** The decision instant (sim ms). */
  at: number;
  /** When it is (or, while its restore job has not run, is expected to be) back; null: never. */
  recoveredAt: number | null;
  event: EventId | null;
  job: 'none' | 'waiting' | 'running' | 'done';
  waiter: CoreWaiter | null;
}

/** What the returns need of the run. */
export interface ReturnsContext {
  sim: Simulation;
  horizon: number;
  settings: RecoverySettings;
  capacity: Capacity;
  jobs: RestoreJobs;
  signal: () => DownSignal | null;
  trace: ((record: TraceRecord) => void) | null;
  iso: (t: number) => string;
  /** Cores for the VM in `region` (none at home or where it holds them); false when short. */
  claim: (v: DrVm, region: string) => boolean;
  /** Gives back the cores the VM holds. */
  release: (v: DrVm) => void;
}

/** The VMs decided on, until each is back. */
export class Returns {
  /** VMs started by a failover, for compute billing (billing.ts), in the order they started. */
  readonly recovered: RecoveredVm[] = [];
  /** Per replicated VM, its widest window unprotected by replication after a recovery (sim ms). */
  readonly handovers = new Map<string, { from: number; to: number }>();

  constructor(private readonly ctx: ReturnsContext) {}

  /** The VM's recovery record now; it is completed in place as the VM comes back. */
  start(
    v: DrVm,
    decided: Decided,
    f: Fault,
    incident: string,
    down: number,
    short: Short | null,
  ): VmRecovery {
    const p: Pending = {
      record: null as unknown as VmRecovery,
      decided,
      fault: f,
      incident,
      down,
      at: this.ctx.sim.now,
      recoveredAt: null,
      event: null,
      job: 'none',
      waiter: null,
    };
    this.settle(v, p);
    if (short !== null)
      p.waiter = this.ctx.capacity.wait(short.region, v.vm.cores, () => this.coresFreed(v, p, short));
    return p.record;
  }

  // Builds (or rebuilds, in place) the record and schedules what comes next: the restore job
  // (from when its work starts), or the instant the VM runs again.
  private settle(v: DrVm, p: Pending): void {
    const { sim, horizon } = this.ctx;
    const { decided, fault: f, down } = p;
    const total = decided.detection + decided.waiting + decided.work + decided.boot;
    const viaJob = awaitsRestoreJob(decided) && p.job !== 'done';
    const recoveredAt =
      decided.path === 'unrecovered' ? null : viaJob ? Number.POSITIVE_INFINITY : down + total;
    const reprotect =
      decided.path === 'failover' && recoveredAt !== null ? this.reprotect(v, f, decided, recoveredAt) : null;
    const next = recoveredAt === null || viaJob ? null : this.nextOf(v, decided, recoveredAt, reprotect);
    // A paused replication (the outage ended before anyone acted) simply continues.
    const continues = v.replica !== null && recoveredAt !== null && v.replica.endsAt > recoveredAt;
    const record = recoveryRecord({
      v,
      decided,
      lastGood: f.start,
      down,
      recoveredAt,
      horizon,
      reprotect,
      next: continues ? null : next,
      continues,
      iso: this.ctx.iso,
    });
    if (p.record === null) p.record = record;
    else Object.assign(p.record, record);
    // While the job has not run, the estimate (the restore alone) is what a wait for cores compares.
    p.recoveredAt = viaJob ? down + total : recoveredAt;
    if (p.event !== null) sim.cancel(p.event);
    p.event = null;
    if (viaJob) {
      const start = down + decided.detection + decided.waiting;
      p.job = 'waiting';
      if (start < horizon)
        p.event = sim.at(Math.max(start, sim.now), () => this.runJob(v, p, start), 'dr/restore');
    } else if (recoveredAt !== null && recoveredAt <= horizon)
      p.event = sim.at(
        Math.max(recoveredAt, sim.now),
        () => this.back(v, p, continues ? null : next),
        'dr/recovered',
      );
    // A VM with backups that could not be restored is an unhealthy restore (§7.5).
    if (decided.path === 'unrecovered' && v.vault !== null && p.waiter === null)
      this.ctx.signal()?.restored(v.vm.id, 'Persistent Unhealthy');
  }

  // The restore job starts: when it is done (boot included), the VM is back.
  private runJob(v: DrVm, p: Pending, start: number): void {
    const d = p.decided;
    p.event = null;
    p.job = 'running';
    const req = {
      origin: 'dr' as const,
      label: p.incident,
      vm: v.vm.id,
      vault: v.vault!.name,
      option: 'new-vm',
      // A cross-zonal restore (restore.ts) lands in another zone of the region it runs in.
      target:
        d.path === 'cross-region-restore'
          ? 'cross-region'
          : d.plan!.zone !== null && d.plan!.zone !== v.zone
            ? `zone ${d.plan!.zone}`
            : 'same',
    };
    this.ctx.jobs.run(req, { ...d.plan!, boot: d.boot }, p.at, start, (done) => {
      p.job = 'done';
      p.decided = { ...p.decided, work: done.copied - start };
      this.settle(v, p);
    });
  }

  private nextOf(
    v: DrVm,
    decided: Decided,
    recoveredAt: number,
    reprotect: ReprotectTiming | null,
  ): NextReplication | null {
    return nextReplication({
      vm: v.vm,
      path: decided.path,
      from: v.region,
      region: decided.region,
      recoveredAt,
      reprotectedAt: reprotect?.endsAt ?? null,
      upload: v.replica?.uploadRate ?? this.ctx.settings.restoreThroughput,
    });
  }

  // Cores freed up for a VM waiting for them: if that brings it back sooner, it is decided again now.
  private coresFreed(v: DrVm, p: Pending, short: Short): void {
    const now = this.ctx.sim.now;
    if (v.downSince === null || p.job === 'running' || p.job === 'done') return;
    // The retry's waiting counts from the decision, so it holds the time spent waiting for cores.
    const again = short.retry(now);
    if (again === null) return;
    const total = again.detection + again.waiting + again.work + again.boot;
    if (p.recoveredAt !== null && p.down + total >= p.recoveredAt) return;
    if (!this.ctx.claim(v, short.region)) return;
    p.waiter = null;
    p.decided = again;
    p.job = 'none';
    this.settle(v, p);
    this.ctx.trace?.({
      t: now,
      kind: 'dr-cores-freed',
      subject: v.vm.id,
      detail: { region: short.region, path: again.path },
    });
  }

  // The VM runs again: where, holding which cores, protected by what.
  private back(v: DrVm, p: Pending, next: NextReplication | null): void {
    const { decided, fault: f } = p;
    const now = this.ctx.sim.now;
    const signal = this.ctx.signal();
    if (p.waiter !== null) p.waiter.cancelled = true;
    signal?.change(v.region, -1);
    v.downSince = null;
    v.deleted = false;
    const from = v.region;
    // §17: compute is billed once the failed-over VM exists (created, then booting).
    if (decided.path === 'failover')
      this.recovered.push({
        kind: 'failover',
        vm: v.vm.id,
        region: decided.region,
        from: now - decided.boot,
        to: null,
      });
    v.region = decided.region;
    // Its zone: where a restore put it at home, else as it was; none away from home.
    v.zone = decided.region === v.vm.region ? (decided.plan?.zone ?? v.zone ?? v.vm.zone) : null;
    if (v.holds !== null && v.holds !== decided.region) this.ctx.release(v);
    if (decided.region !== v.vm.region && this.ctx.capacity.limited(decided.region)) v.holds = decided.region;
    // Its backup follows it (relocate.ts); without that hook, protection where it was stops.
    if (decided.region !== from) {
      if (v.follow !== null) v.follow(decided.region);
      else if (from === v.vm.region) v.stopBackup?.(false);
    }
    // Its replication resumes (reprotection.ts), and the window without it counts in the guarantee.
    const ended = v.replica !== null && v.replica.endsAt <= now;
    if (ended) this.handover(v, decided, f, next);
    if (ended && next !== null && next.start < this.ctx.horizon) {
      const replica = v.replicateFrom!(decided.region, next.to, next.start, now);
      v.replica = replica;
      v.segments.push(replica);
    }
    if (decided.path.startsWith('restore') || decided.path === 'cross-region-restore')
      signal?.restored(v.vm.id, 'Healthy');
    // The trace's word on the figures the summary gives (a restore's RTO is known only now).
    this.ctx.trace?.({
      t: now,
      kind: 'dr-recovered',
      subject: v.vm.id,
      detail: {
        incident: p.incident,
        path: decided.path,
        rtoSeconds: p.record.rtoSeconds ?? -1,
        region: v.region,
      },
    });
  }

  // The window from the data the VM came back with to its next replication's first usable point.
  private handover(v: DrVm, decided: Decided, f: Fault, next: NextReplication | null): void {
    const horizon = this.ctx.horizon;
    const from = decided.point?.at ?? f.start;
    const to =
      next === null ? horizon : Math.min(horizon, firstPointUsable(next.start, this.ctx.settings.processing));
    const w = this.handovers.get(v.vm.id);
    if (w === undefined || to - from > w.to - w.from) this.handovers.set(v.vm.id, { from, to });
  }

  // §5.7 reprotect once the source region is back, and §5.4 failback ≈ failover.
  private reprotect(v: DrVm, f: Fault, decided: Decided, recoveredAt: number): ReprotectTiming {
    const settings = this.ctx.settings;
    return reprotectTiming({
      vm: v.vm,
      upload: v.replica?.uploadRate ?? settings.restoreThroughput,
      diskThroughput: settings.restoreThroughput,
      recoveredAt,
      sourceBack: OUTAGES.has(f.kind) ? Math.max(f.end, recoveredAt) : recoveredAt,
      sourceAvailable: OUTAGES.has(f.kind),
      failoverWork: decided.work,
      written: v.written,
    });
  }
}
