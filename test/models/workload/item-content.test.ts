// ItemContent against the plain model: churn drawn day by day from each disk's stream, folded
// over the days since the last ask, and storage/content.ts `advance` making a new state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Distribution, makeSampler } from '../../../engine/distributions.js';
import { createStreams } from '../../../engine/random.js';
import { MS } from '../../../engine/units.js';
import { advance, contentState } from '../../../models/storage/content.js';
import type { ContentState } from '../../../models/storage/types.js';
import { type DiskWorkload, ItemContent } from '../../../models/workload/item-content.js';

type Disk = { used: number; growth: number; churn: Distribution; name: string; size?: number };

const workloads = (seed: number, disks: Disk[]): DiskWorkload[] => {
  const streams = createStreams(seed);
  return disks.map((d) => ({
    ...d,
    size: d.size ?? Number.POSITIVE_INFINITY,
    stream: streams.get(`disk/${d.name}/churn`),
  }));
};

/** The model written plainly: a draw per day when first needed, a new state per ask. */
function reference(disks: DiskWorkload[]) {
  const samplers = disks.map((d) => makeSampler(d.churn));
  const churn: number[][] = [];
  const dayChurn = (k: number) => {
    while (churn.length <= k) {
      churn.push(
        disks.map((d, i) => {
          const c = samplers[i](d.stream);
          return c <= 0 ? 0 : c >= 1 ? 0.999999 : c;
        }),
      );
    }
    return churn[k];
  };
  // Growth stops at the disk's size: a full disk keeps its used bytes (never fewer than at 0).
  const usedOf = (d: DiskWorkload, t: number) => {
    if (d.growth === 0) return d.used;
    const grown = Math.round(d.used * (1 + d.growth) ** (t / (365 * MS.day)));
    return grown < d.size ? grown : Math.max(d.used, d.size);
  };
  let state: ContentState = contentState(
    0,
    disks.map((d) => d.used),
  );
  return (t: number): ContentState => {
    if (t === state.time) return state;
    const logKeep = disks.map(() => 0);
    for (let a = state.time; a < t; ) {
      const k = Math.floor(a / MS.day);
      const b = Math.min(t, (k + 1) * MS.day);
      const c = dayChurn(k);
      for (let d = 0; d < disks.length; d++) logKeep[d] += ((b - a) / MS.day) * Math.log1p(-c[d]);
      a = b;
    }
    state = advance(
      state,
      logKeep.map((l) => -Math.expm1(l)),
      disks.map((d) => usedOf(d, t)),
      t,
    );
    return state;
  };
}

const plain = (s: ContentState) => ({
  time: s.time,
  used: Array.from(s.used),
  logSurvival: Array.from(s.logSurvival),
});

const diskArb = fc.record({
  used: fc.integer({ min: 0, max: 2 ** 40 }),
  growth: fc.oneof(fc.constant(0), fc.double({ min: -0.5, max: 2, noNaN: true })),
  churn: fc.oneof(
    fc.record({ kind: fc.constant('constant' as const), value: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({
      kind: fc.constant('normal' as const),
      mean: fc.double({ min: 0, max: 0.2, noNaN: true }),
      sd: fc.double({ min: 0, max: 0.1, noNaN: true }),
    }),
  ),
  // Duplicate names share a stream: the draws must still interleave day by day, disk by disk.
  name: fc.constantFrom('os', 'data-1', 'data-2'),
  // Sizes near 2^40 let fast growth fill a disk within the 40 × 40 days asked.
  size: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 2 ** 41 })),
});

describe('ItemContent', () => {
  it('should always give the states the plain model gives, however often and far apart it is asked', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(diskArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 40 * MS.day }), { minLength: 1, maxLength: 40 }),
        (seed, disks, gaps) => {
          const content = new ItemContent(workloads(seed, disks));
          const copies = new ItemContent(workloads(seed, disks));
          const want = reference(workloads(seed, disks));
          let t = 0;
          const kept: [ContentState, ReturnType<typeof plain>][] = [];
          for (const gap of gaps) {
            t += gap;
            const expected = plain(want(t));
            expect(plain(content.advanceTo(t))).toEqual(expected);
            const copy = copies.at(t);
            expect(plain(copy)).toEqual(expected);
            kept.push([copy, expected]);
          }
          // at() hands out copies: later asks leave them as they were.
          for (const [copy, expected] of kept) expect(plain(copy)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('updates one live state in place and refuses time going back', () => {
    const [disk] = workloads(1, [
      { used: 100, growth: 0, churn: { kind: 'constant', value: 0.5 }, name: 'os' },
    ]);
    const content = new ItemContent([disk]);
    const live = content.advanceTo(MS.day);
    expect(live.used[0]).toBe(100);
    expect(live.logSurvival[0]).toBeCloseTo(Math.log(0.5), 12);
    expect(content.advanceTo(2 * MS.day)).toBe(live);
    expect(live.time).toBe(2 * MS.day);
    expect(() => content.advanceTo(MS.day)).toThrow(RangeError);
    expect(content.usedIsConstant).toBe(true);
    expect(content.usedAt(5 * MS.day)).toBe(100);
  });
});
