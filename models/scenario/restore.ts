// Restores as users run them (issue 18): a restore of chosen VMs at a time — which recovery
// point, which option, where to — and restore drills (`restoreTests`) on a schedule. Plain
// typed data; the rules are in models/restore (docs/reference.md §1.8, §2.2, §2.4;
// docs/reference.md §15).

import type { Bytes, Millis } from '../../engine/units.js';
import type { TimeSpec, VmTargets } from './dr.js';

/**
 * How an Azure VM is restored (§1.8, §15.1): create a new VM, restore its disks (no VM is
 * created), replace the disks of the existing VM, or recover files and folders (§15.2).
 */
export type RestoreOption = 'new-vm' | 'restore-disks' | 'replace-disks' | 'files';

/** Every restore option, in the order the reference lists them. */
export const RESTORE_OPTIONS: readonly RestoreOption[] = [
  'new-vm',
  'restore-disks',
  'replace-disks',
  'files',
];

/** Where a restore lands: the VM's region, another zone there (cross-zonal), or the paired region (Cross Region Restore). */
export type RestoreTarget = { kind: 'same' } | { kind: 'zone'; zone: number } | { kind: 'cross-region' };

/**
 * Which recovery point: the latest, the latest app-consistent one (§1.6), the latest taken
 * at or before an instant, or the one taken at an instant (to the second). Instants are sim ms.
 */
export type PointRequest =
  | { kind: 'latest' }
  | { kind: 'latest-app-consistent' }
  | { kind: 'before'; at: Millis }
  | { kind: 'at'; at: Millis };

/** What to restore and how: the same for a user's restore and a drill's. */
export interface RestoreHow {
  point: PointRequest;
  option: RestoreOption;
  target: RestoreTarget;
  /** File-level recovery: how much is copied (option `files`), else null. */
  files: Bytes | null;
}

/** A restore a user runs: `events[].restore`, in scenario order. */
export interface RestoreSpec extends RestoreHow {
  /** When it is requested: fixed, or drawn once per run (stream `restore/<index>/at`). */
  at: TimeSpec;
  targets: VmTargets;
  /** Position in the scenario's event list (ids and streams use it). */
  index: number;
}

/** A restore drill (`restoreTests[]`): every `every` from `from`, `count` VMs of `targets` drawn at random. */
export interface RestoreTestSpec extends RestoreHow {
  name: string;
  every: Millis;
  from: Millis;
  targets: VmTargets;
  count: number;
}
