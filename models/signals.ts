// Every signal the models emit to the monitor, with its dimensions (metric) or columns
// (log), so a scenario's alert rule can be checked against what will really arrive: a rule
// on a metric nobody emits never fires, silently (issue 15). Add a signal here when a model
// starts emitting one; test/models/signals.test.ts checks the list against the emitters.

import { REPLICATION_STATS, RESTORE_HEALTH_EVENTS, VMS_UNAVAILABLE } from './dr/signals.js';
import type { Schema } from './kql/values.js';
import {
  CORE_TABLE,
  columnsOf,
  INSTANCE_TABLE,
  POLICY_TABLE,
  STORAGE_TABLE,
  TABLE_SCHEMA,
} from './logs/tables.js';
import {
  BACKUP_HEALTH_EVENTS,
  BACKUP_JOBS_TABLE,
  LINK_UTILIZATION,
  VAULT_STORAGE,
} from './monitor/signals.js';

/** One metric or log table a model emits, and the names a rule may filter or split by. */
export interface SignalInfo {
  kind: 'metric' | 'log';
  /** Metric name or log table. */
  name: string;
  /** Metric dimensions or log columns, in the order the emitter writes them. */
  dimensions: readonly string[];
}

/** The signals the models emit, metrics then log tables, each sorted by name. */
export const SIGNALS: readonly SignalInfo[] = [
  // models/monitor/backup-health.ts: one sample per backup job (§7.5).
  {
    kind: 'metric',
    name: BACKUP_HEALTH_EVENTS,
    dimensions: ['datasourceId', 'datasourceType', 'backupInstanceName', 'healthStatus', 'vault'],
  },
  // models/monitor/setup.ts: each named link's utilisation.
  { kind: 'metric', name: LINK_UTILIZATION, dimensions: ['link'] },
  // models/dr/signals.ts: one sample per restore (§7.5).
  { kind: 'metric', name: RESTORE_HEALTH_EVENTS, dimensions: ['datasourceId', 'healthStatus'] },
  // models/monitor/setup.ts: daily storage per vault and tier.
  { kind: 'metric', name: VAULT_STORAGE, dimensions: ['vault', 'tier'] },
  // models/dr/signals.ts: VMs down per region, each minute while any is.
  { kind: 'metric', name: VMS_UNAVAILABLE, dimensions: ['region'] },
  // models/monitor/backup-health.ts (models/logs/diagnostics.ts with diagnostics): one row per backup job.
  { kind: 'log', name: BACKUP_JOBS_TABLE, dimensions: columnsOf(BACKUP_JOBS_TABLE) },
  // models/logs/diagnostics.ts, only with `diagnostics:` (issue 19): daily rows per policy, item, vault.
  { kind: 'log', name: POLICY_TABLE, dimensions: columnsOf(POLICY_TABLE) },
  { kind: 'log', name: INSTANCE_TABLE, dimensions: columnsOf(INSTANCE_TABLE) },
  { kind: 'log', name: STORAGE_TABLE, dimensions: columnsOf(STORAGE_TABLE) },
  // models/dr/signals.ts: one row per replicated VM every 15 minutes (§5.3).
  {
    kind: 'log',
    name: REPLICATION_STATS,
    dimensions: ['vm', 'group', 'rpoInSeconds', 'churnMBps', 'backlogMB', 'health'],
  },
  { kind: 'log', name: CORE_TABLE, dimensions: columnsOf(CORE_TABLE) },
];

// The replication statistics' numeric columns (the others are text).
const NUMERIC_COLUMNS = new Set(['rpoInSeconds', 'churnMBps', 'backlogMB']);

/** The log tables written only when the scenario's `diagnostics:` sends them (issue 19). */
export const DIAGNOSTICS_ONLY: ReadonlySet<string> = new Set([
  CORE_TABLE,
  STORAGE_TABLE,
  INSTANCE_TABLE,
  POLICY_TABLE,
]);

/** The columns (with their types) of every log table a rule can read: what a KQL rule is checked against. */
export const ALERT_SCHEMA: Schema = new Map(
  SIGNALS.filter((s) => s.kind === 'log').map((s) => [
    s.name,
    TABLE_SCHEMA.get(s.name) ?? [
      { name: 'TimeGenerated', type: 'datetime' as const },
      ...s.dimensions.map((name) => ({
        name,
        type: NUMERIC_COLUMNS.has(name) ? ('real' as const) : ('string' as const),
      })),
    ],
  ]),
);

/** The signals of one kind, by name. */
export function signalsOf(kind: SignalInfo['kind']): ReadonlyMap<string, SignalInfo> {
  return new Map(SIGNALS.filter((s) => s.kind === kind).map((s) => [s.name, s]));
}
