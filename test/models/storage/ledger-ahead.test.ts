// Changes made ahead of their instant (models/storage/ledger.ts, chain.ts): a snapshot appended
// to its chain early and counted at its instant (appendSnapshotAhead + countSnapshot), a vault
// point counted at its landing and filed into its chain later (countVaultPoint +
// fileVaultPoint), chains presized for the points they will hold (Ledger.item's hint,
// new Chain(arena, expected, disks)), and Chain.appendBytes. Each must give exactly what the
// plain call at the counting instant gives: VmBackup relies on it to skip events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferArena } from '../../../engine/arena.js';
import { Chain } from '../../../models/storage/chain.js';
import { advance, contentState, deltaBytes, fullBytes } from '../../../models/storage/content.js';
import { Ledger } from '../../../models/storage/ledger.js';
import { type ContentState, TIERS } from '../../../models/storage/types.js';
import { DAY, daily, GiB } from './fixtures.js';

const HOUR = 3_600_000;

/** Everything a ledger shows of its totals: per tier the total, the series' samples and buckets, and the peak. */
function totalsOf(ledger: Ledger) {
  return TIERS.map((tier) => ({
    tier,
    total: ledger.total(tier),
    points: ledger.series(tier).points(),
    buckets: ledger.series(tier).buckets(),
    peak: ledger.peak(tier),
  }));
}

/** What a ledger holds for an item: bytes per tier and the points of both chains. */
function itemOf(ledger: Ledger, item: string) {
  return {
    bytes: TIERS.map((tier) => ledger.itemBytes(item, tier)),
    snapshot: ledger.chainOf(item, 'snapshot')?.points() ?? [],
    standard: ledger.chainOf(item, 'standard')?.points() ?? [],
  };
}

describe('Ledger.appendSnapshotAhead + countSnapshot', () => {
  it('gives what addSnapshot at the counting instant gives, holding the point in the chain before the total counts it', () => {
    // Daily snapshots of a 100 GiB disk at 2% churn, decided at 22:00 and done at 22:07.
    const states = daily(6, 100 * GiB, 0.02, GiB);
    const plain = new Ledger('rsv');
    const ahead = new Ledger('rsv');
    const handle = ahead.item('vm', { snapshot: 4, disks: 1 });
    for (const [i, s] of states.entries()) {
      const doneAt = i * DAY + 22 * HOUR + 7 * 60_000;
      const before = ahead.total('snapshot');
      const added = ahead.appendSnapshotAhead(handle, i, s);
      // Appended, not counted: the chain (and the item's bytes) hold it, the vault total does not.
      expect(ahead.total('snapshot')).toBe(before);
      expect(ahead.series('snapshot').last()).toBe(before);
      expect(ahead.hasSnapshot('vm', i)).toBe(true);
      expect(ahead.chainOf('vm', 'snapshot')?.newest()?.id).toBe(i);
      expect(ahead.itemBytes('vm', 'snapshot')).toBe(before + added);
      ahead.countSnapshot(doneAt, added);
      expect(plain.addSnapshot(doneAt, 'vm', i, s)).toBe(added);
      expect(added).toBe(i === 0 ? fullBytes(s) : deltaBytes(states[i - 1], s));
      // Expiring the oldest at the next cleanup keeps both in step.
      if (i >= 3) {
        const cleanup = (i + 1) * DAY;
        expect(ahead.expireSnapshot(cleanup, handle, i - 3)).toBe(plain.expireSnapshot(cleanup, 'vm', i - 3));
      }
      expect(totalsOf(ahead)).toEqual(totalsOf(plain));
      expect(itemOf(ahead, 'vm')).toEqual(itemOf(plain, 'vm'));
    }
    expect(ahead.peak('snapshot')).toBe(plain.peak('snapshot'));
    expect(ahead.peak('snapshot')).toBeGreaterThan(ahead.total('snapshot'));
  });

  it('counts a first snapshot in full at its instant, also in an item emptied before', () => {
    const [s0, s1] = daily(2, 10 * GiB, 0.05);
    const ahead = new Ledger('rsv');
    const plain = new Ledger('rsv');
    for (const ledger of [ahead, plain]) ledger.addSnapshot(0, 'vm', 0, s0);
    for (const ledger of [ahead, plain]) ledger.expireSnapshot(HOUR, 'vm', 0);
    expect(ahead.itemIds()).toEqual([]);
    const added = ahead.appendSnapshotAhead('vm', 1, s1);
    expect(added).toBe(fullBytes(s1));
    expect(ahead.total('snapshot')).toBe(0);
    expect(ahead.itemIds()).toEqual(['vm']);
    ahead.countSnapshot(DAY, added);
    plain.addSnapshot(DAY, 'vm', 1, s1);
    expect(totalsOf(ahead)).toEqual(totalsOf(plain));
    expect(itemOf(ahead, 'vm')).toEqual(itemOf(plain, 'vm'));
  });
});

describe('Ledger.countVaultPoint + fileVaultPoint', () => {
  it('gives what addVaultPoint at the counting instant gives, once filed', () => {
    const states = daily(8, 64 * GiB, 0.03, GiB / 4);
    const plain = new Ledger('rsv');
    const ahead = new Ledger('rsv');
    const handle = ahead.item('vm', { standard: 4, snapshot: 2, disks: 1 });
    let last: ContentState | null = null;
    for (const [i, s] of states.entries()) {
      const landedAt = i * DAY + 23 * HOUR;
      // What the transfer carries: its delta from the last vault point, the chain's newest.
      const counted = last === null ? fullBytes(s) : deltaBytes(last, s);
      ahead.countVaultPoint(landedAt, counted);
      expect(ahead.total('standard')).toBe(plain.total('standard') + counted);
      expect(ahead.chainOf(handle, 'standard')?.has(i) ?? false).toBe(false);
      expect(plain.addVaultPoint(landedAt, 'vm', i, s)).toBe(counted);
      expect(totalsOf(ahead)).toEqual(totalsOf(plain));
      // Filed at the next visit: the daily cleanup, which then expires past a 5-point retention.
      ahead.fileVaultPoint(handle, i, s, counted);
      last = s;
      if (i >= 5) {
        const cleanup = (i + 1) * DAY;
        expect(ahead.expireVaultPoint(cleanup, handle, i - 5)).toBeNull();
        plain.expireVaultPoint(cleanup, 'vm', i - 5);
      }
      expect(totalsOf(ahead)).toEqual(totalsOf(plain));
      expect(itemOf(ahead, 'vm')).toEqual(itemOf(plain, 'vm'));
    }
    expect(ahead.itemIds()).toEqual(plain.itemIds());
    expect(ahead.vaultTierOf('vm', 7)).toBe('standard');
  });

  it('throws, naming the ledger, item and point, when the bytes counted are not those the point adds', () => {
    const [s0, s1, s2] = daily(3, 100 * GiB, 0.02);
    const ledger = new Ledger('rsv-east');
    ledger.addVaultPoint(0, 'vm-1', 0, s0);
    ledger.addVaultPoint(DAY, 'vm-1', 1, s1);
    // Counted as the delta from point 1, the newest when the transfer started…
    const counted = deltaBytes(s1, s2);
    ledger.countVaultPoint(2 * DAY, counted);
    // …but point 1 expired before the point was filed: it now adds its delta from point 0.
    ledger.expireVaultPoint(2 * DAY, 'vm-1', 1);
    const adds = deltaBytes(s0, s2);
    expect(adds).not.toBe(counted);
    expect(() => ledger.fileVaultPoint('vm-1', 2, s2, counted)).toThrow(
      new RangeError(`ledger rsv-east: vm-1 point 2 adds ${adds} bytes, ${counted} were counted`),
    );
  });

  it('throws when a delta was counted for a chain emptied in between (the point adds its full bytes)', () => {
    const [s0, s1] = daily(2, 8 * GiB, 0.1);
    const ledger = new Ledger('rsv');
    const handle = ledger.item('vm', { standard: 8, disks: 1 });
    ledger.addVaultPoint(0, handle, 0, s0);
    ledger.countVaultPoint(DAY, deltaBytes(s0, s1));
    ledger.expireVaultPoint(DAY, handle, 0);
    expect(ledger.itemIds()).toEqual([]);
    expect(() => ledger.fileVaultPoint(handle, 1, s1, deltaBytes(s0, s1))).toThrow(
      /^ledger rsv: vm point 1 adds 8589934592 bytes, \d+ were counted$/,
    );
  });

  it('files a point counted in full into an empty chain', () => {
    const [s0] = daily(1, 8 * GiB, 0.1);
    const ledger = new Ledger('rsv');
    ledger.countVaultPoint(HOUR, fullBytes(s0));
    ledger.fileVaultPoint('vm', 0, s0, fullBytes(s0));
    expect(ledger.itemBytes('vm', 'standard')).toBe(8 * GiB);
    expect(ledger.total('standard')).toBe(8 * GiB);
  });
});

// A random history of several items, played on a ledger making every change at its instant and
// on one deferring snapshots (appended up to `lag` steps early) and vault points (filed up to
// `lag` steps late, always before the item's next change), with presized item handles.
type Step = {
  kind: 'snap' | 'vault' | 'expireSnap' | 'expireVault';
  item: number;
  /** ms since the previous step (0: the same instant). */
  dt: number;
  churn: number;
  growth: number;
  /** 0: the plain call; otherwise how many steps early (snapshot) or late (vault point). */
  lag: number;
  pick: number;
};

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('snap', 'vault', 'vault', 'expireSnap', 'expireVault'),
  item: fc.integer({ min: 0, max: 2 }),
  dt: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: DAY })),
  churn: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
  // Negative: the disk shrinks (folded into log survival).
  growth: fc.integer({ min: -4, max: 8 }).map((x) => x * 2 ** 28),
  lag: fc.integer({ min: 0, max: 4 }),
  pick: fc.nat(),
});

const ITEMS = ['vm-a', 'vm-b', 'vm-c'];
const DISKS = [1, 2, 3];

describe('Ledger: changes made ahead, on random histories', () => {
  it('should always end, and agree at every step on the totals, as the plain calls at the counting instants', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80 }), fc.boolean(), (steps, fine) => {
        // Fine: one-ms buckets, so every instant's samples are compared, not just the hour's last.
        const options = fine ? { resolution: 1 } : {};
        const plain = new Ledger('rsv', options);
        const ahead = new Ledger('rsv', options);
        const handles = ITEMS.map((id, k) =>
          ahead.item(id, { snapshot: 1 + k, standard: 2 + 3 * k, disks: DISKS[k] }),
        );
        // Instants and content states of every step, fixed up front.
        const times: number[] = [];
        const states: (ContentState | null)[] = [];
        const current = ITEMS.map((_, k) => contentState(0, Array(DISKS[k]).fill(4 * GiB)));
        let t = 0;
        for (const st of steps) {
          t += st.dt;
          times.push(t);
          if (st.kind === 'snap' || st.kind === 'vault') {
            const s = current[st.item];
            const used = [...s.used].map((u) => Math.max(0, u + st.growth));
            current[st.item] = advance(s, Array(s.used.length).fill(st.churn), used, t);
            states.push(current[st.item]);
          } else states.push(null);
        }
        // When each deferred snapshot is appended: `lag` steps early, but after its item's previous step.
        const previous = new Map<number, number>();
        const appendBefore = new Map<number, number[]>();
        steps.forEach((st, i) => {
          const prev = previous.get(st.item) ?? -1;
          previous.set(st.item, i);
          if (st.kind !== 'snap' || st.lag === 0) return;
          const at = Math.max(i - st.lag, prev + 1);
          appendBefore.set(at, [...(appendBefore.get(at) ?? []), i]);
        });
        // Snapshots appended ahead and not yet counted: step index → bytes.
        const aheadBytes = new Map<number, number>();
        type Pending = { step: number; item: number; state: ContentState; counted: number; fileBy: number };
        let pending: Pending[] = [];
        const file = (due: (p: Pending) => boolean): void => {
          for (const p of pending.filter(due))
            ahead.fileVaultPoint(handles[p.item], p.step, p.state, p.counted);
          pending = pending.filter((p) => !due(p));
        };
        // Live point ids per item and chain, in the plain ledger (ids are step indices).
        const live = ITEMS.map(() => ({ snapshot: [] as number[], standard: [] as number[] }));
        steps.forEach((st, i) => {
          const item = ITEMS[st.item];
          const now = times[i];
          // Vault points whose lag is up, or whose item changes now, are filed first.
          file((p) => p.fileBy <= i || p.item === st.item);
          for (const j of appendBefore.get(i) ?? []) {
            const k = steps[j].item;
            const before = ahead.total('snapshot');
            aheadBytes.set(j, ahead.appendSnapshotAhead(handles[k], j, states[j]!));
            expect(ahead.total('snapshot')).toBe(before);
            expect(ahead.hasSnapshot(ITEMS[k], j)).toBe(true);
          }
          const s = states[i];
          switch (st.kind) {
            case 'snap': {
              const added = plain.addSnapshot(now, item, i, s!);
              if (st.lag === 0) expect(ahead.addSnapshot(now, handles[st.item], i, s!)).toBe(added);
              else {
                expect(aheadBytes.get(i)).toBe(added);
                ahead.countSnapshot(now, added);
                aheadBytes.delete(i);
              }
              live[st.item].snapshot.push(i);
              break;
            }
            case 'vault': {
              const newest = ahead.chainOf(handles[st.item], 'standard')?.newest();
              const counted = newest === undefined ? fullBytes(s!) : deltaBytes(newest.state, s!);
              expect(plain.addVaultPoint(now, item, i, s!)).toBe(counted);
              if (st.lag === 0) ahead.addVaultPoint(now, handles[st.item], i, s!);
              else {
                ahead.countVaultPoint(now, counted);
                pending.push({ step: i, item: st.item, state: s!, counted, fileBy: i + st.lag });
              }
              live[st.item].standard.push(i);
              break;
            }
            case 'expireSnap':
            case 'expireVault': {
              const chain = st.kind === 'expireSnap' ? 'snapshot' : 'standard';
              const ids = live[st.item][chain];
              if (ids.length === 0) break;
              const [id] = ids.splice(st.pick % ids.length, 1);
              if (chain === 'snapshot')
                expect(ahead.expireSnapshot(now, handles[st.item], id)).toBe(
                  plain.expireSnapshot(now, item, id),
                );
              else {
                expect(ahead.expireVaultPoint(now, handles[st.item], id)).toBe(
                  plain.expireVaultPoint(now, item, id),
                );
              }
              break;
            }
          }
          expect(TIERS.map((tier) => ahead.total(tier))).toEqual(TIERS.map((tier) => plain.total(tier)));
          // Items with nothing deferred hold what the plain ledger's hold.
          for (const [k, id] of ITEMS.entries()) {
            const deferred =
              pending.some((p) => p.item === k) || [...aheadBytes.keys()].some((j) => steps[j].item === k);
            if (!deferred) expect(itemOf(ahead, id)).toEqual(itemOf(plain, id));
          }
        });
        file(() => true);
        expect(aheadBytes.size).toBe(0);
        expect(totalsOf(ahead)).toEqual(totalsOf(plain));
        for (const id of ITEMS) expect(itemOf(ahead, id)).toEqual(itemOf(plain, id));
        expect(ahead.itemIds()).toEqual(plain.itemIds());
        expect(ahead.grandTotal()).toBe(plain.grandTotal());
      }),
    );
  });
});

describe('Chain.appendBytes', () => {
  it('is what append then returns: the full bytes of a first point, then deltas', () => {
    const chain = new Chain();
    const states = daily(6, 100 * GiB, 0.02, GiB);
    expect(chain.appendBytes(states[0])).toBe(100 * GiB);
    for (const [i, s] of states.entries()) {
      const expected = i === 0 ? fullBytes(s) : deltaBytes(states[i - 1], s);
      const predicted = chain.appendBytes(s);
      expect(predicted).toBe(expected);
      // It changes nothing.
      expect(chain.size).toBe(i);
      expect(chain.append(i, s)).toBe(predicted);
    }
    // After the newest goes, the next point's delta is from the one before it.
    chain.remove(5);
    const next = advance(states[5], [0.02], [106 * GiB], 6 * DAY);
    expect(chain.appendBytes(next)).toBe(deltaBytes(states[4], next));
    expect(chain.append(6, next)).toBe(deltaBytes(states[4], next));
    // Emptied, the next point is a full copy again.
    chain.clear();
    expect(chain.appendBytes(next)).toBe(fullBytes(next));
  });

  it('should always predict what append returns, over random appends and removes', () => {
    fc.assert(
      fc.property(fc.array(chainOpArb, { maxLength: 60 }), (ops) => {
        replay(ops, new Chain(), (chain, op, s, id) => {
          if (op.kind !== 'append') return;
          const predicted = chain.appendBytes(s);
          const newest = chain.newest();
          expect(predicted).toBe(newest === undefined ? fullBytes(s) : deltaBytes(newest.state, s));
          expect(chain.append(id, s)).toBe(predicted);
          return true;
        });
      }),
    );
  });
});

type ChainOp =
  | { kind: 'append'; churn: number; used: number; skip: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'clear'; disks: number };

const chainOpArb: fc.Arbitrary<ChainOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      churn: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 10_000),
      used: fc.integer({ min: 0, max: 2 ** 36 }),
      // Gaps in the ids, so they do not fill the table in order.
      skip: fc.constantFrom(1, 1, 2, 1000, 2 ** 33),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  // The chain is emptied (a ledger dropping the item) and refilled, maybe with another disk count.
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('clear' as const), disks: fc.constantFrom(1, 2, 3) }),
  },
);

/**
 * Plays chain ops on `chains`, from 2-disk states: `apply` does an op on one chain (returning
 * true when it did it), the rest is done here. After a clear, ids start again from 0.
 */
function replay(
  ops: readonly ChainOp[],
  chain: Chain,
  apply: (chain: Chain, op: ChainOp, state: ContentState, id: number) => true | undefined,
): void {
  let disks = 2;
  let state: ContentState = contentState(0, Array(disks).fill(2 ** 33));
  let nextId = 0;
  let live: number[] = [];
  for (const [i, op] of ops.entries()) {
    if (op.kind === 'append') {
      state = advance(state, Array(disks).fill(op.churn), Array(disks).fill(op.used), (i + 1) * DAY);
      const id = nextId;
      nextId += op.skip;
      if (apply(chain, op, state, id) !== true) chain.append(id, state);
      live.push(id);
    } else if (op.kind === 'remove') {
      if (live.length === 0) continue;
      const [gone] = live.splice(op.pick % live.length, 1);
      chain.remove(gone);
    } else {
      chain.clear();
      disks = op.disks;
      state = contentState((i + 1) * DAY, Array(disks).fill(2 ** 33));
      nextId = 0;
      live = [];
    }
    expect(chain.points().map((p) => p.id)).toEqual(live);
  }
}

describe('Chain: presized (arena, expected, disks)', () => {
  it('should always behave exactly like a default chain, past its expected size, across clear and reuse', () => {
    fc.assert(
      fc.property(
        fc.array(chainOpArb, { maxLength: 120 }),
        fc.integer({ min: 0, max: 40 }),
        fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }),
        fc.constantFrom(256, 4096, 1 << 20),
        (ops, expected, disks, chunk) => {
          const arena = new BufferArena(chunk);
          const plain = new Chain();
          const sized = new Chain(arena, expected, disks);
          // A second presized chain in the same arena, built between: buffers must never be shared.
          const other = new Chain(arena, expected, disks);
          const compare = (): void => {
            for (const c of [sized, other]) {
              expect(c.stored).toBe(plain.stored);
              expect(c.size).toBe(plain.size);
              expect(c.points()).toEqual(plain.points());
              expect(c.newest()).toEqual(plain.newest());
              expect(c.oldest()).toEqual(plain.oldest());
            }
          };
          let curDisks = 2;
          let state: ContentState = contentState(0, Array(curDisks).fill(2 ** 33));
          let nextId = 0;
          let live: number[] = [];
          compare();
          for (const [i, op] of ops.entries()) {
            if (op.kind === 'append') {
              const churn = Array(curDisks).fill(op.churn);
              state = advance(state, churn, Array(curDisks).fill(op.used), (i + 1) * DAY);
              const id = nextId;
              nextId += op.skip;
              const predicted = plain.appendBytes(state);
              expect(sized.appendBytes(state)).toBe(predicted);
              expect(other.appendBytes(state)).toBe(predicted);
              const added = plain.append(id, state);
              expect(added).toBe(predicted);
              expect(sized.append(id, state)).toBe(added);
              expect(other.append(id, state)).toBe(added);
              live.push(id);
              // Duplicates are refused alike.
              expect(() => sized.append(id, state)).toThrow(/already in the chain/);
            } else if (op.kind === 'remove') {
              if (live.length === 0) continue;
              const [gone] = live.splice(op.pick % live.length, 1);
              const bytesOf = plain.bytesOf(gone);
              expect(sized.bytesOf(gone)).toBe(bytesOf);
              const change = plain.remove(gone);
              expect(sized.remove(gone)).toBe(change);
              expect(other.remove(gone)).toBe(change);
              expect(sized.has(gone)).toBe(false);
            } else {
              for (const c of [plain, sized, other]) c.clear();
              curDisks = op.disks;
              state = contentState((i + 1) * DAY, Array(curDisks).fill(2 ** 33));
              nextId = 0;
              live = [];
            }
            compare();
            for (const id of live) expect(sized.stateOf(id)).toEqual(plain.stateOf(id));
          }
          expect(sized.points().map((p) => p.id)).toEqual(live);
        },
      ),
    );
  });

  it('takes its buffer at construction when given its disks, and grows past its expected size', () => {
    const arena = new BufferArena(1 << 20);
    // Two presized chains and a lazy one: the presized ones' buffers come first in the arena.
    const a = new Chain(arena, 8, 1);
    const lazy = new Chain(arena, 8);
    const b = new Chain(arena, 8, 1);
    const states = daily(40, 10 * GiB, 0.05, GiB / 8);
    for (const chain of [lazy, b, a]) for (const [i, s] of states.entries()) chain.append(i, s);
    const plain = new Chain();
    for (const [i, s] of states.entries()) plain.append(i, s);
    for (const chain of [a, b, lazy]) {
      expect(chain.size).toBe(40);
      expect(chain.stored).toBe(plain.stored);
      expect(chain.points()).toEqual(plain.points());
    }
    // A point of another disk count is refused while the chain holds points; once emptied it is taken.
    const two = contentState(41 * DAY, [GiB, GiB]);
    expect(() => a.append(41, two)).toThrow(/has 2 disks, the chain 1/);
    for (let i = 0; i < 40; i++) a.remove(i);
    expect(a.append(41, two)).toBe(2 * GiB);
    expect(a.points().map((p) => p.id)).toEqual([41]);
    expect(b.points()).toEqual(plain.points());
  });
});
