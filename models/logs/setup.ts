// Wires the diagnostic tables into a run (issue 19): the Diagnostics emitter observes every
// backup job (beside the monitor's Backup Health, when there is one) and every restore job
// (the run's restore jobs, handed in by simulate()), its rows go to the
// Backup Reports collector and to the caller's sink (`run --format logs`, `vaultsim query`),
// and at the end the views are computed over the reports' range. Null for a scenario without
// a `diagnostics:` section: nothing is built, and the run is as fast as before.

import type { VmBackup } from '../backup/vm-backup.js';
import type { VaultRuntime, World } from '../backup/world.js';
import { ReportsCollector } from '../backup-reports/collect.js';
import type { BackupReportsResult } from '../backup-reports/types.js';
import { backupReports } from '../backup-reports/views.js';
import type { Monitor } from '../monitor/monitor.js';
import type { BackupSignals } from '../monitor/signals.js';
import type { RestoreJobs } from '../restore/jobs.js';
import type { DrResult } from '../results/types.js';
import type { Scenario } from '../scenario/types.js';
import type { JobGroups } from '../workloads/setup.js';
import { type Diagnostics, type LogSink, setupDiagnostics, teeSignals } from './diagnostics.js';

/** What a caller asks of the tables: where rows go, and the Backup Reports' range and list length. */
export interface LogsOptions {
  /** Receives every row the workspace holds at the end, as it is pushed. */
  logs?: LogSink;
  /** Overrides the scenario's reports range (last N completed days; null: all the workspace keeps) and list length. */
  backupReports?: { rangeDays?: number | null; top?: number };
}

/** The diagnostics of a run. */
export interface LogsRun {
  /** Observes backup jobs: the diagnostics and the monitor's Backup Health together. */
  signals: BackupSignals;
  /** Observes backup jobs for the jobs table alone (workloads Azure's metrics do not cover: MARS, MABS/DPM). */
  tables: BackupSignals;
  /** Emits Site Recovery's rows and computes the Backup Reports views; call once, after the run. */
  finish(dr: DrResult | null): BackupReportsResult;
}

/** Default length of the views' lists (assumption: enough to read, short enough for a report). */
export const DEFAULT_TOP = 20;

/** Sets up the run's diagnostics; null when the scenario has none. */
export function setupLogs(
  world: World,
  scenario: Scenario,
  vaults: ReadonlyMap<string, VaultRuntime>,
  groups: JobGroups,
  monitor: Monitor | null,
  backups: ReadonlyMap<string, readonly VmBackup[]>,
  restoreJobs: RestoreJobs | null,
  options: LogsOptions,
): LogsRun | null {
  const spec = scenario.diagnostics;
  if (spec === undefined || spec === null) return null;
  const collector = new ReportsCollector(scenario.start, scenario.duration, spec.retention);
  const sinks: LogSink[] = [(table, row) => collector.row(table, row)];
  if (options.logs !== undefined) sinks.push(options.logs);
  const diagnostics = setupDiagnostics(world, scenario, vaults, groups, monitor, sinks) as Diagnostics;
  const signals = teeSignals(monitor?.backup ?? null, diagnostics)!;
  for (const items of backups.values()) for (const item of items) item.observe(signals);
  // Restore jobs (users', drills', disaster recovery's) are rows of the jobs table too.
  restoreJobs?.observe((e) => diagnostics.restoreEnded(e));
  const day = 86_400_000;
  return {
    signals,
    tables: diagnostics,
    finish(dr) {
      diagnostics.finish(dr);
      const asked = options.backupReports?.rangeDays;
      return backupReports(collector, {
        rangeDays:
          asked !== undefined
            ? asked
            : spec.reports.range === null
              ? null
              : Math.floor(spec.reports.range / day),
        inactiveAfterDays: spec.reports.inactiveAfter / day,
        retentionAbove: spec.reports.retentionAbove,
        top: options.backupReports?.top ?? DEFAULT_TOP,
      });
    },
  };
}
