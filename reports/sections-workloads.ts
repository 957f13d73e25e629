// The report's workloads section (issue 17): per run with SQL databases, file shares or
// MABS/DPM servers, its groups' points, storage and jobs by type with the RPO between points,
// SQL restores in incidents, file-share restores and backup servers, as report tables
// (report.md and report.html render them).

import type { RunResult } from '../models/results/types.js';
import { formatBytes, formatCount, formatSeconds } from './format.js';
import type { ReportTable } from './sections.js';
import { POINT_TYPES, summariseWorkloads } from './summary-workloads.js';

const left = (label: string) => ({ label, align: 'left' as const });
const right = (label: string) => ({ label, align: 'right' as const });

/** The workload tables of one run (none when its scenario has no workloads). */
export function workloadTables(r: RunResult): ReportTable[] {
  if (r.workloads === undefined) return [];
  const w = summariseWorkloads(r.workloads);
  const rows: string[][] = [];
  for (const g of w.groups)
    for (const t of POINT_TYPES) {
      const points = g.points.end[t];
      if (points === undefined) continue;
      const jobs = g.jobs[t];
      rows.push([
        g.group,
        t,
        formatCount(points),
        formatCount(g.points.peak[t] ?? 0),
        formatBytes(g.storage.end[t] ?? 0),
        jobs === undefined ? '' : formatCount(jobs.succeeded),
        jobs === undefined ? '' : formatCount(jobs.failed),
        // A DPM group's vault row shows its online points' figure, its disk row the disk's.
        gaps(t === 'vault' && g.onlineRpoSeconds !== undefined ? g.onlineRpoSeconds : g.rpoSeconds),
      ]);
    }
  const tables: ReportTable[] = [
    {
      title: `Workloads by type: ${r.variant}`,
      note: "Points and bytes at the end of the run (peak: the highest day); jobs over the run; RPO between points p50 / max: SQL's logs (full recovery model), the shares' snapshots, a DPM group's disk points (its vault row: its online points); for shares and DPM the window still open at the end of the run counts. DPM disk points are on the server, not in Azure.",
      columns: [
        left('group'),
        left('type'),
        right('points'),
        right('peak'),
        right('stored'),
        right('jobs ok'),
        right('failed'),
        right('RPO p50 / max'),
      ],
      rows,
    },
  ];
  if (w.sqlRecoveries.length > 0)
    tables.push({
      title: `SQL point-in-time restores: ${r.variant}`,
      note: 'Each database restored to its last backup that reached a usable copy.',
      columns: [
        left('incident'),
        left('database'),
        left('restored to'),
        left('from'),
        right('RPO'),
        left('note'),
      ],
      rows: w.sqlRecoveries.map((x) => [
        x.incident,
        x.database,
        x.point === null ? '—' : `${x.point.type} ${x.point.at}`,
        x.point?.source ?? '—',
        x.rpoSeconds === null ? '—' : formatSeconds(x.rpoSeconds),
        x.note,
      ]),
    });
  if (w.fileRestores.length > 0)
    tables.push({
      title: `File-share restores: ${r.variant}`,
      note: '',
      columns: [
        left('at'),
        left('share'),
        left('what'),
        left('to'),
        left('outcome'),
        left('tier'),
        right('bytes'),
      ],
      rows: w.fileRestores.map((x) => [
        x.at,
        x.share,
        // An item-level restore counts items; their sizes are not modelled (docs/model.md F6).
        x.kind === 'share' ? 'whole share' : `${formatCount(x.items)} ${x.items === 1 ? 'item' : 'items'}`,
        x.to,
        x.outcome === 'ok' ? 'ok' : `refused: ${x.note}`,
        x.tier ?? '—',
        x.kind === 'share' ? formatBytes(x.bytes) : '—',
      ]),
    });
  if (w.servers.length > 0)
    tables.push({
      title: `Backup servers: ${r.variant}`,
      note: 'Disk points are lost with the server; vault points stay.',
      columns: [
        left('server'),
        right('machines'),
        right('disk points'),
        right('vault points'),
        right('vault bytes'),
        left('offline'),
        left('lost'),
      ],
      rows: w.servers.map((s) => [
        s.server,
        formatCount(s.machines),
        formatCount(s.disk.points),
        formatCount(s.vault.points),
        formatBytes(s.vault.bytes),
        s.offline.map((o) => `${o.from}–${o.to}`).join(', ') || '—',
        s.lostAt ?? '—',
      ]),
    });
  return tables;
}

// A gap figure as p50 / max, or a dash when it has no gap.
const gaps = (s: { count: number; p50: number; max: number }) =>
  s.count === 0 ? '—' : `${formatSeconds(s.p50)} / ${formatSeconds(s.max)}`;
