// Which restores Azure allows and what each does (docs/reference.md §1.1, §1.6, §1.8, §2.2,
// §2.4; docs/reference.md §15): a restore request and the VM as it stands → the
// point used, where it is read from, where it lands and its phases — or the rule that rejects
// it. Pure: the caller draws the timings and runs the plan (jobs.ts).

import type { RestorePoint } from '../backup/vm-backup.js';
import type { Outages } from '../dr/faults.js';
import type { PointSource } from '../results/types.js';
import type { RecoverySettings } from '../scenario/dr.js';
import type { RestoreHow } from '../scenario/restore.js';
import type { Vault, Vm } from '../scenario/types.js';
import { diskBytesAt, FILE_RECOVERY_GUIDANCE, fileRecoveryTime } from './timing.js';

/** The VM a restore is asked for, as it stands at the request. */
export interface RestoreSubject {
  vm: Vm;
  /** Where it runs now, and its zone there (null: regional, or away from home). */
  region: string;
  zone: number | null;
  /** False once deleted (and not brought back). */
  exists: boolean;
  /** The vault holding its points now, and that vault region's pair. */
  vault: Vault;
  pair: string | null;
  /** Its recovery points now (VmBackup.restorePoints). */
  points: readonly RestorePoint[];
  /** How long its vault points take to reach the paired region (§2.2), drawn for this restore. */
  crossRegionLag: number;
}

/** Timings drawn for one restore (ms). */
export interface RestoreDraws {
  snapshotRestore: number;
  boot: number;
}

/** What a restore job does: the point and where it is read, where it lands, and its phases. */
export interface RestorePlan {
  point: { at: number; source: PointSource };
  region: string;
  zone: number | null;
  /** Before any copy: rehydration, vault-side staging, mounts (ms). */
  preparing: number;
  /** The copy: each disk through the vault's (or its paired copy's) restore link, or a fixed time (file-level recovery), or none. */
  copy: { link: 'primary' | 'secondary'; disks: number[] } | { fixed: number } | null;
  /** The VM's boot after the copy (ms; 0 when no VM starts). */
  boot: number;
  /** What the user should know (beyond guidance, mounts). */
  notes: string[];
  /** File-level recovery: the bytes copied. */
  files?: number;
}

/** Why a restore was refused, in a word (the jobs table's JobFailureCode, models/logs/restore-rows.ts). */
export type RejectCode =
  | 'restore-not-allowed'
  | 'not-backed-up'
  | 'vm-deleted'
  | 'pair-unavailable'
  | 'vm-away-from-vault'
  | 'region-outage'
  | 'no-recovery-point';

/** A restore Azure would refuse: the rule, with its source, and its code. */
export interface Rejection {
  rejected: string;
  code: RejectCode;
}

type Tier = 'snapshot' | 'standard' | 'archive' | 'secondary';

/** The rules that depend only on the scenario (option, target, vault, zone): the first broken, or null. */
export function staticRule(how: RestoreHow, vm: Vm, vault: Vault, zones: number): string | null {
  const t = how.target;
  if (how.option === 'files' && t.kind !== 'same')
    return 'file-level recovery mounts the point for the VM where it is; it does not restore into another zone or region (docs/reference.md §1.8)';
  if (how.option === 'replace-disks' && t.kind !== 'same')
    return 'replace-disks replaces the disks of the VM where it is: not across zones, and Cross Region Restore does not offer it (docs/reference.md §1.8)';
  if (t.kind === 'cross-region' && !(vault.redundancy === 'GRS' && vault.crossRegionRestore))
    return `Cross Region Restore needs a GRS vault with crossRegionRestore on; ${vault.name} is ${vault.redundancy}${vault.redundancy === 'GRS' ? ' without it' : ''} (docs/reference.md §2.2)`;
  if (t.kind === 'zone') {
    if (!allowsCrossZonal(vault))
      return `cross-zonal restore needs a ZRS vault or one with Cross Region Restore; ${vault.name} is ${vault.redundancy} (docs/reference.md §15.1)`;
    if (vm.zone === null) return `cross-zonal restore needs a VM pinned to a zone; ${vm.id} is regional`;
    if (t.zone === vm.zone)
      return `cross-zonal restore goes to another zone; ${vm.id} is already in zone ${t.zone}`;
    if (t.zone > zones)
      return `zone ${t.zone} does not exist: region ${vm.region} has ${zones === 0 ? 'no zones' : `zones 1–${zones}`}`;
  }
  if (how.point.kind === 'latest-app-consistent' && vm.os === 'linux')
    return 'a Linux VM has no app-consistent points: its backups are file-system consistent unless pre- and post-scripts are configured (docs/reference.md §1.6)';
  return null;
}

/** §15.1: cross-zonal restore reads a ZRS vault, or one with Cross Region Restore. */
export function allowsCrossZonal(vault: Vault): boolean {
  return vault.redundancy === 'ZRS' || (vault.redundancy === 'GRS' && vault.crossRegionRestore);
}

/** The VM as it runs now: `vm` itself at home in its own zone, else a copy where it is. */
export function vmAsItRuns(vm: Vm, region: string, zone: number | null): Vm {
  return region === vm.region && zone === vm.zone ? vm : { ...vm, region, zone };
}

/** Plans a restore asked at `now`, or the rule that rejects it. */
export function planRestore(
  how: RestoreHow,
  s: RestoreSubject,
  now: number,
  settings: RecoverySettings,
  draws: RestoreDraws,
  outages: Outages | null = null,
  zones = 3,
): RestorePlan | Rejection {
  // DR may have moved the VM to another zone at home (a cross-zonal restore): judge it there.
  const rule = staticRule(how, vmAsItRuns(s.vm, s.region, s.zone), s.vault, zones);
  if (rule !== null) return { rejected: rule, code: 'restore-not-allowed' };
  if (how.option === 'replace-disks' && !s.exists)
    return {
      rejected: `replace-disks needs the original VM; ${s.vm.id} was deleted (docs/reference.md §15.1: "VM must exist")`,
      code: 'vm-deleted',
    };
  const crossRegion = how.target.kind === 'cross-region';
  if (crossRegion && (s.pair === null || outages?.regionDown(s.pair, now) === true))
    return {
      rejected: `the paired region ${s.pair ?? '(none)'} is not available for a Cross Region Restore`,
      code: 'pair-unavailable',
    };
  if (!crossRegion && s.vault.region !== s.region)
    return {
      rejected: `${s.vm.id} runs in ${s.region}, away from its vault's region ${s.vault.region}: only a Cross Region Restore can reach it (docs/reference.md §2.5)`,
      code: 'vm-away-from-vault',
    };
  if (!crossRegion && outages?.regionDown(s.vault.region, now) === true)
    return { rejected: `region ${s.vault.region} is down: its vault cannot be read`, code: 'region-outage' };
  const zoneUp = s.zone === null || outages === null || !outages.zoneDown(s.region, s.zone, now);
  const tiers = (p: RestorePoint): Tier[] => usableTiers(how, s, p, now, zoneUp);
  const usable = s.points.filter((p) => p.takenAt <= now && tiers(p).length > 0);
  const point = pick(usable, how, now);
  if (point === null) return { rejected: noPoint(how, s), code: 'no-recovery-point' };
  const tier = tiers(point)[0];
  return phases(how, s, point, tier, now, settings, draws);
}

// The tiers a point can be read from for this restore, fastest first.
function usableTiers(
  how: RestoreHow,
  s: RestoreSubject,
  p: RestorePoint,
  now: number,
  zoneUp: boolean,
): Tier[] {
  const inVault = p.vault !== null && p.vaultAt <= now;
  if (how.target.kind === 'cross-region')
    // §2.2: the copy reaches the pair up to 12 h after the vault; §2.4: archived points do not cross.
    return p.vault === 'standard' && p.vaultAt + s.crossRegionLag <= now ? ['secondary'] : [];
  const out: Tier[] = [];
  // §1.8: cross-zonal restores are not from snapshots; §15.1: replace only once the point is in the vault.
  const snapshotOk =
    how.target.kind === 'same' && p.snapshot && zoneUp && (how.option !== 'replace-disks' || inVault);
  if (snapshotOk) out.push('snapshot');
  if (inVault && p.vault === 'standard') out.push('standard');
  // §1.8: no file-level recovery from archived points.
  if (inVault && p.vault === 'archive' && how.option !== 'files') out.push('archive');
  return out;
}

// The requested point among the usable ones: never one taken after the requested instant.
function pick(usable: readonly RestorePoint[], how: RestoreHow, now: number): RestorePoint | null {
  const req = how.point;
  const limit = req.kind === 'before' ? req.at : now;
  let best: RestorePoint | null = null;
  for (const p of usable) {
    if (req.kind === 'at') {
      if (Math.floor(p.takenAt / 1000) === Math.floor(req.at / 1000)) return p;
      continue;
    }
    if (p.takenAt <= limit && (best === null || p.takenAt > best.takenAt)) best = p;
  }
  return best;
}

function noPoint(how: RestoreHow, s: RestoreSubject): string {
  const req = how.point;
  const which =
    req.kind === 'at'
      ? 'taken at the requested instant'
      : req.kind === 'before'
        ? 'taken at or before the requested instant'
        : 'at all';
  const where = how.target.kind === 'cross-region' ? ' in the paired region' : '';
  return `no recovery point of ${s.vm.id} usable for ${how.option}${where} ${which}`;
}

function phases(
  how: RestoreHow,
  s: RestoreSubject,
  p: RestorePoint,
  tier: Tier,
  now: number,
  settings: RecoverySettings,
  draws: RestoreDraws,
): RestorePlan {
  const source: PointSource =
    tier === 'snapshot'
      ? 'snapshot'
      : tier === 'secondary'
        ? 'secondary-vault'
        : tier === 'archive'
          ? 'archive'
          : 'vault';
  const region = how.target.kind === 'cross-region' ? s.pair! : s.region;
  const zone =
    how.target.kind === 'zone' ? how.target.zone : how.target.kind === 'cross-region' ? null : s.zone;
  const boot = how.option === 'new-vm' || how.option === 'replace-disks' ? draws.boot : 0;
  const notes: string[] = [];
  const point = { at: p.takenAt, source };
  if (how.option === 'files') {
    const bytes = how.files ?? 0;
    const t = fileRecoveryTime(bytes, tier === 'snapshot', settings);
    if (bytes > FILE_RECOVERY_GUIDANCE)
      notes.push(
        `beyond the file-level recovery guidance of 10 GB (docs/reference.md §15.2): ${t.mounts} mounts of 12 hours`,
      );
    return { point, region, zone, preparing: t.mount, copy: { fixed: t.copy }, boot: 0, notes, files: bytes };
  }
  if (tier === 'snapshot')
    return { point, region, zone, preparing: draws.snapshotRestore, copy: null, boot, notes };
  const preparing = settings.vaultRestoreOverhead + (tier === 'archive' ? settings.rehydration : 0);
  const disks = diskBytesAt(s.vm, now);
  return {
    point,
    region,
    zone,
    preparing,
    copy: { link: tier === 'secondary' ? 'secondary' : 'primary', disks },
    boot,
    notes,
  };
}
