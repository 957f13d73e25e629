// A recovery plan's test failover (docs/reference.md §5.4): the plan's timing from now, with no
// effect on production or capacity; its test VMs run (and are billed, §17) until cleanup.

import type { DrillResult } from '../results/types.js';
import type { RecoveryPlanSpec } from '../scenario/dr.js';
import type { RecoveredVm } from './billing.js';
import type { Draws } from './disaster-recovery.js';
import { planGroupsFor, runPlan } from './plans.js';
import type { DrVm } from './recovery-types.js';

/** What a drill needs: the VMs, each one's draws, and when its test VMs are cleaned up after it ends. */
export interface DrillInput {
  plan: RecoveryPlanSpec;
  now: number;
  vm: (id: string) => DrVm;
  draws: (vm: DrVm) => Draws;
  cleanupAfter: number;
  iso: (t: number) => string;
}

/** Runs the drill: its result, and the test VMs it started (for compute billing). */
export function runDrill(input: DrillInput): { result: DrillResult; started: RecoveredVm[] } {
  const { plan, now } = input;
  const all = new Set(plan.groups.flatMap((g) => g.vms));
  const groups = planGroupsFor(plan, all);
  const draws = new Map([...all].map((id) => [id, input.draws(input.vm(id))]));
  const timings = runPlan(groups, now, {
    startFrom: (_v, t) => t,
    vm: input.vm,
    draws: (id) => draws.get(id)!,
    choice: plan.pointChoice,
    notAfter: now,
    take: () => true,
  });
  const ends = groups.map((_, k) => timings.filter((t) => t.group === k));
  const end = Math.max(now, ...timings.map((t) => t.end));
  // Each test VM runs from its creation until the plan's test failover is cleaned up (§17).
  const cleanup = end + input.cleanupAfter;
  const started: RecoveredVm[] = [];
  for (const t of timings)
    if (t.decided !== null)
      started.push({
        kind: 'drill',
        vm: t.vm,
        region: t.decided.region,
        from: t.end - t.decided.boot,
        to: cleanup,
      });
  return {
    started,
    result: {
      plan: plan.name,
      at: input.iso(now),
      rtoSeconds: (end - now) / 1000,
      groups: ends.map((list, k) => ({
        index: k + 1,
        vms: list.length,
        startSeconds: (Math.min(...list.map((t) => t.start)) - now) / 1000,
        endSeconds: (Math.max(...list.map((t) => t.end)) - now) / 1000,
      })),
    },
  };
}
