// The operations tables of the Markdown and HTML reports (issue 14): per run with operations,
// the operations log and what survived the attack per item.

import type { RunResult } from '../models/results/types.js';
import { formatBytes, formatCount, formatMinute } from './format.js';
import type { ReportTable } from './sections.js';
import { changedText } from './table-operations.js';

const left = (label: string) => ({ label, align: 'left' as const });
const right = (label: string) => ({ label, align: 'right' as const });
// The survivors listed per run; the note gives the totals over all.
const MAX_SURVIVORS = 50;

// "Delete Backup Data ×8, Purge Complete", in the order they came.
function counted(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, k]) => (k === 1 ? n : `${n} ×${k}`)).join(', ') || '-';
}

/** The operations log and the attack's survivors of one run (none without operations). */
export function operationTables(r: RunResult): ReportTable[] {
  const ops = r.operations;
  if (ops === undefined) return [];
  const tables: ReportTable[] = [
    {
      title: `Operations: ${r.variant}`,
      note: 'Blocked: a protection stopped it; failed: nothing to act on. The security alerts each raised follow.',
      columns: [
        left('issued'),
        left('actor'),
        left('target'),
        left('request'),
        left('outcome'),
        left('changed'),
        left('alerts'),
      ],
      rows: ops.log.map((o) => [
        formatMinute(o.at),
        o.actor,
        o.target,
        o.request,
        o.outcome === 'blocked'
          ? `blocked by ${o.blockedBy}`
          : o.outcome === 'failed'
            ? `failed: ${o.reason}`
            : o.effectiveAt !== null && o.effectiveAt !== o.at
              ? `succeeded at ${formatMinute(o.effectiveAt)}`
              : 'succeeded',
        changedText(o.changes),
        counted(o.alerts),
      ]),
    },
  ];
  const a = ops.attack;
  if (a === null) return tables;
  tables.push({
    title: `What survived the attack: ${r.variant}`,
    note: `Right after the attacker's last operation (${formatMinute(a.after)}): ${formatCount(a.points)} points (${formatBytes(a.bytes)}), ${formatCount(a.lost)} VMs with none, ${formatCount(a.needUndelete)} only in soft delete.${a.items.length > MAX_SURVIVORS ? ` The first ${MAX_SURVIVORS} of ${formatCount(a.items.length)} VMs.` : ''}`,
    columns: [
      left('VM'),
      left('group'),
      left('state'),
      right('points'),
      left('oldest'),
      left('newest'),
      right('stored'),
      left('needs undelete'),
    ],
    rows: a.items
      .slice(0, MAX_SURVIVORS)
      .map((s) => [
        s.item,
        s.group,
        s.state,
        formatCount(s.points),
        s.oldest === null ? '-' : formatMinute(s.oldest),
        s.newest === null ? '-' : formatMinute(s.newest),
        formatBytes(s.bytes),
        s.needsUndelete ? 'yes' : 'no',
      ]),
  });
  return tables;
}
