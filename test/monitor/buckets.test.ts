// Per-minute aggregates of one series, and where its windows' contents next change.
import { describe, expect, it } from 'vitest';
import { Buckets } from '../../models/monitor/buckets.js';
import { MIN } from './builders.js';

describe('Buckets', () => {
  it('aggregates the samples stamped in [from, to) per minute, in any arrival order', () => {
    const b = new Buckets();
    b.add(2 * MIN + 5_000, 4);
    b.add(0, 10);
    b.add(2 * MIN + 30_000, 6);
    b.add(MIN, 1);
    expect(b.size).toBe(3);
    // [0, 3 min): 10, 1, 4, 6 → count 4, total 21, average 5.25, min 1, max 10.
    expect(b.aggregate(0, 3 * MIN, 'count')).toBe(4);
    expect(b.aggregate(0, 3 * MIN, 'total')).toBe(21);
    expect(b.aggregate(0, 3 * MIN, 'average')).toBe(5.25);
    expect(b.aggregate(0, 3 * MIN, 'minimum')).toBe(1);
    expect(b.aggregate(0, 3 * MIN, 'maximum')).toBe(10);
    // [1 min, 2 min) holds only the 1.
    expect(b.aggregate(MIN, 2 * MIN, 'average')).toBe(1);
  });

  it('an empty range counts 0 and totals 0 but has no average, minimum or maximum', () => {
    const b = new Buckets();
    b.add(10 * MIN, 3);
    expect(b.aggregate(0, 5 * MIN, 'count')).toBe(0);
    expect(b.aggregate(0, 5 * MIN, 'total')).toBe(0);
    expect(b.aggregate(0, 5 * MIN, 'average')).toBeNull();
    expect(b.aggregate(0, 5 * MIN, 'minimum')).toBeNull();
    expect(b.aggregate(0, 5 * MIN, 'maximum')).toBeNull();
  });

  it('drops buckets that start before an instant', () => {
    const b = new Buckets();
    for (let m = 0; m < 100; m++) b.add(m * MIN, m);
    b.dropBefore(90 * MIN);
    expect(b.size).toBe(10);
    expect(b.aggregate(0, 100 * MIN, 'minimum')).toBe(90);
  });

  it('finds the next tick at which a window gains or loses a bucket', () => {
    // One bucket at minute 7, window 5 min, ticks every minute: it enters at tick 8 and
    // leaves at tick 13 (the first tick after 7 + 5 = 12).
    const b = new Buckets();
    b.add(7 * MIN, 1);
    expect(b.nextChange(MIN, MIN, 5 * MIN, 1)).toBe(8 * MIN);
    expect(b.nextChange(8 * MIN, MIN, 5 * MIN, 1)).toBe(13 * MIN);
    expect(b.nextChange(13 * MIN, MIN, 5 * MIN, 1)).toBe(Number.POSITIVE_INFINITY);
    // With 15-minute ticks: enters at 15, leaves at the first tick after 12, also 15 — one
    // change at 15 (in and out between two ticks), then nothing.
    expect(b.nextChange(0, 15 * MIN, 5 * MIN, 1)).toBe(15 * MIN);
    expect(b.nextChange(15 * MIN, 15 * MIN, 5 * MIN, 1)).toBe(Number.POSITIVE_INFINITY);
    // Two periods of 5: it also crosses the boundary between them at 7 + 5 → tick 13, and leaves after 7 + 10 → 18.
    expect(b.nextChange(8 * MIN, MIN, 5 * MIN, 2)).toBe(13 * MIN);
    expect(b.nextChange(13 * MIN, MIN, 5 * MIN, 2)).toBe(18 * MIN);
  });
});
