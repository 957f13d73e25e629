// Recovery points from the stream's covered instant: the 5-minute grid, the §5.1 pruning table
// worked by hand, the failover choices of §5.4, ransomware cut-offs and replication groups.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReplicationStream } from '../../../models/replication/fluid.js';
import {
  type AsrPoint,
  choosePoint,
  groupSource,
  keptPoints,
  latestCommonPoint,
  type PointPolicy,
  type PointSource,
} from '../../../models/replication/points.js';
import { aStream, DAY, GiB, H, MIN, MiB } from './fixtures.js';

/** Retention 1 day, no app-consistent points, 10 minutes of processing, unless told otherwise. */
const aPolicy = (over: Partial<PointPolicy> = {}): PointPolicy => ({
  retention: DAY,
  appConsistentEvery: null,
  processingDelay: 10 * MIN,
  ...over,
});

/** A stream that is always in sync (10 MiB/s churn, 20 MiB/s bandwidth) over `days`. */
const inSync = (days = 14, over = {}) => aStream({ horizon: days * DAY, ...over });

/** The instants of the points kept at t, in hours. */
const hours = (points: AsrPoint[]) => points.map((p) => p.at / H);

/** a, a + step, …, b (in hours). */
const range = (a: number, b: number, step: number) =>
  Array.from({ length: Math.round((b - a) / step) + 1 }, (_, i) => a + i * step);

describe('recovery points', () => {
  it('always has a crash-consistent point less than 5 minutes old while churn is below bandwidth', () => {
    const s = inSync(2);
    for (const t of [0, 1, 4 * MIN + 59_999, 5 * MIN, 7 * H + 2 * MIN + 17, DAY + 3]) {
      const p = choosePoint(s, aPolicy(), t, 'latest')!;
      expect(p.kind).toBe('crash');
      expect(p.at % (5 * MIN)).toBe(0);
      expect(t - p.at).toBeGreaterThanOrEqual(0);
      expect(t - p.at).toBeLessThan(5 * MIN);
    }
  });

  it('makes the first point on the first grid instant after the initial replication', () => {
    // 100 GiB at 50 MiB/s: done at 2048 s; the grid's next instant is 35 min = 2100 s.
    const s = aStream({ initialBytes: 100 * GiB, bandwidth: 50 * MiB, dayRate: () => 0 });
    expect(choosePoint(s, aPolicy(), 2099_999, 'latest')).toBeNull();
    expect(choosePoint(s, aPolicy(), 2100_000, 'latest')).toEqual({ at: 2100_000, kind: 'crash' });
  });

  it('prunes a 1-day retention to one point an hour beyond the last two hours', () => {
    // t = 30 h, latest point 30:00. All of 28:00…30:00 (25 points every 5 min); beyond, the
    // hours back to 30 − 24 = 6 h: 6:00…27:00 (22 points). 5:00 is older than the retention.
    const kept = keptPoints(inSync(), aPolicy(), 30 * H);
    expect(hours(kept)).toEqual(
      [...range(6, 27, 1), ...range(28, 30, 5 / 60)].map((h) => expect.closeTo(h, 9)),
    );
    expect(kept).toHaveLength(47);
  });

  it('prunes a 3-day retention to one point every two hours', () => {
    // t = 96 h: 94:00…96:00 (25 points); beyond, even hours back to 96 − 72 = 24 h: 24, 26, …, 92 (35).
    const kept = keptPoints(inSync(), aPolicy({ retention: 3 * DAY }), 96 * H);
    expect(hours(kept)).toEqual(
      [...range(24, 92, 2), ...range(94, 96, 5 / 60)].map((h) => expect.closeTo(h, 9)),
    );
    expect(kept).toHaveLength(60);
  });

  it('prunes a 12-day retention to two-hourly for 7 days, then four-hourly', () => {
    // t = 13 d = 312 h: 310…312 h every 5 min (25); ages 2 h…7 d: even hours 144…308 (83);
    // ages 7 d…12 d: multiples of 4 h from 312 − 288 = 24 h to 140 h (30). Total 138.
    const kept = keptPoints(inSync(), aPolicy({ retention: 12 * DAY }), 13 * DAY);
    expect(hours(kept)).toEqual(
      [...range(24, 140, 4), ...range(144, 308, 2), ...range(310, 312, 5 / 60)].map((h) =>
        expect.closeTo(h, 9),
      ),
    );
    expect(kept).toHaveLength(138);
  });

  it('keeps only the latest point with retention 0, so only "latest" can be chosen', () => {
    const policy = aPolicy({ retention: 0 });
    expect(keptPoints(inSync(), policy, 30 * H)).toEqual([{ at: 30 * H, kind: 'crash' }]);
    expect(choosePoint(inSync(), policy, 30 * H, 'latest')).toEqual({ at: 30 * H, kind: 'crash' });
    expect(choosePoint(inSync(), policy, 30 * H, 'latestProcessed')).toBeNull();
  });

  it('keeps app-consistent points on their own grid and prunes them the same way', () => {
    // Every 90 min: beyond the last 2 h, the first app point of each hour bucket is kept, e.g.
    // 25:30 (bucket 25:00–26:00), which is no crash point's bucket boundary.
    const policy = aPolicy({ appConsistentEvery: 90 * MIN });
    const kept = keptPoints(inSync(), policy, 30 * H);
    expect(kept).toContainEqual({ at: 25.5 * H, kind: 'app' });
    expect(kept).toContainEqual({ at: 27 * H, kind: 'app' });
    expect(kept).not.toContainEqual({ at: 25.5 * H, kind: 'crash' });
    expect(kept.filter((p) => p.kind === 'app').map((p) => p.at / H)).toEqual([
      6, 7.5, 9, 10.5, 12, 13.5, 15, 16.5, 18, 19.5, 21, 22.5, 24, 25.5, 27, 28.5, 30,
    ]);
    expect(choosePoint(inSync(), policy, 30 * H - 1, 'latestAppConsistent')).toEqual({
      at: 28.5 * H,
      kind: 'app',
    });
    expect(choosePoint(inSync(), aPolicy(), 30 * H, 'latestAppConsistent')).toBeNull();
  });

  it('takes the latest processed point from what was uploaded processingDelay earlier', () => {
    // At 30:03 the data up to 29:53 was uploaded 10 min before: the point 29:50.
    const s = inSync();
    expect(choosePoint(s, aPolicy(), 30 * H + 3 * MIN, 'latestProcessed')).toEqual({
      at: 29 * H + 50 * MIN,
      kind: 'crash',
    });
    expect(choosePoint(s, aPolicy(), 30 * H + 3 * MIN, 'latest')).toEqual({ at: 30 * H, kind: 'crash' });
  });

  it('picks the last kept point at or before a ransomware instant, or none past the retention', () => {
    const at = (notAfter: number) => choosePoint(inSync(), aPolicy(), 30 * H, 'latest', notAfter)?.at ?? null;
    expect(at(20 * H + 17 * MIN)).toBe(20 * H); // beyond 2 h: hourly
    expect(at(28 * H + 7 * MIN)).toBe(28 * H + 5 * MIN); // within 2 h: every 5 min
    expect(at(6 * H)).toBe(6 * H); // the oldest kept, 24 h before the latest
    expect(at(5 * H + 30 * MIN)).toBeNull();
  });

  it('makes no points while the source is down and keeps the old ones relative to the latest', () => {
    // Down from 10 h to 60 h, retention 1 d. At 50 h the latest point is still 9:55: all of
    // 7:55…9:55 (25) and the hours 0…7 (8) are kept, though they are up to 50 h old.
    const s = inSync(3, { down: [{ from: 10 * H, to: 60 * H }] });
    expect(choosePoint(s, aPolicy(), 50 * H, 'latest')?.at).toBe(9 * H + 55 * MIN);
    expect(keptPoints(s, aPolicy(), 50 * H)).toHaveLength(33);
    expect(choosePoint(s, aPolicy(), 59 * H, 'latest')?.at).toBe(9 * H + 55 * MIN);
    // At 61 h the latest is 61:00: 60:00…61:00 (13), and 9:55 is 51 h older than it.
    expect(hours(keptPoints(s, aPolicy(), 61 * H))).toEqual(
      range(60, 61, 5 / 60).map((h) => expect.closeTo(h, 9)),
    );
  });

  it('gives a replication group the latest point all members share', () => {
    // A is in sync but down 20–30 min; B lags under a spike: covered 2400 s at 1 h (fluid example).
    const a = inSync(1, { down: [{ from: 20 * MIN, to: 30 * MIN }] });
    const b = aStream({ horizon: DAY, spikes: [{ from: 0, to: H, rate: 20 * MiB }] });
    expect(latestCommonPoint([a, b], aPolicy(), H)).toEqual({ at: 40 * MIN, kind: 'crash' });
    expect(latestCommonPoint([a, b], aPolicy(), H + 1, 'latest')?.at).toBe(40 * MIN);
    // Ransomware at 27 min: A was down at 20 and 25 min, so the group's last point before is 15 min.
    const group = choosePoint(groupSource([a, b]), aPolicy(), H + 2, 'latest', 27 * MIN);
    expect(group?.at).toBe(15 * MIN);
    expect(() =>
      latestCommonPoint(
        Array.from({ length: 17 }, () => inSync(1)),
        aPolicy(),
        H,
      ),
    ).toThrow(/16/);
  });

  it('rejects policies outside §5.1', () => {
    expect(() => choosePoint(inSync(), aPolicy({ retention: 16 * DAY }), H, 'latest')).toThrow(/15 days/);
    expect(() => choosePoint(inSync(), aPolicy({ appConsistentEvery: 0 }), H, 'latest')).toThrow(RangeError);
  });
});

// ------------------------------------------------------------------ properties

/** A brute-force check of one point against the pruning table (P3, P4), for crash points. */
function keptByTable(latest: number, retention: number, p: number): boolean {
  const age = latest - p;
  if (retention === 0) return age === 0;
  if (age < 0 || age > retention) return false;
  if (age <= 2 * H) return true;
  const w = retention <= DAY ? H : retention <= 7 * DAY ? 2 * H : age <= 7 * DAY ? 2 * H : 4 * H;
  return p % w === 0;
}

describe('recovery points: properties', () => {
  it('should always keep exactly the crash points the table keeps, and choose the latest of them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15 * DAY }),
        fc.integer({ min: 0, max: 16 * DAY }),
        fc.integer({ min: 0, max: 16 * DAY }),
        (retention, t, cut) => {
          const s = inSync(16);
          const policy = aPolicy({ retention });
          const kept = keptPoints(s, policy, t).map((p) => p.at);
          const latest = Math.floor(t / (5 * MIN)) * 5 * MIN;
          const want: number[] = [];
          for (let p = 0; p <= latest; p += 5 * MIN) if (keptByTable(latest, retention, p)) want.push(p);
          expect(kept).toEqual(want);
          const chosen = choosePoint(s, policy, t, 'latest', cut);
          const best = want.filter((p) => p <= cut).pop() ?? null;
          expect(chosen?.at ?? null).toBe(best);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('should never choose a point newer than what was uploaded, nor one the source was down at', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 2 * DAY }),
        fc.integer({ min: 1, max: 6 * H }),
        fc.array(fc.integer({ min: 0, max: 2 * DAY }), { minLength: 1, maxLength: 20 }),
        (bandwidth, downFrom, downFor, ts) => {
          const s: ReplicationStream = aStream({
            initialBytes: GiB,
            bandwidth: bandwidth * MiB,
            spikes: [{ from: 3 * H, to: 5 * H, rate: 30 * MiB }],
            down: [{ from: downFrom, to: downFrom + downFor }],
          });
          const src: PointSource = s;
          for (const t of [...ts].sort((a, b) => a - b)) {
            const p = choosePoint(src, aPolicy(), t, 'latest');
            const c = s.coveredAt(t);
            if (p === null) continue;
            expect(p.at).toBeLessThanOrEqual(c!);
            expect(s.downAt(p.at)).toBeNull();
            expect(p.at).toBeGreaterThanOrEqual(s.initialDoneAt(t)!);
          }
        },
      ),
    );
  });
});
