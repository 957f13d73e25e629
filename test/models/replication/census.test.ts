// Site Recovery recovery points selectable at an instant, counted by kind and by §5.1's age
// bands (models/replication/census.ts), worked by hand for the settings §5.1 quotes: the 2019
// defaults (retention 24 h, app-consistent every 60 min), the 2022 defaults (1 day, no
// app-consistent points), and the rows of the pruning table as retention grows to 15 days.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countPoints, pointCensus, pruningBands } from '../../../models/replication/census.js';
import { keptPoints, type PointPolicy } from '../../../models/replication/points.js';
import { aStream, DAY, H, MIN } from './fixtures.js';

/** Retention and app-consistent interval; processing does not matter to what is kept. */
const policy = (retention: number, app: number | null): PointPolicy => ({
  retention,
  appConsistentEvery: app,
  processingDelay: 5 * MIN,
});

// A stream always in sync over 17 days, counted at T = 16 d: the latest point is at T (a whole
// multiple of 5 min, 1 h, 2 h and 4 h from time 0), with 16 days of history behind it.
const T = 16 * DAY;
const census = (p: PointPolicy) => pointCensus(aStream({ horizon: 17 * DAY }), p, T);
/** Per band: [one point every (hours, null: all), crash, app]. */
const bands = (c: ReturnType<typeof census>) =>
  c.bands.map((b) => [b.every === null ? null : b.every / H, b.crash, b.app]);

describe('Site Recovery points selectable by age band (§5.1)', () => {
  it('2019 defaults, retention 24 h and app-consistent every hour: 22 crash- and 25 app-consistent', () => {
    // Last 2 h (ages 0…2 h): every 5-minute point, 2 h / 5 min + 1 = 25; the whole hours
    // T, T − 1 h, T − 2 h are app-consistent (a point on both grids is app, P1): 3 app, 22 crash.
    // Ages 2 h…24 h: one per hour, the hour's first point, T − 3 h … T − 24 h: 22, all on the
    // hour, so app-consistent. Totals: 22 crash, 3 + 22 = 25 app, 47 points.
    const c = census(policy(DAY, H));
    expect(bands(c)).toEqual([
      [null, 22, 3],
      [1, 0, 22],
    ]);
    expect([c.crash, c.app]).toEqual([22, 25]);
    expect(c.oldest).toEqual({ at: T - 24 * H, kind: 'app' });
    expect(c.latest).toEqual({ at: T, kind: 'app' });
  });

  it('2022 defaults, retention 1 day and no app-consistent points: the same 47, all crash-consistent', () => {
    const c = census(policy(DAY, null));
    expect(bands(c)).toEqual([
      [null, 25, 0],
      [1, 22, 0],
    ]);
    expect([c.crash, c.app]).toEqual([47, 0]);
  });

  it('retention 0 keeps the latest point only', () => {
    const c = census(policy(0, null));
    expect([c.crash, c.app]).toEqual([1, 0]);
    expect(c.oldest).toEqual(c.latest);
    expect(pruningBands(0)).toEqual([{ from: 0, to: 0, every: null }]);
  });

  it('grows with retention: 47 at 1 day, 60 at 3 days, 108 at 7 days, 156 at 15 days', () => {
    // App-consistent every hour throughout; the last 2 h always hold 22 crash + 3 app.
    // 3 days (row 2–7 days): ages 2 h…72 h one per two hours, the even hours T − 4 h … T − 72 h:
    //   (72 − 4) / 2 + 1 = 35, on whole hours so app: 25 + 35 = 60.
    // 7 days: T − 4 h … T − 168 h: (168 − 4) / 2 + 1 = 83: 25 + 83 = 108.
    // 15 days (row 8–15 days): the 83 for the first 7 days, then one per four hours for ages
    //   7 d…15 d, the multiples of 4 h T − 172 h … T − 360 h: (360 − 172) / 4 + 1 = 48: 156.
    const counts = [1, 3, 7, 15].map((d) => census(policy(d * DAY, H)));
    expect(counts.map((c) => c.crash + c.app)).toEqual([47, 60, 108, 156]);
    expect(counts.map((c) => c.crash)).toEqual([22, 22, 22, 22]);
    expect(bands(counts[1])).toEqual([
      [null, 22, 3],
      [2, 0, 35],
    ]);
    expect(bands(counts[3])).toEqual([
      [null, 22, 3],
      [2, 0, 83],
      [4, 0, 48],
    ]);
    expect(counts[3].oldest?.at).toBe(T - 360 * H);
  });

  it('with app-consistent points every 4 h, the hours between are crash-consistent', () => {
    // Retention 1 day: ages 2 h…24 h keep the 22 whole hours T − 3 h … T − 24 h; those on the
    // 4-hour grid (T − 4, 8, 12, 16, 20, 24 h) are app: 6, the other 16 crash. The last 2 h:
    // T is on the 4-hour grid (app), T − 1 h and T − 2 h are not: 24 crash + 1 app.
    const c = census(policy(DAY, 4 * H));
    expect(bands(c)).toEqual([
      [null, 24, 1],
      [1, 16, 6],
    ]);
  });
});

describe('Site Recovery points: properties', () => {
  it('should always count each kept point once, in the band of its age', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15 * 24 }).map((h) => h * H),
        fc.constantFrom(null, H, 2 * H, 90 * MIN, 4 * H),
        fc.integer({ min: 0, max: 16 * 24 * 12 }).map((k) => 30 * MIN + k * 5 * MIN),
        (retention, app, t) => {
          fc.pre(app === null || (app < retention && retention > 0));
          const p = policy(retention, app);
          const kept = keptPoints(aStream({ horizon: 17 * DAY }), p, t);
          const c = countPoints(kept, retention);
          expect(c.crash + c.app).toBe(kept.length);
          expect(c.bands.reduce((s, b) => s + b.crash + b.app, 0)).toBe(kept.length);
          for (const b of c.bands) {
            const inBand = kept.filter((q) => {
              const age = c.latest!.at - q.at;
              return (age > b.from || (b.from === 0 && age === 0)) && age <= b.to;
            });
            expect(b.crash + b.app).toBe(inBand.length);
            // A pruned band keeps at most one point of each grid per interval it spans (+ one at
            // its edge): app points are pruned among themselves (§5.1), beside the crash grid's.
            const grids = app === null ? 1 : 2;
            if (b.every !== null)
              expect(inBand.length).toBeLessThanOrEqual(grids * ((b.to - b.from) / b.every + 1));
          }
        },
      ),
    );
  });
});
