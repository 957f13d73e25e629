// The rules an operation meets before it changes anything (docs/reference.md §2.3;
// docs/reference.md §18.1–18.3), as a pure function of what the operation is and
// the protections of the vaults it touches. The vault's own protections come first — they
// hold for everyone, and no approval lifts them — then multi-user authorization:
//
// - Immutability Enabled or Locked blocks stop protection with delete data ("a protected item
//   can't have its recovery points deleted before their respective expiry date"), reducing a
//   policy's retention, and moving items to a policy with lower retention; with items in
//   suspended state (stopped, data retained) it also blocks increasing retention ("the
//   increase in retention can't be applied if any item has its backups suspended"). Enabled
//   can be disabled; Locked cannot be disabled or unlocked.
// - Soft delete "Enabled and always-on" cannot be disabled, nor turned back to Enabled (which
//   would let it be disabled: read as the same rule).
// - A Resource Guard makes the critical operations of §18.1 need its approval: disabling soft
//   delete and disabling MUA always; reducing a policy's retention, moving items to lower
//   retention and stop protection with delete data unless the guard excludes them. An
//   attacker (no Contributor on the guard) fails; an admin waits for the approval delay, then
//   the operation is judged again and applied.

import type { VaultProtection } from '../backup/world.js';
import type { Actor, GuardedOperation, OperationAction } from '../scenario/operations.js';

/** What can block an operation. */
export type BlockedBy = 'immutability' | 'mua' | 'soft-delete-always-on' | 'suspended-items';

/** The critical operations of §18.1 a Resource Guard protects (the optional ones, and the two mandatory ones). */
export type CriticalOperation = GuardedOperation | 'disableSoftDelete' | 'disableMua';

/** What the rules say about an operation. */
export type Verdict =
  | { outcome: 'allowed' }
  | { outcome: 'approval'; delay: number }
  | { outcome: 'blocked'; by: BlockedBy; reason: string };

/** What the rules read about an operation and the vaults it touches. */
export interface Facts {
  action: OperationAction;
  actor: Actor;
  /** The admin's request was approved on the Resource Guard (judged again after the delay). */
  approved: boolean;
  /** The protections of every vault the operation touches (a policy: the vaults of its items). */
  vaults: readonly VaultProtection[];
  /** A retention change shortens some tier (reducesRetention), and lengthens some (increasesRetention). */
  reduces: boolean;
  increases: boolean;
  /** Some item the change touches is stopped with its data retained (suspended). */
  suspended: boolean;
}

/** The critical operation of §18.1 an operation is, or null. */
export function criticalOf(f: Facts): CriticalOperation | null {
  const a = f.action;
  if (a.kind === 'stop-protection') return a.deleteData ? 'stopProtectionDelete' : null;
  if (a.kind === 'modify-policy') return f.reduces ? 'reducePolicyRetention' : null;
  if (a.kind === 'modify-protection') return f.reduces ? 'reduceProtectionRetention' : null;
  if (a.kind === 'set-soft-delete') return a.state === 'disabled' ? 'disableSoftDelete' : null;
  if (a.kind === 'disable-mua') return 'disableMua';
  return null;
}

/** Judges an operation: allowed, waiting for an approval, or blocked (and why). */
export function judge(f: Facts): Verdict {
  const own = vaultRules(f);
  if (own !== null) return own;
  const critical = criticalOf(f);
  if (critical === null || f.approved) return { outcome: 'allowed' };
  const guards = f.vaults.flatMap((v) =>
    v.guard !== null && !(v.guard.exclude as string[]).includes(critical) ? [v.guard] : [],
  );
  if (guards.length === 0) return { outcome: 'allowed' };
  if (f.actor === 'attacker')
    return {
      outcome: 'blocked',
      by: 'mua',
      reason: `${CRITICAL_NAMES[critical]} is a critical operation under multi-user authorization, and the actor holds no role on the Resource Guard (§18.1)`,
    };
  return { outcome: 'approval', delay: Math.max(...guards.map((g) => g.approvalDelay)) };
}

const CRITICAL_NAMES: Record<CriticalOperation, string> = {
  stopProtectionDelete: 'stop protection with delete data',
  reducePolicyRetention: 'modify backup policy (reduced retention)',
  reduceProtectionRetention: 'modify protection (reduced retention)',
  disableSoftDelete: 'disable soft delete',
  disableMua: 'disable MUA protection',
};

// The vaults' own protections: immutability and always-on soft delete (null: nothing blocks).
function vaultRules(f: Facts): Verdict | null {
  const a = f.action;
  const immutable = f.vaults.some((v) => v.immutability !== 'disabled');
  const blocked = (by: BlockedBy, reason: string): Verdict => ({ outcome: 'blocked', by, reason });
  switch (a.kind) {
    case 'stop-protection':
      return a.deleteData && immutable
        ? blocked(
            'immutability',
            "the vault is immutable: a protected item can't have its recovery points deleted before their expiry (§18.3)",
          )
        : null;
    case 'modify-policy':
    case 'modify-protection':
      if (f.reduces && immutable)
        return blocked(
          'immutability',
          'the vault has immutability enabled, so changes that could reduce the retention of recovery points are disallowed (§18.3)',
        );
      if (f.increases && immutable && f.suspended)
        return blocked(
          'suspended-items',
          'the increase in retention cannot be applied while an item has its backups suspended (§18.3)',
        );
      return null;
    case 'set-soft-delete':
      return a.state !== 'always-on' && f.vaults.some((v) => v.softDeleteAlwaysOn)
        ? blocked(
            'soft-delete-always-on',
            'soft delete is enabled and always-on: it cannot be disabled for this vault (§18.2)',
          )
        : null;
    case 'set-immutability':
      return a.state !== 'locked' && f.vaults.some((v) => v.immutability === 'locked')
        ? blocked('immutability', 'the vault is immutable and locked: this cannot be reversed (§2.3)')
        : null;
    default:
      return null;
  }
}
