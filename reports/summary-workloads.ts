// The workloads part of summary.json (issue 17): per SQL policy, file-share policy and group of
// MABS/DPM servers, recovery points, storage and jobs by type and the RPO between points;
// SQL databases in incidents, file-share restores and backup servers; with its JSON Schema
// node. A run has it only when its scenario has such workloads.

import type {
  ByType,
  PointType,
  TypeJobs,
  WorkloadGroupResult,
  WorkloadsResult,
} from '../models/results/workloads.js';
import { round, roundSummary5 } from './format.js';
import { int, type JsonSchema, list, nullable, num, obj, ref, str, withOptional } from './schema-nodes.js';

/**
 * Recovery-point and job types in report order, with what each is (the models' POINT_TYPES;
 * typed as a Record so a new type must be added here).
 */
export const POINT_TYPE_LABELS: Readonly<Record<PointType, string>> = {
  full: 'SQL full backups',
  differential: 'SQL differential backups',
  log: 'SQL log backups',
  archive: 'SQL full backups in vault-archive',
  snapshot: 'file-share snapshots',
  disk: 'MABS/DPM disk points (on the server)',
  vault: 'vault points (share copies, MABS/DPM online backups)',
};

/** The point types in report order. */
export const POINT_TYPES = Object.keys(POINT_TYPE_LABELS) as PointType[];

/** A workload group in a summary: its result without the per-day series. */
export type SummaryWorkloadGroup = Omit<WorkloadGroupResult, 'daily'>;

/** The workloads in a summary. */
export interface SummaryWorkloads extends Omit<WorkloadsResult, 'groups'> {
  groups: SummaryWorkloadGroup[];
}

// Counts or bytes by type, in POINT_TYPES order, whole numbers.
const byType = (t: ByType): ByType => {
  const out: ByType = {};
  for (const k of POINT_TYPES) if (t[k] !== undefined) out[k] = round(t[k]);
  return out;
};

const jobs = (j: WorkloadGroupResult['jobs']): WorkloadGroupResult['jobs'] => {
  const out: Partial<Record<PointType, TypeJobs>> = {};
  for (const k of POINT_TYPES) {
    const v = j[k];
    if (v !== undefined)
      out[k] = { succeeded: v.succeeded, failed: v.failed, failedByCause: { ...v.failedByCause } };
  }
  return out;
};

/** The workloads of a run for summary.json: fixed key order, bytes whole, seconds to 3 decimals. */
export function summariseWorkloads(w: WorkloadsResult): SummaryWorkloads {
  return {
    groups: w.groups.map((g) => ({
      workload: g.workload,
      group: g.group,
      items: g.items,
      points: { end: byType(g.points.end), peak: byType(g.points.peak) },
      storage: { end: byType(g.storage.end), peak: byType(g.storage.peak) },
      jobs: jobs(g.jobs),
      rpoSeconds: roundSummary5(g.rpoSeconds),
      ...(g.onlineRpoSeconds === undefined ? {} : { onlineRpoSeconds: roundSummary5(g.onlineRpoSeconds) }),
    })),
    sqlRecoveries: w.sqlRecoveries.map((r) => ({
      incident: r.incident,
      database: r.database,
      vm: r.vm,
      at: r.at,
      point: r.point === null ? null : { at: r.point.at, type: r.point.type, source: r.point.source },
      rpoSeconds: r.rpoSeconds === null ? null : round(r.rpoSeconds, 3),
      availableAt: r.availableAt,
      note: r.note,
    })),
    fileRestores: w.fileRestores.map((r) => ({
      share: r.share,
      at: r.at,
      kind: r.kind,
      items: r.items,
      to: r.to,
      outcome: r.outcome,
      tier: r.tier,
      point: r.point,
      bytes: round(r.bytes),
      note: r.note,
    })),
    servers: w.servers.map((s) => ({
      server: s.server,
      kind: s.kind,
      machines: s.machines,
      offline: s.offline.map((o) => ({ from: o.from, to: o.to })),
      stoppedAfter15Days: [...s.stoppedAfter15Days],
      lostAt: s.lostAt,
      disk: { points: s.disk.points, bytes: round(s.disk.bytes) },
      vault: { points: s.vault.points, bytes: round(s.vault.bytes) },
    })),
  };
}

const INSTANT = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$';
const instant = (description: string) => str(description, INSTANT);

const BY_TYPE = (description: string): JsonSchema => ({
  description: `${description} By type (only the workload's types): SQL full, differential, log and archive (full points in vault-archive); share snapshot and vault; DPM disk (on the server) and vault.`,
  type: 'object',
  propertyNames: { enum: [...POINT_TYPES] },
  additionalProperties: int('The figure for this type.'),
});

const TYPE_JOBS = obj('Job attempts of one type.', {
  succeeded: int('Attempts that succeeded.'),
  failed: int('Attempts that failed.'),
  failedByCause: {
    description: 'Failed attempts by cause, causes in code-unit order.',
    type: 'object',
    propertyNames: { pattern: '^[a-z0-9-]+$' },
    additionalProperties: int('Failed attempts with this cause.'),
  },
});

const GROUP = obj('One workload group: a SQL policy, a file-share policy or a group of MABS/DPM servers.', {
  workload: { description: 'What the group protects.', enum: ['sql', 'files', 'dpm'] },
  group: str('The group as in jobs[].policy: sql:<policy>, files:<policy>, dpm:<server group>.'),
  items: int('Protected items: databases, file shares or protected machines.'),
  points: obj('Recovery points by type.', {
    end: BY_TYPE('At the end of the run.'),
    peak: BY_TYPE('Highest end-of-day count of each type (each on its own day).'),
  }),
  storage: obj('Stored bytes by type (DPM disk bytes are on the server, not in Azure).', {
    end: BY_TYPE('At the end of the run.'),
    peak: BY_TYPE('Highest end-of-day value of each type.'),
  }),
  jobs: {
    description:
      'Job attempts by type: SQL full, differential, log; share snapshot and vault (copy); DPM disk (synchronisation) and vault (online backup).',
    type: 'object',
    propertyNames: { enum: [...POINT_TYPES] },
    additionalProperties: TYPE_JOBS,
  },
  rpoSeconds: ref(
    "Time between an item's consecutive recovery points by data instant, seconds: for SQL in the full recovery model the log-backup RPO; for shares the snapshots'; for DPM the disk points' (synchronisations). For shares and DPM machines the last gap is the window still open at the end of the run (after a lost MABS/DPM server, until the end).",
    'summary5',
  ),
});

// DPM groups add their online points' figure.
const GROUP_WITH_ONLINE = withOptional(GROUP, {
  onlineRpoSeconds: ref(
    "DPM groups only: the time between a machine's consecutive online (vault) points by data instant, seconds, with the window still open at the end of the run.",
    'summary5',
  ),
});

const RECOVERY = obj("A SQL database's point-in-time restore in an incident.", {
  incident: str('The incident (as in dr.incidents).'),
  database: str('The database, <vm>/<name>.'),
  vm: str('The VM hosting it.'),
  at: instant('When the fault hit.'),
  point: nullable(
    obj('The backup restored to.', {
      at: instant('Its data instant (a log: the instant restored to).'),
      type: { description: 'What it is.', enum: ['full', 'differential', 'log'] },
      source: { description: 'Where it was read.', enum: ['vault', 'secondary-vault'] },
    }),
  ),
  rpoSeconds: nullable(num('Fault until the restored instant, seconds.')),
  availableAt: nullable(instant('When that copy could be read.')),
  note: str('Why this copy, or why none.'),
});

const RESTORE = obj('A file-share restore.', {
  share: str('The share, <storage account>/<name>.'),
  at: instant('When it was asked for.'),
  kind: { description: 'The whole share or some items.', enum: ['share', 'items'] },
  items: int('Files or folders of an item-level restore, else 0.'),
  to: { description: 'Where to.', enum: ['original', 'alternate'] },
  outcome: { description: 'Whether it could run.', enum: ['ok', 'refused'] },
  tier: nullable({ description: 'The tier restored from.', enum: ['snapshot', 'vault'] }),
  point: nullable(instant('The data instant restored.')),
  bytes: int('Bytes restored.'),
  note: str('Why this tier, or why refused.'),
});

const SERVER = obj('A MABS or DPM server.', {
  server: str('Server id.'),
  kind: { description: 'Azure Backup Server or System Center DPM.', enum: ['mabs', 'dpm'] },
  machines: int('Machines it protects.'),
  offline: list(
    'Windows without connectivity to Azure Backup.',
    obj('A window.', { from: instant('From.'), to: instant('To (exclusive).') }),
  ),
  stoppedAfter15Days: list(
    'When backups to disk stopped because the server had been offline more than 15 days.',
    instant('An instant.'),
  ),
  lostAt: nullable(instant('When the server was lost, with its disk points.')),
  disk: obj('Disk recovery points on the server at the end.', {
    points: int('Points.'),
    bytes: int('Bytes.'),
  }),
  vault: obj("Online points of the server's machines in the vault at the end.", {
    points: int('Points.'),
    bytes: int('Bytes.'),
  }),
});

/** JSON Schema of a run's `workloads`. */
export const WORKLOADS_SCHEMA: JsonSchema = obj(
  'SQL Server in Azure VMs, Azure file shares and MABS/DPM servers (present only when the scenario has any).',
  {
    groups: list('Per workload group, in job order.', GROUP_WITH_ONLINE),
    sqlRecoveries: list('SQL databases restored in incidents, in incident order.', RECOVERY),
    fileRestores: list('File-share restores, in time order.', RESTORE),
    servers: list('MABS/DPM servers, in scenario order.', SERVER),
  },
);
