// Full disks in the reports: growth stops at a disk's provisioned size
// (models/workload/growth.ts), and the terminal table, report.md and report.html say which
// fleet groups' disks filled and from when, so a capped figure is never taken for a real one.

import type { DiskFull, RunResult } from '../models/results/types.js';
import { formatBytes, formatCount } from './format.js';
import type { ReportTable } from './sections.js';
import type { SummaryRun } from './summary.js';

// The instant as the summary writes it, without a zero millisecond part.
const instant = (iso: string): string => iso.replace('.000Z', 'Z');

/** One sentence per full disk: `db-a/data-1 (2 TiB) on 3 VMs is full from 2031-05-04T02:11:05Z`. */
export function diskFullSentence(d: DiskFull): string {
  const vms = `${formatCount(d.vms)} VM${d.vms === 1 ? '' : 's'}`;
  return `${d.group}/${d.disk} (${formatBytes(d.size)}) on ${vms} is full from ${instant(d.from)}`;
}

/** Terminal lines: a warning per full disk and run (none when no disk filled). */
export function diskFullLines(runs: readonly SummaryRun[]): string[] {
  const out: string[] = [];
  for (const r of runs)
    for (const d of r.diskFull) {
      const name = runs.length > 1 ? ` (${r.variant})` : '';
      out.push(`! disk full${name}: ${diskFullSentence(d)}; its used bytes stop growing there`);
    }
  return out.length === 0 ? [] : ['', ...out];
}

/** The report's table of full disks for one run, or none when no disk filled. */
export function diskFullTable(r: RunResult): ReportTable[] {
  if (r.diskFull.length === 0) return [];
  return [
    {
      title: `Full disks: ${r.variant}`,
      note: 'Growth stops at a disk’s provisioned size: from this instant on, writes that would add data fail (the disk is full) and only overwrites change it.',
      columns: [
        { label: 'group', align: 'left' },
        { label: 'disk', align: 'left' },
        { label: 'size', align: 'right' },
        { label: 'VMs', align: 'right' },
        { label: 'full from (UTC)', align: 'left' },
      ],
      rows: r.diskFull.map((d) => [
        d.group,
        d.disk,
        formatBytes(d.size),
        formatCount(d.vms),
        instant(d.from),
      ]),
    },
  ];
}
