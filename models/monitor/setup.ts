// Wires monitoring into a run: the monitor of the scenario's `monitor:` section, the Azure VM
// backups reporting job outcomes to it (Backup Health Events, backup jobs log, built-in
// alerts; docs/reference.md §7.5), and a daily Vault Storage sample per tier when a rule
// reads it.

import type { Link } from '../../engine/link.js';
import type { Streams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import { MS } from '../../engine/units.js';
import { VmBackup } from '../backup/vm-backup.js';
import type { VaultRuntime } from '../backup/world.js';
import { BACKUP_TABLES } from '../logs/tables.js';
import type { Scenario } from '../scenario/types.js';
import { Monitor, type MonitorOptions } from './monitor.js';
import { LINK_UTILIZATION, VAULT_STORAGE } from './signals.js';

// Assumption: a 5-minute sample, the finest window a 5-minute rule needs (not in the reference).
const LINK_SAMPLE_EVERY = 5 * MS.minute;

const TIERS = ['snapshot', 'standard', 'archive', 'softDeleted'] as const;

/** The run's monitor, connected to the backup model; null when the scenario has no monitor section. */
export function setupMonitor(
  sim: Simulation,
  scenario: Scenario,
  streams: Streams,
  vaults: ReadonlyMap<string, VaultRuntime>,
  links: ReadonlyMap<string, Link> = new Map(),
  explain?: MonitorOptions['explain'],
): Monitor | null {
  if (scenario.monitor === null) return null;
  const monitor = new Monitor(sim, scenario.monitor, {
    streams,
    origin: scenario.start,
    horizon: scenario.duration,
    security: scenario.operations.length > 0,
    ...(explain === undefined ? {} : { explain }),
    // Issue 19: with diagnostics, Azure Backup's tables reach rules from them, after their latency.
    ...(scenario.diagnostics === undefined || scenario.diagnostics === null
      ? {}
      : { diagnostics: { tables: BACKUP_TABLES, latency: scenario.diagnostics.latency } }),
  });
  for (const v of vaults.values())
    for (const item of v.items) if (item instanceof VmBackup) item.observe(monitor.backup);
  if (monitor.consumes('metric', VAULT_STORAGE)) sampleStorage(sim, monitor, vaults, scenario.duration);
  if (monitor.consumes('metric', LINK_UTILIZATION)) sampleLinks(sim, monitor, links, scenario.duration);
  return monitor;
}

// Every 5 minutes, each link's share of its capacity used over those 5 minutes, in percent
// (delivered bytes over the capacity integral, so a capacity change mid-window counts).
function sampleLinks(
  sim: Simulation,
  monitor: Monitor,
  links: ReadonlyMap<string, Link>,
  horizon: number,
): void {
  const last = new Map(
    [...links].map(([name, l]) => [name, { delivered: l.bytesDelivered, offered: l.capacityBytes }]),
  );
  const tick = (): void => {
    for (const [name, l] of links) {
      const before = last.get(name)!;
      const delivered = l.bytesDelivered;
      const offered = l.capacityBytes;
      const used = offered > before.offered ? (delivered - before.delivered) / (offered - before.offered) : 0;
      monitor.metric(LINK_UTILIZATION, { link: name }, sim.now, Math.round(used * 100_000) / 1000);
      last.set(name, { delivered, offered });
    }
    if (sim.now + LINK_SAMPLE_EVERY <= horizon) sim.after(LINK_SAMPLE_EVERY, tick, 'monitor/links');
  };
  sim.at(LINK_SAMPLE_EVERY, tick, 'monitor/links');
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
