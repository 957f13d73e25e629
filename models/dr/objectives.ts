// Objectives judged against what the incidents achieved: every VM recovery in scope is
// checked (an unrecovered VM fails both RPO and RTO), and global objectives are also
// reported per application (the app's figure is its worst VM's).

import type { Incident, ObjectiveResult, VmRecovery } from '../results/types.js';
import type { ObjectiveScope } from '../scenario/dr.js';
import type { Objectives, Vm } from '../scenario/types.js';
import { appOf, inScope, scopeName } from './scope.js';

const MAX_FAILING = 20;

/** Judges the scenario's objectives over the run's incidents; deterministic order. */
export function judgeObjectives(
  objectives: Objectives,
  incidents: readonly Incident[],
  vms: readonly Vm[],
): ObjectiveResult[] {
  const byId = new Map(vms.map((vm) => [vm.id, vm]));
  const recoveries = incidents.flatMap((i) => i.vms.map((r) => ({ incident: i.id, r, vm: byId.get(r.vm)! })));
  const targets: { scope: ObjectiveScope; rpo: number | null; rto: number | null }[] = [];
  if (objectives.rpo !== null || objectives.rto !== null) {
    targets.push({ scope: { kind: 'all' }, rpo: objectives.rpo, rto: objectives.rto });
    const apps = [...new Set(recoveries.map((x) => appOf(x.vm)))].sort();
    for (const app of apps)
      targets.push({ scope: { kind: 'app', name: app }, rpo: objectives.rpo, rto: objectives.rto });
  }
  for (const o of objectives.scoped) targets.push(o);
  const out: ObjectiveResult[] = [];
  for (const t of targets) {
    const inside = recoveries.filter((x) => inScope(t.scope, x.vm));
    for (const metric of ['rpo', 'rto'] as const) {
      const target = metric === 'rpo' ? t.rpo : t.rto;
      if (target === null) continue;
      out.push(judge(scopeName(t.scope), metric, target / 1000, inside));
    }
  }
  return out;
}

function judge(
  scope: string,
  metric: 'rpo' | 'rto',
  target: number,
  inside: { incident: string; r: VmRecovery }[],
): ObjectiveResult {
  const value = (r: VmRecovery) => (metric === 'rpo' ? r.rpoSeconds : r.rtoSeconds);
  let worst: number | null = 0;
  let worstAt: { incident: string; vm: string } | null = null;
  const failing = new Set<string>();
  let failed = 0;
  for (const { incident, r } of inside) {
    const v = value(r);
    const bad = v === null || v > target;
    if (bad) {
      failed++;
      failing.add(r.vm);
    }
    if (worst !== null && (v === null || v > worst)) {
      worst = v;
      worstAt = { incident, vm: r.vm };
    }
  }
  const label = metric.toUpperCase();
  const evidence =
    inside.length === 0
      ? `no incident touched ${scope}: nothing to judge`
      : failed === 0
        ? `${inside.length} recoveries in ${scope}, worst ${label} ${fmt(worst)} within ${fmt(target)}`
        : `${failed} of ${inside.length} recoveries in ${scope} broke ${label} ${fmt(target)}; worst ${worst === null ? 'never recovered' : fmt(worst)} (${worstAt!.vm} in ${worstAt!.incident})`;
  return {
    scope,
    metric,
    targetSeconds: target,
    worstSeconds: inside.length === 0 ? null : worst,
    judged: inside.length,
    failed,
    pass: failed === 0,
    failing: [...failing].sort().slice(0, MAX_FAILING),
    evidence,
  };
}

// Seconds as a short duration, as reports print them: 42.0s, 5m 0s, 15h 59m, 2d 3h.
function fmt(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${(Math.round(seconds * 10) / 10).toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  const m = Math.round(s / 60);
  if (m < 1440) return `${Math.floor(m / 60)}h ${m % 60}m`;
  const h = Math.round(m / 60);
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
