// The operations part of the terminal summary (issue 14): per run with operations, the log —
// when, who, what, on what, the outcome (and what blocked it), what it changed — the security
// alerts that fired, and what survived the attack per fleet group. Plain text lines.

import type { OperationChanges, OperationRecord, Survivor } from '../models/results/operations.js';
import { formatBytes, formatCount, formatMinute } from './format.js';
import type { SummaryRun } from './summary.js';

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** Lines for every run whose scenario has operations (none otherwise). */
export function operationLines(runs: readonly SummaryRun[]): string[] {
  const out: string[] = [];
  for (const r of runs) {
    const ops = r.operations;
    if (ops === undefined) continue;
    const name = runs.length > 1 ? ` (${r.variant})` : '';
    out.push('', `Operations${name}`);
    const log = mergeRecoveryUndeletes(ops.log);
    const rows = log.map((o) => [
      formatMinute(o.at),
      o.actor,
      o.target,
      o.request,
      outcomeText(o),
      changedText(o.changes),
    ]);
    out.push(...grid(['issued', 'actor', 'target', 'request', 'outcome', 'changed'], rows, log));
    if (ops.alerts.length > 0) out.push(`  security alerts (Sev 0): ${alertCounts(ops.alerts)}`);
    if (ops.attack !== null) {
      const a = ops.attack;
      out.push(
        '',
        `What survived the attack${name}, after ${formatMinute(a.after)}: ${plural(a.points, 'point')} (${formatBytes(a.bytes)}); ${plural(a.lost, 'VM')} with none left, ${plural(a.needUndelete, 'VM')} only in soft delete`,
        ...survivorLines(a.items),
      );
    }
  }
  return out;
}

function outcomeText(o: OperationRecord): string {
  if (o.outcome === 'blocked') return `BLOCKED (${o.blockedBy})`;
  if (o.outcome === 'failed') return 'failed';
  return o.effectiveAt !== null && o.effectiveAt !== o.at ? `ok at ${formatMinute(o.effectiveAt)}` : 'ok';
}

/** What an operation changed, in a few words ("—" for nothing). */
export function changedText(c: OperationChanges): string {
  const parts: string[] = [];
  if (c.pointsDeleted > 0 || c.bytesSoftDeleted > 0)
    parts.push(
      `${plural(c.pointsDeleted, 'point')} ${c.bytesSoftDeleted > 0 ? `to soft delete (${formatBytes(c.bytesSoftDeleted)})` : 'deleted'}`,
    );
  if (c.bytesPurged > 0) parts.push(`${formatBytes(c.bytesPurged)} purged`);
  if (c.purgeAt !== null) parts.push(`purge ${formatMinute(c.purgeAt)}`);
  if (c.pointsPruned > 0) parts.push(`${plural(c.pointsPruned, 'point')} pruned`);
  if (c.pointsRestored > 0)
    parts.push(`${plural(c.pointsRestored, 'point')} back (${formatBytes(c.bytesRestored)})`);
  if (parts.length === 0 && c.items > 0) parts.push(plural(c.items, 'VM'));
  return parts.length === 0 ? '—' : parts.join(', ');
}

// Disaster recovery's undeletes made at one instant, as one row for all their VMs.
function mergeRecoveryUndeletes(log: readonly OperationRecord[]): OperationRecord[] {
  const out: OperationRecord[] = [];
  let run: OperationRecord[] = [];
  const flush = () => {
    if (run.length === 1) out.push(run[0]);
    else if (run.length > 1) {
      const sum = (f: (o: OperationRecord) => number) => run.reduce((n, o) => n + f(o), 0);
      out.push({
        ...run[0],
        target: `${run.length} VMs (${run[0].target} … ${run[run.length - 1].target})`,
        changes: {
          ...run[0].changes,
          items: sum((o) => o.changes.items),
          pointsRestored: sum((o) => o.changes.pointsRestored),
          bytesRestored: sum((o) => o.changes.bytesRestored),
        },
      });
    }
    run = [];
  };
  for (const o of log) {
    const same = run.length > 0 && o.index === 0 && o.at === run[0].at && o.outcome === run[0].outcome;
    if (!same) flush();
    if (o.index === 0) run.push(o);
    else out.push(o);
  }
  flush();
  return out;
}

// Rows under a header, columns padded; a blocked or failed operation's reason on the line below.
function grid(head: string[], rows: string[][], log: readonly OperationRecord[]): string[] {
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, k) => (k === cells.length - 1 ? c : c.padEnd(widths[k]))).join('  ')}`.trimEnd();
  const out = [line(head)];
  rows.forEach((row, i) => {
    out.push(line(row));
    if (log[i].outcome !== 'succeeded' && log[i].reason !== '') out.push(`      ${log[i].reason}`);
  });
  return out;
}

// "Delete Backup Data ×2 (2 blocked), Upcoming Purge ×1", in order of first firing.
function alertCounts(alerts: readonly { alert: string; instance: Record<string, string> }[]): string {
  const counts = new Map<string, { n: number; blocked: number }>();
  for (const a of alerts) {
    const c = counts.get(a.alert) ?? { n: 0, blocked: 0 };
    c.n++;
    if (a.instance.outcome === 'blocked') c.blocked++;
    counts.set(a.alert, c);
  }
  return [...counts]
    .map(([name, c]) => `${name} ×${c.n}${c.blocked > 0 ? ` (${c.blocked} blocked)` : ''}`)
    .join(', ');
}

// Per fleet group (in the order the fleet lists them): VMs, with points, only in soft delete, lost.
function survivorLines(items: readonly Survivor[]): string[] {
  const groups = [...new Set(items.map((s) => s.group))];
  const width = Math.max(5, ...groups.map((g) => g.length)) + 2;
  const out = [
    `  ${'group'.padEnd(width)}${'VMs'.padStart(5)}${'kept'.padStart(7)}${'soft-del'.padStart(10)}${'lost'.padStart(6)}${'points'.padStart(8)}${'stored'.padStart(12)}  oldest → newest`,
  ];
  for (const g of groups) {
    const list = items.filter((s) => s.group === g);
    const count = (f: (s: Survivor) => boolean) => String(list.filter(f).length);
    const oldest = list
      .map((s) => s.oldest)
      .filter((t): t is string => t !== null)
      .sort()[0];
    const newest = list
      .map((s) => s.newest)
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1);
    out.push(
      `  ${g.padEnd(width)}${String(list.length).padStart(5)}${count((s) => s.points > 0 && !s.needsUndelete).padStart(7)}${count((s) => s.needsUndelete).padStart(10)}${count((s) => s.points === 0).padStart(6)}${formatCount(list.reduce((n, s) => n + s.points, 0)).padStart(8)}${formatBytes(list.reduce((n, s) => n + s.bytes, 0)).padStart(12)}  ${oldest === undefined ? '—' : `${formatMinute(oldest)} → ${formatMinute(newest!)}`}`,
    );
  }
  return out;
}
