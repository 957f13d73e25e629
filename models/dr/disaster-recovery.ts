// Disaster recovery during a run: faults take VMs down, someone decides after the detection
// delay, and each VM comes back by the best path it has — Site Recovery failover (alone or
// in a recovery plan), restore from backup in place or in the paired region, or waiting for
// its region — or does not come back. Rules: reference/azure.md §1.8, §2.1–2.2, §5.1–5.5;
// simplifications in docs/model.md.
//
// Cost: one kernel event per fault, per decision and per recovered VM; replication and
// recovery points are computed on demand (models/replication), never stepped.

import { makeSampler, type Sampler } from '../../engine/distributions.js';
import type { Link } from '../../engine/link.js';
import type { Streams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { FailureCause } from '../backup/stats.js';
import type { TraceRecord } from '../backup/world.js';
import type { Monitor } from '../monitor/monitor.js';
import { failbackDuration, reprotectDuration } from '../replication/reprotect.js';
import type { DrillResult, Incident, VmRecovery } from '../results/types.js';
import type { RecoveryPlanSpec, RecoverySettings } from '../scenario/dr.js';
import type { Region, Scenario, Vm } from '../scenario/types.js';
import type { RecoveredVm } from './billing.js';
import { detect } from './detection.js';
import { type Fault, Outages, resolveFaults } from './faults.js';
import { planGroupsFor, runPlan } from './plans.js';
import type { DrVm, ReplicaPoint } from './recovery-types.js';
import { VmReplica } from './replica.js';
import { crossRegionRestore, primaryRestore, type RestoreContext, type RestoreOption } from './restore.js';
import { appOf, groupBy } from './scope.js';
import { DownSignal } from './signals.js';

/** Durations drawn for one VM in one incident (ms), always in this order (common random numbers). */
export interface Draws {
  failover: number;
  latestProcessing: number;
  snapshotRestore: number;
  boot: number;
  /** Cross Region Restore lag (§2.2), from a stream of its own so the others stay put; 0 without CRR. */
  crossRegionLag: number;
}

/** A recovery decided for one VM: when its work starts and what it is. */
export interface Decided {
  path: VmRecovery['path'];
  point: { at: number; source: NonNullable<VmRecovery['point']>['source']; region: string } | null;
  /** Fault (or discovery) until the decision. */
  detection: number;
  /** Decision until work starts. */
  waiting: number;
  work: number;
  boot: number;
  region: string;
  note: string;
}

const OUTAGES = new Set(['region-outage', 'zone-outage']);
const VM_FAULTS = new Set(['vm-failure', 'disk-corruption', 'vm-deletion', 'ransomware']);

/** The disaster-recovery process of a run. */
export class DisasterRecovery {
  readonly faults: Fault[];
  readonly outages: Outages;
  readonly incidents: Incident[] = [];
  readonly drills: DrillResult[] = [];
  /** VMs started by a failover or a drill, for compute billing (billing.ts), in the order they started. */
  readonly recovered: RecoveredVm[] = [];
  private readonly regions: Map<string, Region>;
  private readonly cores = new Map<string, number>();
  private readonly settings: RecoverySettings;
  private readonly samplers: {
    failover: Sampler;
    latest: Sampler;
    snapshot: Sampler;
    boot: Sampler;
    crossRegionLag: Sampler;
  };
  private readonly planOf = new Map<string, RecoveryPlanSpec>();
  private monitor: Monitor | null = null;
  // Replicated VMs by replication group, made on first use (the VMs are added after construction).
  private groups: Map<string, DrVm[]> | null = null;
  private signal: DownSignal | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly scenario: Scenario,
    private readonly streams: Streams,
    private readonly vms: ReadonlyMap<string, DrVm>,
    private readonly links: ReadonlyMap<string, Link>,
    private readonly trace: ((record: TraceRecord) => void) | null = null,
  ) {
    this.faults = resolveFaults(scenario.faults, streams);
    this.outages = new Outages(this.faults);
    this.regions = new Map(scenario.regions.map((r) => [r.name, r]));
    for (const r of scenario.regions) if (r.cores !== null) this.cores.set(r.name, r.cores);
    this.settings = scenario.recovery;
    const s = scenario.recovery;
    this.samplers = {
      failover: makeSampler(s.failover),
      latest: makeSampler(s.latestProcessing),
      snapshot: makeSampler(s.snapshotRestore),
      boot: makeSampler(s.boot),
      crossRegionLag: makeSampler(s.crossRegionLag),
    };
    for (const plan of scenario.recoveryPlans)
      for (const g of plan.groups) for (const id of g.vms) this.planOf.set(id, plan);
  }

  /** Why a VM's backup cannot run at t (its region is out, or it is down or failed over), or null. */
  readonly blocked = (id: string, t: number): FailureCause | null => {
    const v = this.vms.get(id);
    if (v === undefined) return null;
    if (this.outages.regionDown(v.vm.region, t)) return 'region-outage';
    if (v.vm.zone !== null && this.outages.zoneDown(v.vm.region, v.vm.zone, t)) return 'region-outage';
    if (v.downSince !== null || v.region !== v.vm.region) return 'vm-unavailable';
    return null;
  };

  /** Schedules every fault's events; with a monitor, alerts can start recovery and see outages. */
  start(monitor: Monitor | null = null): void {
    this.monitor = monitor;
    this.signal = new DownSignal(this.sim, monitor, this.scenario.duration);
    for (const f of this.faults) {
      if (f.start >= this.scenario.duration) continue;
      const tag = `dr/${f.kind}`;
      switch (f.kind) {
        case 'link-degradation':
          if (f.link !== null) this.degradeLink(f, this.links.get(f.link)!);
          break;
        case 'drill':
          this.sim.at(f.start, () => this.drill(f), tag);
          break;
        case 'churn-spike':
        case 'control-plane':
          break; // read by replication (spikes) and by the outage windows (control plane)
        default:
          this.sim.at(f.kind === 'ransomware' ? f.found : f.start, () => this.strike(f), tag);
      }
    }
  }

  private degradeLink(f: Fault, link: Link): void {
    const factor = (f as Fault & { factor: number }).factor;
    let before = link.capacity;
    this.sim.at(
      f.start,
      () => {
        before = link.capacity;
        link.setCapacity(Math.max(1, before * factor));
      },
      'dr/degrade',
    );
    if (f.end < this.scenario.duration) this.sim.at(f.end, () => link.setCapacity(before), 'dr/degrade-end');
  }

  // The fault happens (ransomware: is found): its VMs go down; a decision follows.
  private strike(f: Fault): void {
    const now = this.sim.now;
    const hit: DrVm[] = [];
    for (const v of this.vms.values()) {
      if (v.downSince !== null || !this.hits(f, v)) continue;
      v.downSince = now;
      hit.push(v);
    }
    if (hit.length === 0) return;
    hit.sort((a, b) => (a.vm.id < b.vm.id ? -1 : 1));
    const incident: Incident = {
      id: `${f.kind}-${f.index + 1}`,
      kind: f.kind as Incident['kind'],
      at: this.iso(f.start),
      end: OUTAGES.has(f.kind) ? this.iso(f.end) : null,
      scope: this.scopeOf(f),
      detectedAt: this.iso(now + this.settings.detection),
      detectedBy: 'the detection delay',
      vms: [],
    };
    this.incidents.push(incident);
    this.trace?.({
      t: now,
      kind: 'dr-fault',
      subject: incident.scope,
      detail: { incident: incident.id, vms: hit.length },
    });
    for (const v of hit) this.signal?.change(v.region, 1);
    this.monitor?.markFault(now);
    const inPlan = (v: DrVm, plan: string) => v.replica !== null && this.planOf.get(v.vm.id)?.name === plan;
    detect(this.sim, this.monitor, this.settings, { now, hit, inPlan }, (vms, by) => {
      if (incident.vms.length === 0) {
        incident.detectedAt = this.iso(this.sim.now);
        incident.detectedBy = by;
      }
      this.decide(f, incident, vms);
    });
  }

  private hits(f: Fault, v: DrVm): boolean {
    if (f.kind === 'region-outage') return v.region === f.region;
    if (f.kind === 'zone-outage')
      return v.region === f.region && v.region === v.vm.region && v.vm.zone === f.zone;
    if (VM_FAULTS.has(f.kind))
      return (f as Fault & { targets: { vms: string[] } }).targets.vms.includes(v.vm.id);
    return false;
  }

  private scopeOf(f: Fault): string {
    if (f.kind === 'region-outage') return f.region;
    if (f.kind === 'zone-outage') return `${f.region}/${f.zone}`;
    return (f as Fault & { targets: { label: string } }).targets.label;
  }

  // Someone acts: every VM of the incident gets a path; recovery plans run their groups in order.
  private decide(f: Fault, incident: Incident, hit: DrVm[]): void {
    const d = this.sim.now;
    const down = f.kind === 'ransomware' ? f.found : f.start;
    const notAfter = f.start;
    const outageEnd = OUTAGES.has(f.kind) ? f.end : null;
    const byPlan = new Map<RecoveryPlanSpec, DrVm[]>();
    const decided = new Map<string, Decided>();
    const draws = new Map<string, Draws>();
    for (const v of hit) draws.set(v.vm.id, this.draw(f, v.vm));
    for (const v of hit) {
      const dr = draws.get(v.vm.id)!;
      if (outageEnd !== null && outageEnd <= d) {
        // The outage is over before anyone acted: the VM restarts where it was, nothing lost.
        decided.set(v.vm.id, {
          path: 'restart-in-place',
          point: null,
          detection: 0,
          waiting: outageEnd - down,
          work: 0,
          boot: dr.boot,
          region: v.region,
          note: 'the outage ended before recovery started',
        });
        continue;
      }
      const plan = this.planOf.get(v.vm.id);
      if (v.replica !== null && plan !== undefined && OUTAGES.has(f.kind) && this.failoverPossible(v, d)) {
        const list = byPlan.get(plan) ?? [];
        list.push(v);
        byPlan.set(plan, list);
        continue;
      }
      decided.set(v.vm.id, this.single(f, v, d, down, notAfter, dr));
    }
    // Recovery plans, in scenario order: groups in sequence, VMs of a group in parallel (§5.5).
    for (const plan of this.scenario.recoveryPlans) {
      const members = byPlan.get(plan);
      if (members === undefined) continue;
      const groups = planGroupsFor(plan, new Set(members.map((v) => v.vm.id)));
      const timings = runPlan(groups, d, {
        startFrom: (v, t) => this.outages.controlPlaneUpFrom(v.vm.replicate!.to, t),
        vm: (id) => this.vms.get(id)!,
        draws: (id) => draws.get(id)!,
        choice: plan.pointChoice,
        notAfter,
        take: (v) => this.takeCores(v.vm.replicate!.to, v.vm.cores),
      });
      for (const t of timings)
        decided.set(
          t.vm,
          t.decided === null
            ? this.unrecovered(this.vms.get(t.vm)!, d - down, t.note)
            : { ...t.decided, detection: d - down, note: `recovery plan ${plan.name}, group ${t.group + 1}` },
        );
    }
    for (const v of hit) {
      const r = this.finish(v, decided.get(v.vm.id)!, f, down);
      incident.vms.push(r);
      // The trace says why: the path, the point and where it lived, and the figures.
      this.trace?.({
        t: d,
        kind: 'dr-decided',
        subject: v.vm.id,
        detail: {
          incident: incident.id,
          path: r.path,
          point: r.point === null ? 'none' : `${r.point.source}@${r.point.at}`,
          rpoSeconds: r.rpoSeconds ?? -1,
          rtoSeconds: r.rtoSeconds ?? -1,
          ...(r.note === '' ? {} : { note: r.note }),
          // The lag drawn for this VM and incident (§2.2): why newer vault points were not in the pair.
          ...(r.path === 'cross-region-restore' ? { crossRegionLagSeconds: draws.get(v.vm.id)!.crossRegionLag / 1000 } : {}),
        },
      });
    }
  }

  // The VM's Site Recovery point; in a replication group, the latest point every member has
  // (multi-VM consistency, §5.1), so the group's VMs fail over to one instant.
  private groupPoint(v: DrVm, t: number, notAfter: number): ReplicaPoint | null {
    const group = v.vm.replicate?.group ?? null;
    if (group === null) return v.replica!.point(t, 'latestProcessed', notAfter);
    this.groups ??= groupBy(
      [...this.vms.values()].filter((m) => m.replica !== null && m.vm.replicate?.group != null),
      (m) => m.vm.replicate!.group!,
    );
    const members = this.groups.get(group)!.map((m) => m.replica!);
    return VmReplica.groupPoint(members, t, 'latestProcessed', notAfter);
  }

  private failoverPossible(v: DrVm, t: number): boolean {
    const to = v.vm.replicate!.to;
    return !this.outages.regionDown(to, t);
  }

  // One VM outside a recovery plan: the best of failover, restore and waiting.
  private single(f: Fault, v: DrVm, d: number, down: number, notAfter: number, dr: Draws): Decided {
    const detection = d - down;
    const s = this.settings;
    const rp = v.vm.replicate;
    // 1. Site Recovery failover (not for a VM in a replication group on its own, §5.1).
    const replicaAllowed = v.replica !== null && rp !== null && (OUTAGES.has(f.kind) || rp.group === null);
    if (replicaAllowed && this.failoverPossible(v, d)) {
      const start = this.outages.controlPlaneUpFrom(rp.to, d);
      const point = this.groupPoint(v, start, notAfter);
      if (point !== null) {
        if (!this.takeCores(rp.to, v.vm.cores))
          return this.unrecovered(v, detection, `short of ${v.vm.cores} cores in ${rp.to}`);
        return {
          path: 'failover',
          point: { at: point.at, source: point.kind === 'app' ? 'asr-app' : 'asr-crash', region: rp.to },
          detection,
          waiting: start - d,
          work: dr.failover,
          boot: dr.boot,
          region: rp.to,
          note: '',
        };
      }
    }
    const ctx = this.restoreContext(v, dr);
    const points = ctx === null ? [] : v.restorePoints!();
    // 2. Restore in place when the VM's region (and zone, for snapshots) is up.
    if (ctx !== null) {
      const start = this.outages.controlPlaneUpFrom(v.vm.region, d);
      const here = primaryRestore(ctx, points, start, notAfter);
      if (here !== null) return this.restore(here, detection, start - d, dr, '');
      // 2b. The only clean points are in soft delete (§2.3): undelete them now, then restore.
      const fromSoftDelete = this.afterUndelete(v, ctx, start, notAfter);
      if (fromSoftDelete !== null)
        return this.restore(fromSoftDelete, detection, start - d, dr, 'undeleted from soft delete first');
      // 3. Cross Region Restore from the paired region's copy.
      if (f.kind === 'region-outage') {
        const pair = ctx.pair;
        const at = pair === null ? d : this.outages.controlPlaneUpFrom(pair, d);
        const away = crossRegionRestore(ctx, points, at, notAfter, f.start);
        if (away !== null) {
          if (!this.takeCores(away.region, v.vm.cores))
            return this.unrecovered(v, detection, `short of ${v.vm.cores} cores in ${away.region}`);
          return this.restore(away, detection, at - d, dr, '');
        }
      }
    }
    // 4. Wait for the region or zone to come back, then restart or restore in place.
    if (OUTAGES.has(f.kind)) {
      const back =
        f.kind === 'zone-outage' && v.vm.zone !== null
          ? this.outages.zoneUpFrom(v.vm.region, v.vm.zone, d)
          : this.outages.regionUpFrom(v.vm.region, d);
      const start = this.outages.controlPlaneUpFrom(v.vm.region, back);
      if (s.afterOutage === 'restart')
        return {
          path: 'restart-in-place',
          point: null,
          detection,
          waiting: start - d,
          work: 0,
          boot: dr.boot,
          region: v.region,
          note: 'waited for the region',
        };
      const later = ctx === null ? null : primaryRestore(ctx, v.restorePoints!(), start, notAfter);
      if (later !== null) return this.restore(later, detection, start - d, dr, 'waited for the region');
    }
    return this.unrecovered(
      v,
      detection,
      ctx === null && v.replica === null ? 'not protected' : 'no usable recovery point',
    );
  }

  // A restore in place from the points in soft delete, its work counting the undelete first
  // (recovery.undelete); the undelete is made now. Null when none would do.
  private afterUndelete(v: DrVm, ctx: RestoreContext, start: number, notAfter: number): RestoreOption | null {
    const held = v.softDeleted?.() ?? [];
    if (held.length === 0) return null;
    const undelete = this.settings.undelete;
    const option = primaryRestore(ctx, held, start + undelete, notAfter);
    if (option === null) return null;
    v.undelete?.();
    return { ...option, work: undelete + option.work };
  }

  private restore(o: RestoreOption, detection: number, waiting: number, dr: Draws, note: string): Decided {
    return {
      path: o.path,
      point: { at: o.pointAt, source: o.source, region: o.region },
      detection,
      waiting,
      work: o.work,
      boot: dr.boot,
      region: o.region,
      note,
    };
  }

  private unrecovered(v: DrVm, detection: number, note: string): Decided {
    return {
      path: 'unrecovered',
      point: null,
      detection,
      waiting: 0,
      work: 0,
      boot: 0,
      region: v.region,
      note,
    };
  }

  private restoreContext(v: DrVm, dr: Draws): RestoreContext | null {
    if (v.vault === null || v.restorePoints === null) return null;
    return {
      vm: v.vm,
      vault: v.vault,
      pair: this.regions.get(v.vault.region)?.pair ?? null,
      outages: this.outages,
      settings: this.settings,
      snapshotWork: dr.snapshotRestore,
      crossRegionLag: dr.crossRegionLag,
    };
  }

  private takeCores(region: string, cores: number): boolean {
    const left = this.cores.get(region);
    if (left === undefined) return true;
    if (left < cores) return false;
    this.cores.set(region, left - cores);
    return true;
  }

  private draw(f: Fault, vm: Vm): Draws {
    const rng = this.streams.get(`dr/${f.index}/${vm.id}`);
    const ms = (s: Sampler, from = rng) => Math.max(0, Math.round(s(from)));
    const vault = this.vms.get(vm.id)?.vault ?? null;
    const crr = vault !== null && vault.redundancy === 'GRS' && vault.crossRegionRestore;
    return {
      failover: ms(this.samplers.failover),
      latestProcessing: ms(this.samplers.latest),
      snapshotRestore: ms(this.samplers.snapshot),
      boot: ms(this.samplers.boot),
      crossRegionLag: crr
        ? ms(this.samplers.crossRegionLag, this.streams.get(`dr/${f.index}/${vm.id}/crr-lag`))
        : 0,
    };
  }

  // The VM's recovery record; a recovered VM is back (and maybe moved) at its time.
  private finish(v: DrVm, decided: Decided, f: Fault, down: number): VmRecovery {
    const phases = {
      detection: decided.detection,
      waiting: decided.waiting,
      recovery: decided.work,
      boot: decided.boot,
    };
    const total = phases.detection + phases.waiting + phases.recovery + phases.boot;
    const recoveredAt = decided.path === 'unrecovered' ? null : down + total;
    const inRun = recoveredAt !== null && recoveredAt <= this.scenario.duration;
    // §17: compute is billed once the failed-over VM exists (created, then booting).
    if (decided.path === 'failover' && recoveredAt !== null && inRun)
      this.recovered.push({
        kind: 'failover',
        vm: v.vm.id,
        region: decided.region,
        from: recoveredAt - decided.boot,
        to: null,
      });
    // A VM that restarted before anyone acted is marked up now (it was back at recoveredAt).
    if (recoveredAt !== null && inRun)
      this.sim.at(
        Math.max(recoveredAt, this.sim.now),
        () => {
          this.signal?.change(v.region, -1);
          v.downSince = null;
          // A VM now running in another region is no longer backed up where it was: its
          // protection stops with the data retained (re-protecting it there is not modelled).
          if (decided.region !== v.region && v.region === v.vm.region) v.stopBackup?.(false);
          v.region = decided.region;
          if (decided.path.startsWith('restore') || decided.path === 'cross-region-restore')
            this.signal?.restored(v.vm.id, 'Healthy');
        },
        'dr/recovered',
      );
    // A VM with backups that could not be restored is an unhealthy restore (§7.5).
    if (decided.path === 'unrecovered' && v.vault !== null)
      this.signal?.restored(v.vm.id, 'Persistent Unhealthy');
    const lastGood = f.start;
    const rpo =
      decided.path === 'unrecovered'
        ? null
        : decided.point === null
          ? 0
          : Math.max(0, lastGood - decided.point.at);
    const lost = decided.point === null ? 0 : v.written(decided.point.at, lastGood);
    return {
      vm: v.vm.id,
      group: v.vm.group,
      app: appOf(v.vm),
      path: decided.path,
      point:
        decided.point === null
          ? null
          : { at: this.iso(decided.point.at), source: decided.point.source, region: decided.point.region },
      rpoSeconds: rpo === null ? null : rpo / 1000,
      rtoSeconds: recoveredAt === null || !inRun ? null : (recoveredAt - down) / 1000,
      phases: {
        detection: phases.detection / 1000,
        waiting: phases.waiting / 1000,
        recovery: phases.recovery / 1000,
        boot: phases.boot / 1000,
      },
      dataLostBytes: Math.round(lost),
      recoveredAt: recoveredAt === null || !inRun ? null : this.iso(recoveredAt),
      region: decided.region,
      note:
        recoveredAt !== null && !inRun
          ? `${decided.note === '' ? '' : `${decided.note}; `}not back before the run ended`
          : decided.note,
      reprotect:
        decided.path === 'failover' && recoveredAt !== null
          ? this.reprotect(v, f, decided, recoveredAt)
          : null,
    };
  }

  // §5.7 reprotect once the source region is back (the changes made since the failover go
  // back; a lost source VM means a full initial replication), and §5.4 failback ≈ failover.
  private reprotect(v: DrVm, f: Fault, decided: Decided, recoveredAt: number): VmRecovery['reprotect'] {
    const used = v.vm.disks.reduce((s, d) => s + d.used, 0);
    const upload = v.replica?.uploadRate ?? this.settings.restoreThroughput;
    const sourceBack = OUTAGES.has(f.kind) ? Math.max(f.end, recoveredAt) : recoveredAt;
    const phases = reprotectDuration({
      initialReplication: (used / upload) * 1000,
      differentialBytes: v.written(recoveredAt, sourceBack),
      diskThroughput: this.settings.restoreThroughput,
      sourceAvailable: OUTAGES.has(f.kind),
    });
    return {
      reprotectSeconds: Math.round(phases.total) / 1000,
      failbackSeconds: failbackDuration(decided.work) / 1000,
    };
  }

  // A test failover (§5.4): the plan's timing from now, no effect on production or capacity.
  private drill(f: Fault & { kind: 'drill' }): void {
    const plan = this.scenario.recoveryPlans.find((p) => p.name === f.plan)!;
    const now = this.sim.now;
    const all = new Set(plan.groups.flatMap((g) => g.vms));
    const groups = planGroupsFor(plan, all);
    const draws = new Map([...all].map((id) => [id, this.draw(f, this.vms.get(id)!.vm)]));
    const timings = runPlan(groups, now, {
      startFrom: (_v, t) => t,
      vm: (id) => this.vms.get(id)!,
      draws: (id) => draws.get(id)!,
      choice: plan.pointChoice,
      notAfter: now,
      take: () => true,
    });
    const ends = groups.map((_, k) => timings.filter((t) => t.group === k));
    const end = Math.max(now, ...timings.map((t) => t.end));
    // Each test VM runs from its creation until the plan's test failover is cleaned up (§17).
    const cleanup = end + this.settings.drillCleanupAfter;
    for (const t of timings)
      if (t.decided !== null)
        this.recovered.push({
          kind: 'drill',
          vm: t.vm,
          region: t.decided.region,
          from: t.end - t.decided.boot,
          to: cleanup,
        });
    this.drills.push({
      plan: plan.name,
      at: this.iso(now),
      rtoSeconds: (end - now) / 1000,
      groups: ends.map((list, k) => ({
        index: k + 1,
        vms: list.length,
        startSeconds: (Math.min(...list.map((t) => t.start)) - now) / 1000,
        endSeconds: (Math.max(...list.map((t) => t.end)) - now) / 1000,
      })),
    });
  }

  private iso(t: number): string {
    return new Date(this.scenario.start + t).toISOString();
  }
}
