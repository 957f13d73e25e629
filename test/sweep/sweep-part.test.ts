// Shards and parts: shard ranges partition the replications, merged parts equal the
// unsharded table whatever the shard count, and merge refuses what does not belong together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../reports/aggregate.js';
import type { Figure } from '../../reports/figures.js';
import {
  buildPart,
  mergeParts,
  parsePart,
  type Replication,
  type SweepPart,
  shardRange,
} from '../../reports/sweep-part.js';
import { replications } from './fixtures.js';

const identity = { file: 's.yaml', name: 's', hash: 'abc', seed: 7 };

function partsOf(reps: Replication[], count: number, variants = ['base', 'v']): SweepPart[] {
  return Array.from({ length: count }, (_, i) => {
    const { from, to } = shardRange(i + 1, count, reps.length);
    return buildPart(reps.slice(from, to), {
      version: '1.0.0',
      scenario: identity,
      variants,
      currencies: variants.map(() => 'USD'),
      total: reps.length,
      shard: { index: i + 1, count },
    });
  });
}

const labelled = (parts: SweepPart[]) => parts.map((part, i) => ({ label: `part-${i + 1}.json`, part }));

// Figures that come and go between replications, as DR groups do with random faults.
const figs = (r: number, run: number): Figure[] => [
  { name: 'storage.end.standard', unit: 'bytes', value: 1000 * (r + 1) + run },
  { name: 'cost.total', unit: 'money', value: (r * 37) % 11 },
  ...(r % 3 === 0 ? [{ name: 'dr.app.rto.p95', unit: 'seconds' as const, value: 60 * r }] : []),
  { name: 'objective.rpo.all.pass', unit: 'pass', value: r % 4 === 1 ? 0 : 1 },
  { name: 'objective.rpo.all.target', unit: 'seconds', value: 3600 },
];

describe('shardRange', () => {
  it('gives shard i of n the contiguous range [⌊(i−1)N/n⌋, ⌊iN/n⌋)', () => {
    expect(shardRange(1, 4, 10)).toEqual({ from: 0, to: 2 });
    expect(shardRange(4, 4, 10)).toEqual({ from: 7, to: 10 });
    expect(shardRange(3, 16, 10_000)).toEqual({ from: 1250, to: 1875 });
  });

  it('should always cover every replication exactly once, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 64 }), (n, count) => {
        let next = 0;
        for (let i = 1; i <= count; i++) {
          const { from, to } = shardRange(i, count, n);
          expect(from).toBe(next);
          expect(to).toBeGreaterThanOrEqual(from);
          next = to;
        }
        expect(next).toBe(n);
      }),
    );
  });
});

describe('mergeParts', () => {
  it('should always give the unsharded table and aggregate, byte for byte, for any shard count and order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        (n, count, shuffle) => {
          const reps = replications(n, ['base', 'v'], figs);
          const whole = mergeParts(labelled(partsOf(reps, 1)));
          const parts = labelled(partsOf(reps, count));
          // Through JSON, in a scrambled order, as files from other machines arrive.
          const arrived = parts
            .map((p, i) => ({ ...p, key: (i * 7919 + shuffle) % 1009 }))
            .sort((a, b) => a.key - b.key)
            .map(({ label, part }) => ({ label, part: JSON.parse(JSON.stringify(part)) as SweepPart }));
          const merged = mergeParts(arrived);
          expect(merged.ok && whole.ok).toBe(true);
          if (!merged.ok || !whole.ok) return;
          expect(merged.table).toEqual(whole.table);
          expect(JSON.stringify(aggregate(merged.table, 1))).toBe(JSON.stringify(aggregate(whole.table, 1)));
        },
      ),
    );
  });

  it('summarises a figure over the replications that have it: n, exact sums, first, every value', () => {
    // dr.app.rto.p95 exists where r % 3 === 0: r = 0 and 3 of 4, valued 60·r = 0 and 180.
    const merged = mergeParts(labelled(partsOf(replications(4, ['base'], figs), 2, ['base'])));
    if (!merged.ok) throw new Error(merged.problems.join());
    const rto = merged.table.runs[0].figures.find((f) => f.name === 'dr.app.rto.p95');
    expect(rto).toEqual({
      name: 'dr.app.rto.p95',
      unit: 'seconds',
      n: 2,
      sum: [180],
      // 0² + 180² = 32,400
      sumSq: [32_400],
      min: 0,
      max: 180,
      first: [0, 0],
      values: [
        [0, 1],
        [180, 1],
      ],
      buckets: null,
    });
  });

  it('refuses missing and repeated shards, naming them', () => {
    const parts = labelled(partsOf(replications(20, ['base', 'v'], figs), 5));
    const r = mergeParts([parts[0], parts[1], parts[1], parts[4]]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'shard 2/5 is given 2 times: part-2.json, part-2.json.',
      "missing shards 3/5, 4/5: every shard's part is needed for the aggregate.",
    ]);
  });

  it('refuses parts of another sweep: seed, hash, replications, shard count, runs, version', () => {
    const reps = replications(10, ['base', 'v'], figs);
    const [a, b] = partsOf(reps, 2);
    const other = (over: Partial<SweepPart>) => [
      { label: 'a.json', part: a },
      { label: 'b.json', part: { ...b, ...over } },
    ];
    const problem = (over: Partial<SweepPart>) => {
      const r = mergeParts(other(over));
      return r.ok ? '' : r.problems.join('\n');
    };
    expect(problem({ scenario: { ...identity, seed: 8 } })).toBe(
      'b.json is from a different sweep than a.json: seed "8" vs "7".',
    );
    expect(problem({ scenario: { ...identity, hash: 'def' } })).toContain('scenario hash "def" vs "abc"');
    expect(problem({ replications: 11 })).toContain('replications "11" vs "10"');
    expect(problem({ shard: { ...b.shard, count: 3 } })).toContain('shard count "3" vs "2"');
    expect(problem({ runs: [b.runs[0]] })).toContain('runs "base" vs "base, v"');
    expect(problem({ tool: { name: 'vaultsim', version: '2.0.0' } })).toContain('vaultsim version "2.0.0"');
    // The file path may differ between machines.
    expect(mergeParts(other({ scenario: { ...identity, file: '/jobs/s.yaml' } })).ok).toBe(true);
  });

  it('refuses an empty list', () => {
    expect(mergeParts([])).toEqual({ ok: false, problems: ['no sweep parts given.'] });
  });
});

describe('parsePart', () => {
  const part = partsOf(replications(6, ['base'], figs), 3, ['base'])[1];
  const text = JSON.stringify(part);

  // The part with its first figure changed.
  const figure = (over: Record<string, unknown>) =>
    JSON.stringify({
      ...part,
      runs: [{ ...part.runs[0], figures: [{ ...part.runs[0].figures[0], ...over }] }],
    });

  it('reads back what buildPart wrote', () => {
    expect(parsePart(text, 'p.json')).toEqual({ ok: true, part });
  });

  it.each([
    ['not json', 'p.json is not JSON'],
    ['{"kind":"other"}', 'p.json is not a vaultsim sweep part'],
    [JSON.stringify({ ...part, partVersion: 9 }), 'p.json is a sweep part of version 9'],
    [JSON.stringify({ ...part, shard: { ...part.shard, from: 0 } }), 'should hold replications 2–3'],
    [
      figure({
        values: [
          [3000, 2],
          [4000, 1],
        ],
      }),
      'figure storage.end.standard: counts that add up to 3, not n = 2',
    ],
    // A value moved without its sums (3000 + 4000 = 7000 is what sum says).
    [
      figure({
        values: [
          [3000, 1],
          [5000, 1],
        ],
        max: 5000,
      }),
      'sums that do not match its values',
    ],
    [figure({ name: 42 }), 'figure 42: a name that is not text'],
    [figure({ unit: 'furlongs' }), 'an unknown unit'],
    [
      JSON.stringify({ ...part, shard: { index: 1, count: 5e9, from: 0, to: 0 } }),
      'shard count 5000000000 is out of range (1 to 1,000,000)',
    ],
    [JSON.stringify({ ...part, digest: undefined }), 'no digest'],
    [JSON.stringify({ ...part, scenario: { ...part.scenario, seed: 'x' } }), 'no scenario identity'],
  ])('refuses %s', (input, message) => {
    const r = parsePart(input, 'p.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toContain(message);
  });
});
