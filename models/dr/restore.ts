// Restore from Azure Backup during an incident: which recovery points are usable where, and
// how long a restore takes. Rules: reference/azure.md §1.2 (snapshot tier in minutes, vault
// in hours at up to 60 MB/s per disk), §1.8 (cross-zonal and cross-region restores are not
// from snapshots), §2.1–2.2 (LRS/ZRS data unavailable with its region; GRS + Cross Region
// Restore reads points that reached the paired region, up to 12 h after the vault), §2.4
// (archived points need rehydration and are not restored across regions).

import type { RestorePoint } from '../backup/vm-backup.js';
import type { PointSource, RecoveryPath } from '../results/types.js';
import type { RecoverySettings } from '../scenario/dr.js';
import type { Vault, Vm } from '../scenario/types.js';
import { GROWTH_YEAR } from '../workload/growth.js';
import type { Outages } from './faults.js';

/** One way to restore a VM from backup. */
export interface RestoreOption {
  path: RecoveryPath;
  source: PointSource;
  /** The point's data instant (sim ms). */
  pointAt: number;
  /** Where the VM runs afterwards. */
  region: string;
  /** Restore work before boot (ms). */
  work: number;
}

/** Where the VM and its backups are. */
export interface RestoreContext {
  vm: Vm;
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

/** Restore work from the vault: fixed overhead plus the largest disk at the restore rate (disks in parallel). */
export function vaultRestoreWork(vm: Vm, settings: RecoverySettings, t: number): number {
  let largest = 0;
  // Growth stops at the disk's size (workload/growth.ts); unrounded, as the restore rate is.
  for (const d of vm.disks)
    largest = Math.max(largest, Math.min(d.size, d.used * (1 + d.growth) ** (t / GROWTH_YEAR)));
  return settings.vaultRestoreOverhead + Math.ceil((largest / settings.restoreThroughput) * 1000);
}

/**
 * The best restore in the VM's own region at time t from points taken at or before
 * `notAfter`: the latest snapshot-tier point if its zone is up (minutes), else the latest
 * vault point if the vault is readable (hours), archived points after rehydration. Null
 * when nothing is usable.
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
  // Assumption: an LRS vault's single datacenter is unknown, so any zone outage in its region hides it.
  const vaultUp =
    !outages.regionDown(vault.region, t) &&
    !(vault.redundancy === 'LRS' && outages.anyZoneDown(vault.region, t));
  let best: RestoreOption | null = null;
  // The same for every vault point: the VM's disks at t.
  const fromVault = vaultRestoreWork(vm, settings, t);
  for (const p of points) {
    if (p.takenAt > notAfter) continue;
    let option: RestoreOption | null = null;
    if (p.snapshot && zoneUp)
      option = {
        path: 'restore-snapshot',
        source: 'snapshot',
        pointAt: p.takenAt,
        region: vm.region,
        work: ctx.snapshotWork,
      };
    else if (p.vault === 'standard' && vaultUp && p.vaultAt <= t)
      option = {
        path: 'restore-vault',
        source: 'vault',
        pointAt: p.takenAt,
        region: vm.region,
        work: fromVault,
      };
    else if (p.vault === 'archive' && vaultUp)
      option = {
        path: 'restore-archive',
        source: 'archive',
        pointAt: p.takenAt,
        region: vm.region,
        work: settings.rehydration + fromVault,
      };
    if (option !== null && (best === null || better(option, best))) best = option;
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
  return {
    path: 'cross-region-restore',
    source: 'secondary-vault',
    pointAt: latest.takenAt,
    region: pair,
    work: vaultRestoreWork(vm, settings, t),
  };
}

// The later point wins (less data lost); at the same point, the quicker restore.
function better(a: RestoreOption, b: RestoreOption): boolean {
  return a.pointAt > b.pointAt || (a.pointAt === b.pointAt && a.work < b.work);
}
