// Disaster recovery: a fleet group's `replicate`, `events`, `recoveryPlans`, `recovery`
// and scoped objectives → typed data, with references and Site Recovery limits checked
// (docs/reference.md §5.1, §5.5).

import { bounds, type Distribution } from '../../engine/distributions.js';
import { type Bytes, type BytesPerSec, bytes, type Millis, MS, millis } from '../../engine/units.js';
import { appOf } from '../../models/dr/scope.js';
import type {
  FaultSpec,
  ObjectiveScope,
  PlanGroup,
  PointChoice,
  RecoveryPlanSpec,
  RecoverySettings,
  ReplicationPlan,
  ScopedObjective,
  VmTargets,
} from '../../models/scenario/dr.js';
import type { OperationSpec } from '../../models/scenario/operations.js';
import type { LinkSpec, Policy, Region, Vault, Vm } from '../../models/scenario/types.js';
import { MSG } from '../messages.js';
import { DR_MSG } from '../messages-dr.js';
import type { PathSegment } from '../source.js';
import { closest } from '../suggest.js';
import { formatDuration, parseBandwidth, parseDuration, parseSize } from '../units.js';
import type { Context } from './context.js';
import { NON_NEGATIVE, readDistribution } from './distribution.js';
import { readEvents } from './events.js';
import type { DeclaredFleet } from './fleet.js';
import { readOperations } from './operations.js';

type Raw = Record<string, unknown>;
type RawReplicate = {
  to: string;
  bandwidth?: string;
  retention?: string;
  appConsistentEvery?: string;
  highChurn?: boolean;
  initialSync?: boolean;
  group?: string;
};

// §5.1: retention up to 15 days with managed disks; default 1 day (2022 docs).
const MAX_RETENTION = 15 * MS.day;
const DEFAULT_RETENTION = MS.day;
// §5.1: app-consistent frequency at least 1 hour.
const MIN_APP_CONSISTENT = MS.hour;
// §5.1: a replication group holds up to 16 VMs; §5.5: a plan up to 100 VMs and 7 groups.
const MAX_REPLICATION_GROUP = 16;
const MAX_PLAN_VMS = 100;
const MAX_PLAN_GROUPS = 7;
// §2.2: the secondary region receives a vault point up to 12 hours after the primary.
const MAX_CROSS_REGION_LAG = 12 * MS.hour;

const triangular = (a: number, b: number, c: number): Distribution => ({
  kind: 'triangular',
  min: a * MS.minute,
  mode: b * MS.minute,
  max: c * MS.minute,
});

/** Recovery settings when the scenario gives none (each an assumption or a reference figure). */
export const DEFAULT_RECOVERY: RecoverySettings = {
  detection: millis(15 * MS.minute), // assumption: an on-call engineer acts within 15 minutes
  acknowledge: millis(5 * MS.minute), // assumption: a paged engineer acts 5 minutes after the alert
  afterOutage: 'restore', // the issue: "without CRR the VM waits for the region (RTO = outage end + restore)"
  boot: triangular(1, 2, 5), // assumption
  failover: triangular(2, 4, 10), // assumption, sized by §5.4: "within minutes"; a plan's test failover took 8 m 59 s
  latestProcessing: { kind: 'uniform', min: 8 * MS.minute, max: 10 * MS.minute }, // §5.4: 8 to 10 minutes
  snapshotRestore: triangular(5, 10, 20), // assumption, sized by §1.2: snapshot-tier restores "in minutes"
  vaultRestoreOverhead: millis(30 * MS.minute), // assumption: queueing and VM creation
  // §1.2: 60 MB/s per blob (2018 doc; MB read as 2^20 bytes, as §5.2's table implies: assumption)
  restoreThroughput: (60 * 1024 * 1024) as RecoverySettings['restoreThroughput'],
  // Assumption: a vault serves 100 concurrent disk copies at the 60 MB/s blob target (§1.2's
  // guidance: not more than 100 VMs from one vault at the same time); the sources give no figure.
  restoreCapacity: (100 * 60 * 1024 * 1024) as RecoverySettings['restoreCapacity'],
  fileRecovery: {
    mount: millis(10 * MS.minute), // assumption: download the script, run it, mount the disks
    // workloads §15.2: "The expected data transfer speeds are around 1 GB per hour" (GB read as 2^30)
    perHour: bytes(2 ** 30),
    // assumption: a snapshot-tier point (§1.2: restores "in minutes") reads 4 times as fast
    snapshotPerHour: bytes(4 * 2 ** 30),
  },
  rehydration: millis(15 * MS.hour), // §11: blob archive Standard rehydration up to 15 h (secondary)
  undelete: millis(5 * MS.minute), // assumption: an undelete is one portal action; the sources give no duration
  // §2.2: "can take up to 12 hours" to reach the secondary region; how the lag spreads within
  // that bound is not given: uniform 0–12 h is an assumption.
  crossRegionLag: { kind: 'uniform', min: 0, max: MAX_CROSS_REGION_LAG },
  processing: millis(5 * MS.minute), // §5.2: a recovery point within five minutes of upload
  // assumption: a drill's test VMs are checked and cleaned up 4 hours after the drill completes
  // (§17: compute is billed once the test-failover VM exists; the sources give no duration)
  drillCleanupAfter: millis(4 * MS.hour),
};

/** A fleet group's `replicate` → a ReplicationPlan; null on issues. */
export function normaliseReplicate(
  ctx: Context,
  raw: RawReplicate,
  path: readonly PathSegment[],
  source: string,
  regions: ReadonlyMap<string, Region>,
): ReplicationPlan | null {
  const at = (field: string) => [...path, field];
  let ok = ctx.reference('region', raw.to, regions, at('to'));
  if (ok && raw.to === source) {
    ctx.add('unknown-reference', at('to'), DR_MSG.replicateSameRegion(source));
    ok = false;
  }
  const bandwidth =
    raw.bandwidth === undefined ? null : ctx.unit(parseBandwidth, at('bandwidth'), raw.bandwidth);
  if (bandwidth !== null && bandwidth <= 0) {
    ctx.add('out-of-range', at('bandwidth'), MSG.positive('replication bandwidth', raw.bandwidth));
    ok = false;
  }
  const retention =
    raw.retention === undefined ? DEFAULT_RETENTION : ctx.unit(parseDuration, at('retention'), raw.retention);
  if (retention !== null && retention > MAX_RETENTION) {
    ctx.add('policy-limit', at('retention'), DR_MSG.retentionRange(raw.retention!), { allowed: '0s to 15d' });
    ok = false;
  }
  const app =
    raw.appConsistentEvery === undefined
      ? null
      : ctx.unit(parseDuration, at('appConsistentEvery'), raw.appConsistentEvery);
  if (app !== null && retention !== null && (app < MIN_APP_CONSISTENT || app >= retention)) {
    ctx.add(
      'policy-limit',
      at('appConsistentEvery'),
      DR_MSG.appConsistent(raw.appConsistentEvery!, formatDuration(retention)),
    );
    ok = false;
  }
  if (!ok || retention === null || (raw.bandwidth !== undefined && bandwidth === null)) return null;
  return {
    to: raw.to,
    bandwidth,
    retention: millis(retention),
    appConsistentEvery: app === null ? null : millis(app),
    highChurn: raw.highChurn ?? false,
    initialSync: raw.initialSync ?? false,
    group: raw.group ?? null,
  };
}

/** What the DR sections (and the operations among the events) refer to. */
export interface DrRefs {
  vms: readonly Vm[];
  /** Every VM id and group the fleet declares, including those of groups with issues (not in `vms`). */
  declared: DeclaredFleet;
  regions: ReadonlyMap<string, Region>;
  links: ReadonlyMap<string, LinkSpec>;
  vaults: ReadonlyMap<string, Vault>;
  policies: ReadonlyMap<string, Policy>;
}

/** The DR sections of a scenario, typed. */
export interface DrSections {
  faults: FaultSpec[];
  operations: OperationSpec[];
  recoveryPlans: RecoveryPlanSpec[];
  recovery: RecoverySettings;
  scoped: ScopedObjective[];
}

/** Reads events (faults, drills and operations), recovery plans, recovery settings and scoped objectives; null parts on issues. */
export function normaliseDr(ctx: Context, r: Raw, refs: DrRefs): DrSections {
  const vmIds = new Map(refs.vms.map((vm) => [vm.id, vm]));
  const groups = new Map<string, string[]>();
  for (const vm of refs.vms) {
    const list = groups.get(vm.group) ?? [];
    list.push(vm.id);
    groups.set(vm.group, list);
  }
  checkReplicationGroups(ctx, refs.vms);
  const targets = (raw: Raw, path: readonly PathSegment[]): VmTargets | null =>
    readTargets(ctx, raw, path, { vms: vmIds, groups, declared: refs.declared });
  const recoveryPlans = readPlans(ctx, (r.recoveryPlans as Raw[] | undefined) ?? [], vmIds, targets);
  const faults = readEvents(
    ctx,
    (r.events as Raw[] | undefined) ?? [],
    refs,
    targets,
    new Set(((r.recoveryPlans as Raw[] | undefined) ?? []).map((p) => p.name as string)),
  );
  const operations = readOperations(
    ctx,
    (r.events as Raw[] | undefined) ?? [],
    { vms: vmIds, vaults: refs.vaults, policies: refs.policies },
    targets,
  );
  const recovery = readRecovery(ctx, (r.recovery as Raw | undefined) ?? {});
  const scoped = readScoped(
    ctx,
    (r.objectives as Raw | undefined)?.per as Raw[] | undefined,
    refs.vms,
    refs.declared,
  );
  return { faults, operations, recoveryPlans, recovery, scoped };
}

/** The VMs a target list may name: those loaded, by id and by group, and every one the fleet declares. */
interface TargetRefs {
  vms: ReadonlyMap<string, Vm>;
  groups: ReadonlyMap<string, string[]>;
  declared: DeclaredFleet;
}

/**
 * Reads `vms` or `group` into resolved VM ids; null (with an issue) otherwise. A VM or group
 * the fleet declares but could not load (its group has issues of its own) gives null and no
 * issue: the group's own issue says what is wrong.
 */
export function readTargets(
  ctx: Context,
  raw: Raw,
  path: readonly PathSegment[],
  refs: TargetRefs,
): VmTargets | null {
  const { vms: vmIds, groups, declared } = refs;
  const vms = raw.vms as string[] | undefined;
  const group = raw.group as string | undefined;
  if ((vms === undefined) === (group === undefined)) {
    ctx.add('required', path, DR_MSG.targets());
    return null;
  }
  if (group !== undefined) {
    if (!(ctx.reference('fleet group', group, declared.groups, [...path, 'group']) && groups.has(group)))
      return null;
    return { vms: [...groups.get(group)!].sort(), label: `group ${group}` };
  }
  let ok = true;
  const seen = new Set<string>();
  vms!.forEach((id, i) => {
    if (seen.has(id)) {
      ctx.add('duplicate-item', [...path, 'vms', i], MSG.duplicateItem(id));
      ok = false;
    }
    seen.add(id);
    if (!declared.ids.has(id)) {
      ctx.add('unknown-reference', [...path, 'vms', i], DR_MSG.unknownVm(id, closest(id, [...declared.ids])));
      ok = false;
    } else if (!vmIds.has(id)) ok = false;
  });
  if (!ok) return null;
  const sorted = [...seen].sort();
  return { vms: sorted, label: sorted.length <= 3 ? sorted.join(', ') : `${sorted.length} VMs` };
}

function readPlans(
  ctx: Context,
  raw: Raw[],
  vmIds: ReadonlyMap<string, Vm>,
  targets: (raw: Raw, path: readonly PathSegment[]) => VmTargets | null,
): RecoveryPlanSpec[] {
  ctx.index('recovery plan', raw as { name: string }[], 'recoveryPlans');
  const planOf = new Map<string, string>();
  const groupAt = new Map<string, string>();
  const splitReported = new Set<string>();
  const out: RecoveryPlanSpec[] = [];
  raw.forEach((p, i) => {
    const name = p.name as string;
    const rawGroups = p.groups as Raw[];
    let ok = true;
    if (rawGroups.length > MAX_PLAN_GROUPS) {
      ctx.add('policy-limit', ['recoveryPlans', i, 'groups'], DR_MSG.planGroups(name, rawGroups.length), {
        allowed: 'up to 7 groups',
      });
      ok = false;
    }
    const groups: PlanGroup[] = [];
    let count = 0;
    rawGroups.forEach((g, k) => {
      const path = ['recoveryPlans', i, 'groups', k];
      const manual = g.manual === undefined ? 0 : ctx.unit(parseDuration, [...path, 'manual'], g.manual);
      const t = targets(g, path);
      if (t === null || manual === null) {
        ok = false;
        return;
      }
      for (const id of t.vms) {
        const vm = vmIds.get(id)!;
        if (vm.replicate === null) {
          ctx.add('unknown-reference', path, DR_MSG.planVmNotReplicated(id));
          ok = false;
          return;
        }
        const other = planOf.get(id);
        if (other !== undefined) {
          ctx.add('duplicate-item', path, DR_MSG.planVmTwice(id, other));
          ok = false;
          return;
        }
        planOf.set(id, name);
        const rg = vm.replicate.group;
        if (rg !== null) {
          const where = `${name}#${k}`;
          const seen = groupAt.get(rg);
          if (seen !== undefined && seen !== where) {
            if (!splitReported.has(rg)) ctx.add('policy-limit', path, DR_MSG.planSplitsGroup(rg));
            splitReported.add(rg);
            ok = false;
          }
          groupAt.set(rg, where);
        }
      }
      count += t.vms.length;
      groups.push({ vms: t.vms, manual: millis(manual) });
    });
    if (count > MAX_PLAN_VMS) {
      ctx.add('policy-limit', ['recoveryPlans', i, 'groups'], DR_MSG.planSize(name, count), {
        allowed: 'up to 100 VMs',
      });
      ok = false;
    }
    if (ok)
      out.push({
        name,
        pointChoice: (p.pointChoice as PointChoice | undefined) ?? 'latestProcessed',
        groups,
        afterOutage: (p.afterOutage as RecoveryPlanSpec['afterOutage'] | undefined) ?? null,
      });
  });
  return out;
}

function checkReplicationGroups(ctx: Context, vms: readonly Vm[]): void {
  const members = new Map<string, Vm[]>();
  for (const vm of vms) {
    const g = vm.replicate?.group;
    if (g === undefined || g === null) continue;
    const list = members.get(g) ?? [];
    list.push(vm);
    members.set(g, list);
  }
  for (const [group, list] of members) {
    if (list.length > MAX_REPLICATION_GROUP)
      ctx.add('policy-limit', ['fleet'], DR_MSG.replicationGroupSize(group, list.length), {
        allowed: 'up to 16 VMs',
      });
    if (list.some((vm) => vm.region !== list[0].region || vm.replicate!.to !== list[0].replicate!.to))
      ctx.add('policy-limit', ['fleet'], DR_MSG.replicationGroupRegions(group));
  }
}

function readRecovery(ctx: Context, raw: Raw): RecoverySettings {
  const d = DEFAULT_RECOVERY;
  const path = (f: string) => ['recovery', f];
  const dur = (f: keyof RecoverySettings, fallback: Millis): Millis =>
    raw[f] === undefined ? fallback : millis(ctx.unit(parseDuration, path(f), raw[f]) ?? fallback);
  // A duration drawn per recovery: none below 0 (a draw is never moved to 0).
  const dist = (f: keyof RecoverySettings, fallback: Distribution): Distribution =>
    raw[f] === undefined
      ? fallback
      : (readDistribution(ctx, path(f), raw[f], parseDuration, NON_NEGATIVE) ?? fallback);
  return {
    detection: dur('detection', d.detection),
    acknowledge: dur('acknowledge', d.acknowledge),
    afterOutage: (raw.afterOutage as RecoverySettings['afterOutage'] | undefined) ?? d.afterOutage,
    boot: dist('boot', d.boot),
    failover: dist('failover', d.failover),
    latestProcessing: dist('latestProcessing', d.latestProcessing),
    snapshotRestore: dist('snapshotRestore', d.snapshotRestore),
    vaultRestoreOverhead: dur('vaultRestoreOverhead', d.vaultRestoreOverhead),
    restoreThroughput: positiveBandwidth(
      ctx,
      raw.restoreThroughput,
      path('restoreThroughput'),
      d.restoreThroughput,
      'restore throughput',
    ),
    restoreCapacity: positiveBandwidth(
      ctx,
      raw.restoreCapacity,
      path('restoreCapacity'),
      d.restoreCapacity,
      'restore capacity',
    ),
    fileRecovery: fileRecovery(ctx, (raw.fileRecovery as Raw | undefined) ?? {}, d.fileRecovery),
    rehydration: dur('rehydration', d.rehydration),
    undelete: dur('undelete', d.undelete),
    crossRegionLag: crossRegionLag(ctx, raw.crossRegionLag, d.crossRegionLag),
    processing: dur('processing', d.processing),
    drillCleanupAfter: dur('drillCleanupAfter', d.drillCleanupAfter),
  };
}

// A bandwidth > 0, or the default when absent or not a valid one (the issue is recorded).
function positiveBandwidth(
  ctx: Context,
  raw: unknown,
  path: PathSegment[],
  fallback: BytesPerSec,
  what: string,
): BytesPerSec {
  if (raw === undefined) return fallback;
  const v = ctx.unit(parseBandwidth, path, raw);
  if (v !== null && v <= 0) ctx.add('out-of-range', path, MSG.positive(what, raw as string));
  return v !== null && v > 0 ? v : fallback;
}

// recovery.fileRecovery: mount time and the bytes copied per hour (vault tier, snapshot tier).
function fileRecovery(
  ctx: Context,
  raw: Raw,
  d: RecoverySettings['fileRecovery'],
): RecoverySettings['fileRecovery'] {
  const path = (f: string) => ['recovery', 'fileRecovery', f];
  const size = (f: 'perHour' | 'snapshotPerHour'): Bytes => {
    if (raw[f] === undefined) return d[f];
    const v = ctx.unit(parseSize, path(f), raw[f]);
    if (v !== null && v <= 0)
      ctx.add('out-of-range', path(f), MSG.positive(`fileRecovery.${f}`, raw[f] as string));
    return v !== null && v > 0 ? bytes(v) : d[f];
  };
  return {
    mount:
      raw.mount === undefined
        ? d.mount
        : millis(ctx.unit(parseDuration, path('mount'), raw.mount) ?? d.mount),
    perHour: size('perHour'),
    snapshotPerHour: size('snapshotPerHour'),
  };
}

// recovery.crossRegionLag: a duration or a distribution of them, every value within 0–12 h (§2.2).
function crossRegionLag(ctx: Context, raw: unknown, fallback: Distribution): Distribution {
  if (raw === undefined) return fallback;
  const path = ['recovery', 'crossRegionLag'];
  const d = readDistribution(ctx, path, raw, parseDuration);
  if (d === null) return fallback;
  const { min, max } = bounds(d);
  if (min < 0 || max > MAX_CROSS_REGION_LAG) {
    const show = (v: number) => (Number.isFinite(v) ? formatDuration(v) : v > 0 ? '∞' : '−∞');
    ctx.add('policy-limit', path, DR_MSG.crossRegionLag(show(min), show(max)), { allowed: '0s to 12h' });
    return fallback;
  }
  return d;
}

function readScoped(
  ctx: Context,
  raw: Raw[] | undefined,
  vms: readonly Vm[],
  declared: DeclaredFleet,
): ScopedObjective[] {
  // An app or tag found on no loaded VM may be on a group that has issues of its own: say nothing then.
  const complete = vms.length === declared.ids.size;
  const out: ScopedObjective[] = [];
  (raw ?? []).forEach((o, i) => {
    const path = ['objectives', 'per', i];
    const named = (['group', 'app', 'tag'] as const).filter((k) => o[k] !== undefined);
    if (named.length !== 1) {
      ctx.add('required', path, DR_MSG.scopeKind());
      return;
    }
    if (o.rpo === undefined && o.rto === undefined) {
      ctx.add('required', path, DR_MSG.scopeTargets());
      return;
    }
    const kind = named[0];
    const value = o[kind] as string;
    let scope: ObjectiveScope;
    if (kind === 'group') {
      if (!ctx.reference('fleet group', value, declared.groups, [...path, 'group'])) return;
      scope = { kind: 'group', name: value };
    } else if (kind === 'app') {
      if (!vms.some((vm) => appOf(vm) === value)) {
        if (complete) ctx.add('unknown-reference', [...path, 'app'], DR_MSG.unknownApp(value));
        return;
      }
      scope = { kind: 'app', name: value };
    } else {
      const eq = value.indexOf('=');
      const key = value.slice(0, eq);
      const tagValue = value.slice(eq + 1);
      if (!vms.some((vm) => vm.tags[key] === tagValue)) {
        if (complete) ctx.add('unknown-reference', [...path, 'tag'], DR_MSG.unknownTag(value));
        return;
      }
      scope = { kind: 'tag', key, value: tagValue };
    }
    const rpo = o.rpo === undefined ? null : ctx.unit(parseDuration, [...path, 'rpo'], o.rpo);
    const rto = o.rto === undefined ? null : ctx.unit(parseDuration, [...path, 'rto'], o.rto);
    out.push({ scope, rpo: rpo === null ? null : millis(rpo), rto: rto === null ? null : millis(rto) });
  });
  return out;
}
