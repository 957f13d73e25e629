// Wires disaster recovery into a run: one DrVm per VM (write rates, replication, backup
// hooks), the DisasterRecovery process, and what the run collects at the end.

import type { Link } from '../../engine/link.js';
import { createStreams, type Streams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import { MS } from '../../engine/units.js';
import type { VmBackup } from '../backup/vm-backup.js';
import type { World } from '../backup/world.js';
import type { Monitor } from '../monitor/monitor.js';
import type { RestoreJobs } from '../restore/jobs.js';
import type { Standing } from '../restore/requests.js';
import type { DrResult, ObjectiveResult, ReplicaPoints } from '../results/types.js';
import type { Scenario } from '../scenario/types.js';
import { dayWriteRates } from '../workload/write-rate.js';
import { billingUsage, type DrBilling, type ReplicaSource } from './billing.js';
import { collectDr, replicaPoints } from './collect.js';
import { DisasterRecovery } from './disaster-recovery.js';
import type { Outages } from './faults.js';
import { judgeObjectives } from './objectives.js';
import type { DrVm } from './recovery-types.js';
import { BackupFollow, type RelocateContext } from './relocate.js';
import { downFor, scaleFor, spikesFor, VmReplica } from './replica.js';
import { inScope } from './scope.js';
import { replicationStats } from './signals.js';
import { bytesWritten, DayRates } from './write-log.js';

/** A run's disaster recovery, before and after the event loop. */
export interface DrRun {
  /** Hooks a VM's backup into recovery (restore points, stop protection, undelete: by default the backup's own). */
  attach(backup: VmBackup, vmId: string, undelete?: () => void): void;
  /** What a VM's backup needs to follow it to another region's vault (backup.afterFailover, relocate.ts). */
  relocation(ctx: RelocateContext): void;
  /** The backup item protecting a VM now (or the last one that did), for what the schedule guarantees; null when not backed up. */
  backupOf(vmId: string): VmBackup | null;
  /** Schedules the faults; with a monitor, alerts can start recovery and DR signals flow to it. */
  start(monitor: Monitor | null): void;
  /** Results once the run has ended, with what disaster recovery bills (CostInput.replicated and .compute). */
  finish(): { dr: DrResult; objectives: ObjectiveResult[]; billing: DrBilling };
  /**
   * Per replicated VM, for what the schedule guarantees: the peak replication data age over
   * every replication it had (ms), and its widest hand-over window (from the point it came back
   * from to the first point of its next replication, or the run's end), if it had one.
   */
  replicationPeaks(): Map<string, { peak: number; handover: { from: number; to: number } | null }>;
  /** A replicated VM's Site Recovery points at t, counted during the run (replayed: the run's queries stay put); null when not replicated. */
  pointsAt(vm: string, t: number): ReplicaPoints | null;
  /** A VM as a restore finds it now (where it runs, whether it exists, its vault and points); null when unknown. */
  standing(vm: string): Standing | null;
  /** The run's region, zone and control-plane outages. */
  readonly outages: Outages;
}

/** Builds disaster recovery for a run and sets the world's hooks (blocked backups, point times). */
export function setupDr(
  sim: Simulation,
  scenario: Scenario,
  world: World,
  seed: number,
  links: ReadonlyMap<string, Link>,
  jobs: RestoreJobs | null = null,
): DrRun {
  // The write rates read the disks' churn streams from their own copy, so the backup's draws stay put.
  const churn: Streams = createStreams(seed);
  const vaults = new Map(scenario.vaults.map((v) => [v.name, v]));
  const vms = new Map<string, DrVm>();
  const replicas: VmReplica[] = [];
  const billed: ReplicaSource[] = [];
  const horizon = scenario.duration;
  const faults = new DisasterRecovery(sim, scenario, world.streams, vms, links, world.trace, jobs);
  for (const vm of scenario.vms) {
    // Each disk's highest daily write rate, for §5.2's per-disk churn limits.
    const diskPeaks = new Float64Array(vm.disks.length);
    const rates = new DayRates(
      dayWriteRates(
        vm.disks,
        (disk) => churn.get(`vm/${vm.id}/disk/${disk}/churn`),
        (d, rate) => {
          if (rate > diskPeaks[d]) diskPeaks[d] = rate;
        },
      ),
    );
    const spikes = spikesFor(vm, faults.faults, horizon);
    const down = downFor(vm, faults.faults, scenario.recovery.detection, horizon);
    const scale = scaleFor(vm, faults.faults);
    // One replication of the VM: the first from its region at time 0, later ones after a
    // reprotect or re-enable (reprotection.ts), each hit by the faults from its own start on.
    const replicate = (region: string, to: string, start: number, from: number): VmReplica => {
      const downs =
        from === 0 ? down : downFor(vm, faults.faults, scenario.recovery.detection, horizon, region, from);
      const scaled = region === vm.region ? scale : scaleFor({ ...vm, region }, faults.faults);
      const plan = { ...vm.replicate!, to, ...(start > 0 ? { initialSync: false } : {}) };
      const replica = new VmReplica(
        vm,
        plan,
        rates,
        spikes,
        downs,
        scaled,
        scenario.recovery,
        horizon,
        diskPeaks,
        start,
      );
      replicas.push(replica);
      const edges = [
        start,
        ...spikes.flatMap((w) => [w.from, w.to]),
        ...[...downs, ...scaled].flatMap((w) => [w.from, w.to]),
      ];
      billed.push({ vm, replay: () => replica.replay(), endsAt: replica.endsAt, edges, from: start, region });
      return replica;
    };
    const replica = vm.replicate === null ? null : replicate(vm.region, vm.replicate.to, 0, 0);
    vms.set(vm.id, {
      vm,
      vault: vm.backup === null ? null : (vaults.get(vm.backup.vault) ?? null),
      restorePoints: null,
      stopBackup: null,
      softDeleted: null,
      undelete: null,
      replica,
      segments: replica === null ? [] : [replica],
      replicateFrom: replica === null ? null : replicate,
      follow: null,
      vaultIn: null,
      backupState: null,
      holds: null,
      written: (from, to) => bytesWritten(rates, spikes, from, to),
      region: vm.region,
      zone: vm.zone,
      downSince: null,
      deleted: false,
    });
  }
  world.keepPointTimes = true;
  world.blocked = faults.blocked;
  const iso = (t: number) => new Date(scenario.start + t).toISOString();
  let relocation: RelocateContext | null = null;
  const follows = new Map<string, BackupFollow>();
  // The VM's restore hooks read the item protecting it now (or the last one that did).
  const hook = (v: DrVm, item: VmBackup, undelete: (() => void) | undefined): void => {
    v.restorePoints = () => item.restorePoints();
    v.stopBackup = (deleteData) => {
      item.stopProtection(deleteData);
    };
    v.softDeleted = () => item.softDeletedPoints();
    v.backupState = () => item.state;
    v.undelete =
      undelete ??
      (() => {
        item.undelete();
      });
  };
  return {
    attach(backup, vmId, undelete) {
      const v = vms.get(vmId)!;
      hook(v, backup, undelete);
      const follow = new BackupFollow(v.vm, backup);
      follows.set(vmId, follow);
      const runtimes = new Map([...vaults].map(([name, spec]) => [name, { spec }]));
      v.vaultIn = (region) => follow.vaultIn(region, runtimes);
      v.follow = (region) => {
        if (relocation === null) return null;
        const before = follow.current;
        const vault = follow.moveTo(region, relocation, sim.now);
        if (follow.current !== before) {
          hook(v, follow.current, follow.current === backup ? undelete : undefined);
          v.vault = vaults.get(follow.vault) ?? null;
        }
        return vault;
      };
    },
    relocation(ctx) {
      relocation = ctx;
    },
    backupOf(vmId) {
      return follows.get(vmId)?.current ?? null;
    },
    standing(vmId) {
      const v = vms.get(vmId);
      if (v === undefined) return null;
      return {
        region: v.region,
        zone: v.zone,
        exists: !v.deleted,
        vault: v.vault,
        points: () => v.restorePoints?.() ?? [],
      };
    },
    outages: faults.outages,
    start(monitor) {
      faults.start(monitor);
      replicationStats(sim, monitor, replicas, horizon);
    },
    pointsAt(vm, t) {
      const v = vms.get(vm);
      const replica = v === undefined ? null : segmentAt(v.segments, t);
      return replica === null ? null : replicaPoints(replica, t, true, iso);
    },
    replicationPeaks() {
      const out = new Map<string, { peak: number; handover: { from: number; to: number } | null }>();
      for (const v of vms.values()) {
        if (v.segments.length === 0) continue;
        let peak = 0;
        for (const r of v.segments) for (const p of r.dailyPeaks()) if (p !== null && p > peak) peak = p;
        out.set(v.vm.id, { peak, handover: faults.handovers.get(v.vm.id) ?? null });
      }
      return out;
    },
    finish() {
      // §6: the Deployment Planner's default desired RPO is 15 minutes.
      // The strictest RPO objective covering any VM of the group.
      const rpoTarget = (group: string): number => {
        const members = scenario.vms.filter((vm) => vm.group === group);
        const targets = [
          ...(scenario.objectives.rpo === null ? [] : [scenario.objectives.rpo]),
          ...scenario.objectives.scoped
            .filter((o) => o.rpo !== null && members.some((vm) => inScope(o.scope, vm)))
            .map((o) => o.rpo as number),
        ];
        return targets.length === 0 ? 15 * MS.minute : Math.min(...targets);
      };
      const histories = [...vms.values()].filter((v) => v.segments.length > 0).map((v) => v.segments);
      const dr = collectDr(faults, histories, horizon, rpoTarget, iso);
      return {
        dr,
        objectives: judgeObjectives(scenario.objectives, dr.incidents, scenario.vms),
        billing: billingUsage(billed, faults.recovered, scenario.vms, horizon),
      };
    },
  };
}

/** The replication that holds a VM's points at t: the last one started by t, else its first. */
export function segmentAt(segments: readonly VmReplica[], t: number): VmReplica | null {
  let out: VmReplica | null = segments[0] ?? null;
  for (const r of segments) if (r.start <= t) out = r;
  return out;
}
