// Wires disaster recovery into a run: one DrVm per VM (write rates, replication, backup
// hooks), the DisasterRecovery process, and what the run collects at the end.

import type { Link } from '../../engine/link.js';
import { createStreams, type Streams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import { MS } from '../../engine/units.js';
import type { VmBackup } from '../backup/vm-backup.js';
import type { World } from '../backup/world.js';
import type { Monitor } from '../monitor/monitor.js';
import type { DrResult, ObjectiveResult, ReplicaPoints } from '../results/types.js';
import type { Scenario } from '../scenario/types.js';
import { dayWriteRates } from '../workload/write-rate.js';
import { billingUsage, type DrBilling, type ReplicaSource } from './billing.js';
import { collectDr, replicaPoints } from './collect.js';
import { DisasterRecovery } from './disaster-recovery.js';
import { judgeObjectives } from './objectives.js';
import type { DrVm } from './recovery-types.js';
import { downFor, scaleFor, spikesFor, VmReplica } from './replica.js';
import { inScope } from './scope.js';
import { replicationStats } from './signals.js';
import { bytesWritten, DayRates } from './write-log.js';

/** Whether a scenario needs disaster recovery at all (else none of it is built). */
export function needsDr(s: Scenario): boolean {
  return s.faults.length > 0 || s.recoveryPlans.length > 0 || s.vms.some((vm) => vm.replicate !== null);
}

/** A run's disaster recovery, before and after the event loop. */
export interface DrRun {
  /** Hooks a VM's backup into recovery (restore points, stop protection, undelete: by default the backup's own). */
  attach(backup: VmBackup, vmId: string, undelete?: () => void): void;
  /** Schedules the faults; with a monitor, alerts can start recovery and DR signals flow to it. */
  start(monitor: Monitor | null): void;
  /** Results once the run has ended, with what disaster recovery bills (CostInput.replicated and .compute). */
  finish(): { dr: DrResult; objectives: ObjectiveResult[]; billing: DrBilling };
  /** Per replicated VM, the peak replication data age over the run (ms), for what the schedule guarantees. */
  replicationPeaks(): Map<string, number>;
  /** A replicated VM's Site Recovery points at t, counted during the run (replayed: the run's queries stay put); null when not replicated. */
  pointsAt(vm: string, t: number): ReplicaPoints | null;
}

/** Builds disaster recovery for a run and sets the world's hooks (blocked backups, point times). */
export function setupDr(
  sim: Simulation,
  scenario: Scenario,
  world: World,
  seed: number,
  links: ReadonlyMap<string, Link>,
): DrRun {
  // The write rates read the disks' churn streams from their own copy, so the backup's draws stay put.
  const churn: Streams = createStreams(seed);
  const vaults = new Map(scenario.vaults.map((v) => [v.name, v]));
  const vms = new Map<string, DrVm>();
  const replicas: VmReplica[] = [];
  const billed: ReplicaSource[] = [];
  const horizon = scenario.duration;
  const faults = new DisasterRecovery(sim, scenario, world.streams, vms, links, world.trace);
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
    const replica =
      vm.replicate === null
        ? null
        : new VmReplica(vm, vm.replicate, rates, spikes, down, scale, scenario.recovery, horizon, diskPeaks);
    if (replica !== null) {
      replicas.push(replica);
      const edges = [...spikes, ...down, ...scale].flatMap((w) => [w.from, w.to]);
      billed.push({ vm, replay: () => replica.replay(), endsAt: replica.endsAt, edges });
    }
    vms.set(vm.id, {
      vm,
      vault: vm.backup === null ? null : (vaults.get(vm.backup.vault) ?? null),
      restorePoints: null,
      stopBackup: null,
      softDeleted: null,
      undelete: null,
      replica,
      written: (from, to) => bytesWritten(rates, spikes, from, to),
      region: vm.region,
      downSince: null,
    });
  }
  world.keepPointTimes = true;
  world.blocked = faults.blocked;
  const iso = (t: number) => new Date(scenario.start + t).toISOString();
  return {
    attach(backup, vmId, undelete) {
      const v = vms.get(vmId)!;
      v.restorePoints = () => backup.restorePoints();
      v.stopBackup = (deleteData) => {
        backup.stopProtection(deleteData);
      };
      v.softDeleted = () => backup.softDeletedPoints();
      v.undelete =
        undelete ??
        (() => {
          backup.undelete();
        });
    },
    start(monitor) {
      faults.start(monitor);
      replicationStats(sim, monitor, replicas, horizon);
    },
    pointsAt(vm, t) {
      const replica = vms.get(vm)?.replica ?? null;
      return replica === null ? null : replicaPoints(replica, t, true, iso);
    },
    replicationPeaks() {
      const out = new Map<string, number>();
      for (const r of replicas) {
        let peak = 0;
        for (const p of r.dailyPeaks()) if (p !== null && p > peak) peak = p;
        out.set(r.vm.id, peak);
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
      const dr = collectDr(faults, replicas, horizon, rpoTarget, iso);
      return {
        dr,
        objectives: judgeObjectives(scenario.objectives, dr.incidents, scenario.vms),
        billing: billingUsage(billed, faults.recovered, scenario.vms, horizon),
      };
    },
  };
}
