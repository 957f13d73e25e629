// Objectives judged two ways, both always (issue 15): against what the schedule guarantees
// (every VM in scope: its worst data-loss window and recovery time if a failure struck at the
// worst instant, schedule.ts), and against what the incidents achieved (every VM recovery in
// scope; an unrecovered VM fails both RPO and RTO). An objective passes only when both hold;
// it is skipped only when neither has anything to judge. Global objectives are also reported
// per application (the app's figure is its worst VM's).

import type { Incident, ObjectiveResult, VmRecovery } from '../results/types.js';
import type { ObjectiveScope } from '../scenario/dr.js';
import type { Objectives, Vm } from '../scenario/types.js';
import { durationsAgainst, type ScheduleFigure } from './schedule.js';
import { appOf, inScope, scopeName } from './scope.js';

const MAX_FAILING = 20;

/** Judges the scenario's objectives over the run's incidents; deterministic order. */
export function judgeObjectives(
  objectives: Objectives,
  incidents: readonly Incident[],
  vms: readonly Vm[],
  schedule: readonly ScheduleFigure[] = [],
): ObjectiveResult[] {
  const byId = new Map(vms.map((vm) => [vm.id, vm]));
  const recoveries = incidents.flatMap((i) => i.vms.map((r) => ({ incident: i.id, r, vm: byId.get(r.vm)! })));
  const guaranteed = schedule.map((f) => ({ f, vm: byId.get(f.vm)! })).filter((x) => x.vm !== undefined);
  const targets: { scope: ObjectiveScope; rpo: number | null; rto: number | null }[] = [];
  if (objectives.rpo !== null || objectives.rto !== null) {
    targets.push({ scope: { kind: 'all' }, rpo: objectives.rpo, rto: objectives.rto });
    const apps = [...new Set([...recoveries, ...guaranteed].map((x) => appOf(x.vm)))].sort();
    for (const app of apps)
      targets.push({ scope: { kind: 'app', name: app }, rpo: objectives.rpo, rto: objectives.rto });
  }
  for (const o of objectives.scoped) targets.push(o);
  const out: ObjectiveResult[] = [];
  for (const t of targets) {
    const inside = recoveries.filter((x) => inScope(t.scope, x.vm));
    const covered = guaranteed.filter((x) => inScope(t.scope, x.vm)).map((x) => x.f);
    for (const metric of ['rpo', 'rto'] as const) {
      const target = metric === 'rpo' ? t.rpo : t.rto;
      if (target === null) continue;
      const scope = scopeName(t.scope);
      const byIncidents = judge(scope, metric, target / 1000, inside);
      out.push(combine(byIncidents, judgeSchedule(scope, metric, target, covered)));
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
  const [worstText, targetText] = durationsAgainst(worst === null ? null : worst * 1000, target * 1000);
  const evidence =
    inside.length === 0
      ? `no incident touched ${scope}`
      : failed === 0
        ? `${inside.length} recoveries in ${scope}, worst ${label} ${worstText} within ${targetText}`
        : `${failed} of ${inside.length} recoveries in ${scope} broke ${label} ${targetText}; worst ${worstText ?? 'never recovered'} (${worstAt!.vm} in ${worstAt!.incident})`;
  return {
    scope,
    metric,
    targetSeconds: target,
    worstSeconds: inside.length === 0 ? null : worst,
    judged: inside.length,
    failed,
    failedVms: failing.size,
    pass: failed === 0,
    status: inside.length === 0 ? 'skip' : failed === 0 ? 'pass' : 'fail',
    failing: [...failing].sort(), // uncapped until combine
    evidence,
    schedule: { judged: 0, failed: 0, worstSeconds: null, worstVm: null, failing: [], evidence: '' },
  };
}

// What the schedule guarantees in scope: every VM's figure against the target (ms).
function judgeSchedule(
  scope: string,
  metric: 'rpo' | 'rto',
  target: number,
  figures: readonly ScheduleFigure[],
): ObjectiveResult['schedule'] {
  let worst: ScheduleFigure | null = null;
  const value = (f: ScheduleFigure) => (metric === 'rpo' ? f.rpo : f.rto);
  const failing: string[] = [];
  for (const f of figures) {
    const v = value(f);
    if (v === null || v > target) failing.push(f.vm);
    const w = worst === null ? 0 : value(worst);
    if (worst === null || (w !== null && (v === null || v > w))) worst = f;
  }
  const label = metric.toUpperCase();
  const worstValue = worst === null ? null : value(worst);
  const why = worst === null ? '' : metric === 'rpo' ? worst.rpoEvidence : worst.rtoEvidence;
  const [worstText, targetText] = durationsAgainst(worstValue, target);
  const evidence =
    figures.length === 0
      ? `no protected VM in ${scope}: the schedule has nothing to judge`
      : failing.length === 0
        ? `the schedule guarantees ${label} ${worstText} at worst for ${figures.length} VMs in ${scope}, within ${targetText} (${worst!.vm}: ${why})`
        : `the schedule breaks ${label} ${targetText} for ${failing.length} of ${figures.length} VMs in ${scope}; worst ${worstText ?? 'unbounded'} (${worst!.vm}: ${why})`;
  return {
    judged: figures.length,
    failed: failing.length,
    worstSeconds: worst === null || worstValue === null ? null : Math.round(worstValue) / 1000,
    worstVm: worst?.vm ?? null,
    failing: failing.sort(), // uncapped until combine
    evidence,
  };
}

// One verdict from both judgements: PASS only when both hold, SKIP only when neither judged anything.
// Both judgements' failing VMs arrive uncapped: their union counts failedVms, then lists are capped.
function combine(incidents: ObjectiveResult, schedule: ObjectiveResult['schedule']): ObjectiveResult {
  const judged = incidents.judged + schedule.judged;
  const pass = incidents.pass && schedule.failed === 0;
  const failing = [...new Set([...incidents.failing, ...schedule.failing])].sort();
  return {
    ...incidents,
    pass,
    status: judged === 0 ? 'skip' : pass ? 'pass' : 'fail',
    failedVms: failing.length,
    failing: failing.slice(0, MAX_FAILING),
    evidence: `${schedule.evidence}; ${incidents.evidence}`,
    schedule: { ...schedule, failing: schedule.failing.slice(0, MAX_FAILING) },
  };
}
