import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Series, type SeriesKind, type SeriesOptions } from '../../engine/series.js';

interface Sample {
  t: number;
  v: number;
}

/** A series named "x" holding the given (time, value) pairs. */
function seriesOf(options: SeriesOptions, samples: readonly (readonly [number, number])[]): Series {
  const s = new Series('x', options);
  for (const [t, v] of samples) s.record(t, v);
  return s;
}

/** Reference curve: the value at `t` read straight off the full sample list. */
function naiveValueAt(kind: SeriesKind, samples: readonly Sample[], initial: number, t: number): number {
  let i = -1;
  for (let j = 0; j < samples.length; j++) if (samples[j].t <= t) i = j;
  if (i < 0) return initial;
  const a = samples[i];
  if (kind === 'step' || i === samples.length - 1 || t === a.t) return a.v;
  const b = samples[i + 1];
  return a.v + (b.v - a.v) * ((t - a.t) / (b.t - a.t));
}

/** Reference area from `from` to `to` (from <= to), piece by piece over the full sample list. */
function naiveIntegral(
  kind: SeriesKind,
  samples: readonly Sample[],
  initial: number,
  from: number,
  to: number,
): number {
  const overlap = (lo: number, hi: number): number => Math.max(0, Math.min(to, hi) - Math.max(from, lo));
  if (samples.length === 0) return initial * (to - from);
  let area = initial * overlap(Number.NEGATIVE_INFINITY, samples[0].t);
  for (let i = 0; i + 1 < samples.length; i++) {
    const a = samples[i];
    const b = samples[i + 1];
    const lo = Math.max(from, a.t);
    const hi = Math.min(to, b.t);
    if (hi <= lo) continue;
    if (kind === 'step') area += a.v * (hi - lo);
    else {
      const at = (x: number): number => a.v + (b.v - a.v) * ((x - a.t) / (b.t - a.t));
      area += ((at(lo) + at(hi)) / 2) * (hi - lo);
    }
  }
  const last = samples[samples.length - 1];
  return area + last.v * overlap(last.t, Number.POSITIVE_INFINITY);
}

/** The value in force at each recorded time: the last sample recorded at that time. */
function lastAt(samples: readonly Sample[], t: number): number {
  let v = Number.NaN;
  for (const s of samples) if (s.t === t) v = s.v;
  return v;
}

/** Whether two floats agree to a relative tolerance of `scale`. */
function close(actual: number, expected: number, scale: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, scale);
}

/**
 * Largest |value| times the whole span, to scale integral tolerances: integral() subtracts
 * running sums from the first sample, so its rounding is relative to them, not to to − from.
 */
function areaScale(samples: readonly Sample[], initial: number, from: number, to: number): number {
  let m = Math.abs(initial);
  for (const s of samples) m = Math.max(m, Math.abs(s.v));
  const lo = Math.min(from, samples[0]?.t ?? from);
  const hi = Math.max(to, samples[samples.length - 1]?.t ?? to);
  return m * (hi - lo);
}

/** Bucket of a time at a resolution, as the series computes it (the time itself when none). */
const bucketOf = (t: number, r: number | undefined): number => (r === undefined ? t : Math.floor(t / r));

// +0 normalises -0, so equality checks do not trip on the sign of zero.
const valueArb = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0),
);

// Non-decreasing times with plenty of repeats, so same-instant samples are common.
const samplesArb = fc
  .record({
    start: fc.integer({ min: -1000, max: 1000 }),
    steps: fc.array(
      fc.record({ dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200 })), v: valueArb }),
      { maxLength: 300 },
    ),
  })
  .map(({ start, steps }) => {
    let t = start;
    return steps.map(({ dt, v }) => {
      t += dt;
      return { t, v };
    });
  });

const kindArb = fc.constantFrom<SeriesKind>('step', 'linear');

const optionsArb = fc.record({
  kind: kindArb,
  resolution: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  maxPoints: fc.option(fc.integer({ min: 8, max: 40 }), { nil: undefined }),
  initial: fc.integer({ min: -10, max: 10 }),
});

/** A series built from options and a full sample list. */
function build(options: SeriesOptions, samples: readonly Sample[]): Series {
  const s = new Series('prop', options);
  for (const { t, v } of samples) s.record(t, v);
  return s;
}

describe('Series — step', () => {
  const s = seriesOf({ kind: 'step' }, [
    [10, 2],
    [20, 5],
    [40, 3],
  ]);

  it('holds the initial value before the first sample', () => {
    expect(s.valueAt(0)).toBe(0);
    expect(s.valueAt(9.99)).toBe(0);
    expect(seriesOf({ kind: 'step', initial: 7 }, [[10, 2]]).valueAt(5)).toBe(7);
  });

  it('reads the sample at its own time, holds it until the next, and holds the last one after', () => {
    expect(s.valueAt(10)).toBe(2);
    expect(s.valueAt(19)).toBe(2);
    expect(s.valueAt(20)).toBe(5);
    expect(s.valueAt(39.5)).toBe(5);
    expect(s.valueAt(40)).toBe(3);
    expect(s.valueAt(1e9)).toBe(3);
  });

  it('keeps the last of several samples at one instant, but counts all for min and max', () => {
    const same = seriesOf({ kind: 'step' }, [
      [0, 1],
      [10, 8],
      [10, -4],
      [10, 3],
    ]);
    expect(same.valueAt(10)).toBe(3);
    expect(same.valueAt(9)).toBe(1);
    expect(same.points()).toEqual([
      { t: 0, v: 1 },
      { t: 10, v: 3 },
    ]);
    expect(same.max()).toBe(8);
    expect(same.min()).toBe(-4);
    expect(same.count).toBe(4);
  });

  it('integrates by hand: 2 over 0..10 then 5 over 10..30 is 20 + 100', () => {
    const area = seriesOf({ kind: 'step' }, [
      [0, 2],
      [10, 5],
    ]);
    expect(area.integral(0, 30)).toBe(120);
    expect(area.integral(5, 15)).toBe(2 * 5 + 5 * 5);
    expect(area.integral(30, 0)).toBe(-120);
  });

  it('integrates the initial value before the first sample', () => {
    const area = seriesOf({ kind: 'step', initial: 1 }, [[10, 4]]);
    expect(area.integral(0, 20)).toBe(10 + 40);
    expect(new Series('empty', { kind: 'step', initial: 3 }).integral(0, 5)).toBe(15);
  });
});

describe('Series — linear', () => {
  const s = seriesOf({ kind: 'linear', initial: 1 }, [
    [0, 0],
    [10, 10],
    [20, 0],
  ]);

  it('holds the initial value before the first sample and the last value after the last', () => {
    expect(s.valueAt(-5)).toBe(1);
    expect(s.valueAt(20)).toBe(0);
    expect(s.valueAt(100)).toBe(0);
  });

  it('reads samples at their times and interpolates between neighbours', () => {
    expect(s.valueAt(0)).toBe(0);
    expect(s.valueAt(10)).toBe(10);
    expect(s.valueAt(2.5)).toBe(2.5);
    expect(s.valueAt(15)).toBe(5);
  });

  it('makes a jump at an instant with several samples: arrives at the first, leaves from the last', () => {
    const jump = seriesOf({ kind: 'linear' }, [
      [0, 0],
      [10, 10],
      [10, 7],
      [10, 100],
      [20, 0],
    ]);
    expect(jump.valueAt(5)).toBe(5);
    expect(jump.valueAt(10)).toBe(100);
    expect(jump.valueAt(15)).toBe(50);
    // The middle sample lasts no time, so it is not kept (but still counts for max/min).
    expect(jump.points()).toEqual([
      { t: 0, v: 0 },
      { t: 10, v: 10 },
      { t: 10, v: 100 },
      { t: 20, v: 0 },
    ]);
    expect(jump.integral(0, 20)).toBe(50 + 500);
  });

  it('integrates as trapezoids', () => {
    expect(s.integral(0, 20)).toBe(50 + 50);
    expect(s.integral(0, 5)).toBe(12.5);
    expect(s.integral(5, 15)).toBe(37.5 + 37.5);
    expect(s.integral(-10, 30)).toBe(10 * 1 + 100 + 0);
  });
});

describe('Series — recording errors', () => {
  it('throws a RangeError naming both times when time goes backwards', () => {
    const s = seriesOf({ kind: 'step' }, [[1000, 1]]);
    expect(() => s.record(500, 2)).toThrow(RangeError);
    expect(() => s.record(500, 2)).toThrow('series "x": time 500 is before last sample 1000');
  });

  it('throws on NaN or infinite values and times', () => {
    const s = new Series('x', { kind: 'linear' });
    expect(() => s.record(0, Number.NaN)).toThrow(RangeError);
    expect(() => s.record(0, Number.POSITIVE_INFINITY)).toThrow(
      'value Infinity at time 0 is not a finite number',
    );
    expect(() => s.record(Number.NaN, 1)).toThrow(RangeError);
    expect(s.count).toBe(0);
  });

  it('rejects bad options', () => {
    expect(() => new Series('x', { kind: 'step', resolution: 0 })).toThrow(RangeError);
    expect(() => new Series('x', { kind: 'step', maxPoints: 7 })).toThrow(
      'maxPoints must be an integer >= 8',
    );
    expect(() => new Series('x', { kind: 'step', initial: Number.NaN })).toThrow(RangeError);
    expect(() => new Series('x', { kind: 'spline' as SeriesKind })).toThrow('kind must be');
  });
});

describe('Series — downsampling', () => {
  it('keeps a step bucket’s last sample and its peaks', () => {
    const s = seriesOf({ kind: 'step', resolution: 10 }, [
      [1, 1],
      [3, 9],
      [7, 2],
      [12, 4],
    ]);
    expect(s.points()).toEqual([
      { t: 7, v: 2 },
      { t: 12, v: 4 },
    ]);
    expect(s.buckets()).toEqual([
      { t: 0, v: 2, min: 1, max: 9 },
      { t: 10, v: 4, min: 4, max: 4 },
    ]);
    expect(s.max()).toBe(9);
    // Exact at retained times; the running integral still saw 1 over 1..3 and 9 over 3..7.
    expect(s.valueAt(7)).toBe(2);
    expect(s.integral(1, 7)).toBe(1 * 2 + 9 * 4);
    expect(s.integral(0, 20)).toBe(2 + 36 + 2 * 5 + 4 * 8);
    // Inside the merged span 1..7 the value is approximate: the initial value is held.
    expect(s.valueAt(5)).toBe(0);
  });

  it('keeps a linear bucket’s first and last samples', () => {
    const s = seriesOf({ kind: 'linear', resolution: 10 }, [
      [0, 0],
      [2, 20],
      [5, -3],
      [9, 9],
      [10, 1],
    ]);
    expect(s.points()).toEqual([
      { t: 0, v: 0 },
      { t: 9, v: 9 },
      { t: 10, v: 1 },
    ]);
    expect(s.buckets()).toEqual([
      { t: 0, v: 9, min: -3, max: 20 },
      { t: 10, v: 1, min: 1, max: 1 },
    ]);
    expect(s.valueAt(9.5)).toBe(5);
    expect(s.integral(0, 10)).toBe(20 + (20 - 3) * 1.5 + (-3 + 9) * 2 + 5);
  });

  it('keeps a linear bucket’s arriving and leaving values at its first instant', () => {
    const s = seriesOf({ kind: 'linear', resolution: 10 }, [
      [0, 0],
      [5, 5],
      [10, 1],
      [10, 4],
      [10, 2],
      [13, 8],
      [17, 6],
    ]);
    expect(s.points()).toEqual([
      { t: 0, v: 0 },
      { t: 5, v: 5 },
      { t: 10, v: 1 },
      { t: 10, v: 2 },
      { t: 17, v: 6 },
    ]);
    expect(s.buckets()).toEqual([
      { t: 0, v: 5, min: 0, max: 5 },
      { t: 10, v: 6, min: 1, max: 8 },
    ]);
    expect(s.valueAt(7.5)).toBe(3);
    expect(s.valueAt(10)).toBe(2);
  });

  it('keeps the first sample time so a merged first bucket still integrates exactly', () => {
    const s = seriesOf({ kind: 'step', resolution: 10, initial: -1 }, [
      [0, 3],
      [4, 5],
    ]);
    expect(s.points()).toEqual([{ t: 4, v: 5 }]);
    expect(s.firstTime).toBe(0);
    expect(s.integral(-2, 6)).toBe(-2 + 12 + 10);
  });

  it('doubles the resolution when maxPoints is reached and stays within it', () => {
    const s = new Series('x', { kind: 'step', maxPoints: 8 });
    for (let t = 0; t < 1000; t++) s.record(t, t % 7);
    expect(s.size).toBeLessThanOrEqual(8);
    // 1000 samples, one a ms, into at most 8 buckets: 2^7 = 128 ms each.
    expect(s.resolution).toBe(128);
    expect(s.count).toBe(1000);
    expect(s.last()).toBe(999 % 7);
    expect(s.max()).toBe(6);
    expect(s.min()).toBe(0);
  });
});

describe('Series — export', () => {
  const s = seriesOf({ kind: 'linear' }, [
    [0, 0],
    [10, 10],
  ]);

  it('samples on a regular grid, including the end', () => {
    expect(s.toPoints(0, 20, 5)).toEqual([
      { t: 0, v: 0 },
      { t: 5, v: 5 },
      { t: 10, v: 10 },
      { t: 15, v: 10 },
      { t: 20, v: 10 },
    ]);
    expect(s.toPoints(5, 0, 1)).toEqual([]);
    expect(() => s.toPoints(0, 1, 0)).toThrow(RangeError);
  });

  it('samples at given times', () => {
    expect(s.sampleAt([-1, 2.5, 30])).toEqual([
      { t: -1, v: 0 },
      { t: 2.5, v: 2.5 },
      { t: 30, v: 10 },
    ]);
  });

  it('exports retained samples as plain JSON-safe data', () => {
    expect(JSON.parse(JSON.stringify(s.points()))).toEqual(s.points());
    expect(JSON.parse(JSON.stringify(s.buckets()))).toEqual(s.buckets());
  });

  it('reports the initial value for last, max and min before any sample', () => {
    const empty = new Series('x', { kind: 'step', initial: 4 });
    expect([empty.last(), empty.max(), empty.min(), empty.lastTime, empty.size]).toEqual([
      4,
      4,
      4,
      undefined,
      0,
    ]);
  });
});

describe('Series — properties', () => {
  it('should never retain more than maxPoints samples, however many are recorded', () => {
    fc.assert(
      fc.property(kindArb, fc.integer({ min: 8, max: 64 }), samplesArb, (kind, maxPoints, samples) => {
        const s = new Series('p', { kind, maxPoints });
        for (const { t, v } of samples) {
          s.record(t, v);
          if (s.size > maxPoints) return false;
        }
        return true;
      }),
    );
  });

  it('should never retain more than one sample per bucket (step) or three (linear) with a resolution', () => {
    fc.assert(
      fc.property(kindArb, fc.integer({ min: 1, max: 100 }), samplesArb, (kind, resolution, samples) => {
        const s = build({ kind, resolution }, samples);
        if (samples.length === 0) return s.size === 0;
        const spanned =
          bucketOf(samples[samples.length - 1].t, resolution) - bucketOf(samples[0].t, resolution) + 1;
        return s.size <= spanned * (kind === 'step' ? 1 : 3);
      }),
    );
  });

  it('should never invent a sample: every retained point was recorded', () => {
    fc.assert(
      fc.property(optionsArb, samplesArb, (options, samples) => {
        const s = build(options, samples);
        return s.points().every((p) => samples.some((q) => q.t === p.t && q.v === p.v));
      }),
    );
  });

  it('should always read the value recorded last at each retained sample time', () => {
    fc.assert(
      fc.property(optionsArb, samplesArb, (options, samples) => {
        const s = build(options, samples);
        for (const p of s.points()) expect(s.valueAt(p.t)).toBe(lastAt(samples, p.t));
      }),
    );
  });

  it('should always report min and max of everything recorded, and the last value', () => {
    fc.assert(
      fc.property(optionsArb, samplesArb, (options, samples) => {
        const s = build(options, samples);
        const values = samples.map((q) => q.v);
        const none = values.length === 0;
        expect(s.max()).toBe(none ? options.initial : Math.max(...values));
        expect(s.min()).toBe(none ? options.initial : Math.min(...values));
        expect(s.last()).toBe(none ? options.initial : values[values.length - 1]);
        expect(s.count).toBe(samples.length);
      }),
    );
  });

  it('should always integrate like the full sample list, whatever the resolution', () => {
    fc.assert(
      fc.property(optionsArb, samplesArb, fc.nat(100), fc.nat(100), (options, samples, before, after) => {
        const s = build(options, samples);
        const { kind, initial } = options;
        const first = samples.length > 0 ? samples[0].t : 0;
        const from = first - before;
        const to = (s.lastTime ?? 0) + after;
        const scale = areaScale(samples, initial, from, to);
        expect(close(s.integral(from, to), naiveIntegral(kind, samples, initial, from, to), scale)).toBe(
          true,
        );
        // Between retained sample times the running integral is exact too.
        const points = s.points();
        for (const p of points) {
          const expected = naiveIntegral(kind, samples, initial, first, p.t);
          expect(close(s.integral(first, p.t), expected, scale)).toBe(true);
        }
      }),
    );
  });

  it('should always be exact between buckets: from a bucket’s last sample to the next one’s first', () => {
    fc.assert(
      fc.property(optionsArb, samplesArb, (options, samples) => {
        const s = build(options, samples);
        const { kind, initial } = options;
        const r = s.resolution;
        for (let i = 0; i < samples.length; i++) {
          const a = samples[i];
          const next = samples[i + 1];
          if (next !== undefined && bucketOf(next.t, r) === bucketOf(a.t, r)) continue;
          const mid = next === undefined ? a.t + 7 : (a.t + next.t) / 2;
          for (const t of [a.t, mid]) {
            expect(s.valueAt(t)).toBe(naiveValueAt(kind, samples, initial, t));
            const expected = naiveIntegral(kind, samples, initial, samples[0].t, t);
            const scale = areaScale(samples, initial, samples[0].t, t);
            expect(close(s.integral(samples[0].t, t), expected, scale)).toBe(true);
          }
        }
      }),
    );
  });

  it('should always agree with a naive model at any time and over any interval without downsampling', () => {
    const query = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(kindArb, samplesArb, fc.array(query, { maxLength: 20 }), (kind, samples, queries) => {
        const s = build({ kind, initial: 3 }, samples);
        const lo = (samples[0]?.t ?? 0) - 50;
        const hi = (s.lastTime ?? 0) + 50;
        const times = queries.map((u) => lo + u * (hi - lo));
        for (const t of times) expect(s.valueAt(t)).toBe(naiveValueAt(kind, samples, 3, t));
        for (let i = 0; i + 1 < times.length; i += 2) {
          const [from, to] = times[i] <= times[i + 1] ? [times[i], times[i + 1]] : [times[i + 1], times[i]];
          const expected = naiveIntegral(kind, samples, 3, from, to);
          expect(close(s.integral(from, to), expected, areaScale(samples, 3, from, to))).toBe(true);
        }
      }),
    );
  });

  it('should always keep what recording at the final resolution from the start would have kept', () => {
    fc.assert(
      fc.property(optionsArb, samplesArb, (options, samples) => {
        const bounded = build(options, samples);
        const { kind, initial } = options;
        const direct = build({ kind, initial, resolution: bounded.resolution }, samples);
        expect(bounded.points()).toEqual(direct.points());
        expect(bounded.buckets()).toEqual(direct.buckets());
      }),
    );
  });
});
