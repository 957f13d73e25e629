// The workloads part of the terminal summary (issue 17): per run with SQL databases, file
// shares or MABS/DPM servers, a grid of each group's recovery points, storage and jobs by type,
// the RPO between points, then SQL restores in incidents, file-share restores and servers.

import { formatBytes, formatCount, formatMinute, formatSeconds } from './format.js';
import { renderGrid } from './grid.js';
import type { SummaryRun } from './summary.js';
import { POINT_TYPES, type SummaryWorkloadGroup, type SummaryWorkloads } from './summary-workloads.js';

// At most this many lines of SQL restores per run (the summary has them all).
const MAX_RESTORE_LINES = 20;

/** Lines for every run whose scenario has workloads (none otherwise). */
export function workloadLines(runs: readonly SummaryRun[]): string[] {
  const out: string[] = [];
  for (const r of runs) {
    const w = r.workloads;
    if (w === undefined) continue;
    const name = runs.length > 1 ? ` (${r.variant})` : '';
    out.push('', `Workloads${name}`);
    out.push(...workloadGrid(w, 'text').map((l) => `  ${l}`));
    for (const g of w.groups) out.push(...rpoLines(g));
    out.push(...recoveryLines(w), ...restoreLines(w), ...serverLines(w));
  }
  return out;
}

// What a group's gap figures are measured on: SQL's logs (full recovery model), the shares'
// snapshots, a DPM machine's disk points and online points; for shares and machines the
// window still open at the end of the run counts (docs/model.md F2, D2).
const RPO_ON: Record<SummaryWorkloadGroup['workload'], string> = {
  sql: 'points (log backups: the log-backup RPO)',
  files: 'snapshots',
  dpm: 'disk points',
};

// The "RPO between …" lines of a group: p50, p95 and max of each figure it has.
function rpoLines(g: SummaryWorkloadGroup): string[] {
  const line = (on: string, s: SummaryWorkloadGroup['rpoSeconds']) =>
    `  RPO between ${on} ${g.group}: p50 ${formatSeconds(s.p50)}, p95 ${formatSeconds(s.p95)}, max ${formatSeconds(s.max)}`;
  const out: string[] = [];
  if (g.rpoSeconds.count > 0) out.push(line(RPO_ON[g.workload], g.rpoSeconds));
  if (g.onlineRpoSeconds !== undefined && g.onlineRpoSeconds.count > 0)
    out.push(line('online (vault) points', g.onlineRpoSeconds));
  return out;
}

/** The groups' figures by type as grid lines (text or Markdown), one row per group and type. */
export function workloadGrid(w: SummaryWorkloads, format: 'text' | 'md'): string[] {
  const rows: string[][] = [];
  for (const g of w.groups) {
    rows.push([g.group, itemsLabel(g.workload, g.items), '', '', '', '', '', '']);
    for (const t of POINT_TYPES) {
      const points = g.points.end[t];
      if (points === undefined) continue;
      const jobs = g.jobs[t];
      const causes =
        jobs === undefined || jobs.failed === 0
          ? ''
          : ` (${Object.entries(jobs.failedByCause)
              .map(([c, n]) => `${c} ${formatCount(n)}`)
              .join(', ')})`;
      rows.push([
        `  ${t}`,
        '',
        formatCount(points),
        formatCount(g.points.peak[t] ?? 0),
        formatBytes(g.storage.end[t] ?? 0),
        formatBytes(g.storage.peak[t] ?? 0),
        jobs === undefined ? '' : formatCount(jobs.succeeded),
        jobs === undefined ? '' : `${formatCount(jobs.failed)}${causes}`,
      ]);
    }
  }
  return renderGrid(
    ['group / type', 'items', 'points', 'peak', 'stored', 'peak stored', 'jobs ok', 'failed'],
    rows,
    format,
  );
}

// A group's items as the cell says them: a SQL group's are its databases (each a backup item
// of Azure's, §16.3), not the model's protected items (a VM's databases under one policy, Q1).
function itemsLabel(workload: string, items: number): string {
  if (workload !== 'sql') return formatCount(items);
  return `${formatCount(items)} ${items === 1 ? 'database' : 'databases'}`;
}

function recoveryLines(w: SummaryWorkloads): string[] {
  if (w.sqlRecoveries.length === 0) return [];
  const shown = w.sqlRecoveries.slice(0, MAX_RESTORE_LINES).map((r) => {
    const point =
      r.point === null
        ? 'nothing usable'
        : `${r.point.type} of ${formatMinute(r.point.at)} from the ${r.point.source === 'vault' ? 'vault' : 'paired region'}`;
    const rpo = r.rpoSeconds === null ? '' : `, RPO ${formatSeconds(r.rpoSeconds)}`;
    const note = r.note === '' ? '' : ` (${r.note})`;
    return `    ${r.incident} ${r.database}: ${point}${rpo}${note}`;
  });
  const more = w.sqlRecoveries.length - shown.length;
  return [
    '  SQL point-in-time restores',
    ...shown,
    ...(more > 0 ? [`    … and ${formatCount(more)} more (summary.json has them all)`] : []),
  ];
}

function restoreLines(w: SummaryWorkloads): string[] {
  if (w.fileRestores.length === 0) return [];
  return [
    '  File-share restores',
    ...w.fileRestores.map((r) => {
      const what = `${r.kind === 'share' ? 'whole share' : 'items'} to ${r.to} location`;
      const how =
        r.outcome === 'ok'
          ? `from the ${r.tier} tier, point ${formatMinute(r.point ?? '')}, ${r.kind === 'share' ? formatBytes(r.bytes) : `${formatCount(r.items)} ${r.items === 1 ? 'item' : 'items'}`}`
          : `REFUSED: ${r.note}`;
      return `    ${formatMinute(r.at)} ${r.share}: ${what}, ${how}`;
    }),
  ];
}

function serverLines(w: SummaryWorkloads): string[] {
  if (w.servers.length === 0) return [];
  return [
    '  Backup servers',
    ...w.servers.map((s) => {
      const events = [
        ...s.offline.map((o) => `offline ${formatMinute(o.from)}–${formatMinute(o.to)}`),
        ...s.stoppedAfter15Days.map((t) => `backups stopped ${formatMinute(t)} (offline > 15 days)`),
        ...(s.lostAt === null ? [] : [`LOST ${formatMinute(s.lostAt)}`]),
      ];
      return `    ${s.server} (${s.kind}, ${formatCount(s.machines)} machines): disk ${formatCount(s.disk.points)} points ${formatBytes(s.disk.bytes)}, vault ${formatCount(s.vault.points)} points ${formatBytes(s.vault.bytes)}${events.length === 0 ? '' : `; ${events.join('; ')}`}`;
    }),
  ];
}
