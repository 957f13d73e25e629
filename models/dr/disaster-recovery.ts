// Disaster recovery during a run: faults take VMs down, someone decides after the detection
// delay, and each VM comes back by the best path it has — Site Recovery failover (alone or
// in a recovery plan), restore from backup in place or in the paired region, or waiting for
// its region or for cores in the target region — or does not come back. Once back, it is
// protected again where it runs (reprotection.ts, relocate.ts). Rules: docs/reference.md
// §1.8, §2.1–2.2, §5.1–5.5, §5.7; simplifications in docs/model.md.
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
import { RestoreJobs } from '../restore/jobs.js';
import type { RestorePlan } from '../restore/rules.js';
import type { DrillResult, DrResult, Incident, VmRecovery } from '../results/types.js';
import type { RecoveryPlanSpec, RecoverySettings } from '../scenario/dr.js';
import type { Region, Scenario, Vm } from '../scenario/types.js';
import type { RecoveredVm } from './billing.js';
import { Capacity } from './capacity.js';
import { detect } from './detection.js';
import { runDrill } from './drill.js';
import { type Fault, Outages, resolveFaults } from './faults.js';
import { Paths } from './paths.js';
import { planGroupsFor, runPlan } from './plans.js';
import { awaitsRestoreJob, decisionNote } from './record.js';
import type { DrVm } from './recovery-types.js';
import { Returns, type Short } from './returns.js';
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
  /** A restore from backup: what its restore job does (models/restore); `work` is then its estimate alone until it has run. */
  plan?: RestorePlan;
}

const OUTAGES = new Set(['region-outage', 'zone-outage']);
const VM_FAULTS = new Set(['vm-failure', 'disk-corruption', 'vm-deletion', 'ransomware']);
// Faults after which the VM must be created again: it gives back its cores.
const VM_LOST = new Set(['vm-failure', 'vm-deletion']);

/** The disaster-recovery process of a run. */
export class DisasterRecovery {
  readonly faults: Fault[];
  readonly outages: Outages;
  readonly incidents: Incident[] = [];
  /** Faults drawn at or after the end of the run (DrResult.pastEnd). */
  readonly pastEnd: DrResult['pastEnd'] = [];
  readonly drills: DrillResult[] = [];
  /** The restore jobs recoveries run (shared with users' restores and restore drills). */
  readonly jobs: RestoreJobs;
  // Test VMs of drills (failed-over VMs are the returns').
  private readonly drillVms: RecoveredVm[] = [];
  private readonly returns: Returns;
  private readonly regions: Map<string, Region>;
  private readonly capacity: Capacity;
  private readonly settings: RecoverySettings;
  private readonly samplers: {
    failover: Sampler;
    latest: Sampler;
    snapshot: Sampler;
    boot: Sampler;
    crossRegionLag: Sampler;
  };
  private readonly planOf = new Map<string, RecoveryPlanSpec>();
  private readonly paths: Paths;
  private monitor: Monitor | null = null;
  private signal: DownSignal | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly scenario: Scenario,
    private readonly streams: Streams,
    private readonly vms: ReadonlyMap<string, DrVm>,
    private readonly links: ReadonlyMap<string, Link>,
    private readonly trace: ((record: TraceRecord) => void) | null = null,
    jobs: RestoreJobs | null = null,
  ) {
    this.faults = resolveFaults(scenario.faults, streams);
    this.outages = new Outages(this.faults);
    this.regions = new Map(scenario.regions.map((r) => [r.name, r]));
    this.capacity = new Capacity(
      new Map(scenario.regions.filter((r) => r.cores !== null).map((r) => [r.name, r.cores as number])),
    );
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
    this.jobs = jobs ?? new RestoreJobs(sim, s, scenario.start, scenario.duration, trace);
    this.paths = new Paths({
      outages: this.outages,
      settings: s,
      regions: this.regions,
      planOf: this.planOf,
      vms,
      claim: (v, region) => this.claim(v, region),
    });
    this.returns = new Returns({
      sim,
      horizon: scenario.duration,
      settings: s,
      capacity: this.capacity,
      jobs: this.jobs,
      signal: () => this.signal,
      trace,
      iso: (t) => this.iso(t),
      claim: (v, region) => this.claim(v, region),
      release: (v) => this.releaseCores(v),
    });
  }

  /** VMs started by a failover or a drill, for compute billing (billing.ts): failovers in the order they ran, then drills'. */
  get recovered(): RecoveredVm[] {
    return [...this.returns.recovered, ...this.drillVms];
  }

  /** Per replicated VM, its widest window unprotected by replication after a recovery (sim ms), for what the schedule guarantees. */
  get handovers(): ReadonlyMap<string, { from: number; to: number }> {
    return this.returns.handovers;
  }

  /** Why a VM's backup cannot run at t (the region it runs in is out, or it is down), or null; relocated items (`vm@vault`) ask for their VM. */
  readonly blocked = (id: string, t: number): FailureCause | null => {
    const v =
      this.vms.get(id) ?? (id.includes('@') ? this.vms.get(id.slice(0, id.lastIndexOf('@'))) : undefined);
    if (v === undefined) return null;
    if (this.outages.regionDown(v.region, t)) return 'region-outage';
    if (v.zone !== null && this.outages.zoneDown(v.region, v.zone, t)) return 'zone-outage';
    if (v.downSince !== null) return 'vm-unavailable';
    return null;
  };

  /** Schedules every fault's events; with a monitor, alerts can start recovery and see outages. */
  start(monitor: Monitor | null = null): void {
    this.monitor = monitor;
    this.signal = new DownSignal(this.sim, monitor, this.scenario.duration);
    for (const f of this.faults) {
      // A time drawn past the end (a distribution reaching beyond it: a load warning) is not
      // silently dropped: the run lists it.
      if (f.start >= this.scenario.duration) {
        if (f.kind !== 'drill') this.pastEnd.push({ event: f.index, kind: f.kind, at: this.iso(f.start) });
        continue;
      }
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
      if (f.kind === 'vm-deletion') v.deleted = true;
      hit.push(v);
      // A VM that must be created again gives back the cores it held away from home.
      if (VM_LOST.has(f.kind) && v.holds !== null) this.releaseCores(v);
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
    if (f.kind === 'zone-outage') return v.region === f.region && v.zone === f.zone;
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
    const shorts = new Map<string, Short>();
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
      if (
        v.replica !== null &&
        plan !== undefined &&
        OUTAGES.has(f.kind) &&
        this.paths.failoverPossible(v, d)
      ) {
        const list = byPlan.get(plan) ?? [];
        list.push(v);
        byPlan.set(plan, list);
        continue;
      }
      decided.set(v.vm.id, this.paths.single(f, v, d, down, notAfter, dr, shorts));
    }
    // Recovery plans, in scenario order: groups in sequence, VMs of a group in parallel (§5.5).
    for (const plan of this.scenario.recoveryPlans) {
      const members = byPlan.get(plan);
      if (members === undefined) continue;
      const groups = planGroupsFor(plan, new Set(members.map((v) => v.vm.id)));
      const timings = runPlan(groups, d, {
        startFrom: (v, t) => this.outages.controlPlaneUpFrom(v.replica!.to, t),
        vm: (id) => this.vms.get(id)!,
        draws: (id) => draws.get(id)!,
        choice: plan.pointChoice,
        notAfter,
        take: (v) => this.claim(v, v.replica!.to),
      });
      for (const t of timings) {
        const v = this.vms.get(t.vm)!;
        if (t.decided !== null) {
          decided.set(t.vm, {
            ...t.decided,
            detection: d - down,
            note: `recovery plan ${plan.name}, group ${t.group + 1}`,
          });
          continue;
        }
        // Short of cores: it fails over when they free up, else waits for its region (the plan's afterOutage).
        const short = t.short ? this.paths.planShort(v, plan, draws.get(t.vm)!, notAfter, d, down) : null;
        if (short !== null) shorts.set(t.vm, short);
        decided.set(
          t.vm,
          short === null
            ? this.paths.unrecovered(v, d - down, t.note)
            : this.paths.waitForRegion(f, v, d, down, notAfter, draws.get(t.vm)!, t.note),
        );
      }
    }
    for (const v of hit) {
      const r = this.returns.start(
        v,
        decided.get(v.vm.id)!,
        f,
        incident.id,
        down,
        shorts.get(v.vm.id) ?? null,
      );
      incident.vms.push(r);
      this.traceDecided(v, r, decided.get(v.vm.id)!, incident, draws.get(v.vm.id)!);
    }
  }

  // The trace says why: the path, the point and where it lived, and the figures. A restore's
  // RTO is known only when its job ends (it shares the vault's restore throughput): the
  // decision says so, and `dr-recovered` (returns.ts) gives it when the VM is back.
  private traceDecided(v: DrVm, r: VmRecovery, decided: Decided, incident: Incident, dr: Draws): void {
    const pending = awaitsRestoreJob(decided);
    const note = pending ? decisionNote(decided) : r.note;
    this.trace?.({
      t: this.sim.now,
      kind: 'dr-decided',
      subject: v.vm.id,
      detail: {
        incident: incident.id,
        path: r.path,
        point: r.point === null ? 'none' : `${r.point.source}@${r.point.at}`,
        rpoSeconds: r.rpoSeconds ?? -1,
        ...(pending ? { rto: 'unknown until the restore job ends' } : { rtoSeconds: r.rtoSeconds ?? -1 }),
        ...(note === '' ? {} : { note }),
        // The lag drawn for this VM and incident (§2.2): why newer vault points were not in the pair.
        ...(r.path === 'cross-region-restore' ? { crossRegionLagSeconds: dr.crossRegionLag / 1000 } : {}),
      },
    });
  }

  // Cores for the VM in `region`: none at home or where it already holds them (capacity.ts).
  private claim(v: DrVm, region: string): boolean {
    if (region === v.vm.region || region === v.holds) return true;
    return this.capacity.take(region, v.vm.cores);
  }

  private releaseCores(v: DrVm): void {
    const region = v.holds!;
    v.holds = null;
    this.capacity.release(region, v.vm.cores);
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

  // A test failover (§5.4): the plan's timing from now, no effect on production or capacity.
  private drill(f: Fault & { kind: 'drill' }): void {
    const { result, started } = runDrill({
      plan: this.scenario.recoveryPlans.find((p) => p.name === f.plan)!,
      now: this.sim.now,
      vm: (id) => this.vms.get(id)!,
      draws: (v) => this.draw(f, v.vm),
      cleanupAfter: this.settings.drillCleanupAfter,
      iso: (t) => this.iso(t),
    });
    this.drillVms.push(...started);
    this.drills.push(result);
  }

  private iso(t: number): string {
    return new Date(this.scenario.start + t).toISOString();
  }
}
