// Restore from Azure Backup during an incident: which recovery points are usable where, and
// how long a restore takes. Rules: docs/reference.md §1.2 (snapshot tier in minutes, vault
// in hours at up to 60 MB/s per disk), §1.8 (cross-zonal and cross-region restores are not
// from snapshots), §2.1–2.2 (LRS/ZRS data unavailable with its region; GRS + Cross Region
// Restore reads points that reached the paired region, up to 12 h after the vault), §2.4
// (archived points need rehydration and are not restored across regions), §15.1 (a
// cross-zonal restore needs a ZRS vault or one with Cross Region Restore).

import type { RestorePoint } from '../backup/vm-backup.js';
import { allowsCrossZonal, type RestorePlan } from '../restore/rules.js';
import { copyAlone, diskBytesAt } from '../restore/timing.js';
import type { PointSource, RecoveryPath } from '../results/types.js';
import type { RecoverySettings } from '../scenario/dr.js';
import type { Vault, Vm } from '../scenario/types.js';
import type { Outages } from './faults.js';

/** One way to restore a VM from backup. */
export interface RestoreOption {
  path: RecoveryPath;
  source: PointSource;
  /** The point's data instant (sim ms). */
  pointAt: number;
  /** Where the VM runs afterwards. */
  region: string;
  /** Restore work before boot (ms), as if it ran alone: an estimate, the job (models/restore/jobs.ts) gives the real one. */
  work: number;
  /** What the restore job does (boot left to the caller). */
  plan: RestorePlan;
}

/** Where the VM and its backups are. */
export interface RestoreContext {
  /** The VM as it stands: the region and zone it runs in now. */
  vm: Vm;
  /** Availability zones of the region it runs in (a cross-zonal restore lands in one of them). */
  zones: number;
  vault: Vault;
  /** The vault region's pair, or null. */
  pair: string | null;
  outages: Outages;
  settings: RecoverySettings;
  /** Snapshot-restore duration drawn for this VM and incident (ms). */
  snapshotWork: number;
  /** How long its vault points took to reach the paired region, drawn for this VM and incident (ms, §2.2). */
  crossRegionLag: number;
}

/** Restore work from the vault, alone: fixed overhead plus the largest disk at the restore rate (disks in parallel). */
export function vaultRestoreWork(vm: Vm, settings: RecoverySettings, t: number): number {
  return settings.vaultRestoreOverhead + copyAlone(diskBytesAt(vm, t), settings);
}

// The plan of a restore from `source` at t landing in `zone` (null: regional, or the paired
// region): its preparing time and its copy (models/restore/rules.ts).
function planOf(
  vm: Vm,
  source: PointSource,
  pointAt: number,
  region: string,
  zone: number | null,
  preparing: number,
  t: number,
): RestorePlan {
  const copy =
    source === 'snapshot'
      ? null
      : {
          link: source === 'secondary-vault' ? ('secondary' as const) : ('primary' as const),
          disks: diskBytesAt(vm, t),
        };
  return {
    point: { at: pointAt, source },
    region,
    zone,
    preparing,
    copy,
    boot: 0,
    notes:
      zone !== null && vm.zone !== null && zone !== vm.zone
        ? [`cross-zonal restore into zone ${zone}: zone ${vm.zone} is down (docs/reference.md §15.1)`]
        : [],
  };
}

/**
 * The zone a cross-zonal restore of a zonal VM lands in at t, or null when none can: §15.1
 * allows it from a ZRS vault or one with Cross Region Restore; it goes to the lowest-numbered
 * other zone of the region that is up (**assumption**: Azure lets the user choose; the lowest
 * keeps the run deterministic).
 */
function crossZonalTarget(ctx: RestoreContext, t: number): number | null {
  const { vm, vault, outages } = ctx;
  if (vm.zone === null || !allowsCrossZonal(vault)) return null;
  for (let z = 1; z <= ctx.zones; z++) if (z !== vm.zone && !outages.zoneDown(vm.region, z, t)) return z;
  return null;
}

// An option from its plan: work = preparing + the copy alone.
function option(path: RecoveryPath, plan: RestorePlan, settings: RecoverySettings): RestoreOption {
  const copy = plan.copy === null || 'fixed' in plan.copy ? 0 : copyAlone(plan.copy.disks, settings);
  return {
    path,
    source: plan.point.source,
    pointAt: plan.point.at,
    region: plan.region,
    work: plan.preparing + copy,
    plan,
  };
}

/**
 * The best restore in the VM's own region at time t from points taken at or before
 * `notAfter`: the latest snapshot-tier point if its zone is up (minutes), else the latest
 * vault point if the vault is readable (hours), archived points after rehydration. A zonal
 * VM whose zone is down cannot come back there: only a cross-zonal restore from the vault
 * tiers into a zone that is up (§1.8, §15.1, crossZonalTarget) can restore it. Null when
 * nothing is usable.
 */
export function primaryRestore(
  ctx: RestoreContext,
  points: readonly RestorePoint[],
  t: number,
  notAfter: number,
): RestoreOption | null {
  const { vm, vault, outages, settings } = ctx;
  if (outages.regionDown(vm.region, t)) return null;
  const zoneUp = vm.zone === null || !outages.zoneDown(vm.region, vm.zone, t);
  const zone = zoneUp ? vm.zone : crossZonalTarget(ctx, t);
  if (!zoneUp && zone === null) return null;
  // Assumption: an LRS vault's single datacenter is unknown, so any zone outage in its region hides it.
  const vaultUp =
    !outages.regionDown(vault.region, t) &&
    !(vault.redundancy === 'LRS' && outages.anyZoneDown(vault.region, t));
  let best: RestoreOption | null = null;
  const overhead = settings.vaultRestoreOverhead;
  for (const p of points) {
    if (p.takenAt > notAfter) continue;
    let o: RestoreOption | null = null;
    if (p.snapshot && zoneUp)
      o = option(
        'restore-snapshot',
        planOf(vm, 'snapshot', p.takenAt, vm.region, zone, ctx.snapshotWork, t),
        settings,
      );
    else if (p.vault === 'standard' && vaultUp && p.vaultAt <= t)
      o = option('restore-vault', planOf(vm, 'vault', p.takenAt, vm.region, zone, overhead, t), settings);
    else if (p.vault === 'archive' && vaultUp)
      o = option(
        'restore-archive',
        planOf(vm, 'archive', p.takenAt, vm.region, zone, settings.rehydration + overhead, t),
        settings,
      );
    if (o !== null && (best === null || better(o, best))) best = o;
  }
  return best;
}

/**
 * Cross Region Restore into the pair at time t: GRS with CRR on, pair region up, and the
 * latest vault-standard point that reached the pair before the primary went down at `cutoff`.
 */
export function crossRegionRestore(
  ctx: RestoreContext,
  points: readonly RestorePoint[],
  t: number,
  notAfter: number,
  cutoff: number,
): RestoreOption | null {
  const { vm, vault, pair, outages, settings, crossRegionLag } = ctx;
  if (vault.redundancy !== 'GRS' || !vault.crossRegionRestore || pair === null || outages.regionDown(pair, t))
    return null;
  let latest: RestorePoint | null = null;
  for (const p of points) {
    if (p.takenAt > notAfter || p.vault !== 'standard') continue;
    if (!(p.vaultAt + crossRegionLag <= cutoff)) continue;
    if (latest === null || p.takenAt > latest.takenAt) latest = p;
  }
  if (latest === null) return null;
  const plan = planOf(vm, 'secondary-vault', latest.takenAt, pair, null, settings.vaultRestoreOverhead, t);
  return option('cross-region-restore', plan, settings);
}

// The later point wins (less data lost); at the same point, the quicker restore.
function better(a: RestoreOption, b: RestoreOption): boolean {
  return a.pointAt > b.pointAt || (a.pointAt === b.pointAt && a.work < b.work);
}
