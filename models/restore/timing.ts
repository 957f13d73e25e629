// How long the parts of a restore take, from documented figures and the scenario's settings:
// the bytes a vault-tier restore copies (each disk as it is at the restore, disks in
// parallel, docs/reference.md §1.1–1.2), and file-level recovery through the iSCSI script
// (docs/reference.md §15.2: a mount is valid for 12 hours, "around 1 GB per hour",
// recommended up to 10 GB). Pure functions, ms and bytes.

import { MS } from '../../engine/units.js';
import type { RecoverySettings } from '../scenario/dr.js';
import type { Vm } from '../scenario/types.js';
import { growthFactor } from '../workload/growth.js';

/** §15.2: "The script gives read-only access to a recovery point and is valid for only 12 hours." */
export const MOUNT_WINDOW = 12 * MS.hour;
/** §15.2: use file-level recovery "when the total size of recovery is 10 GB or less" (GB read as 2^30). */
export const FILE_RECOVERY_GUIDANCE = 10 * 2 ** 30;

/**
 * Each disk's used bytes at t: workload/growth.ts's compounding, stopped at the disk's size, but
 * unrounded, as the copy rate is (usedAt rounds each disk; a restore rounds the sum of its disks).
 */
export function diskBytesAt(vm: Vm, t: number): number[] {
  return vm.disks.map((d) => Math.min(d.size, d.used * growthFactor(d.growth, t)));
}

/** A vault-tier restore's copy alone (no other restore sharing the vault): the largest disk at the per-disk rate, ms. */
export function copyAlone(disks: readonly number[], settings: RecoverySettings): number {
  return Math.ceil((Math.max(0, ...disks) / settings.restoreThroughput) * 1000);
}

/** File-level recovery of `bytes`: the mounts it needs (one per 12-hour window of copying) and the copy time, ms. */
export function fileRecoveryTime(
  bytes: number,
  snapshotTier: boolean,
  settings: RecoverySettings,
): { mounts: number; mount: number; copy: number } {
  const perHour = snapshotTier ? settings.fileRecovery.snapshotPerHour : settings.fileRecovery.perHour;
  const copy = Math.ceil((bytes / perHour) * MS.hour);
  // Each mount gives 12 hours of access; a longer copy mounts the point again and carries on.
  const mounts = Math.max(1, Math.ceil(copy / MOUNT_WINDOW));
  return { mounts, mount: mounts * settings.fileRecovery.mount, copy };
}
