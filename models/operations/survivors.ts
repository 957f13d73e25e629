// What survives an attack (issue 14): right after the attacker's last operation, each protected
// item's usable recovery points — those still kept (instant-restore snapshots, vault, archive)
// and those in soft delete, which a restore can use after an undelete (§2.3) — with the oldest
// and newest of them and the vault bytes they hold.

import type { VmBackup } from '../backup/vm-backup.js';
import type { VaultRuntime } from '../backup/world.js';
import type { AttackResult, Survivor } from '../results/operations.js';

/** A protected item as the survivors count it. */
export interface SurvivorSource {
  item: VmBackup;
  group: string;
  vault: VaultRuntime;
}

/** The survivors at `now` (sim ms), items in the order given; `iso` turns an instant into text. */
export function survivors(
  sources: readonly SurvivorSource[],
  now: number,
  iso: (t: number) => string,
): AttackResult {
  const items = sources.map(({ item, group, vault }): Survivor => {
    const live = item.restorePoints();
    const held = item.softDeletedPoints();
    const all = [...live, ...held];
    const taken = all.map((p) => p.takenAt);
    const ledger = vault.ledger;
    return {
      item: item.id,
      group,
      vault: vault.spec.name,
      state: item.state,
      points: all.length,
      oldest: taken.length === 0 ? null : iso(Math.min(...taken)),
      newest: taken.length === 0 ? null : iso(Math.max(...taken)),
      bytes:
        ledger.itemBytes(item.id, 'standard') +
        ledger.itemBytes(item.id, 'archive') +
        ledger.itemBytes(item.id, 'softDeleted'),
      needsUndelete: live.length === 0 && held.length > 0,
    };
  });
  return {
    after: iso(now),
    items,
    points: items.reduce((s, i) => s + i.points, 0),
    bytes: items.reduce((s, i) => s + i.bytes, 0),
    lost: items.filter((i) => i.points === 0).length,
    needUndelete: items.filter((i) => i.needsUndelete).length,
  };
}
