// RetentionQueue against a model written the plain way (an array of live points, filtered and
// sorted): random adds, re-adds, removals, policy changes and advances, with untils in and out
// of creation order, equal untils and tiers that keep nothing, every observable compared after
// every step, errors included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferArena } from '../../../engine/arena.js';
import { type RetainedPoint, RetentionQueue, TIERS, type Tier } from '../../../models/retention/index.js';

/** A live point as the model holds it: untils in TIERS order (NaN: not kept), and the object given to add, if any. */
interface Held {
  id: number;
  createdAt: number;
  until: number[];
  expiresAt: number;
  given?: RetainedPoint;
}

/** The queue's contract in the fewest words: what lives, what lapses, and the errors. */
class Model {
  clock = Number.NEGATIVE_INFINITY;
  live: Held[] = [];

  insert(p: Held, past: boolean): string | null {
    if (!past && p.createdAt < this.clock)
      return `point ${p.id} created at ${p.createdAt}, before now (${this.clock})`;
    if (p.createdAt < (this.live.at(-1)?.createdAt ?? Number.NEGATIVE_INFINITY))
      return `point ${p.id} added out of creation order`;
    if (this.live.some((q) => q.id === p.id)) return `point ${p.id} is already held`;
    this.live.push(p);
    return null;
  }

  advance(now: number): Held[] | string {
    if (now < this.clock) return `retention clock moved back from ${this.clock} to ${now}`;
    this.clock = now;
    const gone = this.live.filter((p) => p.expiresAt <= now);
    this.live = this.live.filter((p) => p.expiresAt > now);
    return gone.sort((a, b) => a.expiresAt - b.expiresAt || a.id - b.id);
  }

  remove(id: number): Held | null {
    const p = this.live.find((q) => q.id === id) ?? null;
    this.live = this.live.filter((q) => q.id !== id);
    return p;
  }

  // A tier keeps a live point while its until is after the clock.
  mask(p: Held): number {
    return TIERS.reduce((m, _, k) => (p.until[k] > this.clock ? m | (1 << k) : m), 0);
  }

  counts(): number[] {
    return TIERS.map((_, k) => this.live.filter((p) => this.mask(p) & (1 << k)).length);
  }
}

// The object a queue hands back for a point given as numbers (or re-added).
function built(p: Held): RetainedPoint {
  const until = Object.fromEntries(TIERS.map((t, k) => [t, Number.isNaN(p.until[k]) ? null : p.until[k]]));
  return {
    id: p.id,
    createdAt: p.createdAt,
    tags: {
      tiers: TIERS.filter((t) => until[t] !== null),
      until: until as Record<Tier, number | null>,
      expiresAt: p.expiresAt,
    },
  };
}

function expectPoint(actual: RetainedPoint | null, held: Held | undefined): void {
  if (held === undefined) expect(actual).toBeNull();
  else if (held.given !== undefined) expect(actual).toBe(held.given);
  else expect(actual).toEqual(built(held));
}

// Runs `act` on the queue; it must throw a RangeError with exactly `error`, or nothing when null.
function expectOutcome(act: () => void, error: string | null): void {
  let thrown: unknown = null;
  try {
    act();
  } catch (e) {
    thrown = e;
  }
  if (error === null) expect(thrown).toBeNull();
  else expect(thrown instanceof RangeError && thrown.message).toBe(error);
}

// Everything a caller can see; `byId` adds the id lookups (which build the queue's id index).
function expectSame(q: RetentionQueue, m: Model, ids: number[], byId: boolean): void {
  expect(q.now).toBe(m.clock);
  expect(q.size).toBe(m.live.length);
  const counts = m.counts();
  expect(q.countByTier()).toEqual(Object.fromEntries(TIERS.map((t, k) => [t, counts[k]])));
  TIERS.forEach((_, k) => {
    expect(q.tierCount(k)).toBe(counts[k]);
  });
  const points = q.points();
  expect(points.length).toBe(m.live.length);
  points.forEach((p, i) => {
    expectPoint(p, m.live[i]);
  });
  expectPoint(q.oldest(), m.live[0]);
  expectPoint(q.newest(), m.live.at(-1));
  if (!byId) return;
  for (const id of [...ids, -1]) {
    const held = m.live.find((p) => p.id === id);
    const mask = held === undefined ? -1 : m.mask(held);
    expect(q.activeMask(id)).toBe(mask);
    expect(q.activeTiers(id)).toEqual(mask < 0 ? null : TIERS.filter((_, k) => mask & (1 << k)));
  }
}

// Untils as offsets from the creation: a tier keeps the point when its bit is in `tiers`.
// `policy` takes the run's current policy (in creation order), else `free` (any order).
type Untils = { tiers: number; policy: boolean; free: number[]; own: number | null };
const untilsOf = fc.record({
  tiers: fc.nat({ max: 15 }),
  policy: fc.boolean(),
  free: fc.array(fc.integer({ min: -3, max: 40 }), { minLength: 4, maxLength: 4 }),
  // The point's own retention (on-demand) instead of its last tier's until.
  own: fc.option(fc.integer({ min: -3, max: 40 }), { nil: null }),
});
const aPolicy = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 4, maxLength: 4 });
const op = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    numbers: fc.boolean(),
    gap: fc.integer({ min: -2, max: 4 }),
    tags: untilsOf,
    dup: fc.option(fc.nat(), { freq: 8 }),
  }),
  fc.record({
    kind: fc.constant('readd' as const),
    gap: fc.integer({ min: -3, max: 2 }),
    tags: untilsOf,
    back: fc.option(fc.nat(), { freq: 2 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retag' as const), policy: aPolicy }),
  fc.record({
    kind: fc.constant('advance' as const),
    by: fc.integer({ min: -1, max: 15 }),
    ids: fc.boolean(),
  }),
);

describe('RetentionQueue against a plain model', () => {
  it('lapses a shortened policy’s new points before the older ones still kept longer', () => {
    const q = new RetentionQueue(4);
    const daily = (d: number) => [d, Number.NaN, Number.NaN, Number.NaN];
    // Daily 30 for points 0–2 (created 0, 1, 2: until 30, 31, 32), then daily 7 for 3–4
    // (created 3, 4: until 10, 11): the ring is out of creation order from point 3 on.
    for (const c of [0, 1, 2]) q.addPoint(c, c, daily(c + 30), c + 30);
    for (const c of [3, 4]) q.addPoint(c, c, daily(c + 7), c + 7);
    const out: number[] = [];
    expect(q.advanceIds(10, out)).toBe(1);
    expect(out).toEqual([3]); // until 10 ≤ 10
    expect(q.advanceIds(31, out)).toBe(3);
    expect(out).toEqual([4, 0, 1]); // untils 11, 30, 31, in that order
    expect(q.points().map((p) => p.id)).toEqual([2]);
    expect(q.countByTier().daily).toBe(1);
  });

  it('should always agree with the model after every step, whatever order the untils come in', () => {
    fc.assert(
      fc.property(
        // size 'max': lengths up to maxLength (the default size stops near 10 steps).
        fc.array(op, { maxLength: 200, size: 'max' }),
        aPolicy,
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        (ops, firstPolicy, capacity, arena) => {
          const m = new Model();
          const make = () => new RetentionQueue(capacity, arena ? new BufferArena(4096) : null);
          // Fed the same; the first is also asked by id after every step (which builds its id
          // index), the second only what a caller that adds and advances reads.
          const queues = [make(), make()];
          const ids: number[] = [];
          const gone: number[] = [];
          let policy = firstPolicy;
          let nextId = 0;
          const point = (id: number, createdAt: number, tags: Untils): Held => {
            const until = TIERS.map((_, k) =>
              tags.tiers & (1 << k) ? createdAt + (tags.policy ? policy[k] : tags.free[k]) : Number.NaN,
            );
            const kept = until.filter((u) => !Number.isNaN(u));
            const expiresAt = tags.own === null ? Math.max(createdAt, ...kept) : createdAt + tags.own;
            return { id, createdAt, until, expiresAt };
          };
          const base = () => (Number.isFinite(m.clock) ? m.clock : 0);
          for (const o of ops) {
            if (o.kind === 'add') {
              const live = m.live;
              const id = o.dup !== null && live.length > 0 ? live[o.dup % live.length].id : nextId++;
              const p = point(id, Math.max(base(), live.at(-1)?.createdAt ?? 0) + o.gap, o.tags);
              if (!o.numbers) p.given = built(p);
              const error = m.insert(p, false);
              for (const q of queues)
                expectOutcome(
                  () => (p.given ? q.add(p.given) : q.addPoint(p.id, p.createdAt, p.until, p.expiresAt)),
                  error,
                );
              if (error === null) ids.push(id);
            } else if (o.kind === 'readd') {
              const id = o.back !== null && gone.length > 0 ? gone[o.back % gone.length] : nextId++;
              const p = point(id, (m.live.at(-1)?.createdAt ?? base() - 10) + o.gap, o.tags);
              const error = m.insert(p, true);
              for (const q of queues) expectOutcome(() => q.readd(built(p)), error);
              if (error === null) ids.push(id);
            } else if (o.kind === 'remove') {
              const id = ids.length === 0 ? 0 : ids[o.pick % ids.length];
              const held = m.remove(id);
              for (const q of queues) expectPoint(q.remove(id), held ?? undefined);
              if (held !== null) gone.push(id);
            } else if (o.kind === 'retag') {
              // A policy change (setPolicy): every live point out, then back with the new untils.
              policy = o.policy;
              const moved = m.live.map((p) => {
                const tiers = TIERS.reduce((t, _, k) => (Number.isNaN(p.until[k]) ? t : t | (1 << k)), 0);
                return tiers === 0
                  ? p
                  : point(p.id, p.createdAt, { tiers, policy: true, free: [], own: null });
              });
              for (const p of moved) {
                m.remove(p.id);
                for (const q of queues) q.remove(p.id);
              }
              for (const p of moved) {
                expect(m.insert({ ...p, given: undefined }, true)).toBeNull();
                for (const q of queues) q.readd(built(p));
              }
            } else {
              const now = base() + o.by;
              const expected = m.advance(now);
              const out: number[] = [];
              for (const q of queues) {
                if (typeof expected === 'string') {
                  expectOutcome(() => q.advance(now), expected);
                } else if (o.ids) {
                  expect(q.advanceIds(now, out)).toBe(expected.length);
                  expect(out).toEqual(expected.map((p) => p.id));
                } else {
                  const popped = q.advance(now);
                  expect(popped.length).toBe(expected.length);
                  popped.forEach((p, i) => {
                    expectPoint(p, expected[i]);
                  });
                }
              }
              if (typeof expected !== 'string') gone.push(...expected.map((p) => p.id));
            }
            expectSame(queues[0], m, ids, true);
            expectSame(queues[1], m, ids, false);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
