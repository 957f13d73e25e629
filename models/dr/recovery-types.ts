// What the disaster-recovery orchestrator knows about each VM during a run.

import type { ProtectionState, RestorePoint } from '../backup/vm-backup.js';
import type { Vault, Vm } from '../scenario/types.js';
import type { VmReplica } from './replica.js';

/** A Site Recovery point as a failover sees it. */
export interface ReplicaPoint {
  /** The point's data instant (sim ms). */
  at: number;
  kind: 'crash' | 'app';
}

/** One VM under disaster recovery. */
export interface DrVm {
  vm: Vm;
  /** Its backup vault, or null when not backed up. */
  vault: Vault | null;
  /** Its live backup points (from VmBackup), or null when not backed up. */
  restorePoints: (() => RestorePoint[]) | null;
  /** Stops backup protection (a VM recovered elsewhere: data retained). */
  stopBackup: ((deleteData: boolean) => void) | null;
  /** Its points in soft delete, usable after an undelete (§2.3), or null when not backed up. */
  softDeleted: (() => RestorePoint[]) | null;
  /** Undeletes its soft-deleted data (§2.3), or null when not backed up. */
  undelete: (() => void) | null;
  /** Its Site Recovery replication now (or the last one, ended), or null when not replicated. */
  replica: VmReplica | null;
  /** Every replication it had, in order: the first, then each after a reprotect or re-enable (reprotection.ts). */
  segments: VmReplica[];
  /** Starts its replication from `region` to `to`, in sync at `start`, hit by faults from `from` on (null: not replicated). */
  replicateFrom: ((region: string, to: string, start: number, from: number) => VmReplica) | null;
  /** Moves its backup to where it runs now (relocate.ts): the vault protecting it there, or null; null when not backed up. */
  follow: ((region: string) => string | null) | null;
  /** The vault that would protect it in a region, without moving anything; null when not backed up. */
  vaultIn: ((region: string) => string | null) | null;
  /** Where protection of the item protecting it now (or the last one that did) stands; null when not backed up. */
  backupState: (() => ProtectionState) | null;
  /** The region where it holds recovery cores (capacity.ts), or null. */
  holds: string | null;
  /** Bytes written in [from, to) (ms), for data lost. */
  written: (from: number, to: number) => number;
  /** Where the VM runs now (a failover moves it). */
  region: string;
  /** Its zone there: its own, or the one a cross-zonal restore put it in (restore.ts); null when regional or away from home. */
  zone: number | null;
  /** Down since (sim ms) and not yet recovered, or null while running. */
  downSince: number | null;
  /** Deleted (a vm-deletion fault) and not brought back: a restore cannot replace its disks. */
  deleted: boolean;
}
