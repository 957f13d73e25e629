// Warnings for what a scenario names that would never act (issue 15): a retention tier the
// schedule cannot fill (models/retention/reach.ts), an action group no rule or built-in
// alert uses, a recovery plan that no outage, event or alert action runs, a fault that hits
// nothing (no-op-faults.ts), an objective with nothing to judge (no-op-objectives.ts). The scenario still
// runs; `--strict` makes these errors. Checked on a scenario that has no errors.

import { backupWeekdays, unreachableTiers } from '../../models/retention/reach.js';
import type { FaultSpec, RecoveryPlanSpec } from '../../models/scenario/dr.js';
import type { MarsServer, Policy, Region, Retention, Vault, Vm } from '../../models/scenario/types.js';
import type { Workloads } from '../../models/scenario/workloads.js';
import { describeDayRule, NOOP_MSG } from '../messages-noop.js';
import type { PathSegment } from '../source.js';
import type { Context } from './context.js';
import { warnIdleFaults } from './no-op-faults.js';
import { warnUnjudgedObjectives } from './no-op-objectives.js';

type Raw = Record<string, unknown>;

/** What the no-op checks read: the raw document (for positions) and the typed parts. */
export interface NoOpParts {
  policies: ReadonlyMap<string, Policy>;
  servers: readonly MarsServer[];
  vms: readonly Vm[];
  faults: readonly FaultSpec[];
  plans: readonly RecoveryPlanSpec[];
  vaults: readonly Vault[];
  regions: readonly Region[];
  workloads: Workloads | null;
}

/** Records a warning for each thing the scenario names that would never act. */
export function warnNoOps(ctx: Context, raw: Raw, parts: NoOpParts): void {
  firsts(raw.policies).forEach(([i, p]) => {
    const policy = parts.policies.get(p.name as string);
    if (policy !== undefined)
      warnRetention(
        ctx,
        p.retention as Raw,
        ['policies', i, 'retention'],
        policy.retention,
        backupWeekdays(policy.schedule),
      );
  });
  firsts(raw.servers).forEach(([i, g]) => {
    const server = parts.servers.find((s) => s.group === g.name);
    if (server === undefined) return;
    const days = backupWeekdays({
      frequency: server.schedule.days.length > 0 ? 'weekly' : 'daily',
      days: server.schedule.days,
    });
    warnRetention(ctx, g.retention as Raw, ['servers', i, 'retention'], server.retention, days);
  });
  const monitor = (raw.monitor as Raw | undefined) ?? {};
  const rules = (monitor.alerts as Raw[] | undefined) ?? [];
  const actions = new Set([
    ...rules.flatMap((r) => (r.actions as string[] | undefined) ?? []),
    ...(((monitor.builtIn as Raw | undefined)?.actions as string[] | undefined) ?? []),
  ]);
  firsts(monitor.actionGroups).forEach(([i, g]) => {
    if (!actions.has(g.name as string))
      ctx.warn(
        'unused-action-group',
        ['monitor', 'actionGroups', i, 'name'],
        NOOP_MSG.unusedActionGroup(g.name as string),
      );
  });
  const run = plansRun(parts, actions);
  firsts(raw.recoveryPlans).forEach(([i, p]) => {
    const name = p.name as string;
    if (parts.plans.some((plan) => plan.name === name) && !run.has(name))
      ctx.warn('untriggered-plan', ['recoveryPlans', i, 'name'], NOOP_MSG.untriggeredPlan(name));
  });
  warnIdleFaults(ctx, raw.events, parts);
  warnUnjudgedObjectives(ctx, raw, parts);
}

// Each named item of a raw list with its index, the first of each name only (a repeated
// name is already an error).
function firsts(list: unknown): [number, Raw][] {
  if (!Array.isArray(list)) return [];
  const seen = new Set<unknown>();
  return (list as Raw[]).flatMap((item, i) => {
    if (seen.has(item.name)) return [];
    seen.add(item.name);
    return [[i, item] as [number, Raw]];
  });
}

function warnRetention(
  ctx: Context,
  raw: Raw,
  path: readonly PathSegment[],
  retention: Retention,
  days: readonly number[],
): void {
  for (const t of unreachableTiers(retention, days)) {
    const given = (raw[t.tier] as Raw | undefined)?.on !== undefined;
    const at = given ? [...path, t.tier, 'on'] : [...path, t.tier];
    if (t.tier === 'weekly' || t.tier === 'daily') {
      ctx.warn('tier-never-kept', at, NOOP_MSG.weeklyNever(retention.weekly?.on ?? [], days));
      continue;
    }
    const rule = retention[t.tier]!.on;
    if (t.reach === 'never')
      ctx.warn(
        'tier-never-kept',
        at,
        NOOP_MSG.tierNever(t.tier, describeDayRule(rule), retention.yearly?.in ?? [], !given, days),
      );
    else
      ctx.warn(
        'tier-seldom-kept',
        at,
        NOOP_MSG.tierSeldom(t.tier, describeDayRule(rule), retention.yearly?.in ?? [], days),
      );
  }
}

// The recovery plans something runs: an outage hitting one of its VMs (plans fail over the
// VMs an outage hits, models/dr), an event naming it (a drill), or an alert action
// failover:<plan>.
function plansRun(parts: NoOpParts, actions: ReadonlySet<string>): Set<string> {
  const run = new Set<string>();
  for (const a of actions) if (a.startsWith('failover:')) run.add(a.slice('failover:'.length));
  const region = new Map(parts.vms.map((vm) => [vm.id, vm]));
  for (const f of parts.faults) {
    const named = (f as { plan?: unknown }).plan;
    if (typeof named === 'string') run.add(named);
    if (f.kind !== 'region-outage' && f.kind !== 'zone-outage') continue;
    for (const plan of parts.plans) {
      const hit = plan.groups.some((g) =>
        g.vms.some((id) => {
          const vm = region.get(id);
          return (
            vm !== undefined && vm.region === f.region && (f.kind === 'region-outage' || vm.zone === f.zone)
          );
        }),
      );
      if (hit) run.add(plan.name);
    }
  }
  return run;
}
