// What an allowed operation does to the world (docs/reference.md §2.3; reference/azure-
// workloads.md §18.2, §18.5): stop, resume and undelete items, change or move policies, change
// a vault's soft delete, immutability or multi-user authorization. Each returns what it
// changed, or why it could do nothing (then it changed nothing).

import { MS } from '../../engine/units.js';
import type { VmBackup } from '../backup/vm-backup.js';
import type { VaultRuntime } from '../backup/world.js';
import type { SecurityAlerts } from '../monitor/security.js';
import type { OperationChanges } from '../results/operations.js';
import { reducesRetention } from '../retention/change.js';
import type { OperationAction } from '../scenario/operations.js';
import type { Policy } from '../scenario/types.js';

/** A protected item as the operations see it: its backup, vault and current policy. */
export interface Member {
  item: VmBackup;
  group: string;
  vault: VaultRuntime;
  policy: string;
}

/** What applying an operation needs: the items it touches, the policies now, the alerts. */
export interface ApplyContext {
  members: readonly Member[];
  vault: VaultRuntime | null;
  policies: Map<string, Policy>;
  security: SecurityAlerts | null;
  /** The time now (sim ms). */
  now: number;
  /** An instant (sim ms) as ISO-8601 text. */
  iso: (t: number) => string;
}

/** What an operation did: its changes, or the reason it could do nothing. */
export type Applied = { changes: OperationChanges } | { failed: string };

/** No change at all. */
export const NO_CHANGES: OperationChanges = {
  items: 0,
  pointsDeleted: 0,
  pointsPruned: 0,
  pointsRestored: 0,
  bytesSoftDeleted: 0,
  bytesPurged: 0,
  bytesRestored: 0,
  purgeAt: null,
};

// docs/reference.md §2.3: the default soft-delete retention.
const DEFAULT_SOFT_DELETE = 14 * MS.day;

/** Applies an allowed operation. */
export function apply(action: OperationAction, ctx: ApplyContext): Applied {
  switch (action.kind) {
    case 'stop-protection':
      return action.deleteData ? stopDelete(ctx) : stopRetain(ctx);
    case 'resume-protection':
      return resume(ctx);
    case 'undelete':
      return undelete(ctx);
    case 'modify-policy':
      return modifyPolicy(action, ctx);
    case 'modify-protection':
      return modifyProtection(action.policy, ctx);
    case 'set-soft-delete':
      return setSoftDelete(action, ctx.vault!, ctx);
    case 'set-immutability': {
      const p = ctx.vault!.protection;
      if (p.immutability === action.state) return { failed: `immutability is already ${action.state}` };
      p.immutability = action.state;
      return { changes: NO_CHANGES };
    }
    case 'disable-mua': {
      const v = ctx.vault!;
      if (v.protection.guard === null)
        return { failed: 'the vault has no multi-user authorization to disable' };
      v.protection.guard = null;
      ctx.security?.fire('muaDisabled', { vault: v.spec.name });
      return { changes: NO_CHANGES };
    }
  }
}

function stopRetain(ctx: ApplyContext): Applied {
  const hit = ctx.members.filter((m) => m.item.state === 'protected');
  if (hit.length === 0) return { failed: 'protection of these VMs is already stopped' };
  for (const m of hit) m.item.stopProtection(false);
  return { changes: { ...NO_CHANGES, items: hit.length } };
}

function stopDelete(ctx: ApplyContext): Applied {
  const hit = ctx.members.filter((m) => m.item.state === 'protected' || m.item.state === 'stopped');
  if (hit.length === 0) return { failed: 'the data of these VMs is already deleted' };
  const c = { ...NO_CHANGES, items: hit.length };
  let purgeAt = Number.POSITIVE_INFINITY;
  for (const m of hit) {
    const d = m.item.stopProtection(true);
    if (d === null) continue;
    c.pointsDeleted += d.points;
    if (d.purgeAt === null) c.bytesPurged += d.bytes;
    else {
      c.bytesSoftDeleted += d.bytes;
      purgeAt = Math.min(purgeAt, d.purgeAt);
    }
  }
  return { changes: { ...c, purgeAt: Number.isFinite(purgeAt) ? ctx.iso(purgeAt) : null } };
}

function resume(ctx: ApplyContext): Applied {
  const held = ctx.members.filter((m) => m.item.state === 'soft-deleted').length;
  const hit = ctx.members.filter((m) => m.item.resume());
  if (hit.length > 0) return { changes: { ...NO_CHANGES, items: hit.length } };
  return {
    failed:
      held > 0
        ? 'the data of these VMs is in soft delete: undelete it before resuming protection (§2.3)'
        : 'these VMs are protected already',
  };
}

function undelete(ctx: ApplyContext): Applied {
  const c = { ...NO_CHANGES };
  for (const m of ctx.members) {
    const bytes = m.vault.ledger.itemBytes(m.item.id, 'softDeleted');
    const points = m.item.undelete();
    if (points === null) continue;
    c.items++;
    c.pointsRestored += points;
    c.bytesRestored += bytes;
  }
  if (c.items > 0) return { changes: c };
  const purged = ctx.members.some((m) => m.item.state === 'deleted');
  return {
    failed: purged ? 'the soft-deleted data was purged already' : 'these VMs have no data in soft delete',
  };
}

function modifyPolicy(action: OperationAction & { kind: 'modify-policy' }, ctx: ApplyContext): Applied {
  const before = ctx.policies.get(action.policy)!;
  const next: Policy = {
    ...before,
    retention: action.retention ?? before.retention,
    schedule: action.schedule ?? before.schedule,
  };
  ctx.policies.set(action.policy, next);
  const c = { ...NO_CHANGES, items: ctx.members.length };
  for (const m of ctx.members) c.pointsPruned += m.item.setPolicy(next);
  if (reducesRetention(before, next)) {
    const vaults = [...new Set(ctx.members.map((m) => m.vault.spec.name))];
    for (const vault of vaults.length === 0 ? [null] : vaults)
      ctx.security?.fire('policyShorterRetention', {
        policy: action.policy,
        ...(vault === null ? {} : { vault }),
      });
  }
  return { changes: c };
}

function modifyProtection(to: string, ctx: ApplyContext): Applied {
  const next = ctx.policies.get(to)!;
  const hit = ctx.members.filter((m) => m.policy !== to);
  if (hit.length === 0) return { failed: `these VMs are under policy ${to} already` };
  const c = { ...NO_CHANGES, items: hit.length };
  for (const m of hit) {
    const before = ctx.policies.get(m.policy)!;
    c.pointsPruned += m.item.setPolicy(next);
    m.policy = to;
    if (reducesRetention(before, next))
      ctx.security?.fire('protectionShorterRetention', { datasourceId: m.item.id, vault: m.vault.spec.name });
  }
  return { changes: c };
}

function setSoftDelete(
  action: OperationAction & { kind: 'set-soft-delete' },
  v: VaultRuntime,
  ctx: ApplyContext,
): Applied {
  const p = v.protection;
  if (action.state === 'disabled') {
    if (p.softDelete === null) return { failed: 'soft delete is already disabled' };
    p.softDelete = null;
    ctx.security?.fire('softDeleteDisabled', { vault: v.spec.name });
    // §18.2: "Disabling soft delete immediate purges deleted data" (the Enabled state).
    const bytesPurged = v.ledger.purgeAll(ctx.now);
    return { changes: { ...NO_CHANGES, bytesPurged } };
  }
  const alwaysOn = action.state === 'always-on';
  const retention = action.retention ?? p.softDelete ?? v.spec.softDelete ?? DEFAULT_SOFT_DELETE;
  if (p.softDelete === retention && p.softDeleteAlwaysOn === alwaysOn)
    return { failed: `soft delete is already ${action.state}` };
  p.softDelete = retention;
  p.softDeleteAlwaysOn = alwaysOn;
  return { changes: NO_CHANGES };
}
