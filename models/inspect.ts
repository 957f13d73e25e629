// Inspections of a run: at instants asked for, what given VMs hold (models/results/held.ts),
// each taken by an event scheduled after everything else at its instant. For `vaultsim explain
// points --at` and tests; a run with inspections processes more events (its fingerprint
// differs) and is run step by step, but its results are the same.

import type { Simulation } from '../engine/simulation.js';
import { VmBackup } from './backup/vm-backup.js';
import type { VaultRuntime } from './backup/world.js';
import { relocatedId } from './dr/relocate.js';
import type { DrRun } from './dr/setup.js';
import { type HeldBackupInput, type HeldView, heldView } from './results/held.js';
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
  vaults: ReadonlyMap<string, VaultRuntime> = new Map(),
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
            backup: item === undefined || plan === null ? null : backupInput(item, plan.vault),
            replication: dr?.pointsAt(i.vm, sim.now) ?? null,
            elsewhere: elsewhere(i.vm, vaults),
          }),
        );
      },
      'run/inspect',
    );
  }
}

// What an item holds, for the view.
function backupInput(item: VmBackup, vault: string): HeldBackupInput {
  return {
    policy: item.policyNow.name,
    vault,
    timeZone: item.policyNow.schedule.timeZone,
    protection: item.state,
    held: item.held(),
  };
}

// The VM's items in other vaults now (relocate.ts: started once it ran in another region), by vault name.
function elsewhere(
  vm: string,
  vaults: ReadonlyMap<string, VaultRuntime>,
): (HeldBackupInput & { item: string })[] {
  const out: (HeldBackupInput & { item: string })[] = [];
  for (const name of [...vaults.keys()].sort()) {
    const id = relocatedId(vm, name);
    const item = vaults.get(name)!.items.find((x) => x.id === id);
    if (item instanceof VmBackup) out.push({ item: id, ...backupInput(item, name) });
  }
  return out;
}
