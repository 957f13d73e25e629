// Wires monitoring into a run: the monitor of the scenario's `monitor:` section, the Azure VM
// backups reporting job outcomes to it (Backup Health Events, backup jobs log, built-in
// alerts; reference/azure.md §7.5), and a daily Vault Storage sample per tier when a rule
// reads it.

import type { Streams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import { MS } from '../../engine/units.js';
import { VmBackup } from '../backup/vm-backup.js';
import type { VaultRuntime } from '../backup/world.js';
import type { Scenario } from '../scenario/types.js';
import { Monitor } from './monitor.js';
import { VAULT_STORAGE } from './signals.js';

const TIERS = ['snapshot', 'standard', 'archive', 'softDeleted'] as const;

/** The run's monitor, connected to the backup model; null when the scenario has no monitor section. */
export function setupMonitor(
  sim: Simulation,
  scenario: Scenario,
  streams: Streams,
  vaults: ReadonlyMap<string, VaultRuntime>,
): Monitor | null {
  if (scenario.monitor === null) return null;
  const monitor = new Monitor(sim, scenario.monitor, {
    streams,
    origin: scenario.start,
    horizon: scenario.duration,
  });
  for (const v of vaults.values())
    for (const item of v.items) if (item instanceof VmBackup) item.observe(monitor.backup);
  if (monitor.consumes('metric', VAULT_STORAGE)) sampleStorage(sim, monitor, vaults, scenario.duration);
  return monitor;
}

// One sample per vault and tier at the end of each day (after the run's daily cleanup, which is
// scheduled first at the same instants).
function sampleStorage(
  sim: Simulation,
  monitor: Monitor,
  vaults: ReadonlyMap<string, VaultRuntime>,
  horizon: number,
): void {
  const days = Math.ceil(horizon / MS.day);
  for (let k = 1; k <= days; k++)
    sim.at(
      Math.min(k * MS.day, horizon),
      () => {
        for (const v of vaults.values())
          for (const tier of TIERS)
            monitor.metric(VAULT_STORAGE, { vault: v.spec.name, tier }, sim.now, v.ledger.total(tier));
      },
      'monitor/storage',
    );
}
