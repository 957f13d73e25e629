import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CapacityStep, Link, type Transfer } from '../../engine/link.js';
import { Simulation } from '../../engine/simulation.js';
import { MS } from '../../engine/units.js';

/** Starts `size` bytes at `at` and records when the completion was observed. */
function startAt(sim: Simulation, link: Link, at: number, size: number, cap?: number) {
  const seen = { transfer: null as Transfer | null, doneAt: -1 };
  const onDone = (s: Simulation) => {
    seen.doneAt = s.now;
  };
  sim.at(at, () => {
    seen.transfer = link.start(size, onDone, { cap });
  });
  return seen;
}

/** A fresh simulation with one link of `capacity` bytes/s. */
function aLink(capacity: number) {
  const sim = new Simulation();
  return { sim, link: new Link(sim, { name: 'l', capacity }) };
}

describe('Link', () => {
  it('finishes a lone transfer at size / capacity', () => {
    const { sim, link } = aLink(100_000);
    const t = startAt(sim, link, 0, 1_000_000);
    sim.run();
    expect(t.doneAt).toBe(10_000);
    expect(link.delivered(t.transfer!)).toBe(1_000_000);
    expect(link.bytesDelivered).toBe(1_000_000);
    expect(link.busyTime).toBe(10_000);
    expect(link.utilisation()).toBe(1);
  });

  it('finishes n equal transfers started together at n·size/capacity', () => {
    const { sim, link } = aLink(300_000);
    const ts = [0, 1, 2].map(() => startAt(sim, link, 0, 1_000_000));
    sim.run(5_000);
    expect(link.active).toBe(3);
    expect(link.rate(ts[0].transfer!)).toBe(100_000);
    expect(link.delivered(ts[1].transfer!)).toBeCloseTo(500_000, 6);
    sim.run();
    // 3 × 1,000,000 B / 300,000 B/s = 10 s (each at 100,000 B/s).
    expect(ts.map((t) => t.doneAt)).toEqual([10_000, 10_000, 10_000]);
  });

  it('gives the hand-computed finish after a capacity change mid-transfer', () => {
    const { sim, link } = aLink(100_000);
    const t = startAt(sim, link, 0, 1_000_000);
    sim.at(4_000, () => link.setCapacity(50_000));
    sim.run();
    // 4 s at 100,000 B/s = 400,000 B; the other 600,000 B at 50,000 B/s take 12 s: 4 s + 12 s.
    expect(t.doneAt).toBe(16_000);
  });

  it('gives a capped transfer its cap and the uncapped one the rest', () => {
    const { sim, link } = aLink(100_000);
    const capped = startAt(sim, link, 0, 200_000, 20_000);
    const free = startAt(sim, link, 0, 1_200_000);
    sim.run(1);
    expect(link.rate(capped.transfer!)).toBe(20_000);
    expect(link.rate(free.transfer!)).toBe(80_000);
    sim.run();
    // Capped: 200,000 B at 20,000 B/s = 10 s. Uncapped: 80,000 B/s × 10 s = 800,000 B,
    // then the remaining 400,000 B alone at 100,000 B/s = 4 s: done at 14 s.
    expect(capped.doneAt).toBe(10_000);
    expect(free.doneAt).toBe(14_000);
  });

  it('returns the bytes delivered on cancel and speeds up the others', () => {
    const { sim, link } = aLink(100_000);
    const a = startAt(sim, link, 0, 1_000_000);
    const b = startAt(sim, link, 0, 1_000_000);
    let got = -1;
    sim.at(4_000, () => {
      got = link.cancel(a.transfer!);
    });
    sim.run();
    // Each had 50,000 B/s for 4 s = 200,000 B; B's other 800,000 B alone take 8 s.
    expect(got).toBe(200_000);
    expect(a.doneAt).toBe(-1);
    expect(a.transfer!.state).toBe('cancelled');
    expect(b.doneAt).toBe(12_000);
    expect(link.cancel(a.transfer!)).toBe(200_000);
    expect(link.cancel(b.transfer!)).toBe(1_000_000);
    expect(link.bytesDelivered).toBe(1_200_000);
  });

  it('follows a work-hours throttling schedule', () => {
    const sim = new Simulation();
    const work = 10_000;
    const night = 100_000;
    // 08:00–18:00 throttled to `work`, otherwise `night`; the caller owns the calendar.
    const workHours = (now: number): CapacityStep => {
      const day = now - (now % MS.day);
      const h = now - day;
      if (h < 8 * MS.hour) return { at: day + 8 * MS.hour, capacity: work };
      if (h < 18 * MS.hour) return { at: day + 18 * MS.hour, capacity: night };
      return { at: day + MS.day + 8 * MS.hour, capacity: work };
    };
    const link = new Link(sim, { name: 'l', capacity: night });
    link.followSchedule(workHours);
    const a = startAt(sim, link, 0, 3_000_000_000);
    const b = startAt(sim, link, 17 * MS.hour, 100_000_000);
    sim.run(2 * MS.day);
    // A: 8 h × 3600 s × 100,000 B/s = 2.88e9 B by 08:00; 1.2e8 B at 10,000 B/s = 12,000 s
    // = 3 h 20 min: done 11:20.
    expect(a.doneAt).toBe(11 * MS.hour + 20 * MS.minute);
    // B: 17:00–18:00 at 10,000 B/s = 3.6e7 B; 6.4e7 B at 100,000 B/s = 640 s: 18:10:40.
    expect(b.doneAt).toBe(18 * MS.hour + 10 * MS.minute + 40 * MS.second);
    expect(link.capacity).toBe(night);
  });

  it('pauses at capacity 0 and resumes where it stopped', () => {
    const { sim, link } = aLink(100_000);
    const t = startAt(sim, link, 0, 1_000_000);
    sim.at(2_000, () => link.setCapacity(0));
    sim.at(5_000, () => link.setCapacity(100_000));
    sim.run(4_000);
    expect(link.delivered(t.transfer!)).toBe(200_000);
    expect(sim.peek()).toBe(5_000);
    sim.run();
    // 2 s moving, 3 s paused, then the other 800,000 B take 8 s.
    expect(t.doneAt).toBe(13_000);
  });

  it('observes a fractional finish at the next ms without losing bandwidth', () => {
    const { sim, link } = aLink(3_000);
    const a = startAt(sim, link, 0, 1_000);
    const b = startAt(sim, link, 0, 2_000);
    sim.run();
    // A: 1,000 B at 1,500 B/s = 666.7 ms, observed at 667. B then has 1,000 B left and
    // the whole 3,000 B/s from 666.7 ms on: 333.3 ms more, exactly 1,000 ms.
    expect(a.doneAt).toBe(667);
    expect(b.doneAt).toBe(1_000);
    expect(link.delivered(a.transfer!)).toBe(1_000);
  });

  it('reports and cancels a transfer whose bytes are in but whose completion is not yet observed', () => {
    const { sim, link } = aLink(3_000);
    let seen: { delivered: number; total: number; state: string } | null = null;
    let got = -1;
    // Scheduled first, so it runs at 667 ms before the link's completion event.
    sim.at(667, () => {
      seen = { delivered: link.delivered(a.transfer!), total: link.bytesDelivered, state: a.transfer!.state };
      got = link.cancel(a.transfer!);
    });
    const a = startAt(sim, link, 0, 1_000);
    const b = startAt(sim, link, 0, 2_000);
    sim.run();
    // A's last byte arrived at 666.7 ms: all 1,000 B are in, never more than 3,000 B/s × 0.667 s.
    expect(seen).toMatchObject({ delivered: 1_000, state: 'active' });
    expect(seen!.total).toBeLessThanOrEqual(2_001);
    expect(got).toBe(1_000);
    expect(a.doneAt).toBe(-1);
    expect(b.doneAt).toBe(1_000);
  });

  it('keeps exact finish times past a virtual-clock re-base', () => {
    const { sim, link } = aLink(1e9);
    const a = startAt(sim, link, 0, 3e12);
    const b = startAt(sim, link, 1_500_000, 1e9);
    sim.run();
    // By 1,500 s A has 1.5e12 B (past the 2^40 B re-base point). B's 1e9 B at 5e8 B/s take
    // 2 s; A's other 1.5e12 - 1e9 = 1.499e12 B alone at 1e9 B/s take 1,499 s: 3,001 s.
    expect(b.doneAt).toBe(1_502_000);
    expect(a.doneAt).toBe(3_001_000);
    expect(link.bytesDelivered).toBe(3e12 + 1e9);
  });

  it('completes a zero-size transfer by a zero-delay event', () => {
    const sim = new Simulation({ start: 50 });
    const link = new Link(sim, { name: 'l', capacity: 1 });
    let doneAt = -1;
    const t = link.start(0, (s) => {
      doneAt = s.now;
    });
    expect(doneAt).toBe(-1);
    expect(t.state).toBe('active');
    sim.run();
    expect(doneAt).toBe(50);
    expect(t.state).toBe('done');
    expect(t.endedAt).toBe(50);
  });

  it('lets a completion callback cancel a later transfer of its batch, and no other', () => {
    const sim = new Simulation();
    const link = new Link(sim, { name: 'l', capacity: 1000 });
    const log: string[] = [];
    let b: Transfer | null = null;
    let c: Transfer | null = null;
    // a and b finish together at 2000 ms; a's callback starts c (zero size) and cancels b.
    link.start(1000, () => {
      log.push('a');
      c = link.start(0, () => log.push('c'));
      expect(link.cancel(b!)).toBe(1000);
    });
    b = link.start(1000, () => log.push('b'));
    sim.run();
    expect(log).toEqual(['a', 'c']);
    expect(b.state).toBe('cancelled');
    expect(c!.state).toBe('done');
    expect(link.active).toBe(0);
  });
  it('rejects a bad capacity, size or cap, naming the value', () => {
    const sim = new Simulation();
    expect(() => new Link(sim, { name: 'l', capacity: 0 })).toThrow(
      new RangeError('link capacity must be > 0, got 0'),
    );
    expect(() => new Link(sim, { name: 'l', capacity: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    const link = new Link(sim, { name: 'l', capacity: 10 });
    expect(() => link.start(-5, () => {})).toThrow(
      new RangeError('transfer size must be >= 0 bytes, got -5'),
    );
    expect(() => link.start(Number.NaN, () => {})).toThrow(/got NaN/);
    expect(() => link.start(1, () => {}, { cap: 0 })).toThrow(/cap must be > 0 bytes\/s, got 0/);
    expect(() => link.setCapacity(-1)).toThrow(/got -1/);
    const other = new Link(sim, { name: 'm', capacity: 10 });
    expect(() => other.cancel(link.start(1, () => {}))).toThrow(/does not belong to link m/);
  });
});

// ---- properties ------------------------------------------------------------------

interface Spec {
  at: number;
  size: number;
  cap: number | undefined;
}

interface Scenario {
  capacity: number;
  steps: CapacityStep[];
  transfers: Spec[];
}

const aSpec = fc.record({
  at: fc.integer({ min: 0, max: 20_000 }),
  size: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_000_000 })),
  // A few shared caps exercise classes with several members; random ones make many classes.
  cap: fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(5_000, 40_000),
    fc.integer({ min: 100, max: 500_000 }),
  ),
});

const aScenario: fc.Arbitrary<Scenario> = fc
  .record({
    capacity: fc.integer({ min: 1_000, max: 1_000_000 }),
    steps: fc.uniqueArray(
      fc.record({
        at: fc.integer({ min: 1, max: 30_000 }),
        capacity: fc.integer({ min: 0, max: 1_000_000 }),
      }),
      { maxLength: 6, selector: (s) => s.at },
    ),
    last: fc.integer({ min: 1_000, max: 1_000_000 }),
    transfers: fc.array(aSpec, { minLength: 1, maxLength: 25 }),
  })
  .map(({ capacity, steps, last, transfers }) => ({
    capacity,
    // The last step leaves the link running, so every transfer finishes.
    steps: [...steps.sort((x, y) => x.at - y.at), { at: 30_001, capacity: last }],
    transfers,
  }));

interface Outcome {
  link: Link;
  transfers: (Transfer | null)[];
  doneAt: number[];
  /** Sizes of the completed transfers plus what cancel() returned. */
  accounted: number;
  samples: { t: number; delivered: number; offered: number }[];
}

interface Twists {
  /** Order in which the start handlers are scheduled (default: as listed). */
  order?: number[];
  /** At `at`, cancel the k-th started transfer (mod the count) if still active. */
  cancels?: { k: number; at: number }[];
}

/** Runs a scenario on a Link, sampling the totals every 997 ms. */
function runLink(sc: Scenario, { order, cancels = [] }: Twists = {}): Outcome {
  const sim = new Simulation();
  const link = new Link(sim, { name: 'l', capacity: sc.capacity });
  const queue = [...sc.steps];
  link.followSchedule(() => queue.shift() ?? null);
  const n = sc.transfers.length;
  const out: Outcome = {
    link,
    transfers: Array(n).fill(null),
    doneAt: Array(n).fill(-1),
    accounted: 0,
    samples: [],
  };
  const started: Transfer[] = [];
  for (const i of order ?? sc.transfers.map((_, j) => j)) {
    const { at, size, cap } = sc.transfers[i];
    const onDone = (s: Simulation) => {
      out.doneAt[i] = s.now;
      out.accounted += size;
    };
    sim.at(at, () => {
      out.transfers[i] = link.start(size, onDone, { cap });
      started.push(out.transfers[i]);
    });
  }
  for (const c of cancels) {
    sim.at(c.at, () => {
      const tr = started[c.k % Math.max(1, started.length)];
      if (tr === undefined || tr.state !== 'active') return;
      const before = link.delivered(tr);
      const got = link.cancel(tr);
      expect(got).toBeGreaterThanOrEqual(before - 1e-6);
      expect(got).toBeLessThanOrEqual(tr.size);
      out.accounted += got;
    });
  }
  for (let t = 0; t <= 40_000; t += 997) {
    sim.at(t, () => out.samples.push({ t, delivered: link.bytesDelivered, offered: link.capacityBytes }));
  }
  sim.run();
  return out;
}

/** Naive exact fluid model: recomputes every rate at every event, O(n) each. */
function reference(sc: Scenario): number[] {
  const finish = sc.transfers.map(() => Number.NaN);
  const arrivals = sc.transfers.map((s, i) => ({ ...s, i })).sort((x, y) => x.at - y.at || x.i - y.i);
  const steps = [...sc.steps];
  const active: { i: number; left: number; cap: number; rate: number }[] = [];
  let capacity = sc.capacity;
  let t = 0;
  while (arrivals.length > 0 || active.length > 0) {
    // Water-filling: sorted by cap, each gets min(cap, fair share of what is left).
    const byCap = [...active].sort((x, y) => x.cap - y.cap);
    let left = capacity;
    byCap.forEach((a, k) => {
      a.rate = Math.min(a.cap, left / (byCap.length - k));
      left -= a.rate;
    });
    let next = Number.POSITIVE_INFINITY;
    for (const a of active) if (a.rate > 0) next = Math.min(next, t + (a.left / a.rate) * 1000);
    const external = Math.min(
      arrivals[0]?.at ?? Number.POSITIVE_INFINITY,
      steps[0]?.at ?? Number.POSITIVE_INFINITY,
    );
    const to = Math.min(next, external);
    for (const a of active) a.left -= (a.rate * (to - t)) / 1000;
    t = to;
    for (let k = active.length - 1; k >= 0; k--) {
      if (active[k].left <= 1e-9 * (1 + sc.transfers[active[k].i].size)) {
        finish[active[k].i] = t;
        active.splice(k, 1);
      }
    }
    while (arrivals.length > 0 && arrivals[0].at === t) {
      const s = arrivals.shift()!;
      if (s.size === 0) finish[s.i] = t;
      else active.push({ i: s.i, left: s.size, cap: s.cap ?? Number.POSITIVE_INFINITY, rate: 0 });
    }
    while (steps.length > 0 && steps[0].at === t) capacity = steps.shift()!.capacity;
  }
  return finish;
}

describe('Link properties', () => {
  it('should always deliver exactly the bytes offered', () => {
    fc.assert(
      fc.property(aScenario, (sc) => {
        const { link, transfers, doneAt } = runLink(sc);
        const offered = sc.transfers.reduce((sum, s) => sum + s.size, 0);
        expect(doneAt.every((d) => d >= 0)).toBe(true);
        for (const [i, tr] of transfers.entries()) expect(link.delivered(tr!)).toBe(sc.transfers[i].size);
        expect(link.bytesDelivered).toBe(offered);
        expect(link.active).toBe(0);
      }),
    );
  });

  it('should always account cancelled bytes: completed sizes plus cancel returns', () => {
    const cancels = fc.array(fc.record({ k: fc.nat(), at: fc.integer({ min: 0, max: 25_000 }) }), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(aScenario, cancels, (sc, cs) => {
        const { link, accounted } = runLink(sc, { cancels: cs });
        expect(link.bytesDelivered).toBeCloseTo(accounted, 3);
        expect(link.active).toBe(0);
      }),
    );
  });

  it('should never finish before the fluid lower bound size / capacity', () => {
    fc.assert(
      fc.property(aScenario, (sc) => {
        const { doneAt } = runLink(sc);
        const peak = Math.max(sc.capacity, ...sc.steps.map((s) => s.capacity));
        sc.transfers.forEach((s, i) => {
          const fastest = Math.min(peak, s.cap ?? Number.POSITIVE_INFINITY);
          expect(doneAt[i] - s.at).toBeGreaterThanOrEqual((s.size / fastest) * 1000 - 1e-3);
        });
      }),
    );
  });

  it('should never carry more than the integral of capacity', () => {
    fc.assert(
      fc.property(aScenario, (sc) => {
        const { samples } = runLink(sc);
        let prev = 0;
        for (const { t, delivered, offered } of samples) {
          // Integral of the piecewise-constant capacity over [0, t], computed independently.
          let integral = 0;
          let c = sc.capacity;
          let from = 0;
          for (const s of sc.steps) {
            if (s.at > t) break;
            integral += (c * (s.at - from)) / 1000;
            c = s.capacity;
            from = s.at;
          }
          integral += (c * (t - from)) / 1000;
          expect(offered).toBeCloseTo(integral, 3);
          expect(delivered).toBeLessThanOrEqual(integral * (1 + 1e-9) + 1e-6);
          expect(delivered).toBeGreaterThanOrEqual(prev - 1e-6);
          prev = delivered;
        }
      }),
    );
  });

  it('should always match a naive reference model within 1 ms, never early', () => {
    fc.assert(
      fc.property(aScenario, (sc) => {
        const { doneAt } = runLink(sc);
        const exact = reference(sc);
        sc.transfers.forEach((_, i) => {
          expect(doneAt[i]).toBeGreaterThanOrEqual(exact[i] - 1e-3);
          expect(doneAt[i]).toBeLessThan(exact[i] + 1 + 1e-6);
        });
      }),
    );
  });

  it('should never depend on the order of simultaneous arrivals beyond identities', () => {
    fc.assert(
      fc.property(
        aScenario.chain((sc) => {
          const all = sc.transfers.map((_, i) => i);
          return fc.tuple(fc.constant(sc), fc.shuffledSubarray(all, { minLength: all.length }));
        }),
        ([sc, order]) => {
          // Few distinct start times, so many arrivals are simultaneous.
          const clumped = { ...sc, transfers: sc.transfers.map((s) => ({ ...s, at: s.at % 3 })) };
          const a = runLink(clumped);
          const b = runLink(clumped, { order });
          expect(b.doneAt).toEqual(a.doneAt);
          expect(b.link.bytesDelivered).toBe(a.link.bytesDelivered);
        },
      ),
    );
  });
});
