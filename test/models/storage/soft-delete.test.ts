// The ledger's soft delete (docs/reference.md §2.3; issue 14): deleted vault data held until
// its purge, an undelete giving it back to the item and its tiers, disabling soft delete
// purging it at once, and the history pricing bills from.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, contentState } from '../../../models/storage/content.js';
import { Ledger } from '../../../models/storage/ledger.js';
import type { ContentState } from '../../../models/storage/types.js';

const GiB = 2 ** 30;
const DAY = 86_400_000;

/** A one-disk VM's daily states: `used` bytes, `churn` of them changing each day. */
function vm(days: number, used: number, churn: number): ContentState[] {
  const out = [contentState(0, [used])];
  for (let i = 1; i < days; i++) out.push(advance(out[i - 1], [churn], [used], i * DAY));
  return out;
}

/** Vault points 0..n−1 of `item` (10 GiB used, 2% a day), at days 0..n−1, or at day 4 all. */
function filled(ledger: Ledger, item: string, atOnce = false): void {
  for (const [i, s] of vm(4, 10 * GiB, 0.02).entries())
    ledger.addVaultPoint(atOnce ? 4 * DAY : i * DAY, item, i, s);
}

describe('Ledger: undelete and purges', () => {
  it('an undelete gives the item its chain and archive copies back, in their tiers', () => {
    const ledger = new Ledger('rsv');
    filled(ledger, 'vm');
    ledger.moveToArchive(4 * DAY, 'vm', 0);
    const standard = ledger.itemBytes('vm', 'standard');
    const archive = ledger.itemBytes('vm', 'archive');
    const entry = ledger.deleteItem(5 * DAY, 'vm', 30 * DAY)!;
    expect(entry).toMatchObject({ standardBytes: standard, archiveBytes: archive, purgeAt: 35 * DAY });
    expect([ledger.total('standard'), ledger.total('archive'), ledger.total('softDeleted')]).toEqual([
      0,
      0,
      standard + archive,
    ]);
    expect(ledger.heldUntil('vm')).toBe(35 * DAY);
    expect(ledger.undelete(9 * DAY, 'vm')).toBe(entry);
    expect([ledger.total('standard'), ledger.total('archive'), ledger.total('softDeleted')]).toEqual([
      standard,
      archive,
      0,
    ]);
    // The chain is the one deleted: its points are there, and its next point is a delta.
    expect(ledger.vaultTierOf('vm', 3)).toBe('standard');
    expect(ledger.vaultTierOf('vm', 0)).toBe('archive');
    expect(ledger.chainOf('vm', 'standard')?.size).toBe(3);
    expect(ledger.heldUntil('vm')).toBeNull();
    // Billing stops at the undelete; a second undelete finds nothing.
    expect(ledger.softDeleteHistory()).toEqual([{ ...entry, leftAt: 9 * DAY, undeleted: true }]);
    expect(ledger.undelete(10 * DAY, 'vm')).toBeNull();
    // The archive copy kept its clock: expiring it at day 10 is 6 days after its move.
    expect(ledger.expireVaultPoint(10 * DAY, 'vm', 0)?.daysInArchive).toBe(6);
  });

  it('after the purge nothing comes back; the history records the purge, not an undelete', () => {
    const ledger = new Ledger('rsv');
    filled(ledger, 'vm');
    const purged: string[] = [];
    ledger.onPurge = (e, now) => purged.push(`${e.item}@${now / DAY}`);
    ledger.deleteItem(5 * DAY, 'vm', 14 * DAY);
    ledger.purgeDue(18 * DAY);
    expect(purged).toEqual([]);
    ledger.purgeDue(19 * DAY);
    expect(purged).toEqual(['vm@19']);
    expect(ledger.undelete(20 * DAY, 'vm')).toBeNull();
    expect(ledger.softDeleteHistory()[0].leftAt).toBe(19 * DAY);
    expect(ledger.softDeleteHistory()[0]).not.toHaveProperty('undeleted');
  });

  it('purgeAll releases every entry at once, due or not (soft delete disabled)', () => {
    const ledger = new Ledger('rsv', { parts: ['p', 'q'], partOf: (id) => (id === 'a' ? 0 : 1) });
    filled(ledger, 'a');
    filled(ledger, 'b', true);
    ledger.deleteItem(5 * DAY, 'a', 14 * DAY);
    ledger.deleteItem(6 * DAY, 'b', 30 * DAY);
    const held = ledger.total('softDeleted');
    expect(ledger.purgeAll(7 * DAY)).toBe(held);
    expect(ledger.total('softDeleted')).toBe(0);
    expect(ledger.partSeries('softDeleted', 0).last()).toBe(0);
    expect(ledger.partSeries('softDeleted', 1).last()).toBe(0);
    expect(ledger.softDeleteHistory().map((h) => h.leftAt)).toEqual([7 * DAY, 7 * DAY]);
  });

  it('refuses to undelete over new data: the item cannot hold both', () => {
    const ledger = new Ledger('rsv');
    filled(ledger, 'vm');
    ledger.deleteItem(5 * DAY, 'vm', 14 * DAY);
    ledger.addVaultPoint(6 * DAY, 'vm', 10, contentState(6 * DAY, [GiB]));
    expect(() => ledger.undelete(7 * DAY, 'vm')).toThrow(/holds new data/);
  });
});

type Op =
  | { kind: 'backup'; item: number }
  | { kind: 'delete'; item: number; soft: number | null }
  | { kind: 'undelete'; item: number }
  | { kind: 'purge' }
  | { kind: 'purgeAll' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('backup' as const), item: fc.nat(2) }), weight: 4 },
  fc.record({
    kind: fc.constant('delete' as const),
    item: fc.nat(2),
    soft: fc.option(fc.integer({ min: 1, max: 20 }).map((d) => d * DAY)),
  }),
  fc.record({ kind: fc.constant('undelete' as const), item: fc.nat(2) }),
  fc.constant({ kind: 'purge' as const }),
  { arbitrary: fc.constant({ kind: 'purgeAll' as const }), weight: 1 },
);

describe('Ledger: soft delete properties', () => {
  it('should never count soft-deleted bytes in vault-standard, and never release them before their purge time unless undeleted or purged by purgeAll', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const ledger = new Ledger('rsv');
        const states = new Map<number, ContentState>();
        const live = new Set<number>();
        const forced = new Set<number>(); // history lines ended by purgeAll
        ops.forEach((op, i) => {
          const now = i * DAY;
          const id = (n: number) => `vm-${n}`;
          if (op.kind === 'backup') {
            const prev = states.get(op.item) ?? contentState(now, [GiB]);
            const next = advance(prev, [0.05], [prev.used[0]], now);
            states.set(op.item, next);
            ledger.addVaultPoint(now, id(op.item), i, next);
            live.add(op.item);
          } else if (op.kind === 'delete') {
            ledger.deleteItem(now, id(op.item), op.soft);
            live.delete(op.item);
            states.delete(op.item);
          } else if (op.kind === 'undelete') {
            // Only over an item holding no new data.
            if (live.has(op.item)) return;
            if (ledger.undelete(now, id(op.item)) !== null) live.add(op.item);
          } else if (op.kind === 'purge') ledger.purgeDue(now);
          else {
            const before = ledger.softDeleteHistory().length;
            ledger.softDeleteHistory().forEach((h, k) => {
              if (h.leftAt === undefined && k < before) forced.add(k);
            });
            ledger.purgeAll(now);
          }
          // Vault-standard holds exactly the live items' chains; soft delete exactly what is held.
          const standard = [0, 1, 2].reduce((s, n) => s + ledger.itemBytes(id(n), 'standard'), 0);
          expect(ledger.total('standard')).toBe(standard);
          const held = ledger.softDeleteHistory().filter((h) => h.leftAt === undefined);
          expect(ledger.total('softDeleted')).toBe(held.reduce((s, h) => s + h.bytes, 0));
        });
        ledger.softDeleteHistory().forEach((h, k) => {
          if (h.leftAt === undefined || h.undeleted === true || forced.has(k)) return;
          expect(h.leftAt).toBeGreaterThanOrEqual(h.purgeAt);
        });
      }),
    );
  });
});
