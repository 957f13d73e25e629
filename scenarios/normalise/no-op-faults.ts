// Warnings for injected faults that would hit nothing (issue 15's "no silent no-ops" for the
// events list): an outage or control-plane outage of a region where nothing of the scenario
// runs or is stored, a zone outage with no VM in that zone (nor an LRS vault in its region), a churn spike on VMs none of
// which Site Recovery replicates (a spike raises only replication churn, models/dr/replica.ts),
// a degraded replication out of a region no VM replicates from. A rehearsal whose fault did
// nothing must say so rather than pass every objective with "no incident touched" it.

import type { FaultSpec } from '../../models/scenario/dr.js';
import type { Region, Vault, Vm } from '../../models/scenario/types.js';
import type { Workloads } from '../../models/scenario/workloads.js';
import { NOOP_MSG } from '../messages-noop.js';
import type { Context } from './context.js';
import { FAULT_KINDS } from './events.js';

/** What the fault checks read: the faults in the order of `events`, and what they could hit. */
export interface FaultTargets {
  faults: readonly FaultSpec[];
  vms: readonly Vm[];
  vaults: readonly Vault[];
  regions: readonly Region[];
  workloads: Workloads | null;
}

// The events' kinds as `events[i]` writes them, for the warning's position.
const KEY: Partial<Record<FaultSpec['kind'], string>> = {
  'region-outage': 'outage',
  'zone-outage': 'outage',
  'control-plane': 'controlPlane',
  'churn-spike': 'churnSpike',
  'link-degradation': 'degrade',
};

/** Records a `fault-hits-nothing` warning for each fault that nothing in the scenario would feel. */
export function warnIdleFaults(ctx: Context, rawEvents: unknown, t: FaultTargets): void {
  if (!Array.isArray(rawEvents)) return;
  const used = regionsInUse(t);
  // readEvents makes one fault per entry of a FAULT_KINDS kind, in order (on a scenario
  // without errors, which is when no-op checks run).
  const indices = (rawEvents as Record<string, unknown>[]).flatMap((e, i) =>
    FAULT_KINDS.some((k) => e[k] !== undefined) ? [i] : [],
  );
  t.faults.forEach((f, n) => {
    const i = indices[n];
    const key = KEY[f.kind];
    if (i === undefined || key === undefined) return;
    const message = idle(f, t, used);
    if (message !== null) ctx.warn('fault-hits-nothing', ['events', i, key], message);
  });
}

// Why the fault would change nothing, or null when something feels it.
function idle(f: FaultSpec, t: FaultTargets, used: ReadonlySet<string>): string | null {
  switch (f.kind) {
    case 'region-outage':
    case 'control-plane':
      return used.has(f.region) ? null : NOOP_MSG.idleRegion(f.kind, f.region);
    case 'zone-outage': {
      // docs/model.md: an LRS vault is unreadable during any zone outage of its region.
      const zonal = t.vms.some((vm) => vm.region === f.region && vm.zone === f.zone);
      const lrs = t.vaults.some((v) => v.region === f.region && v.redundancy === 'LRS');
      return zonal || lrs
        ? null
        : NOOP_MSG.idleZone(
            f.region,
            f.zone,
            t.vms.some((vm) => vm.region === f.region),
          );
    }
    case 'churn-spike':
      return t.vms.some((vm) => f.targets.vms.includes(vm.id) && vm.replicate !== null)
        ? null
        : NOOP_MSG.idleSpike(f.targets.label);
    case 'link-degradation':
      if (f.replicationFrom === null) return null;
      return t.vms.some((vm) => vm.region === f.replicationFrom && vm.replicate !== null)
        ? null
        : NOOP_MSG.idleReplication(f.replicationFrom);
    default:
      return null;
  }
}

// Every region something of the scenario runs in, is stored in or recovers to: VMs, their
// Site Recovery targets, vaults, a Cross Region Restore vault's paired region, file shares.
function regionsInUse(t: FaultTargets): Set<string> {
  const pairOf = new Map(t.regions.map((r) => [r.name, r.pair]));
  const regions = [
    ...t.vms.flatMap((vm) => [vm.region, vm.replicate?.to]),
    ...t.vaults.flatMap((v) => [v.region, v.crossRegionRestore ? pairOf.get(v.region) : undefined]),
    ...(t.workloads?.fileShares ?? []).map((share) => share.region),
  ];
  return new Set(regions.filter((r): r is string => typeof r === 'string'));
}
