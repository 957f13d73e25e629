// Wires restores into a run (issue 18): the restore jobs every restore shares (users',
// drills' and disaster recovery's), the users' restores and restore drills, and what the run
// collects at the end — the jobs log, the drills' objective, the drills' test-VM compute.

import type { Simulation } from '../../engine/simulation.js';
import type { VmBackup } from '../backup/vm-backup.js';
import type { VaultRuntime, World } from '../backup/world.js';
import { computeRuns, type DrBilling } from '../dr/billing.js';
import type { Outages } from '../dr/faults.js';
import type { RestoresResult } from '../results/restores.js';
import type { ObjectiveResult } from '../results/types.js';
import type { Scenario } from '../scenario/types.js';
import { hasRestores } from '../subsystems.js';
import { judgeRestoreTests, restoresResult } from './collect.js';
import { RestoreJobs } from './jobs.js';
import { Requests, type Standing } from './requests.js';

/** What disaster recovery tells restores about a VM (null when the run has none). */
export interface RestoreDr {
  standing(vm: string): Standing | null;
  readonly outages: Outages;
}

/** A run's restores, before and after the event loop. */
export interface RestoresRun {
  readonly jobs: RestoreJobs;
  /** Schedules the users' restores and the drills; VMs stand as disaster recovery says, else at home with their backups. */
  start(
    dr: RestoreDr | null,
    backups: ReadonlyMap<string, VmBackup>,
    vaults: ReadonlyMap<string, VaultRuntime>,
  ): void;
  /** The jobs log (null when no restore ran), the drills' objective, and billing with the drills' test VMs added. */
  finish(billing: DrBilling | null): {
    restores: RestoresResult | null;
    objectives: ObjectiveResult[];
    billing: DrBilling | null;
  };
}

/** The run's restores, or null when nothing restores (no disaster recovery, no restore asked for). */
export function setupRestores(
  sim: Simulation,
  scenario: Scenario,
  world: World,
  dr: boolean,
): RestoresRun | null {
  const wanted = hasRestores(scenario);
  if (!wanted && !dr) return null;
  // Restores read each point's times (VmBackup.restorePoints).
  if (wanted) world.keepPointTimes = true;
  const jobs = new RestoreJobs(sim, scenario.recovery, scenario.start, scenario.duration, world.trace);
  let requests: Requests | null = null;
  return {
    jobs,
    start(drRun, backups, vaults) {
      if (!wanted) return;
      const home = (id: string): Standing | null => {
        const vm = scenario.vms.find((v) => v.id === id);
        const item = backups.get(id);
        if (vm === undefined || item === undefined || vm.backup === null) return null;
        return {
          region: vm.region,
          zone: vm.zone,
          exists: true,
          vault: vaults.get(vm.backup.vault)!.spec,
          points: () => item.restorePoints(),
        };
      };
      requests = new Requests({
        sim,
        scenario,
        streams: world.streams,
        jobs,
        standing: (id) => drRun?.standing(id) ?? home(id),
        outages: drRun?.outages ?? null,
      });
      requests.start();
    },
    finish(billing) {
      const target = scenario.objectives.restoreTest ?? null;
      const drills = requests?.drillVms ?? [];
      const compute = computeRuns(drills, scenario.vms, scenario.duration);
      return {
        restores: jobs.jobs.length === 0 ? null : restoresResult(jobs.jobs),
        objectives: target === null ? [] : [judgeRestoreTests(target, jobs.jobs)],
        billing:
          compute.length === 0
            ? billing
            : {
                replicated: billing?.replicated ?? [],
                compute: [...(billing?.compute ?? []), ...compute].sort(
                  (a, b) => a.from - b.from || (a.vm < b.vm ? -1 : a.vm > b.vm ? 1 : 0),
                ),
              },
      };
    },
  };
}
