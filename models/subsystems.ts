// The optional subsystems of a run — disaster recovery, restores, admins' and attackers'
// operations, SQL/file-share/MABS workloads, the monitor, the diagnostic logs — each
// imported only for a scenario that uses it (issue 16): a run of one backed-up VM loads
// none of them. A command awaits loadSubsystems(scenarios) before simulate(); simulate()
// takes them from SUBSYSTEMS, and only those USES says the scenario needs.

import type * as DrSetup from './dr/setup.js';
import { LazyModules } from './lazy.js';
import type * as LogsSetup from './logs/setup.js';
import type * as MonitorSetup from './monitor/setup.js';
import type * as Operations from './operations/operations.js';
import type * as RestoreSetup from './restore/setup.js';
import type { Scenario } from './scenario/types.js';
import { hasWorkloads } from './scenario/workloads.js';
import type * as WorkloadsSetup from './workloads/setup.js';

/** The optional subsystems' modules, by name. */
export interface Subsystems {
  dr: typeof DrSetup;
  restores: typeof RestoreSetup;
  operations: typeof Operations;
  workloads: typeof WorkloadsSetup;
  monitor: typeof MonitorSetup;
  logs: typeof LogsSetup;
}

/** Whether a scenario needs disaster recovery at all (else none of it is built). */
export function needsDr(s: Scenario): boolean {
  return s.faults.length > 0 || s.recoveryPlans.length > 0 || s.vms.some((vm) => vm.replicate !== null);
}

/** Whether a scenario asks for restores or restore drills, or judges drills (an objective without any shows as SKIP). */
export function hasRestores(s: Scenario): boolean {
  return (
    (s.restores?.length ?? 0) > 0 ||
    (s.restoreTests?.length ?? 0) > 0 ||
    s.objectives.restoreTest !== undefined
  );
}

/** Whether a run of a scenario uses each subsystem (simulate() builds it exactly then). */
export const USES: { readonly [K in keyof Subsystems]: (s: Scenario) => boolean } = {
  dr: needsDr,
  // Disaster recovery restores VMs through the same restore jobs.
  restores: (s) => hasRestores(s) || needsDr(s),
  operations: (s) => s.operations.length > 0,
  workloads: (s) => hasWorkloads(s.workloads),
  monitor: (s) => s.monitor !== null,
  logs: (s) => s.diagnostics !== undefined && s.diagnostics !== null,
};

/** The subsystems loaded so far (every one, through the library entry). */
export const SUBSYSTEMS = new LazyModules<Subsystems>('subsystem', {
  dr: () => import('./dr/setup.js'),
  restores: () => import('./restore/setup.js'),
  operations: () => import('./operations/operations.js'),
  workloads: () => import('./workloads/setup.js'),
  monitor: () => import('./monitor/setup.js'),
  logs: () => import('./logs/setup.js'),
});

/** Imports the subsystems any of these scenarios uses. */
export function loadSubsystems(scenarios: readonly Scenario[]): Promise<void> {
  const names = (Object.keys(USES) as (keyof Subsystems)[]).filter((name) => scenarios.some(USES[name]));
  return SUBSYSTEMS.load(names);
}
