import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferArena } from '../../../engine/arena.js';
import { Chain } from '../../../models/storage/chain.js';
import {
  advance,
  advanceInPlace,
  contentState,
  deltaBytes,
  fullBytes,
} from '../../../models/storage/content.js';
import type { ContentState } from '../../../models/storage/types.js';
import { DAY, daily, GiB } from './fixtures.js';

/** `actual` is `expected` up to `slack` whole bytes above it (deltas round up). */
function expectBytes(actual: number, expected: number, slack: number): void {
  expect(actual).toBeGreaterThanOrEqual(expected - 1e-3);
  expect(actual).toBeLessThanOrEqual(expected + slack + 1e-3);
}

describe('Chain: hand-worked', () => {
  it('stores a full copy plus one increment per later point', () => {
    // One 100 GiB disk, 2% daily churn, daily points for 10 days, nothing expiring:
    // 100 GiB + 9 × (2% of 100 GiB) = 100 + 18 = 118 GiB (each delta ≤ 1 byte above 2 GiB).
    const chain = new Chain();
    const days = daily(10, 100 * GiB, 0.02);
    const added = days.map((s, i) => chain.append(i, s));
    expect(added[0]).toBe(100 * GiB);
    for (const a of added.slice(1)) expectBytes(a, 2 * GiB, 1);
    expectBytes(chain.stored, 118 * GiB, 9);
    expect(chain.size).toBe(10);
  });

  it('keeps a full oldest point plus 29 increments under 30-day retention', () => {
    // After 40 days with 30-day retention points 10..39 live: the oldest (point 10) is a
    // full copy, 100 GiB, and points 11..39 hold 2 GiB each: 100 + 29 × 2 = 158 GiB.
    const chain = new Chain();
    const days = daily(40, 100 * GiB, 0.02);
    for (const [i, s] of days.entries()) {
      chain.append(i, s);
      if (i >= 30) chain.remove(i - 30);
    }
    expect(chain.size).toBe(30);
    expect(chain.oldest()?.id).toBe(10);
    expect(chain.bytesOf(10)).toBe(100 * GiB);
    expectBytes(chain.stored, 158 * GiB, 29);
  });

  it('merges the deltas around an expired point: two 2% deltas become 3.96%', () => {
    const chain = new Chain();
    for (const [i, s] of daily(4, 100 * GiB, 0.02).entries()) chain.append(i, s);
    const before = chain.stored;
    // Point 2 goes; point 3 now holds what changed since point 1: 1 − 0.98² = 3.96% of 100 GiB.
    // The 0.02 × 0.02 = 0.04% overwritten on both days was stored twice and is now stored once.
    const change = chain.remove(2);
    expectBytes(chain.bytesOf(3), 0.0396 * 100 * GiB, 1);
    // A difference of rounded-up deltas: within a byte either way.
    expect(Math.abs(-change - 0.0004 * 100 * GiB)).toBeLessThanOrEqual(1 + 1e-3);
    expect(chain.stored).toBe(before + change);
    expect(chain.points().map((p) => p.id)).toEqual([0, 1, 3]);
  });

  it('makes the successor the full base when the oldest point expires', () => {
    const chain = new Chain();
    for (const [i, s] of daily(3, 100 * GiB, 0.02).entries()) chain.append(i, s);
    // Point 0's unique blocks are the 2% that point 1 overwrote: 100 + 2 + 2 → 100 + 2.
    const change = chain.remove(0);
    expect(chain.bytesOf(1)).toBe(100 * GiB);
    expectBytes(-change, 2 * GiB, 1);
    expect(chain.oldest()?.id).toBe(1);
    expect(chain.newest()?.id).toBe(2);
  });

  it('adds growth on top of churn', () => {
    // 100 GiB growing 1 GiB a day with 2% churn: day 1 adds 2% of 100 GiB + 1 GiB = 3 GiB.
    const chain = new Chain();
    const [a, b] = daily(2, 100 * GiB, 0.02, GiB);
    chain.append(1, a);
    expectBytes(chain.append(2, b), 3 * GiB, 1);
  });

  it('empties back to zero and rejects duplicates, unknown ids and older points', () => {
    const chain = new Chain();
    const [a, b] = daily(2, GiB, 0.1);
    chain.append(1, a);
    chain.append(2, b);
    expect(() => chain.append(1, b)).toThrow(/already/);
    expect(() => chain.append(3, a)).toThrow(/older/);
    expect(() => chain.remove(9)).toThrow(/no point/);
    chain.remove(2);
    chain.remove(1);
    expect(chain.stored).toBe(0);
    expect(chain.size).toBe(0);
    expect(chain.newest()).toBeUndefined();
    expect(chain.oldest()).toBeUndefined();
  });
});

/** Recomputes stored from scratch: full oldest plus the deltas between consecutive retained points. */
function recompute(states: readonly ContentState[]): number {
  if (states.length === 0) return 0;
  let total: number = fullBytes(states[0]);
  for (let i = 1; i < states.length; i++) total += deltaBytes(states[i - 1], states[i]);
  return total;
}

type Op = { kind: 'append'; churn: number; used: number } | { kind: 'remove'; pick: number };
const opArb = (growOnly: boolean): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('append' as const),
      churn: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 10_000),
      used: fc.integer({ min: 0, max: growOnly ? 2 ** 30 : 2 ** 40 }),
    }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  );

/** Runs ops on a chain and a list model, calling `check` after each with the removal's change (if any). */
function run(
  ops: readonly Op[],
  growOnly: boolean,
  check: (
    chain: Chain,
    live: { id: number; state: ContentState }[],
    removed?: { change: number; bytes: number },
  ) => void,
): void {
  const chain = new Chain();
  const live: { id: number; state: ContentState }[] = [];
  let current = contentState(0, [2 ** 32, 2 ** 20]);
  for (const [i, op] of ops.entries()) {
    if (op.kind === 'append') {
      const used = [...current.used].map((u) => (growOnly ? u + op.used : op.used));
      current = advance(current, [op.churn, op.churn / 2], used, (i + 1) * DAY);
      chain.append(i, current);
      live.push({ id: i, state: current });
      check(chain, live);
    } else if (live.length > 0) {
      const [gone] = live.splice(op.pick % live.length, 1);
      const bytes = chain.bytesOf(gone.id);
      const change = chain.remove(gone.id);
      check(chain, live, { change, bytes });
    }
  }
}

describe('Chain: properties', () => {
  it('should always store what a from-scratch recomputation over the live points gives', () => {
    fc.assert(
      fc.property(fc.array(opArb(false), { maxLength: 60 }), (ops) => {
        run(ops, false, (chain, live) => {
          expect(chain.stored).toBe(recompute(live.map((p) => p.state)));
          expect(chain.size).toBe(live.length);
          expect(chain.points().map((p) => p.id)).toEqual(live.map((p) => p.id));
          expect(chain.points().reduce((s, p) => s + p.bytes, 0)).toBe(chain.stored);
        });
      }),
    );
  });

  it('should never store a negative amount nor more than every live point in full', () => {
    fc.assert(
      fc.property(fc.array(opArb(false), { maxLength: 60 }), (ops) => {
        run(ops, false, (chain, live) => {
          expect(chain.stored).toBeGreaterThanOrEqual(0);
          expect(chain.stored).toBeLessThanOrEqual(live.reduce((s, p) => s + fullBytes(p.state), 0));
        });
      }),
    );
  });

  it('should never grow when a point is removed while used does not shrink', () => {
    fc.assert(
      fc.property(fc.array(opArb(true), { maxLength: 60 }), (ops) => {
        run(ops, true, (_chain, _live, removed) => {
          if (removed !== undefined) expect(removed.change).toBeLessThanOrEqual(0);
        });
      }),
    );
  });

  it('should never grow when a point is removed, nor shrink by more than its own bytes, even when used shrinks', () => {
    fc.assert(
      fc.property(fc.array(opArb(false), { maxLength: 60 }), (ops) => {
        run(ops, false, (_chain, _live, removed) => {
          if (removed === undefined) return;
          expect(removed.change).toBeLessThanOrEqual(0);
          expect(removed.change).toBeGreaterThanOrEqual(-removed.bytes);
        });
      }),
    );
  });
});

describe('Chain: ids', () => {
  it('should always find exactly the live points, whatever the ids and the order they go in', () => {
    const idArb = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.nat(64));
    fc.assert(
      fc.property(
        fc.uniqueArray(idArb, { maxLength: 80, comparator: 'SameValueZero' }),
        fc.array(fc.nat()),
        (ids, picks) => {
          const chain = new Chain();
          const state = contentState(0, [GiB]);
          for (const id of ids) chain.append(id, state);
          const live = [...ids];
          for (const pick of picks) {
            if (live.length === 0) break;
            const [gone] = live.splice(pick % live.length, 1);
            chain.remove(gone);
            expect(chain.has(gone)).toBe(false);
            expect(chain.size).toBe(live.length);
            for (const id of live) expect(chain.has(id)).toBe(true);
          }
          expect(chain.points().map((p) => p.id)).toEqual(live);
        },
      ),
    );
  });
});

describe('Chain: memory', () => {
  it('should give the same results in a shared arena and from one state advanced in place', () => {
    fc.assert(
      fc.property(fc.array(opArb(false), { maxLength: 60 }), (ops) => {
        // Small chunks, so chunk turnover and reuse of given-back buffers are exercised.
        const arena = new BufferArena(4096);
        const plain = new Chain();
        const a = new Chain(arena);
        const b = new Chain(arena);
        const scratch = contentState(0, [2 ** 32, 2 ** 20]);
        let current: ContentState = contentState(0, [2 ** 32, 2 ** 20]);
        const live: number[] = [];
        for (const [i, op] of ops.entries()) {
          if (op.kind === 'append') {
            const used = [op.used, op.used];
            current = advance(current, [op.churn, op.churn / 2], used, (i + 1) * DAY);
            advanceInPlace(scratch, [op.churn, op.churn / 2], used, (i + 1) * DAY);
            plain.append(i, current);
            a.append(i, scratch);
            b.append(i, current);
            live.push(i);
          } else if (live.length > 0) {
            const [gone] = live.splice(op.pick % live.length, 1);
            const change = plain.remove(gone);
            expect(a.remove(gone)).toBe(change);
            expect(b.remove(gone)).toBe(change);
          }
          expect(a.points()).toEqual(plain.points());
          expect(b.points()).toEqual(plain.points());
        }
        a.clear();
        expect([a.size, a.stored, a.oldest()]).toEqual([0, 0, undefined]);
        expect(b.points()).toEqual(plain.points());
      }),
    );
  });

  it('reuses a given-back buffer of the same length and gives large requests their own', () => {
    const arena = new BufferArena(1024);
    const first = arena.take(16);
    arena.give(first);
    expect(arena.take(16)).toBe(first);
    expect(arena.take(16)).not.toBe(first);
    expect(arena.take(1000).buffer.byteLength).toBe(8000);
  });
});
