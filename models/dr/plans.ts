// Recovery plans (docs/reference.md §5.5): groups run in order — a group starts when every
// VM of the previous one is up, after its manual step — and the VMs of a group fail over in
// parallel. VMs of one replication group share their recovery point (multi-VM consistency,
// §5.1): the latest point every member has.

import type { PointChoice, RecoveryPlanSpec } from '../scenario/dr.js';
import type { Decided, Draws } from './disaster-recovery.js';
import type { DrVm, ReplicaPoint } from './recovery-types.js';
import { VmReplica } from './replica.js';
import { groupBy } from './scope.js';

/** A plan group restricted to the VMs an incident hit. */
export interface ActiveGroup {
  /** Index of the group in the plan (0-based). */
  index: number;
  vms: string[];
  manual: number;
}

/** When one VM of a plan ran, and how it came back (null: it did not). */
export interface PlanTiming {
  vm: string;
  group: number;
  start: number;
  end: number;
  decided: Decided | null;
  note: string;
  /** Whether it did not come back because its target region was short of cores (it may wait for them). */
  short: boolean;
}

/** What running a plan needs from its caller. */
export interface PlanHooks {
  /** The first instant ≥ t when this VM's failover can start (control plane). */
  startFrom: (v: DrVm, t: number) => number;
  vm: (id: string) => DrVm;
  draws: (id: string) => Draws;
  choice: PointChoice;
  notAfter: number;
  /** Takes the VM's cores in its target region; false when short. */
  take: (v: DrVm) => boolean;
}

/** The plan's groups that hold any of `hit`, in order, keeping their manual steps. */
export function planGroupsFor(plan: RecoveryPlanSpec, hit: ReadonlySet<string>): ActiveGroup[] {
  const out: ActiveGroup[] = [];
  plan.groups.forEach((g, index) => {
    const vms = g.vms.filter((id) => hit.has(id));
    if (vms.length > 0) out.push({ index, vms, manual: g.manual });
  });
  return out;
}

/** Runs the groups from `from`; returns one timing per VM, in group then id order. */
export function runPlan(groups: readonly ActiveGroup[], from: number, hooks: PlanHooks): PlanTiming[] {
  const out: PlanTiming[] = [];
  let t = from;
  for (const g of groups) {
    t += g.manual;
    const groupStart = t;
    let groupEnd = t;
    const starts = new Map(g.vms.map((id) => [id, hooks.startFrom(hooks.vm(id), groupStart)]));
    const points = sharedPoints(g.vms, starts, hooks);
    for (const id of g.vms) {
      const v = hooks.vm(id);
      const start = starts.get(id)!;
      const point = points.get(id) ?? null;
      const dr = hooks.draws(id);
      const timing = (decided: Decided | null, end: number, note: string, short = false): PlanTiming => ({
        vm: id,
        group: g.index,
        start,
        end,
        decided,
        note,
        short,
      });
      if (point === null) {
        out.push(timing(null, start, 'no Site Recovery recovery point'));
        continue;
      }
      const to = v.replica!.to;
      if (!hooks.take(v)) {
        out.push(timing(null, start, `short of ${v.vm.cores} cores in ${to}`, true));
        continue;
      }
      const work = dr.failover + (hooks.choice === 'latest' ? dr.latestProcessing : 0);
      const end = start + work + dr.boot;
      groupEnd = Math.max(groupEnd, end);
      out.push(
        timing(
          {
            path: 'failover',
            point: { at: point.at, source: point.kind === 'app' ? 'asr-app' : 'asr-crash', region: to },
            detection: 0,
            waiting: start - from,
            work,
            boot: dr.boot,
            region: to,
            note: '',
          },
          end,
          '',
        ),
      );
    }
    t = groupEnd;
  }
  return out;
}

// Each VM's point; members of one replication group share the latest point they all have.
function sharedPoints(
  ids: readonly string[],
  starts: ReadonlyMap<string, number>,
  hooks: PlanHooks,
): Map<string, ReplicaPoint | null> {
  const own = new Map<string, ReplicaPoint | null>();
  const grouped = groupBy(
    ids.filter((id) => hooks.vm(id).vm.replicate?.group != null),
    (id) => hooks.vm(id).vm.replicate!.group!,
  );
  for (const id of ids)
    if (hooks.vm(id).vm.replicate?.group == null)
      own.set(id, hooks.vm(id).replica?.point(starts.get(id)!, hooks.choice, hooks.notAfter) ?? null);
  for (const members of grouped.values()) {
    const at = Math.max(...members.map((id) => starts.get(id)!));
    const replicas = members.map((id) => hooks.vm(id).replica!);
    const common = VmReplica.groupPoint(replicas, at, hooks.choice, hooks.notAfter);
    for (const id of members) own.set(id, common);
  }
  return own;
}
