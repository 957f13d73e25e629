// Inspections of a run: at instants asked for, what given VMs hold (models/results/held.ts),
// each taken by an event scheduled after everything else at its instant. For `vaultsim explain
// points --at` and tests; a run with inspections processes more events (its fingerprint
// differs) and is run step by step, but its results are the same.

import type { Simulation } from '../engine/simulation.js';
import type { VmBackup } from './backup/vm-backup.js';
import type { DrRun } from './dr/setup.js';
import { type HeldView, heldView } from './results/held.js';
import type { Scenario } from './scenario/types.js';

/** Look at one VM at one instant (sim ms, within the run) and hand what it holds to `sink`. */
export interface Inspection {
  at: number;
  vm: string;
  sink: (view: HeldView) => void;
}

/** Schedules the inspections; call once every process of the run is set up. */
export function scheduleInspections(
  sim: Simulation,
  scenario: Scenario,
  inspections: readonly Inspection[],
  backups: ReadonlyMap<string, VmBackup>,
  dr: DrRun | null,
): void {
  const vms = new Map(scenario.vms.map((vm) => [vm.id, vm]));
  for (const i of inspections) {
    const at = Math.min(Math.max(0, i.at), scenario.duration);
    sim.at(
      at,
      () => {
        const vm = vms.get(i.vm);
        const item = backups.get(i.vm);
        const plan = vm?.backup ?? null;
        i.sink(
          heldView({
            vm: i.vm,
            t: sim.now,
            origin: scenario.start,
            backup:
              item === undefined || plan === null
                ? null
                : {
                    policy: item.policyNow.name,
                    vault: plan.vault,
                    timeZone: item.policyNow.schedule.timeZone,
                    protection: item.state,
                    held: item.held(),
                  },
            replication: dr?.pointsAt(i.vm, sim.now) ?? null,
          }),
        );
      },
      'run/inspect',
    );
  }
}
