// Operations an admin or an attacker performs on the backups during a run (issue 14), and the
// vault protections they meet: soft delete, immutability and multi-user authorization with a
// Resource Guard (docs/reference.md §2.3; docs/reference.md §18). Plain typed data.

import type { Millis } from '../../engine/units.js';
import type { TimeSpec, VmTargets } from './dr.js';
import type { Retention, Schedule } from './types.js';

/**
 * Who performs an operation: an `admin`, or an `attacker` who holds the backup-admin role but
 * not the Resource Guard (§18.1: "else the request would have failed").
 */
export type Actor = 'admin' | 'attacker';

/**
 * The optional critical operations of §18.1 a Resource Guard may leave out (disabling soft
 * delete and disabling MUA are mandatory): stop protection with delete data, modify a policy
 * to reduce retention, move items to a policy with lower retention.
 */
export type GuardedOperation = 'stopProtectionDelete' | 'reducePolicyRetention' | 'reduceProtectionRetention';

/** Every optional critical operation, in the order the reference lists them. */
export const GUARDED_OPERATIONS: readonly GuardedOperation[] = [
  'reducePolicyRetention',
  'reduceProtectionRetention',
  'stopProtectionDelete',
];

/** Multi-user authorization on a vault: a Resource Guard and how long an admin's approval takes. */
export interface ResourceGuard {
  /** From an admin's request to the approval (temporary Contributor on the guard, e.g. through PIM). */
  approvalDelay: Millis;
  /** Optional critical operations this guard does not protect. */
  exclude: GuardedOperation[];
}

/** A vault's soft-delete state (§2.3, §18.2). */
export type SoftDeleteState = 'disabled' | 'enabled' | 'always-on';

/** A vault's immutability state (§2.3, §18.3). */
export type ImmutabilityState = 'disabled' | 'enabled' | 'locked';

/** What an operation does and to what. */
export type OperationAction =
  | { kind: 'stop-protection'; deleteData: boolean; targets: VmTargets }
  | { kind: 'resume-protection'; targets: VmTargets }
  | { kind: 'undelete'; targets: VmTargets }
  /** A policy's retention and/or schedule change (null: unchanged). */
  | { kind: 'modify-policy'; policy: string; retention: Retention | null; schedule: Schedule | null }
  /** Items move to another policy. */
  | { kind: 'modify-protection'; targets: VmTargets; policy: string }
  /** Soft delete changes state; `retention` (or null: unchanged) applies to later deletions. */
  | { kind: 'set-soft-delete'; vault: string; state: SoftDeleteState; retention: Millis | null }
  | { kind: 'set-immutability'; vault: string; state: ImmutabilityState }
  | { kind: 'disable-mua'; vault: string };

/** One operation of the scenario's `events`, in scenario order. */
export type OperationSpec = OperationAction & {
  /** When it is issued: fixed, or drawn once per run (stream `operation/<index>/at`). */
  at: TimeSpec;
  actor: Actor;
  /** The scenario key it was written as, like stopProtection or deleteBackup (for reports). */
  written: string;
};
