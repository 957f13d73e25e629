import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreams, deriveSeed, streamFromSource } from '../../engine/random.js';

/** The first `n` draws of a stream. */
const draws = (stream: { next(): number }, n: number): number[] =>
  Array.from({ length: n }, () => stream.next());

/** A stream that returns the given values in turn, for checking the helpers' arithmetic. */
const scripted = (...values: number[]) => {
  let i = 0;
  return streamFromSource('scripted', () => values[i++ % values.length]!);
};

describe('createStreams', () => {
  it('gives the same draws for the same seed and name', () => {
    expect(draws(createStreams(42).get('a/b'), 50)).toEqual(draws(createStreams(42).get('a/b'), 50));
  });

  it('pins the first draws of a known stream, so a generator change is noticed', () => {
    // Alea seeded with "2:42/workload/churn" (seed length, seed, name); see streamKey.
    expect(draws(createStreams(42).get('workload/churn'), 3)).toEqual([
      0.4040363722015172, 0.039090406615287066, 0.6895976115483791,
    ]);
  });

  it('treats a numeric seed and its decimal string as the same seed', () => {
    expect(draws(createStreams(7).get('x'), 10)).toEqual(draws(createStreams('7').get('x'), 10));
  });

  it('returns the same cached stream object for the same name', () => {
    const streams = createStreams(1);
    const first = streams.get('x');
    expect(streams.get('x')).toBe(first);
    expect(first.name).toBe('x');
    expect(streams.seed).toBe(1);
  });

  it('continues a cached stream rather than restarting it', () => {
    const streams = createStreams(3);
    const a = streams.get('x').next();
    const b = streams.get('x').next();
    expect([a, b]).toEqual(draws(createStreams(3).get('x'), 2));
  });

  it('gives different sequences to different names and to different seeds', () => {
    expect(draws(createStreams(42).get('a'), 5)).not.toEqual(draws(createStreams(42).get('b'), 5));
    expect(draws(createStreams(42).get('a'), 5)).not.toEqual(draws(createStreams(43).get('a'), 5));
  });

  it('keeps a seed containing "/" apart from a name containing it', () => {
    expect(draws(createStreams('a/b').get('c'), 5)).not.toEqual(draws(createStreams('a').get('b/c'), 5));
  });

  it('rejects a non-finite seed and an empty name', () => {
    expect(() => createStreams(Number.NaN)).toThrow(/seed must be a finite number or a string, got NaN/);
    expect(() => createStreams(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => createStreams(1).get('')).toThrow(/stream name must be a non-empty string, got ""/);
  });
});

describe('RandomStream helpers', () => {
  it('maps uniform(a, b) linearly from the draw', () => {
    expect(scripted(0, 0.5).uniform(10, 20)).toBe(10);
    const s = scripted(0.25);
    expect(s.uniform(-4, 4)).toBe(-2);
  });

  it('covers both ends of int(lo, hi) and nothing outside', () => {
    expect(scripted(0).int(3, 5)).toBe(3);
    expect(scripted(0.999_999_999).int(3, 5)).toBe(5);
    expect(scripted(0.5).int(7, 7)).toBe(7);
  });

  it('uses 53 bits for int ranges wider than 2^32', () => {
    const wide = 2 ** 40;
    // 0.5 + floor(0.5 * 2^21) * 2^-53 = 0.5 + 2^-33
    expect(scripted(0.5, 0.5).int(0, wide - 1)).toBe(wide / 2 + 2 ** 7);
  });

  it('rejects int bounds that are not ordered safe integers', () => {
    expect(() => scripted(0).int(5, 3)).toThrow(/int needs safe integers lo <= hi, got lo 5 and hi 3/);
    expect(() => scripted(0).int(0.5, 3)).toThrow(RangeError);
  });

  it('draws bernoulli(p) as next() < p', () => {
    expect(scripted(0.3).bernoulli(0.3)).toBe(false);
    expect(scripted(0.29).bernoulli(0.3)).toBe(true);
    expect(scripted(0).bernoulli(0)).toBe(false);
    expect(scripted(0.999).bernoulli(1)).toBe(true);
  });

  it('picks by index from the draw and rejects an empty array', () => {
    expect(scripted(0.5).pick(['a', 'b', 'c', 'd'])).toBe('c');
    expect(() => scripted(0.5).pick([])).toThrow(/pick needs a non-empty array/);
  });

  it('gives bernoulli(p) a frequency near p', () => {
    const s = createStreams(11).get('coin');
    const n = 100_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (s.bernoulli(0.2)) hits++;
    // SE of a proportion is sqrt(p(1-p)/n) ≈ 0.00126; 5 SE makes a false alarm ~1e-6 likely.
    expect(Math.abs(hits / n - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / n));
  });
});

describe('deriveSeed', () => {
  it('pins known values, so a hashing change is noticed', () => {
    expect(deriveSeed(42)).toBe(2211832915);
    expect(deriveSeed(42, 'replication', 0)).toBe(2327447762);
    expect(deriveSeed(42, 'replication', 1)).toBe(548455689);
  });

  it('keeps differently split parts apart', () => {
    expect(deriveSeed(1, 'a/b', 'c')).not.toBe(deriveSeed(1, 'a', 'b/c'));
    expect(deriveSeed(1, 'ab', 'c')).not.toBe(deriveSeed(1, 'a', 'bc'));
    expect(deriveSeed('1a')).not.toBe(deriveSeed(1, 'a'));
  });
});

const seedArb = fc.oneof(fc.integer(), fc.string());
const nameArb = fc.string({ minLength: 1, maxLength: 20 });

describe('random properties', () => {
  it('should always give identical sequences for the same seed and name', () => {
    fc.assert(
      fc.property(seedArb, nameArb, fc.integer({ min: 1, max: 50 }), (seed, name, n) => {
        expect(draws(createStreams(seed).get(name), n)).toEqual(draws(createStreams(seed).get(name), n));
      }),
    );
  });

  it('should never let other streams, created before or after, shift a stream’s draws', () => {
    // A schedule of steps: each draws once from either the target or one of the other names,
    // creating that stream on first use, so others appear both before and after the target.
    const scenario = fc.record({
      seed: seedArb,
      target: nameArb,
      others: fc.uniqueArray(nameArb, { minLength: 1, maxLength: 5 }),
      steps: fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
    });
    fc.assert(
      fc.property(scenario, ({ seed, target, others, steps }) => {
        const names = [target, ...others.filter((o) => o !== target)];
        const streams = createStreams(seed);
        const seen: number[] = [];
        for (const step of steps) {
          const name = names[step % names.length]!;
          const value = streams.get(name).next();
          if (name === target) seen.push(value);
        }
        expect(seen).toEqual(draws(createStreams(seed).get(target), seen.length));
      }),
    );
  });

  it('should always give different names different sequences', () => {
    fc.assert(
      fc.property(seedArb, nameArb, nameArb, (seed, a, b) => {
        fc.pre(a !== b);
        // Four equal 32-bit draws by chance has probability 2^-128.
        expect(draws(createStreams(seed).get(a), 4)).not.toEqual(draws(createStreams(seed).get(b), 4));
      }),
    );
  });

  it('should never draw outside [0, 1)', () => {
    fc.assert(
      fc.property(seedArb, nameArb, (seed, name) => {
        const s = createStreams(seed).get(name);
        const outside = draws(s, 1000).filter((u) => !(u >= 0 && u < 1));
        expect(outside).toEqual([]);
      }),
    );
  });

  it('should never draw an int outside [lo, hi]', () => {
    const bounds = fc
      .tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }))
      .map(([lo, width]) => [lo, lo + width] as const);
    fc.assert(
      fc.property(seedArb, bounds, (seed, [lo, hi]) => {
        const s = createStreams(seed).get('int');
        const outside = Array.from({ length: 100 }, () => s.int(lo, hi)).filter(
          (v) => !(Number.isInteger(v) && v >= lo && v <= hi),
        );
        expect(outside).toEqual([]);
      }),
    );
  });

  it('should always pick an element of the array', () => {
    fc.assert(
      fc.property(seedArb, fc.array(fc.anything(), { minLength: 1 }), (seed, items) => {
        const s = createStreams(seed).get('pick');
        // includes, not toContain: SameValueZero finds NaN too.
        for (let i = 0; i < 20; i++) expect(items.includes(s.pick(items))).toBe(true);
      }),
    );
  });

  it('should always derive the same unsigned 32-bit seed from the same parts', () => {
    const parts = fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 4 });
    fc.assert(
      fc.property(seedArb, parts, (seed, ps) => {
        const h = deriveSeed(seed, ...ps);
        expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
        expect(deriveSeed(seed, ...ps)).toBe(h);
      }),
    );
  });
});
