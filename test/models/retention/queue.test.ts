import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maxPointsKept,
  type PointTags,
  type RetainedPoint,
  RetentionQueue,
  TIERS,
  type Tier,
  tagPoint,
} from '../../../models/retention/index.js';
import type { Retention, Schedule } from '../../../models/scenario/types.js';
import {
  anyRetention,
  anySchedule,
  aRetention,
  aSchedule,
  DAY,
  GFS,
  jan1,
  lengthen,
  NY,
  runOnTime,
  slots,
  utc,
} from './fixtures.js';

const counts = (daily: number, weekly: number, monthly: number, yearly: number) => ({
  daily,
  weekly,
  monthly,
  yearly,
});

// The golden figures. Policy: daily at 22:30, daily 30 / weekly 12 on Sunday / monthly 12 on
// the first Sunday / yearly 3 in January on the first Sunday; one on-time point a day.
// "After N days" = points created on days 0 … N−1 (1 Jan 2026 is day 0, id = day), counted at
// the instant the Nth point is created, just after it is added. A tier keeps a point while
// now < until (daily: created + 30 × 24 h; weekly: + 84 × 24 h; monthly/yearly: same local
// time 12 months / 3 years later).
//
// Calendar: 1 Jan 2026 is a Thursday. Sundays: 4, 11, 18, 25 Jan, 1, 8 Feb … 1, 8 Nov 2026;
// 1 Nov 2026 is a Sunday (day 304 = 3 + 43 × 7). First Sundays: 4 Jan, 1 Feb, 1 Mar, 5 Apr,
// 3 May, 7 Jun, 5 Jul, 2 Aug, 6 Sep, 4 Oct, 1 Nov, 6 Dec 2026, 3 Jan 2027, 7 Feb 2027.
describe.each([
  ['UTC', 'UTC'],
  ['New York', NY],
])('golden figures: daily 22:30 %s, GFS 30/12/12/3', (_, timeZone) => {
  const schedule = aSchedule({ timeZone });

  it('after 1 day: the 1 January point alone, kept by daily', () => {
    const { queue } = runOnTime(GFS, schedule, jan1(timeZone), 1);
    // Thursday 1 Jan: not a Sunday, so daily only.
    expect(queue.size).toBe(1);
    expect(queue.countByTier()).toEqual(counts(1, 0, 0, 0));
  });

  it('after 4 days: 4 January, the first Sunday of January, is kept by all four tiers', () => {
    const { queue } = runOnTime(GFS, schedule, jan1(timeZone), 4);
    // 1–4 Jan all daily; 4 Jan also weekly, monthly (first Sunday) and yearly (January).
    expect(queue.size).toBe(4);
    expect(queue.countByTier()).toEqual(counts(4, 1, 1, 1));
    expect(queue.activeTiers(3)).toEqual(['daily', 'weekly', 'monthly', 'yearly']);
  });

  it('after 45 days (1 Jan … 14 Feb): 32 points', () => {
    const { queue } = runOnTime(GFS, schedule, jan1(timeZone), 45);
    // now = 14 Feb 22:30 (day 44; all EST in New York, so 24 h apart as in UTC).
    // daily: created after now − 30 d = 15 Jan 22:30 → 16 Jan … 14 Feb = 16 + 14 = 30
    //   (15 Jan's daily until is 14 Feb 22:30 = now: lapsed).
    // weekly: every Sunday so far, none 84 d old: 4, 11, 18, 25 Jan, 1, 8 Feb = 6.
    // monthly: first Sundays 4 Jan, 1 Feb = 2.   yearly: 4 Jan = 1.
    // distinct: the 30 daily points, plus the Sundays before 16 Jan: 4 and 11 Jan → 32.
    expect(queue.size).toBe(32);
    expect(queue.countByTier()).toEqual(counts(30, 6, 2, 1));
    // 4 Jan's daily membership lapsed on 3 Feb; the other three still keep it.
    expect(queue.activeTiers(3)).toEqual(['weekly', 'monthly', 'yearly']);
    expect(queue.activeTiers(10)).toEqual(['weekly']); // 11 Jan
    expect(queue.activeTiers(14)).toBeNull(); // 15 Jan has expired
    expect(queue.oldest()?.id).toBe(3);
    expect(queue.newest()?.id).toBe(44);
  });

  it('after 400 days (1 Jan 2026 … 4 Feb 2027): 48 points', () => {
    const { queue } = runOnTime(GFS, schedule, jan1(timeZone), 400);
    // Day 399 = 1 Jan 2027 (day 365) + 34 = 4 Feb 2027, a Thursday; now = 4 Feb 2027 22:30
    // (EST in New York, as are all points since 1 Nov 2026, so the 30- and 84-day windows
    // count the same as in UTC).
    // daily: created after now − 30 d = 5 Jan 22:30 → 6 Jan … 4 Feb 2027 = 26 + 4 = 30.
    // weekly: created after now − 84 d = 12 Nov 2026 22:30 (4 Feb −31 → 4 Jan, −31 → 4 Dec,
    //   −22 → 12 Nov) → Sundays 15, 22, 29 Nov, 6, 13, 20, 27 Dec, 3, 10, 17, 24, 31 Jan = 12
    //   (8 Nov lapsed on 31 Jan 2027).
    // monthly: 12 months after 1 Feb 2026 is 1 Feb 2027, before now: lapsed, as is 4 Jan;
    //   live 1 Mar, 5 Apr, 3 May, 7 Jun, 5 Jul, 2 Aug, 6 Sep, 4 Oct, 1 Nov, 6 Dec 2026,
    //   3 Jan 2027 = 11 (February 2027's first Sunday, the 7th, is still to come).
    // yearly: 4 Jan 2026 (until 4 Jan 2029), 3 Jan 2027 (until 3 Jan 2030) = 2.
    // distinct: 30 daily (6 Jan … 4 Feb, holding the Sundays 10, 17, 24, 31 Jan)
    //   + weekly outside that range: 15, 22, 29 Nov, 6, 13, 20, 27 Dec, 3 Jan = 8
    //   + monthly not yet counted: 1 Mar, 5 Apr, 3 May, 7 Jun, 5 Jul, 2 Aug, 6 Sep, 4 Oct, 1 Nov = 9
    //   + yearly not yet counted: 4 Jan 2026 = 1
    //   = 30 + 8 + 9 + 1 = 48.
    expect(queue.size).toBe(48);
    expect(queue.countByTier()).toEqual(counts(30, 12, 11, 2));
    // Ids are days: 4 Jan 2026 = 3, 6 Dec 2026 = 339, 3 Jan 2027 = 367, 6 Jan 2027 = 370.
    expect(queue.activeTiers(3)).toEqual(['yearly']);
    expect(queue.activeTiers(339)).toEqual(['weekly', 'monthly']);
    expect(queue.activeTiers(367)).toEqual(['weekly', 'monthly', 'yearly']);
    expect(queue.activeTiers(370)).toEqual(['daily']);
    expect(queue.oldest()?.id).toBe(3);
    expect(queue.newest()?.id).toBe(399);
    expect(queue.size).toBeLessThanOrEqual(maxPointsKept(GFS, schedule));
  });
});

describe('retention in New York across DST', () => {
  const ny = aSchedule({ timeZone: NY });
  const utcSchedule = aSchedule();

  it('holds 31 daily points after the 23-hour spring-forward day', () => {
    // 79 days: 1 Jan … 20 Mar 2026 (1 Mar is day 59, 20 Mar day 78). now = 20 Mar 22:30 EDT
    // = 21 Mar 02:30Z; now − 720 h = 19 Feb 02:30Z = 18 Feb 21:30 EST, and 18 Feb's point
    // (22:30 EST = 19 Feb 03:30Z) is after it: daily keeps 18 Feb … 20 Mar = 11 + 20 = 31.
    // In UTC the points are 24 h apart and daily keeps 19 Feb … 20 Mar = 30.
    // Sundays so far (none 84 d old): 4, 11, 18, 25 Jan, 1, 8, 15, 22 Feb, 1, 8, 15 Mar = 11;
    // first Sundays 4 Jan, 1 Feb, 1 Mar = 3; yearly 4 Jan = 1.
    // Distinct in New York: 31 daily + the Sundays before 18 Feb (4, 11, 18, 25 Jan, 1, 8, 15 Feb) = 38.
    const inNewYork = runOnTime(GFS, ny, jan1(NY), 79).queue;
    expect(inNewYork.countByTier()).toEqual(counts(31, 11, 3, 1));
    expect(inNewYork.size).toBe(38);
    expect(inNewYork.oldest()?.id).toBe(3);
    const inUtc = runOnTime(GFS, utcSchedule, jan1('UTC'), 79).queue;
    expect(inUtc.countByTier()).toEqual(counts(30, 11, 3, 1));
    expect(inUtc.size).toBe(37);
  });

  it('holds 29 daily points for the hour before each creation after the 25-hour fall-back day', () => {
    // 305 points: 1 Jan … 1 Nov 2026 (1 Nov is day 304). Just before the 2 Nov point, at
    // 2 Nov 22:29 EST = 3 Nov 03:29Z, now − 720 h = 4 Oct 03:29Z = 3 Oct 23:29 EDT, so 3 Oct's
    // point (22:30 EDT) has lapsed: daily keeps 4 Oct … 1 Nov = 28 + 1 = 29.
    const { queue } = runOnTime(GFS, ny, jan1(NY), 305);
    queue.advance(utc('2026-11-03T03:29:00Z'));
    expect(queue.countByTier().daily).toBe(29);
    expect(queue.activeTiers(304)).toEqual(['daily', 'weekly', 'monthly']); // 1 Nov, first Sunday
  });
});

describe('retention on a weekly schedule', () => {
  // Sundays at 22:30 UTC from 4 Jan 2026; weekly 12, monthly 6 on the first Sunday.
  const sundays = aSchedule({ frequency: 'weekly', days: [0] });
  const retention = aRetention({
    weekly: { count: 12, on: [0] },
    monthly: { count: 6, on: { kind: 'weekday', n: 1, weekday: 0 } },
  });

  it('after 20 weeks (4 Jan … 17 May): 14 points', () => {
    const { queue } = runOnTime(retention, sundays, jan1('UTC'), 20);
    // now = 17 May 22:30 (4 Jan + 19 × 7 d). weekly: after now − 84 d = 22 Feb (17 May −30 →
    // 17 Apr, −31 → 17 Mar, −23 → 22 Feb) → 1, 8, 15, 22, 29 Mar, 5, 12, 19, 26 Apr, 3, 10, 17 May = 12.
    // monthly (+6 months, none lapsed): 4 Jan, 1 Feb, 1 Mar, 5 Apr, 3 May = 5.
    // distinct: 12 + 4 Jan + 1 Feb = 14.
    expect(queue.countByTier()).toEqual(counts(0, 12, 5, 0));
    expect(queue.size).toBe(14);
  });

  it('after 40 weeks (4 Jan … 4 Oct): 16 points, 7 of them monthly under a count of 6', () => {
    const { queue } = runOnTime(retention, sundays, jan1('UTC'), 40);
    // now = 4 Oct 22:30 (4 Jan + 273 d). weekly: after now − 84 d = 12 Jul → 19, 26 Jul, 2, 9,
    // 16, 23, 30 Aug, 6, 13, 20, 27 Sep, 4 Oct = 12.
    // monthly: 1 Mar lapsed on 1 Sep; 5 Apr lasts until 5 Oct 22:30, after now, while
    // October's first Sunday (the 4th) is already kept: 5 Apr, 3 May, 7 Jun, 5 Jul, 2 Aug,
    // 6 Sep, 4 Oct = 7, one more than the count (maxPointsKept's +1).
    // distinct: 12 + 5 Apr, 3 May, 7 Jun, 5 Jul = 16 ≤ maxPointsKept = (12 + 1) + (6 + 1) = 20.
    expect(queue.countByTier()).toEqual(counts(0, 12, 7, 0));
    expect(queue.size).toBe(16);
    expect(maxPointsKept(retention, sundays)).toBe(20);
    queue.advance(utc('2026-10-05T22:30:00Z'));
    expect(queue.countByTier().monthly).toBe(6);
  });

  it('keeps yearly points from several months, briefly count × months + 1', () => {
    // Yearly 1 in January and July on the first Sunday, daily schedule, nothing else kept.
    // 4 Jan 2026 → 4 Jan 2027; 5 Jul 2026 → 5 Jul 2027; 3 Jan 2027 → 3 Jan 2028; and on
    // 4 Jul 2027 (the first Sunday: 1 Jul 2027 is a Thursday) 5 Jul 2026 is still kept:
    // 3 points = 1 × 2 + 1. 4 Jul 2027 is day 365 + 184 = 549, so 550 points.
    const yearly = aRetention({
      yearly: { count: 1, in: [1, 7], on: { kind: 'weekday', n: 1, weekday: 0 } },
    });
    const { queue } = runOnTime(yearly, aSchedule(), jan1('UTC'), 550);
    expect(queue.points().map((p) => p.id)).toEqual([185, 367, 549]);
    expect(queue.countByTier()).toEqual(counts(0, 0, 0, 3));
    expect(maxPointsKept(yearly, aSchedule())).toBe(3);
    expect(queue.advance(utc('2027-07-05T22:30:00Z')).map((p) => p.id)).toEqual([185]);
  });
});

describe('RetentionQueue', () => {
  const tags = (createdAt: number, until: Partial<Record<Tier, number>>): PointTags => {
    const full: Record<Tier, number | null> = {
      daily: until.daily ?? null,
      weekly: until.weekly ?? null,
      monthly: until.monthly ?? null,
      yearly: until.yearly ?? null,
    };
    const tiers = TIERS.filter((t) => full[t] !== null);
    return { tiers, until: full, expiresAt: Math.max(createdAt, ...tiers.map((t) => full[t]!)) };
  };
  const point = (id: number, createdAt: number, until: Partial<Record<Tier, number>>): RetainedPoint => ({
    id,
    createdAt,
    tags: tags(createdAt, until),
  });

  it('lapses each membership on its own and pops points in (expiresAt, id) order', () => {
    const q = new RetentionQueue();
    q.add(point(1, 0, { daily: 10, weekly: 70 }));
    q.add(point(2, 1, { daily: 11 }));
    q.add(point(3, 2, { daily: 12, monthly: 70 }));
    q.add(point(4, 3, {})); // kept by nothing
    expect(q.size).toBe(4);
    expect(q.advance(3).map((p) => p.id)).toEqual([4]);
    expect(q.countByTier()).toEqual(counts(3, 1, 1, 0));
    expect(q.advance(11).map((p) => p.id)).toEqual([2]);
    expect(q.countByTier()).toEqual(counts(1, 1, 1, 0));
    expect(q.activeTiers(1)).toEqual(['weekly']);
    // 1 and 3 both expire at 70: id order.
    expect(q.popExpired(100).map((p) => p.id)).toEqual([1, 3]);
    expect(q.size).toBe(0);
    expect(q.countByTier()).toEqual(counts(0, 0, 0, 0));
    expect(q.oldest()).toBeNull();
    expect(q.newest()).toBeNull();
  });

  it('removes a point with its memberships, and keeps creation order for oldest, newest and points', () => {
    const q = new RetentionQueue();
    for (let id = 0; id < 40; id++)
      q.add(point(id, id, { daily: id + 5, yearly: id % 10 === 0 ? 1000 : undefined }));
    expect(q.remove(0)?.id).toBe(0);
    expect(q.remove(0)).toBeNull();
    expect(q.countByTier()).toEqual(counts(39, 0, 0, 3));
    q.advance(30); // daily of 0 … 25 lapsed; 1 … 9, 11 … 19, 21 … 25 expired
    expect(q.points().map((p) => p.id)).toEqual([10, 20, ...Array.from({ length: 14 }, (_, k) => 26 + k)]);
    expect(q.oldest()?.id).toBe(10);
    expect(q.remove(39)?.id).toBe(39);
    expect(q.newest()?.id).toBe(38);
    expect(q.countByTier()).toEqual(counts(13, 0, 0, 3));
  });

  it('refuses time going back, out-of-order creation and duplicate ids', () => {
    const q = new RetentionQueue();
    q.add(point(1, 10, { daily: 20 }));
    expect(() => q.add(point(1, 11, { daily: 20 }))).toThrow(RangeError);
    expect(() => q.add(point(2, 9, { daily: 20 }))).toThrow(RangeError);
    q.advance(12);
    expect(() => q.advance(11)).toThrow(RangeError);
    expect(() => q.add(point(3, 11, { daily: 30 }))).toThrow(RangeError);
    expect(q.now).toBe(12);
  });
});

describe('RetentionQueue from numbers (addPoint, advanceIds)', () => {
  const NaN4 = () => new Float64Array(4).fill(Number.NaN);
  const untils = (u: Partial<Record<Tier, number>>) => {
    const out = NaN4();
    TIERS.forEach((t, k) => {
      if (u[t] !== undefined) out[k] = u[t];
    });
    return out;
  };

  it('keeps what add keeps and hands back ids in (expiresAt, id) order', () => {
    const q = new RetentionQueue(2);
    q.addPoint(1, 0, untils({ daily: 10, weekly: 70 }), 70);
    q.addPoint(2, 1, untils({ daily: 11 }), 11);
    q.addPoint(3, 2, untils({ daily: 12, monthly: 70 }), 70);
    q.addPoint(4, 3, NaN4(), 3); // kept by nothing
    const out: number[] = [];
    expect(q.advanceIds(3, out)).toBe(1);
    expect(out).toEqual([4]);
    expect(q.countByTier()).toEqual(counts(3, 1, 1, 0));
    expect(q.advanceIds(11, out)).toBe(1);
    expect(out).toEqual([2]);
    expect(q.activeMask(1)).toBe(0b0010);
    expect(q.activeMask(2)).toBe(-1);
    // The objects built for points given as numbers carry the same tags.
    expect(q.points().map((p) => p.tags.tiers)).toEqual([
      ['daily', 'weekly'],
      ['daily', 'monthly'],
    ]);
    expect(q.oldest()?.tags.until.weekly).toBe(70);
    expect(q.advanceIds(100, out)).toBe(2);
    expect(out).toEqual([1, 3]);
    expect(q.size).toBe(0);
  });

  it('grows past its capacity, and refuses a duplicate id below the largest', () => {
    const q = new RetentionQueue(1);
    for (let id = 0; id < 50; id++) q.addPoint(id, id, untils({ daily: id + 1000 }), id + 1000);
    expect(q.size).toBe(50);
    expect(() => q.addPoint(7, 60, untils({ daily: 70 }), 70)).toThrow(RangeError);
    expect(q.remove(7)?.id).toBe(7);
    q.addPoint(7, 60, untils({ daily: 70 }), 70); // not held any more: accepted
    expect(q.tierCount(0)).toBe(50);
  });
});

// ---------------------------------------------------------------- properties

// A run of one item: slots of a schedule from a start date, each started up to 2 h late
// (the job start window, docs/reference.md §1.2) and sometimes failed (no point at all).
const aRun = fc.record({
  retention: anyRetention,
  schedule: anySchedule,
  start: fc.integer({ min: 0, max: 6 * 365 }).map((d) => utc('2025-01-01T00:00:00Z') + d * DAY),
  count: fc.integer({ min: 1, max: 1200 }),
  delays: fc.array(
    fc.integer({ min: 0, max: 120 }).map((m) => m * 60_000),
    { minLength: 1, maxLength: 17 },
  ),
  failures: fc.array(fc.boolean(), { minLength: 1, maxLength: 13 }),
});
type Run = {
  retention: Retention;
  schedule: Schedule;
  start: number;
  count: number;
  delays: number[];
  failures: boolean[];
};

/** The run's points: [scheduledAt, createdAt] for each slot that did not fail. */
function created(run: Run): [number, number][] {
  return slots(run.schedule, run.start, run.count).flatMap((t, k): [number, number][] =>
    run.failures[k % run.failures.length] ? [] : [[t, t + run.delays[k % run.delays.length]]],
  );
}

/**
 * Feeds the run through a queue, calling `check` at each creation (just after the add) and
 * halfway to the next one, with every point created so far.
 */
function replay(
  run: Run,
  retention: Retention,
  check: (q: RetentionQueue, now: number, all: RetainedPoint[]) => void,
) {
  const q = new RetentionQueue();
  const all: RetainedPoint[] = [];
  const points = created(run);
  points.forEach(([scheduledAt, createdAt], id) => {
    q.advance(createdAt);
    const p = { id, createdAt, tags: tagPoint(retention, run.schedule, scheduledAt, createdAt) };
    q.add(p);
    q.advance(createdAt);
    all.push(p);
    check(q, createdAt, all);
    const next = points[id + 1]?.[1] ?? createdAt + DAY;
    const mid = createdAt + Math.floor((next - createdAt) / 2);
    q.advance(mid);
    check(q, mid, all);
  });
  return q;
}

describe('RetentionQueue properties', () => {
  it('should never hold more points than maxPointsKept', () => {
    fc.assert(
      fc.property(aRun, (run) => {
        const bound = maxPointsKept(run.retention, run.schedule);
        replay(run, run.retention, (q) => expect(q.size).toBeLessThanOrEqual(bound));
      }),
    );
  });

  it('should always count tiers, size and order exactly as a brute-force recount does', () => {
    fc.assert(
      fc.property(aRun, (run) => {
        // Points whose expiry has passed can never count again (time only moves forward).
        let alive: RetainedPoint[] = [];
        let seen = 0;
        replay(run, run.retention, (q, now, all) => {
          while (seen < all.length) alive.push(all[seen++]);
          alive = alive.filter((p) => p.tags.expiresAt > now);
          const recount = Object.fromEntries(
            TIERS.map((t) => [t, alive.filter((p) => (p.tags.until[t] ?? -1) > now).length]),
          );
          expect(q.countByTier()).toEqual(recount);
          expect(q.size).toBe(alive.length);
          expect(q.points().map((p) => p.id)).toEqual(alive.map((p) => p.id));
          expect(q.oldest()).toBe(alive[0] ?? null);
          expect(q.newest()).toBe(alive.at(-1) ?? null);
        });
      }),
    );
  });

  it('should never lower the live count at any time when a tier is kept longer', () => {
    fc.assert(
      fc.property(aRun, fc.constantFrom(...TIERS), fc.integer({ min: 1, max: 20 }), (run, tier, more) => {
        const sizes: number[] = [];
        replay(run, run.retention, (q) => sizes.push(q.size));
        let k = 0;
        const longer = lengthen(run.retention, tier, more);
        replay(run, longer, (q) => expect(q.size).toBeGreaterThanOrEqual(sizes[k++]));
      }),
      { numRuns: 50 },
    );
  });

  it('should always match add when fed the same points as numbers', () => {
    fc.assert(
      fc.property(aRun, (run) => {
        const byObject = new RetentionQueue();
        const byNumber = new RetentionQueue(3);
        const until = new Float64Array(4);
        const ids: number[] = [];
        created(run).forEach(([scheduledAt, createdAt], id) => {
          const expired = byObject.advance(createdAt).map((p) => p.id);
          byNumber.advanceIds(createdAt, ids);
          expect(ids).toEqual(expired);
          const tags = tagPoint(run.retention, run.schedule, scheduledAt, createdAt);
          byObject.add({ id, createdAt, tags });
          TIERS.forEach((t, k) => {
            until[k] = tags.until[t] ?? Number.NaN;
          });
          byNumber.addPoint(id, createdAt, until, tags.expiresAt);
          expect(byNumber.countByTier()).toEqual(byObject.countByTier());
          expect(byNumber.size).toBe(byObject.size);
        });
        expect(byNumber.points()).toEqual(byObject.points());
      }),
      { numRuns: 50 },
    );
  });

  it('should always pop each point exactly once, in (expiresAt, id) order, with any tags and removals', () => {
    // Tags drawn freely (not from a policy), so expiries need not follow creation order.
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        gap: fc.nat({ max: 5 }),
        until: fc.array(fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }), {
          minLength: 4,
          maxLength: 4,
        }),
      }),
      fc.record({ kind: fc.constant('advance' as const), by: fc.nat({ max: 20 }) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.nat({ max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const q = new RetentionQueue();
        let now = 0;
        let created = 0;
        let nextId = 0;
        const added = new Map<number, RetainedPoint>();
        const removed = new Set<number>();
        const popped: RetainedPoint[] = [];
        const addedSinceAdvance = new Set<number>();
        const pop = (to: number) => {
          for (const p of q.advance(to)) {
            expect(p.tags.expiresAt).toBeLessThanOrEqual(to);
            // Not one an earlier advance should have popped.
            if (!addedSinceAdvance.has(p.id)) expect(p.tags.expiresAt).toBeGreaterThan(now);
            popped.push(p);
          }
          addedSinceAdvance.clear();
          now = to;
        };
        for (const o of ops) {
          if (o.kind === 'add') {
            created = Math.max(created, now) + o.gap;
            const until = Object.fromEntries(
              TIERS.map((t, k) => [t, o.until[k] === null ? null : created + o.until[k]!]),
            ) as Record<Tier, number | null>;
            const tiers = TIERS.filter((t) => until[t] !== null);
            const expiresAt = Math.max(created, ...tiers.map((t) => until[t]!));
            const p = { id: nextId++, createdAt: created, tags: { tiers, until, expiresAt } };
            q.add(p);
            added.set(p.id, p);
            addedSinceAdvance.add(p.id);
          } else if (o.kind === 'advance') pop(now + o.by);
          else if (q.remove(o.id) !== null) removed.add(o.id);
        }
        pop(Number.POSITIVE_INFINITY);
        const ids = popped.map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids, ...removed].sort((a, b) => a - b)).toEqual([...added.keys()]);
        const key = (p: RetainedPoint) => [p.tags.expiresAt, p.id];
        for (let i = 1; i < popped.length; i++) {
          const [ta, ia] = key(popped[i - 1]);
          const [tb, ib] = key(popped[i]);
          expect(ta < tb || (ta === tb && ia < ib)).toBe(true);
        }
        expect(q.size).toBe(0);
        expect(q.countByTier()).toEqual(counts(0, 0, 0, 0));
      }),
    );
  });
});
