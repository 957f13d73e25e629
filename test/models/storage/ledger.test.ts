import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, contentState, fullBytes } from '../../../models/storage/content.js';
import { Ledger } from '../../../models/storage/ledger.js';
import { type ContentState, TIERS } from '../../../models/storage/types.js';

const GiB = 2 ** 30;
const DAY = 86_400_000;

/** A one-disk VM's daily states: `used` bytes, `churn` of them changing each day. */
function vm(days: number, used: number, churn: number): ContentState[] {
  const out = [contentState(0, [used])];
  for (let i = 1; i < days; i++) out.push(advance(out[i - 1], [churn], [used], i * DAY));
  return out;
}

/** A ledger holding `days` daily vault points (ids 0..days−1) of one VM, taken at day i. */
function withVaultPoints(item: string, states: readonly ContentState[]): Ledger {
  const ledger = new Ledger('rsv');
  for (const [i, s] of states.entries()) ledger.addVaultPoint(i * DAY, item, i, s);
  return ledger;
}

describe('Ledger: tiers and series', () => {
  it('keeps vault-standard and snapshot bytes apart, per item and in total', () => {
    const ledger = new Ledger('rsv');
    const a = vm(3, 100 * GiB, 0.02);
    const b = vm(3, 10 * GiB, 0.05);
    for (let i = 0; i < 3; i++) {
      ledger.addSnapshot(i * DAY, 'vm-a', i, a[i]);
      ledger.addVaultPoint(i * DAY + 1, 'vm-a', i, a[i]);
      ledger.addVaultPoint(i * DAY + 2, 'vm-b', i, b[i]);
    }
    // vm-a: 100 + 2 × 2 = 104 GiB in each tier; vm-b: 10 + 2 × 0.5 = 11 GiB in standard.
    expect(Math.abs(ledger.itemBytes('vm-a', 'snapshot') - 104 * GiB)).toBeLessThanOrEqual(2);
    expect(Math.abs(ledger.itemBytes('vm-b', 'standard') - 11 * GiB)).toBeLessThanOrEqual(2);
    expect(ledger.total('standard')).toBe(
      ledger.itemBytes('vm-a', 'standard') + ledger.itemBytes('vm-b', 'standard'),
    );
    expect(ledger.itemIds()).toEqual(['vm-a', 'vm-b']);
    expect(ledger.series('standard').last()).toBe(ledger.total('standard'));
    expect(ledger.chainOf('vm-a', 'snapshot')?.size).toBe(3);
  });

  it('records the peak of an add before the expiry it replaces', () => {
    const ledger = new Ledger('rsv');
    const s = vm(3, 100 * GiB, 0.02);
    ledger.addSnapshot(0, 'vm', 0, s[0]);
    ledger.addSnapshot(DAY, 'vm', 1, s[1]);
    ledger.expireSnapshot(DAY, 'vm', 0);
    // At DAY the total was briefly 100 + 2 GiB before falling back to 100 GiB.
    expect(ledger.total('snapshot')).toBe(100 * GiB);
    expect(ledger.peak('snapshot')).toBe(ledger.series('snapshot').max());
    expect(ledger.peak('snapshot')).toBeGreaterThan(102 * GiB - 1);
    expect(ledger.hasSnapshot('vm', 0)).toBe(false);
  });

  it('rejects time going backwards and unknown items or points', () => {
    const ledger = new Ledger('rsv');
    const [s] = vm(1, GiB, 0);
    ledger.addVaultPoint(DAY, 'vm', 1, s);
    expect(() => ledger.addVaultPoint(0, 'vm', 2, s)).toThrow(/before/);
    expect(() => ledger.expireVaultPoint(DAY, 'other', 1)).toThrow(/no data/);
    expect(() => ledger.expireVaultPoint(DAY, 'vm', 2)).toThrow(/no vault point/);
  });

  it('keeps its series bounded at fleet scale', () => {
    const ledger = new Ledger('rsv', { maxPoints: 64 });
    const [s] = vm(1, GiB, 0);
    for (let i = 0; i < 1000; i++) ledger.addVaultPoint(i * DAY, `vm-${i}`, 0, s);
    expect(ledger.series('standard').size).toBeLessThanOrEqual(64);
    expect(ledger.series('standard').last()).toBe(1000 * GiB);
    expect(ledger.peak('standard')).toBe(1000 * GiB);
  });
});

describe('Ledger: archive (docs/reference.md §2.4)', () => {
  it('grows total storage when a low-churn VM point becomes a full copy', () => {
    // 100 GiB at 0.5% churn: point 30 holds ~0.5 GiB in standard. Archived, it becomes a full
    // 100 GiB copy while standard gives back at most ~0.5 GiB (its successor takes over most
    // of its blocks): the vault grows by ~99.5 GiB.
    const ledger = withVaultPoints('vm', vm(40, 100 * GiB, 0.005));
    const before = ledger.total('standard') + ledger.total('archive');
    const own = ledger.chainOf('vm', 'standard')?.bytesOf(30) ?? 0;
    const move = ledger.moveToArchive(40 * DAY, 'vm', 30);
    expect(move.archiveBytes).toBe(100 * GiB);
    expect(move.standardDelta).toBeLessThanOrEqual(0);
    expect(move.standardDelta).toBeGreaterThanOrEqual(-own);
    const after = ledger.total('standard') + ledger.total('archive');
    expect(after - before).toBe(move.archiveBytes + move.standardDelta);
    expect(after - before).toBeGreaterThan(99 * GiB);
    expect(ledger.vaultTierOf('vm', 30)).toBe('archive');
    expect(ledger.archiveEntries('vm')).toEqual([
      { item: 'vm', pointId: 30, bytes: 100 * GiB, archivedAt: 40 * DAY },
    ]);
  });

  it('charges the rest of 180 days when an archive point is deleted after 100', () => {
    const ledger = withVaultPoints('vm', vm(2, 100 * GiB, 0.01));
    ledger.moveToArchive(10 * DAY, 'vm', 0);
    const early = ledger.expireVaultPoint(110 * DAY, 'vm', 0);
    // 100 days in the archive: 180 − 100 = 80 days charged.
    expect(early).toEqual({
      item: 'vm',
      pointId: 0,
      bytes: 100 * GiB,
      archivedAt: 10 * DAY,
      deletedAt: 110 * DAY,
      daysInArchive: 100,
      daysCharged: 80,
    });
    expect(ledger.earlyDeletions()).toEqual([early]);
    expect(ledger.total('archive')).toBe(0);
  });

  it('charges nothing when an archive point is deleted after 180 days or more', () => {
    const ledger = withVaultPoints('vm', vm(2, 100 * GiB, 0.01));
    ledger.moveToArchive(10 * DAY, 'vm', 0);
    expect(ledger.expireVaultPoint(190 * DAY, 'vm', 0)).toBeNull();
    expect(ledger.earlyDeletions()).toEqual([]);
  });
});

describe('Ledger: soft delete (docs/reference.md §2.3)', () => {
  it('moves vault bytes to soft delete until deletedAt + 14 days, and purges them then', () => {
    const ledger = new Ledger('rsv');
    const s = vm(3, 100 * GiB, 0.02);
    s.forEach((st, i) => {
      ledger.addSnapshot(i * DAY, 'vm', i, st);
      ledger.addVaultPoint(i * DAY, 'vm', i, st);
    });
    const standard = ledger.itemBytes('vm', 'standard');
    const entry = ledger.deleteItem(5 * DAY, 'vm', 14 * DAY);
    expect(entry).toEqual({
      item: 'vm',
      bytes: standard,
      standardBytes: standard,
      archiveBytes: 0,
      deletedAt: 5 * DAY,
      purgeAt: 19 * DAY,
    });
    // Snapshots are not covered by soft delete: gone at once.
    expect(ledger.total('snapshot')).toBe(0);
    expect(ledger.total('standard')).toBe(0);
    expect(ledger.total('softDeleted')).toBe(standard);
    expect(ledger.itemBytes('vm', 'softDeleted')).toBe(standard);
    expect(ledger.softDeletedEntries()).toEqual([entry]);
    expect(ledger.purgeDue(19 * DAY - 1)).toBe(0);
    expect(ledger.purgeDue(19 * DAY)).toBe(standard);
    expect(ledger.total('softDeleted')).toBe(0);
    expect(ledger.softDeletedEntries()).toEqual([]);
    expect(ledger.series('softDeleted').valueAt(10 * DAY)).toBe(standard);
    expect(ledger.series('softDeleted').valueAt(19 * DAY)).toBe(0);
  });

  it('purges entries in purge-time order and keeps archive clocks running until the purge', () => {
    const ledger = new Ledger('rsv');
    ledger.addVaultPoint(0, 'a', 0, contentState(0, [GiB]));
    ledger.addVaultPoint(0, 'b', 0, contentState(0, [2 * GiB]));
    ledger.moveToArchive(DAY, 'b', 0);
    ledger.deleteItem(2 * DAY, 'b', 30 * DAY);
    ledger.deleteItem(3 * DAY, 'a', 14 * DAY);
    expect(ledger.softDeletedEntries().map((e) => [e.item, e.purgeAt / DAY])).toEqual([
      ['a', 17],
      ['b', 32],
    ]);
    expect(ledger.purgeDue(20 * DAY)).toBe(GiB);
    expect(ledger.purgeDue(40 * DAY)).toBe(2 * GiB);
    // b's archive copy entered on day 1 and left at the purge on day 40: 39 days, 141 charged.
    expect(ledger.earlyDeletions().map((e) => [e.item, e.daysInArchive, e.daysCharged])).toEqual([
      ['b', 39, 141],
    ]);
  });

  it('starts a fresh chain when a deleted item is protected again', () => {
    const ledger = withVaultPoints('vm', vm(3, 10 * GiB, 0.02));
    ledger.deleteItem(3 * DAY, 'vm', 14 * DAY);
    expect(ledger.itemBytes('vm', 'standard')).toBe(0);
    // The first point after re-protection is a full copy again, beside the soft-deleted data.
    expect(ledger.addVaultPoint(4 * DAY, 'vm', 0, contentState(4 * DAY, [10 * GiB]))).toBe(10 * GiB);
    expect(ledger.itemBytes('vm', 'standard')).toBe(10 * GiB);
    expect(ledger.itemBytes('vm', 'softDeleted')).toBeGreaterThan(10 * GiB);
  });

  it('releases everything at once when soft delete is off', () => {
    const ledger = withVaultPoints('vm', vm(2, 100 * GiB, 0.01));
    ledger.moveToArchive(DAY, 'vm', 0);
    expect(ledger.deleteItem(2 * DAY, 'vm', null)).toBeNull();
    expect(ledger.grandTotal()).toBe(0);
    expect(ledger.earlyDeletions()).toHaveLength(1);
    expect(ledger.itemIds()).toEqual([]);
  });
});

type Op =
  | { kind: 'backup'; item: number; churn: number; growth: number }
  | { kind: 'expire' | 'archive' | 'snapExpire'; item: number; pick: number }
  | { kind: 'delete'; item: number; soft: number | null }
  | { kind: 'purge' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('backup' as const),
      item: fc.nat(2),
      churn: fc.integer({ min: 0, max: 2000 }).map((bp) => bp / 10_000),
      growth: fc.integer({ min: -(2 ** 28), max: 2 ** 28 }),
    }),
    weight: 4,
  },
  fc.record({
    kind: fc.constantFrom('expire' as const, 'archive' as const, 'snapExpire' as const),
    item: fc.nat(2),
    pick: fc.nat(),
  }),
  fc.record({ kind: fc.constant('delete' as const), item: fc.nat(2), soft: fc.option(fc.nat(30 * DAY)) }),
  fc.constant({ kind: 'purge' as const }),
);

/** Runs ops on one ledger, one op a day; `check` sees the ledger after each and, for an archive move, what it did. */
function run(
  ops: readonly Op[],
  check: (ledger: Ledger, op: Op, before: number, extra?: number) => void,
  options: ConstructorParameters<typeof Ledger>[1] = {},
): void {
  const ledger = new Ledger('rsv', { maxPoints: 16, ...options });
  const states = new Map<number, ContentState>();
  const live = new Map<number, { snap: number[]; vault: number[] }>();
  for (const [i, op] of ops.entries()) {
    const now = i * DAY;
    const before = ledger.grandTotal();
    const points = op.kind === 'purge' ? undefined : (live.get(op.item) ?? { snap: [], vault: [] });
    if (op.kind === 'backup' && points) {
      const prev = states.get(op.item) ?? contentState(now, [GiB]);
      const next = advance(prev, [op.churn], [Math.max(0, prev.used[0] + op.growth)], now);
      states.set(op.item, next);
      ledger.addSnapshot(now, `vm-${op.item}`, i, next);
      ledger.addVaultPoint(now, `vm-${op.item}`, i, next);
      points.snap.push(i);
      points.vault.push(i);
      live.set(op.item, points);
      check(ledger, op, before);
    } else if ((op.kind === 'expire' || op.kind === 'snapExpire') && points) {
      const list = op.kind === 'expire' ? points.vault : points.snap;
      if (list.length === 0) continue;
      const [id] = list.splice(op.pick % list.length, 1);
      if (op.kind === 'expire') ledger.expireVaultPoint(now, `vm-${op.item}`, id);
      else ledger.expireSnapshot(now, `vm-${op.item}`, id);
      check(ledger, op, before);
    } else if (op.kind === 'archive' && points) {
      const id = points.vault[op.pick % Math.max(1, points.vault.length)];
      if (id === undefined || ledger.vaultTierOf(`vm-${op.item}`, id) !== 'standard') continue;
      const own = ledger.chainOf(`vm-${op.item}`, 'standard')?.bytesOf(id) ?? 0;
      const move = ledger.moveToArchive(now, `vm-${op.item}`, id);
      expect(ledger.grandTotal() - before).toBe(move.archiveBytes + move.standardDelta);
      check(ledger, op, before, own);
    } else if (op.kind === 'delete') {
      ledger.deleteItem(now, `vm-${op.item}`, op.soft);
      live.delete(op.item);
      states.delete(op.item);
      check(ledger, op, before);
    } else if (op.kind === 'purge') {
      ledger.purgeDue(now);
      check(ledger, op, before);
    }
  }
}

describe('Ledger: parts (billing by policy)', () => {
  // vm-0 is policy "a"; vm-1 and vm-2 are policy "b".
  const parts = { parts: ['a', 'b'], partOf: (id: string) => (id === 'vm-0' ? 0 : 1) };

  it('should always have the parts of a tier add up to the vault, each the sum of its items', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 50 }), (ops) => {
        run(
          ops,
          (ledger) => {
            for (const tier of ['snapshot', 'standard', 'archive'] as const) {
              const a = ledger.partSeries(tier, 0).last();
              const b = ledger.partSeries(tier, 1).last();
              expect(a).toBe(ledger.itemBytes('vm-0', tier));
              expect(b).toBe(ledger.itemBytes('vm-1', tier) + ledger.itemBytes('vm-2', tier));
              expect(a + b).toBe(ledger.total(tier));
            }
          },
          parts,
        );
      }),
    );
  });

  it('keeps every soft-deleted entry with when it left, purged or not', () => {
    const ledger = new Ledger('rsv', parts);
    ledger.addVaultPoint(0, 'vm-0', 0, contentState(0, [GiB]));
    ledger.addVaultPoint(0, 'vm-1', 0, contentState(0, [2 * GiB]));
    ledger.deleteItem(DAY, 'vm-0', 14 * DAY);
    ledger.deleteItem(2 * DAY, 'vm-1', 30 * DAY);
    ledger.purgeDue(15 * DAY);
    expect(ledger.softDeleteHistory().map((e) => [e.item, e.deletedAt, e.purgeAt, e.leftAt])).toEqual([
      ['vm-0', DAY, 15 * DAY, 15 * DAY],
      ['vm-1', 2 * DAY, 32 * DAY, undefined],
    ]);
    expect(ledger.softDeletedEntries().map((e) => e.item)).toEqual(['vm-1']);
    expect(ledger.partSeries('softDeleted', 0).last()).toBe(0);
    expect(ledger.partSeries('softDeleted', 1).last()).toBe(2 * GiB);
  });

  it("keeps one series, the vault's, when it has one part", () => {
    const ledger = new Ledger('rsv', { parts: ['only'] });
    expect(ledger.partSeries('standard', 0)).toBe(ledger.series('standard'));
  });
});

describe('Ledger: properties', () => {
  it('should always have each tier total equal the sum over items and the series end at it', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 50 }), (ops) => {
        run(ops, (ledger) => {
          for (const tier of TIERS) {
            const items = [0, 1, 2].reduce((s, k) => s + ledger.itemBytes(`vm-${k}`, tier), 0);
            expect(ledger.total(tier)).toBe(items);
            expect(ledger.total(tier)).toBeGreaterThanOrEqual(0);
            expect(ledger.series(tier).last()).toBe(ledger.total(tier));
            expect(ledger.peak(tier)).toBeGreaterThanOrEqual(ledger.total(tier));
            expect(ledger.series(tier).size).toBeLessThanOrEqual(16);
          }
          const soft = ledger.softDeletedEntries().reduce((s, e) => s + e.bytes, 0);
          expect(ledger.total('softDeleted')).toBe(soft);
        });
      }),
    );
  });

  it('should grow the vault by exactly the full-conversion difference when a point is archived', () => {
    // Δ(standard + archive) = fullBytes(point) + standardDelta with −bytesOf(point) ≤ standardDelta ≤ 0,
    // so it lies between fullBytes − bytesOf and fullBytes (run() checks the exact equality).
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 50 }), (ops) => {
        run(ops, (ledger, op, before, own) => {
          if (op.kind !== 'archive' || own === undefined) return;
          const entry = ledger.archiveEntries(`vm-${op.item}`).at(-1);
          const full = entry?.bytes ?? 0;
          const grew = ledger.grandTotal() - before;
          expect(grew).toBeGreaterThanOrEqual(full - own);
          expect(grew).toBeLessThanOrEqual(full);
        });
      }),
    );
  });

  it('should never grow the vault when points expire', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 50 }), (ops) => {
        run(ops, (ledger, op, before) => {
          if (
            op.kind === 'expire' ||
            op.kind === 'snapExpire' ||
            op.kind === 'purge' ||
            op.kind === 'delete'
          ) {
            expect(ledger.grandTotal()).toBeLessThanOrEqual(before);
          }
        });
      }),
    );
  });

  it('should make an archive copy hold the full bytes of the point it came from', () => {
    const states = vm(5, 10 * GiB, 0.03);
    const ledger = withVaultPoints('vm', states);
    ledger.moveToArchive(5 * DAY, 'vm', 2);
    expect(ledger.itemBytes('vm', 'archive')).toBe(fullBytes(states[2]));
  });
});
