// The disaster-recovery part of the terminal summary: per run, each incident with its VMs'
// RPO/RTO per fleet group and recovery path, replication and its recovery points per group,
// the worst VMs, the drills, and every objective with PASS/FAIL and its evidence. Plain text lines.

import type {
  Incident,
  ObjectiveResult,
  ProtectionAfter,
  ReplicaPoints,
  VmRecovery,
} from '../models/results/types.js';
import { formatBytes, formatSeconds } from './format.js';
import { formatTarget } from './objective-label.js';
import type { SummaryRun } from './summary.js';

const dur = (s: number | null): string => (s === null ? 'never' : formatSeconds(s));
// Bytes/s as MB/s (2^20 bytes, as Site Recovery's limits are stated), 1 decimal.
const formatBandwidthMBps = (bps: number): string => {
  const mb = bps / 2 ** 20;
  return mb >= 10 ? `${mb.toFixed(1)} MB/s` : `${mb.toFixed(3)} MB/s`;
};
const pad = (text: string, width: number) => text.padEnd(width);

/** Lines for every run that has incidents, drills or objectives (none otherwise). */
export function drLines(runs: readonly SummaryRun[]): string[] {
  const out: string[] = [];
  for (const r of runs) {
    const dr = r.dr;
    const hasDr =
      dr !== null &&
      (dr.incidents.length > 0 || dr.drills.length > 0 || dr.replication.length > 0 || dr.pastEnd.length > 0);
    if (!hasDr && r.objectives.length === 0) continue;
    const name = runs.length > 1 ? ` (${r.variant})` : '';
    if (hasDr) {
      out.push('', `Disaster recovery${name}`);
      for (const i of dr!.incidents) out.push(...incidentLines(i));
      for (const e of dr!.pastEnd)
        out.push(
          `  events[${e.event}] (${e.kind}) drawn at ${e.at}, at or after the end of the run: it did not happen`,
        );
      for (const g of dr!.replication)
        out.push(
          `  replication ${g.group}: ${g.vms} VMs, peak RPO p50 ${dur(g.peakRpoSeconds.p50)}, max ${dur(g.peakRpoSeconds.max)}; RPO ${dur(g.rpoTargetSeconds)} needs ${
            g.bandwidthForTarget === null
              ? 'more than the churn limit'
              : `${formatBandwidthMBps(g.bandwidthForTarget)} per VM`
          }, exceeded on ${g.daysOverTarget} VM-day${g.daysOverTarget === 1 ? '' : 's'}${
            g.overLimit.length > 0
              ? `; over the churn limit: ${g.overLimit.slice(0, 5).join(', ')}${g.overLimit.length > 5 ? ', …' : ''}`
              : ''
          }`,
        );
      out.push(...pointLines(dr!.points));
      for (const d of dr!.drills)
        out.push(
          `  drill ${d.plan} at ${d.at}: RTO ${dur(d.rtoSeconds)} over ${d.groups.length} group${d.groups.length === 1 ? '' : 's'}`,
        );
      if (dr!.worst.length > 0)
        out.push(
          `  worst: ${dr!.worst
            .slice(0, 5)
            .map((w) => `${w.vm} RTO ${dur(w.rtoSeconds)} RPO ${dur(w.rpoSeconds)}`)
            .join('; ')}`,
        );
    }
    if (r.objectives.length > 0) {
      out.push('', `Objectives${name}`);
      for (const o of r.objectives) out.push(objectiveLine(o));
    }
  }
  return out;
}

// Per replication group, the Site Recovery points its VMs hold at the end (§5.1): the range of
// crash- and app-consistent counts per VM and the oldest point.
function pointLines(points: readonly ReplicaPoints[]): string[] {
  const groups = [...new Set(points.map((p) => p.group))].sort();
  return groups.map((g) => {
    const list = points.filter((p) => p.group === g);
    const range = (f: (p: ReplicaPoints) => number) => {
      const values = list.map(f);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      return lo === hi ? String(lo) : `${lo}–${hi}`;
    };
    const oldest = list
      .map((p) => p.oldest)
      .filter((o): o is string => o !== null)
      .sort()[0];
    return `  points ${g} at the end: ${range((p) => p.crashConsistent)} crash- and ${range((p) => p.appConsistent)} app-consistent per VM; oldest ${oldest ?? 'none'}`;
  });
}

function incidentLines(i: Incident): string[] {
  const lines = [
    `  ${i.id} (${i.scope}) at ${i.at}${i.end === null ? '' : ` until ${i.end}`}: ${i.vms.length} VM${i.vms.length === 1 ? '' : 's'} down`,
    `    acted on at ${i.detectedAt}, after ${i.detectedBy}`,
  ];
  const groups = [...new Set(i.vms.map((v) => v.group))].sort();
  const width = Math.max(6, ...groups.map((g) => g.length)) + 2;
  const byGroup = groups.map((g) => i.vms.filter((v) => v.group === g));
  const lost = byGroup.map(dataLost);
  const lostWidth = Math.max(12, ...lost.map((l) => l.length + 2));
  lines.push(
    `    ${pad('group', width)}${pad('VMs', 5)}${pad('RPO p50 / max', 20)}${pad('RTO p50 / max', 20)}${pad('data lost', lostWidth)}paths`,
  );
  groups.forEach((g, k) => {
    const vms = byGroup[k];
    lines.push(
      `    ${pad(g, width)}${pad(String(vms.length), 5)}${pad(pair(vms.map((v) => v.rpoSeconds)), 20)}${pad(pair(vms.map((v) => v.rtoSeconds)), 20)}${pad(lost[k], lostWidth)}${paths(vms)}`,
    );
  });
  groups.forEach((g, k) => {
    const after = afterLine(byGroup[k]);
    if (after !== '') lines.push(`    afterwards ${g}: ${after}`);
  });
  return lines;
}

// What protects a group's recovered VMs afterwards: replication back (and by when), the
// vaults backing them up, and how many are unprotected by backup (issue 15).
function afterLine(vms: readonly VmRecovery[]): string {
  const back = vms.filter((v) => v.afterwards !== null).map((v) => v.afterwards!);
  if (back.length === 0) return '';
  const parts: string[] = [];
  const replicated = back.filter((a) => a.replication !== null && a.replication.from !== null);
  if (replicated.length > 0) {
    const last = replicated
      .map((a) => a.replication!.from!)
      .sort()
      .at(-1);
    const to = [...new Set(replicated.map((a) => a.replication!.to))].sort().join(', ');
    parts.push(`replicating to ${to} (${replicated.length}, all by ${last})`);
  }
  const notBack = back.filter((a) => a.replication !== null && a.replication.from === null).length;
  if (notBack > 0) parts.push(`replication not back in the run (${notBack})`);
  const vaults = new Map<string, number>();
  for (const a of back)
    if (a.backup !== null) vaults.set(a.backup.vault, (vaults.get(a.backup.vault) ?? 0) + 1);
  for (const [vault, n] of [...vaults].sort(([a], [b]) => (a < b ? -1 : 1)))
    parts.push(`backed up to ${vault} (${n})`);
  // Why no vault backs a VM up is the note's clause (models/dr/record.ts joins clauses with '; ',
  // a replication clause first): no vault where it runs, or its item's protection stopped.
  const gap = (a: ProtectionAfter, clause: string) =>
    a.backup === null && a.note.split('; ').some((c) => c.startsWith(clause));
  const unprotected = back.filter((a) => gap(a, 'unprotected by backup')).length;
  if (unprotected > 0) parts.push(`unprotected by backup (${unprotected}: no vault named where they run)`);
  const stopped = back.filter((a) => gap(a, 'not backed up: protection stopped')).length;
  if (stopped > 0) parts.push(`not backed up: protection stopped (${stopped})`);
  return parts.join('; ');
}

// "p50 / max" of values where null (never recovered) is the worst.
function pair(values: (number | null)[]): string {
  if (values.some((v) => v === null)) {
    const done = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
    return `${done.length === 0 ? 'never' : dur(done[Math.floor((done.length - 1) / 2)])} / never`;
  }
  const sorted = (values as number[]).sort((a, b) => a - b);
  return `${dur(sorted[Math.floor((sorted.length - 1) / 2)])} / ${dur(sorted[sorted.length - 1])}`;
}

// A group's data lost: the bytes written between its VMs' points and the fault. An unrecovered
// VM has no point, so what it lost is unknown — all it wrote since its last point, or all of
// it — not the 0 summary.json's dataLostBytes holds for it: "—" when no VM of the group came
// back, else the recovered VMs' sum as a lower bound ("≥").
function dataLost(vms: readonly VmRecovery[]): string {
  const recovered = vms.filter((v) => v.path !== 'unrecovered');
  const bytes = formatBytes(recovered.reduce((s, v) => s + v.dataLostBytes, 0));
  if (recovered.length === vms.length) return bytes;
  return recovered.length === 0 ? '—' : `≥ ${bytes}`;
}

function paths(vms: readonly VmRecovery[]): string {
  const counts = new Map<string, number>();
  for (const v of vms) counts.set(v.path, (counts.get(v.path) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([p, n]) => (n === vms.length ? p : `${p} ×${n}`))
    .join(', ');
}

function objectiveLine(o: ObjectiveResult): string {
  return `  ${o.status.toUpperCase()}  ${o.metric.toUpperCase()} ≤ ${formatTarget(o.targetSeconds)} for ${o.scope}: ${o.evidence}`;
}
